// Guards the gap analysis's input (GET /api/krachtkaart/gaps, pb_hooks/lib/gap-input.js): it
// bypasses the API rules for speed, so staff must get exactly the counts the records API allows
// them, viewers only streets and buurten of at least MIN_RESIDENTS residents and nothing personal,
// and bad parameters a 400 that names them.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
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
	const conversations = await pb.collection('conversations').getFullList({
		filter: `(address != "" && (${inAreas(pb, 'address.', areas)})) || (address = "" && (${inAreas(pb, '', areas)}))`,
		requestKey: null
	});
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
		input = await gaps(users.viewer.pb, [home.wijk.id]);
		const query = new URLSearchParams({ areas: home.wijk.id, ...PERIOD });
		const response = await fetch(`${users.viewer.pb.baseURL}/api/krachtkaart/gaps?${query}`, {
			headers: { Authorization: users.viewer.pb.authStore.token }
		});
		raw = await response.text();
	});

	it('shows a street of six talks, and the quiet street, with their sums', () => {
		expect(input.aggregated).toBe(true);
		const [six] = unitOf(input, streets.six);
		expect(six).toEqual({
			lon: expect.closeTo(5.0015, 9),
			lat: expect.closeTo(52.004, 9),
			area: home.buurt.id,
			street: streets.six,
			addresses: 6,
			visited: 6,
			talked: 6,
			visitedBefore: 1,
			talkedBefore: 0,
			lastVisit: '2026-04-01T00:00:00.000Z',
			themes: { eenzaamheid: 7, taal: 1 },
			themesBefore: {},
			suppressed: false
		});
		expect(unitOf(input, streets.quiet)).toEqual([
			// The day only, for viewers.
			expect.objectContaining({ addresses: 2, visited: 0, lastVisit: '2024-05-01T00:00:00.000Z' })
		]);
	});

	it('folds a street of three talks into the rest of its buurt', () => {
		expect(unitOf(input, streets.three)).toEqual([]);
		expect(unitOf(input, streets.two)).toEqual([]);
		const rest = input.units.filter((u) => u.street === '' && u.area === home.buurt.id);
		// Driestraat's 4 doors and Tweestraat's 2, at the middle of all 14 doors of the buurt.
		expect(rest).toEqual([
			{
				lon: expect.closeTo((6 * 5.0015 + 4 * 5.0033 + 2 * 5.0051 + 2 * 5.0071) / 14, 9),
				lat: expect.closeTo(52.004, 9),
				area: home.buurt.id,
				street: '',
				addresses: 6,
				visited: 5,
				talked: 5,
				visitedBefore: 0,
				talkedBefore: 0,
				lastVisit: '2026-02-10T00:00:00.000Z',
				themes: { jeugd: 3, taal: 2 },
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
		expect(input.units).toHaveLength(4);
		// Every door is in some unit: the denominators stay true.
		expect(input.units.reduce((sum, u) => sum + u.addresses, 0)).toBe(18);
	});

	it('gives assets at their public point and never anything personal', () => {
		const gift = input.assets.find((a) => a.title === 'Kookt graag');
		// Street precision: the middle of the six doors of Zesstraat, not the stored 5.0011.
		expect(gift).toMatchObject({ resident: true, lat: expect.closeTo(52.004, 9) });
		expect(gift?.lon).toBeCloseTo(5.0015, 9);
		expect(input.assets.find((a) => a.title === 'Buurtmoeder')).toMatchObject({ lon: 5.021 });
		expect(raw).toContain(streets.six);
		for (const secret of [
			NOTE,
			PERSON_NAME,
			users.worker.id,
			'Test worker',
			...conversationIds,
			'5.0085',
			'groen',
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
