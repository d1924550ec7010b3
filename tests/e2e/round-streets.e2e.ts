// Guards a round's streets in Chromium on a phone (built app, real PocketBase with the Overvecht
// fixture): a coordinator picks the never visited streets of a buurt in the round form (and one
// on the map, and takes it away again) and saves,
// and the round shows them; from the gap view's streets table she plans a round with its never
// visited streets; the gap view filtered to the round shows only the round's doors, and a viewer
// gets no round filter.
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { appSuperuser, asWorker } from '../support/app-data';
import {
	launchBrowser,
	mapKeyDots,
	newPage,
	signInBackTo,
	waitForMapIdle,
	type TestPage
} from '../support/browser';
import {
	createStreetsInARow,
	fillRound,
	removeRoundData,
	roundsNamed
} from '../support/round-data';

const appUrl = inject('appUrl');
const coordinator = inject('coordinator');
const { address } = inject('overvecht');
const TAG = newRecordId().slice(0, 6);
const NAME = `Straten e2e ${TAG}`;
const FROM_GAPS = `Witte vlekken e2e ${TAG}`;
// Two streets of this test in the fixture address's buurt: one nobody visited, one visited today.
const NEVER = `Nooitlaan ${TAG}`;
const VISITED = `Bezochtstraat ${TAG}`;
const WAIT = { timeout: 30_000 };

let browser: Browser;
let su: PocketBase;
let buurtCode = '';
let roundId = '';
let doors: Record<string, string[]> = {};
const opened: TestPage[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	buurtCode = (await su.collection('areas').getOne(address.buurtId)).code;
	doors = await createStreetsInARow(su, [NEVER, VISITED], address.lat);
	const { record, pb } = await asWorker(su);
	await pb.collection('conversations').create({
		area: address.buurtId,
		address: doors[VISITED][0],
		worker: record.id,
		heldAt: new Date().toISOString().replace('T', ' '),
		outcome: 'not_home',
		location: { lon: address.lon + 0.00006, lat: address.lat },
		locationSource: 'address'
	});
});

afterAll(async () => {
	await removeRoundData(su, {
		doors: Object.values(doors).flat(),
		rounds: await roundsNamed(su, NAME, FROM_GAPS)
	});
	for (const { context } of opened) await context.close();
	await browser?.close();
});

let signedInPage: Page | null = null;

/** Her phone, signed in once (sign-ins are rate limited), at a path and query of the app. */
async function signedIn(path: string, query = ''): Promise<Page> {
	if (!signedInPage) {
		const testPage = await newPage(browser, { width: 390, height: 844 });
		opened.push(testPage);
		signedInPage = testPage.page;
		await signedInPage.goto(`${appUrl}${path}${query}`);
		await signInBackTo(signedInPage, coordinator, path);
	}
	await signedInPage.goto(`${appUrl}${path}${query}`);
	return signedInPage;
}

/** The id of the round just saved: the page opens it as itself (else what the page says). */
async function savedRound(page: Page): Promise<string> {
	try {
		await page.waitForURL((url) => /\/rondes\/[a-z0-9]{15}$/.test(url.pathname), WAIT);
	} catch (error) {
		await page.screenshot({ path: '/tmp/round-streets-e2e-unsaved.png', fullPage: true });
		const said = await page.locator('.kk-notice, [role="alert"]').allTextContents();
		throw new Error(`not saved: ${said.join(' | ')}`, { cause: error });
	}
	return new URL(page.url()).pathname.split('/').pop() ?? '';
}

const streetBox = (page: Page, street: string) =>
	page.locator(`[data-testid="round-street"][data-street="${street}"]`);

const storedStreets = async (name: string): Promise<string[]> =>
	(await su.collection('rounds').getFirstListItem(su.filter('name = {:name}', { name }))).streets ??
	[];

it('picks the never visited streets in the form, saves them, and shows them again', async () => {
	const page = await signedIn('/rondes/nieuw');
	const form = page.getByTestId('round-form');
	await form.waitFor(WAIT);
	await fillRound(form, NAME);
	await form.locator(`[data-testid="round-area"][data-id="${address.buurtId}"]`).check();
	await streetBox(page, NEVER).waitFor(WAIT);
	expect(await streetBox(page, NEVER).isChecked()).toBe(false);

	await form.getByTestId('round-streets-never').click();
	expect(await streetBox(page, NEVER).isChecked()).toBe(true);
	expect(await streetBox(page, VISITED).isChecked()).toBe(false);
	// The filter narrows the list.
	await form.getByTestId('round-streets-filter').fill(`nooitlaan ${TAG}`);
	expect(await form.getByTestId('round-street').count()).toBe(1);
	await form.getByTestId('round-streets-filter').fill('');

	// On the map, tapping a door of the visited street chooses it; tapping again takes it away.
	await form.getByTestId('round-streets-map-toggle').click();
	await waitForMapIdle(page);
	// The key under the map shows the map's dots in the map's colours.
	const paint = await page.evaluate(() =>
		['circle-color', 'circle-stroke-color'].map((property) =>
			window.__krachtkaartMap!.getPaintProperty('round-street-doors', property)
		)
	);
	expect(paint).toEqual([
		['case', ['get', 'chosen'], '#1f4e6b', '#ffffff'],
		['case', ['get', 'never'], '#e6007e', '#1f4e6b']
	]);
	expect(await mapKeyDots(page, 'round-streets-map-key')).toEqual({
		chosen: { fill: '#1f4e6b', ring: '#1f4e6b' },
		other: { fill: '#ffffff', ring: '#1f4e6b' },
		never: { fill: '#ffffff', ring: '#e6007e' }
	});
	expect(await page.getByTestId('round-streets-map-key').textContent()).toContain('Nooit bezocht');
	const tapVisitedDoor = async () => {
		await page.getByTestId('round-streets-map').scrollIntoViewIfNeeded();
		await page.evaluate((center) => window.__krachtkaartMap!.jumpTo({ center, zoom: 20 }), [
			address.lon + 4 * 0.00002,
			address.lat
		] as [number, number]);
		await waitForMapIdle(page);
		const at = await page.evaluate(
			(door) => {
				const map = window.__krachtkaartMap!;
				const point = map.project(door);
				const box = map.getCanvas().getBoundingClientRect();
				return { x: box.left + point.x, y: box.top + point.y };
			},
			[address.lon + 4 * 0.00002, address.lat] as [number, number]
		);
		await page.mouse.click(at.x, at.y);
	};
	await tapVisitedDoor();
	await expect.poll(() => streetBox(page, VISITED).isChecked(), WAIT).toBe(true);
	await page.screenshot({ path: '/tmp/round-streets-e2e-map.png' });
	await tapVisitedDoor();
	await expect.poll(() => streetBox(page, VISITED).isChecked(), WAIT).toBe(false);
	expect(await streetBox(page, NEVER).isChecked()).toBe(true);
	await page.screenshot({ path: '/tmp/round-streets-e2e-form.png', fullPage: true });
	await form.getByTestId('round-save').click();
	roundId = await savedRound(page);
	const streets = await storedStreets(NAME);
	expect(streets).toContain(NEVER);
	expect(streets).not.toContain(VISITED);

	// Opened afresh, the round shows its streets chosen.
	await page.reload();
	await streetBox(page, NEVER).waitFor(WAIT);
	expect(await streetBox(page, NEVER).isChecked()).toBe(true);
	expect(await streetBox(page, VISITED).isChecked()).toBe(false);
	expect(await page.getByTestId('round-streets-summary').textContent()).toContain(
		`${streets.length} van`
	);
});

it('plans a round from the gap view’s never visited streets', async () => {
	const page = await signedIn('/witte-vlekken', `?area=${buurtCode}&tab=streets`);
	await page.locator('[data-testid="gaps-page"][data-status="ready"]').waitFor(WAIT);
	const plan = page.getByTestId('gap-plan-round');
	await plan.waitFor(WAIT);
	await plan.click();

	await page.waitForURL((url) => url.pathname.endsWith('/rondes/nieuw'), WAIT);
	const url = new URL(page.url());
	expect(url.searchParams.getAll('straat')).toContain(`${address.buurtId}:${NEVER}`);
	expect(url.searchParams.getAll('straat')).not.toContain(`${address.buurtId}:${VISITED}`);
	await page.getByTestId('round-streets-from-gaps').waitFor(WAIT);
	const form = page.getByTestId('round-form');
	expect(
		await form.locator(`[data-testid="round-area"][data-id="${address.buurtId}"]`).isChecked()
	).toBe(true);
	expect(await streetBox(page, NEVER).isChecked()).toBe(true);
	expect(await streetBox(page, VISITED).isChecked()).toBe(false);
	await fillRound(form, FROM_GAPS);
	await form.getByTestId('round-save').click();
	await savedRound(page);
	expect(await storedStreets(FROM_GAPS)).toContain(NEVER);
});

it('filters the gap view to a round: only its doors', async () => {
	expect(roundId).not.toBe('');
	const page = await signedIn('/witte-vlekken', `?ronde=${roundId}&tab=streets`);
	await page.locator('[data-testid="gaps-page"][data-status="ready"]').waitFor(WAIT);
	await page
		.getByTestId('gaps-round-note')
		.filter({ hasText: 'deuren van de ronde' })
		.waitFor(WAIT);
	expect(await page.getByTestId('gaps-round').inputValue()).toBe(roundId);
	await page.getByTestId('gap-street').first().waitFor(WAIT);
	const shown = await page
		.getByTestId('gap-street')
		.evaluateAll((rows) => rows.map((r) => (r.getAttribute('data-key') ?? '').split('|')[1]));
	const streets = await storedStreets(NAME);
	expect(shown).toContain(NEVER);
	expect(shown).not.toContain(VISITED);
	expect(shown.every((street) => streets.includes(street))).toBe(true);
	await page.screenshot({ path: '/tmp/round-streets-e2e-gaps.png', fullPage: true });

	// No round: the buurt's other streets are back.
	await page.getByTestId('gaps-round').selectOption('');
	await page.locator('[data-testid="gaps-page"][data-status="ready"]').waitFor(WAIT);
	await expect
		.poll(() => page.locator(`[data-testid="gap-street"][data-key$="|${VISITED}"]`).count(), WAIT)
		.toBeGreaterThan(0);
});

it('offers a viewer no round filter: she reads no rounds', async () => {
	const testPage = await newPage(browser, { width: 390, height: 844 });
	opened.push(testPage);
	const { page } = testPage;
	await page.goto(`${appUrl}/witte-vlekken?ronde=${roundId}`);
	await signInBackTo(page, inject('viewer'), '/witte-vlekken');
	await page.locator('[data-testid="gaps-page"][data-status="ready"]').waitFor(WAIT);
	expect(await page.getByTestId('gaps-round').count()).toBe(0);
	// Her own view, in whole quarters, as without a round.
	await page.getByTestId('gaps-period-note').waitFor(WAIT);
	expect(await page.getByTestId('gap-plan-round').count()).toBe(0);
});
