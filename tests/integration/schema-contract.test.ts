// Guards the contract between the migrations and the vocabulary the app and the hooks share
// (pb_hooks/lib/vocabulary.json, src/lib/vocabulary): the select values stored by PocketBase are
// exactly the ones the app offers, and the schema's own limits are the vocabulary's.
import { beforeAll, describe, expect, it } from 'vitest';
import { AREA_LEVELS, ROLES } from '../../src/lib/pocketbase/types';
import {
	CONSENT_SCOPES,
	GIFT_KINDS,
	LIMITS,
	OUTCOMES,
	QUESTION_KINDS,
	THEMES,
	ASSET_KIND_VALUES
} from '../../src/lib/vocabulary/vocabulary';
import { superuserClient } from '../support/fixtures';

interface SchemaField {
	name: string;
	values: string[];
	max: number;
	maxSelect: number;
}

let field: (collection: string, name: string) => SchemaField;
let selectValues: (collection: string, field: string) => string[];

beforeAll(async () => {
	const su = await superuserClient();
	const collections = await su.collections.getFullList();
	field = (collection, name) => {
		const found = collections
			.find((c) => c.name === collection)
			?.fields.find((f: { name: string }) => f.name === name);
		if (!found) throw new Error(`${collection}.${name} is not in the schema`);
		return found as unknown as SchemaField;
	};
	selectValues = (collection, name) => field(collection, name).values;
});

describe('schema contract', () => {
	it.each([
		['users', 'role', ROLES],
		['areas', 'level', AREA_LEVELS],
		['assets', 'kind', ASSET_KIND_VALUES],
		['assets', 'themes', THEMES],
		['conversations', 'themes', THEMES],
		['assets', 'gifts', GIFT_KINDS],
		['conversations', 'consent', CONSENT_SCOPES],
		['rounds', 'themes', THEMES],
		['round_questions', 'kind', QUESTION_KINDS]
	])('%s.%s has the values the app uses', (collection, field, values) => {
		expect(selectValues(collection, field)).toEqual([...values]);
	});

	// The walk offers "not home" first; the order in the schema does not matter there.
	it('conversations.outcome has the outcomes the walk offers', () => {
		expect(selectValues('conversations', 'outcome').sort()).toEqual([...OUTCOMES].sort());
	});

	// The hooks check these limits before PocketBase does, with the form's codes; the schema
	// must not be stricter (its own error would then reach the form) nor looser.
	it.each([
		['conversations', 'wishes', LIMITS.conversation.wishes],
		['conversations', 'notes', LIMITS.conversation.notes],
		['conversations', 'language', LIMITS.conversation.language],
		['follow_ups', 'what', LIMITS.conversation.followUpWhat],
		['people', 'contact', LIMITS.person.contact],
		['assets', 'title', LIMITS.asset.title],
		['assets', 'description', LIMITS.asset.description],
		['rounds', 'name', LIMITS.round.name],
		['walk_lists', 'name', LIMITS.round.name],
		['round_questions', 'textNl', LIMITS.round.questionText],
		['round_questions', 'textEn', LIMITS.round.questionText]
	])("%s.%s holds the vocabulary's limit", (collection, name, max) => {
		expect(field(collection, name).max).toBe(max);
	});

	it('conversations.connectTo holds as many initiatives as the vocabulary allows', () => {
		expect(field('conversations', 'connectTo').maxSelect).toBe(LIMITS.conversation.connectTo);
	});

	it('walk_lists.assignees holds as many workers as the vocabulary allows', () => {
		expect(field('walk_lists', 'assignees').maxSelect).toBe(LIMITS.round.assignees);
	});

	it("has room for a resident's first name and a gift's words where they are kept", () => {
		expect(field('people', 'display_name').max).toBeGreaterThanOrEqual(LIMITS.person.firstName);
		expect(field('assets', 'title').max).toBeGreaterThanOrEqual(LIMITS.conversation.giftTag);
	});
});
