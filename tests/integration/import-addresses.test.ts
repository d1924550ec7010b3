// The bulk import of addresses (pb_hooks/import.pb.js, lib/import-addresses.js), with the real
// BAG addresses of Amsterdam Westerdok (tests/fixtures/import/bag-westerdok.geojson): all or
// nothing, keyed by the nummeraanduiding id (again: unchanged or updated, never doubled), each
// placed in its buurt, those outside every area listed, counts per area kept, street assets'
// public points recomputed, one audit entry, and only for admins and coordinators in their areas.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { addressRows, ADDRESS_FIELDS, type AddressRow } from '../../src/lib/import/addresses.js';
import { guessMapping } from '../../src/lib/import/fields.js';
import { sendImport } from '../../src/lib/import/send.js';
import { readTable } from '../../src/lib/import/table.js';
import { ROOT } from '../support/pocketbase';
import { signedInUser, superuserClient, unique, type SignedInUser } from '../support/fixtures';

const FILE = join(ROOT, 'tests/fixtures/import/bag-westerdok.geojson');

function westerdokRows(): AddressRow[] {
	const table = readTable('bag-westerdok.geojson', readFileSync(FILE));
	const { rows, errors } = addressRows(table, guessMapping(table.columns, ADDRESS_FIELDS));
	expect(errors).toEqual([]);
	return rows;
}

/** A rectangle as a GeoJSON Polygon. */
const box = (west: number, south: number, east: number, north: number) => ({
	type: 'Polygon',
	coordinates: [
		[
			[west, south],
			[east, south],
			[east, north],
			[west, north],
			[west, south]
		]
	]
});

let su: PocketBase;
let admin: SignedInUser;
let rows: AddressRow[];
const SPLIT = 4.8895;
const areas = { gemeente: '', wijk: '', west: '', east: '' };

beforeAll(async () => {
	su = await superuserClient();
	const tag = unique();
	const make = (level: string, parent: string, geometry: unknown, suffix = '') =>
		su.collection('areas').create({
			code: `${level}-${tag}${suffix}`,
			name: `${level} ${tag}${suffix}`,
			level,
			parent,
			geometry
		});
	areas.gemeente = (await make('gemeente', '', box(4.8, 52.3, 5.0, 52.5))).id;
	areas.wijk = (await make('wijk', areas.gemeente, box(4.85, 52.37, 4.95, 52.42))).id;
	areas.west = (await make('buurt', areas.wijk, box(4.88, 52.38, SPLIT, 52.4), 'w')).id;
	areas.east = (await make('buurt', areas.wijk, box(SPLIT, 52.38, 4.9, 52.4), 'e')).id;
	admin = await signedInUser(su, 'admin', []);
	rows = westerdokRows();
});

const countIn = async (area: string) =>
	(await su.collection('addresses').getList(1, 1, { filter: `area = "${area}"` })).totalItems;
const countOf = async (bagIds: string[]) =>
	(
		await su.collection('addresses').getList(1, 1, {
			filter: bagIds.map((id) => `bagId = "${id}"`).join(' || ')
		})
	).totalItems;

describe('importing BAG addresses', () => {
	it('refuses workers and viewers before reading anything', async () => {
		for (const role of ['worker', 'viewer'] as const) {
			const user = await signedInUser(su, role, [areas.gemeente]);
			await expect(sendImport(user.pb, 'addresses', rows.slice(0, 2))).rejects.toMatchObject({
				status: 403
			});
		}
	});

	it('a dry run reports what would happen and writes nothing', async () => {
		const result = await sendImport(admin.pb, 'addresses', rows, { dryRun: true });
		expect(result).toMatchObject({ ok: true, dryRun: true, created: rows.length, updated: 0 });
		expect(await countOf(rows.slice(0, 3).map((r) => r[1]))).toBe(0);
	});

	it('writes every address in its buurt, counts them per area and audits it once', async () => {
		const progress: number[] = [];
		const result = await sendImport(admin.pb, 'addresses', rows, {
			onProgress: (done) => progress.push(done)
		});
		expect(result).toMatchObject({ ok: true, created: rows.length, updated: 0, unchanged: 0 });
		expect(progress.at(-1)).toBe(rows.length);
		const west = rows.filter((r) => r[6] < SPLIT).length;
		expect(await countIn(areas.west)).toBe(west);
		expect(await countIn(areas.east)).toBe(rows.length - west);
		const counts = await su.collection('areas').getFullList({
			filter: `id = "${areas.west}" || id = "${areas.east}" || id = "${areas.wijk}"`
		});
		const byId = Object.fromEntries(counts.map((a) => [a.id, a.addressCount]));
		expect(byId).toEqual({ [areas.west]: west, [areas.east]: rows.length - west, [areas.wijk]: 0 });
		const one = await su.collection('addresses').getFirstListItem(`bagId = "${rows[0][1]}"`);
		expect(one).toMatchObject({
			street: 'Barentszplein',
			number: '1-H',
			postcode: '1013NJ',
			city: 'Amsterdam',
			location: { lon: 4.8910276, lat: 52.3892794 },
			area: areas.east
		});
		const audit = await su.collection('audit_log').getFirstListItem(`actor = "${admin.id}"`, {
			sort: '-created'
		});
		expect(audit).toMatchObject({ action: 'create', targetCollection: 'addresses' });
		expect(audit.details).toMatchObject({ import: 'addresses', created: rows.length });
	});

	it('again: unchanged, and a changed address updated, never doubled', async () => {
		const again = await sendImport(admin.pb, 'addresses', rows);
		expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: rows.length });
		const changed = rows.map((r, i) =>
			i === 0 ? ([...r.slice(0, 2), 'Nieuwe straat', ...r.slice(3)] as AddressRow) : r
		);
		const result = await sendImport(admin.pb, 'addresses', changed);
		expect(result).toMatchObject({ ok: true, created: 0, updated: 1, unchanged: rows.length - 1 });
		expect(await countOf([rows[0][1]])).toBe(1);
		const one = await su.collection('addresses').getFirstListItem(`bagId = "${rows[0][1]}"`);
		expect(one.street).toBe('Nieuwe straat');
		await sendImport(admin.pb, 'addresses', rows);
	});

	it('with one bad row among good ones, names its line and writes none of them', async () => {
		const fresh = rows.slice(0, 5).map((r, i) => {
			const copy = [...r] as AddressRow;
			copy[1] = `99${String(Date.now()).slice(-10)}${String(i).padStart(4, '0')}`;
			return copy;
		});
		fresh[3][4] = '0000XX';
		const result = await sendImport(admin.pb, 'addresses', fresh);
		expect(result.ok).toBe(false);
		expect(result.errors).toEqual([
			{ line: fresh[3][0], reason: expect.stringContaining('postcode') }
		]);
		expect(await countOf(fresh.map((r) => r[1]))).toBe(0);
	});

	it('lists addresses outside every area, and imports the rest only when told to skip them', async () => {
		const base = `98${String(Date.now()).slice(-10)}`;
		const inside = [...rows[0]] as AddressRow;
		inside[1] = `${base}0001`;
		const outside = [...rows[1]] as AddressRow;
		outside[1] = `${base}0002`;
		// The North Sea, 70 km off Noordwijk: inside the bounds of the Netherlands, in no area of
		// any test (multi-gemeente.test.ts keeps its made-up gemeenten out at sea near 3.1, 53.6).
		outside[6] = 3.4;
		outside[7] = 52.3;
		const refused = await sendImport(admin.pb, 'addresses', [inside, outside]);
		expect(refused).toMatchObject({ ok: false, outsideCount: 1 });
		expect(refused.outside[0]).toMatchObject({ line: outside[0], bagId: outside[1] });
		expect(await countOf([inside[1], outside[1]])).toBe(0);
		const skipped = await sendImport(admin.pb, 'addresses', [inside, outside], {
			skipOutside: true
		});
		expect(skipped).toMatchObject({ ok: true, created: 1, skipped: 1 });
		expect(await countOf([inside[1], outside[1]])).toBe(1);
	});

	it('a coordinator imports only into her own areas', async () => {
		const coordinator = await signedInUser(su, 'coordinator', [areas.west]);
		const result = await sendImport(coordinator.pb, 'addresses', rows, { dryRun: true });
		const west = rows.filter((r) => r[6] < SPLIT).length;
		expect(result).toMatchObject({ ok: false, outsideCount: rows.length - west });
		const own = await sendImport(
			coordinator.pb,
			'addresses',
			rows.filter((r) => r[6] < SPLIT)
		);
		expect(own).toMatchObject({ ok: true, unchanged: west });
	});

	it('keeps a street asset’s public point at the middle of its street’s addresses', async () => {
		const worker = await signedInUser(su, 'worker', [areas.gemeente]);
		const street = `Importstraat ${unique()}`;
		const base = `97${String(Date.now()).slice(-10)}`;
		const doors = [0, 1, 2, 3, 4].map(
			(i) =>
				[
					i + 1,
					`${base}000${i}`,
					street,
					String(i + 1),
					'',
					'Amsterdam',
					4.89 + i * 0.001,
					52.389
				] as AddressRow
		);
		expect(await sendImport(admin.pb, 'addresses', doors)).toMatchObject({ ok: true, created: 5 });
		const asset = await worker.pb.collection('assets').create({
			kind: 'capacity',
			title: 'Helpt met klussen',
			gifts: ['hands'],
			status: 'active',
			location: { lon: 4.892, lat: 52.3891 },
			precision: 'street',
			area: areas.east
		});
		expect(asset.street).toBe(street);
		// The last door moves 6 m east: the street's middle follows, in the import's transaction.
		doors[4][6] = 4.899;
		expect(await sendImport(admin.pb, 'addresses', doors)).toMatchObject({ ok: true, updated: 1 });
		const stored = await su.collection('assets').getOne(asset.id);
		expect(stored.publicLocation.lon).toBeCloseTo((4.89 + 4.891 + 4.892 + 4.893 + 4.899) / 5, 9);
		expect(stored.publicLocation.lat).toBeCloseTo(52.389, 9);
	});

	it('keeps areas.addressCount on a single save and delete too', async () => {
		const before = await su.collection('areas').getOne(areas.west);
		const address = await su.collection('addresses').create({
			street: 'Losse straat',
			number: '1',
			location: { lon: 4.885, lat: 52.39 },
			area: areas.west
		});
		expect((await su.collection('areas').getOne(areas.west)).addressCount).toBe(
			before.addressCount + 1
		);
		await su.collection('addresses').update(address.id, {
			area: areas.east,
			location: { lon: 4.895, lat: 52.39 }
		});
		expect((await su.collection('areas').getOne(areas.west)).addressCount).toBe(
			before.addressCount
		);
		await su.collection('addresses').delete(address.id);
		expect((await su.collection('areas').getOne(areas.west)).addressCount).toBe(
			before.addressCount
		);
	});
});
