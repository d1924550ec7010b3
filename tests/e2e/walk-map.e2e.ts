// Guards the walk map of "Op pad" on a phone (390×844; built app, real PocketBase, headless
// Chromium with the service worker): "Kaart / Lijst" switches, the map shows the street opened in
// the list with each door in its state's colour (to knock, not home, talked, declined, "niet meer
// aanbellen") and a legend in text; a tap on a door opens its form, and after "Niet thuis" is
// logged there the door's state changes on the map and the list shows the door; with the network
// off and the page reloaded, the map still draws the doors, from the walk kept on the phone. On a
// desktop map and list show together, a tapped door is opened in the list while the map stays,
// and her shared position shows on the map.
import type PocketBase from 'pocketbase';
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { appSuperuser, asWorker } from '../support/app-data';
import { launchBrowser, newPage, openMap, waitForMapIdle, type TestPage } from '../support/browser';

const worker = inject('worker');
const { address } = inject('overvecht');
const WAIT = { timeout: 30_000 };
/** A street of this test's own, just north of the fixture's door, in its buurt. */
const STREET = 'Kaartpad';
const LAT = address.lat + 0.00025;
/** Door number → its place, about 14 m (50 px at zoom 17.5) apart, and what happened there before the test. */
const DOORS = [
	{ number: '1', lon: address.lon - 0.0004, outcome: null, state: 'due' },
	{ number: '3', lon: address.lon - 0.0002, outcome: 'not_home', state: 'not_home' },
	{ number: '5', lon: address.lon, outcome: 'talked', state: 'talked' },
	{ number: '7', lon: address.lon + 0.0002, outcome: 'declined', state: 'declined' },
	{ number: '9', lon: address.lon + 0.0004, outcome: 'do_not_contact', state: 'do_not_contact' }
] as const;

let browser: Browser;
let su: PocketBase;
let opened: TestPage | undefined;
const ids: Record<string, string> = {};

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	const { record: me } = await asWorker(su);
	for (const [i, door] of DOORS.entries()) {
		const record = await su.collection('addresses').create({
			street: STREET,
			number: door.number,
			postcode: '3564 ZZ',
			city: 'Utrecht',
			location: { lon: door.lon, lat: LAT },
			area: address.buurtId
		});
		ids[door.number] = record.id;
		if (!door.outcome) continue;
		await su.collection('conversations').create({
			id: newRecordId(),
			area: address.buurtId,
			address: record.id,
			worker: me.id,
			heldAt: new Date(Date.now() - (i + 1) * 86_400_000).toISOString(),
			outcome: door.outcome,
			location: { lon: door.lon, lat: LAT },
			locationSource: 'address'
		});
	}
});

afterAll(async () => {
	await opened?.context.close().catch(() => {});
	await browser?.close();
	const doorIds = Object.values(ids);
	if (doorIds.length === 0) return;
	const logged = await su.collection('conversations').getFullList({
		filter: doorIds.map((id) => su.filter('address = {:id}', { id })).join(' || ')
	});
	for (const record of logged) await su.collection('conversations').delete(record.id);
	for (const id of doorIds)
		await su
			.collection('addresses')
			.delete(id)
			.catch(() => {});
});

/** The state of each of this test's doors as the map's source has it, by number. */
async function mapStates(page: Page): Promise<Record<string, string>> {
	const drawn = await page.evaluate(() =>
		window
			.__krachtkaartMap!.querySourceFeatures('walk-doors')
			.map((f) => [String(f.properties.id), String(f.properties.state)])
	);
	const byId = new Map(drawn as [string, string][]);
	return Object.fromEntries(DOORS.map(({ number }) => [number, byId.get(ids[number]) ?? '']));
}

async function showMap(page: Page) {
	await page.getByTestId('walk-view-map').click();
	await page.locator('[data-testid="walk-map"][data-ready="true"]').waitFor(WAIT);
	await waitForMapIdle(page);
}

/** Taps the map where a door is, as a finger would. */
async function tapDoor(page: Page, lon: number) {
	const at = await page.evaluate(
		([lon, lat]) => {
			const map = window.__krachtkaartMap!;
			const pixel = map.project([lon, lat]);
			const box = map.getCanvas().getBoundingClientRect();
			return { x: box.left + pixel.x, y: box.top + pixel.y };
		},
		[lon, LAT]
	);
	await page.mouse.click(at.x, at.y);
}

const expected = () => Object.fromEntries(DOORS.map(({ number, state }) => [number, state]));

it('shows the street’s doors by state, opens a tapped door’s form, and keeps the doors offline', async () => {
	opened = await newPage(browser, { width: 390, height: 844 }, { serviceWorker: true });
	const { page, context } = opened;
	await openMap(page, worker);
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, WAIT);
	await page.getByTestId('nav-walk').click();
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);

	// A phone starts on the list; the street opened there is what the map shows.
	expect(await page.getByTestId('walk-view-list').getAttribute('aria-pressed')).toBe('true');
	expect(await page.getByTestId('walk-map').count()).toBe(0);
	const street = page.locator(`[data-testid="walk-street"][data-street="${STREET}"]`);
	await street.locator('summary').click();
	await showMap(page);
	expect(await page.getByTestId('walk-streets').isHidden()).toBe(true);
	const view = await page.evaluate(() => {
		const map = window.__krachtkaartMap!;
		return { zoom: map.getZoom(), bounds: map.getBounds().toArray() };
	});
	expect(view.zoom).toBeGreaterThan(15.5);
	const [[west, south], [east, north]] = view.bounds;
	for (const { lon } of DOORS) {
		expect(lon).toBeGreaterThan(west);
		expect(lon).toBeLessThan(east);
	}
	expect(LAT).toBeGreaterThan(south);
	expect(LAT).toBeLessThan(north);
	const region = page.getByRole('region', { name: 'Kaart met de deuren van je looproute' });
	expect(await region.count()).toBe(1);

	// Close in, the map in the screen's middle: every door drawn in its state.
	await page.evaluate(
		([lon, lat]) => {
			window.__krachtkaartMap!.getContainer().scrollIntoView({ block: 'center' });
			window.__krachtkaartMap!.jumpTo({ center: [lon, lat], zoom: 17.5 });
		},
		[address.lon, LAT]
	);
	await waitForMapIdle(page);
	const rendered = await page.evaluate(() =>
		window
			.__krachtkaartMap!.queryRenderedFeatures({ layers: ['walk-doors'] })
			.map((f) => [String(f.properties.id), String(f.properties.state)])
	);
	for (const { number, state } of DOORS) expect(rendered).toContainEqual([ids[number], state]);
	// Each state's colour on the map is its colour in the legend.
	const paint = JSON.stringify(
		await page.evaluate(() =>
			window.__krachtkaartMap!.getPaintProperty('walk-doors', 'circle-color')
		)
	);
	const legend = page.getByTestId('walk-map-legend');
	for (const [state, colour] of [
		['due', '#1f4e6b'],
		['not_home', '#e69f00'],
		['talked', '#009e73'],
		['declined', '#cc79a7'],
		['do_not_contact', '#000000']
	]) {
		expect(paint).toContain(`"${state}","${colour}"`);
		const dot = legend.locator(`[data-state="${state}"] .dot`);
		const [r, g, b] = [1, 3, 5].map((k) => parseInt(colour.slice(k, k + 2), 16));
		expect(await dot.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
			`rgb(${r}, ${g}, ${b})`
		);
	}
	expect(await legend.textContent()).toContain('Niet meer aanbellen');
	expect(
		Number(await legend.locator('[data-state="talked"]').getAttribute('data-count'))
	).toBeGreaterThan(0);
	await page.screenshot({ path: '/tmp/walk-map-e2e-phone.png' });

	// A tap on the door to knock at opens its form; "Niet thuis" there turns it orange.
	await tapDoor(page, DOORS[0].lon);
	const form = page.getByTestId('conversation-form');
	await form.waitFor(WAIT);
	expect(await page.getByTestId('conversation-dialog').textContent()).toContain(`${STREET} 1`);
	await form.getByTestId('conversation-outcome-not_home').click();
	await form.getByTestId('conversation-save').click();
	await form.waitFor({ state: 'detached' });
	await expect.poll(() => mapStates(page), WAIT).toEqual({ ...expected(), 1: 'not_home' });
	// Back on the list: the door tapped on the map is in view, its street open.
	await page.getByTestId('walk-view-list').click();
	const door = page.locator(`[data-testid="walk-door"][data-id="${ids['1']}"]`);
	await expect.poll(() => door.isVisible(), WAIT).toBe(true);
	expect(await door.getByTestId('walk-door-last').textContent()).toContain('Niet thuis');
	await expect
		.poll(() =>
			door.evaluate((el) => {
				const box = el.getBoundingClientRect();
				return box.top >= 0 && box.bottom <= window.innerHeight;
			})
		)
		.toBe(true);

	// No network: reloaded from the phone, the map still has every door, in its state.
	await expect.poll(() => page.getByTestId('outbox-count').count(), WAIT).toBe(0);
	await context.setOffline(true);
	await page.reload();
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	await showMap(page);
	await expect.poll(() => mapStates(page), WAIT).toEqual({ ...expected(), 1: 'not_home' });
	await page.screenshot({ path: '/tmp/walk-map-e2e-offline.png' });
	await context.setOffline(false);
});

it('shows map and list together on a desktop; a door tapped on the map is opened in the list', async () => {
	const desktop = await newPage(browser, { width: 1280, height: 800 });
	try {
		const { page, context } = desktop;
		await context.grantPermissions(['geolocation']);
		await context.setGeolocation({ longitude: address.lon, latitude: LAT - 0.0001, accuracy: 8 });
		await openMap(page, worker);
		await page.getByTestId('nav-walk').click();
		await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
		await page.locator('[data-testid="walk-map"][data-ready="true"]').waitFor(WAIT);
		expect(await page.getByTestId('walk-view').count()).toBe(0);
		expect(await page.getByTestId('walk-streets').isVisible()).toBe(true);
		await waitForMapIdle(page);
		await page.evaluate(
			([lon, lat]) => {
				window.__krachtkaartMap!.getContainer().scrollIntoView({ block: 'center' });
				window.__krachtkaartMap!.jumpTo({ center: [lon, lat], zoom: 17.5 });
			},
			[address.lon, LAT]
		);
		await waitForMapIdle(page);

		// Door 3 (nobody home before): its form opens, its street opens in the list behind it, and
		// the map stays where she looked.
		await tapDoor(page, DOORS[1].lon);
		const dialog = page.getByTestId('conversation-dialog');
		await dialog.waitFor(WAIT);
		expect(await dialog.textContent()).toContain(`${STREET} 3`);
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'detached' });
		const door = page.locator(`[data-testid="walk-door"][data-id="${ids['3']}"]`);
		await expect
			.poll(() =>
				door.evaluate((el) => {
					const box = el.getBoundingClientRect();
					return box.top >= 0 && box.bottom <= window.innerHeight;
				})
			)
			.toBe(true);
		const center = await page.evaluate(() => window.__krachtkaartMap!.getCenter().toArray());
		expect(center[0]).toBeCloseTo(address.lon, 6);
		expect(center[1]).toBeCloseTo(LAT, 6);

		// Once she shares her position, the map shows where she is, and the legend says so.
		await page.getByTestId('walk-locate').click();
		await expect
			.poll(
				() =>
					page.evaluate(() =>
						window
							.__krachtkaartMap!.querySourceFeatures('walk-position')
							.map((f) => (f.geometry as GeoJSON.Point).coordinates.map((c) => c.toFixed(5)))
					),
				WAIT
			)
			.toContainEqual([address.lon.toFixed(5), (LAT - 0.0001).toFixed(5)]);
		await page.getByTestId('walk-map-legend').locator('[data-state="you"]').waitFor(WAIT);
		await page.screenshot({ path: '/tmp/walk-map-e2e-desktop.png' });
	} finally {
		await desktop.context.close();
	}
});
