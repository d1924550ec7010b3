// Guards the first steps on a 390×844 phone (built app, real PocketBase, headless Chromium): every
// empty state says what to do next. A worker without areas is told on the map and on Op pad whom
// to ask, and "Opnieuw kijken" picks up the buurt she was given without signing out; in a buurt
// without addresses the gap view and Op pad say there is nothing to measure or walk yet, and whom
// to ask for the addresses.
import type PocketBase from 'pocketbase';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { appSuperuser } from '../support/app-data';
import { launchBrowser, newPage, signInBackTo, type TestPage } from '../support/browser';

const appUrl = inject('appUrl');
const WAIT = { timeout: 30_000 };
const PHONE = { width: 390, height: 844 };
const TAG = Date.now().toString(36);
const worker = {
	email: `zonder-gebied-${TAG}@example.org`,
	password: 'empty-states-pass-123',
	name: 'Zoë Zondergebied'
};

let browser: Browser;
let su: PocketBase;
let opened: TestPage | undefined;
let workerId = '';
let areaId = '';

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	workerId = (
		await su.collection('users').create({
			...worker,
			passwordConfirm: worker.password,
			role: 'worker',
			areas: [],
			verified: true
		})
	).id;
	// A buurt of its own without a single address (Westerdok, far from the fixture's Overvecht).
	areaId = (
		await su.collection('areas').create({
			code: `BU-LEEG-${TAG}`,
			name: 'Lege buurt',
			level: 'buurt',
			geometry: {
				type: 'Polygon',
				coordinates: [
					[
						[4.88, 52.38],
						[4.9, 52.38],
						[4.9, 52.4],
						[4.88, 52.4],
						[4.88, 52.38]
					]
				]
			}
		})
	).id;
});

afterAll(async () => {
	await opened?.context.close().catch(() => {});
	await browser?.close();
	await su
		?.collection('users')
		.delete(workerId)
		.catch(() => {});
	await su
		?.collection('areas')
		.delete(areaId)
		.catch(() => {});
});

/** The element is on the phone's screen, whole and readable (not cut off at the side). */
async function expectOnScreen(locator: Locator) {
	await locator.waitFor(WAIT);
	const box = await locator.boundingBox();
	expect(box).not.toBeNull();
	expect(box!.x).toBeGreaterThanOrEqual(0);
	expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width + 1);
}

async function status(page: Page, testid: string, value: string) {
	await page.locator(`[data-testid="${testid}"][data-status="${value}"]`).waitFor(WAIT);
}

it('tells a worker without areas, on the map and on Op pad, whom to ask, and picks up her buurt once given', async () => {
	opened = await newPage(browser, PHONE);
	const { page } = opened;
	await page.goto(`${appUrl}/`);
	await signInBackTo(page, worker, '/');

	// The map: no areas, whom to ask, and a way to look again.
	const onMap = page.getByTestId('empty-no-areas');
	await expectOnScreen(onMap);
	expect(await onMap.textContent()).toContain('Vraag je coördinator of de functioneel beheerder');
	expect(await onMap.getAttribute('data-role')).toBe('worker');

	// Op pad: the same, instead of an empty list.
	await page.goto(`${appUrl}/oppad`);
	const onWalk = page.getByTestId('walk-page').getByTestId('empty-no-areas');
	await expectOnScreen(onWalk);
	expect(await onWalk.textContent()).toContain('Vraag je coördinator');

	// Her coordinator gives her a buurt; "Opnieuw kijken" finds it, without signing out or
	// reloading: Op pad now shows her buurt (without addresses yet, see below).
	await su.collection('users').update(workerId, { areas: [areaId] });
	await onWalk.getByTestId('empty-next').click();
	await page.getByTestId('walk-empty').waitFor(WAIT);
	expect(await page.getByTestId('empty-no-areas').count()).toBe(0);
	await page.goto(`${appUrl}/`);
	await status(page, 'map-page', 'ready');
	expect(await page.getByTestId('empty-no-areas').count()).toBe(0);
});

it('says in a buurt without addresses that there is nothing to walk or measure yet, and whom to ask', async () => {
	const { page } = opened!;
	await page.goto(`${appUrl}/oppad`);
	const walkEmpty = page.getByTestId('walk-empty');
	await expectOnScreen(walkEmpty);
	expect(await walkEmpty.getAttribute('data-empty')).toBe('no-addresses');
	expect(await walkEmpty.textContent()).toContain('Vraag je coördinator om de adressen');

	await page.goto(`${appUrl}/witte-vlekken`);
	await status(page, 'gaps-page', 'ready');
	const gapsEmpty = page.getByTestId('gap-summary-empty');
	await expectOnScreen(gapsEmpty);
	expect(await gapsEmpty.getAttribute('data-empty')).toBe('no_addresses');
	expect(await gapsEmpty.textContent()).toContain('Nog geen adressen in dit gebied');
	// The summary's figures agree with each other even here.
	expect((await page.getByTestId('gap-summary-assets').textContent())?.trim()).toMatch(
		/^0\s+waarvan 0 nieuw in deze periode/
	);
});
