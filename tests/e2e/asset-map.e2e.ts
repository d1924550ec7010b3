// Guards Journey 1 on the asset map (built app, real PocketBase, headless Chromium): filters move
// map, list and counts together and travel in a shared link, the area picker zooms in; a
// coordinator adds an asset by clicking the map, links it to an initiative, archives it and undoes
// that, while a colleague sees it appear live; a worker places one by its address; a phone gets a
// bottom sheet.
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appSuperuser } from '../support/app-data';
import {
	launchBrowser,
	newPage,
	openMap,
	renderedFeatures,
	waitForMapIdle,
	type TestPage
} from '../support/browser';

const coordinator = inject('coordinator');
const colleague = inject('colleague');
const worker = inject('worker');
const overvecht = inject('overvecht');

let browser: Browser;
let su: PocketBase;
const opened: TestPage[] = [];
/** Assets the tests made, removed at the end so other test files see the fixture as it was. */
const created: string[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
});

afterAll(async () => {
	for (const t of opened) await t.context.close().catch(() => {});
	await browser?.close();
	for (const id of created)
		await su
			.collection('assets')
			.delete(id)
			.catch(() => {});
});

async function open(viewport?: { width: number; height: number }): Promise<TestPage> {
	const t = await newPage(browser, viewport);
	opened.push(t);
	return t;
}

/** Waits until the map draws exactly these assets (ids, any order) on the asset layer. */
async function waitForDrawn(page: Page, ids: string[]) {
	await page.waitForFunction(
		(expected) => {
			const map = window.__krachtkaartMap;
			if (!map || !map.getLayer('assets')) return false;
			const drawn = new Set(map.queryRenderedFeatures({ layers: ['assets'] }).map((f) => f.id));
			return drawn.size === expected.length && expected.every((id) => drawn.has(id));
		},
		ids,
		{ timeout: 15_000 }
	);
}

async function listedIds(page: Page): Promise<string[]> {
	const items = page.getByTestId('in-view').getByTestId('asset-list-item');
	return (
		await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''))
	).sort();
}

async function legendCount(page: Page, kind: string): Promise<string> {
	const count = page.locator(
		`[data-testid="map-legend"] li[data-kind="${kind}"] [data-testid="legend-count"]`
	);
	return (await count.textContent())?.trim() ?? '';
}

/** Centres the map on a point, then clicks the map there (as a user would). */
async function clickMapAt(page: Page, point: { lon: number; lat: number }) {
	await page.evaluate(
		(p) => window.__krachtkaartMap!.jumpTo({ center: [p.lon, p.lat], zoom: 16 }),
		point
	);
	await waitForMapIdle(page);
	const at = await page.evaluate((p) => {
		const map = window.__krachtkaartMap!;
		const pixel = map.project([p.lon, p.lat]);
		const box = map.getCanvas().getBoundingClientRect();
		return { x: box.left + pixel.x, y: box.top + pixel.y };
	}, point);
	await page.mouse.click(at.x, at.y);
}

describe('the asset map', () => {
	it('filters map, list and counts together and keeps the filter in a shared link', async () => {
		const { page } = await open();
		await openMap(page, coordinator);

		// Everything current is drawn, listed and counted.
		const visible = [...overvecht.visibleAssetIds].sort();
		await waitForDrawn(page, visible);
		expect(await listedIds(page)).toEqual(visible);
		expect(await legendCount(page, 'key_figure')).toBe('1');
		expect(await legendCount(page, 'capacity')).toBe('1');

		// Key figures only: the map, the list and the counts follow.
		await page.getByTestId('filter-kind-key_figure').check();
		await waitForDrawn(page, [overvecht.keyFigureId]);
		await expect.poll(() => listedIds(page)).toEqual([overvecht.keyFigureId]);
		expect(await page.getByTestId('in-view-count').textContent()).toBe('1');
		expect(await legendCount(page, 'key_figure')).toBe('1');
		expect(await legendCount(page, 'capacity')).toBe('0');
		const rings = await renderedFeatures(page, ['assets-key-ring']);
		expect([...new Set(rings.map((f) => f.id))]).toEqual([overvecht.keyFigureId]);

		// The URL holds the filter (and the position), a moment after the change.
		await page.waitForURL((url) => url.searchParams.get('kind') === 'key_figure');
		const shared = page.url();
		expect(new URL(shared).searchParams.get('at')).toMatch(/^52\.\d+,5\.\d+$/);

		// A colleague opens the link in a fresh browser: after signing in she sees the same.
		const other = await open();
		await openMap(other.page, colleague, shared);
		expect(new URL(other.page.url()).searchParams.get('kind')).toBe('key_figure');
		expect(await other.page.getByTestId('filter-kind-key_figure').isChecked()).toBe(true);
		expect(await other.page.getByTestId('filter-kind-capacity').isChecked()).toBe(false);
		await waitForDrawn(other.page, [overvecht.keyFigureId]);
		expect(await listedIds(other.page)).toEqual([overvecht.keyFigureId]);

		// Clearing the filters brings everything back.
		await page.getByTestId('filter-reset').click();
		await waitForDrawn(page, visible);
		await page.waitForURL((url) => !url.searchParams.has('kind'));

		// The area picker zooms to a buurt, and the link remembers it.
		const zoom = () => page.evaluate(() => window.__krachtkaartMap!.getZoom());
		const wijkZoom = await zoom();
		const buurt = overvecht.buurtCodes[0];
		await page.getByTestId('area-picker').selectOption(buurt);
		await page.waitForURL((url) => url.searchParams.get('area') === buurt);
		await waitForMapIdle(page);
		expect(await zoom()).toBeGreaterThan(wijkZoom + 0.5);
	});

	it('adds an asset on the map, links, archives and restores it; a colleague sees it live', async () => {
		const { page } = await open();
		await openMap(page, coordinator);
		const colleagueView = await open();
		await openMap(colleagueView.page, colleague);

		// Click "Toevoegen", then the map inside a buurt.
		await page.getByTestId('add-asset').click();
		await page.getByTestId('placing-bar').waitFor();
		await clickMapAt(page, overvecht.freePoint);
		const form = page.getByTestId('asset-form');
		await form.waitFor();
		expect(await page.getByTestId('asset-form-place').textContent()).toContain(
			overvecht.freePoint.buurtName
		);
		// A person (key figure) is never placed at her door by default.
		expect(await page.getByTestId('asset-kind').inputValue()).toBe('key_figure');
		expect(await page.getByTestId('asset-precision-street').isChecked()).toBe(true);

		// Saving without a title says what is missing, at the field.
		await page.getByTestId('asset-save').click();
		await page.getByTestId('field-error-title').waitFor();
		expect(await page.getByTestId('asset-title').getAttribute('aria-invalid')).toBe('true');

		const title = 'Yasmina, buurtmoeder van de Vechtzoom';
		await page.getByTestId('asset-title').fill(title);
		await page.getByTestId('asset-description').fill('Kent iedereen in de portiek.');
		await page.getByTestId('asset-save').click();

		// The new asset opens, is on the map, and is stored as the coordinator's.
		const detail = page.getByTestId('asset-detail');
		await detail.waitFor();
		const id = (await detail.getAttribute('data-id')) ?? '';
		expect(id).toMatch(/^[a-z0-9]{15}$/);
		created.push(id);
		expect(await page.getByTestId('asset-detail-title').textContent()).toBe(title);
		await page.waitForFunction(
			(assetId) =>
				window
					.__krachtkaartMap!.queryRenderedFeatures({ layers: ['assets'] })
					.some((f) => f.id === assetId),
			id
		);
		const stored = await su.collection('assets').getOne(id, { expand: 'createdBy' });
		expect(stored).toMatchObject({
			title,
			kind: 'key_figure',
			precision: 'street',
			status: 'active',
			area: overvecht.freePoint.buurtId
		});
		expect(stored.expand?.createdBy?.email).toBe(coordinator.email);
		expect(stored.location.lon).toBeCloseTo(overvecht.freePoint.lon, 5);
		expect(stored.location.lat).toBeCloseTo(overvecht.freePoint.lat, 5);

		// The colleague's map and list show it without a reload.
		await colleagueView.page
			.getByTestId('in-view')
			.locator(`[data-testid="asset-list-item"][data-id="${id}"]`)
			.waitFor();
		await colleagueView.page.waitForFunction(
			(assetId) =>
				window
					.__krachtkaartMap!.querySourceFeatures('assets')
					.some((f) => f.properties?.id === assetId),
			id
		);

		// In the list of what is in view, too.
		await page.getByTestId('asset-detail-close').click();
		const listed = page
			.getByTestId('in-view')
			.locator(`[data-testid="asset-list-item"][data-id="${id}"]`);
		await listed.waitFor();

		// Link her to the initiative she runs.
		await listed.click();
		await page.getByTestId('asset-link-open').click();
		await page.getByTestId('link-search').fill('moestuin');
		await page.locator(`[data-testid="link-option"][data-id="${overvecht.initiativeId}"]`).click();
		await page.getByTestId('link-kind').selectOption('runs');
		await page.getByTestId('link-submit').click();
		const link = page.getByTestId('asset-link').filter({ hasText: 'Moestuin Wolgadreef' });
		await link.waitFor();
		expect(await link.textContent()).toContain('trekt');
		const links = await su
			.collection('links')
			.getFullList({ filter: su.filter('from = {:id}', { id }) });
		expect(links.map((l) => [l.to, l.kind])).toEqual([[overvecht.initiativeId, 'runs']]);

		// Archive: gone from the map; "Ongedaan maken" brings it back.
		await page.getByTestId('asset-archive').click();
		await page.getByTestId('toast').filter({ hasText: 'gearchiveerd' }).waitFor();
		await page.waitForFunction(
			(assetId) =>
				!window
					.__krachtkaartMap!.querySourceFeatures('assets')
					.some((f) => f.properties?.id === assetId),
			id
		);
		expect((await su.collection('assets').getOne(id)).status).toBe('ended');
		await page.getByTestId('toast-action').click();
		await page.locator(`[data-testid="asset-detail"][data-id="${id}"]`).waitFor();
		await expect.poll(async () => (await su.collection('assets').getOne(id)).status).toBe('active');
		await page.waitForFunction(
			(assetId) =>
				window
					.__krachtkaartMap!.querySourceFeatures('assets')
					.some((f) => f.properties?.id === assetId),
			id
		);
	});

	it('lets a worker place an asset by its address, a talent at street level', async () => {
		const { page } = await open();
		await openMap(page, worker);

		await page.getByTestId('add-asset').click();
		await page.getByTestId('address-search').fill(`${overvecht.address.street} 1`);
		const result = page.getByTestId('address-result').first();
		await result.waitFor();
		expect(await result.textContent()).toContain(`${overvecht.address.street} 12`);
		await result.click();

		await page.getByTestId('asset-form').waitFor();
		await page.getByTestId('asset-kind').selectOption('capacity');
		expect(await page.getByTestId('asset-precision-street').isChecked()).toBe(true);
		await page.getByTestId('asset-title').fill('Repareert fietsen voor de buren');
		await page.getByTestId('asset-save').click();

		const detail = page.getByTestId('asset-detail');
		await detail.waitFor();
		const id = (await detail.getAttribute('data-id')) ?? '';
		created.push(id);
		const stored = await su.collection('assets').getOne(id);
		expect(stored).toMatchObject({
			kind: 'capacity',
			precision: 'street',
			area: overvecht.address.buurtId
		});
		expect(stored.location.lon).toBeCloseTo(overvecht.address.lon, 6);
	});

	it('puts the panel in a bottom sheet on a phone, folded so the map stays in view', async () => {
		const { page } = await open({ width: 390, height: 844 });
		await openMap(page, coordinator);

		const handle = page.getByTestId('sheet-handle');
		expect(await handle.getAttribute('aria-expanded')).toBe('false');
		expect(await page.getByTestId('filter-panel').isVisible()).toBe(false);
		// The folded sheet and the closed legend leave most of the screen to the map.
		const sheet = await page.getByTestId('side-panel').boundingBox();
		expect(sheet!.height).toBeLessThan(80);
		expect(await page.locator('[data-testid="map-legend"]').getAttribute('open')).toBeNull();

		await handle.click();
		await page.getByTestId('filter-panel').waitFor();
		const unfolded = await page.getByTestId('side-panel').boundingBox();
		expect(unfolded!.height).toBeLessThanOrEqual(844 * 0.65);
	});
});
