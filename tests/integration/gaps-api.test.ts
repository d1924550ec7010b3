// Guards the gap analysis's input (GET /api/krachtkaart/gaps, pb_hooks/lib/gap-input.js): it
// bypasses the API rules for speed, so staff must get exactly the counts the records API allows
// them, viewers only streets and buurten of at least MIN_RESIDENTS residents and nothing personal,
// and bad parameters a 400 that names them.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { PERIOD_MONTHS } from '$lib/gaps/gap-view';
import {
	MIN_RESIDENTS,
	type GapAsset,
	type GapInput,
	type GapLink,
	type GapUnit,
	type ThemeCounts
} from '$lib/gaps/gap-input';
import {
	anonymousClient,
	createAreaTree,
	signedInUser,
	superuserClient,
	SQUARE,
	unique,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

const PERIOD = { from: '2026-01-01', to: '2026-04-01' };
/** 90 days before 2026-01-01. */
const PREVIOUS_FROM = '2025-10-03';
const IN_PERIOD = '2026-02-10 10:00:00.000Z';
const BEFORE = '2025-11-15 10:00:00.000Z';
const LONG_AGO = '2024-05-01 09:00:00.000Z';
const NOTE = `Geheime notitie ${unique()}`;
const PERSON_NAME = `Henriëtte ${unique()}`;

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
/** A second buurt in home's wijk, with only 3 talks. */
let small: string;
const users: Record<string, SignedInUser> = {};
const conversationIds: string[] = [];
const streets = {
	six: `Zesstraat ${unique()}`,
	three: `Driestraat ${unique()}`,
	two: `Tweestraat ${unique()}`,
	quiet: `Stillestraat ${unique()}`,
	small: `Kleinstraat ${unique()}`,
	far: `Verrestraat ${unique()}`
};
const doors: Record<string, string[]> = {};

const gaps = (pb: PocketBase, areas: string[], query: Record<string, string> = PERIOD) =>
	pb.send<GapInput>('/api/krachtkaart/gaps', {
		query: { areas: areas.join(','), ...query },
		requestKey: null
	});

async function street(name: string, area: string, count: number, lon: number) {
	const ids = [];
	for (let i = 0; i < count; i++) {
		const record = await su.collection('addresses').create({
			street: name,
			number: String(i + 1),
			// Rounded: SQLite writes 15 significant digits, so 5.0032000000000005 comes back as 5.0032.
			location: { lon: Math.round((lon + i * 0.0002) * 1e6) / 1e6, lat: 52.004 },
			area
		});
		ids.push(record.id);
	}
	doors[name] = ids;
	return ids;
}

async function talk(
	area: string,
	address: string,
	heldAt: string,
	fields: Record<string, unknown> = {}
) {
	const record = await su.collection('conversations').create({
		id: newRecordId(),
		area,
		address,
		worker: users.worker.id,
		heldAt,
		outcome: 'talked',
		notes: NOTE,
		...fields
	});
	conversationIds.push(record.id);
	return record;
}

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	small = (
		await su.collection('areas').create({
			code: `BU-${unique()}`,
			name: 'Kleine buurt',
			level: 'buurt',
			parent: home.wijk.id,
			geometry: SQUARE(5.02, 52.0, 0.01)
		})
	).id;
	users.admin = await signedInUser(su, 'admin', []);
	users.coordinator = await signedInUser(su, 'coordinator', [home.gemeente.id]);
	users.worker = await signedInUser(su, 'worker', [home.wijk.id]);
	users.buurtWorker = await signedInUser(su, 'worker', [small]);
	users.viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	users.stranger = await signedInUser(su, 'coordinator', [elsewhere.gemeente.id]);

	const buurt = home.buurt.id;
	// Zesstraat: six talks in the period (one right at its start), one not-home before it, one
	// talk right at its end (outside it, but the last visit).
	const six = await street(streets.six, buurt, 6, 5.001);
	for (const [i, id] of six.entries()) {
		await talk(buurt, id, i === 1 ? '2026-01-01 00:00:00.000Z' : IN_PERIOD, {
			themes: i === 0 ? ['eenzaamheid', 'taal'] : ['eenzaamheid']
		});
	}
	await talk(buurt, six[0], BEFORE, { outcome: 'not_home' });
	await talk(buurt, six[1], '2026-04-01 00:00:00.000Z', { themes: ['sport'] });
	// A second talk at the same door in the period: one door, but its themes count twice.
	await talk(buurt, six[2], '2026-03-01 12:00:00.000Z', { themes: ['eenzaamheid'] });
	// Driestraat: 3 talks of 4 doors, folded into the rest; Tweestraat: 2 talks of 2 doors.
	const three = await street(streets.three, buurt, 4, 5.003);
	for (const id of three.slice(0, 3)) await talk(buurt, id, IN_PERIOD, { themes: ['jeugd'] });
	const two = await street(streets.two, buurt, 2, 5.005);
	for (const id of two) await talk(buurt, id, IN_PERIOD, { themes: ['taal'] });
	// Stillestraat: no visit in either period, one long ago.
	const quiet = await street(streets.quiet, buurt, 2, 5.007);
	await talk(buurt, quiet[0], LONG_AGO, { outcome: 'not_home' });
	// A talk without a door (GPS only): its themes at its own point.
	await talk(buurt, '', IN_PERIOD, {
		themes: ['groen'],
		location: { lon: 5.0085, lat: 52.0085 }
	});
	// The small buurt: 3 talks in total.
	const little = await street(streets.small, small, 4, 5.021);
	for (const id of little.slice(0, 3)) await talk(small, id, BEFORE, { themes: ['armoede'] });
	// Elsewhere: one talk by someone there.
	const far = await street(streets.far, elsewhere.buurt.id, 2, 5.001);
	await talk(elsewhere.buurt.id, far[0], IN_PERIOD, { themes: ['wonen'] });

	const person = await su
		.collection('people')
		.create({ display_name: PERSON_NAME, area: buurt, address: six[0] });
	const gift = await su.collection('assets').create({
		kind: 'capacity',
		title: 'Kookt graag',
		themes: ['eenzaamheid'],
		domain: ['sociaal'],
		location: { lon: 5.0011, lat: 52.0041 },
		precision: 'street',
		area: buurt,
		status: 'active',
		person: person.id
	});
	const keyFigure = await su.collection('assets').create({
		kind: 'key_figure',
		title: 'Buurtmoeder',
		themes: ['jeugd', 'taal'],
		domain: ['sociaal', 'fysiek'],
		location: { lon: 5.021, lat: 52.003 },
		precision: 'exact',
		area: small,
		status: 'ended'
	});
	await su.collection('assets').create({
		kind: 'initiative',
		title: 'Nog maar een idee',
		location: { lon: 5.002, lat: 52.002 },
		precision: 'exact',
		area: buurt,
		status: 'idea'
	});
	const farAsset = await su.collection('assets').create({
		kind: 'place',
		title: 'Speeltuin ver weg',
		location: { lon: 5.001, lat: 52.001 },
		precision: 'exact',
		area: elsewhere.buurt.id,
		status: 'active'
	});
	await su.collection('links').create({ from: gift.id, to: keyFigure.id, kind: 'knows' });
	// Starts outside home: only who may list it (by its start) gets it.
	await su.collection('links').create({ from: farAsset.id, to: gift.id, kind: 'supports' });
});

// ---------------------------------------------------------------------------------------------
// The same, through the records API under the caller's rules, counted here in TypeScript.

const inAreas = (pb: PocketBase, prefix: string, areas: string[]) =>
	areas
		.flatMap((id) =>
			['area', 'area.parent', 'area.parent.parent'].map((f) =>
				pb.filter(`${prefix}${f} = {:id}`, { id })
			)
		)
		.join(' || ');

const periodOf = (heldAt: string) =>
	heldAt >= `${PERIOD.from} 00:00:00.000Z` && heldAt < `${PERIOD.to} 00:00:00.000Z`
		? 1
		: heldAt >= `${PREVIOUS_FROM} 00:00:00.000Z` && heldAt < `${PERIOD.from} 00:00:00.000Z`
			? 2
			: 0;

function addThemes(counts: ThemeCounts, themes: string[]) {
	const record = counts as Record<string, number>;
	for (const theme of themes) record[theme] = (record[theme] ?? 0) + 1;
}

async function viaRecords(pb: PocketBase, areas: string[]) {
	const addresses = await pb
		.collection('addresses')
		.getFullList({ filter: inAreas(pb, '', areas), requestKey: null });
	// Filters go through at most two relations, so the doors and areas are matched here.
	const doorIds = new Set(addresses.map((a) => a.id));
	const areaIds = new Set(
		(
			await pb.collection('areas').getFullList({
				filter: areas
					.map((id) => pb.filter('id = {:id} || parent = {:id} || parent.parent = {:id}', { id }))
					.join(' || '),
				requestKey: null
			})
		).map((a) => a.id)
	);
	const conversations = (
		await pb.collection('conversations').getFullList({ requestKey: null })
	).filter((c) => (c.address !== '' ? doorIds.has(c.address) : areaIds.has(c.area)));
	const units: GapUnit[] = addresses.map((a) => {
		const unit: GapUnit = {
			lon: a.location.lon,
			lat: a.location.lat,
			area: a.area,
			street: a.street,
			addresses: 1,
			visited: 0,
			talked: 0,
			visitedBefore: 0,
			talkedBefore: 0,
			lastVisit: null,
			themes: {},
			themesBefore: {}
		};
		for (const c of conversations.filter((c) => c.address === a.id)) {
			const period = periodOf(c.heldAt);
			const talked = c.outcome === 'talked';
			const iso = c.heldAt.replace(' ', 'T');
			if (unit.lastVisit === null || iso > unit.lastVisit) unit.lastVisit = iso;
			if (period === 1) {
				unit.visited = 1;
				if (talked) unit.talked = 1;
				if (talked) addThemes(unit.themes, c.themes);
			} else if (period === 2) {
				unit.visitedBefore = 1;
				if (talked) unit.talkedBefore = 1;
				if (talked) addThemes(unit.themesBefore, c.themes);
			}
		}
		return unit;
	});
	for (const c of conversations) {
		const period = periodOf(c.heldAt);
		if (c.address !== '' || c.outcome !== 'talked' || period === 0 || c.themes.length === 0) {
			continue;
		}
		const unit: GapUnit = {
			lon: c.location.lon,
			lat: c.location.lat,
			area: c.area,
			street: '',
			addresses: 0,
			visited: 0,
			talked: 0,
			visitedBefore: 0,
			talkedBefore: 0,
			lastVisit: null,
			themes: {},
			themesBefore: {}
		};
		addThemes(period === 1 ? unit.themes : unit.themesBefore, c.themes);
		units.push(unit);
	}
	const assets = (
		await pb.collection('assets').getFullList({
			filter: `(${inAreas(pb, '', areas)}) && (status = "active" || status = "ended")`,
			requestKey: null
		})
	).map((a): GapAsset => ({
		id: a.id,
		kind: a.kind,
		title: a.title,
		lon: a.location.lon,
		lat: a.location.lat,
		area: a.area,
		themes: a.themes,
		domain: a.domain,
		status: a.status,
		created: a.created,
		resident: a.person !== ''
	}));
	const ids = new Set(assets.map((a) => a.id));
	const links = (await pb.collection('links').getFullList({ requestKey: null }))
		.filter((l) => ids.has(l.from) || ids.has(l.to))
		.map((l): GapLink => ({ from: l.from, to: l.to }));
	return { units, assets, links };
}

const key = (item: object) => JSON.stringify(item);
const sortedBy = <T extends object>(items: T[], name: (item: T) => string = key) =>
	[...items].sort((a, b) => name(a).localeCompare(name(b)));
const unitKey = (u: GapUnit) => `${u.area}|${u.street}|${u.lon}|${u.lat}|${u.addresses}`;
const unitOf = (input: GapInput, street: string) => input.units.filter((u) => u.street === street);

describe('the gap input for coordinators, workers and admins', () => {
	const choices: [string, () => string[]][] = [
		['the gemeente', () => [home.gemeente.id]],
		['a wijk', () => [home.wijk.id]],
		['a buurt', () => [home.buurt.id]],
		['two gemeenten', () => [home.gemeente.id, elsewhere.gemeente.id]],
		['another gemeente', () => [elsewhere.gemeente.id]]
	];
	for (const role of ['admin', 'coordinator', 'worker', 'buurtWorker', 'stranger']) {
		it(`gives the ${role} the counts of exactly the records the rules let her list`, async () => {
			for (const [, areas] of choices) {
				const fast = await gaps(users[role].pb, areas());
				const slow = await viaRecords(users[role].pb, areas());
				expect(fast.aggregated).toBe(false);
				expect(sortedBy(fast.units, unitKey)).toEqual(sortedBy(slow.units, unitKey));
				expect(sortedBy(fast.assets)).toEqual(sortedBy(slow.assets));
				expect(sortedBy(fast.links)).toEqual(sortedBy(slow.links));
			}
		});
	}

	it('counts each door per period exactly, from inclusive and to exclusive', async () => {
		const input = await gaps(users.coordinator.pb, [home.gemeente.id]);
		expect(input.period).toEqual({ ...PERIOD, previousFrom: PREVIOUS_FROM });
		expect(input.minResidents).toBe(MIN_RESIDENTS);
		const six = unitOf(input, streets.six);
		expect(six).toHaveLength(6);
		const door = (i: number) => six.find((u) => Math.abs(u.lon - (5.001 + i * 0.0002)) < 1e-9);
		expect(door(0)).toEqual({
			lon: 5.001,
			lat: 52.004,
			area: home.buurt.id,
			street: streets.six,
			addresses: 1,
			visited: 1,
			talked: 1,
			visitedBefore: 1,
			talkedBefore: 0,
			lastVisit: '2026-02-10T10:00:00.000Z',
			themes: { eenzaamheid: 1, taal: 1 },
			themesBefore: {}
		});
		// Its talk at the period's first moment counts; the one at its end only as the last visit.
		expect(door(1)).toMatchObject({
			visited: 1,
			talked: 1,
			lastVisit: '2026-04-01T00:00:00.000Z',
			themes: { eenzaamheid: 1 }
		});
		expect(door(2)).toMatchObject({ visited: 1, talked: 1, themes: { eenzaamheid: 2 } });
		const quiet = unitOf(input, streets.quiet).map((u) => [u.visited, String(u.lastVisit)]);
		expect(quiet.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
			[0, '2024-05-01T09:00:00.000Z'],
			[0, 'null']
		]);
		expect(unitOf(input, streets.small).map((u) => u.talkedBefore)).toEqual([1, 1, 1, 0]);
		// The talk without a door: its themes at its point, no addresses.
		expect(input.units.filter((u) => u.addresses === 0)).toEqual([
			expect.objectContaining({
				lon: 5.0085,
				lat: 52.0085,
				area: home.buurt.id,
				street: '',
				visited: 0,
				talked: 0,
				themes: { groen: 1 },
				themesBefore: {}
			})
		]);
		// The areas asked and those under them, without geometry.
		expect(input.areas.map((a) => a.id).sort()).toEqual(
			[home.gemeente.id, home.wijk.id, home.buurt.id, small].sort()
		);
		expect(input.areas.find((a) => a.id === small)).toEqual({
			id: small,
			code: expect.any(String),
			name: 'Kleine buurt',
			level: 'buurt',
			parent: home.wijk.id
		});
		// Active and ended assets at their stored point; not the idea; the link from outside
		// home is not the coordinator's to list.
		expect(input.assets.map((a) => [a.title, a.status, a.resident, a.lon]).sort()).toEqual([
			['Buurtmoeder', 'ended', false, 5.021],
			['Kookt graag', 'active', true, 5.0011]
		]);
		expect(input.links).toHaveLength(1);
	});

	it('gives a coordinator of another area the doors, but not one visit or asset there', async () => {
		const input = await gaps(users.stranger.pb, [home.wijk.id]);
		expect(input.units.length).toBe(18);
		expect(input.units.every((u) => u.visited + u.visitedBefore === 0 && !u.lastVisit)).toBe(true);
		expect(input.assets).toEqual([]);
		expect(input.links).toEqual([]);
	});

	it('leaves an audit entry for the conversations of the two periods it counted', async () => {
		await gaps(users.coordinator.pb, [home.wijk.id]);
		const entries = await su.collection('audit_log').getFullList({
			filter: su.filter('actor = {:actor} && targetCollection = "conversations"', {
				actor: users.coordinator.id
			})
		});
		expect(entries).toContainEqual(
			expect.objectContaining({
				action: 'list',
				details: { route: 'gaps', areas: [home.wijk.id], count: 17 }
			})
		);
	});

	// Answers are cached until the data changes: each kind of change must show at once.
	it('answers anew after every change of conversations, assets, links, addresses or areas', async () => {
		const tree = await createAreaTree(su);
		const admin = users.admin.pb;
		const read = () => gaps(admin, [tree.gemeente.id]);
		const door = (input: GapInput) => input.units.find((u) => u.addresses === 1);
		expect((await read()).units).toEqual([]);
		const address = await su.collection('addresses').create({
			street: `Cachestraat ${unique()}`,
			number: '1',
			location: { lon: 5.005, lat: 52.005 },
			area: tree.buurt.id
		});
		expect(door(await read())).toMatchObject({ visited: 0, visitedBefore: 0 });
		const conversation = await talk(tree.buurt.id, address.id, IN_PERIOD);
		expect(door(await read())).toMatchObject({ visited: 1, visitedBefore: 0 });
		// The same read again, from the cache, is audited like the first.
		const audited = async () =>
			(
				await su.collection('audit_log').getFullList({
					filter: su.filter('actor = {:actor} && details ~ {:area}', {
						actor: users.admin.id,
						area: tree.gemeente.id
					})
				})
			).length;
		const before = await audited();
		await read();
		expect(await audited()).toBe(before + 1);
		await su.collection('conversations').update(conversation.id, { heldAt: BEFORE });
		expect(door(await read())).toMatchObject({ visited: 0, visitedBefore: 1 });
		const asset = await su.collection('assets').create({
			kind: 'place',
			title: 'Buurthuis',
			location: { lon: 5.006, lat: 52.006 },
			precision: 'exact',
			area: tree.buurt.id,
			status: 'active'
		});
		const other = await su.collection('assets').create({
			kind: 'place',
			title: 'Bibliotheek',
			location: { lon: 5.007, lat: 52.007 },
			precision: 'exact',
			area: tree.buurt.id,
			status: 'active'
		});
		expect((await read()).assets.map((a) => a.title).sort()).toEqual(['Bibliotheek', 'Buurthuis']);
		await su.collection('links').create({ from: asset.id, to: other.id, kind: 'knows' });
		expect((await read()).links).toEqual([{ from: asset.id, to: other.id }]);
		await su.collection('areas').update(tree.buurt.id, { name: 'Nieuwe naam' });
		expect((await read()).areas.find((a) => a.id === tree.buurt.id)?.name).toBe('Nieuwe naam');
		await su.collection('conversations').delete(conversation.id);
		expect(door(await read())).toMatchObject({ visited: 0, visitedBefore: 0, lastVisit: null });
	});
});

describe('the gap input for viewers', () => {
	let input: GapInput;
	let raw: string;
	beforeAll(async () => {
		// PERIOD is one whole quarter (2026 Q1), so a viewer may ask it; the previous is 2025 Q4.
		input = await gaps(users.viewer.pb, [home.wijk.id]);
		const query = new URLSearchParams({ areas: home.wijk.id, ...PERIOD });
		const response = await fetch(`${users.viewer.pb.baseURL}/api/krachtkaart/gaps?${query}`, {
			headers: { Authorization: users.viewer.pb.authStore.token }
		});
		raw = await response.text();
	});

	it('asks whole quarters: the previous period is the quarter before', () => {
		expect(input.aggregated).toBe(true);
		expect(input.period).toEqual({ ...PERIOD, previousFrom: '2025-10-01' });
	});

	it('shows the quiet street, with the day of its last visit only', () => {
		expect(unitOf(input, streets.quiet)).toEqual([
			expect.objectContaining({
				area: home.buurt.id,
				addresses: 2,
				visited: 0,
				talked: 0,
				lastVisit: '2024-05-01T00:00:00.000Z',
				suppressed: false
			})
		]);
	});

	// Zesstraat had six talks in 2026 Q1 but one (at 2026-04-01) in 2026 Q2: shown in Q1 alone, a
	// viewer comparing Q1 with Q1 + Q2 would see that one household's talk. So it is folded into
	// the rest of its buurt in every period, as are Driestraat (3 talks) and Tweestraat (2).
	it('folds every street with 1 to 4 talks in any quarter into the rest of its buurt', () => {
		for (const name of [streets.six, streets.three, streets.two]) {
			expect(unitOf(input, name)).toEqual([]);
		}
		const rest = input.units.filter((u) => u.street === '' && u.area === home.buurt.id);
		// Zesstraat's 6 doors, Driestraat's 4 and Tweestraat's 2, at the middle of all 14 doors.
		expect(rest).toEqual([
			{
				lon: expect.closeTo((6 * 5.0015 + 4 * 5.0033 + 2 * 5.0051 + 2 * 5.0071) / 14, 9),
				lat: expect.closeTo(52.004, 9),
				area: home.buurt.id,
				street: '',
				addresses: 12,
				visited: 11,
				talked: 11,
				visitedBefore: 1,
				talkedBefore: 0,
				lastVisit: '2026-04-01T00:00:00.000Z',
				themes: { eenzaamheid: 7, taal: 3, jeugd: 3 },
				themesBefore: {},
				suppressed: false
			}
		]);
	});

	it('suppresses the rest of a buurt with only three talks', () => {
		expect(input.units.filter((u) => u.area === small)).toEqual([
			{
				lon: expect.closeTo(5.0213, 9),
				lat: expect.closeTo(52.004, 9),
				area: small,
				street: '',
				addresses: 4,
				visited: 0,
				talked: 0,
				visitedBefore: 0,
				talkedBefore: 0,
				lastVisit: null,
				themes: {},
				themesBefore: {},
				suppressed: true
			}
		]);
		expect(input.units).toHaveLength(3);
		// Every door is in some unit: the denominators stay true.
		expect(input.units.reduce((sum, u) => sum + u.addresses, 0)).toBe(18);
	});

	it('gives assets at their public point and never anything personal', () => {
		const gift = input.assets.find((a) => a.title === 'Kookt graag');
		// Street precision: the middle of the six doors of Zesstraat, not the stored 5.0011.
		expect(gift).toMatchObject({ resident: true, lat: expect.closeTo(52.004, 9) });
		expect(gift?.lon).toBeCloseTo(5.0015, 9);
		expect(input.assets.find((a) => a.title === 'Buurtmoeder')).toMatchObject({ lon: 5.021 });
		expect(raw).toContain(streets.quiet);
		for (const secret of [
			NOTE,
			PERSON_NAME,
			users.worker.id,
			'Test worker',
			...conversationIds,
			'5.0085',
			'groen',
			streets.six,
			streets.three,
			...doors[streets.six]
		]) {
			expect(raw).not.toContain(secret);
		}
		expect(Object.keys(JSON.parse(raw)).sort()).toEqual(
			['aggregated', 'areas', 'assets', 'links', 'minResidents', 'period', 'units'].sort()
		);
	});

	it('counts only the talks in her own areas', async () => {
		const far = await gaps(users.viewer.pb, [elsewhere.buurt.id]);
		expect(far.units).toEqual([
			expect.objectContaining({ street: streets.far, addresses: 2, visited: 0, talked: 0 })
		]);
		expect(far.assets).toEqual([]);
	});

	it('leaves no audit entry: nothing personal was read', async () => {
		const entries = await su.collection('audit_log').getFullList({
			filter: su.filter('actor = {:actor}', { actor: users.viewer.id })
		});
		expect(entries.filter((e) => e.details?.route === 'gaps')).toEqual([]);
	});
});

// Issue 11, class 5: small counts came back by differencing. A viewer who asked two periods a day
// apart saw one household's talk and its themes. Here a viewer asks every period she may, in
// every scope, and every pair of answers is differenced against the truth (the admin's doors,
// quarter by quarter): what any two answers differ by is made of whole quarters of whole groups
// of 0 or at least MIN_RESIDENTS residents.
describe('the gap input for viewers cannot be differenced', () => {
	const QUARTERS = [
		'2023-01-01',
		'2023-04-01',
		'2023-07-01',
		'2023-10-01',
		'2024-01-01',
		'2024-04-01',
		'2024-07-01',
		'2024-10-01',
		'2025-01-01',
		'2025-04-01',
		'2025-07-01',
		'2025-10-01',
		'2026-01-01',
		'2026-04-01'
	];
	let tree: AreaTree;
	let second: string;
	let third: string;
	let viewer: SignedInUser;
	const names = {
		big: `Grotestraat ${unique()}`,
		five: `Vijfstraat ${unique()}`,
		few: `Kleinstraat ${unique()}`,
		middle: `Middenstraat ${unique()}`,
		corner: `Hoekstraat ${unique()}`
	};
	/** Every answer the viewer may get: every allowed period, in every scope. */
	const answers: { label: string; input: GapInput }[] = [];
	/** The truth, per quarter (its first day): each door (by its point) with its talks' themes. */
	const truth = new Map<
		string,
		Map<string, { area: string; street: string; themes: ThemeCounts }>
	>();
	const doorKey = (u: { lon: number; lat: number }) => `${u.lon},${u.lat}`;
	const doorsOf = new Map<string, { area: string; street: string }>();

	const at = (day: string) => `${day} 12:00:00.000Z`;
	async function talks(area: string, ids: string[], day: string, themes: string[]) {
		for (const id of ids) await talk(area, id, at(day), { themes });
	}

	beforeAll(async () => {
		tree = await createAreaTree(su);
		second = (
			await su.collection('areas').create({
				code: `BU-${unique()}`,
				name: 'Tweede buurt',
				level: 'buurt',
				parent: tree.wijk.id,
				geometry: SQUARE(5.02, 52.0, 0.01)
			})
		).id;
		viewer = await signedInUser(su, 'viewer', [tree.wijk.id]);
		const buurt = tree.buurt.id;
		// Grotestraat: 6, 5 and 5 talks in three quarters (one door in two of them): always shown.
		const big = await street(names.big, buurt, 10, 5.001);
		await talks(buurt, big.slice(0, 6), '2025-02-10', ['taal']);
		await talks(buurt, big.slice(5, 10), '2025-05-10', ['taal', 'sport']);
		await talks(buurt, big.slice(0, 5), '2025-11-10', ['groen']);
		// Vijfstraat: 5 talks in May, and one more on 1 July. The old route gave a viewer 5 talks
		// for 2025-05-01..2025-07-01 and 6, with "armoede", for 2025-05-01..2025-07-02.
		const five = await street(names.five, buurt, 8, 5.004);
		await talks(buurt, five.slice(0, 5), '2025-05-20', ['eenzaamheid']);
		await talks(buurt, five.slice(5, 6), '2025-07-01', ['armoede']);
		// Kleinstraat: 3 talks in 2025 Q2.
		const few = await street(names.few, buurt, 4, 5.007);
		await talks(buurt, few.slice(0, 3), '2025-06-01', ['jeugd']);
		// The second buurt: Middenstraat 5 talks in 2025 Q3; Hoekstraat 2 then, 1 in Q4.
		const middle = await street(names.middle, second, 6, 5.021);
		await talks(second, middle.slice(0, 5), '2025-08-15', ['wonen']);
		const corner = await street(names.corner, second, 3, 5.024);
		await talks(second, corner.slice(0, 2), '2025-09-01', ['taal']);
		await talks(second, corner.slice(2, 3), '2025-12-01', ['taal']);
		// The third buurt: if which streets are shown followed the period, the rest of 2025 Q3 (with
		// Q2 before it) would hold Ypad, Bpad and Dpad, and that of Q4 (Q3 before it) Ypad, Cpad and
		// Dpad; both have 5 or more talks in each quarter, but the first minus Bpad's 5 in Q3, shown
		// in the second, leaves Ypad and Dpad: 3 talks in Q3.
		third = (
			await su.collection('areas').create({
				code: `BU-${unique()}`,
				name: 'Derde buurt',
				level: 'buurt',
				parent: tree.wijk.id,
				geometry: SQUARE(5.04, 52.0, 0.01)
			})
		).id;
		const path = async (name: string, count: number, lon: number) =>
			street(`${name} ${unique()}`, third, count, lon);
		const ypad = await path('Ypad', 2, 5.041);
		const bpad = await path('Bpad', 6, 5.043);
		const cpad = await path('Cpad', 6, 5.045);
		const dpad = await path('Dpad', 6, 5.047);
		await talks(third, ypad.slice(0, 1), '2025-08-01', ['werk']);
		await talks(third, bpad.slice(0, 1), '2025-05-01', ['werk']);
		await talks(third, bpad.slice(1, 6), '2025-08-01', ['werk']);
		await talks(third, cpad.slice(0, 5), '2025-08-01', ['werk']);
		await talks(third, cpad.slice(5, 6), '2025-11-01', ['werk']);
		await talks(third, dpad.slice(0, 4), '2025-05-01', ['werk']);
		await talks(third, dpad.slice(0, 2), '2025-08-01', ['werk']);
		await talks(third, dpad.slice(0, 4), '2025-11-01', ['werk']);

		for (const [from, to] of QUARTERS.slice(0, -1).map((q, i) => [q, QUARTERS[i + 1]])) {
			const input = await gaps(users.admin.pb, [tree.wijk.id], { from, to });
			const doors = new Map<string, { area: string; street: string; themes: ThemeCounts }>();
			for (const unit of input.units) {
				doorsOf.set(doorKey(unit), { area: unit.area, street: unit.street });
				if (unit.talked) doors.set(doorKey(unit), { ...unit, themes: unit.themes });
			}
			truth.set(from, doors);
		}

		const scopes: [string, string[]][] = [
			['the wijk', [tree.wijk.id]],
			['the gemeente', [tree.gemeente.id]],
			['the first buurt', [tree.buurt.id]],
			['the second buurt', [second]],
			['two buurten', [tree.buurt.id, second]],
			['the third buurt', [third]]
		];
		for (const months of PERIOD_MONTHS) {
			for (const to of QUARTERS.slice(8)) {
				const from = QUARTERS[QUARTERS.indexOf(to) - months / 3];
				for (const [scope, areas] of scopes) {
					const input = await gaps(viewer.pb, areas, { from, to });
					answers.push({ label: `${scope} ${from}..${to}`, input });
				}
			}
		}
	});

	const quartersOf = (from: string, to: string) => QUARTERS.filter((q) => q >= from && q < to);
	/** The doors a unit of an answer stands for: its street's, or the buurt's streets not shown. */
	function doorsOfUnit(input: GapInput, unit: GapUnit): string[] {
		const shown = new Set(input.units.filter((u) => u.area === unit.area).map((u) => u.street));
		return [...doorsOf]
			.filter(([, d]) => d.area === unit.area)
			.filter(([, d]) => (unit.street === '' ? !shown.has(d.street) : d.street === unit.street))
			.map(([key]) => key);
	}
	/** The talks behind a unit's figures: `quarter|door` for every door that talked then. */
	function talksBehind(input: GapInput, unit: GapUnit): Set<string> {
		const doors = doorsOfUnit(input, unit);
		const pairs = new Set<string>();
		for (const quarter of quartersOf(input.period.previousFrom, input.period.to)) {
			for (const door of doors) if (truth.get(quarter)?.has(door)) pairs.add(`${quarter}|${door}`);
		}
		return pairs;
	}
	const shownUnits = (input: GapInput) => input.units.filter((u) => !u.suppressed);
	const small = (n: number) => n >= 1 && n < MIN_RESIDENTS;

	it('refuses a viewer every period but 1, 2 or 4 whole quarters, before any query', async () => {
		const today = new Date();
		const month = String(Math.floor(today.getUTCMonth() / 3) * 3 + 1).padStart(2, '0');
		const current = `${today.getUTCFullYear()}-${month}-01`;
		const later = new Date(Date.parse(current) + 100 * 86_400_000).toISOString().slice(0, 7);
		const refused: [Record<string, string>, string, string][] = [
			// The old attack: two periods a day apart.
			[{ from: '2025-05-01', to: '2025-07-01' }, 'from', 'not_quarter_start'],
			[{ from: '2025-04-01', to: '2025-07-02' }, 'to', 'not_quarter_start'],
			[{ from: '2025-06-30', to: '2025-07-01' }, 'from', 'not_quarter_start'],
			// Whole months, but not quarters; whole quarters, but 3 of them or 8.
			[{ from: '2025-05-01', to: '2025-08-01' }, 'from', 'not_quarter_start'],
			[{ from: '2025-01-01', to: '2025-10-01' }, 'to', 'not_viewer_length'],
			[{ from: '2024-01-01', to: '2026-01-01' }, 'to', 'not_viewer_length'],
			[{ from: '2025-07-01', to: '2025-04-01' }, 'to', 'not_viewer_length'],
			// The current quarter is not complete: its talks would come in one by one.
			[{ from: current, to: `${later}-01` }, 'to', 'quarter_not_complete'],
			[{ from: '2025-01-01', to: '2025-4-1' }, 'to', 'invalid_date']
		];
		for (const [query, name, code] of refused) {
			await expect(
				gaps(viewer.pb, [tree.wijk.id], query),
				JSON.stringify(query)
			).rejects.toMatchObject({
				status: 400,
				response: {
					message: expect.stringMatching(new RegExp(`^${name}: `, 'i')),
					data: { [name]: { code } }
				}
			});
		}
		// Without a period: the last complete quarter.
		const start = new Date(Date.parse(current));
		start.setUTCMonth(start.getUTCMonth() - 3);
		expect((await gaps(viewer.pb, [tree.wijk.id], {})).period).toMatchObject({
			from: start.toISOString().slice(0, 10),
			to: current
		});
	});

	it('still gives staff any days, where the old attack shows one household', async () => {
		const day = async (to: string) =>
			(await gaps(users.admin.pb, [tree.buurt.id], { from: '2025-05-01', to })).units.filter(
				(u) => u.street === names.five
			);
		const [shorter, longer] = [await day('2025-07-01'), await day('2025-07-02')];
		const sum = (units: GapUnit[], pick: (u: GapUnit) => number) =>
			units.reduce((n, u) => n + pick(u), 0);
		expect(sum(longer, (u) => u.talked) - sum(shorter, (u) => u.talked)).toBe(1);
		expect(sum(longer, (u) => u.themes.armoede ?? 0)).toBe(1);
		expect(sum(shorter, (u) => u.themes.armoede ?? 0)).toBe(0);
	});

	it('accepts each period length of the gap view (PERIOD_MONTHS)', () => {
		expect(answers).toHaveLength(PERIOD_MONTHS.length * 6 * 6);
		for (const { input } of answers) {
			const months = quartersOf(input.period.from, input.period.to).length * 3;
			expect(PERIOD_MONTHS).toContain(months);
			expect(quartersOf(input.period.previousFrom, input.period.from).length * 3).toBe(months);
		}
	});

	it('gives figures that are exactly the sums of their quarters, nothing else', () => {
		for (const { label, input } of answers) {
			for (const unit of shownUnits(input)) {
				const doors = doorsOfUnit(input, unit);
				for (const [side, from, to] of [
					['now', input.period.from, input.period.to],
					['before', input.period.previousFrom, input.period.from]
				] as const) {
					const talked = new Set<string>();
					const themes: Record<string, number> = {};
					for (const quarter of quartersOf(from, to)) {
						for (const door of doors) {
							const found = truth.get(quarter)?.get(door);
							if (!found) continue;
							talked.add(door);
							for (const [theme, n] of Object.entries(found.themes)) {
								themes[theme] = (themes[theme] ?? 0) + (n ?? 0);
							}
						}
					}
					const where = `${label} ${unit.street || 'rest'} ${side}`;
					expect(side === 'now' ? unit.talked : unit.talkedBefore, where).toBe(talked.size);
					expect(side === 'now' ? unit.themes : unit.themesBefore, where).toEqual(themes);
				}
			}
		}
	});

	it('shows the same streets in every period and scope: no rest differs by a street', () => {
		const shownStreets = new Map<string, string>();
		for (const { label, input } of answers) {
			for (const area of [tree.buurt.id, second, third]) {
				const streetsShown = input.units
					.filter((u) => u.area === area && u.street !== '')
					.map((u) => u.street)
					.sort()
					.join('|');
				if (input.units.some((u) => u.area === area)) {
					expect(streetsShown, `${label} ${area}`).toBe(shownStreets.get(area) ?? streetsShown);
					shownStreets.set(area, streetsShown);
				}
			}
		}
		expect(shownStreets.get(tree.buurt.id)).toBe(names.big);
		expect(shownStreets.get(second)).toBe(names.middle);
		expect(shownStreets.get(third)).toBe('');
	});

	it('gives a buurt the same units whichever areas are asked with it', () => {
		const byPeriod = new Map<string, string>();
		for (const { input } of answers) {
			for (const area of [tree.buurt.id, second, third]) {
				const units = input.units.filter((u) => u.area === area);
				if (units.length === 0) continue;
				const key = `${area}|${input.period.from}|${input.period.to}`;
				const text = JSON.stringify(sortedBy(units, unitKey));
				expect(text).toBe(byPeriod.get(key) ?? text);
				byPeriod.set(key, text);
			}
		}
	});

	it('lets no two answers differ by 1 to 4 residents in a street, rest, buurt or theme', () => {
		// The groups an answer gives figures of: each shown unit (street or rest), and each buurt
		// (the sum of its shown units, as the gap view's buurt rows and hexagons add them up).
		// A theme's count in a group is a sum over the talks behind it, so it is covered too.
		// Per group and quarter: the doors that talked then.
		type Groups = Map<string, { area: string; quarters: Map<string, Set<string>> }>;
		const groupsOf = (input: GapInput): Groups => {
			const groups: Groups = new Map();
			for (const unit of shownUnits(input)) {
				for (const key of [`${unit.area}|${unit.street}`, unit.area]) {
					const group = groups.get(key) ?? { area: unit.area, quarters: new Map() };
					for (const pair of talksBehind(input, unit)) {
						const [quarter, door] = pair.split('|');
						const doors = group.quarters.get(quarter) ?? new Set<string>();
						group.quarters.set(quarter, doors.add(door));
					}
					groups.set(key, group);
				}
			}
			return groups;
		};
		const all = answers.map((answer) => ({ ...answer, groups: groupsOf(answer.input) }));
		let compared = 0;
		// Any figure of a group in one answer minus any figure of a group of the same buurt in
		// another: made of the talks behind the first that are not behind the second. Per quarter
		// (the finest any set of answers resolves) those must be 0 or at least MIN_RESIDENTS doors.
		for (const a of all) {
			for (const b of all) {
				for (const [keyA, groupA] of a.groups) {
					for (const [keyB, groupB] of b.groups) {
						if (groupA.area !== groupB.area || (a === b && keyA === keyB)) continue;
						compared++;
						for (const [quarter, doors] of groupA.quarters) {
							const other = groupB.quarters.get(quarter) ?? new Set<string>();
							const only = [...doors].filter((door) => !other.has(door)).length;
							expect(small(only), `${a.label} ${keyA} − ${b.label} ${keyB}: ${quarter}`).toBe(
								false
							);
						}
					}
				}
			}
		}
		expect(compared).toBeGreaterThan(10_000);
		// Vijfstraat's one talk on 1 July is in no answer on its own: the rest holding it is
		// suppressed whenever 2025 Q3 is asked.
		for (const { input } of answers) {
			if (quartersOf(input.period.previousFrom, input.period.to).includes('2025-07-01')) {
				const rest = input.units.find((u) => u.area === tree.buurt.id && u.street === '');
				if (rest) expect(rest.suppressed).toBe(true);
			}
		}
	});
});

describe('the parameters of the gap input', () => {
	it('defaults to the last 90 days, today included', async () => {
		const input = await gaps(users.admin.pb, [home.buurt.id], {});
		const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
		const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
		expect(input.period.to).toBe(tomorrow);
		expect(day(input.period.to) - day(input.period.from)).toBe(90);
		expect(day(input.period.from) - day(input.period.previousFrom)).toBe(90);
	});

	it('refuses anonymous callers', async () => {
		await expect(gaps(anonymousClient(), [home.buurt.id])).rejects.toMatchObject({ status: 401 });
	});

	it('refuses bad dates and areas with a 400 that names the parameter', async () => {
		const refused: [Record<string, string>, string][] = [
			[{ from: '2026-13-01', to: '2026-04-01' }, 'from'],
			[{ from: '2026-02-30', to: '2026-04-01' }, 'from'],
			[{ from: '1 januari', to: '2026-04-01' }, 'from'],
			[{ from: '2026-01-01', to: '2026-4-1' }, 'to'],
			[{ from: '2026-04-01', to: '2026-04-01' }, 'to'],
			[{ from: '2026-05-01', to: '2026-04-01' }, 'to'],
			[{ from: '2020-01-01', to: '2026-04-01' }, 'to']
		];
		for (const [query, name] of refused) {
			await expect(gaps(users.admin.pb, [home.buurt.id], query)).rejects.toMatchObject({
				status: 400,
				response: {
					message: expect.stringMatching(new RegExp(`^${name}: `, 'i')),
					data: { [name]: { code: expect.any(String) } }
				}
			});
		}
		await expect(gaps(users.admin.pb, ['nope'])).rejects.toMatchObject({
			status: 400,
			response: { message: expect.stringContaining('area ids') }
		});
		// Five years is allowed.
		await expect(
			gaps(users.admin.pb, [home.buurt.id], { from: '2021-04-01', to: '2026-04-01' })
		).resolves.toMatchObject({ period: { from: '2021-04-01' } });
	});
});
