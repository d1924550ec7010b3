// Guards the round form's street picker: streets with their doors and gap figures, the never
// visited and least covered picks, the gap view's picks by buurt and name, and the filter.
import { describe, expect, it } from 'vitest';
import type { AddressRecord } from '$lib/addresses/addresses';
import type { GapUnit } from '$lib/gaps/gap-input';
import {
	filterStreets,
	labelsOfPicks,
	leastCoveredLabels,
	neverVisitedLabels,
	streetChoices,
	streetDoorFeatures,
	streetsBbox
} from './round-streets';

const door = (id: string, area: string, street: string, city = 'Utrecht') =>
	({
		id,
		area,
		street,
		city,
		number: '1',
		postcode: '',
		location: { lon: 5, lat: 52 }
	}) as AddressRecord;

const unit = (area: string, street: string, over: Partial<GapUnit> = {}): GapUnit => ({
	lon: 5,
	lat: 52,
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

const doors = [
	door('a1', 'b1', 'Wolgadreef'),
	door('a2', 'b1', 'Wolgadreef'),
	door('a3', 'b1', 'Amazonedreef'),
	door('a4', 'b2', 'Kerkstraat'),
	door('a5', 'b3', 'Kerkstraat', 'Zeist'),
	door('a6', 'b3', 'Éénhoornweg', 'Zeist')
];

const units = [
	// Wolgadreef: one of two visited this period.
	unit('b1', 'Wolgadreef', { visited: 1, lastVisit: '2027-03-02T10:00:00.000Z' }),
	unit('b1', 'Wolgadreef'),
	// Amazonedreef: never.
	unit('b1', 'Amazonedreef'),
	// Kerkstraat in Utrecht: visited before the period only.
	unit('b2', 'Kerkstraat', { lastVisit: '2026-01-02T10:00:00.000Z' }),
	// Kerkstraat in Zeist: visited this period.
	unit('b3', 'Kerkstraat', { visited: 1, lastVisit: '2027-03-02T10:00:00.000Z' }),
	// A talk without a door.
	unit('b1', '', { addresses: 0 })
];

describe('streetChoices', () => {
	it('lists the streets by label with their doors and coverage', () => {
		const choices = streetChoices(doors, units);
		expect(
			choices.map((c) => [c.label, c.doors, c.visited, c.neverVisited, c.visitedShare])
		).toEqual([
			['Amazonedreef', 1, 0, true, 0],
			['Éénhoornweg', 1, null, null, null],
			['Kerkstraat, Utrecht', 1, 0, false, 0],
			['Kerkstraat, Zeist', 1, 1, false, 1],
			['Wolgadreef', 2, 1, false, 0.5]
		]);
		expect(choices[2].keys).toEqual(['b2|Kerkstraat']);
	});

	it('has no figures without the gap input', () => {
		const choices = streetChoices(doors, null);
		expect(choices.every((c) => c.neverVisited === null && c.visitedShare === null)).toBe(true);
		expect(neverVisitedLabels(choices)).toEqual([]);
		expect(leastCoveredLabels(choices)).toEqual([]);
	});
});

describe('picking', () => {
	const choices = streetChoices(doors, units);

	it('picks the never visited, and the least covered (under a quarter visited)', () => {
		expect(neverVisitedLabels(choices)).toEqual(['Amazonedreef']);
		expect(leastCoveredLabels(choices)).toEqual(['Amazonedreef', 'Kerkstraat, Utrecht']);
	});

	it('finds the labels of the gap view’s streets by buurt and name', () => {
		expect(
			labelsOfPicks(choices, [
				{ area: 'b3', street: 'Kerkstraat' },
				{ area: 'b1', street: 'Wolgadreef' },
				{ area: 'b9', street: 'Amazonedreef' }
			])
		).toEqual(['Kerkstraat, Zeist', 'Wolgadreef']);
	});

	it('filters by label, case and accents aside', () => {
		expect(filterStreets(choices, ' eenh').map((c) => c.label)).toEqual(['Éénhoornweg']);
		expect(filterStreets(choices, 'ZEIST').map((c) => c.label)).toEqual(['Kerkstraat, Zeist']);
		expect(filterStreets(choices, '')).toHaveLength(5);
	});
});

describe('the street map', () => {
	const located = [
		{ ...door('a1', 'b1', 'Wolgadreef'), location: { lon: 5.1, lat: 52.1 } },
		{ ...door('a2', 'b1', 'Wolgadreef'), location: { lon: 5.2, lat: 52.0 } },
		{ ...door('a3', 'b1', 'Amazonedreef'), location: { lon: 0, lat: 0 } }
	] as AddressRecord[];
	const choices = streetChoices(located, [
		unit('b1', 'Wolgadreef'),
		unit('b1', 'Wolgadreef'),
		unit('b1', 'Amazonedreef')
	]);

	it('draws the located doors, marked by their street chosen or never visited', () => {
		const features = streetDoorFeatures(choices, ['Wolgadreef']).features;
		expect(features.map((f) => [f.geometry.coordinates, f.properties])).toEqual([
			[[5.1, 52.1], { label: 'Wolgadreef', chosen: true, never: true }],
			[[5.2, 52.0], { label: 'Wolgadreef', chosen: true, never: true }]
		]);
		expect(streetDoorFeatures(choices, []).features[0].properties.chosen).toBe(false);
	});

	it('fits the located doors, or nothing without any', () => {
		expect(streetsBbox(choices)).toEqual([5.1, 52.0, 5.2, 52.1]);
		expect(streetsBbox(choices.filter((c) => c.label === 'Amazonedreef'))).toBeNull();
	});
});
