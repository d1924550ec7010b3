// Guards the asset filter: each criterion, empty lists meaning "any", accent-insensitive search,
// combinations, and what counts as the default.
import { describe, expect, it } from 'vitest';
import type { AssetRecord } from '$lib/pocketbase/types';
import {
	DEFAULT_FILTER,
	copyFilter,
	countActiveFilters,
	filterAssets,
	foldText,
	isDefaultFilter,
	matchesFilter,
	type AssetFilter
} from './filters';

function asset(id: string, fields: Partial<AssetRecord> = {}): AssetRecord {
	return {
		id,
		kind: 'initiative',
		title: `Asset ${id}`,
		description: '',
		themes: [],
		domain: [],
		gifts: [],
		location: { lon: 5.12, lat: 52.11 },
		precision: 'exact',
		area: 'b1',
		street: 'Wolgadreef',
		status: 'active',
		confirmedAt: '',
		confirmedBy: '',
		...fields
	};
}

const filter = (fields: Partial<AssetFilter>): AssetFilter => ({
	...copyFilter(DEFAULT_FILTER),
	...fields
});

const fatima = asset('fatima', {
	kind: 'key_figure',
	title: 'Fatima',
	description: 'Coördinatie van het taalcafé in de Geitenkamp',
	themes: ['taal', 'eenzaamheid'],
	domain: ['sociaal']
});
const garden = asset('garden', {
	kind: 'place',
	title: 'Buurttuin Zwanenvecht',
	themes: ['groen'],
	domain: ['fysiek'],
	status: 'idea'
});
const repair = asset('repair', {
	kind: 'initiative',
	title: 'Repair Café',
	description: 'Elke zaterdag',
	themes: ['energie', 'zorg_voor_elkaar'],
	domain: ['sociaal', 'fysiek'],
	status: 'paused'
});
const oldClub = asset('oldclub', {
	kind: 'association',
	title: 'Oude biljartclub',
	status: 'ended'
});
const all = [fatima, garden, repair, oldClub];
const ids = (assets: AssetRecord[]) => assets.map((a) => a.id);

describe('DEFAULT_FILTER', () => {
	it('shows everything except ended assets', () => {
		expect(ids(filterAssets(all, DEFAULT_FILTER))).toEqual(['fatima', 'garden', 'repair']);
	});
});

describe('matchesFilter', () => {
	it('filters by kind', () => {
		expect(ids(filterAssets(all, filter({ kinds: ['key_figure', 'place'] })))).toEqual([
			'fatima',
			'garden'
		]);
	});

	it('filters by theme when any theme overlaps', () => {
		expect(ids(filterAssets(all, filter({ themes: ['taal'] })))).toEqual(['fatima']);
		expect(ids(filterAssets(all, filter({ themes: ['groen', 'energie'] })))).toEqual([
			'garden',
			'repair'
		]);
	});

	it('filters by domain when any domain overlaps', () => {
		expect(ids(filterAssets(all, filter({ domains: ['fysiek'] })))).toEqual(['garden', 'repair']);
		expect(ids(filterAssets(all, filter({ domains: ['sociaal'] })))).toEqual(['fatima', 'repair']);
	});

	it('filters by status, ended ones only when asked', () => {
		expect(ids(filterAssets(all, filter({ statuses: ['ended'] })))).toEqual(['oldclub']);
		expect(ids(filterAssets(all, filter({ statuses: ['idea', 'paused'] })))).toEqual([
			'garden',
			'repair'
		]);
	});

	it('treats every empty list as "any"', () => {
		const any = { kinds: [], themes: [], domains: [], statuses: [], text: '' };
		expect(ids(filterAssets(all, any))).toEqual(ids(all));
	});

	it('never matches an asset without themes or domains when those are asked for', () => {
		const bare = asset('bare', { themes: undefined, domain: undefined } as Partial<AssetRecord>);
		expect(matchesFilter(bare, filter({ themes: ['taal'] }))).toBe(false);
		expect(matchesFilter(bare, filter({ domains: ['sociaal'] }))).toBe(false);
		expect(matchesFilter(bare, DEFAULT_FILTER)).toBe(true);
	});

	it('searches title and description, ignoring case and accents both ways', () => {
		expect(ids(filterAssets(all, filter({ text: 'coordinatie' })))).toEqual(['fatima']);
		expect(ids(filterAssets(all, filter({ text: 'TAALCAFE' })))).toEqual(['fatima']);
		expect(ids(filterAssets(all, filter({ text: 'café' })))).toEqual(['fatima', 'repair']);
		expect(ids(filterAssets(all, filter({ text: 'zwanen' })))).toEqual(['garden']);
		expect(ids(filterAssets(all, filter({ text: 'zaterdag' })))).toEqual(['repair']);
	});

	it('needs every word of the search text, in any order', () => {
		expect(ids(filterAssets(all, filter({ text: '  cafe   repair ' })))).toEqual(['repair']);
		expect(ids(filterAssets(all, filter({ text: 'cafe zwanen' })))).toEqual([]);
	});

	it('ignores a search text of only spaces', () => {
		expect(filterAssets(all, filter({ text: '   ' }))).toHaveLength(3);
	});

	it('combines all criteria', () => {
		const combined = filter({
			kinds: ['initiative', 'key_figure'],
			themes: ['energie', 'taal'],
			domains: ['fysiek'],
			statuses: ['paused'],
			text: 'repair'
		});
		expect(ids(filterAssets(all, combined))).toEqual(['repair']);
		expect(ids(filterAssets(all, { ...combined, statuses: ['active'] }))).toEqual([]);
		expect(ids(filterAssets(all, { ...combined, text: 'fatima' }))).toEqual([]);
	});

	it('sees a record replaced with a new description (records are replaced, not mutated)', () => {
		const before = asset('x', { description: 'voetbal' });
		expect(matchesFilter(before, filter({ text: 'voetbal' }))).toBe(true);
		const after = { ...before, description: 'hockey' };
		expect(matchesFilter(after, filter({ text: 'voetbal' }))).toBe(false);
		expect(matchesFilter(after, filter({ text: 'hockey' }))).toBe(true);
	});
});

describe('foldText', () => {
	it('drops accents and case', () => {
		expect(foldText('Coördinatie Café ÉÉN naïef')).toBe('coordinatie cafe een naief');
	});
});

describe('isDefaultFilter and countActiveFilters', () => {
	it('knows the default, also as a copy with statuses in another order', () => {
		expect(isDefaultFilter(DEFAULT_FILTER)).toBe(true);
		expect(isDefaultFilter(filter({ statuses: ['paused', 'active', 'idea'], text: ' ' }))).toBe(
			true
		);
		expect(countActiveFilters(DEFAULT_FILTER)).toBe(0);
	});

	it('counts each criterion that differs once', () => {
		expect(countActiveFilters(filter({ kinds: ['place', 'business'] }))).toBe(1);
		expect(countActiveFilters(filter({ themes: ['taal'], text: 'tuin' }))).toBe(2);
		expect(countActiveFilters(filter({ statuses: ['active'] }))).toBe(1);
		expect(countActiveFilters(filter({ statuses: [] }))).toBe(1);
		const everything = filter({
			kinds: ['place'],
			themes: ['groen'],
			domains: ['fysiek'],
			statuses: ['ended'],
			text: 'x'
		});
		expect(countActiveFilters(everything)).toBe(5);
		expect(isDefaultFilter(everything)).toBe(false);
	});

	it('copies without sharing lists', () => {
		const copy = copyFilter(DEFAULT_FILTER);
		copy.statuses.push('ended');
		copy.kinds.push('place');
		expect(DEFAULT_FILTER.statuses).toEqual(['active', 'idea', 'paused']);
		expect(DEFAULT_FILTER.kinds).toEqual([]);
	});
});
