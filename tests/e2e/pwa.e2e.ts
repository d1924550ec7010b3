// Guards the installed app (built app, real PocketBase, headless Chromium, a 390×844 phone): the
// manifest is linked and complete (Chromium finds nothing in the way of installing it), its icons
// are there at their sizes, and its start_url takes a worker straight to "Op pad". The app shell
// and her last walk open without a connection, and a new version, deployed while a talk waits on
// the phone, takes over only when she taps "Vernieuwen": the talk is still waiting afterwards,
// and is sent once the connection is back.
//
// A new version is deployed the simplest honest way: the served build/service-worker.js gets a
// new version string (the one that names its cache), as a rebuild would give it. The browser's
// update check sees other bytes and installs it beside the running one; the file is put back
// after the test.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { appSuperuser } from '../support/app-data';
import { launchBrowser, newPage, submitLogin, type TestPage } from '../support/browser';
import { ROOT } from '../support/pocketbase';
import { createDoor, removeRoundData } from '../support/round-data';

const appUrl = inject('appUrl');
const worker = inject('worker');
const viewer = inject('viewer');
/** A street of this test's own in the fixture's buurt. */
const STREET = `Installaan ${newRecordId().slice(0, 6)}`;
const WAIT = { timeout: 30_000 };
const SW_FILE = join(ROOT, 'build', 'service-worker.js');
const BUILT_VERSION = (
	JSON.parse(readFileSync(join(ROOT, 'build', '_app', 'version.json'), 'utf8')) as {
		version: string;
	}
).version;
const NEW_VERSION = `${BUILT_VERSION}-next`;

let browser: Browser;
let su: PocketBase;
let opened: TestPage | undefined;
let builtWorker: string | undefined;
let doorId = '';

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	// A door of this test's own: no other test's talks there, and none of theirs removed after.
	doorId = await createDoor(su, STREET, '12');
});

afterAll(async () => {
	if (builtWorker !== undefined) writeFileSync(SW_FILE, builtWorker);
	await opened?.context.close().catch(() => {});
	await browser?.close();
	await removeRoundData(su, { doors: doorId ? [doorId] : [] });
});

function talksAtDoor() {
	return su.collection('conversations').getFullList({
		filter: su.filter('address = {:id}', { id: doorId })
	});
}

async function waiting(page: Page): Promise<number> {
	const badge = page.getByTestId('outbox-count');
	return (await badge.count()) === 0 ? 0 : Number(await badge.getAttribute('data-count'));
}

/** Width and height from a PNG's header (its IHDR chunk). */
function pngSize(bytes: Buffer): string {
	expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
	return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

const shellCaches = (page: Page) =>
	page.evaluate(async () =>
		(await caches.keys()).filter((key) => key.startsWith('krachtkaart-shell-')).sort()
	);

it('is installable, opens a worker on Op pad, works offline and updates without losing the outbox', async () => {
	opened = await newPage(browser, { width: 390, height: 844 }, { serviceWorker: true });
	const { page, context } = opened;

	// Opened from its icon: the login page first, then straight to Op pad.
	await page.goto(`${appUrl}/?bron=app`);
	await submitLogin(page, worker);
	await page.waitForURL((at) => at.pathname === '/oppad' && at.search === '', WAIT);
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, WAIT);

	// The manifest: linked, read by Chromium without errors, and nothing stops installing.
	const cdp = await context.newCDPSession(page);
	const manifest = (await cdp.send('Page.getAppManifest')) as {
		url: string;
		errors: { message: string }[];
		data?: string;
	};
	expect(manifest.url).toBe(`${appUrl}/manifest.webmanifest`);
	expect(manifest.errors).toEqual([]);
	const data = JSON.parse(manifest.data ?? '{}');
	expect(data).toMatchObject({
		name: 'Krachtkaart',
		short_name: 'Krachtkaart',
		lang: 'nl',
		display: 'standalone',
		start_url: '/?bron=app',
		theme_color: '#1f4e6b',
		background_color: '#f3f5f4'
	});
	const installability = (await cdp.send('Page.getInstallabilityErrors')) as {
		installabilityErrors: { errorId: string }[];
	};
	// A Playwright context is an incognito profile, which alone is never offered an install.
	expect(
		installability.installabilityErrors.filter((error) => error.errorId !== 'in-incognito')
	).toEqual([]);
	// Its icons are there, PNGs of the sizes it names, one of them maskable.
	const icons = data.icons as { src: string; sizes: string; type: string; purpose?: string }[];
	expect(icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`).sort()).toEqual([
		'192x192 any',
		'512x512 any',
		'512x512 maskable'
	]);
	for (const icon of icons) {
		const response = await context.request.get(new URL(icon.src, appUrl).href);
		expect(response.status(), icon.src).toBe(200);
		expect(response.headers()['content-type']).toContain('image/png');
		expect(pngSize(await response.body())).toBe(icon.sizes);
	}

	// A new version is deployed; the next opening of the app finds it and says so, in the page's
	// flow under the header (covering nothing), and it waits for her.
	expect(await shellCaches(page)).toEqual([`krachtkaart-shell-${BUILT_VERSION}`]);
	builtWorker = readFileSync(SW_FILE, 'utf8');
	expect(builtWorker).toContain(BUILT_VERSION);
	writeFileSync(SW_FILE, builtWorker.replaceAll(BUILT_VERSION, NEW_VERSION));
	await page.reload();
	const notice = page.getByTestId('pwa-update');
	await notice.waitFor(WAIT);
	expect(await notice.textContent()).toContain('Nieuwe versie beschikbaar');
	expect(await notice.getByTestId('pwa-update-apply').textContent()).toContain('Vernieuwen');
	const header = await page.locator('header').first().boundingBox();
	const shown = await notice.boundingBox();
	const main = await page.locator('main').boundingBox();
	expect(shown!.y).toBeGreaterThanOrEqual(header!.y + header!.height - 1);
	expect(main!.y).toBeGreaterThanOrEqual(shown!.y + shown!.height - 1);
	expect(await shellCaches(page)).toEqual(
		[`krachtkaart-shell-${BUILT_VERSION}`, `krachtkaart-shell-${NEW_VERSION}`].sort()
	);

	// Offline, she notes "niet thuis" at a door: it waits on the phone.
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	const street = page.locator(`[data-testid="walk-street"][data-street="${STREET}"]`);
	const door = page.locator(`[data-testid="walk-door"][data-id="${doorId}"]`);
	await street.locator('summary').click();
	await door.waitFor(WAIT);
	await context.setOffline(true);
	await door.getByTestId('walk-not-home').click();
	await expect.poll(() => waiting(page), WAIT).toBe(1);

	// The app shell and her last walk open without a connection; the new version still waits.
	await page.reload();
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	await expect.poll(() => waiting(page), WAIT).toBe(1);
	await street.locator('summary').click();
	await expect
		.poll(() => door.getByTestId('walk-door-last').textContent(), WAIT)
		.toContain('Niet thuis');
	await notice.waitFor(WAIT);

	// "Vernieuwen", still offline: the new version takes over and the app reloads into it.
	const reloaded = page.waitForEvent('load', WAIT);
	await notice.getByTestId('pwa-update-apply').click();
	await reloaded;
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	expect(await shellCaches(page)).toEqual([`krachtkaart-shell-${NEW_VERSION}`]);
	expect(await notice.count()).toBe(0);
	// The talk is not lost in the update: still waiting on the phone, or also on the server
	// already (Chromium's offline emulation does not reach a service worker that took over during
	// the test, so its network may send it; the phone may not have heard the answer yet).
	const kept = async () => (await waiting(page)) > 0 || (await talksAtDoor()).length > 0;
	await expect.poll(kept, WAIT).toBe(true);
	expect((await talksAtDoor()).length).toBeLessThanOrEqual(1);

	// Back online: it is sent, once.
	await context.setOffline(false);
	await expect.poll(() => waiting(page), WAIT).toBe(0);
	await expect.poll(async () => (await talksAtDoor()).length, WAIT).toBe(1);
	expect((await talksAtDoor())[0].outcome).toBe('not_home');
});

it('opens anyone but a worker on the map', async () => {
	const { page, context } = await newPage(browser, { width: 390, height: 844 });
	try {
		await page.goto(`${appUrl}/?bron=app`);
		await submitLogin(page, viewer);
		await page.waitForURL((at) => at.pathname === '/' && at.search === '', WAIT);
		await page.locator('[data-testid="map-page"][data-status="ready"]').waitFor(WAIT);
		expect(new URL(page.url()).pathname).toBe('/');
	} finally {
		await context.close();
	}
});
