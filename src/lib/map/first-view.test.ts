import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { firstView } from './first-view';

/** A square buurt of `sizeKm` with its south-west corner at (lon, lat), near Tilburg. */
function buurt(lon: number, lat: number, sizeKm: number, addressCount?: number) {
	const dLon = sizeKm / 69.2; // km per degree of longitude at 51.56°N
	const dLat = sizeKm / 111.2;
	const geometry: Polygon = {
		type: 'Polygon',
		coordinates: [
			[
				[lon, lat],
				[lon + dLon, lat],
				[lon + dLon, lat + dLat],
				[lon, lat + dLat],
				[lon, lat]
			]
		]
	};
	return { geometry, addressCount };
}

// A Tilburg-like gemeente: a town of 3×3 buurten of 1 km with addresses, ringed by large rural
// buurten without any, mostly to the west (as Tilburg's are).
const TOWN_SW = { lon: 5.05, lat: 51.54 };
const town = [0, 1, 2].flatMap((i) =>
	[0, 1, 2].map((j) => buurt(TOWN_SW.lon + i / 69.2, TOWN_SW.lat + j / 111.2, 1, 400 + 10 * i))
);
const rural = [
	buurt(4.9, 51.5, 6, 0),
	buurt(4.9, 51.56, 6, 0),
	buurt(4.98, 51.6, 5),
	buurt(5.1, 51.49, 5, 0)
];
const townBox = [TOWN_SW.lon, TOWN_SW.lat, TOWN_SW.lon + 3 / 69.2, TOWN_SW.lat + 3 / 111.2];

describe('firstView', () => {
	it('fits the buurten with addresses, not the empty rural buurten around them', () => {
		const view = firstView({ buurten: [...rural, ...town], assets: [] })!;
		view.forEach((v, i) => expect(v).toBeCloseTo(townBox[i], 6));
	});

	it('takes in her assets, and drops one far away from everything else', () => {
		const inTown = { location: { lon: 5.07, lat: 51.55 } };
		const justOutside = { location: { lon: TOWN_SW.lon - 0.01, lat: 51.55 } };
		const stray = { location: { lon: 4.91, lat: 51.51 } }; // ~12 km west, in the farmland
		const view = firstView({
			buurten: [...rural, ...town],
			assets: [inTown, justOutside, stray, { location: null }]
		})!;
		expect(view[0]).toBeCloseTo(TOWN_SW.lon - 0.01, 6);
		expect(view.slice(1)).toEqual(townBox.slice(1).map((v) => expect.closeTo(v, 6)));
	});

	it('keeps a village with its own share of the addresses, a few km from the town', () => {
		const village = buurt(TOWN_SW.lon + 8 / 69.2, TOWN_SW.lat, 1, 600);
		const view = firstView({ buurten: [...rural, ...town, village], assets: [] })!;
		expect(view[2]).toBeCloseTo(TOWN_SW.lon + 9 / 69.2, 6);
		expect(view[0]).toBeCloseTo(TOWN_SW.lon, 6);
	});

	it('fits only her assets when no buurt knows its addresses', () => {
		const a = { location: { lon: 5.06, lat: 51.55 } };
		const b = { location: { lon: 5.08, lat: 51.56 } };
		expect(firstView({ buurten: rural, assets: [a, b] })).toEqual([5.06, 51.55, 5.08, 51.56]);
	});

	it('keeps places within 2 km of each other together', () => {
		const near = [0, 1, 2, 3, 4].map((i) => ({ location: { lon: 5.06 + i * 0.001, lat: 51.55 } }));
		const edge = { location: { lon: 5.06 + 1.8 / 69.2, lat: 51.55 } };
		const view = firstView({ buurten: [], assets: [...near, edge] })!;
		expect(view[2]).toBeCloseTo(edge.location.lon, 6);
	});

	it('falls back to all her buurten without addresses or assets, and to null without geometry', () => {
		const all = firstView({ buurten: rural, assets: [] })!;
		expect(all[0]).toBeCloseTo(4.9, 6);
		expect(all[1]).toBeCloseTo(51.49, 6);
		expect(firstView({ buurten: [{ geometry: null, addressCount: 3 }], assets: [] })).toBeNull();
		expect(firstView({ buurten: [], assets: [] })).toBeNull();
	});
});

describe('firstView at city scale', () => {
	/** The same rule the slow way: every pair measured, groups by single linkage within 2 km. */
	function naiveFirstView(points: { lon: number; lat: number }[]): number[] {
		const km = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) =>
			Math.hypot(
				(a.lon - b.lon) * 111.32 * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180),
				(a.lat - b.lat) * 110.57
			);
		const group = points.map((_, i) => i);
		const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i])));
		for (let i = 0; i < points.length; i++) {
			for (let j = i + 1; j < points.length; j++) {
				if (km(points[i], points[j]) <= 2) group[root(i)] = root(j);
			}
		}
		const weights = new Map<number, number>();
		points.forEach((_, i) => weights.set(root(i), (weights.get(root(i)) ?? 0) + 1));
		const heaviest = Math.max(...weights.values());
		const kept = points.filter((_, i) => {
			const weight = weights.get(root(i))!;
			return weight === heaviest || weight >= 0.1 * points.length;
		});
		return [
			Math.min(...kept.map((p) => p.lon)),
			Math.min(...kept.map((p) => p.lat)),
			Math.max(...kept.map((p) => p.lon)),
			Math.max(...kept.map((p) => p.lat))
		];
	}

	it('keeps and drops the same groups as measuring every pair, for thousands of assets', () => {
		// A seeded spread: a dense town, a village 2 to 4 km off (linked or not by chance), and
		// strays far away, so both the squares and the sweep decide.
		let seed = 17;
		const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const points: { lon: number; lat: number }[] = [];
		for (let i = 0; i < 1500; i++)
			points.push({ lon: 5.05 + next() * 0.08, lat: 51.54 + next() * 0.05 });
		for (let i = 0; i < 150; i++)
			points.push({ lon: 5.16 + next() * 0.02, lat: 51.55 + next() * 0.01 });
		for (let i = 0; i < 20; i++) points.push({ lon: 4.5 + next() * 0.3, lat: 51.2 + next() * 0.2 });
		const box = firstView({ buurten: [], assets: points.map((location) => ({ location })) });
		expect(box).toEqual(naiveFirstView(points));
	});
});
