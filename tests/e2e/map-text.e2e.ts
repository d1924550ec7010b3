// Guards the map's own text without a network (built app, real PocketBase, headless Chromium on
// a phone), once the phone is offline: zoomed out over the fixture's gemeente, the assets merge
// into clusters and each carries its count; closer in, each buurt carries its name. MapLibre
// draws the letters itself (no glyphs URL: nothing to fetch).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { appSuperuser } from '../support/app-data';
import { launchBrowser, newPage, openMap, waitForMapIdle, type TestPage } from '../support/browser';

const coordinator = inject('coordinator');
const { address } = inject('overvecht');

let browser: Browser;
let opened: TestPage | undefined;

beforeAll(async () => {
	browser = await launchBrowser();
});

afterAll(async () => {
	await opened?.context.close().catch(() => {});
	await browser?.close();
});

/** The cluster counts MapLibre placed on screen, with the count each cluster holds. */
const placedCounts = (page: TestPage['page']) =>
	page.evaluate(() =>
		window
			.__krachtkaartMap!.queryRenderedFeatures({ layers: ['assets-cluster-count'] })
			.map((feature) => ({
				count: Number(feature.properties?.point_count),
				label: String(feature.properties?.point_count_abbreviated)
			}))
	);

it('writes each cluster’s count on it, also offline, without fetching glyphs', async () => {
	const buurtName = (await (await appSuperuser()).collection('areas').getOne(address.buurtId)).name;
	opened = await newPage(browser, { width: 390, height: 844 });
	const { page, context } = opened;
	const glyphRequests: string[] = [];
	page.on('request', (request) => {
		if (/\.pbf(\?|$)|glyphs|fonts\//.test(request.url())) glyphRequests.push(request.url());
	});
	await openMap(page, coordinator);
	expect(await page.evaluate(() => window.__krachtkaartMap!.getStyle().glyphs)).toBeUndefined();

	await context.setOffline(true);
	await page.evaluate((center) => window.__krachtkaartMap!.jumpTo({ center, zoom: 9 }), [
		address.lon,
		address.lat
	] as [number, number]);
	await waitForMapIdle(page);
	const counts = await placedCounts(page);
	expect(counts.length).toBeGreaterThan(0);
	for (const { count, label } of counts) {
		expect(count).toBeGreaterThan(1);
		expect(label).toEqual(count >= 1000 ? expect.stringMatching(/k$/) : String(count));
	}
	await page.screenshot({ path: '/tmp/map-text-e2e.png' });

	// Closer in, each buurt carries its name; the fixture's address lies in one of them.
	await page.evaluate((center) => window.__krachtkaartMap!.jumpTo({ center, zoom: 14 }), [
		address.lon,
		address.lat
	] as [number, number]);
	await waitForMapIdle(page);
	const names = await page.evaluate(() =>
		window
			.__krachtkaartMap!.queryRenderedFeatures({ layers: ['areas-label'] })
			.map((feature) => String(feature.properties?.name))
	);
	expect(names).toContain(buurtName);
	expect(glyphRequests).toEqual([]);
	await page.screenshot({ path: '/tmp/map-text-e2e-labels.png' });
});
