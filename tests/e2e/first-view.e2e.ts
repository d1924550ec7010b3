// Guards the first view (issue 16), on a 390×844 phone and a desktop, in a Tilburg-like wijk of
// real CBS buurten: a town whose addresses and assets lie in a few buurten, and large rural
// buurten around it without any. The map opens around her addresses and assets, not around the
// whole wijk; the "Achtergrondkaart niet bereikbaar" notice covers no control
// (document.elementFromPoint at the centre of each); the credits follow the data on screen
// (Utrecht's street lights only in Utrecht); the gap table hides the buurten without addresses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appSuperuser } from '../support/app-data';
import type { E2eUser } from '../support/app-global';
import {
	launchBrowser,
	newPage,
	signInBackTo,
	waitForMapIdle,
	type TestPage
} from '../support/browser';
import { ROOT } from '../support/pocketbase';

const appUrl = inject('appUrl');
const WAIT = { timeout: 30_000 };
const PASSWORD = 'Eerste-blik-2026';
const tag = Date.now().toString(36);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Tilburg's wijk 01 (the town south of the centre) and three buitengebieden around it. */
const TOWN_WIJK = 'WK085501';
const RURAL = ['BU08550609', 'BU08550409', 'BU08550408'];
/** Where her addresses and assets are: three town buurten, and two more for the assets. */
const ADDRESS_BUURTEN = ['BU08550105', 'BU08550101', 'BU08550102'];
const ASSET_BUURTEN = ['BU08550108', 'BU08550103'];

type Props = { code: string; name: string; parentCode?: string };
type Box = [number, number, number, number];

let browser: Browser;
let su: PocketBase;
let coordinator: E2eUser;
const opened: TestPage[] = [];
const created: { collection: string; id: string }[] = [];
/** Her addresses and assets, [lon, lat]. */
const places: [number, number][] = [];
/** The box of all the wijk's buurten. */
let wijkBox: Box = [180, 90, -180, -90];
let townBuurten = 0;

async function create(collection: string, body: Record<string, unknown>) {
	const record = await su.collection(collection).create(body);
	created.push({ collection, id: record.id });
	return record;
}

function boxOf(geometry: Polygon | MultiPolygon): Box {
	const rings = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	const points = rings.flat(2);
	const lons = points.map((p) => p[0]);
	const lats = points.map((p) => p[1]);
	return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	const buurten = JSON.parse(
		readFileSync(join(ROOT, 'scripts', 'demo', 'data', 'buurten.geojson'), 'utf8')
	) as FeatureCollection<Polygon | MultiPolygon, Props>;
	const chosen = buurten.features.filter(
		(f) => f.properties.parentCode === TOWN_WIJK || RURAL.includes(f.properties.code)
	);
	townBuurten = chosen.length - RURAL.length;
	expect(townBuurten).toBe(10);

	const wijk = await create('areas', {
		code: `WK-FV-${tag}`,
		name: `Tilburg proef ${tag}`,
		level: 'wijk'
	});
	for (const feature of chosen) {
		const box = boxOf(feature.geometry);
		wijkBox = [
			Math.min(wijkBox[0], box[0]),
			Math.min(wijkBox[1], box[1]),
			Math.max(wijkBox[2], box[2]),
			Math.max(wijkBox[3], box[3])
		];
		const buurt = await create('areas', {
			code: `${feature.properties.code}-${tag}`,
			name: feature.properties.name,
			level: 'buurt',
			parent: wijk.id,
			geometry: feature.geometry
		});
		const middle = { lon: (box[0] + box[2]) / 2, lat: (box[1] + box[3]) / 2 };
		if (ADDRESS_BUURTEN.includes(feature.properties.code)) {
			for (const number of ['1', '2', '3']) {
				await create('addresses', {
					street: `${feature.properties.name}straat`,
					number,
					postcode: '5000 AA',
					city: 'Tilburg',
					location: { lon: middle.lon + Number(number) * 0.0002, lat: middle.lat },
					area: buurt.id
				});
				places.push([middle.lon + Number(number) * 0.0002, middle.lat]);
			}
		}
		if (ASSET_BUURTEN.includes(feature.properties.code)) {
			await create('assets', {
				kind: 'place',
				title: `Buurthuis ${feature.properties.name} ${tag}`,
				themes: ['groen'],
				domain: ['fysiek'],
				location: middle,
				precision: 'exact',
				area: buurt.id,
				status: 'active'
			});
			places.push([middle.lon, middle.lat]);
		}
	}

	const email = `coordinator-fv-${tag}@example.org`;
	const user = await create('users', {
		email,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: 'Proef coördinator Tilburg',
		role: 'coordinator',
		areas: [wijk.id]
	});
	coordinator = { email, password: PASSWORD, name: String(user.name) };
});

afterAll(async () => {
	for (const { context } of opened) await context.close().catch(() => {});
	await browser?.close();
	for (const { collection, id } of created.reverse()) {
		await su
			.collection(collection)
			.delete(id)
			.catch(() => {});
	}
});

/** Signs her in on the map with the 'auto' basemap and no internet: the notice shows. */
async function openMapOffline(viewport: { width: number; height: number }): Promise<Page> {
	const test = await newPage(browser, viewport);
	opened.push(test);
	const { page, context } = test;
	await page.route('**/api/krachtkaart/config', (route) =>
		route.fulfill({ json: { basemap: 'auto', onlineStyleUrl: '' } })
	);
	await context.route(/^https:\/\/(tile\.openstreetmap\.org|api\.pdok\.nl)\//, (route) =>
		route.abort('internetdisconnected')
	);
	await page.goto(`${appUrl}/`);
	await signInBackTo(page, coordinator, '/');
	await page.locator('[data-testid="map-page"][data-status="ready"]').waitFor(WAIT);
	await page.getByText('Achtergrondkaart niet bereikbaar').waitFor(WAIT);
	await waitForMapIdle(page);
	return page;
}

const mapBounds = (page: Page) =>
	page.evaluate(() => {
		const b = window.__krachtkaartMap!.getBounds();
		return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as [
			number,
			number,
			number,
			number
		];
	});

/** Each control that is shown, and whether a click at its centre reaches it. */
function controlsReached(page: Page, selectors: string[]) {
	return page.evaluate((list) => {
		return list.map((selector) => {
			// The first one shown (the attribution's ⓘ button only shows on a narrow map).
			const element = [...document.querySelectorAll(selector)].find(
				(e) => e.getBoundingClientRect().width > 0
			);
			if (!element) return { selector, reached: 'missing' };
			const box = element.getBoundingClientRect();
			const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
			const reached = hit !== null && (element === hit || element.contains(hit));
			return { selector, reached: reached ? 'yes' : `covered by ${hit?.outerHTML.slice(0, 80)}` };
		});
	}, selectors);
}

const attribution = (page: Page) =>
	page.evaluate(() => document.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent ?? '');

describe.each([
	['phone', PHONE, '[data-testid="sheet-handle"]'],
	['desktop', DESKTOP, '[data-testid="in-view"]']
] as const)('on a %s', (_name, viewport, panel) => {
	it('opens around her addresses and assets, covers no control, and credits what is on screen', async () => {
		const page = await openMapOffline(viewport);

		// Every address and asset is on screen, but not the whole wijk with its farmland.
		const view = await mapBounds(page);
		for (const [lon, lat] of places) {
			expect(lon).toBeGreaterThan(view[0]);
			expect(lat).toBeGreaterThan(view[1]);
			expect(lon).toBeLessThan(view[2]);
			expect(lat).toBeLessThan(view[3]);
		}
		const wholeWijk =
			view[0] <= wijkBox[0] &&
			view[1] <= wijkBox[1] &&
			view[2] >= wijkBox[2] &&
			view[3] >= wijkBox[3];
		expect(wholeWijk).toBe(false);
		// The rural buurten lie mostly west: the view opens east of the wijk's middle.
		expect((view[0] + view[2]) / 2).toBeGreaterThan((wijkBox[0] + wijkBox[2]) / 2);

		// The notice is there, and a click at the centre of each control reaches it.
		const reached = await controlsReached(page, [
			'[data-testid="add-asset"]',
			'[data-testid="area-picker"]',
			'.maplibregl-ctrl-zoom-in',
			'.maplibregl-ctrl-zoom-out',
			'[data-testid="map-legend"] summary',
			'.maplibregl-ctrl-attrib-button, .maplibregl-ctrl-attrib-inner a',
			panel
		]);
		expect(reached).toEqual(reached.map(({ selector }) => ({ selector, reached: 'yes' })));
		// …so a normal click on "Toevoegen" starts adding.
		await page.getByTestId('add-asset').click();
		await page.getByTestId('add-asset').waitFor({ state: 'detached', ...WAIT });

		// In Tilburg: the CBS buurten, never Utrecht's street lights.
		const here = await attribution(page);
		expect(here).toContain('CBS');
		expect(here).not.toContain('Lichtmasten');
		// In Utrecht at street zoom the street lights are drawn, and credited.
		await page.evaluate(() =>
			window.__krachtkaartMap!.jumpTo({ center: [5.117, 52.09], zoom: 15 })
		);
		await waitForMapIdle(page);
		await expect.poll(() => attribution(page), WAIT).toContain('Lichtmasten Utrecht');
		// Zoomed out, they are not drawn, and not credited.
		await page.evaluate(() =>
			window.__krachtkaartMap!.jumpTo({ center: [5.117, 52.09], zoom: 10 })
		);
		await waitForMapIdle(page);
		await expect.poll(() => attribution(page), WAIT).not.toContain('Lichtmasten');
	});
});

it('hides the buurten without addresses in the gap table, kept in the URL', async () => {
	const test = await newPage(browser, PHONE);
	opened.push(test);
	const { page } = test;
	await page.goto(`${appUrl}/witte-vlekken`);
	await signInBackTo(page, coordinator, '/witte-vlekken');
	await page.locator('[data-testid="gaps-page"][data-status="ready"]').waitFor(WAIT);
	const rows = page.locator('[data-testid="gap-buurt"]');
	const toggle = page.getByTestId('gap-table-hide-empty');

	// On at first: only the three buurten with addresses.
	await rows.first().waitFor(WAIT);
	expect(await toggle.isChecked()).toBe(true);
	expect(await rows.count()).toBe(ADDRESS_BUURTEN.length);
	expect(await page.getByTestId('gap-table-hidden').textContent()).toContain(
		String(townBuurten + RURAL.length - ADDRESS_BUURTEN.length)
	);

	// Off: every buurt, and the URL says so (a reload keeps it).
	await toggle.uncheck();
	await expect.poll(() => rows.count(), WAIT).toBe(townBuurten + RURAL.length);
	await expect.poll(() => new URL(page.url()).searchParams.get('empty'), WAIT).toBe('show');
	await page.reload();
	await page.locator('[data-testid="gaps-page"][data-status="ready"]').waitFor(WAIT);
	await expect.poll(() => rows.count(), WAIT).toBe(townBuurten + RURAL.length);
	expect(await toggle.isChecked()).toBe(false);
});
