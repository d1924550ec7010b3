// Guards the API against bad input, by property-based fuzzing (fast-check) on the real server: a
// valid record with one field spoilt — malformed geometry, huge strings, wrong types, unknown
// values, malformed gifts and follow-ups — always gets a clear 400 that names the field, and
// nothing is written; arbitrary filter strings never leak a record outside the user's areas and
// never make the server fail.
import fc from 'fast-check';
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import {
	createAreaTree,
	signedInUser,
	superuserClient,
	SQUARE,
	unique,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

const RUNS = 30;

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
let worker: SignedInUser;
let admin: SignedInUser;
let foreignAssetId: string;

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
	admin = await signedInUser(su, 'admin', []);
	foreignAssetId = (
		await su.collection('assets').create({
			kind: 'initiative',
			title: `Elders ${unique()}`,
			location: { lon: 5.005, lat: 52.005 },
			precision: 'exact',
			area: elsewhere.buurt.id,
			status: 'active'
		})
	).id;
});

/** A value of a wrong JSON type or shape for almost any field. */
const junk = fc.oneof(
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.anything(), { maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 5 }), fc.anything(), { maxKeys: 3 }),
	fc.string({ maxLength: 20 })
);
const hugeString = fc.integer({ min: 20_001, max: 60_000 }).map((n) => 'x'.repeat(n));
// Points outside WGS84. (Text or missing parts are read by PocketBase as 0, 0, which is "no
// location": not a wrong point, so not refused.)
const badPoint = fc.oneof(
	fc.record({
		lon: fc.double({ min: 181, max: 1e6, noNaN: true }),
		lat: fc.double({ min: -90, max: 90, noNaN: true })
	}),
	fc.record({
		lon: fc.double({ min: -180, max: 180, noNaN: true }),
		lat: fc.double({ min: 91, max: 1e6, noNaN: true })
	}),
	fc.record({
		lon: fc.double({ min: -1e6, max: -181, noNaN: true }),
		lat: fc.double({ min: -1e6, max: -91, noNaN: true })
	})
);

/** A field and a value it must refuse, for a worker's conversation at a door. */
const spoiltConversation = fc.oneof(
	fc.tuple(fc.constant('outcome'), fc.oneof(junk, fc.constantFrom('chatted', 'TALKED', ''))),
	fc.tuple(
		fc.constant('heldAt'),
		fc.oneof(fc.constantFrom('gisteren', '2026-13-45', ''), fc.array(fc.integer()))
	),
	fc.tuple(fc.constant('location'), badPoint),
	fc.tuple(
		fc.constant('themes'),
		fc.array(fc.constantFrom('ruimtevaart', 'TAAL', '1'), { minLength: 1 })
	),
	fc.tuple(
		fc.constant('consent'),
		fc.array(fc.constantFrom('alles', 'everything'), { minLength: 1 })
	),
	fc.tuple(fc.constant('notes'), hugeString),
	fc.tuple(fc.constant('language'), fc.string({ minLength: 36, maxLength: 200 })),
	fc.tuple(fc.constant('area'), fc.constantFrom('', 'nosuchareaxxxx1', 'FOREIGN')),
	fc.tuple(
		fc.constant('gifts'),
		fc.oneof(
			fc.constant({ kind: 'hands' }),
			fc
				.array(fc.record({ kind: fc.string({ maxLength: 6 }), tag: fc.string({ maxLength: 3 }) }), {
					minLength: 1,
					maxLength: 3
				})
				.filter((gifts) =>
					gifts.some((g) => !['head', 'heart', 'hands'].includes(g.kind) || g.tag.trim() === '')
				),
			fc.array(fc.record({ kind: fc.constant('hands'), tag: fc.constant('Klussen') }), {
				minLength: 21,
				maxLength: 25
			})
		)
	),
	fc.tuple(
		fc.constant('followUp'),
		fc.oneof(
			fc.constant({ what: '' }),
			fc.constant([1, 2]),
			fc.record({ what: fc.constant('Bellen'), due: fc.constantFrom('morgen', '1-12-2026') })
		)
	),
	fc.tuple(
		fc.constant('mentions'),
		fc.array(fc.record({ name: fc.constant(''), kind: fc.constantFrom('person', 'alien') }), {
			minLength: 1,
			maxLength: 3
		})
	)
);

function talk(field: string, value: unknown) {
	// The area must stay a real one of hers unless the area itself is what is spoilt.
	const body: Record<string, unknown> = {
		id: newRecordId(),
		area: home.buurt.id,
		worker: worker.id,
		heldAt: '2026-11-23 10:15:00.000Z',
		outcome: 'talked',
		consent: ['anonymous'],
		location: { lon: 5.004, lat: 52.004 }
	};
	// 'FOREIGN': an area that exists but is not hers (known only once the fixtures are made).
	body[field] = value === 'FOREIGN' ? elsewhere.buurt.id : value;
	return body;
}

async function status(promise: Promise<unknown>) {
	return promise.then(
		() => ({ status: 200, data: {} as Record<string, unknown> }),
		(e: { status: number; response?: { data?: Record<string, unknown> } }) => ({
			status: e.status,
			data: e.response?.data ?? {}
		})
	);
}

describe('fuzzed input', () => {
	it('refuses a conversation with any one field spoilt, names the field, and stores nothing', async () => {
		await fc.assert(
			fc.asyncProperty(spoiltConversation, async ([field, value]) => {
				const body = talk(field, value);
				const answer = await status(worker.pb.collection('conversations').create(body));
				// A foreign or unknown area fails the create rule (400 without field data) or the
				// relation check; everything else names the field.
				expect(answer.status).toBe(400);
				if (field !== 'area') expect(Object.keys(answer.data)).toContain(field);
				const stored = await status(su.collection('conversations').getOne(String(body.id)));
				expect(stored.status).toBe(404);
			}),
			{ numRuns: RUNS }
		);
	});

	it('refuses a malformed area geometry with the reason, and stores nothing', async () => {
		const badGeometry = fc.oneof(
			junk,
			fc.record({
				type: fc.constantFrom('Polygon', 'MultiPolygon', 'Point', 'LineString'),
				coordinates: junk
			}),
			// Rings too short, unclosed or outside WGS84.
			fc
				.array(
					fc.tuple(
						fc.double({ min: -500, max: 500, noNaN: true }),
						fc.double({ min: -500, max: 500, noNaN: true })
					),
					{ minLength: 1, maxLength: 6 }
				)
				.map((ring) => ({ type: 'Polygon', coordinates: [ring] }))
				.filter((g) => {
					const ring = g.coordinates[0];
					const closed =
						ring.length >= 4 && ring[0][0] === ring.at(-1)![0] && ring[0][1] === ring.at(-1)![1];
					const inside = ring.every(([lon, lat]) => Math.abs(lon) <= 180 && Math.abs(lat) <= 90);
					return !(closed && inside);
				})
		);
		await fc.assert(
			fc.asyncProperty(badGeometry, async (geometry) => {
				// A null geometry is allowed (not known yet); everything else here is malformed.
				fc.pre(geometry !== null);
				const code = `FUZZ-${unique()}`;
				const answer = await status(
					admin.pb.collection('areas').create({ code, name: code, level: 'custom', geometry })
				);
				expect(answer.status).toBe(400);
				expect(Object.keys(answer.data)).toContain('geometry');
				const found = await su
					.collection('areas')
					.getList(1, 1, { filter: su.filter('code = {:code}', { code }) });
				expect(found.totalItems).toBe(0);
			}),
			{ numRuns: RUNS }
		);
		// The valid shape next to them is taken, so the property is not vacuous.
		const fine = await admin.pb
			.collection('areas')
			.create({ code: `OK-${unique()}`, name: 'OK', level: 'custom', geometry: SQUARE(5, 52) });
		expect(fine.id).toHaveLength(15);
	});

	it('refuses an asset with a spoilt field, and stores nothing', async () => {
		const spoilt = fc.oneof(
			fc.tuple(fc.constant('title'), fc.oneof(fc.constant(''), hugeString)),
			fc.tuple(fc.constant('kind'), fc.oneof(junk, fc.constantFrom('volcano', ''))),
			fc.tuple(fc.constant('location'), badPoint),
			fc.tuple(fc.constant('precision'), fc.constantFrom('house', 'EXACT', '')),
			fc.tuple(fc.constant('status'), fc.constantFrom('gone', '')),
			fc.tuple(fc.constant('description'), hugeString),
			fc.tuple(fc.constant('gifts'), fc.array(fc.constantFrom('feet', 'nose'), { minLength: 1 }))
		);
		await fc.assert(
			fc.asyncProperty(spoilt, async ([field, value]) => {
				const title = `Fuzz ${unique()}`;
				const body: Record<string, unknown> = {
					kind: 'initiative',
					title,
					location: { lon: 5.004, lat: 52.004 },
					precision: 'exact',
					area: home.buurt.id,
					status: 'active',
					[field]: value
				};
				const answer = await status(worker.pb.collection('assets').create(body));
				expect(answer.status).toBe(400);
				expect(Object.keys(answer.data)).toContain(field);
				const found = await su.collection('assets').getList(1, 1, {
					filter: su.filter('title = {:title}', { title })
				});
				expect(found.totalItems).toBe(0);
			}),
			{ numRuns: RUNS }
		);
	});

	it('never lets a filter string reach past the rules or break the server', async () => {
		const injection = fc.oneof(
			fc.string({ maxLength: 60 }),
			fc.constantFrom(
				'1=1',
				'id != ""',
				"area = '' || 1=1",
				'") || id != ("',
				"'; DROP TABLE assets; --",
				'area.parent.parent != ""',
				'@request.auth.role = "worker" || id != ""',
				'@collection.assets.id != ""',
				`id = "${foreignAssetId}"`
			),
			fc
				.tuple(
					fc.constantFrom('id', 'title', 'area', 'kind'),
					fc.constantFrom('=', '!=', '~', '>', '?='),
					fc.string({ maxLength: 20 })
				)
				.map(([f, op, v]) => `${f} ${op} ${JSON.stringify(v)}`)
		);
		await fc.assert(
			fc.asyncProperty(injection, async (filter) => {
				const answer = await worker.pb
					.collection('assets')
					.getList(1, 200, { filter, fields: 'id,area' })
					.then(
						(list) => ({ status: 200, items: list.items }),
						(e: { status: number }) => ({ status: e.status, items: [] as { id: string }[] })
					);
				// 403: filters on @request or @collection are for superusers only.
				expect([200, 400, 403]).toContain(answer.status);
				expect(answer.items.map((i) => i.id)).not.toContain(foreignAssetId);
			}),
			{ numRuns: RUNS * 2 }
		);
	});
});
