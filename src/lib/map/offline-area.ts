// "Kaart offline": which basemap files make her buurten readable without a network, and how
// much they will take. Pure: the tiles covering her buurten at each zoom from the overview to the
// street, the sprites and documents of the style, a size estimate from a sample, and the record
// of what was kept. Downloading is offline-area.api.ts; the state offline-area.svelte.ts.
import type { Geometry } from 'geojson';
import type { SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { tiles as tileCover } from '@mapbox/tile-cover';
import { BASEMAP_PREFIX, styleOriginOf } from './basemap';

/** From a town's overview (10) to reading house numbers on a street (17; beyond, MapLibre enlarges). */
export const OFFLINE_ZOOMS = { min: 10, max: 17 } as const;

/** More tiles than this is more than a phone should keep: she picks fewer buurten. */
export const MAX_OFFLINE_TILES = 12_000;

/** Tiles sampled for the size estimate. */
export const SAMPLE_SIZE = 8;

export interface TileAddress {
	z: number;
	x: number;
	y: number;
}

/** The tiles covering these geometries at each zoom from min to max, each once, by zoom. */
export function tilesCovering(
	geometries: readonly Geometry[],
	zooms: { min: number; max: number } = OFFLINE_ZOOMS
): TileAddress[] {
	const seen = new Map<string, TileAddress>();
	for (let z = zooms.min; z <= zooms.max; z++) {
		for (const geometry of geometries) {
			// One zoom at a time: with a range, tile-cover mixes zooms into the fewest tiles.
			for (const [x, y] of tileCover(geometry, { min_zoom: z, max_zoom: z })) {
				seen.set(`${z}/${x}/${y}`, { z, x, y });
			}
		}
	}
	return [...seen.values()];
}

/**
 * A tile's URL from a source's template.
 *
 * @example tileUrl('https://t.example/{z}/{y}/{x}?f=mvt', { z: 15, x: 16880, y: 10800 }) // 'https://t.example/15/10800/16880?f=mvt'
 */
export function tileUrl(template: string, tile: TileAddress): string {
	return template
		.replaceAll('{z}', String(tile.z))
		.replaceAll('{x}', String(tile.x))
		.replaceAll('{y}', String(tile.y))
		.replaceAll('{-y}', String(2 ** tile.z - 1 - tile.y));
}

/** The files of a sprite: its index and image, at both pixel ratios MapLibre asks for. */
export function spriteUrls(sprite: StyleSpecification['sprite']): string[] {
	const bases = typeof sprite === 'string' ? [sprite] : (sprite ?? []).map((s) => s.url);
	return bases.flatMap((base) => {
		const [path, query] = base.split('?');
		const q = query ? `?${query}` : '';
		return ['.json', '.png', '@2x.json', '@2x.png'].map((ext) => `${path}${ext}${q}`);
	});
}

/** What "Kaart offline" downloads for a prepared style and her buurten. */
export interface OfflinePlan {
	/** The style, its TileJSON documents and sprites. */
	documents: string[];
	/** Every tile URL, overview zooms first (a stopped download still shows the most). */
	tiles: string[];
}

type TiledSource = { tiles: string[]; minzoom?: number; maxzoom?: number };

function tiledBasemapSources(style: StyleSpecification): TiledSource[] {
	return Object.entries(style.sources)
		.filter(([id]) => id.startsWith(BASEMAP_PREFIX))
		.map(([, source]) => source as SourceSpecification & Partial<TiledSource>)
		.filter((s): s is SourceSpecification & TiledSource => Array.isArray(s.tiles))
		.filter((s) => s.type === 'vector' || s.type === 'raster');
}

/**
 * The plan for a prepared style (basemap.ts, prepareStyle) and the outlines of her buurten: for
 * each of the style's tiled sources the covering tiles within its zooms (its first tile URL).
 * Our own styles have nothing to download: they need no network at all.
 */
export function offlinePlan(
	style: StyleSpecification,
	geometries: readonly Geometry[]
): OfflinePlan {
	const origin = styleOriginOf(style);
	if (!origin) return { documents: [], tiles: [] };
	const tiles: string[] = [];
	const covering = tilesCovering(geometries);
	for (const source of tiledBasemapSources(style)) {
		const min = source.minzoom ?? 0;
		const max = source.maxzoom ?? 22;
		for (const tile of covering) {
			if (tile.z >= min && tile.z <= max) tiles.push(tileUrl(source.tiles[0], tile));
		}
	}
	return {
		documents: [origin.styleUrl, ...origin.tileJsonUrls, ...spriteUrls(style.sprite)],
		tiles
	};
}

/**
 * Evenly spread tiles of the plan for the size estimate (the street zooms weigh most: most
 * tiles are there).
 */
export function sampleOf<T>(items: readonly T[], size = SAMPLE_SIZE): T[] {
	if (items.length <= size) return [...items];
	const step = items.length / size;
	return Array.from({ length: size }, (_, i) => items[Math.floor(i * step + step / 2)]);
}

/**
 * The expected size: the sampled tiles' mean times the number of tiles, plus the documents.
 *
 * @example estimateBytes(1000, [20_000, 40_000], 50_000) // 30_050_000
 */
export function estimateBytes(
	tileCount: number,
	sampleBytes: readonly number[],
	documentBytes: number
): number {
	if (sampleBytes.length === 0) return documentBytes;
	const mean = sampleBytes.reduce((sum, b) => sum + b, 0) / sampleBytes.length;
	return Math.round(mean * tileCount + documentBytes);
}

/** What she kept, shown on the page and used to decide whether the map can work offline. */
export interface OfflineAreaRecord {
	styleUrl: string;
	/** The buurten, by name. */
	areas: string[];
	tiles: number;
	/** Tiles that could not be fetched. */
	failed: number;
	bytes: number;
	/** ISO time of the download. */
	savedAt: string;
}

/** Reads a kept record defensively; anything else is no record. */
export function parseOfflineRecord(value: unknown): OfflineAreaRecord | null {
	const v = (typeof value === 'object' && value !== null ? value : null) as Record<
		string,
		unknown
	> | null;
	if (!v || typeof v.styleUrl !== 'string' || typeof v.savedAt !== 'string') return null;
	const count = (n: unknown) => (typeof n === 'number' && n >= 0 ? n : 0);
	return {
		styleUrl: v.styleUrl,
		areas: Array.isArray(v.areas) ? v.areas.filter((a) => typeof a === 'string') : [],
		tiles: count(v.tiles),
		failed: count(v.failed),
		bytes: count(v.bytes),
		savedAt: v.savedAt
	};
}
