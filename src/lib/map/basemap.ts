// The basemap for the configured mode (GET /api/krachtkaart/config):
// - 'offline': only the project's own data — background, the bundled gemeenten outline and
//   Utrecht's street-light masts, which trace the streets from zoom ~13. Nothing needs a network
//   (no glyphs URL, no sprite, no tiles): text on the map (cluster counts) is drawn by MapLibre
//   itself with the phone's own font (styles.ts, MAP_FONT).
// - 'online': the same with OpenStreetMap raster tiles above it (or `onlineStyleUrl` if set).
// - 'auto': online when the browser says so; when tiles then fail, MapView drops the raster (or
//   swaps in the offline style) so the offline layers show — never a blank map.
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

/** What to do when a basemap source fails (only ever in 'auto'). */
export type Fallback = 'none' | 'drop-raster' | 'offline-style';

export interface Basemap {
	mode: 'online' | 'offline';
	/** A style object, or the URL of an external style. */
	style: StyleSpecification | string;
	fallback: Fallback;
}

/**
 * The basemap for a config.
 *
 * @example
 * resolveBasemap({ basemap: 'auto', onlineStyleUrl: '' }, { online: false, data })
 * // { mode: 'offline', style: offlineStyle(data), fallback: 'none' }
 */
export function resolveBasemap(
	config: Pick<MapConfig, 'basemap' | 'onlineStyleUrl'>,
	env: { online: boolean; data: BasemapData }
): Basemap {
	const online = config.basemap === 'online' || (config.basemap === 'auto' && env.online);
	if (!online) return { mode: 'offline', style: offlineStyle(env.data), fallback: 'none' };
	const auto = config.basemap === 'auto';
	if (config.onlineStyleUrl) {
		return {
			mode: 'online',
			style: config.onlineStyleUrl,
			fallback: auto ? 'offline-style' : 'none'
		};
	}
	return {
		mode: 'online',
		style: onlineRasterStyle(env.data),
		fallback: auto ? 'drop-raster' : 'none'
	};
}

/**
 * How to react to a map 'error' event: drop the OSM raster when its tiles fail, or switch an
 * external style to the offline one when it (or its tiles) fail to load.
 *
 * @example fallbackFor(basemap, { sourceId: 'osm' }, true) // 'drop-raster' in auto mode
 */
export function fallbackFor(
	basemap: Pick<Basemap, 'fallback'>,
	event: { sourceId?: string },
	styleLoaded: boolean
): Fallback {
	if (basemap.fallback === 'drop-raster') {
		return event.sourceId === OSM_SOURCE_ID ? 'drop-raster' : 'none';
	}
	if (basemap.fallback === 'offline-style') {
		if (event.sourceId === undefined) return styleLoaded ? 'none' : 'offline-style';
		return (OWN_SOURCE_IDS as readonly string[]).includes(event.sourceId)
			? 'none'
			: 'offline-style';
	}
	return 'none';
}
