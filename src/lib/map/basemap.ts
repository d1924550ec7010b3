// The basemap for the configured mode (GET /api/krachtkaart/config):
// - 'offline': only the project's own data — background, the bundled gemeenten outline and
//   Utrecht's street-light masts, which trace the streets from zoom ~13. Nothing needs a network
//   (no glyphs URL, no sprite, no tiles): text on the map (cluster counts) is drawn by MapLibre
//   itself with the phone's own font (styles.ts, MAP_FONT).
// - 'online' and 'auto': a vector style — PDOK's BRT-Achtergrondkaart, or `onlineStyleUrl` if
//   set — laid over those same offline layers (prepareStyle), so wherever its tiles are missing
//   (no network, outside what "Kaart offline" kept) the offline basemap shows, never a blank map.
//   Its glyphs URL is dropped: every label is drawn by MapLibre from the phone's own font, so
//   labels never wait for a glyph server. When the style itself cannot be read, OpenStreetMap's
//   raster tiles over the offline layers take its place ('auto' drops them too when they fail),
//   and without a network the offline style does.
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { AppConfigResponse } from '$lib/pocketbase/types';
import { sortByLayerOrder, type LayerId } from './layer-order';
import {
	BACKGROUND_PAINT,
	GEMEENTEN_FILL_PAINT,
	GEMEENTEN_LINE_PAINT,
	OSM_RASTER_PAINT,
	STREETLIGHTS_MINZOOM,
	STREETLIGHTS_PAINT
} from './styles';

export type BasemapMode = AppConfigResponse['basemap'];
/** The config as the app uses it: every field present (parseMapConfig fills in defaults). */
export type MapConfig = Required<AppConfigResponse>;

/** Days after which an unconfirmed asset shows as stale, when the server does not say. */
export const DEFAULT_STALE_AFTER_DAYS = 365;

export const DEFAULT_MAP_CONFIG: MapConfig = {
	basemap: 'auto',
	onlineStyleUrl: '',
	staleAfterDays: DEFAULT_STALE_AFTER_DAYS
};

/**
 * The Dutch national basemap: Kadaster's BRT-Achtergrondkaart as vector tiles from PDOK, open and
 * without a key. Its tiles go up to zoom 17; MapLibre enlarges them beyond.
 */
export const PDOK_STYLE_URL =
	'https://api.pdok.nl/kadaster/brt-achtergrondkaart/ogc/v1/styles/standaard__webmercatorquad?f=mapbox';
export const PDOK_ATTRIBUTION =
	'Achtergrondkaart: © <a href="https://www.kadaster.nl/">Kadaster</a> / <a href="https://www.pdok.nl/">PDOK</a> (<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>)';

/** Sources and layers of an external style get this prefix, so they never meet ours. */
export const BASEMAP_PREFIX = 'basemap-';

export const OSM_SOURCE_ID = 'osm';
export const OSM_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION =
	'© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers';

/** Sources the app itself provides (bundled files and API data); their errors are not the basemap's. */
export const OWN_SOURCE_IDS = ['gemeenten', 'streetlights', 'areas', 'assets'] as const;

/** Paths of the bundled basemap data under static/. */
export const BASEMAP_DATA_PATHS = {
	gemeenten: '/basemap/gemeenten-nl.geojson',
	streetlights: '/basemap/utrecht-streetlights.geojson'
} as const;

export type BasemapData = Record<keyof typeof BASEMAP_DATA_PATHS, string>;

/**
 * Absolute URLs of the bundled data (MapLibre fetches GeoJSON from a worker, so relative URLs are
 * resolved here, against the page).
 *
 * @example basemapDataUrls('https://krachtkaart.example.nl/') // { gemeenten: 'https://…/basemap/gemeenten-nl.geojson', … }
 */
export function basemapDataUrls(base: string): BasemapData {
	return {
		gemeenten: new URL(BASEMAP_DATA_PATHS.gemeenten, base).href,
		streetlights: new URL(BASEMAP_DATA_PATHS.streetlights, base).href
	};
}

/**
 * Reads the config route's answer defensively; anything unexpected falls back to the defaults
 * ('auto', no style URL, a year before an asset is stale).
 */
export function parseMapConfig(value: unknown): MapConfig {
	const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
	const basemap =
		v.basemap === 'online' || v.basemap === 'offline' || v.basemap === 'auto' ? v.basemap : 'auto';
	const url = typeof v.onlineStyleUrl === 'string' ? v.onlineStyleUrl.trim() : '';
	const days = v.staleAfterDays;
	return {
		basemap,
		onlineStyleUrl: /^https?:\/\//.test(url) ? url : '',
		staleAfterDays:
			typeof days === 'number' && Number.isInteger(days) && days > 0
				? days
				: DEFAULT_STALE_AFTER_DAYS
	};
}

type BasemapLayer = LayerSpecification & { id: LayerId };

function offlineSources(data: BasemapData): Record<string, SourceSpecification> {
	return {
		gemeenten: { type: 'geojson', data: data.gemeenten },
		streetlights: { type: 'geojson', data: data.streetlights }
	};
}

function offlineLayers(): BasemapLayer[] {
	return [
		{ id: 'background', type: 'background', paint: BACKGROUND_PAINT },
		{ id: 'gemeenten-fill', type: 'fill', source: 'gemeenten', paint: GEMEENTEN_FILL_PAINT },
		{
			id: 'streetlights',
			type: 'circle',
			source: 'streetlights',
			minzoom: STREETLIGHTS_MINZOOM,
			paint: STREETLIGHTS_PAINT
		},
		{ id: 'gemeenten-line', type: 'line', source: 'gemeenten', paint: GEMEENTEN_LINE_PAINT }
	];
}

/** The style made only from the project's own data. */
export function offlineStyle(data: BasemapData): StyleSpecification {
	return {
		version: 8,
		name: 'Krachtkaart offline',
		sources: offlineSources(data),
		layers: sortByLayerOrder(offlineLayers())
	};
}

/** The offline style with OpenStreetMap raster tiles above its basemap layers. */
export function onlineRasterStyle(data: BasemapData): StyleSpecification {
	return {
		version: 8,
		name: 'Krachtkaart online',
		sources: {
			...offlineSources(data),
			[OSM_SOURCE_ID]: {
				type: 'raster',
				tiles: [OSM_TILE_URL],
				tileSize: 256,
				maxzoom: 19,
				attribution: OSM_ATTRIBUTION
			}
		},
		layers: sortByLayerOrder([
			...offlineLayers(),
			{ id: 'osm', type: 'raster', source: OSM_SOURCE_ID, paint: OSM_RASTER_PAINT }
		])
	};
}

/** What to do when a basemap source fails: drop the OSM raster, or just say so (a vector basemap
 * lies over our own offline layers, which show wherever its tiles are missing). */
export type Fallback = 'none' | 'drop-raster' | 'notice';

export interface Basemap {
	mode: 'online' | 'offline';
	style: StyleSpecification;
	fallback: Fallback;
}

/**
 * How to get the basemap for a config: our own offline style, or a vector style (PDOK's
 * BRT-Achtergrondkaart unless a style URL is configured) and what to show when that style cannot
 * be read: OSM's raster tiles when there is a network, else the offline style. Offline the vector
 * style is still tried: "Kaart offline" may have kept it on this device (offline-area.ts).
 *
 * @example basemapPlan({ basemap: 'auto', onlineStyleUrl: '' }, { online: false })
 * // { kind: 'vector', styleUrl: PDOK_STYLE_URL, onFailure: 'offline' }
 */
export function basemapPlan(
	config: Pick<MapConfig, 'basemap' | 'onlineStyleUrl'>,
	env: { online: boolean }
): BasemapPlan {
	if (config.basemap === 'offline') return { kind: 'offline' };
	return {
		kind: 'vector',
		styleUrl: config.onlineStyleUrl || PDOK_STYLE_URL,
		onFailure: config.basemap === 'online' || env.online ? 'osm' : 'offline'
	};
}

export type BasemapPlan =
	{ kind: 'offline' } | { kind: 'vector'; styleUrl: string; onFailure: 'osm' | 'offline' };

/** The basemap when the vector style could not be read. */
export function failedVectorBasemap(
	plan: Extract<BasemapPlan, { kind: 'vector' }>,
	config: Pick<MapConfig, 'basemap'>,
	data: BasemapData
): Basemap {
	if (plan.onFailure === 'offline') {
		return { mode: 'offline', style: offlineStyle(data), fallback: 'none' };
	}
	return {
		mode: 'online',
		style: onlineRasterStyle(data),
		fallback: config.basemap === 'auto' ? 'drop-raster' : 'none'
	};
}

/**
 * How to react to a map 'error' event: drop the OSM raster when its tiles fail; say once that a
 * vector basemap's tiles fail (our own layers under it show there).
 *
 * @example fallbackFor({ fallback: 'drop-raster' }, { sourceId: 'osm' }) // 'drop-raster'
 */
export function fallbackFor(
	basemap: Pick<Basemap, 'fallback'>,
	event: { sourceId?: string }
): Fallback {
	if (basemap.fallback === 'drop-raster') {
		return event.sourceId === OSM_SOURCE_ID ? 'drop-raster' : 'none';
	}
	if (basemap.fallback === 'notice') {
		return event.sourceId?.startsWith(BASEMAP_PREFIX) ? 'notice' : 'none';
	}
	return 'none';
}

/** A basemap style could not be used: what is wrong with it. */
export class BasemapStyleError extends Error {}

/**
 * A URL of a style resolved against the style's own URL, keeping `{z}`-style placeholders (the URL
 * parser would escape their braces).
 *
 * @example absoluteUrl('tiles/{z}/{x}/{y}.pbf', 'https://t.example/style.json') // 'https://t.example/tiles/{z}/{x}/{y}.pbf'
 */
export function absoluteUrl(url: string, base: string): string {
	return new URL(url, base).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
}

/** TileJSON (the document a source's `url` names) as far as a source takes it over. */
export interface TileJson {
	tiles: string[];
	minzoom?: number;
	maxzoom?: number;
	bounds?: [number, number, number, number];
	attribution?: string;
}

/** Reads a TileJSON document defensively; a document without tile URLs is refused. */
export function parseTileJson(value: unknown, url: string): TileJson {
	const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
	const tiles = Array.isArray(v.tiles) ? v.tiles.filter((t) => typeof t === 'string') : [];
	if (tiles.length === 0) throw new BasemapStyleError(`TileJSON without tiles: ${url}`);
	const zoom = (z: unknown) => (typeof z === 'number' && z >= 0 && z <= 24 ? z : undefined);
	const bounds =
		Array.isArray(v.bounds) && v.bounds.length === 4 && v.bounds.every((n) => typeof n === 'number')
			? (v.bounds as [number, number, number, number])
			: undefined;
	return {
		tiles: tiles.map((t) => absoluteUrl(t, url)),
		minzoom: zoom(v.minzoom),
		maxzoom: zoom(v.maxzoom),
		bounds,
		attribution: typeof v.attribution === 'string' ? v.attribution : undefined
	};
}

/** Where an external style came from: what "Kaart offline" keeps besides its tiles. */
export interface StyleOrigin {
	styleUrl: string;
	/** The TileJSON documents its sources named, now inlined. */
	tileJsonUrls: string[];
}

/** The `metadata` key under which a prepared style carries its StyleOrigin. */
export const STYLE_ORIGIN_KEY = 'krachtkaart:origin';

type StyleJson = {
	version: number;
	sources: Record<string, Record<string, unknown>>;
	layers: Array<Record<string, unknown>>;
	sprite?: unknown;
};

function asStyleJson(value: unknown, url: string): StyleJson {
	const v = value as Partial<StyleJson> | null;
	if (
		typeof v !== 'object' ||
		v === null ||
		v.version !== 8 ||
		typeof v.sources !== 'object' ||
		v.sources === null ||
		!Array.isArray(v.layers)
	) {
		throw new BasemapStyleError(`not a MapLibre style (version 8, sources, layers): ${url}`);
	}
	return v as StyleJson;
}

/** The sources of an external style that name a TileJSON document instead of tile URLs. */
export function tileJsonUrlsOf(value: unknown, styleUrl: string): string[] {
	const style = asStyleJson(value, styleUrl);
	return Object.values(style.sources)
		.filter((s) => typeof s.url === 'string' && !Array.isArray(s.tiles))
		.map((s) => absoluteUrl(String(s.url), styleUrl));
}

function spriteOf(sprite: unknown, styleUrl: string): StyleSpecification['sprite'] | undefined {
	if (typeof sprite === 'string') return absoluteUrl(sprite, styleUrl);
	if (!Array.isArray(sprite)) return undefined;
	return sprite
		.filter(
			(s): s is { id: string; url: string } =>
				typeof s?.id === 'string' && typeof s?.url === 'string'
		)
		.map((s) => ({ id: s.id, url: absoluteUrl(s.url, styleUrl) }));
}

/**
 * An external vector style made ours: its sources and layers renamed under BASEMAP_PREFIX, URLs
 * made absolute, TileJSON documents inlined (`tileJson`, by their absolute URL), no glyphs URL
 * (labels are drawn locally), a credit on sources without one, its background dropped, and the
 * whole laid over our offline layers: wherever a tile is missing, the offline basemap shows.
 */
export function prepareStyle(
	value: unknown,
	origin: { styleUrl: string; tileJson: Record<string, TileJson> },
	data: BasemapData,
	attribution = ''
): StyleSpecification {
	const { styleUrl, tileJson } = origin;
	const style = asStyleJson(value, styleUrl);
	const sources: Record<string, SourceSpecification> = offlineSources(data);
	const tileJsonUrls: string[] = [];
	for (const [id, source] of Object.entries(style.sources)) {
		const own: Record<string, unknown> = { ...source };
		if (typeof source.url === 'string' && !Array.isArray(source.tiles)) {
			const url = absoluteUrl(source.url, styleUrl);
			const json = tileJson[url];
			if (!json) throw new BasemapStyleError(`TileJSON not read: ${url}`);
			delete own.url;
			Object.assign(
				own,
				Object.fromEntries(Object.entries(json).filter(([, v]) => v !== undefined))
			);
			tileJsonUrls.push(url);
		} else if (Array.isArray(source.tiles)) {
			own.tiles = source.tiles.map((t) => absoluteUrl(String(t), styleUrl));
		}
		if (typeof own.data === 'string') own.data = absoluteUrl(own.data, styleUrl);
		if (!own.attribution && attribution) own.attribution = attribution;
		sources[BASEMAP_PREFIX + id] = own as unknown as SourceSpecification;
	}
	const external = style.layers
		.filter((layer) => layer.type !== 'background')
		.map((layer) => {
			const own: Record<string, unknown> = { ...layer, id: BASEMAP_PREFIX + String(layer.id) };
			if (typeof layer.source === 'string') own.source = BASEMAP_PREFIX + layer.source;
			return own as unknown as LayerSpecification;
		});
	const [background, fill, lights, line] = offlineLayers();
	const sprite = spriteOf(style.sprite, styleUrl);
	const meta: StyleOrigin = { styleUrl, tileJsonUrls };
	return {
		version: 8,
		name: 'Krachtkaart online',
		metadata: { [STYLE_ORIGIN_KEY]: meta },
		...(sprite ? { sprite } : {}),
		sources,
		layers: [background, fill, lights, ...external, line]
	};
}

/** The StyleOrigin a prepared style carries, or null for our own styles. */
export function styleOriginOf(style: StyleSpecification): StyleOrigin | null {
	const meta = (style.metadata as Record<string, unknown> | undefined)?.[STYLE_ORIGIN_KEY];
	return meta && typeof meta === 'object' ? (meta as StyleOrigin) : null;
}
