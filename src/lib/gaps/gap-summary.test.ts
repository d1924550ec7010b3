// Guards what the gap summary says when there is nothing to show, on real analyses of small inputs.
import { describe, expect, it } from 'vitest';
import type { GapInput } from './gap-input';
import { analyseGaps } from './gaps';
import { gapEmptyState } from './gap-summary';

const AREA = {
	id: 'buurta',
	code: 'BU03440001',
	name: 'Tigrisdreef',
	level: 'buurt' as const,
	parent: ''
};
const PERIOD = { from: '2026-09-01', to: '2026-12-01', previousFrom: '2026-06-01' };
const OPTIONS = { radiusM: 500, resolution: 9, now: Date.parse('2026-11-15T12:00:00Z') };

function input(units: GapInput['units'], assets: GapInput['assets'] = []): GapInput {
	return {
		areas: [AREA],
		period: PERIOD,
		aggregated: false,
		minResidents: 5,
		units,
		assets,
		links: []
	};
}

function unit(overrides: Partial<GapInput['units'][number]> = {}): GapInput['units'][number] {
	return {
		area: AREA.id,
		street: 'Tigrisdreef',
		lon: 5.11,
		lat: 52.11,
		addresses: 1,
		visited: 0,
		talked: 0,
		visitedBefore: 0,
		talkedBefore: 0,
		lastVisit: null,
		themes: {},
		themesBefore: {},
		...overrides
	};
}

describe('gapEmptyState', () => {
	it('says there is nothing to measure without addresses', () => {
		expect(gapEmptyState(analyseGaps(input([]), OPTIONS))).toBe('no_addresses');
	});

	it('says nobody visited when the doors had no visit in the period', () => {
		const units = [unit(), unit({ visitedBefore: 1, lastVisit: '2026-07-01' })];
		expect(gapEmptyState(analyseGaps(input(units), OPTIONS))).toBe('no_visits');
	});

	it('says there are no gaps when every raised theme has an asset within reach', () => {
		const units = [unit({ visited: 1, talked: 1, lastVisit: '2026-10-01', themes: { taal: 2 } })];
		const helper = {
			id: 'a1',
			kind: 'initiative',
			title: 'Taalcafé',
			lon: 5.11,
			lat: 52.11,
			area: AREA.id,
			status: 'active',
			themes: ['taal' as const],
			domain: ['sociaal' as const],
			created: '2026-01-01 10:00:00.000Z',
			resident: false
		} satisfies GapInput['assets'][number];
		expect(gapEmptyState(analyseGaps(input(units, [helper]), OPTIONS))).toBe('no_gaps');
		// Without the asset the theme is unmet: a gap, so something to show.
		expect(gapEmptyState(analyseGaps(input(units), OPTIONS))).toBeNull();
	});
});
