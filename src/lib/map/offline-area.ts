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

/** Tiles sampled per zoom for the size estimate. */
export const SAMPLES_PER_ZOOM = 2;

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
	/** Every tile, overview zooms first (a stopped download still shows the most). */
	tiles: PlannedTile[];
}

export interface PlannedTile {
	url: string;
	z: number;
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
	const tiles: PlannedTile[] = [];
	const covering = tilesCovering(geometries);
	for (const source of tiledBasemapSources(style)) {
		const min = source.minzoom ?? 0;
		const max = source.maxzoom ?? 22;
		for (const tile of covering) {
			if (tile.z >= min && tile.z <= max) {
				tiles.push({ url: tileUrl(source.tiles[0], tile), z: tile.z });
			}
		}
	}
	return {
		documents: [origin.styleUrl, ...origin.tileJsonUrls, ...spriteUrls(style.sprite)],
		tiles
	};
}

/** Items grouped by their zoom (Map.groupBy, which Node 20 and older phones lack). */
function byZoom<T extends { z: number }>(items: readonly T[]): Map<number, T[]> {
	const groups = new Map<number, T[]>();
	for (const item of items) {
		const group = groups.get(item.z);
		if (group) group.push(item);
		else groups.set(item.z, [item]);
	}
	return groups;
}

/**
 * Evenly spread tiles of each zoom for the size estimate: a tile's size depends most on its zoom
 * (an overview tile holds a town, a street tile a few houses).
 */
export function sampleByZoom(
	tiles: readonly PlannedTile[],
	perZoom = SAMPLES_PER_ZOOM
): PlannedTile[] {
	return [...byZoom(tiles).values()].flatMap((group) => {
		if (group.length <= perZoom) return group;
		const step = group.length / perZoom;
		return Array.from({ length: perZoom }, (_, i) => group[Math.floor(i * step + step / 2)]);
	});
}

/**
 * The expected size: per zoom, its number of tiles times the mean of its samples (a zoom without
 * one takes the mean of all), plus the documents.
 *
 * @example estimateBytes([{ url: 'a', z: 10 }, { url: 'b', z: 10 }], [{ z: 10, bytes: 30_000 }], 5_000) // 65_000
 */
export function estimateBytes(
	tiles: readonly PlannedTile[],
	samples: readonly { z: number; bytes: number }[],
	documentBytes: number
): number {
	if (samples.length === 0) return documentBytes;
	const mean = (list: readonly { bytes: number }[]) =>
		list.reduce((sum, s) => sum + s.bytes, 0) / list.length;
	const overall = mean(samples);
	const sampledByZoom = byZoom(samples);
	let bytes = documentBytes;
	for (const [z, group] of byZoom(tiles)) {
		const sampled = sampledByZoom.get(z);
		bytes += group.length * (sampled ? mean(sampled) : overall);
	}
	return Math.round(bytes);
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
