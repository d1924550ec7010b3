// Guards the walk map's doors: each door's state on the walk (the same rule as the list's),
// doors without a location left off, the street named as the list names it, the legend's counts,
// the box the map fits to (one street or all), and which street the list opened last.
import { describe, expect, it } from 'vitest';
import type { AddressRecord } from '$lib/addresses/addresses';
import { countByState, doorBounds, doorFeatures, openedStreet } from './door-map';
import { doorState, doorsWithHistory, streetLabeller, walkList, type Visit } from './walk-list';

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
const address = (id: string, street: string, lon: number, lat: number, city = 'Utrecht') =>
	({
		id,
		street,
		number: id,
		postcode: '',
		city,
		location: { lon, lat },
		area: 'b1'
	}) as AddressRecord;

describe('doorState', () => {
	const state = (...visits: Visit[]) => doorState(visits, now, 30);

	it('says due for a door not tried lately, not home after a not-home or come-back-later', () => {
		expect(state()).toBe('due');
		expect(state(visit('a', 'talked', 40))).toBe('due');
		expect(state(visit('a', 'not_home', 40))).toBe('due');
		expect(state(visit('a', 'not_home', 1))).toBe('not_home');
		expect(state(visit('a', 'come_back_later', 2), visit('a', 'talked', 90))).toBe('not_home');
	});

	it('says talked, declined or vacant by the latest settling visit in the period', () => {
		expect(state(visit('a', 'talked', 3))).toBe('talked');
		expect(state(visit('a', 'not_home', 1), visit('a', 'declined', 5))).toBe('declined');
		expect(state(visit('a', 'vacant', 2), visit('a', 'talked', 10))).toBe('vacant');
	});

	it('says do-not-contact for good, whatever came after', () => {
		expect(state(visit('a', 'talked', 1), visit('a', 'do_not_contact', 900))).toBe(
			'do_not_contact'
		);
	});
});

describe('doorFeatures', () => {
	const addresses = [
		address('1', 'Dorpsstraat', 5.1, 52.1, 'Ten Boer'),
		address('2', 'Dorpsstraat', 5.2, 52.2, 'Haren'),
		address('3', 'Wolgadreef', 5.3, 52.3),
		{ ...address('4', 'Wolgadreef', 0, 0), location: { lon: 0, lat: 0 } }
	];
	const visits = [visit('1', 'not_home', 1), visit('3', 'talked', 2), visit('x', 'talked', 1)];
	const features = doorFeatures(
		doorsWithHistory(addresses, visits),
		streetLabeller(addresses),
		now,
		30
	).features;

	it('draws each located door with its state and its street as the list names it', () => {
		expect(features.map((f) => f.properties)).toEqual([
			{ id: '1', state: 'not_home', street: 'Dorpsstraat, Ten Boer' },
			{ id: '2', state: 'due', street: 'Dorpsstraat, Haren' },
			{ id: '3', state: 'talked', street: 'Wolgadreef' }
		]);
		expect(features[0].geometry.coordinates).toEqual([5.1, 52.1]);
		expect(features[0].id).toBe('1');
	});

	it('agrees with the walk list: the due and not-home doors are exactly the listed ones', () => {
		const listed = walkList(addresses, visits, now, 30)
			.flatMap((s) => s.doors.map((d) => d.address.id))
			.filter((id) => id !== '4');
		const open = features
			.filter((f) => f.properties.state === 'due' || f.properties.state === 'not_home')
			.map((f) => f.properties.id);
		expect(open.sort()).toEqual(listed.sort());
	});

	it('counts the doors in every state', () => {
		expect(countByState(features)).toEqual({
			due: 1,
			not_home: 1,
			talked: 1,
			declined: 0,
			vacant: 0,
			do_not_contact: 0
		});
	});

	it('boxes one street, or every door when the street has none drawn', () => {
		expect(doorBounds(features, 'Wolgadreef')).toEqual([5.3, 52.3, 5.3, 52.3]);
		expect(doorBounds(features, 'Elders')).toEqual([5.1, 52.1, 5.3, 52.3]);
		expect(doorBounds(features)).toEqual([5.1, 52.1, 5.3, 52.3]);
		expect(doorBounds([])).toBeNull();
	});
});

describe('openedStreet', () => {
	it('is the street opened since, else the one kept', () => {
		expect(openedStreet({ A: true }, { A: true, B: true }, 'A')).toBe('B');
		expect(openedStreet({ A: true, B: true }, { A: true, B: false }, 'B')).toBe('B');
		expect(openedStreet({}, {}, null)).toBeNull();
	});
});
