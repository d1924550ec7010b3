// The packed CBS boundaries (scripts/cbs/pack.mjs → pb_hooks/data/cbs/) as committed: a geometry
// survives packing and unpacking (pb_hooks/lib/setup.js), every gemeente of 2024 has a file whose
// areas come parents first with unique codes, the index says the years, and it stays small.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeGeometry } from './pack.mjs';

const require = createRequire(import.meta.url);
const setup = require('../../pb_hooks/lib/setup.js') as {
	decodeGeometry: (packed: number[][][]) => { type: string; coordinates: unknown };
	findGemeente: (
		index: unknown,
		query: string
	) => { gemeente: { code: string } | null; ambiguous: string[] };
};
const dir = resolve(import.meta.dirname, '../../pb_hooks/data/cbs');
const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
	years: { gemeenten: number; buurten: number };
	gemeenten: [string, string, number, number, number][];
};

describe('packing', () => {
	it('keeps a polygon (with a hole) and a multipolygon to 1e-5 degrees, rings closed', () => {
		const polygon = {
			type: 'Polygon' as const,
			coordinates: [
				[
					[5.12345, 52.1],
					[5.2, 52.1],
					[5.2, 52.2],
					[5.12345, 52.1]
				],
				[
					[5.15, 52.12],
					[5.16, 52.12],
					[5.16, 52.13],
					[5.15, 52.12]
				]
			]
		};
		expect(setup.decodeGeometry(encodeGeometry(polygon))).toEqual(polygon);
		const multi = {
			type: 'MultiPolygon' as const,
			coordinates: [polygon.coordinates, polygon.coordinates]
		};
		expect(setup.decodeGeometry(encodeGeometry(multi))).toEqual(multi);
	});
});

describe('the committed boundaries', () => {
	it('cover the 342 gemeenten of 2024 with buurten of 2016, in under 15 MB', () => {
		expect(index.years).toEqual({ gemeenten: 2024, buurten: 2016 });
		expect(index.gemeenten.length).toBe(342);
		const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
		expect(files.length).toBe(343);
		const size = files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
		expect(size).toBeLessThan(15e6);
		expect(index.gemeenten.reduce((sum, g) => sum + g[3], 0)).toBe(12138);
	});

	it('give each gemeente its areas parents first, with unique codes', () => {
		for (const [code, , wijken, buurten] of index.gemeenten) {
			const packed = JSON.parse(readFileSync(join(dir, `${code}.json`), 'utf8')) as {
				areas: { code: string; level: string; parent: string }[];
			};
			const seen = new Set<string>();
			for (const area of packed.areas) {
				expect(seen.has(area.code)).toBe(false);
				if (area.level !== 'gemeente') expect(seen.has(area.parent)).toBe(true);
				seen.add(area.code);
			}
			expect(packed.areas[0]).toMatchObject({ code, level: 'gemeente' });
			expect(packed.areas.filter((a) => a.level === 'wijk').length).toBe(wijken);
			expect(packed.areas.filter((a) => a.level === 'buurt').length).toBe(buurten);
		}
	});

	it('finds a gemeente by code or name, and names the ones a start fits', () => {
		expect(setup.findGemeente(index, '14').gemeente?.code).toBe('GM0014');
		expect(setup.findGemeente(index, "'s-gravenhage").gemeente?.code).toBe('GM0518');
		expect(setup.findGemeente(index, 'Súdwest-Fryslân').gemeente?.code).toBe('GM1900');
		const berg = setup.findGemeente(index, 'berg');
		expect(berg.gemeente).toBeNull();
		expect(berg.ambiguous.length).toBeGreaterThan(1);
	});
});
