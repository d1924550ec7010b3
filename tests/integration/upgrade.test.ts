// Guards upgrades: a data dir made by the first schema (1763900000 to 1763900800: the settings and
// every collection of the first release; the first migration alone holds none), with the data a
// team would have stored in it, migrated stage by stage to today's schema. At each stage every
// record is still there with all its values; the fields added later hold their defaults, or what
// the migration that added them backfilled (an asset's street, 1763901300; its public point,
// 1763901500; a talk's follow-up as a task, 1763903600); and at the end the app's API, hooks and all, works on the migrated data: the worker
// signs in and walks her streets, logs a talk, edits an old asset, and a viewer sees the
// backfilled public points.
//
// The data is written through the real PocketBase of each stage without the hooks: today's hooks
// expect today's schema, and the hooks of the first release are not kept.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { ensurePocketBase, servePocketBase, stopPocketBase } from '../../scripts/pocketbase.mjs';
import { SQUARE } from '../support/fixtures';
import { ROOT, SUPERUSER, withServedDataDir } from '../support/pocketbase';

const ALL_MIGRATIONS = join(ROOT, 'pb_migrations');
const MIGRATIONS = readdirSync(ALL_MIGRATIONS)
	.filter((f) => f.endsWith('.js'))
	.sort();
/** The last migration of the first schema. */
const FIRST_SCHEMA = '1763900800_create_audit_log.js';
const STREET_BACKFILL = '1763901300_assets_add_street.js';
const PUBLIC_POINT_BACKFILL = '1763901500_assets_public_location.js';
const CONSENT_AND_RETENTION = '1763901700_consent_and_retention.js';

/** Every collection holding the team's data, in the order their records are compared. */
const COLLECTIONS = [
	'areas',
	'users',
	'addresses',
	'people',
	'conversations',
	'assets',
	'links',
	'audit_log'
] as const;
type Snapshot = Record<(typeof COLLECTIONS)[number], Record<string, unknown>[]>;

const PASSWORD = 'upgrade-test-pass-1';

let bin: string;
let work: string;
let dataDir: string;
/** The staged migrations dir: the first N files of pb_migrations. */
let staged: string;

function pocketbase(migrationsDir: string, ...args: string[]) {
	const result = spawnSync(
		bin,
		[
			...args,
			`--dir=${dataDir}`,
			`--migrationsDir=${migrationsDir}`,
			// 1763902300 reads the rules' table from the hooks (lib/area-rules.js).
			`--hooksDir=${join(ROOT, 'pb_hooks')}`,
			'--automigrate=false'
		],
		{ encoding: 'utf8' }
	);
	if (result.status !== 0) throw new Error(`pocketbase ${args.join(' ')}:\n${result.stderr}`);
	return result.stdout + result.stderr;
}

/** Migrates the data dir up to and including `last` (all of pb_migrations without it). */
function migrateTo(last?: string) {
	for (const file of MIGRATIONS.filter((f) => !last || f <= last)) {
		copyFileSync(join(ALL_MIGRATIONS, file), join(staged, file));
	}
	return pocketbase(staged, 'migrate', 'up');
}

/** The data dir served as it is (no hooks), with the superuser signed in. */
const asSuperuser = <T>(task: (pb: PocketBase) => Promise<T>) => withServedDataDir(dataDir, task);

async function snapshot(): Promise<Snapshot> {
	return asSuperuser(async (pb) => {
		const all = {} as Snapshot;
		for (const name of COLLECTIONS) {
			all[name] = await pb.collection(name).getFullList({ sort: 'id' });
		}
		return all;
	});
}

const without = (record: Record<string, unknown>, keys: string[]) =>
	Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
const only = (record: Record<string, unknown>, keys: string[]) =>
	Object.fromEntries(Object.entries(record).filter(([key]) => keys.includes(key)));

/** Every record of `before` is in `after` with the same values; returns the fields it gained. */
function gained(before: Snapshot, after: Snapshot): Record<string, Record<string, unknown>[]> {
	const added: Record<string, Record<string, unknown>[]> = {};
	for (const name of COLLECTIONS) {
		expect(
			after[name].map((r) => r.id),
			name
		).toEqual(before[name].map((r) => r.id));
		added[name] = after[name].map((record, i) => {
			const old = before[name][i];
			expect(only(record, Object.keys(old)), `${name} ${old.id}`).toEqual(old);
			return without(record, Object.keys(old));
		});
	}
	return added;
}

/** What the first release stored, as the app and imports of then wrote it (ids kept for checks). */
const seeded = {
	areas: {} as Record<'gemeente' | 'wijk' | 'buurt' | 'otherBuurt', string>,
	users: {} as Record<'admin' | 'coordinator' | 'worker' | 'viewer', string>,
	wolgadreef: [] as { id: string; lon: number; lat: number }[],
	amazonedreef: '',
	person: '',
	talks: [] as string[],
	assets: {} as Record<'exact' | 'street' | 'streetFew' | 'area' | 'onWijk' | 'far', string>
};

/** Points in buurt BU03440301 (5.000–5.010, 52.000–52.010), whose wijk is 5.0–5.1, 52.0–52.1. */
const WOLGADREEF = [1, 2, 3, 4, 5, 6].map((n) => ({
	number: String(n),
	lon: 5.003 + n * 0.0001,
	lat: 52.003 + (n % 2) * 0.0001
}));

async function seed(pb: PocketBase) {
	const area = (code: string, name: string, level: string, geometry: unknown, parent = '') =>
		pb.collection('areas').create({ code, name, level, geometry, parent });
	const gemeente = await area('GM0344', 'Utrecht', 'gemeente', SQUARE(5.0, 52.0, 0.2));
	const wijk = await area('WK034403', 'Overvecht', 'wijk', SQUARE(5.0, 52.0, 0.1), gemeente.id);
	const buurt = await area('BU03440301', 'Zamenhofdreef', 'buurt', SQUARE(5.0, 52.0), wijk.id);
	const otherBuurt = await area('BU03440302', 'Vechtzoom', 'buurt', SQUARE(5.02, 52.0), wijk.id);
	await pb.collection('areas').update(buurt.id, { addressCount: 7 });
	seeded.areas = {
		gemeente: gemeente.id,
		wijk: wijk.id,
		buurt: buurt.id,
		otherBuurt: otherBuurt.id
	};

	const user = async (role: string, name: string, areas: string[]) =>
		(
			await pb.collection('users').create({
				email: `${role}@upgrade.krachtkaart.nl`,
				emailVisibility: false,
				verified: true,
				password: PASSWORD,
				passwordConfirm: PASSWORD,
				name,
				role,
				areas
			})
		).id;
	seeded.users = {
		admin: await user('admin', 'Anna Beheer', []),
		coordinator: await user('coordinator', 'Coby Coördinator', [wijk.id]),
		worker: await user('worker', 'Wendy Werker', [wijk.id]),
		viewer: await user('viewer', 'Victor Kijker', [wijk.id])
	};

	for (const door of WOLGADREEF) {
		const record = await pb.collection('addresses').create({
			street: 'Wolgadreef',
			number: door.number,
			postcode: '3562 AB',
			city: 'Utrecht',
			location: { lon: door.lon, lat: door.lat },
			area: buurt.id,
			bagId: `034420000000000${door.number}`
		});
		seeded.wolgadreef.push({ id: record.id, lon: door.lon, lat: door.lat });
	}
	seeded.amazonedreef = (
		await pb.collection('addresses').create({
			street: 'Amazonedreef',
			number: '12A',
			postcode: '3564 AB',
			city: 'Utrecht',
			location: { lon: 5.0068, lat: 52.0069 },
			area: buurt.id,
			isDemo: true
		})
	).id;

	seeded.person = (
		await pb.collection('people').create({
			display_name: 'Fatima',
			contact: '06-12345678',
			address: seeded.wolgadreef[0].id,
			area: buurt.id,
			consent: {
				scopes: ['first_name', 'contact'],
				givenAt: '2025-11-20T10:00:00.000Z',
				recordedBy: seeded.users.worker,
				text: 'Mag gebeld worden over de moestuin.'
			},
			isKeyFigure: true,
			createdBy: seeded.users.worker
		})
	).id;

	const talk = (id: string, door: number, outcome: string, heldAt: string, more = {}) =>
		pb.collection('conversations').create({
			id,
			location: { lon: seeded.wolgadreef[door].lon, lat: seeded.wolgadreef[door].lat },
			address: seeded.wolgadreef[door].id,
			area: buurt.id,
			worker: seeded.users.worker,
			heldAt,
			outcome,
			...more
		});
	// The phone made the ids (the offline outbox), as it does today.
	const talks = [newRecordId(), newRecordId(), newRecordId()];
	await talk(talks[0], 0, 'talked', '2025-11-20 10:00:00.000Z', {
		person: seeded.person,
		themes: ['groen', 'eenzaamheid'],
		gifts: [{ kind: 'hands', tag: 'tuinieren' }],
		wishes: 'Een moestuin in de binnentuin.',
		willingToHelp: true,
		consent: ['first_name', 'contact'],
		followUp: { what: 'Terugbellen over de moestuin', due: '2025-12-01', done: false },
		language: 'nl',
		notes: 'Woont er sinds 1998.'
	});
	await talk(talks[1], 1, 'not_home', '2025-11-20 10:15:00.000Z');
	await talk(talks[2], 2, 'declined', '2025-11-21 14:30:00.000Z', { isDemo: true });
	seeded.talks = talks;

	const asset = async (title: string, fields: Record<string, unknown>) =>
		(
			await pb.collection('assets').create({
				kind: 'place',
				title,
				status: 'active',
				area: buurt.id,
				createdBy: seeded.users.worker,
				...fields
			})
		).id;
	seeded.assets = {
		exact: await asset('Fatima tuiniert', {
			kind: 'capacity',
			description: 'Wil een moestuin beginnen.',
			themes: ['groen'],
			domain: ['fysiek'],
			gifts: ['hands'],
			location: { lon: 5.0032, lat: 52.0031 },
			precision: 'exact',
			person: seeded.person,
			sourceConversation: talks[0]
		}),
		// Six addresses of its street in its buurt: its public point is their middle.
		street: await asset('Buurtkast Wolgadreef', {
			location: { lon: 5.0035, lat: 52.0032 },
			precision: 'street'
		}),
		// One address of its street: its public point is the middle of its 250 m cell.
		streetFew: await asset('Bankje Amazonedreef', {
			location: { lon: 5.0067, lat: 52.0068 },
			precision: 'street',
			status: 'paused'
		}),
		area: await asset('Buurtvereniging', {
			kind: 'association',
			location: { lon: 5.004, lat: 52.004 },
			precision: 'area'
		}),
		// Kept on the wijk: the street of an address in a buurt directly below it.
		onWijk: await asset('Wijkcentrum', {
			kind: 'institution',
			area: wijk.id,
			location: { lon: 5.0069, lat: 52.007 },
			precision: 'exact'
		}),
		far: await asset('Speeltuin', {
			location: { lon: 5.0099, lat: 52.0099 },
			precision: 'exact',
			status: 'idea'
		})
	};

	await pb.collection('links').create({
		from: seeded.assets.exact,
		to: seeded.assets.area,
		kind: 'memberOf',
		note: 'Sinds de zomer.',
		createdBy: seeded.users.worker
	});
	await pb.collection('audit_log').create({
		actor: seeded.users.coordinator,
		action: 'view',
		targetCollection: 'people',
		targetId: seeded.person,
		details: { route: 'records' }
	});
}

/** lib/precision.js cellMiddle: the middle of the grid cell of `size` metres a point lies in. */
function cellMiddle(point: { lon: number; lat: number }, size: number) {
	const d = size / 111320;
	const lat = (Math.floor(point.lat / d) + 0.5) * d;
	const dLon = d / Math.cos((lat * Math.PI) / 180);
	return { lon: (Math.floor(point.lon / dLon) + 0.5) * dLon, lat };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function expectPoint(actual: unknown, expected: { lon: number; lat: number }) {
	const point = actual as { lon: number; lat: number };
	expect(point.lon).toBeCloseTo(expected.lon, 9);
	expect(point.lat).toBeCloseTo(expected.lat, 9);
}

let first: Snapshot;

beforeAll(async () => {
	bin = await ensurePocketBase();
	work = mkdtempSync(join(tmpdir(), 'krachtkaart-upgrade-'));
	dataDir = join(work, 'data');
	staged = join(work, 'migrations');
	mkdirSync(staged);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('an upgrade from the first schema to today', () => {
	it('starts from the first schema with a team’s data in it', async () => {
		const output = migrateTo(FIRST_SCHEMA);
		expect(output).toContain(`Applied ${FIRST_SCHEMA}`);
		expect(readdirSync(staged)).toHaveLength(MIGRATIONS.indexOf(FIRST_SCHEMA) + 1);
		pocketbase(staged, 'superuser', 'upsert', SUPERUSER.email, SUPERUSER.password);
		await asSuperuser(seed);
		first = await snapshot();
		expect(Object.fromEntries(COLLECTIONS.map((name) => [name, first[name].length]))).toEqual({
			areas: 4,
			users: 4,
			addresses: 7,
			people: 1,
			conversations: 3,
			assets: 6,
			links: 1,
			audit_log: 1
		});
	});

	it('gives stored assets the street of their nearest address (1763901300)', async () => {
		expect(migrateTo(STREET_BACKFILL)).toContain(`Applied ${STREET_BACKFILL}`);
		const added = gained(first, await snapshot());
		const street = Object.fromEntries(added.assets.map((a, i) => [first.assets[i].id, a.street]));
		expect(street).toEqual({
			[seeded.assets.exact]: 'Wolgadreef',
			[seeded.assets.street]: 'Wolgadreef',
			[seeded.assets.streetFew]: 'Amazonedreef',
			[seeded.assets.area]: 'Wolgadreef',
			[seeded.assets.onWijk]: 'Amazonedreef',
			[seeded.assets.far]: ''
		});
	});

	it('gives stored assets their public point (1763901500)', async () => {
		expect(migrateTo(PUBLIC_POINT_BACKFILL)).toContain(`Applied ${PUBLIC_POINT_BACKFILL}`);
		const after = await snapshot();
		gained(first, after);
		const assets = Object.fromEntries(after.assets.map((a) => [a.id, a]));
		const publicPoint = (key: keyof typeof seeded.assets) =>
			assets[seeded.assets[key]].publicLocation;
		for (const key of ['exact', 'onWijk', 'far'] as const) {
			expect(publicPoint(key)).toEqual(assets[seeded.assets[key]].location);
		}
		expectPoint(publicPoint('street'), {
			lon: mean(seeded.wolgadreef.map((d) => d.lon)),
			lat: mean(seeded.wolgadreef.map((d) => d.lat))
		});
		expectPoint(publicPoint('streetFew'), cellMiddle({ lon: 5.0067, lat: 52.0068 }, 250));
		// The middle of its buurt's bounding box.
		expectPoint(publicPoint('area'), { lon: 5.005, lat: 52.005 });
	});

	it('keeps every record through the consent and retention fields, and seeds the purposes (1763901700)', async () => {
		expect(migrateTo(CONSENT_AND_RETENTION)).toContain(`Applied ${CONSENT_AND_RETENTION}`);
		const added = gained(first, await snapshot());
		expect(added.people).toEqual([{ anonymisedAt: '' }]);
		for (const talk of added.conversations) expect(talk.anonymisedAt).toBe('');
		const purposes = await asSuperuser((pb) => pb.collection('purposes').getFullList());
		expect(purposes).toHaveLength(5);
		expect(purposes.every((p) => p.active)).toBe(true);
	});

	it('ends at today’s schema with every record and value, and defaults in every later field', async () => {
		const output = migrateTo();
		expect(readdirSync(staged)).toHaveLength(MIGRATIONS.length);
		expect(pocketbase(staged, 'migrate', 'up')).toContain('No new migrations to apply');
		expect(output).toContain(`Applied ${MIGRATIONS.at(-1)}`);
		const added = gained(first, await snapshot());
		// A field a later migration adds must say what the records stored before it hold.
		const assetStreets = added.assets.map((a) => a.street);
		const publicPoints = added.assets.map((a) => a.publicLocation);
		expect(added).toEqual({
			areas: first.areas.map(() => ({})),
			users: first.users.map(() => ({ invitedAt: '', deactivatedAt: '' })),
			addresses: first.addresses.map(() => ({})),
			people: [{ anonymisedAt: '' }],
			conversations: first.conversations.map(() => ({
				resident: null,
				connectTo: [],
				mentions: null,
				locationSource: '',
				distanceFromAddress: 0,
				farFromAddress: false,
				anonymisedAt: '',
				walkList: '',
				answers: null
			})),
			assets: first.assets.map((_, i) => ({
				asksHelp: [],
				confirmedAt: '',
				confirmedBy: '',
				street: assetStreets[i],
				publicLocation: publicPoints[i]
			})),
			links: [{}],
			audit_log: [{}]
		});
		// The first release kept a talk's follow-up on the talk: it is a task now (1763903600),
		// for her worker, in the talk's area; talks without one get none.
		const talk = first.conversations.find((c) => c.id === seeded.talks[0])!;
		const tasks = await asSuperuser((pb) => pb.collection('follow_ups').getFullList());
		expect(
			tasks.map((t) => [t.conversation, t.area, t.what, t.due, t.assignee, t.done, t.createdBy])
		).toEqual([
			[
				seeded.talks[0],
				talk.area,
				'Terugbellen over de moestuin',
				'2025-12-01 12:00:00.000Z',
				seeded.users.worker,
				false,
				seeded.users.worker
			]
		]);
	});
});

describe('the app on the migrated data', () => {
	let server: ChildProcess;
	let url = '';

	beforeAll(async () => {
		({ url, child: server } = await servePocketBase(bin, [
			`--dir=${dataDir}`,
			`--migrationsDir=${ALL_MIGRATIONS}`,
			`--hooksDir=${join(ROOT, 'pb_hooks')}`,
			'--automigrate=false',
			'--hooksWatch=false'
		]));
	});
	afterAll(() => stopPocketBase(server));

	async function signIn(role: 'worker' | 'viewer') {
		const pb = new PocketBase(url);
		pb.autoCancellation(false);
		await pb.collection('users').authWithPassword(`${role}@upgrade.krachtkaart.nl`, PASSWORD);
		return pb;
	}

	it('lets the worker sign in and walk her streets, with every visit of before', async () => {
		const pb = await signIn('worker');
		expect(pb.authStore.record?.areas).toEqual([seeded.areas.wijk]);
		const walk = await pb.send<{
			addresses: { id: string; street: string }[];
			visits: { id: string; outcome: string; workerName: string }[];
		}>('/api/krachtkaart/walk', { query: { areas: seeded.areas.wijk } });
		expect(walk.addresses.map((a) => a.id).sort()).toEqual(
			[...seeded.wolgadreef.map((d) => d.id), seeded.amazonedreef].sort()
		);
		expect(walk.visits.map((v) => [v.id, v.outcome, v.workerName]).sort()).toEqual(
			[
				[seeded.talks[0], 'talked', 'Wendy Werker'],
				[seeded.talks[1], 'not_home', 'Wendy Werker'],
				[seeded.talks[2], 'declined', 'Wendy Werker']
			].sort()
		);
		// Her own talk, notes and all, under today's rules.
		const talk = await pb.collection('conversations').getOne(seeded.talks[0]);
		expect(talk).toMatchObject({ notes: 'Woont er sinds 1998.', person: seeded.person });
	});

	it('lets the worker log a talk at an old door and edit an old asset', async () => {
		const pb = await signIn('worker');
		const door = seeded.wolgadreef[3];
		const id = newRecordId();
		await pb.collection('conversations').create({
			id,
			location: { lon: door.lon, lat: door.lat },
			locationSource: 'address',
			address: door.id,
			area: seeded.areas.buurt,
			worker: seeded.users.worker,
			heldAt: new Date().toISOString(),
			outcome: 'come_back_later'
		});
		expect((await pb.collection('conversations').getOne(id)).distanceFromAddress).toBe(0);

		const edited = await pb
			.collection('assets')
			.update(seeded.assets.street, { description: 'Boeken ruilen.' });
		expect(edited).toMatchObject({
			description: 'Boeken ruilen.',
			street: 'Wolgadreef',
			confirmedBy: seeded.users.worker
		});
	});

	it('shows a viewer the assets at the public points the upgrade gave them', async () => {
		const pb = await signIn('viewer');
		const assets = await pb.collection('assets').getFullList({ sort: 'id' });
		expect(assets.map((a) => a.id).sort()).toEqual(Object.values(seeded.assets).sort());
		const byId = Object.fromEntries(assets.map((a) => [a.id, a]));
		expectPoint(byId[seeded.assets.area].location, { lon: 5.005, lat: 52.005 });
		expectPoint(
			byId[seeded.assets.streetFew].location,
			cellMiddle({ lon: 5.0067, lat: 52.0068 }, 250)
		);
		expect(byId[seeded.assets.exact].location).toEqual({ lon: 5.0032, lat: 52.0031 });
	});
});
