// Guards the asset colour expression (every kind, fallback last) and the key-figure emphasis.
import { describe, expect, it } from 'vitest';
import { ASSET_KINDS, UNKNOWN_KIND_COLOR } from '$lib/assets/assets';
import { ASSETS_PAINT, assetRadius, kindColorExpression } from './styles';

describe('kindColorExpression', () => {
	it('maps every asset kind to its colour, unknown kinds to the fallback', () => {
		const expression = kindColorExpression() as unknown[];
		expect(expression.slice(0, 2)).toEqual(['match', ['get', 'kind']]);
		expect(expression.at(-1)).toBe(UNKNOWN_KIND_COLOR);
		for (const { kind, color } of ASSET_KINDS) {
			const at = expression.indexOf(kind);
			expect(at).toBeGreaterThan(1);
			expect(expression[at + 1]).toBe(color);
		}
		expect(ASSETS_PAINT?.['circle-color']).toEqual(kindColorExpression());
	});

	it('is a plain colour without kinds', () => {
		expect(kindColorExpression([], '#000000')).toEqual(['literal', '#000000']);
	});
});

describe('assetRadius', () => {
	it('interpolates by zoom with key figures larger at every stop', () => {
		const radius = assetRadius(5, 8) as unknown[];
		expect(radius.slice(0, 3)).toEqual(['interpolate', ['linear'], ['zoom']]);
		const stops = radius.slice(3);
		for (let i = 0; i < stops.length; i += 2) {
			const [, , keyFigure, other] = stops[i + 1] as [string, unknown, number, number];
			expect(keyFigure).toBeGreaterThan(other);
		}
	});
});
