// The basemap files "Kaart offline" keeps on this device (offline-area.ts): one Cache Storage
// cache, read by the service worker for every request to another origin (the basemap's style,
// TileJSON, sprites and tiles) before the network. What it keeps is a snapshot: it is fetched
// anew only when she downloads her buurten again, as field apps do with offline map areas.

export const BASEMAP_CACHE = 'krachtkaart-basemap';

/** The kept answer for this request's URL, or the network's (never making the cache itself). */
export async function keptOrNetwork(request: Request): Promise<Response> {
	const kept = await caches.match(request.url, { cacheName: BASEMAP_CACHE, ignoreVary: true });
	return kept ?? fetch(request);
}
