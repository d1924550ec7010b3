// What the service worker (src/service-worker.ts) keeps for working without a connection: the
// app itself, and the last answer to the reads a worker needs in the street. Shared with the
// page, which empties the data cache on logout so the next user of the phone never sees it.

/** The cache of API answers; the app shell has its own, per version. */
export const DATA_CACHE = 'krachtkaart-data';

/** API reads kept for offline use: config, the map, the walk, areas, addresses, visits and tasks. */
const OFFLINE_READS = [
	/^\/api\/krachtkaart\/(config|map|walk)$/,
	/^\/api\/collections\/(areas|addresses|conversations|follow_ups)\/records$/
];

export function isOfflineRead(pathname: string): boolean {
	return OFFLINE_READS.some((pattern) => pattern.test(pathname));
}

/** Removes the cached answers (on logout). Harmless where the Cache API is missing. */
export async function clearOfflineData(): Promise<void> {
	if (typeof caches !== 'undefined') await caches.delete(DATA_CACHE);
}
