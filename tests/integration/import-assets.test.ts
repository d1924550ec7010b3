// The import of assets through the route (pb_hooks/lib/import-assets.js): coordinators only within
// their areas, a row's address must be one imported address, all or nothing, a dry run writes
// nothing, and what an API create does besides (author, freshness, street) is done too.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendImport } from '../../src/lib/import/send.js';
import {
	createAreaTree,
	signedInUser,
	superuserClient,
	unique,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

let su: PocketBase;
let home: AreaTree;
let other: AreaTree;
let coordinator: SignedInUser;
let street: string;

beforeAll(async () => {
	su = await superuserClient();
	[home, other] = await Promise.all([createAreaTree(su), createAreaTree(su)]);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	street = `Importkade ${unique()}`;
	await su.collection('addresses').create({
		street,
		number: '7A',
		postcode: '3511AA',
		location: { lon: 5.005, lat: 52.005 },
		area: home.buurt.id
	});
});

const row = (fields: Record<string, unknown>) => ({
	line: 2,
	title: `Kracht ${unique()}`,
	kind: 'place',
	themes: ['groen'],
	description: '',
	street: '',
	number: '',
	postcode: '',
	lon: null,
	lat: null,
	...fields
});

describe('importing assets', () => {
	it('refuses workers and viewers', async () => {
		for (const role of ['worker', 'viewer'] as const) {
			const user = await signedInUser(su, role, [home.wijk.id]);
			await expect(sendImport(user.pb, 'assets', [row({})])).rejects.toMatchObject({ status: 403 });
		}
	});

	it('a coordinator imports into her areas, on an address or a point, stamped as hers', async () => {
		const onAddress = row({ street: street.toUpperCase(), number: '7a', postcode: '3511AA' });
		const onPoint = row({ line: 3, lon: 5.003, lat: 52.003 });
		const dry = await sendImport(coordinator.pb, 'assets', [onAddress, onPoint], { dryRun: true });
		expect(dry).toMatchObject({ ok: true, created: 2 });
		expect(
			(await su.collection('assets').getList(1, 1, { filter: `title = "${onAddress.title}"` }))
				.totalItems
		).toBe(0);
		const result = await sendImport(coordinator.pb, 'assets', [onAddress, onPoint]);
		expect(result).toMatchObject({ ok: true, created: 2 });
		const stored = await su.collection('assets').getFirstListItem(`title = "${onAddress.title}"`);
		expect(stored).toMatchObject({
			location: { lon: 5.005, lat: 52.005 },
			area: home.buurt.id,
			createdBy: coordinator.id,
			confirmedBy: coordinator.id,
			street
		});
	});

	it('a point outside her areas or an unknown address refuses the whole file', async () => {
		const good = row({ lon: 5.003, lat: 52.003 });
		const outside = row({ line: 3, lon: 5.07, lat: 52.07 });
		const unknown = row({ line: 4, street: 'Geenstraat', number: '1' });
		// In her gemeente, outside her wijk (and `other`, on the same spot, is not hers).
		expect(other.buurt.id).not.toBe(home.buurt.id);
		const result = await sendImport(coordinator.pb, 'assets', [good, outside, unknown]);
		expect(result.ok).toBe(false);
		expect(result.errors).toEqual([
			{ line: 3, reason: expect.stringMatching(/geen van uw gebieden/) },
			{ line: 4, reason: expect.stringMatching(/Geenstraat 1 niet gevonden/) }
		]);
		expect(
			(await su.collection('assets').getList(1, 1, { filter: `title = "${good.title}"` }))
				.totalItems
		).toBe(0);
	});
});
