// Guards the contract between the migrations and the app's TypeScript vocabulary: the select
// values stored by PocketBase are exactly the ones the app offers.
import { beforeAll, describe, expect, it } from 'vitest';
import { ASSET_KIND_VALUES, AREA_LEVELS, ROLES } from '../../src/lib/pocketbase/types';
import { GIFTS } from '../../src/lib/assets/asset-form';
import { CONSENTS, OUTCOMES } from '../../src/lib/conversations/walk-list';
import { THEMES } from '../../src/lib/themes/themes';
import { superuserClient } from '../support/fixtures';

let selectValues: (collection: string, field: string) => string[];

beforeAll(async () => {
	const su = await superuserClient();
	const collections = await su.collections.getFullList();
	selectValues = (collection, field) => {
		const found = collections
			.find((c) => c.name === collection)
			?.fields.find((f: { name: string }) => f.name === field);
		if (!found) throw new Error(`${collection}.${field} is not in the schema`);
		return found.values;
	};
});

describe('schema contract', () => {
	it.each([
		['users', 'role', ROLES],
		['areas', 'level', AREA_LEVELS],
		['assets', 'kind', ASSET_KIND_VALUES],
		['assets', 'themes', THEMES],
		['conversations', 'themes', THEMES],
		['assets', 'gifts', GIFTS],
		['conversations', 'consent', CONSENTS]
	])('%s.%s has the values the app uses', (collection, field, values) => {
		expect(selectValues(collection, field)).toEqual([...values]);
	});

	// The walk offers "not home" first; the order in the schema does not matter there.
	it('conversations.outcome has the outcomes the walk offers', () => {
		expect(selectValues('conversations', 'outcome').sort()).toEqual([...OUTCOMES].sort());
	});
});
