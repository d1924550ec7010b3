// Guards the walk list: which doors are due (not-home stays, a recent talk goes, do-not-contact
// never comes back), walking order (odd side up, even side down), history newest first, streets
// nearest first from her position, street coverage, and merging live and queued visits.
import { describe, expect, it } from 'vitest';
import type { AddressRecord } from '$lib/addresses/addresses';
import {
	applyVisitChange,
	compareWalkingOrder,
	isDue,
	mergeVisits,
	orderStreetsFrom,
	streetLabeller,
	walkCoverage,
	walkList,
	type Visit
} from './walk-list';

const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (days: number) =>
	new Date(now.getTime() - days * 86_400_000).toISOString().replace('T', ' ');
const visit = (address: string, outcome: Visit['outcome'], days: number): Visit => ({
	id: `${address}-${outcome}-${days}`,
	address,
	outcome,
	heldAt: daysAgo(days),
	worker: 'w1'
});
const address = (id: string, street: string, number: string, location = { lon: 5, lat: 52 }) =>
	({
		id,
		street,
		number,
		postcode: '',
		city: 'Utrecht',
		location,
		area: 'b1'
	}) as AddressRecord;

describe('isDue', () => {
	it('keeps doors where nobody was home or they asked to come back', () => {
		expect(isDue([visit('a', 'not_home', 1), visit('a', 'come_back_later', 2)], now, 30)).toBe(
			true
		);
	});

	it('drops doors with a talk, refusal or vacancy within the period, and returns them after', () => {
		for (const outcome of ['talked', 'declined', 'vacant'] as const) {
			expect(isDue([visit('a', outcome, 29)], now, 30)).toBe(false);
			expect(isDue([visit('a', outcome, 31)], now, 30)).toBe(true);
		}
	});

	it('never returns a door that asked not to be contacted', () => {
		expect(isDue([visit('a', 'do_not_contact', 900)], now, 30)).toBe(false);
	});
});

describe('compareWalkingOrder', () => {
	it('goes up the odd side and back down the even side', () => {
		const numbers = ['2', '1', '4', '3', '12', '11', '3A', '10', 'zn'];
		expect([...numbers].sort(compareWalkingOrder)).toEqual([
			'1',
			'3',
			'3A',
			'11',
			'12',
			'10',
			'4',
			'2',
			'zn'
		]);
	});
});

describe('walkList', () => {
	it('lists the due doors by street in walking order, with their visits newest first', () => {
		const addresses = [
			address('w2', 'Wolgadreef', '2'),
			address('w1', 'Wolgadreef', '1'),
			address('w3', 'Wolgadreef', '3'),
			address('a1', 'Amazonedreef', '1'),
			address('a3', 'Amazonedreef', '3')
		];
		const visits = [
			visit('w1', 'not_home', 5),
			visit('w1', 'not_home', 1),
			visit('w3', 'talked', 3),
			visit('a3', 'do_not_contact', 400),
			visit('elsewhere', 'talked', 1)
		];
		const list = walkList(addresses, visits, now, 30);
		expect(list.map((s) => [s.street, s.doors.map((d) => d.address.number)])).toEqual([
			['Amazonedreef', ['1']],
			['Wolgadreef', ['1', '2']]
		]);
		expect(list[1].doors[0].visits.map((v) => v.heldAt)).toEqual([daysAgo(1), daysAgo(5)]);
	});

	it('is empty without addresses', () => {
		expect(walkList([], [], now, 30)).toEqual([]);
	});

	it('keeps two streets of the same name in two places apart, named with their place', () => {
		const inPlace = (id: string, number: string, city: string) => ({
			...address(id, 'Dorpsstraat', number),
			city
		});
		const addresses = [
			inPlace('t1', '1', 'Ten Boer'),
			inPlace('h1', '1', 'Haren'),
			inPlace('t2', '2', 'Ten Boer'),
			address('w1', 'Wolgadreef', '1')
		];
		const list = walkList(addresses, [], now, 30);
		expect(list.map((s) => [s.street, s.doors.map((d) => d.address.id)])).toEqual([
			['Dorpsstraat, Haren', ['h1']],
			['Dorpsstraat, Ten Boer', ['t1', 't2']],
			['Wolgadreef', ['w1']]
		]);
		// Names come from all addresses given as `named`, so a part of them keeps its names.
		expect(walkList(addresses.slice(0, 1), [], now, 30, addresses)[0].street).toBe(
			'Dorpsstraat, Ten Boer'
		);
		expect(walkList(addresses.slice(0, 1), [], now, 30)[0].street).toBe('Dorpsstraat');
		const { streets } = walkCoverage(addresses, [visit('t1', 'talked', 1)], now, 30);
		expect(streets.get('Dorpsstraat, Ten Boer')).toEqual({ visited: 1, total: 2 });
		expect(streets.get('Dorpsstraat, Haren')).toEqual({ visited: 0, total: 1 });
	});
});

describe('streetLabeller', () => {
	it('names a street by its name alone unless another place has one of that name', () => {
		const dorp = (city: string) => ({ street: 'Dorpsstraat', city });
		const label = streetLabeller([dorp('Ten Boer'), dorp('Haren'), dorp(''), dorp('Haren')]);
		expect(label(dorp('Ten Boer'))).toBe('Dorpsstraat, Ten Boer');
		// Without a place it cannot say which: its name alone.
		expect(label(dorp(''))).toBe('Dorpsstraat');
		expect(label({ street: 'Kerkstraat', city: 'Haren' })).toBe('Kerkstraat');
		expect(streetLabeller([dorp('Haren'), dorp('Haren')])(dorp('Haren'))).toBe('Dorpsstraat');
		// One place and a door without one: one street.
		const one = streetLabeller([dorp('Haren'), dorp('')]);
		expect([one(dorp('Haren')), one(dorp(''))]).toEqual(['Dorpsstraat', 'Dorpsstraat']);
	});
});

describe('orderStreetsFrom', () => {
	// Along a meridian, 0.001° of latitude is about 111 m.
	const at = (north: number) => ({ lon: 5, lat: 52 + north * 0.001 });
	const addresses = [
		address('a1', 'Amazonedreef', '1', at(10)),
		address('b1', 'Bostondreef', '1', at(3)),
		address('b2', 'Bostondreef', '2', at(1)),
		address('c1', 'Chicagodreef', '1', at(5)),
		address('n1', 'Nergensstraat', '1', { lon: 0, lat: 0 })
	];

	it('puts the street with the nearest due door first, each with that distance', () => {
		const ordered = orderStreetsFrom(walkList(addresses, [], now, 30), at(0));
		expect(ordered.map((s) => s.street)).toEqual([
			'Bostondreef',
			'Chicagodreef',
			'Amazonedreef',
			'Nergensstraat'
		]);
		expect(ordered[0].distance).toBeGreaterThan(105);
		expect(ordered[0].distance).toBeLessThan(117);
		expect(ordered[2].distance).toBeGreaterThan(1050);
		// An address without a location (PocketBase's unset 0,0) gives no distance.
		expect(ordered[3].distance).toBeNull();
	});

	it('measures to due doors only, and keeps the doors in walking order', () => {
		const visits = [visit('b2', 'talked', 2)];
		const ordered = orderStreetsFrom(walkList(addresses, visits, now, 30), at(0));
		expect(ordered.map((s) => s.street)).toEqual([
			'Bostondreef',
			'Chicagodreef',
			'Amazonedreef',
			'Nergensstraat'
		]);
		expect(ordered[0].distance).toBeGreaterThan(320);
		expect(ordered[0].distance).toBeLessThan(345);
		const fromNorth = orderStreetsFrom(walkList(addresses, [], now, 30), at(9));
		expect(fromNorth.map((s) => s.street).slice(0, 2)).toEqual(['Amazonedreef', 'Chicagodreef']);
		expect(fromNorth[2].doors.map((d) => d.address.number)).toEqual(['1', '2']);
	});
});

describe('walkCoverage', () => {
	it('counts doors with any visit in the period, out of every address of the street', () => {
		const addresses = [
			address('w1', 'Wolgadreef', '1'),
			address('w2', 'Wolgadreef', '2'),
			address('w3', 'Wolgadreef', '3'),
			address('w4', 'Wolgadreef', '4'),
			address('a1', 'Amazonedreef', '1')
		];
		const visits = [
			visit('w1', 'not_home', 1),
			visit('w1', 'not_home', 3),
			visit('w2', 'talked', 29),
			visit('w3', 'talked', 31),
			visit('a1', 'do_not_contact', 400),
			visit('elsewhere', 'talked', 1)
		];
		const { streets, total } = walkCoverage(addresses, visits, now, 30);
		expect(streets.get('Wolgadreef')).toEqual({ visited: 2, total: 4 });
		expect(streets.get('Amazonedreef')).toEqual({ visited: 0, total: 1 });
		expect(total).toEqual({ visited: 2, total: 5 });
	});
});

describe('mergeVisits and applyVisitChange', () => {
	const loaded = visit('w1', 'not_home', 3);
	const live = visit('w2', 'talked', 0);

	it('joins a load with visits it lacks, the loaded one winning on the same id', () => {
		const changed = { ...loaded, outcome: 'talked' as const };
		expect(mergeVisits([loaded], [changed, live])).toEqual([loaded, live]);
	});

	it('adds a created visit once, replaces an updated one and drops a deleted one', () => {
		let visits = applyVisitChange([loaded], 'create', live);
		visits = applyVisitChange(visits, 'create', live);
		expect(visits).toEqual([loaded, live]);
		const named = { ...live, workerName: 'Carla de Wit' };
		expect(applyVisitChange(visits, 'update', named)).toEqual([loaded, named]);
		expect(applyVisitChange(visits, 'delete', loaded)).toEqual([live]);
	});
});
