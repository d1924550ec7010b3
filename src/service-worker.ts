/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Lets the app open and work without a connection: the app shell is cached per version, and the
// reads a worker needs in the street are answered from the network when it can, else from the
// last answer kept (src/lib/sync/offline-cache.ts); the basemap of her buurten, once she made it
// available offline, comes from its own cache (src/lib/map/basemap-cache.ts). Writes never pass through here: the outbox
// keeps them in IndexedDB until the server has stored them.
// A new version installs beside the running one and waits until the page asks it to take over
// (src/lib/pwa: she taps "Vernieuwen"); the outbox and the kept reads are not touched by it.
import { build, files, version } from '$service-worker';
import { keptOrNetwork } from '$lib/map/basemap-cache';
import { isSkipWaiting } from '$lib/pwa/pwa';
import { DATA_CACHE, isOfflineRead, KEPT_HEADER } from '$lib/sync/offline-cache';

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL_CACHE = `krachtkaart-shell-${version}`;
// '/' rather than '/index.html': PocketBase redirects the latter, and a redirected answer cannot
// serve a navigation.
const SHELL = [...build, ...files, '/'];

// No skipWaiting here: the first install (no worker yet) activates at once and `clients.claim`
// below takes the open page; a later one waits for the page's SKIP_WAITING.
sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)));
});

sw.addEventListener('message', (event) => {
	if (isSkipWaiting(event.data)) void sw.skipWaiting();
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys
						.filter((key) => key.startsWith('krachtkaart-shell-') && key !== SHELL_CACHE)
						.map((key) => caches.delete(key))
				)
			)
			.then(() => sw.clients.claim())
	);
});

/** A kept answer, marked so the page can tell it from the server's own (it may be older). */
function markedKept(response: Response): Response {
	const headers = new Headers(response.headers);
	headers.set(KEPT_HEADER, '1');
	return new Response(response.body, {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}

/** The network's answer, kept for later; the kept one when the network fails. */
async function networkFirst(request: Request, cacheName: string, fallback?: string) {
	const cache = await caches.open(cacheName);
	try {
		const response = await fetch(request);
		if (response.ok) await cache.put(request, response.clone());
		return response;
	} catch (error) {
		const kept =
			(await cache.match(request, { ignoreVary: true })) ??
			(fallback ? await caches.match(fallback, { ignoreVary: true }) : undefined);
		if (kept) return markedKept(kept);
		throw error;
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) {
		// The basemap of her buurten, when she made it available offline ("Kaart offline").
		event.respondWith(keptOrNetwork(request));
		return;
	}
	if (request.mode === 'navigate') {
		// Every app route is the same page (an SPA): offline, the cached one serves them all.
		event.respondWith(networkFirst(request, SHELL_CACHE, '/'));
	} else if (SHELL.includes(url.pathname)) {
		// PocketBase answers with `Vary: Origin`, and module scripts send an Origin the precache
		// requests did not: match on the URL alone.
		event.respondWith(
			caches.match(request, { ignoreVary: true }).then((kept) => kept ?? fetch(request))
		);
	} else if (isOfflineRead(url.pathname)) {
		event.respondWith(networkFirst(request, DATA_CACHE));
	}
});
