// Guards the gap view's "Dun netwerk" layer on a phone (390×844; built app, real PocketBase,
// headless Chromium), on a wijk of its own with two thin buurten: one of 6 assets where Kees holds
// three of them together and a pair stands apart (4 links), one of 3 assets in a chain through
// Els. A coordinator turns the layer on (kept in the URL), both buurten are drawn, and a click
// says why, naming the connector, with a link to the network page filtered on the buurt. A viewer
// sees the buurt of 6 as thin without any name, and not the buurt of 3 (fewer than 5 assets).
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { appSuperuser } from '../support/app-data';
import type { E2eUser } from '../support/app-global';
import { axeProblems } from '../support/axe';
import {
	launchBrowser,
	newPage,
	renderedFeatures,
	signInBackTo,
	waitForMapIdle,
	type TestPage
} from '../support/browser';

const appUrl = inject('appUrl');
const WAIT = { timeout: 30_000 };
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'Dun-netwerk-zoeker-17';
const tag = Date.now().toString(36);
const KEES = `Kees Verbinder ${tag}`;
const ELS = `Els Schakel ${tag}`;
const BIG_CODE = `BU-THIN-${tag}`;

let browser: Browser;
let su: PocketBase;
const opened: TestPage[] = [];
const created: { collection: string; id: string }[] = [];
let coordinator: E2eUser;
let viewer: E2eUser;
/** The buurt of 6 assets and the one of 3. */
let bigId = '';
let smallId = '';

async function create(collection: string, body: Record<string, unknown>) {
	const record = await su.collection(collection).create(body);
	created.push({ collection, id: record.id });
	return record;
}

const square = (lon: number, lat: number, w: number, h: number) => ({
	type: 'Polygon',
	coordinates: [
		[
			[lon, lat],
			[lon + w, lat],
			[lon + w, lat + h],
			[lon, lat + h],
			[lon, lat]
		]
	]
});

/** Where to click in the buurt of 6: well away from its assets (the points go first). */
const BIG_EMPTY_CORNER = { lon: 5.3485, lat: 52.3412 };

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();

	const wijk = await create('areas', {
		code: `WK-THIN-${tag}`,
		name: `Netwerkwijk ${tag}`,
		level: 'wijk',
		geometry: square(5.34, 52.34, 0.02, 0.008)
	});
	const big = await create('areas', {
		code: BIG_CODE,
		name: `Dunne buurt ${tag}`,
		level: 'buurt',
		parent: wijk.id,
		geometry: square(5.34, 52.34, 0.01, 0.008)
	});
	const small = await create('areas', {
		code: `BU-THIN-S-${tag}`,
		name: `Kleine buurt ${tag}`,
		level: 'buurt',
		parent: wijk.id,
		geometry: square(5.35, 52.34, 0.01, 0.008)
	});
	bigId = big.id;
	smallId = small.id;

	const user = async (role: string) => {
		const email = `${role}-thin-${tag}@example.org`;
		await create('users', {
			email,
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			name: `Proef ${role}`,
			role,
			areas: [wijk.id]
		});
		return { email, password: PASSWORD, name: `Proef ${role}` };
	};
	coordinator = await user('coordinator');
	viewer = await user('viewer');

	const asset = async (title: string, area: string, lon: number, lat: number) =>
		(
			await create('assets', {
				kind: 'capacity',
				title,
				themes: ['eenzaamheid'],
				domain: ['sociaal'],
				location: { lon, lat },
				precision: 'exact',
				area,
				status: 'active'
			})
		).id;
	const link = (from: string, to: string) => create('links', { from, to, kind: 'knows', note: '' });

	// The buurt of 6, in its upper left part: Kees and three he knows, and a pair apart.
	const kees = await asset(KEES, bigId, 5.3425, 52.346);
	for (const [i, name] of ['Ans', 'Bram', 'Chantal'].entries()) {
		await link(kees, await asset(`${name} ${tag}`, bigId, 5.3415 + i * 0.001, 52.3468));
	}
	const pair = [
		await asset(`Duo een ${tag}`, bigId, 5.3412, 52.3452),
		await asset(`Duo twee ${tag}`, bigId, 5.3418, 52.3452)
	];
	await link(pair[0], pair[1]);
	// The buurt of 3: a chain through Els.
	const els = await asset(ELS, smallId, 5.355, 52.344);
	await link(await asset(`Eerste ${tag}`, smallId, 5.354, 52.344), els);
	await link(els, await asset(`Laatste ${tag}`, smallId, 5.356, 52.344));
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

async function signIn(user: E2eUser): Promise<Page> {
	const test = await newPage(browser, PHONE);
	opened.push(test);
	const { page } = test;
	page.on('pageerror', (error) => console.error('[page]', error.message));
	await page.goto(`${appUrl}/witte-vlekken`);
	await signInBackTo(page, user, '/witte-vlekken');
	await page.locator('[data-testid="gaps-page"][data-status="ready"]').waitFor(WAIT);
	await waitForMapIdle(page);
	return page;
}

/** Turns the layer on and waits until the map draws it; its features, by buurt id. */
async function showThin(page: Page) {
	await page.getByTestId('gaps-layer-thin').check();
	await expect
		.poll(() => new URL(page.url()).searchParams.get('layers'), WAIT)
		.toBe('coverage,cells,streets,assets,thin');
	await waitForMapIdle(page);
	await expect
		.poll(async () => (await renderedFeatures(page, ['gaps-thin-line'])).length, WAIT)
		.toBeGreaterThan(0);
	const features = await renderedFeatures(page, ['gaps-thin-fill']);
	return new Map(features.map((f) => [f.id, f.properties]));
}

/**
 * Points at a place on the map and clicks there: the tooltip (read while pointing, before the
 * card opens over the bottom of a phone's map) and the card.
 */
async function pointAndClick(page: Page, point: { lon: number; lat: number }): Promise<string> {
	// On a phone the map comes below the controls: bring it into view first.
	await page.getByTestId('gaps-map').scrollIntoViewIfNeeded();
	const at = await page.evaluate((p) => {
		const map = window.__krachtkaartMap!;
		const pixel = map.project([p.lon, p.lat]);
		const box = map.getCanvas().getBoundingClientRect();
		return { x: box.left + pixel.x, y: box.top + pixel.y };
	}, point);
	await page.mouse.move(at.x, at.y);
	const tooltip = page.getByTestId('gap-tooltip');
	await tooltip.waitFor(WAIT);
	const text = (await tooltip.textContent()) ?? '';
	await page.mouse.click(at.x, at.y);
	return text;
}

it('shows a coordinator the thin buurten, and why, with the connector by name', async () => {
	const page = await signIn(coordinator);
	const thin = await showThin(page);
	expect(thin.get(bigId)).toMatchObject({ holds: true, fewLinks: true, connector: KEES });
	expect(thin.get(smallId)).toMatchObject({ holds: true, fewLinks: true, connector: ELS });
	// The legend says what the dashes mean.
	expect(await page.getByTestId('gap-legend').locator('[data-group="thin"]').count()).toBe(1);

	const tooltip = await pointAndClick(page, BIG_EMPTY_CORNER);
	expect(tooltip).toContain(`Dun netwerk: Dunne buurt ${tag}`);
	expect(tooltip).toContain(KEES);
	const card = page.getByTestId('gap-thin-details');
	await card.waitFor(WAIT);
	expect(await card.getAttribute('data-id')).toBe(bigId);
	expect(await page.getByTestId('gap-thin-reason').allTextContents()).toEqual([
		'6 krachten, 4 verbindingen: minder dan één verbinding per kracht.',
		`Eén verbinder houdt het bij elkaar: ${KEES} (valt anders uiteen in 3 delen).`
	]);
	expect(await axeProblems(page, 'witte vlekken, dun netwerk (coordinator, phone)')).toEqual([]);

	// The layer stays on after a reload (the URL holds it).
	await page.reload();
	await page.locator('[data-testid="gaps-page"][data-status="ready"]').waitFor(WAIT);
	expect(await page.getByTestId('gaps-layer-thin').isChecked()).toBe(true);
	await waitForMapIdle(page);
	await pointAndClick(page, BIG_EMPTY_CORNER);
	await card.waitFor(WAIT);

	// To the network of that buurt: the map's URL key for the area.
	await page.getByTestId('gap-thin-network-link').click();
	await page.waitForURL(
		(url) => url.pathname === '/netwerk' && url.searchParams.get('area') === BIG_CODE,
		WAIT
	);
});

it('shows a viewer which buurten are thin, without names, and not the buurt of 3', async () => {
	const page = await signIn(viewer);
	const thin = await showThin(page);
	expect(thin.get(bigId)).toMatchObject({ holds: true, fewLinks: true, connector: '' });
	expect(thin.has(smallId)).toBe(false);
	expect(JSON.stringify([...thin.values()])).not.toContain('Kees');

	const tooltip = await pointAndClick(page, BIG_EMPTY_CORNER);
	const card = page.getByTestId('gap-thin-details');
	await card.waitFor(WAIT);
	expect(await page.getByTestId('gap-thin-reason').allTextContents()).toEqual([
		// 4 links could point at someone: not given.
		'6 krachten, minder dan 5 verbindingen: minder dan één verbinding per kracht.',
		'Eén verbinder houdt het bij elkaar.'
	]);
	const text = `${await card.textContent()} ${tooltip}`;
	expect(tooltip).toContain('Zonder namen');
	expect(await card.textContent()).toContain('Zonder namen');
	for (const name of [KEES, ELS, 'Kees']) expect(text).not.toContain(name);
	expect(await axeProblems(page, 'witte vlekken, dun netwerk (viewer, phone)')).toEqual([]);
});
