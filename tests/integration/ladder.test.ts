// Guards the ABCD ladder on the real server (pb_hooks/ladder.pb.js, lib/ladder.js): the steps the
// hooks derive are the app's derivation (src/lib/ladder/ladder.ts) on the same records; every
// change of a derived step, and every step a coordinator sets, is a history row; only a
// coordinator of the asset's areas (or an admin) sets one; the counts per buurt and step for a
// period; a viewer gets one ended quarter's margins with small counts hidden, never an asset.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { ladderApi } from '$lib/ladder/ladder.api';
import { derivedSteps, quarterOf, recentQuarters, type LadderRecords } from '$lib/ladder/ladder';
import {
	createAreaTree,
	signedInUser,
	statusOf,
	superuserClient,
	SQUARE,
	unique,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

const POINT = { lon: 5.005, lat: 52.005 };
const today = () => new Date().toISOString().slice(0, 10);

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
/** A second buurt in the home wijk, for the counts per buurt. */
let secondBuurt: string;
const users = {} as Record<
	'viewer' | 'worker' | 'coordinator' | 'admin' | 'outsider',
	SignedInUser
>;
const ids = {} as Record<string, string>;

async function asset(key: string, kind: string, fields: Record<string, unknown> = {}) {
	const made = await su.collection('assets').create({
		kind,
		title: `${key} ${unique()}`,
		location: POINT,
		precision: 'street',
		area: home.buurt.id,
		status: 'active',
		...fields
	});
	ids[key] = made.id;
	return made.id;
}

async function talk(willingToHelp: boolean) {
	const made = await su.collection('conversations').create({
		area: home.buurt.id,
		worker: users.worker.id,
		heldAt: '2026-11-01 10:00:00.000Z',
		outcome: 'talked',
		willingToHelp
	});
	return made.id;
}

const link = (from: string, to: string, kind: string) =>
	su.collection('links').create({ from: ids[from], to: ids[to], kind });

async function history(asset: string) {
	return su.collection('ladder_steps').getFullList({
		filter: su.filter('asset = {:asset}', { asset }),
		sort: 'at,created'
	});
}

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	const second = await su.collection('areas').create({
		code: `BU-${unique()}`,
		name: `Tweede buurt ${unique()}`,
		level: 'buurt',
		parent: home.wijk.id,
		geometry: SQUARE(5.02, 52.0, 0.01)
	});
	secondBuurt = second.id;
	users.viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	users.worker = await signedInUser(su, 'worker', [home.wijk.id]);
	users.coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	users.admin = await signedInUser(su, 'admin', []);
	users.outsider = await signedInUser(su, 'coordinator', [elsewhere.wijk.id]);

	await asset('gift', 'capacity');
	await asset('willing', 'capacity', { sourceConversation: await talk(true) });
	const followedTalk = await talk(false);
	await asset('followed', 'capacity', { sourceConversation: followedTalk });
	await su.collection('follow_ups').create({
		conversation: followedTalk,
		area: home.buurt.id,
		what: 'Terugbellen over de moestuin',
		assignee: users.worker.id
	});
	await asset('member', 'key_figure');
	await asset('club', 'association');
	await link('member', 'club', 'memberOf');
	await asset('idea', 'initiative', { status: 'idea' });
	await asset('helper', 'capacity');
	await link('helper', 'idea', 'supports');
	await asset('founder', 'key_figure');
	await asset('started', 'initiative', { status: 'active' });
	await link('founder', 'started', 'runs');
	await asset('acquaintance', 'capacity');
	await link('acquaintance', 'founder', 'knows');
});

describe('the derived step', () => {
	it('is the app derivation on the same records', async () => {
		const mine = Object.values(ids);
		const inList = (field: string) => mine.map((id) => `${field} = "${id}"`).join(' || ');
		const assets = await su.collection('assets').getFullList({ filter: inList('id') });
		const records: LadderRecords = {
			assets: assets.map((a) => ({
				id: a.id,
				kind: a.kind,
				status: a.status,
				created: a.created,
				person: a.person,
				sourceConversation: a.sourceConversation
			})),
			links: (await su.collection('links').getFullList({ filter: inList('from') })).map((l) => ({
				from: l.from,
				to: l.to,
				kind: l.kind
			})),
			conversations: (
				await su.collection('conversations').getFullList({ filter: `area = "${home.buurt.id}"` })
			).map((c) => ({ id: c.id, person: c.person, willingToHelp: c.willingToHelp })),
			followUps: (
				await su.collection('follow_ups').getFullList({ filter: `area = "${home.buurt.id}"` })
			).map((f) => ({ conversation: f.conversation }))
		};
		const expected = derivedSteps(records);
		const server = await ladderApi(users.coordinator.pb).fetchAssets([home.buurt.id]);
		const steps = new Map(server.map((a) => [a.id, a.step]));
		for (const id of mine) expect(steps.get(id), id).toBe(expected.get(id));
		expect(
			Object.fromEntries(Object.entries(ids).map(([key, id]) => [key, steps.get(id)]))
		).toEqual({
			gift: 'gift_found',
			willing: 'asked',
			followed: 'asked',
			member: 'connected',
			club: 'connected',
			idea: 'connected',
			helper: 'contributing',
			founder: 'initiative_started',
			started: 'connected',
			acquaintance: 'gift_found'
		});
	});

	it('writes a history row each time it changes, saying the step before', async () => {
		const before = await history(ids.gift);
		expect(before.map((r) => [r.source, r.step, r.from])).toEqual([['derived', 'gift_found', '']]);
		const made = await link('gift', 'started', 'connects');
		const after = await history(ids.gift);
		expect(after.map((r) => [r.source, r.step, r.from])).toEqual([
			['derived', 'gift_found', ''],
			['derived', 'contributing', 'gift_found']
		]);
		// A save that changes no step writes nothing; taking the link away steps it down.
		await su.collection('links').update(made.id, { note: 'kennen elkaar van de markt' });
		expect(await history(ids.gift)).toHaveLength(2);
		await su.collection('links').delete(made.id);
		expect((await history(ids.gift)).map((r) => r.step)).toEqual([
			'gift_found',
			'contributing',
			'gift_found'
		]);
	});
});

describe('a talk with her person', () => {
	it('steps her asset up when she is willing to help, though the talk is not its source', async () => {
		const person = await su
			.collection('people')
			.create({ display_name: 'Ans', area: home.buurt.id });
		const id = await asset('ans', 'capacity', { person: person.id });
		expect((await history(id)).map((r) => r.step)).toEqual(['gift_found']);
		await su.collection('conversations').create({
			area: home.buurt.id,
			worker: users.worker.id,
			person: person.id,
			heldAt: '2026-11-20 10:00:00.000Z',
			outcome: 'talked',
			willingToHelp: true
		});
		expect((await history(id)).map((r) => [r.step, r.from])).toEqual([
			['gift_found', ''],
			['asked', 'gift_found']
		]);
	});
});

describe('a step set by hand', () => {
	it('is set by a coordinator of the asset’s areas, with a reason, and kept as history', async () => {
		const api = ladderApi(users.coordinator.pb);
		const answer = await api.setStep(ids.acquaintance, 'asked', 'Gevraagd bij de buurtlunch');
		expect(answer).toMatchObject({ step: 'asked', from: 'gift_found', source: 'set' });
		const rows = await history(ids.acquaintance);
		expect(rows.at(-1)).toMatchObject({
			source: 'set',
			step: 'asked',
			from: 'gift_found',
			setBy: users.coordinator.id,
			reason: 'Gevraagd bij de buurtlunch'
		});
		expect((await api.fetchStep(ids.acquaintance))?.step).toBe('asked');
		const listed = await api.fetchAssets([home.wijk.id]);
		expect(listed.find((a) => a.id === ids.acquaintance)).toMatchObject({
			step: 'asked',
			source: 'set'
		});
	});

	it('is refused to workers, viewers and coordinators of other areas, and without a reason', async () => {
		const set = (user: SignedInUser, body: Record<string, unknown>) =>
			statusOf(user.pb.send('/api/krachtkaart/ladder/step', { method: 'POST', body }));
		const good = { asset: ids.gift, step: 'connected', reason: 'Klopt zo' };
		expect(await set(users.worker, good)).toBe(403);
		expect(await set(users.viewer, good)).toBe(403);
		expect(await set(users.outsider, good)).toBe(404);
		expect(await set(users.coordinator, { ...good, reason: '  ' })).toBe(400);
		expect(await set(users.coordinator, { ...good, step: 'ladder_top' })).toBe(400);
		expect(await set(users.coordinator, { ...good, asset: 'nope' })).toBe(400);
		expect((await history(ids.gift)).every((r) => r.source === 'derived')).toBe(true);
		expect(await set(users.admin, good)).toBe(0);
	});

	it('cannot be written through the records API, even by a coordinator', async () => {
		const body = {
			asset: ids.gift,
			area: home.buurt.id,
			step: 'contributing',
			source: 'set',
			at: '2026-01-01 00:00:00.000Z'
		};
		expect(await statusOf(users.coordinator.pb.collection('ladder_steps').create(body))).toBe(403);
	});
});

describe('who reads the ladder', () => {
	it('lets workers read the history and the assets with their step, viewers neither', async () => {
		expect((await users.worker.pb.collection('ladder_steps').getFullList()).length).toBeGreaterThan(
			0
		);
		expect(await users.viewer.pb.collection('ladder_steps').getFullList()).toEqual([]);
		expect(await users.outsider.pb.collection('ladder_steps').getFullList()).toEqual([]);
		expect(await statusOf(ladderApi(users.viewer.pb).fetchAssets([home.wijk.id]))).toBe(403);
		const outsiders = await ladderApi(users.outsider.pb).fetchAssets([home.wijk.id]);
		expect(outsiders).toEqual([]);
	});
});

describe('the counts per buurt and step', () => {
	// A quarter that ended: three assets in the home buurt and seven in the second reach a step.
	const Q2 = { from: '2026-04-01', to: '2026-06-30' };
	const Q3 = { from: '2026-07-01', to: '2026-09-30' };
	const planted: string[] = [];

	beforeAll(async () => {
		const row = async (area: string, step: string, at: string, from = '') => {
			const made = await su.collection('assets').create({
				kind: 'capacity',
				title: `Vroeger ${unique()}`,
				location: area === home.buurt.id ? POINT : { lon: 5.025, lat: 52.005 },
				precision: 'street',
				area,
				status: 'active'
			});
			planted.push(made.id);
			await su
				.collection('ladder_steps')
				.create({ asset: made.id, area, step, from, source: 'derived', at });
			return made.id;
		};
		for (let i = 0; i < 3; i++) await row(home.buurt.id, 'gift_found', '2026-05-10 10:00:00.000Z');
		for (let i = 0; i < 7; i++) await row(secondBuurt, 'gift_found', '2026-05-10 10:00:00.000Z');
		// One of the second buurt's is asked in Q3.
		await su.collection('ladder_steps').create({
			asset: planted[3],
			area: secondBuurt,
			step: 'asked',
			from: 'gift_found',
			source: 'set',
			at: '2026-08-02 10:00:00.000Z'
		});
	});

	it('gives staff every cell: at each step at the end, reached in the period', async () => {
		const q2 = await ladderApi(users.worker.pb).fetchCounts([home.wijk.id], Q2);
		expect(q2.marginsOnly).toBe(false);
		const homeRow = q2.areas.find((a) => a.id === home.buurt.id);
		expect(homeRow).toMatchObject({ atTotal: 3, reachedTotal: 3 });
		expect(homeRow?.reached?.gift_found).toBe(3);
		expect(q2.total).toMatchObject({ atTotal: 10, reachedTotal: 10 });
		const q3 = await ladderApi(users.worker.pb).fetchCounts([home.wijk.id], Q3);
		const secondRow = q3.areas.find((a) => a.id === secondBuurt);
		expect(secondRow?.at).toMatchObject({ gift_found: 6, asked: 1 });
		expect(secondRow?.reached).toMatchObject({ gift_found: 0, asked: 1 });
		expect(secondRow?.reachedTotal).toBe(1);
	});

	it('gives a viewer one ended quarter’s margins, small counts hidden with their complement', async () => {
		const viewer = ladderApi(users.viewer.pb);
		const q2 = await viewer.fetchCounts([home.wijk.id], Q2);
		expect(q2.marginsOnly).toBe(true);
		expect(q2.areas.every((a) => a.at === null && a.reached === null)).toBe(true);
		// 3 would be a small group; 7 beside the total of 10 would give it away by subtraction.
		expect(q2.areas.find((a) => a.id === home.buurt.id)?.atTotal).toBeNull();
		expect(q2.areas.find((a) => a.id === secondBuurt)?.atTotal).toBeNull();
		expect(q2.total.atTotal).toBe(10);
		expect(q2.total.at).toEqual({
			gift_found: 10,
			asked: 0,
			connected: 0,
			contributing: 0,
			initiative_started: 0
		});
		const q3 = await viewer.fetchCounts([home.wijk.id], Q3);
		expect(q3.total.reachedTotal).toBeNull();
		expect(q3.total.reached.asked).toBeNull();
		expect(JSON.stringify(q3)).not.toContain(planted[3]);
	});

	it('refuses a viewer a running quarter or another period, before any query', async () => {
		const viewer = ladderApi(users.viewer.pb);
		expect(await statusOf(viewer.fetchCounts([home.wijk.id], quarterOf(today())))).toBe(400);
		expect(
			await statusOf(viewer.fetchCounts([home.wijk.id], { from: '2026-04-01', to: '2026-05-31' }))
		).toBe(400);
		expect(await statusOf(viewer.fetchCounts(['bad'], Q2))).toBe(400);
		expect(
			await statusOf(
				ladderApi(users.worker.pb).fetchCounts([home.wijk.id], {
					from: '2026-07-01',
					to: '2026-06-01'
				})
			)
		).toBe(400);
	});

	it('counts only what lies in her areas', async () => {
		const outsider = await ladderApi(users.outsider.pb).fetchCounts([home.wijk.id], Q2);
		expect(outsider.areas).toEqual([]);
		expect(outsider.total.atTotal).toBe(0);
	});
});

// A team of its own (users.areas: one wijk), so its counts hold only what these tests write.
describe('who moved it up, per team member', () => {
	let team: AreaTree;
	const crew = {} as Record<'coordinator' | 'worker' | 'viewer' | 'outsider', SignedInUser>;
	const made = {} as Record<string, string>;

	const newAsset = async (pb: PocketBase, key: string, kind = 'capacity', status = 'active') => {
		const record = await pb.collection('assets').create({
			kind,
			title: `${key} ${unique()}`,
			location: { lon: 5.005, lat: 52.005 },
			precision: 'street',
			area: team.buurt.id,
			status
		});
		made[key] = record.id;
		return record.id;
	};
	const rowsOf = async (asset: string) =>
		(await history(asset)).map((r) => [r.step, r.source, r.causedBy]);

	beforeAll(async () => {
		team = await createAreaTree(su);
		crew.coordinator = await signedInUser(su, 'coordinator', [team.wijk.id]);
		crew.worker = await signedInUser(su, 'worker', [team.wijk.id]);
		crew.viewer = await signedInUser(su, 'viewer', [team.wijk.id]);
		crew.outsider = await signedInUser(su, 'coordinator', [elsewhere.wijk.id]);
		await newAsset(crew.worker.pb, 'bakes');
		await newAsset(crew.worker.pb, 'sings');
		await newAsset(crew.coordinator.pb, 'choir', 'association');
		await newAsset(su, 'imported');
		await crew.coordinator.pb
			.collection('links')
			.create({ from: made.choir, to: made.sings, kind: 'memberOf' });
	});

	it('names the author of a create, and the user of an update or delete', async () => {
		expect(await rowsOf(made.bakes)).toEqual([['gift_found', 'derived', crew.worker.id]]);
		// Staff read it through the records API too.
		const read = await crew.worker.pb
			.collection('ladder_steps')
			.getFullList({ filter: crew.worker.pb.filter('asset = {:id}', { id: made.bakes }) });
		expect(read.map((r) => r.causedBy)).toEqual([crew.worker.id]);
		expect(await rowsOf(made.imported)).toEqual([['gift_found', 'derived', '']]);
		expect(await rowsOf(made.sings)).toEqual([
			['gift_found', 'derived', crew.worker.id],
			['connected', 'derived', crew.coordinator.id]
		]);
		// An idea that the worker makes active: what helps it now contributes, by her update.
		const garden = await newAsset(su, 'garden', 'initiative', 'idea');
		const helper = await newAsset(su, 'helper');
		const help = await su
			.collection('links')
			.create({ from: made.helper, to: garden, kind: 'connects' });
		expect((await rowsOf(helper)).at(-1)).toEqual(['connected', 'derived', '']);
		await crew.worker.pb.collection('assets').update(garden, { status: 'active' });
		expect((await rowsOf(helper)).at(-1)).toEqual(['contributing', 'derived', crew.worker.id]);
		// The coordinator takes the link away: it steps down, by her.
		await crew.coordinator.pb.collection('links').delete(help.id);
		expect((await rowsOf(helper)).at(-1)).toEqual(['gift_found', 'derived', crew.coordinator.id]);
		await su.collection('assets').delete(garden);
		await su.collection('assets').delete(helper);
	});

	it('names the coordinator who set a step, and audits it with the row', async () => {
		const reason = 'Zingt sinds deze maand mee';
		await ladderApi(crew.coordinator.pb).setStep(made.bakes, 'asked', reason);
		const row = (await history(made.bakes)).at(-1);
		expect(row).toMatchObject({ source: 'set', setBy: crew.coordinator.id });
		expect(row?.causedBy).toBe(crew.coordinator.id);
		const ofAsset = (id: string) =>
			su.collection('audit_log').getFullList({
				filter: su.filter('targetCollection = "assets" && targetId = {:id}', { id })
			});
		const entries = await ofAsset(made.bakes);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			actor: crew.coordinator.id,
			actorKind: 'user',
			action: 'update',
			details: {
				fields: ['ladderStep'],
				ladderStep: row?.id,
				from: 'gift_found',
				to: 'asked'
			}
		});
		// Free text stays on the history row: the log outlives a resident's erasure.
		expect(entries[0].details).not.toHaveProperty('reason');
		// A refused step leaves no entry.
		expect(
			await statusOf(
				crew.worker.pb.send('/api/krachtkaart/ladder/step', {
					method: 'POST',
					body: { asset: made.sings, step: 'asked', reason: 'Mag niet' }
				})
			)
		).toBe(403);
		expect(await ofAsset(made.sings)).toEqual([]);
	});

	it('gives staff the moved-up per member, adding up to the team’s total', async () => {
		const period = quarterOf(today());
		for (const user of [crew.coordinator, crew.worker]) {
			const counts = await ladderApi(user.pb).fetchCounts([team.wijk.id], period);
			// bakes (set by the coordinator), sings and choir (her link), imported (nobody known).
			expect(counts.byMember).toEqual({
				members: [{ id: crew.coordinator.id, name: 'Test coordinator', reached: 3 }],
				unattributed: 1,
				total: 4
			});
			expect(counts.total.reachedTotal).toBe(4);
		}
		// The worker's own step up shows as hers once it is the asset's latest row.
		await crew.worker.pb.collection('assets').create({
			kind: 'capacity',
			title: `Nog een ${unique()}`,
			location: { lon: 5.005, lat: 52.005 },
			precision: 'street',
			area: team.buurt.id,
			status: 'active'
		});
		const counts = await ladderApi(crew.coordinator.pb).fetchCounts([team.wijk.id], period);
		expect(counts.byMember?.members).toEqual([
			{ id: crew.coordinator.id, name: 'Test coordinator', reached: 3 },
			{ id: crew.worker.id, name: 'Test worker', reached: 1 }
		]);
		expect(counts.byMember?.total).toBe(counts.total.reachedTotal);
	});

	it('gives a viewer no member, and another area’s coordinator nothing of this team', async () => {
		const last = recentQuarters(today(), 1, true)[0];
		const viewer = await ladderApi(crew.viewer.pb).fetchCounts([team.wijk.id], last);
		expect(viewer.marginsOnly).toBe(true);
		expect(viewer).not.toHaveProperty('byMember');
		expect(JSON.stringify(viewer)).not.toContain(crew.worker.id);
		const outsider = await ladderApi(crew.outsider.pb).fetchCounts(
			[team.wijk.id],
			quarterOf(today())
		);
		expect(outsider.byMember).toEqual({ members: [], unattributed: 0, total: 0 });
	});
});

describe('residents with their step', () => {
	let team: AreaTree;
	const crew = {} as Record<'coordinator' | 'worker' | 'viewer' | 'outsider', SignedInUser>;
	let person = '';

	beforeAll(async () => {
		team = await createAreaTree(su);
		crew.coordinator = await signedInUser(su, 'coordinator', [team.wijk.id]);
		crew.worker = await signedInUser(su, 'worker', [team.wijk.id]);
		crew.viewer = await signedInUser(su, 'viewer', [team.wijk.id]);
		crew.outsider = await signedInUser(su, 'coordinator', [elsewhere.wijk.id]);
		person = (await su.collection('people').create({ display_name: 'Fatima', area: team.buurt.id }))
			.id;
		const own = (kind: string) =>
			su.collection('assets').create({
				kind,
				title: `Van Fatima ${unique()}`,
				location: { lon: 5.005, lat: 52.005 },
				precision: 'street',
				area: team.buurt.id,
				status: 'active',
				person
			});
		const cooks = await own('capacity');
		const club = await own('association');
		await own('capacity');
		await su.collection('links').create({ from: cooks.id, to: club.id, kind: 'memberOf' });
	});

	it('gives coordinators, workers and admins her highest step, audited as a list of people', async () => {
		for (const user of [crew.coordinator, crew.worker, users.admin]) {
			const people = await ladderApi(user.pb).fetchPeople([team.wijk.id]);
			expect(people).toEqual([
				{ id: person, name: 'Fatima', area: team.buurt.id, step: 'connected', assets: 3 }
			]);
			const audit = await su.collection('audit_log').getList(1, 1, {
				filter: su.filter('actor = {:actor} && targetCollection = "people"', { actor: user.id }),
				sort: '-created'
			});
			expect(audit.items[0]).toMatchObject({ action: 'list' });
			expect(audit.items[0].details).toMatchObject({ ids: [person], count: 1, via: 'ladder' });
		}
	});

	it('refuses a viewer before any query, and shows another area’s coordinator no one', async () => {
		expect(await statusOf(ladderApi(crew.viewer.pb).fetchPeople([team.wijk.id]))).toBe(403);
		const audit = await su.collection('audit_log').getList(1, 1, {
			filter: su.filter('actor = {:actor}', { actor: crew.viewer.id })
		});
		expect(audit.totalItems).toBe(0);
		expect(await ladderApi(crew.outsider.pb).fetchPeople([team.wijk.id])).toEqual([]);
		expect(
			await statusOf(
				crew.outsider.pb.send('/api/krachtkaart/ladder/people', { query: { areas: 'bad' } })
			)
		).toBe(400);
	});
});
