// Only under automation (navigator.webdriver: Playwright, WebDriver): e2e tests assert on
// map.queryRenderedFeatures, not on pixels, and need the map instance for that.
import type { Map as MapLibreMap } from 'maplibre-gl';

/** Puts the page's main map on `window.__krachtkaartMap` while it lives, under automation only. */
export function exposeMapForTests(instance: MapLibreMap): void {
	if (!navigator.webdriver) return;
	window.__krachtkaartMap = instance;
	instance.once('remove', () => {
		if (window.__krachtkaartMap === instance) delete window.__krachtkaartMap;
	});
}
