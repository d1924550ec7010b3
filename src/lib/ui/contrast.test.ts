// The WCAG contrast arithmetic the focus ring and the map's cluster counts are checked with.
import { describe, expect, it } from 'vitest';
import { contrastRatio, over, parseColor, relativeLuminance } from './contrast';

describe('parseColor', () => {
	it('reads hex, rgb() and rgba() in both syntaxes', () => {
		expect(parseColor('#E69F00')).toEqual([230, 159, 0, 1]);
		expect(parseColor('#fff')).toEqual([255, 255, 255, 1]);
		expect(parseColor('rgb(28, 42, 51)')).toEqual([28, 42, 51, 1]);
		expect(parseColor('rgba(0, 0, 0, 0)')).toEqual([0, 0, 0, 0]);
		expect(parseColor('rgb(255 255 255 / 0.18)')).toEqual([255, 255, 255, 0.18]);
		expect(parseColor('rgb(255 255 255 / 50%)')).toEqual([255, 255, 255, 0.5]);
	});

	it('refuses what it cannot read', () => {
		for (const css of ['orange', 'var(--kk-text)', '#12345', 'rgb(1, 2)', 'hsl(0 0% 0%)'])
			expect(parseColor(css), css).toBeNull();
	});
});

describe('contrastRatio', () => {
	it('gives the WCAG ratios: 21 for black on white, 1 for a colour on itself', () => {
		expect(relativeLuminance([255, 255, 255, 1])).toBeCloseTo(1, 6);
		expect(relativeLuminance([0, 0, 0, 1])).toBe(0);
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
		expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 6);
		expect(contrastRatio('#1f4e6b', '#1f4e6b')).toBe(1);
	});

	it('matches published values', () => {
		// #767676 is the lightest grey with 4.5:1 on white; amber on white is far below 3:1.
		expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2);
		expect(contrastRatio('#e69f00', '#fff')).toBeCloseTo(2.25, 2);
	});

	it('throws on a colour it cannot read, rather than guess', () => {
		expect(() => contrastRatio('var(--kk-focus)', '#fff')).toThrow(/not a colour/);
	});
});

describe('over', () => {
	it('paints a see-through colour over its ground', () => {
		expect(over([255, 255, 255, 0.5], [0, 0, 0, 1])).toEqual([127.5, 127.5, 127.5, 1]);
		expect(over([31, 78, 107, 1], [255, 255, 255, 1])).toEqual([31, 78, 107, 1]);
		expect(over([31, 78, 107, 0], [255, 255, 255, 1])).toEqual([255, 255, 255, 1]);
	});
});
