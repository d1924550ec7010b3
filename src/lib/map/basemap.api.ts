// The runtime map configuration (pb_hooks/config.pb.js), so one build serves every deployment.
import { pb } from '$lib/pocketbase/client';
import { DEFAULT_MAP_CONFIG, parseMapConfig, type MapConfig } from './basemap';

/** The configured basemap; when the server cannot be reached, 'auto' (which copes offline). */
export async function fetchMapConfig(): Promise<MapConfig> {
	try {
		const body: unknown = await pb.send('/api/krachtkaart/config', {
			method: 'GET',
			requestKey: 'config:map'
		});
		return parseMapConfig(body);
	} catch {
		return DEFAULT_MAP_CONFIG;
	}
}
