// Guards "Kaart offline" (issue 16), on a 390×844 phone with the app's service worker, its own
// PocketBase and a local basemap server (tests/support/tile-server.ts: a style with glyphs and a
// sprite, TileJSON and vector tiles cut from Overvecht's buurten and streets), since no test
// reaches PDOK. A worker opens "Kaart offline", sees the number of map tiles for her buurt and a
// size estimate first, downloads with progress, and the record of what is kept. Then the basemap
// server is shut and the phone goes offline: her map still draws the basemap's land, streets and
// street names from what was kept, with the network off. No glyph is ever asked for: labels are
// drawn from the phone's own font.
import { join } from 'node:path';
import type PocketBase from 'pocketbase';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { E2eUser } from '../support/app-global';
import { axeProblems } from '../support/axe';
import {
	launchBrowser,
	newPage,
	renderedFeatures,
	submitLogin,
	waitForMapIdle,
	type TestPage
} from '../support/browser';
import { ownSuperuserClient } from '../support/fixtures';
import { ROOT, startPocketBase, type RunningPocketBase } from '../support/pocketbase';
import { OFFLINE_ZOOMS, tilesCovering } from '$lib/map/offline-area';
import { TEST_BASEMAP_MAXZOOM, startTileServer, type TileServer } from '../support/tile-server';

const WAIT = { timeout: 30_000 };
const PHONE = { width: 390, height: 844 };
const BUURT = 'BU03440311';

let browser: Browser;
let tiles: TileServer;
let pocketbase: RunningPocketBase;
let su: PocketBase;
let worker: E2eUser;
let opened: TestPage | undefined;
let buurtGeometry: Polygon | MultiPolygon;

beforeAll(async () => {
	browser = await launchBrowser();
	tiles = await startTileServer();
	pocketbase = await startPocketBase({
		publicDir: join(ROOT, 'build'),
		env: { KRACHTKAART_BASEMAP: 'auto', KRACHTKAART_BASEMAP_STYLE_URL: tiles.styleUrl }
	});
	su = await ownSuperuserClient(pocketbase.url);
	const buurten = JSON.parse(
		readFileSync(join(ROOT, 'scripts', 'demo', 'data', 'buurten.geojson'), 'utf8')
	) as FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
	const feature = buurten.features.find((f) => f.properties.code === BUURT)!;
	buurtGeometry = feature.geometry;
	const wijk = await su
		.collection('areas')
		.create({ code: 'WK034403', name: 'Overvecht', level: 'wijk' });
	const buurt = await su.collection('areas').create({
		code: BUURT,
		name: feature.properties.name,
		level: 'buurt',
		parent: wijk.id,
		geometry: feature.geometry
	});
	worker = { email: 'wendy@offline.example', password: 'Kaart-offline-2026', name: 'Wendy' };
	await su.collection('users').create({
		...worker,
		passwordConfirm: worker.password,
		role: 'worker',
		areas: [buurt.id]
	});
});

afterAll(async () => {
	await opened?.context.close().catch(() => {});
	await browser?.close();
	await pocketbase?.stop();
	await tiles?.close().catch(() => {});
});

it('keeps the basemap of her buurt on the phone and draws its tiles and labels offline', async () => {
	opened = await newPage(browser, PHONE, { serviceWorker: true });
	const { page, context } = opened;
	await page.goto(`${pocketbase.url}/login`);
	await submitLogin(page, worker);
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, WAIT);

	// Online, the map draws the configured vector basemap over our own layers, no glyphs asked.
	await page.goto(`${pocketbase.url}/`);
	await page.locator('[data-testid="map-page"][data-status="ready"]').waitFor(WAIT);
	await waitForMapIdle(page);
	expect((await renderedFeatures(page, ['basemap-land'])).length).toBeGreaterThan(0);

	// "Meer ▸ Kaart offline": her buurt, ticked; the tiles it needs; the size first.
	await page.goto(`${pocketbase.url}/kaart-offline`);
	const panel = page.getByTestId('offline-map');
	await page.locator('[data-testid="offline-map"][data-step="choose"]').waitFor(WAIT);
	await expect.poll(() => page.getByTestId('offline-map-buurt').isChecked()).toBe(true);
	const tileCount = Number(await page.getByTestId('offline-map-tiles').getAttribute('data-count'));
	// The buurt's tiles from zoom 10 to the test server's last zoom.
	expect(tileCount).toBe(
		tilesCovering([buurtGeometry], { min: OFFLINE_ZOOMS.min, max: TEST_BASEMAP_MAXZOOM }).length
	);
	await page.getByTestId('offline-map-estimate-button').click();
	await page.locator('[data-testid="offline-map"][data-step="estimated"]').waitFor(WAIT);
	const estimated = Number(
		await page.getByTestId('offline-map-estimate').getAttribute('data-bytes')
	);
	expect(estimated).toBeGreaterThan(0);
	await expect.poll(() => panel.textContent()).toMatch(/Ongeveer .* voor .* kaartstukjes/);
	expect(await axeProblems(page, 'kaart offline, estimated')).toEqual([]);

	// The download, caught halfway (the server holds the tiles back): its progress shows, she
	// stops it, continues, and it runs to the end.
	tiles.hold();
	await page.getByTestId('offline-map-download').click();
	const progress = page.getByTestId('offline-map-progress');
	await progress.waitFor(WAIT);
	const total = Number(await progress.getAttribute('max'));
	// The style, its TileJSON and four sprite files, then every tile.
	expect(total).toBe(6 + tileCount);
	await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0);
	expect(Number(await progress.getAttribute('value'))).toBeLessThan(total);
	await page.getByTestId('offline-map-stop').click();
	await page.getByTestId('offline-map-stopped').waitFor(WAIT);
	tiles.release();
	tiles.hold();
	await page.getByTestId('offline-map-download').click();
	await progress.waitFor(WAIT);
	tiles.release();
	await page.locator('[data-testid="offline-map"][data-step="done"]').waitFor(WAIT);
	expect(await page.getByTestId('offline-map-progress').count()).toBe(0);
	expect(await axeProblems(page, 'kaart offline, done')).toEqual([]);
	const kept = await page.evaluate(() =>
		JSON.parse(localStorage.getItem('krachtkaart-offline-map') ?? 'null')
	);
	expect(kept).toMatchObject({ styleUrl: tiles.styleUrl, tiles: tileCount, failed: 0 });
	expect(kept.areas).toEqual(['Taag- en Rubicondreef en omgeving']);
	// The estimate from a sample is in the right range of what came.
	expect(estimated / kept.bytes).toBeGreaterThan(0.3);
	expect(estimated / kept.bytes).toBeLessThan(3);
	await expect
		.poll(() => page.getByTestId('offline-map-kept').textContent())
		.toMatch(/Offline bewaard sinds .*Taag- en Rubicondreef/);
	const askedTiles = tiles.requests.filter((p) => p.startsWith('/tiles/')).length;
	expect(askedTiles).toBeGreaterThanOrEqual(tileCount);
	expect(tiles.requests.filter((p) => p.startsWith('/sprites/')).length).toBeGreaterThanOrEqual(4);

	// The basemap server goes away and so does the network: the map still draws it all.
	await tiles.close();
	await context.setOffline(true);
	await page.goto(`${pocketbase.url}/`);
	await page.locator('[data-testid="map-page"][data-status="ready"]').waitFor(WAIT);
	await waitForMapIdle(page);
	const layers = await page.evaluate(() =>
		window.__krachtkaartMap!.getStyle().layers.map((l) => l.id)
	);
	expect(layers).toEqual(expect.arrayContaining(['basemap-land', 'basemap-straatnamen']));
	expect((await renderedFeatures(page, ['basemap-land'])).length).toBeGreaterThan(0);
	expect((await renderedFeatures(page, ['basemap-wegen'])).length).toBeGreaterThan(0);
	// Labels: placed street names (a symbol is only returned once MapLibre has drawn it).
	const names = await renderedFeatures(page, ['basemap-straatnamen']);
	expect(names.length).toBeGreaterThan(0);
	expect(names.every((f) => typeof f.properties.name === 'string')).toBe(true);
	// The buurt's name, our own label, shows too.
	await page.evaluate(() => window.__krachtkaartMap!.setZoom(14));
	await waitForMapIdle(page);
	expect((await renderedFeatures(page, ['areas-label'])).length).toBeGreaterThan(0);
	// Never a glyph request: the style's glyphs URL was dropped.
	expect(tiles.requests.some((p) => p.startsWith('/fonts/'))).toBe(false);

	// Removing what is kept: the record goes, and so does the cache.
	await context.setOffline(false);
	await page.goto(`${pocketbase.url}/kaart-offline`);
	await page.getByTestId('offline-map-remove').click();
	await expect.poll(() => page.getByTestId('offline-map-kept').count()).toBe(0);
	expect(await page.evaluate(() => caches.has('krachtkaart-basemap'))).toBe(false);
});
