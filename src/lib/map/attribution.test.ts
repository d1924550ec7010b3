import { describe, expect, it } from 'vitest';
import type { LngLatBBox } from '$lib/areas/areas';
import { CREDITS, creditsFor, shownSources } from './attribution';
import { offlineStyle } from './basemap';
import { STREETLIGHTS_MINZOOM } from './styles';

const TILBURG: LngLatBBox = [5.03, 51.54, 5.12, 51.59];
const OVERVECHT: LngLatBBox = [5.09, 52.1, 5.14, 52.13];
const credit = (source: string) => CREDITS.find((c) => c.sources.includes(source))!.html;

describe('shownSources', () => {
	const layers = offlineStyle({ gemeenten: 'g', streetlights: 's' }).layers;

	it('leaves out a source whose layers are outside their zoom range', () => {
		expect([...shownSources(layers, STREETLIGHTS_MINZOOM - 1)]).toEqual(['gemeenten']);
		expect(shownSources(layers, STREETLIGHTS_MINZOOM)).toEqual(
			new Set(['gemeenten', 'streetlights'])
		);
	});

	it('leaves out hidden layers and layers without a source', () => {
		const shown = shownSources(
			[
				{ source: 'gaps-cells', layout: { visibility: 'none' } },
				{ source: 'gaps-buurten', maxzoom: 14 },
				{}
			],
			13
		);
		expect(shown).toEqual(new Set(['gaps-buurten']));
		expect(shownSources([{ source: 'gaps-buurten', maxzoom: 14 }], 14).size).toBe(0);
	});
});

describe('creditsFor', () => {
	const all = new Set(['areas', 'gemeenten', 'streetlights', 'assets']);

	it("credits Utrecht's street lights only where they are", () => {
		expect(creditsFor(all, OVERVECHT)).toContain(credit('streetlights'));
		expect(creditsFor(all, TILBURG)).not.toContain(credit('streetlights'));
		expect(creditsFor(all, TILBURG)).toEqual([
			credit('areas'),
			credit('gemeenten'),
			credit('assets')
		]);
	});

	it('credits only the sources shown', () => {
		expect(creditsFor(new Set(['gemeenten']), OVERVECHT)).toEqual([credit('gemeenten')]);
		expect(creditsFor(new Set(['gaps-buurten']), TILBURG)).toEqual([credit('areas')]);
		expect(creditsFor(new Set(), OVERVECHT)).toEqual([]);
	});
});
