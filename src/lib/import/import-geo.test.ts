// The hooks' point in polygon for bulk imports (pb_hooks/lib/import-geo.js), run in Node: holes,
// MultiPolygons, points on the far side of a concave edge, and the grid's order of levels.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const { areaIndex, inGeometry } = createRequire(import.meta.url)(
	'../../../pb_hooks/lib/import-geo.js'
);

const ring = (w: number, s: number, e: number, n: number) => [
	[w, s],
	[e, s],
	[e, n],
	[w, n],
	[w, s]
];

describe('point in polygon for imports', () => {
	it('counts holes, every part of a MultiPolygon, and a concave outline', () => {
		const donut = { type: 'Polygon', coordinates: [ring(0, 0, 10, 10), ring(4, 4, 6, 6)] };
		expect(inGeometry(donut, 1, 1)).toBe(true);
		expect(inGeometry(donut, 5, 5)).toBe(false);
		const two = {
			type: 'MultiPolygon',
			coordinates: [[ring(0, 0, 1, 1)], [[...ring(5, 5, 6, 6)]]]
		};
		expect(inGeometry(two, 5.5, 5.5)).toBe(true);
		expect(inGeometry(two, 3, 3)).toBe(false);
		// An L: the notch at the top right is outside.
		const l = {
			type: 'Polygon',
			coordinates: [
				[
					[0, 0],
					[2, 0],
					[2, 1],
					[1, 1],
					[1, 2],
					[0, 2],
					[0, 0]
				]
			]
		};
		expect(inGeometry(l, 0.5, 1.5)).toBe(true);
		expect(inGeometry(l, 1.5, 1.5)).toBe(false);
		expect(inGeometry(l, 1.5, 0.5)).toBe(true);
	});

	it('finds the first area in order that holds the point, or none', () => {
		const index = areaIndex([
			{ id: 'small', geometry: { type: 'Polygon', coordinates: [ring(5.0, 52.0, 5.01, 52.01)] } },
			{ id: 'large', geometry: { type: 'Polygon', coordinates: [ring(4.9, 51.9, 5.2, 52.2)] } }
		]);
		expect(index.find(5.005, 52.005)).toBe('small');
		expect(index.find(5.1, 52.1)).toBe('large');
		expect(index.find(6, 53)).toBe('');
	});
});
