// Guards the walking skeleton end to end (built app, real PocketBase, headless Chromium): a
// coordinator signs in, sees the 10 buurten of Overvecht and its assets drawn on the map, reads a
// clear error on a wrong password, switches to English, and signs out; with the 'auto' basemap
// and unreachable tiles, the map falls back to the offline layers instead of going blank.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
	launchBrowser,
	newPage,
	renderedFeatures,
	submitLogin,
	waitForMapIdle,
	type TestPage
} from '../support/browser';

const appUrl = inject('appUrl');
const coordinator = inject('coordinator');
const overvecht = inject('overvecht');

let browser: Browser;
let t: TestPage;

beforeAll(async () => {
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
});

beforeEach(async () => {
	t = await newPage(browser);
});

afterEach(async () => {
	await t.context.close();
});

async function signIn(password: string) {
	const { page } = t;
	await page.getByTestId('login-email').fill(coordinator.email);
	await page.getByTestId('login-password').fill(password);
	await page.getByTestId('login-submit').click();
}

describe('login and the map of the own wijk', () => {
	it('sends a signed-out visitor to the login page and explains a wrong password', async () => {
		const { page } = t;
		await page.goto(`${appUrl}/`);
		await page.waitForURL((url) => url.pathname === '/login');
		await page.getByTestId('login-form').waitFor();
		expect(await page.locator('html').getAttribute('lang')).toBe('nl');

		await signIn('not-the-password');
		const error = page.getByTestId('login-error');
		await error.waitFor();
		expect(await error.textContent()).toContain('Het e-mailadres of wachtwoord klopt niet');
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(await page.getByTestId('login-password').inputValue()).toBe('');
	});

	it('signs in, draws the buurten and assets of Overvecht, switches to English, signs out', async () => {
		const { page } = t;
		await page.goto(`${appUrl}/login`);
		// Password, then the mailed code (coordinators sign in in two steps).
		await submitLogin(page, coordinator);

		await page.waitForURL((url) => url.pathname === '/');
		await page.getByTestId('map').waitFor();
		await page.locator('[data-testid="map-page"][data-status="ready"]').waitFor();
		await waitForMapIdle(page);

		const user = page.getByTestId('current-user');
		expect(await user.textContent()).toContain(coordinator.name);
		expect(await user.textContent()).toContain('Coördinator');

		// The offline basemap: our own data only, and no glyph server: the only text is ours (buurt
		// names, cluster counts), drawn by MapLibre itself.
		const style = await page.evaluate(() => {
			const s = window.__krachtkaartMap!.getStyle();
			return { glyphs: s.glyphs, layers: s.layers.map((l) => ({ id: l.id, type: l.type })) };
		});
		expect(style.glyphs).toBeUndefined();
		expect(style.layers.filter((l) => l.type === 'symbol').map((l) => l.id)).toEqual([
			'areas-label',
			'assets-cluster-count'
		]);
		expect(style.layers.map((l) => l.id)).toEqual(
			expect.arrayContaining([
				'background',
				'gemeenten-line',
				'streetlights',
				'areas-fill',
				'assets'
			])
		);
		expect(style.layers.map((l) => l.id)).not.toContain('osm');

		// All 10 buurten are drawn (a polygon may be split over tiles: compare distinct codes).
		const buurten = await renderedFeatures(page, ['areas-fill']);
		const codes = [...new Set(buurten.map((f) => String(f.properties.code)))].sort();
		expect(codes).toEqual(overvecht.buurtCodes);
		expect(buurten.every((f) => typeof f.id === 'string' && f.id.length === 15)).toBe(true);

		// Every current asset is drawn, the ended one is not; the key figure has its ring.
		const assets = await renderedFeatures(page, ['assets']);
		const assetIds = [...new Set(assets.map((f) => String(f.id)))].sort();
		expect(assetIds).toEqual([...overvecht.visibleAssetIds].sort());
		expect(assetIds).not.toContain(overvecht.endedAssetId);
		const rings = await renderedFeatures(page, ['assets-key-ring']);
		expect([...new Set(rings.map((f) => f.id))]).toEqual([overvecht.keyFigureId]);

		// English: the whole UI follows, and so does <html lang>.
		await page.getByTestId('locale-en').click();
		await page.getByTestId('logout').filter({ hasText: 'Sign out' }).waitFor();
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		expect(await page.getByTestId('current-user').textContent()).toContain('Coordinator');
		expect(await page.getByTestId('map-legend').textContent()).toContain('Key figure');

		await page.getByTestId('logout').click();
		await page.waitForURL((url) => url.pathname === '/login');
		await page.getByTestId('login-form').waitFor();
		expect(await page.getByTestId('login-submit').textContent()).toContain('Sign in');
		// The session is really gone: the map sends us back to the login page.
		await page.goto(`${appUrl}/`);
		await page.waitForURL((url) => url.pathname === '/login');
		expect(await page.evaluate(() => localStorage.getItem('pocketbase_auth'))).toBeNull();
	});

	it("falls back to the offline basemap when 'auto' can reach neither PDOK nor the OSM tiles", async () => {
		const { page, context } = t;
		// The server runs with the offline basemap; this test asks for 'auto' and cuts the internet:
		// PDOK's style cannot be read, so OSM's raster tiles are tried, and fail too.
		await page.route('**/api/krachtkaart/config', (route) =>
			route.fulfill({ json: { basemap: 'auto', onlineStyleUrl: '' } })
		);
		const styleRequests: string[] = [];
		await context.route(/^https:\/\/api\.pdok\.nl\//, (route) => {
			styleRequests.push(route.request().url());
			return route.abort('internetdisconnected');
		});
		const tileRequests: string[] = [];
		await context.route(/^https:\/\/tile\.openstreetmap\.org\//, (route) => {
			tileRequests.push(route.request().url());
			return route.abort('internetdisconnected');
		});

		await page.goto(`${appUrl}/login`);
		// Password, then the mailed code (coordinators sign in in two steps).
		await submitLogin(page, coordinator);
		await page.locator('[data-testid="map-page"][data-status="ready"]').waitFor();
		await page.getByText('Achtergrondkaart niet bereikbaar').waitFor();
		await waitForMapIdle(page);

		expect(styleRequests[0]).toContain('brt-achtergrondkaart');
		expect(tileRequests.length).toBeGreaterThan(0);
		const layerIds = await page.evaluate(() =>
			window.__krachtkaartMap!.getStyle().layers.map((l) => l.id)
		);
		expect(layerIds).not.toContain('osm');
		expect(layerIds).toEqual(
			expect.arrayContaining(['gemeenten-fill', 'streetlights', 'areas-fill'])
		);
		const buurten = await renderedFeatures(page, ['areas-fill']);
		expect(new Set(buurten.map((f) => f.properties.code)).size).toBe(overvecht.buurtCodes.length);
	});
});
