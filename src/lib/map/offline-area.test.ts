// Guards what "Kaart offline" asks for: the tiles covering her buurten at each zoom (tile-cover,
// checked against the plain tile arithmetic), only the basemap's own tiled sources within their
// zooms, the style's documents and sprites, a size estimate per zoom, and the kept record read
// defensively.
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { basemapDataUrls, offlineStyle, parseTileJson, prepareStyle } from './basemap';
import {
	estimateBytes,
	offlinePlan,
	parseOfflineRecord,
	sampleByZoom,
	spriteUrls,
	tileUrl,
	tilesCovering
} from './offline-area';

const data = basemapDataUrls('https://kaart.example.nl/');

/** A small square in Overvecht (Utrecht), about 300 m across. */
const square: Polygon = {
	type: 'Polygon',
	coordinates: [
		[
			[5.105, 52.11],
			[5.11, 52.11],
			[5.11, 52.113],
			[5.105, 52.113],
			[5.105, 52.11]
		]
	]
};

/** The slippy-map tile of a point (OSM's formula). */
function tileOf(lon: number, lat: number, z: number) {
	const n = 2 ** z;
	const rad = (lat * Math.PI) / 180;
	return {
		x: Math.floor(((lon + 180) / 360) * n),
		y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)
	};
}

describe('tilesCovering', () => {
	it('gives at each zoom exactly the tiles of the box a square spans', () => {
		const tiles = tilesCovering([square], { min: 10, max: 17 });
		for (let z = 10; z <= 17; z++) {
			const a = tileOf(5.105, 52.113, z);
			const b = tileOf(5.11, 52.11, z);
			const expected = (b.x - a.x + 1) * (b.y - a.y + 1);
			expect(tiles.filter((t) => t.z === z).length, `zoom ${z}`).toBe(expected);
		}
		// No tile twice, however many buurten share it.
		const twice = tilesCovering([square, square], { min: 10, max: 17 });
		expect(twice).toEqual(tiles);
	});
});

describe('tileUrl and spriteUrls', () => {
	it('fills the placeholders, PDOK order and TMS too', () => {
		expect(tileUrl('https://t/{z}/{y}/{x}?f=mvt', { z: 3, x: 4, y: 2 })).toBe(
			'https://t/3/2/4?f=mvt'
		);
		expect(tileUrl('https://t/{z}/{x}/{-y}.png', { z: 3, x: 4, y: 2 })).toBe('https://t/3/4/5.png');
	});

	it('asks for both pixel ratios of every sprite, keeping a query', () => {
		expect(spriteUrls('https://t/sprites/basis?v=2')).toEqual([
			'https://t/sprites/basis.json?v=2',
			'https://t/sprites/basis.png?v=2',
			'https://t/sprites/basis@2x.json?v=2',
			'https://t/sprites/basis@2x.png?v=2'
		]);
		expect(spriteUrls(undefined)).toEqual([]);
	});
});

describe('offlinePlan', () => {
	const style = prepareStyle(
		{
			version: 8,
			sprite: 'https://t.example/sprites/basis',
			sources: {
				brt: { type: 'vector', url: 'https://t.example/tiles.json' },
				labels: { type: 'geojson', data: 'https://t.example/names.geojson' }
			},
			layers: [{ id: 'land', type: 'fill', source: 'brt', 'source-layer': 'land' }]
		},
		{
			styleUrl: 'https://t.example/style.json',
			tileJson: {
				'https://t.example/tiles.json': parseTileJson(
					{ tiles: ['https://t.example/{z}/{x}/{y}.pbf'], maxzoom: 14 },
					'https://t.example/tiles.json'
				)
			}
		},
		data
	);

	it('keeps the style, its TileJSON and sprites, and the tiles up to the source’s last zoom', () => {
		const plan = offlinePlan(style, [square]);
		expect(plan.documents).toEqual([
			'https://t.example/style.json',
			'https://t.example/tiles.json',
			...spriteUrls('https://t.example/sprites/basis')
		]);
		expect(plan.tiles.length).toBe(tilesCovering([square], { min: 10, max: 14 }).length);
		expect(Math.max(...plan.tiles.map((t) => t.z))).toBe(14);
		expect(plan.tiles[0]).toEqual({
			url: expect.stringMatching(/^https:\/\/t\.example\/10\//),
			z: 10
		});
		// Overview zooms first.
		const zooms = plan.tiles.map((t) => t.z);
		expect(zooms).toEqual([...zooms].sort((a, b) => a - b));
	});

	it('has nothing to keep for our own offline style', () => {
		expect(offlinePlan(offlineStyle(data), [square])).toEqual({ documents: [], tiles: [] });
	});
});

describe('the size estimate', () => {
	const tiles = [
		...Array.from({ length: 3 }, (_, i) => ({ url: `a${i}`, z: 10 })),
		...Array.from({ length: 100 }, (_, i) => ({ url: `b${i}`, z: 16 }))
	];

	it('samples every zoom, spread over it', () => {
		const sample = sampleByZoom(tiles, 2);
		expect(sample.map((t) => t.z)).toEqual([10, 10, 16, 16]);
		expect(sample.slice(2).map((t) => t.url)).toEqual(['b25', 'b75']);
		expect(sampleByZoom(tiles.slice(0, 1), 2)).toEqual(tiles.slice(0, 1));
	});

	it('weighs each zoom by its number of tiles', () => {
		const samples = [
			{ z: 10, bytes: 90_000 },
			{ z: 16, bytes: 4_000 },
			{ z: 16, bytes: 6_000 }
		];
		expect(estimateBytes(tiles, samples, 1_000)).toBe(3 * 90_000 + 100 * 5_000 + 1_000);
		// A plain mean over the samples would say 103 × 33,333: far too much.
		expect(estimateBytes(tiles, [], 1_000)).toBe(1_000);
	});
});

describe('parseOfflineRecord', () => {
	it('reads a record and refuses anything else', () => {
		const record = {
			styleUrl: 'https://t/style.json',
			areas: ['Overvecht-Noord', 3],
			tiles: 120,
			failed: -1,
			bytes: 2_400_000,
			savedAt: '2026-12-07T10:00:00.000Z'
		};
		expect(parseOfflineRecord(record)).toEqual({
			...record,
			areas: ['Overvecht-Noord'],
			failed: 0
		});
		expect(parseOfflineRecord(null)).toBeNull();
		expect(parseOfflineRecord({ styleUrl: 'x' })).toBeNull();
	});
});
