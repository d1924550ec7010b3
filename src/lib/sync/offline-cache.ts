// What the service worker (src/service-worker.ts) keeps for working without a connection: the
// app itself, and the last answer to the reads a worker needs in the street. Shared with the
// page, which empties the data cache on logout so the next user of the phone never sees it.

/** The cache of API answers; the app shell has its own, per version. */
export const DATA_CACHE = 'krachtkaart-data';

/**
 * API reads kept for offline use: config, the map, the walk, areas, addresses, visits and tasks,
 * and the rounds of her areas with their questions and walk lists (her list on the phone).
 */
const OFFLINE_READS = [
	/^\/api\/krachtkaart\/(config|map|walk)$/,
	/^\/api\/collections\/(areas|addresses|conversations|follow_ups)\/records$/,
	/^\/api\/collections\/(rounds|round_questions|walk_lists)\/records$/
];

/** Set on an answer the service worker kept, served because the server could not be reached. */
export const KEPT_HEADER = 'X-Krachtkaart-Kept';

/** Whether this answer is a kept one (an older copy), not the server's own. */
export const isKeptAnswer = (response: Response): boolean => response.headers.has(KEPT_HEADER);

export function isOfflineRead(pathname: string): boolean {
	return OFFLINE_READS.some((pattern) => pattern.test(pathname));
}

/** Removes the cached answers (on logout). Harmless where the Cache API is missing. */
export async function clearOfflineData(): Promise<void> {
	if (typeof caches !== 'undefined') await caches.delete(DATA_CACHE);
}

/**
 * Calls `reload` once, when a service worker first takes control of this page (the app's first
 * visit on this phone): the reads made before went past it, so none of them is kept for offline
 * use yet. Returns the teardown, for an `$effect`.
 */
export function onFirstControl(reload: () => void): () => void {
	const container = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
	if (!container || container.controller) return () => {};
	container.addEventListener('controllerchange', reload, { once: true });
	return () => container.removeEventListener('controllerchange', reload);
}
