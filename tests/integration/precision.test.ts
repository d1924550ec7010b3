// Guards location precision on the real server: a viewer gets a street- or area-precision asset
// only at its public point (by view, list, expand, realtime and the map snapshot), never its
// stored one, and cannot search for it with filters or sorts; field roles and admins get the
// stored point; the server computes the public point on every save, whatever a client sends, and
// the migration gives stored assets the same.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { ensurePocketBase } from '../../scripts/pocketbase.mjs';
import { useFetchEventSource } from '../support/event-source';
import {
	createAreaTree,
	signedInUser,
	superuserClient,
	unique,
	type AreaTree,
	type Role,
	type SignedInUser,
	cellMiddle,
	expectAt,
	type Point
} from '../support/fixtures';
import { ROOT, SUPERUSER, withServedDataDir } from '../support/pocketbase';

type Item = Record<string, unknown> & { id: string; location: Point; street: string };

// The home buurt is SQUARE(5.0, 52.0, 0.01): its bounding box's middle is (5.005, 52.005).
const BUURT_MIDDLE = { lon: 5.005, lat: 52.005 };
// Six doors on a long street, 0.0004° (about 27 m) apart: their middle is (5.003, 52.005).
const LONG_STREET_MIDDLE = { lon: 5.003, lat: 52.005 };
// Stored points with digits no public point has, so a leak shows in any response's text.
const AT = {
	exact: { lon: 5.0020137, lat: 52.0050137 },
	street: { lon: 5.0021371, lat: 52.0051371 },
	shortStreet: { lon: 5.0071371, lat: 52.0021371 },
	noStreet: { lon: 5.0091371, lat: 52.0091371 },
	area: { lon: 5.0031371, lat: 52.0061371 },
	custom: { lon: 5.0041371, lat: 52.0081371 }
};

/** Fails when a text holds a stored point of an asset that is not exact. */
function expectNoStoredPoint(text: string) {
	for (const [name, point] of Object.entries(AT)) {
		if (name === 'exact') continue;
		expect(text).not.toContain(String(point.lon));
		expect(text).not.toContain(String(point.lat));
	}
}

let su: PocketBase;
let home: AreaTree;
/** A custom area under the home wijk, without a geometry. */
let customArea: string;
let longStreet: string;
let shortStreet: string;
const users = {} as Record<Role, SignedInUser>;
/** Assets made by the worker through the API, one per precision and case. */
const ids = {} as Record<keyof typeof AT, string>;

async function newAsset(pb: PocketBase, location: Point, fields: Record<string, unknown> = {}) {
	return pb.collection('assets').create<Item>({
		kind: 'capacity',
		title: `Kookt graag ${unique()}`,
		gifts: ['hands'],
		location,
		precision: 'street',
		area: home.buurt.id,
		status: 'active',
		...fields
	});
}

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	customArea = (
		await su.collection('areas').create({
			code: `CU-${unique()}`,
			name: 'Rondom het plein',
			level: 'custom',
			parent: home.wijk.id
		})
	).id;
	longStreet = `Lange Precisiestraat ${unique()}`;
	shortStreet = `Hofje ${unique()}`;
	for (let i = 0; i < 6; i++) {
		await su.collection('addresses').create({
			street: longStreet,
			number: String(2 * i + 1),
			location: { lon: 5.002 + i * 0.0004, lat: 52.005 },
			area: home.buurt.id
		});
	}
	for (const [i, lon] of [5.007, 5.0072].entries()) {
		await su.collection('addresses').create({
			street: shortStreet,
			number: String(i + 1),
			location: { lon, lat: 52.002 },
			area: home.buurt.id
		});
	}
	users.admin = await signedInUser(su, 'admin', []);
	users.coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	users.worker = await signedInUser(su, 'worker', [home.wijk.id]);
	users.viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	const worker = users.worker.pb;
	ids.exact = (await newAsset(worker, AT.exact, { kind: 'place', precision: 'exact' })).id;
	ids.street = (await newAsset(worker, AT.street)).id;
	ids.shortStreet = (await newAsset(worker, AT.shortStreet)).id;
	ids.noStreet = (await newAsset(worker, AT.noStreet)).id;
	ids.area = (await newAsset(worker, AT.area, { kind: 'key_figure', precision: 'area' })).id;
	ids.custom = (await newAsset(worker, AT.custom, { precision: 'area', area: customArea })).id;
});

/** What a viewer gets of each asset: its public point, and its street unless area precision. */
const publicOf = (): Record<keyof typeof AT, { location: Point; street: string }> => ({
	exact: { location: AT.exact, street: longStreet },
	street: { location: LONG_STREET_MIDDLE, street: longStreet },
	// Two doors only: their middle would point at one of them.
	shortStreet: { location: cellMiddle(AT.shortStreet, 250), street: shortStreet },
	noStreet: { location: cellMiddle(AT.noStreet, 250), street: '' },
	area: { location: BUURT_MIDDLE, street: '' },
	custom: { location: cellMiddle(AT.custom, 1000), street: '' }
});
/** What admins, coordinators and workers get: what is stored. */
const storedOf = (): Record<keyof typeof AT, { location: Point; street: string }> => ({
	exact: { location: AT.exact, street: longStreet },
	street: { location: AT.street, street: longStreet },
	shortStreet: { location: AT.shortStreet, street: shortStreet },
	noStreet: { location: AT.noStreet, street: '' },
	area: { location: AT.area, street: longStreet },
	custom: { location: AT.custom, street: '' }
});
const expectedFor = (role: Role) => (role === 'viewer' ? publicOf() : storedOf());
const CASES = Object.keys(AT) as (keyof typeof AT)[];
const ROLES: Role[] = ['viewer', 'worker', 'coordinator', 'admin'];

function expectSeen(item: Item | undefined, expected: { location: Point; street: string }) {
	expect(item).toBeDefined();
	expectAt(item!.location, expected.location);
	expect(item!.street).toBe(expected.street);
	expect(item).not.toHaveProperty('publicLocation');
}

function mapSnapshot(pb: PocketBase, areas: string[]) {
	return pb.send<{ assets: Item[]; links: Record<string, unknown>[] }>('/api/krachtkaart/map', {
		query: { areas: areas.join(',') },
		requestKey: null
	});
}

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
	const deadline = Date.now() + 5_000;
	while (Date.now() < deadline) {
		const found = find();
		if (found !== undefined) return found;
		await new Promise((r) => setTimeout(r, 25));
	}
	throw new Error(`no ${what} within 5 s`);
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
	const error = await promise.then(
		() => null,
		(e: { status: number; response?: { message?: string } }) => e
	);
	return { status: error?.status ?? 200, message: error?.response?.message ?? '' };
}

describe('an asset’s point, per role and precision', () => {
	for (const role of ROLES) {
		it(`reaches a ${role} by view and list as ${role === 'viewer' ? 'its public point' : 'stored'}`, async () => {
			const pb = users[role].pb;
			const expected = expectedFor(role);
			const listed = await pb.collection('assets').getFullList<Item>({
				filter: pb.filter('area = {:buurt} || area = {:custom}', {
					buurt: home.buurt.id,
					custom: customArea
				})
			});
			for (const name of CASES) {
				expectSeen(await pb.collection('assets').getOne<Item>(ids[name]), expected[name]);
				expectSeen(
					listed.find((a) => a.id === ids[name]),
					expected[name]
				);
			}
		});

		it(`reaches a ${role} in the map snapshot as in the records API`, async () => {
			const pb = users[role].pb;
			const expected = expectedFor(role);
			const { assets } = await mapSnapshot(pb, [home.wijk.id]);
			for (const name of CASES) {
				expectSeen(
					assets.find((a) => a.id === ids[name]),
					expected[name]
				);
			}
		});
	}

	it('lets superusers see the stored point and the public one', async () => {
		const stored = storedOf();
		const shown = publicOf();
		for (const name of CASES) {
			const record = await su.collection('assets').getOne(ids[name]);
			expectAt(record.location, stored[name].location);
			expectAt(record.publicLocation, shown[name].location);
		}
	});
});

describe('realtime', () => {
	useFetchEventSource();
	const subscribed: PocketBase[] = [];
	afterAll(async () => {
		for (const pb of subscribed) await pb.realtime.unsubscribe();
	});

	it('brings a viewer the public point and a worker the stored one, by every kind of topic', async () => {
		const events: Record<string, { action: string; record: Item }[]> = {};
		// Every way PocketBase names the topic (pb_hooks/lib/asset-view.js isAssetTopic): by name
		// or collection id, and the old topic without "/*"; and with only some fields picked.
		const collectionId = (await su.collections.getOne('assets')).id;
		const listeners: { name: string; topic: string; options?: Record<string, string> }[] = [
			{ name: 'viewer', topic: '*', options: { expand: 'area.parent' } },
			{ name: 'worker', topic: '*', options: { expand: 'area.parent' } },
			{ name: 'viewerById', topic: `${collectionId}/*` },
			{ name: 'viewerOld', topic: 'assets' },
			{ name: 'viewerFields', topic: '*', options: { fields: 'id,location,street,person' } }
		];
		for (const { name, topic, options } of listeners) {
			// New clients: each keeps its own realtime connection.
			const user = await signedInUser(su, name === 'worker' ? 'worker' : 'viewer', [home.wijk.id]);
			subscribed.push(user.pb);
			events[name] = [];
			const push = (e: { action: string; record: Item }) => events[name].push(e);
			// As the app subscribes (src/lib/assets/assets.api.ts), and the other forms.
			if (topic === '*') await user.pb.collection('assets').subscribe<Item>('*', push, options);
			else await user.pb.realtime.subscribe(topic, push, options);
		}
		// A viewer cannot expand a link's assets, here neither (lib/field-access.js expandRefusal).
		const viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
		subscribed.push(viewer.pb);
		const expanded = await refusal(
			viewer.pb.collection('links').subscribe('*', () => {}, { expand: 'from,to' })
		);
		expect(expanded.status).toBe(400);

		const made = await newAsset(users.worker.pb, AT.street, { title: 'Live op straatniveau' });
		await users.worker.pb.collection('assets').update(ids.area, { description: unique() });
		const gone = await newAsset(users.worker.pb, AT.area, { title: 'Weg op buurtniveau' });
		await users.coordinator.pb.collection('assets').delete(gone.id);

		const seen = (name: string, id: string, action: string) =>
			until(
				() => events[name].find((e) => e.record.id === id && e.action === action)?.record,
				`${action} event of ${id} for ${name}`
			);
		for (const name of ['viewer', 'viewerById', 'viewerOld']) {
			expectSeen(await seen(name, made.id, 'create'), publicOf().street);
			expectSeen(await seen(name, ids.area, 'update'), publicOf().area);
		}
		expectSeen(await seen('worker', made.id, 'create'), storedOf().street);
		expectSeen(await seen('worker', ids.area, 'update'), storedOf().area);
		const picked = await seen('viewerFields', ids.area, 'update');
		expectAt(picked.location, publicOf().area.location);
		expect(picked).not.toHaveProperty('person');
		// A deleted asset's event keeps no point for a viewer; the worker's has the stored one.
		const viewerDelete = await seen('viewer', gone.id, 'delete');
		expect(viewerDelete).not.toHaveProperty('location');
		expectAt((await seen('worker', gone.id, 'delete')).location, AT.area);
		expectNoStoredPoint(
			JSON.stringify(['viewer', 'viewerById', 'viewerOld', 'viewerFields'].map((n) => events[n]))
		);
	});

	it('refuses a viewer a subscription filtered on a location, not a worker', async () => {
		const viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
		const worker = await signedInUser(su, 'worker', [home.wijk.id]);
		subscribed.push(viewer.pb, worker.pb);
		const filter = 'location.lon > 5.0021 && location.lon < 5.0022';
		const refused = await refusal(
			viewer.pb.collection('assets').subscribe('*', () => {}, { filter })
		);
		expect(refused.status).toBe(400);
		expect(refused.message).toContain('You cannot filter or sort on "location');
		const unsubscribe = await worker.pb.collection('assets').subscribe('*', () => {}, { filter });
		await unsubscribe();
	});

	it('reads a subscription as PocketBase does: any spelling of its query, escapes decoded', async () => {
		const crafted = (options: string) => `*?options=${encodeURIComponent(options)}`;
		for (const options of [
			'{"QUERY":{"filter":"\\u006cocation.lon > 5"}}',
			'{"query":{"filter":"id != \'\'"},"Query":{"filter":"from.location.lat > 52"}}',
			'{"query":'
		]) {
			const viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
			subscribed.push(viewer.pb);
			const refused = await refusal(
				viewer.pb.collection('links').subscribe(crafted(options), () => {})
			);
			expect({ options, status: refused.status }).toEqual({ options, status: 400 });
		}
		// Expanding what she does not get is refused too (a viewer has no tasks: the app asks
		// this for staff only); a filter on what she gets is fine.
		const viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
		subscribed.push(viewer.pb);
		const tasks = await refusal(
			viewer.pb.collection('follow_ups').subscribe('*', () => {}, {
				expand: 'conversation.address',
				fields: 'id,expand.conversation.expand.address.street'
			})
		);
		expect(tasks.status).toBe(400);
		const other = await signedInUser(su, 'viewer', [home.wijk.id]);
		subscribed.push(other.pb);
		await other.pb.collection('assets').subscribe('*', () => {}, { filter: 'kind = "place"' });
	});
});

describe('a viewer', () => {
	it('never gets the stored point of a street or area asset, by any route', async () => {
		const pb = users.viewer.pb;
		await users.worker.pb
			.collection('links')
			.create({ from: ids.street, to: ids.exact, kind: 'supports' });
		const responses: unknown[] = [
			...(await Promise.all(CASES.map((name) => pb.collection('assets').getOne(ids[name])))),
			...(await Promise.all(
				CASES.map((name) =>
					pb.collection('assets').getOne(ids[name], { fields: '*,location,publicLocation' })
				)
			)),
			await pb.collection('assets').getFullList({ sort: '-created' }),
			await pb.collection('links').getFullList(),
			await mapSnapshot(pb, [home.gemeente.id])
		];
		// A link's assets cannot be expanded by a viewer (they are changed per request, which an
		// expanded record would skip: pb_hooks/lib/asset-view.js), nor back-relations at all.
		for (const expand of ['from', 'to', 'from,to']) {
			expect((await refusal(pb.collection('links').getFullList({ expand }))).status).toBe(400);
		}
		for (const area of [home.buurt.id, customArea]) {
			const back = await refusal(
				pb.collection('areas').getOne(area, { expand: 'assets_via_area' })
			);
			expect(back.status).toBe(400);
		}
		const text = JSON.stringify(responses);
		expectNoStoredPoint(text);
		expect(text).not.toContain('publicLocation');
		// The comparison is not empty: every asset and the link came back.
		for (const name of CASES) expect(text).toContain(ids[name]);
	});

	it('cannot filter or sort on a location or on assets’ streets, in any collection', async () => {
		const pb = users.viewer.pb;
		const near = 'geoDistance(location.lon, location.lat, 5.00213, 52.00513) < 0.01';
		const attempts: [string, Record<string, string>][] = [
			['assets', { filter: 'location.lon > 5.0021 && location.lon < 5.0022' }],
			['assets', { filter: near }],
			['assets', { sort: 'location' }],
			['assets', { sort: '-street' }],
			['assets', { filter: pb.filter('street = {:s}', { s: longStreet }) }],
			['links', { filter: 'from.location.lon > 5.0021' }],
			['areas', { filter: 'assets_via_area.location.lon > 5.0021' }],
			['areas', { filter: pb.filter('assets_via_area.street ?= {:s}', { s: longStreet }) }],
			['users', { filter: 'assets_via_createdBy.location.lat > 52' }]
		];
		for (const [collection, query] of attempts) {
			const refused = await refusal(pb.collection(collection).getList(1, 10, query));
			expect({ collection, query, ...refused }).toEqual({
				collection,
				query,
				status: 400,
				message: expect.stringMatching(/You cannot filter or sort on "|through a back-relation/)
			});
		}
		// A hidden field, a field by another spelling, @collection (superusers only): PocketBase
		// refuses those itself.
		for (const [collection, filter] of [
			['assets', 'publicLocation.lon > 5'],
			['assets', 'LOCATION.lat > 52'],
			['addresses', '@collection.assets.location.lon > 5.0021'],
			['addresses', '@collection.assets.street = street']
		]) {
			const { status } = await refusal(pb.collection(collection).getList(1, 10, { filter }));
			expect([400, 403]).toContain(status);
		}
		// What viewers and the app do ask still works: the addresses' own street, areas.
		const doors = await pb.collection('addresses').getFullList({
			filter: pb.filter('street = {:s}', { s: longStreet }),
			sort: 'street,number'
		});
		expect(doors).toHaveLength(6);
		const inBuurt = await pb.collection('assets').getFullList({
			filter: pb.filter('area = {:a}', { a: home.buurt.id }),
			sort: 'title'
		});
		expect(inBuurt.map((a) => a.id)).toContain(ids.street);
	});

	it('is refused what a worker may ask (so the filter would have found the point)', async () => {
		const found = await users.worker.pb.collection('assets').getFullList({
			filter: 'geoDistance(location.lon, location.lat, 5.00213, 52.00513) < 0.01'
		});
		expect(found.map((a) => a.id)).toContain(ids.street);
		expect(found.map((a) => a.id)).not.toContain(ids.exact);
		const sorted = await users.coordinator.pb.collection('assets').getList(1, 1, {
			filter: users.coordinator.pb.filter('area = {:a}', { a: home.buurt.id }),
			sort: '-street,location'
		});
		expect(sorted.items).toHaveLength(1);
	});
});

describe('publicLocation', () => {
	it('cannot be set by a client, on create or update, nor by batch', async () => {
		const worker = users.worker.pb;
		const made = await newAsset(worker, AT.street, { publicLocation: AT.street });
		expectAt((await su.collection('assets').getOne(made.id)).publicLocation, LONG_STREET_MIDDLE);
		await worker.collection('assets').update(made.id, { publicLocation: AT.street });
		expectAt((await su.collection('assets').getOne(made.id)).publicLocation, LONG_STREET_MIDDLE);
		const batch = worker.createBatch();
		batch.collection('assets').create({
			kind: 'capacity',
			title: `Uit een batch ${unique()}`,
			location: AT.street,
			precision: 'street',
			area: home.buurt.id,
			status: 'active',
			publicLocation: AT.street
		});
		const [result] = await batch.send();
		const batched = await su.collection('assets').getOne(result.body.id);
		expectAt(batched.publicLocation, LONG_STREET_MIDDLE);
		expectAt(
			(await users.viewer.pb.collection('assets').getOne(made.id)).location,
			LONG_STREET_MIDDLE
		);
	});

	it('may be set by a superuser (imports), and is computed when she does not', async () => {
		const given = { lon: 5.0011, lat: 52.0011 };
		const imported = await newAsset(su, AT.street, { publicLocation: given });
		expectAt(imported.publicLocation, given);
		const computed = await newAsset(su, AT.street);
		expectAt(computed.publicLocation, LONG_STREET_MIDDLE);
		// Moved with a new one, hers is kept; moved without, the server's follows.
		const elsewhere = { lon: 5.0012, lat: 52.0012 };
		const moved = await su
			.collection('assets')
			.update(imported.id, { location: AT.noStreet, publicLocation: elsewhere });
		expectAt(moved.publicLocation, elsewhere);
		const followed = await su.collection('assets').update(imported.id, { location: AT.street });
		expectAt(followed.publicLocation, LONG_STREET_MIDDLE);
	});

	it('follows a move, a change of precision and of area; an edit of the text keeps it', async () => {
		const worker = users.worker.pb;
		const { id } = await newAsset(worker, AT.street);
		const seen = async () => {
			const shown = await users.viewer.pb.collection('assets').getOne<Item>(id);
			const stored = await su.collection('assets').getOne(id);
			expectAt(shown.location, stored.publicLocation);
			return { location: shown.location, street: shown.street };
		};
		const first = await seen();
		expectAt(first.location, LONG_STREET_MIDDLE);
		expect(first.street).toBe(longStreet);
		await worker.collection('assets').update(id, { location: AT.shortStreet });
		const short = await seen();
		expectAt(short.location, cellMiddle(AT.shortStreet, 250));
		expect(short.street).toBe(shortStreet);
		await worker.collection('assets').update(id, { location: AT.noStreet });
		expectAt((await seen()).location, cellMiddle(AT.noStreet, 250));
		await worker.collection('assets').update(id, { location: AT.street, precision: 'area' });
		const area = await seen();
		expectAt(area.location, BUURT_MIDDLE);
		expect(area.street).toBe('');
		await worker.collection('assets').update(id, { area: customArea });
		expectAt((await seen()).location, cellMiddle(AT.street, 1000));
		await worker.collection('assets').update(id, { title: `Nieuwe naam ${unique()}` });
		expectAt((await seen()).location, cellMiddle(AT.street, 1000));
		await worker.collection('assets').update(id, { precision: 'exact' });
		expectAt((await seen()).location, AT.street);
	});

	it('is computed for what a conversation grows, too', async () => {
		const door = await su
			.collection('addresses')
			.getFirstListItem(su.filter('street = {:s} && number = "1"', { s: longStreet }));
		const id = newRecordId();
		await users.worker.pb.collection('conversations').create({
			id,
			area: home.buurt.id,
			address: door.id,
			worker: users.worker.id,
			heldAt: '2026-11-23 10:15:00.000Z',
			outcome: 'talked',
			location: door.location,
			locationSource: 'address',
			consent: ['anonymous'],
			gifts: [{ kind: 'hands', tag: 'Fietsen repareren' }]
		});
		const [grown] = await su
			.collection('assets')
			.getFullList({ filter: su.filter('sourceConversation = {:id}', { id }) });
		expect(grown.precision).toBe('street');
		expectAt(grown.publicLocation, LONG_STREET_MIDDLE);
		expectAt(
			(await users.viewer.pb.collection('assets').getOne(grown.id)).location,
			LONG_STREET_MIDDLE
		);
	});
});

describe('the migration 1763901500_assets_public_location.js', () => {
	const MIGRATION = '1763901500_assets_public_location.js';
	let bin: string;
	let work: string;
	beforeAll(async () => {
		bin = await ensurePocketBase();
		work = mkdtempSync(join(tmpdir(), 'krachtkaart-precision-'));
	});
	afterAll(() => rmSync(work, { recursive: true, force: true }));

	function run(migrationsDir: string, ...args: string[]) {
		const result = spawnSync(
			bin,
			[
				...args,
				`--dir=${join(work, 'data')}`,
				`--migrationsDir=${migrationsDir}`,
				`--hooksDir=${join(ROOT, 'pb_hooks')}`,
				'--automigrate=false'
			],
			{ encoding: 'utf8', input: 'y\n' }
		);
		if (result.status !== 0) throw new Error(`pocketbase ${args.join(' ')}:\n${result.stderr}`);
	}
	const serve = <T>(task: (pb: PocketBase) => Promise<T>) =>
		withServedDataDir(join(work, 'data'), task);

	it('gives stored assets their public point, as the server computes it, and rolls back', async () => {
		const all = join(ROOT, 'pb_migrations');
		const before = join(work, 'before');
		mkdirSync(before);
		for (const file of readdirSync(all).filter((f) => f.endsWith('.js') && f < MIGRATION)) {
			copyFileSync(join(all, file), join(before, file));
		}
		run(before, 'migrate', 'up');
		run(before, 'superuser', 'upsert', SUPERUSER.email, SUPERUSER.password);
		// No hooks run here: the street is given as the server would have set it.
		const stored = await serve(async (pb) => {
			const wijk = await pb.collection('areas').create({
				code: 'WK1',
				name: 'Wijk',
				level: 'wijk',
				geometry: {
					type: 'MultiPolygon',
					coordinates: [
						[
							[
								[5.0, 52.0],
								[5.02, 52.0],
								[5.0, 52.03],
								[5.0, 52.0]
							]
						],
						[
							[
								[5.05, 52.01],
								[5.06, 52.01],
								[5.06, 52.02],
								[5.05, 52.01]
							]
						]
					]
				}
			});
			const buurt = await pb.collection('areas').create({
				code: 'BU1',
				name: 'Buurt',
				level: 'buurt',
				parent: wijk.id,
				geometry: {
					type: 'Polygon',
					coordinates: [
						[
							[5.0, 52.0],
							[5.01, 52.0],
							[5.01, 52.01],
							[5.0, 52.01],
							[5.0, 52.0]
						]
					]
				}
			});
			const custom = await pb
				.collection('areas')
				.create({ code: 'CU1', name: 'Plein', level: 'custom', parent: wijk.id });
			for (let i = 0; i < 6; i++) {
				await pb.collection('addresses').create({
					street: 'Wolgadreef',
					number: String(i + 1),
					location: { lon: 5.002 + i * 0.0004, lat: 52.005 },
					area: buurt.id
				});
			}
			for (const lon of [5.007, 5.0072]) {
				await pb.collection('addresses').create({
					street: 'Hofje',
					number: '1',
					location: { lon, lat: 52.002 },
					area: buurt.id
				});
			}
			const asset = async (
				area: string,
				location: Point,
				precision: string,
				street = ''
			): Promise<string> =>
				(
					await pb.collection('assets').create({
						kind: 'capacity',
						title: 'Kookt graag',
						location,
						precision,
						area,
						street,
						status: 'active'
					})
				).id;
			return {
				exact: await asset(buurt.id, AT.exact, 'exact', 'Wolgadreef'),
				street: await asset(buurt.id, AT.street, 'street', 'Wolgadreef'),
				// On the wijk, the street of a buurt directly below it counts.
				streetOnWijk: await asset(wijk.id, AT.street, 'street', 'Wolgadreef'),
				shortStreet: await asset(buurt.id, AT.shortStreet, 'street', 'Hofje'),
				noStreet: await asset(buurt.id, AT.noStreet, 'street'),
				area: await asset(buurt.id, AT.area, 'area', 'Wolgadreef'),
				multiPolygon: await asset(wijk.id, AT.area, 'area'),
				custom: await asset(custom.id, AT.custom, 'area')
			};
		});
		run(all, 'migrate', 'up');
		const points = await serve(async (pb) => {
			const out: Record<string, Point> = {};
			for (const [name, id] of Object.entries(stored)) {
				out[name] = (await pb.collection('assets').getOne(id)).publicLocation;
			}
			return out;
		});
		const expected: Record<keyof typeof stored, Point> = {
			exact: AT.exact,
			street: LONG_STREET_MIDDLE,
			streetOnWijk: LONG_STREET_MIDDLE,
			shortStreet: cellMiddle(AT.shortStreet, 250),
			noStreet: cellMiddle(AT.noStreet, 250),
			area: BUURT_MIDDLE,
			multiPolygon: { lon: 5.03, lat: 52.015 },
			custom: cellMiddle(AT.custom, 1000)
		};
		for (const [name, point] of Object.entries(expected)) {
			expect({ name, ...points[name] }).toEqual({
				name,
				lon: expect.closeTo(point.lon, 9),
				lat: expect.closeTo(point.lat, 9)
			});
		}

		// Down to just before it (later migrations go first).
		const fromIt = readdirSync(all).filter((f) => f.endsWith('.js') && f >= MIGRATION);
		run(all, 'migrate', 'down', String(fromIt.length));
		const fields = await serve(async (pb) =>
			(await pb.collections.getOne('assets')).fields.map((f: { name: string }) => f.name)
		);
		expect(fields).toContain('street');
		expect(fields).not.toContain('publicLocation');
	});
});
