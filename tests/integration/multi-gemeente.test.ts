// One instance, several gemeenten (issue 12): a second gemeente added through the API, each with a
// Dorpsstraat in its own woonplaats.
// - The walk keeps the two Dorpsstraten apart (a street is its name in its place).
// - An admin whose areas are one gemeente gets only that gemeente from the map, walk and gap
//   snapshots her views ask for, though she may read every area; an admin without areas all.
// - Every point the server stores lies in its area or below it (pb_hooks/lib/area-of-point.js):
//   outside is a 400 naming the field, no area given means the buurt containing the point.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { addressSearchFilter, type AddressRecord } from '$lib/addresses/addresses';
import { walkList, type Visit } from '$lib/conversations/walk-list';
import { walkSheet } from '$lib/conversations/walk-sheet';
import type { GapInput } from '$lib/gaps/gap-input';
import { newRecordId } from '$lib/sync/outbox';
import {
	signedInUser,
	SQUARE,
	superuserClient,
	unique,
	type SignedInUser
} from '../support/fixtures';

// Out at sea, far from every other test's areas (they lie around 5.0, 52.0 or on real buurten):
// no other buurt contains these points, so the one assigned is ours.
const WEST = 3.1;
const LAT = 53.6;

interface Gemeente {
	gemeente: string;
	wijk: string;
	buurt: string;
	city: string;
	/** A point inside the buurt. */
	at: (east: number, north?: number) => { lon: number; lat: number };
}

let su: PocketBase;
let groningen: Gemeente;
let haren: Gemeente;
let adminOfGroningen: SignedInUser;
let adminOfAll: SignedInUser;
let teamOfBoth: SignedInUser;
let workerOfGroningen: SignedInUser;
const ids = { groningen: [] as string[], haren: [] as string[] };
const assets = { groningen: '', haren: '' };

/** A gemeente ▸ wijk ▸ buurt at `lon`, each 0.1° / 0.05° / 0.02° square. */
async function gemeenteAt(lon: number, name: string, city: string): Promise<Gemeente> {
	const tag = unique();
	const create = async (fields: Record<string, unknown>) =>
		(await su.collection('areas').create({ name: `${name} ${tag}`, ...fields })).id;
	const gemeente = await create({
		code: `GM-MG-${tag}`,
		level: 'gemeente',
		geometry: SQUARE(lon, LAT, 0.1)
	});
	const wijk = await create({
		code: `WK-MG-${tag}`,
		level: 'wijk',
		parent: gemeente,
		geometry: SQUARE(lon, LAT, 0.05)
	});
	const buurt = await create({
		code: `BU-MG-${tag}`,
		level: 'buurt',
		parent: wijk,
		geometry: SQUARE(lon, LAT, 0.02)
	});
	return {
		gemeente,
		wijk,
		buurt,
		city,
		at: (east, north = 0.01) => ({ lon: lon + east, lat: LAT + north })
	};
}

async function dorpsstraat(g: Gemeente, number: string, east: number) {
	return (
		await su.collection('addresses').create({
			street: 'Dorpsstraat',
			number,
			postcode: '9791 AA',
			city: g.city,
			location: g.at(east),
			area: g.buurt
		})
	).id;
}

async function asset(g: Gemeente) {
	return (
		await su.collection('assets').create({
			kind: 'initiative',
			title: `Buurthuis ${g.city} ${unique()}`,
			location: g.at(0.005),
			precision: 'exact',
			area: g.buurt,
			status: 'active'
		})
	).id;
}

/** The error of a refused request: its status and the fields its data names. */
async function refusal(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (error) {
		const e = error as { status: number; response?: { data?: Record<string, { code: string }> } };
		return { status: e.status, data: e.response?.data ?? {} };
	}
	return { status: 0, data: {} };
}

const walk = (pb: PocketBase, areas: string[]) =>
	pb.send<{ addresses: AddressRecord[]; visits: Visit[] }>('/api/krachtkaart/walk', {
		query: { areas: areas.join(',') },
		requestKey: null
	});
const map = (pb: PocketBase, areas: string[]) =>
	pb.send<{ assets: { id: string; area: string }[] }>('/api/krachtkaart/map', {
		query: { areas: areas.join(',') },
		requestKey: null
	});
const gaps = (pb: PocketBase, areas: string[]) =>
	pb.send<GapInput>('/api/krachtkaart/gaps', {
		query: { areas: areas.join(','), from: '2026-01-01', to: '2026-04-01' },
		requestKey: null
	});

beforeAll(async () => {
	su = await superuserClient();
	groningen = await gemeenteAt(WEST, 'Groningen', 'Ten Boer');
	haren = await gemeenteAt(WEST + 0.2, 'Haren', 'Haren');
	for (const [number, east] of [
		['1', 0.001],
		['3', 0.002],
		['2', 0.003]
	] as const) {
		ids.groningen.push(await dorpsstraat(groningen, number, east));
		ids.haren.push(await dorpsstraat(haren, number, east));
	}
	assets.groningen = await asset(groningen);
	assets.haren = await asset(haren);
	adminOfGroningen = await signedInUser(su, 'admin', [groningen.gemeente]);
	adminOfAll = await signedInUser(su, 'admin', []);
	teamOfBoth = await signedInUser(su, 'coordinator', [groningen.gemeente, haren.gemeente]);
	workerOfGroningen = await signedInUser(su, 'worker', [groningen.wijk]);
});

describe('two streets of the same name in two places', () => {
	it('are two streets on the walk list of a team that works in both', async () => {
		const { addresses } = await walk(teamOfBoth.pb, [groningen.gemeente, haren.gemeente]);
		expect(addresses).toHaveLength(6);
		const list = walkList(addresses, [], new Date(), 30);
		expect(list.map((s) => [s.street, s.doors.map((d) => d.address.id)])).toEqual([
			['Dorpsstraat, Haren', [ids.haren[0], ids.haren[1], ids.haren[2]]],
			['Dorpsstraat, Ten Boer', [ids.groningen[0], ids.groningen[1], ids.groningen[2]]]
		]);
		// A walk sheet of one of them lists its own doors only.
		const sheet = walkSheet(addresses, [], ['Dorpsstraat, Ten Boer'], new Date());
		expect(sheet.flatMap((s) => s.doors.map((d) => d.address.id)).sort()).toEqual(
			[...ids.groningen].sort()
		);
	});

	it('is one street named by its name alone where she works in one place', async () => {
		const { addresses } = await walk(workerOfGroningen.pb, [groningen.wijk]);
		expect(walkList(addresses, [], new Date(), 30).map((s) => s.street)).toEqual(['Dorpsstraat']);
	});
});

describe('an admin whose areas are one gemeente', () => {
	it('gets only her gemeente from the snapshots her views ask for', async () => {
		const mine = adminOfGroningen.pb;
		const walked = await walk(mine, [groningen.gemeente]);
		expect(walked.addresses.map((a) => a.id).sort()).toEqual([...ids.groningen].sort());
		expect(walked.addresses.every((a) => a.city === 'Ten Boer')).toBe(true);
		const mapped = await map(mine, [groningen.gemeente]);
		expect(mapped.assets.map((a) => a.id)).toEqual([assets.groningen]);
		const input = await gaps(mine, [groningen.gemeente]);
		expect(input.areas.map((a) => a.id).sort()).toEqual(
			[groningen.gemeente, groningen.wijk, groningen.buurt].sort()
		);
		expect(input.assets.map((a) => a.id)).toEqual([assets.groningen]);
		expect(input.units.every((u) => u.area === groningen.buurt)).toBe(true);
	});

	it('finds an address to place an asset at in her own gemeente only', async () => {
		const mine = adminOfGroningen.pb;
		const search = async (within: string[]) => {
			const filter = addressSearchFilter('Dorpsstraat 1', within);
			if (!filter) throw new Error('too little typed');
			const found = await mine.collection('addresses').getFullList<AddressRecord>({
				filter: mine.filter(filter.expr, filter.params)
			});
			return found
				.map((a) => a.id)
				.filter((id) => ids.groningen.includes(id) || ids.haren.includes(id));
		};
		expect(await search([groningen.gemeente])).toEqual([ids.groningen[0]]);
		expect((await search([])).sort()).toEqual([ids.groningen[0], ids.haren[0]].sort());
	});

	it('may still read every area and ask for the other gemeente', async () => {
		const mine = adminOfGroningen.pb;
		const areas = await mine.collection('areas').getFullList({
			filter: mine.filter('id = {:a} || id = {:b}', { a: groningen.gemeente, b: haren.gemeente })
		});
		expect(areas).toHaveLength(2);
		expect((await map(mine, [haren.gemeente])).assets.map((a) => a.id)).toEqual([assets.haren]);
	});

	it('an admin without areas gets both', async () => {
		const both = [groningen.gemeente, haren.gemeente];
		expect((await map(adminOfAll.pb, both)).assets.map((a) => a.id).sort()).toEqual(
			[assets.groningen, assets.haren].sort()
		);
		expect((await walk(adminOfAll.pb, both)).addresses).toHaveLength(6);
	});
});

describe('every stored point lies in its area', () => {
	it('refuses an address, asset or conversation whose point lies in another gemeente', async () => {
		const address = await refusal(
			su.collection('addresses').create({
				street: 'Dorpsstraat',
				number: '99',
				city: 'Ten Boer',
				location: haren.at(0.004),
				area: groningen.buurt
			})
		);
		expect(address.status).toBe(400);
		expect(address.data).toHaveProperty('location.code', 'outside_area');

		const asset = await refusal(
			workerOfGroningen.pb.collection('assets').create({
				kind: 'capacity',
				title: 'Kookt graag',
				location: haren.at(0.004),
				precision: 'street',
				area: groningen.buurt,
				status: 'active'
			})
		);
		expect(asset.status).toBe(400);
		expect(asset.data).toHaveProperty('location.code', 'outside_area');

		// A talk at a door: the door decides, and a door in Haren is not in a buurt of Groningen.
		const atDoor = await refusal(
			adminOfAll.pb.collection('conversations').create({
				id: newRecordId(),
				area: groningen.buurt,
				address: ids.haren[0],
				worker: adminOfAll.id,
				heldAt: '2026-11-23 10:15:00.000Z',
				outcome: 'not_home'
			})
		);
		expect(atDoor.status).toBe(400);
		expect(atDoor.data).toHaveProperty('address.code', 'outside_area');

		// A talk without a door: its own point decides.
		const noDoor = await refusal(
			workerOfGroningen.pb.collection('conversations').create({
				id: newRecordId(),
				area: groningen.buurt,
				worker: workerOfGroningen.id,
				heldAt: '2026-11-23 10:15:00.000Z',
				outcome: 'talked',
				consent: ['anonymous'],
				location: haren.at(0.004)
			})
		);
		expect(noDoor.status).toBe(400);
		expect(noDoor.data).toHaveProperty('location.code', 'outside_area');

		// Nothing of it was written.
		const written = await su.collection('addresses').getList(1, 1, {
			filter: su.filter('number = "99" && area = {:b}', { b: groningen.buurt })
		});
		expect(written.totalItems).toBe(0);
	});

	it('keeps a talk at its door when her phone placed her further away', async () => {
		const talk = await workerOfGroningen.pb.collection('conversations').create({
			id: newRecordId(),
			area: groningen.buurt,
			address: ids.groningen[0],
			worker: workerOfGroningen.id,
			heldAt: '2026-11-23 10:15:00.000Z',
			outcome: 'not_home',
			// Outside the buurt (and 2 km off): the door, in the buurt, decides.
			location: groningen.at(0.03)
		});
		expect(talk.farFromAddress).toBe(true);
	});

	it('never refuses a talk at a door filed under its area, even where the door was stored before the check', async () => {
		const tag = unique();
		const buurt = await su.collection('areas').create({
			code: `BU-MG-${tag}`,
			name: `Nieuwbouw ${tag}`,
			level: 'buurt',
			parent: groningen.wijk,
			geometry: SQUARE(WEST + 0.03, LAT, 0.01)
		});
		const door = await su.collection('addresses').create({
			street: 'Nieuwe Weg',
			number: '1',
			city: 'Ten Boer',
			location: groningen.at(0.035, 0.005),
			area: buurt.id
		});
		// Its outline redrawn elsewhere: the door's point now lies outside its own buurt.
		await su.collection('areas').update(buurt.id, { geometry: SQUARE(WEST + 0.04, LAT, 0.005) });
		const talk = await workerOfGroningen.pb.collection('conversations').create({
			id: newRecordId(),
			area: buurt.id,
			address: door.id,
			worker: workerOfGroningen.id,
			heldAt: '2026-11-23 10:15:00.000Z',
			outcome: 'not_home'
		});
		expect(talk.area).toBe(buurt.id);
		// Without an area, a talk at a door gets the door's.
		const filed = await su.collection('conversations').create({
			id: newRecordId(),
			address: ids.haren[1],
			worker: teamOfBoth.id,
			heldAt: '2026-11-23 10:20:00.000Z',
			outcome: 'not_home'
		});
		expect(filed.area).toBe(haren.buurt);
	});

	it('accepts a point below the area filed under, and near its edge', async () => {
		// Filed under the gemeente; in its buurt. And 5 m outside the buurt's edge (west of it).
		const atGemeente = await su.collection('addresses').create({
			street: 'Kerkstraat',
			number: '1',
			city: 'Ten Boer',
			location: groningen.at(0.01),
			area: groningen.gemeente
		});
		expect(atGemeente.area).toBe(groningen.gemeente);
		const nearEdge = await su.collection('addresses').create({
			street: 'Kerkstraat',
			number: '2',
			city: 'Ten Boer',
			location: groningen.at(-0.00007),
			area: groningen.buurt
		});
		expect(nearEdge.area).toBe(groningen.buurt);
		// 100 m west of it is refused.
		const farOut = await refusal(
			su.collection('addresses').create({
				street: 'Kerkstraat',
				number: '3',
				city: 'Ten Boer',
				location: groningen.at(-0.0015),
				area: groningen.buurt
			})
		);
		expect(farOut.data).toHaveProperty('location.code', 'outside_area');
	});

	it('assigns the buurt containing the point when no area is given, or refuses', async () => {
		const placed = await su.collection('addresses').create({
			street: 'Dorpsstraat',
			number: '7',
			city: 'Haren',
			location: haren.at(0.007)
		});
		expect(placed.area).toBe(haren.buurt);
		const byAdmin = await adminOfAll.pb.collection('assets').create({
			kind: 'place',
			title: `Speeltuin ${unique()}`,
			location: haren.at(0.008),
			precision: 'exact',
			status: 'active'
		});
		expect(byAdmin.area).toBe(haren.buurt);
		// Its street comes from the area it was just given: the area is assigned first of the
		// asset's own request hooks (pb_hooks/assets.pb.js).
		expect(byAdmin.street).toBe('Dorpsstraat');
		// Between the two gemeenten: in no buurt at all.
		const nowhere = await refusal(
			su.collection('addresses').create({
				street: 'Zee',
				number: '1',
				city: 'Nergens',
				location: { lon: WEST + 0.15, lat: LAT + 0.01 }
			})
		);
		expect(nowhere.status).toBe(400);
		expect(nowhere.data).toHaveProperty('area.code', 'no_area_at_point');
	});

	it('checks a move, not an edit that leaves the point where it was', async () => {
		const id = await dorpsstraat(groningen, '11', 0.011);
		const moved = await refusal(
			su.collection('addresses').update(id, { location: haren.at(0.011) })
		);
		expect(moved.data).toHaveProperty('location.code', 'outside_area');
		const refiled = await refusal(su.collection('addresses').update(id, { area: haren.buurt }));
		expect(refiled.data).toHaveProperty('location.code', 'outside_area');
		// Filed under both its point and area anew: fine.
		await su.collection('addresses').update(id, { location: haren.at(0.011), area: haren.buurt });
		await su.collection('addresses').update(id, { number: '11a' });
	});

	it('follows a change of an area at once, and checks nothing against an area without geometry', async () => {
		const tag = unique();
		const custom = await su.collection('areas').create({
			code: `CU-MG-${tag}`,
			name: `Eigen gebied ${tag}`,
			level: 'custom',
			parent: groningen.gemeente,
			geometry: SQUARE(WEST + 0.03, LAT + 0.03, 0.01)
		});
		const outside = groningen.at(0.045, 0.045);
		const create = () =>
			su.collection('assets').create({
				kind: 'place',
				title: `Bankje ${unique()}`,
				location: outside,
				precision: 'exact',
				area: custom.id,
				status: 'active'
			});
		expect((await refusal(create())).data).toHaveProperty('location.code', 'outside_area');
		// Grown to hold the point: the cached outline is read again.
		await su.collection('areas').update(custom.id, {
			geometry: SQUARE(WEST + 0.03, LAT + 0.03, 0.02)
		});
		expect((await create()).area).toBe(custom.id);
		// Its outline removed: nothing to check against.
		await su.collection('areas').update(custom.id, { geometry: null });
		const anywhere = await su.collection('assets').create({
			kind: 'place',
			title: `Bankje ${unique()}`,
			location: haren.at(0.001),
			precision: 'exact',
			area: custom.id,
			status: 'active'
		});
		expect(anywhere.area).toBe(custom.id);
	});
});
