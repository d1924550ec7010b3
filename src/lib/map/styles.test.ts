// Guards the asset symbols: every kind has its colour and a symbol no other kind shares (size,
// outline, hollow), key figures are the largest, stale and selected rings sit outside the dot,
// and clusters grow with their count.
import { describe, expect, it } from 'vitest';
import { ASSET_KINDS, UNKNOWN_KIND_COLOR } from '$lib/assets/assets';
import { contrastRatio } from '$lib/ui/contrast';
import {
	ASSETS_PAINT,
	CLUSTER_COUNT_LAYOUT,
	CLUSTER_COUNT_PAINT,
	CLUSTER_PAINT,
	CLUSTER_STEPS,
	MAP_FONT,
	MAP_FONT_REGULAR,
	AREA_LABEL_LAYOUT,
	AREA_LABEL_MINZOOM,
	KIND_SYMBOLS,
	kindMatch,
	outerRadius,
	symbolColors,
	zoomedRadius
} from './styles';

describe('kindMatch', () => {
	it('maps every asset kind to its value, unknown kinds to the fallback', () => {
		const expression = kindMatch((info) => info.color, UNKNOWN_KIND_COLOR) as unknown[];
		expect(expression.slice(0, 2)).toEqual(['match', ['get', 'kind']]);
		expect(expression.at(-1)).toBe(UNKNOWN_KIND_COLOR);
		for (const { kind, color } of ASSET_KINDS) {
			const at = expression.indexOf(kind);
			expect(at).toBeGreaterThan(1);
			expect(expression[at + 1]).toBe(color);
		}
	});

	it('is a plain value without kinds', () => {
		expect(kindMatch(() => '#000000', '#000000', [])).toEqual(['literal', '#000000']);
	});
});

describe('kind symbols', () => {
	it('tell every kind apart without colour too', () => {
		const shapes = ASSET_KINDS.map(({ kind }) => {
			const s = KIND_SYMBOLS[kind];
			return `${s.radius}|${s.stroke}|${s.strokeWidth}|${s.hollow}`;
		});
		expect(new Set(shapes).size).toBe(ASSET_KINDS.length);
	});

	it('make key figures the largest, with their ring outside the dot', () => {
		const key = KIND_SYMBOLS.key_figure.radius;
		for (const { kind } of ASSET_KINDS) {
			if (kind !== 'key_figure') expect(KIND_SYMBOLS[kind].radius).toBeLessThan(key);
		}
		expect(outerRadius('key_figure')).toBeGreaterThan(key + 3);
	});

	it('draw hollow kinds white inside with a coloured outline', () => {
		const place = ASSET_KINDS.find((k) => k.kind === 'place')!;
		expect(KIND_SYMBOLS.place.hollow).toBe(true);
		expect(symbolColors(place)).toEqual({ fill: '#ffffff', stroke: place.color });
		const figure = ASSET_KINDS.find((k) => k.kind === 'key_figure')!;
		expect(symbolColors(figure).fill).toBe(figure.color);
	});

	it('paint the fill from the symbol colours', () => {
		const fill = ASSETS_PAINT?.['circle-color'] as unknown[];
		for (const info of ASSET_KINDS) {
			expect(fill[fill.indexOf(info.kind) + 1]).toBe(symbolColors(info).fill);
		}
	});
});

describe('zoomedRadius', () => {
	it('interpolates by zoom, growing with the zoom', () => {
		const radius = zoomedRadius((info) => KIND_SYMBOLS[info.kind].radius, 5) as unknown[];
		expect(radius.slice(0, 3)).toEqual(['interpolate', ['linear'], ['zoom']]);
		expect(radius[3]).toBe(10);
		expect(radius[5]).toBe(14);
		expect(radius[7]).toBe(18);
		expect((radius[4] as unknown[])[1]).toBeLessThan(1);
		expect((radius[8] as unknown[])[1]).toBeGreaterThan(1);
	});
});

describe('clusters', () => {
	it('grow and darken with their count', () => {
		for (let i = 1; i < CLUSTER_STEPS.length; i++) {
			expect(CLUSTER_STEPS[i].from).toBeGreaterThan(CLUSTER_STEPS[i - 1].from);
			expect(CLUSTER_STEPS[i].radius).toBeGreaterThan(CLUSTER_STEPS[i - 1].radius);
		}
		expect(CLUSTER_PAINT?.['circle-radius']).toEqual([
			'step',
			['get', 'point_count'],
			13,
			10,
			17,
			50,
			22,
			200,
			27
		]);
	});

	it('carry their count, readable on each step’s colour (WCAG contrast at least 4.5:1)', () => {
		expect(CLUSTER_COUNT_LAYOUT?.['text-field']).toEqual(['get', 'point_count_abbreviated']);
		expect(CLUSTER_COUNT_LAYOUT?.['text-font']).toEqual(MAP_FONT);
		expect(CLUSTER_COUNT_PAINT?.['text-color']).toEqual([
			'step',
			['get', 'point_count'],
			...CLUSTER_STEPS.flatMap((step, i) => (i === 0 ? [step.text] : [step.from, step.text]))
		]);
		for (const step of CLUSTER_STEPS) {
			expect(contrastRatio(step.text, step.color), step.color).toBeGreaterThanOrEqual(4.5);
		}
	});
});

describe('area labels', () => {
	it('name each area in the map’s own font from street zooms on', () => {
		expect(AREA_LABEL_LAYOUT?.['text-field']).toEqual(['get', 'name']);
		expect(AREA_LABEL_LAYOUT?.['text-font']).toEqual(MAP_FONT_REGULAR);
		expect(AREA_LABEL_MINZOOM).toBeGreaterThanOrEqual(11);
	});
});
