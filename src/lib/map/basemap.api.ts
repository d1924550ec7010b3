// The runtime map configuration (pb_hooks/config.pb.js), so one build serves every deployment.
import { pb } from '$lib/pocketbase/client';
import { DEFAULT_MAP_CONFIG, parseMapConfig, type MapConfig } from './basemap';

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
