// The runtime map configuration (pb_hooks/config.pb.js), so one build serves every deployment,
// and the basemap style it names.
import { pb } from '$lib/pocketbase/client';
import type { StyleSpecification } from 'maplibre-gl';
import {
	BasemapStyleError,
	DEFAULT_MAP_CONFIG,
	PDOK_ATTRIBUTION,
	PDOK_STYLE_URL,
	basemapPlan,
	failedVectorBasemap,
	offlineStyle,
	parseMapConfig,
	parseTileJson,
	prepareStyle,
	tileJsonUrlsOf,
	type Basemap,
	type BasemapData,
	type MapConfig,
	type TileJson
} from './basemap';

/** The answer every map of this page shares: the deployment's config does not change meanwhile. */
let shared: Promise<MapConfig> | null = null;

/**
 * The configured basemap; when the server cannot be reached, 'auto' (which copes offline). Read
 * once per page for all its maps (two maps on one page no longer cancel each other's request);
 * a failed read is not kept, so the next map asks again.
 */
export function fetchMapConfig(): Promise<MapConfig> {
	shared ??= pb
		.send('/api/krachtkaart/config', { method: 'GET', requestKey: null })
		.then((body: unknown) => parseMapConfig(body))
		.catch(() => {
			shared = null;
			return DEFAULT_MAP_CONFIG;
		});
	return shared;
}

/** How long a style or TileJSON read may take before the map goes on without it. */
const STYLE_TIMEOUT_MS = 5000;

async function readJson(url: string): Promise<unknown> {
	const response = await fetch(url, { signal: AbortSignal.timeout(STYLE_TIMEOUT_MS) });
	if (!response.ok) throw new BasemapStyleError(`${response.status} for ${url}`);
	return response.json();
}

/** Prepared styles of this page by URL (two maps on one page read a style once). */
const styles = new Map<string, Promise<StyleSpecification>>();

/**
 * An external vector style, read (offline: from what "Kaart offline" kept, through the service
 * worker) with the TileJSON documents its sources name, and prepared (basemap.ts, prepareStyle).
 * A failed read is not kept, so the next map tries again.
 */
export function loadVectorStyle(styleUrl: string, data: BasemapData): Promise<StyleSpecification> {
	const key = `${styleUrl}\n${data.gemeenten}`;
	let style = styles.get(key);
	if (!style) {
		style = (async () => {
			const json = await readJson(styleUrl);
			const tileJson: Record<string, TileJson> = {};
			for (const url of tileJsonUrlsOf(json, styleUrl)) {
				tileJson[url] = parseTileJson(await readJson(url), url);
			}
			const credit = styleUrl === PDOK_STYLE_URL ? PDOK_ATTRIBUTION : '';
			return prepareStyle(json, { styleUrl, tileJson }, data, credit);
		})();
		style.catch(() => styles.delete(key));
		styles.set(key, style);
	}
	return style;
}

/** The basemap for the config (basemap.ts, basemapPlan): the vector style when it can be read. */
export async function loadBasemap(
	config: Pick<MapConfig, 'basemap' | 'onlineStyleUrl'>,
	env: { online: boolean; data: BasemapData }
): Promise<Basemap> {
	const plan = basemapPlan(config, env);
	if (plan.kind === 'offline') {
		return { mode: 'offline', style: offlineStyle(env.data), fallback: 'none' };
	}
	try {
		const style = await loadVectorStyle(plan.styleUrl, env.data);
		return { mode: 'online', style, fallback: 'notice' };
	} catch (error) {
		if (env.online) console.warn('[map] basemap style not read, using the fallback', error);
		return failedVectorBasemap(plan, config, env.data);
	}
}
