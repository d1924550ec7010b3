// Guards the gap view filtered to a round: its period, its doors (lists first, then its streets,
// then its buurten) and the units at those doors.
import { describe, expect, it } from 'vitest';
import type { AddressRecord } from '$lib/addresses/addresses';
import type { GapUnit } from './gap-input';
import { roundDoors, roundGapPeriod, unitsAtDoors } from './gap-round';

const door = (id: string, area: string, street: string, lon: number, city = 'Utrecht') =>
	({
		id,
		area,
		street,
		city,
		number: '1',
		postcode: '',
		location: { lon, lat: 52.1 }
	}) as AddressRecord;

const doors = [
	door('a1', 'b1', 'Wolgadreef', 5.1),
	door('a2', 'b1', 'Wolgadreef', 5.2),
	door('a3', 'b1', 'Amazonedreef', 5.3),
	door('a4', 'b2', 'Kerkstraat', 5.4, 'Utrecht'),
	door('a5', 'b3', 'Kerkstraat', 5.5, 'Zeist')
];

const unit = (area: string, street: string, lon: number, over: Partial<GapUnit> = {}): GapUnit => ({
	lon,
	lat: 52.1,
	area,
	street,
	addresses: 1,
	visited: 0,
	talked: 0,
	visitedBefore: 0,
	talkedBefore: 0,
	lastVisit: null,
	themes: {},
	themesBefore: {},
	...over
});

const round = {
	areas: ['b1', 'b2'],
	streets: null,
	startsOn: '2027-03-01 12:00:00.000Z',
	endsOn: '2027-03-31 12:00:00.000Z',
	lists: []
};

describe('roundGapPeriod', () => {
	it('runs from the first day up to and including the last', () => {
		expect(roundGapPeriod(round)).toEqual({ from: '2027-03-01', to: '2027-04-01' });
		const oneDay = { startsOn: '2028-02-29 12:00:00.000Z', endsOn: '2028-02-29 12:00:00.000Z' };
		expect(roundGapPeriod(oneDay)).toEqual({ from: '2028-02-29', to: '2028-03-01' });
		const newYear = { startsOn: '2027-12-01 12:00:00.000Z', endsOn: '2027-12-31 12:00:00.000Z' };
		expect(roundGapPeriod(newYear).to).toBe('2028-01-01');
	});
});

describe('roundDoors', () => {
	const ids = (found: readonly AddressRecord[]) => found.map((d) => d.id);

	it('is the doors of its buurten when it names no streets and has no lists', () => {
		expect(ids(roundDoors(round, doors))).toEqual(['a1', 'a2', 'a3', 'a4']);
		expect(ids(roundDoors({ ...round, streets: [] }, doors))).toEqual(['a1', 'a2', 'a3', 'a4']);
	});

	it('is the doors of its streets by their labels, a recurring name with its place', () => {
		const named = {
			...round,
			areas: ['b1', 'b2', 'b3'],
			streets: ['Amazonedreef', 'Kerkstraat, Zeist']
		};
		expect(ids(roundDoors(named, doors))).toEqual(['a3', 'a5']);
	});

	it('is the doors on its lists when it has lists with doors, whatever its streets', () => {
		const listed = {
			...round,
			streets: ['Amazonedreef'],
			lists: [{ addresses: ['a2'] }, { addresses: ['a4'] }]
		};
		expect(ids(roundDoors(listed, doors))).toEqual(['a2', 'a4']);
		const emptyLists = { ...round, streets: ['Amazonedreef'], lists: [{ addresses: [] }] };
		expect(ids(roundDoors(emptyLists, doors))).toEqual(['a3']);
	});
});

describe('unitsAtDoors', () => {
	it('keeps the units at the doors by buurt, street and point, and no talk without a door', () => {
		const units = [
			unit('b1', 'Wolgadreef', 5.1, { visited: 1 }),
			unit('b1', 'Wolgadreef', 5.2),
			// The same point in another street, and the same street at another point: other doors.
			unit('b1', 'Amazonedreef', 5.1),
			unit('b1', 'Wolgadreef', 5.15),
			// A talk without a door at a door's point.
			unit('b1', '', 5.1, { addresses: 0, themes: { taal: 1 } })
		];
		const kept = unitsAtDoors(units, [doors[0], doors[1]]);
		expect(kept).toEqual([units[0], units[1]]);
		expect(unitsAtDoors(units, [])).toEqual([]);
	});

	it('matches a point read back as a slightly different float', () => {
		const units = [unit('b1', 'Wolgadreef', 5.1 + 1e-12)];
		expect(unitsAtDoors(units, [doors[0]])).toHaveLength(1);
	});
});
