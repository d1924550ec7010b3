// Guards Journey 2 offline (built app, real PocketBase, headless Chromium): a worker goes "op
// pad", loses her connection, logs doors (one tap for "niet thuis", a talk with themes and
// consent, a refusal), reloads the page while offline and finds the app, her doors and everything
// she logged still there, then gets her connection back: each conversation is on the server
// exactly once, as she logged it, and the gift she noted is on her map once. "Op pad" and the
// header's count say what waits and when the server last stored something.
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { appSuperuser } from '../support/app-data';
import { launchBrowser, newPage, openMap, type TestPage } from '../support/browser';

const worker = inject('worker');
const { address } = inject('overvecht');
const WAIT = { timeout: 30_000 };

let browser: Browser;
let su: PocketBase;
let opened: TestPage | undefined;
const doors: Record<string, string> = {};
const made: string[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	// The fixture has numbers 12 and 14 on this street; two more doors for this walk.
	for (const number of ['16', '18']) {
		const record = await su.collection('addresses').create({
			street: address.street,
			number,
			location: { lon: address.lon, lat: address.lat },
			area: address.buurtId
		});
		made.push(record.id);
	}
	const all = await su.collection('addresses').getFullList({
		filter: su.filter('street = {:street}', { street: address.street })
	});
	for (const record of all) doors[record.number] = record.id;
});

afterAll(async () => {
	await opened?.context.close().catch(() => {});
	await browser?.close();
	const ids = Object.values(doors);
	const logged = await su.collection('conversations').getFullList({
		filter: ids.map((id) => su.filter('address = {:id}', { id })).join(' || ')
	});
	for (const record of logged) {
		const grown = await su.collection('assets').getFullList({
			filter: su.filter('sourceConversation = {:id}', { id: record.id })
		});
		for (const asset of grown) await su.collection('assets').delete(asset.id);
		await su.collection('conversations').delete(record.id);
	}
	for (const id of made)
		await su
			.collection('addresses')
			.delete(id)
			.catch(() => {});
});

const door = (page: Page, number: string) =>
	page.locator(`[data-testid="walk-door"][data-id="${doors[number]}"]`);

async function waiting(page: Page): Promise<number> {
	const badge = page.getByTestId('outbox-count');
	return (await badge.count()) === 0 ? 0 : Number(await badge.getAttribute('data-count'));
}

async function conversationsAtDoors() {
	const ids = Object.values(doors);
	return su.collection('conversations').getFullList({
		filter: ids.map((id) => su.filter('address = {:id}', { id })).join(' || '),
		sort: 'created'
	});
}

it('logs doors offline, keeps them through a reload, and sends each exactly once', async () => {
	opened = await newPage(browser, { width: 390, height: 844 }, { serviceWorker: true });
	const { page, context } = opened;
	await openMap(page, worker);
	// The service worker must control the page before the connection goes.
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, WAIT);
	await page.getByTestId('nav-walk').click();
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	await page
		.locator(`[data-testid="walk-street"][data-street="${address.street}"] summary`)
		.click();
	await door(page, '12').waitFor();

	await context.setOffline(true);
	await door(page, '12').getByTestId('walk-not-home').click();
	await expect
		.poll(() => door(page, '12').getByTestId('walk-door-last').textContent())
		.toContain('Niet thuis');
	await door(page, '14').getByTestId('walk-not-home').click();

	await door(page, '16').getByTestId('walk-open').click();
	const form = page.getByTestId('conversation-form');
	await form.waitFor();
	await form.getByTestId('conversation-theme-taal').check();
	await form.getByTestId('conversation-theme-eenzaamheid').check();
	await form.getByTestId('conversation-willing').check();
	await form.getByTestId('conversation-consent-anonymous').check();
	await form.getByTestId('conversation-gift-add').click();
	await form.getByTestId('conversation-gift-0-kind-heart').check();
	await form.getByTestId('conversation-gift-0-tag').fill('Taalmaatje');
	await form.getByTestId('conversation-notes').fill('Wil graag een taalmaatje zijn.');
	await form.getByTestId('conversation-save').click();
	await form.waitFor({ state: 'detached' });

	await door(page, '18').getByTestId('walk-open').click();
	await form.getByTestId('conversation-outcome-declined').check();
	await form.getByTestId('conversation-save').click();
	await form.waitFor({ state: 'detached' });

	// Talked and declined doors leave the list; all four wait on the phone; none on the server.
	await door(page, '16').waitFor({ state: 'detached' });
	await door(page, '18').waitFor({ state: 'detached' });
	await expect.poll(() => waiting(page)).toBe(4);
	expect(await conversationsAtDoors()).toHaveLength(0);
	// Op pad says what waits, and so does a tap on the header's count.
	const status = page.getByTestId('walk-page').getByTestId('outbox-status');
	expect(await status.getAttribute('data-waiting')).toBe('4');
	expect(await status.getByTestId('outbox-status-last').textContent()).toContain(
		'Nog niets verstuurd'
	);
	await page.getByTestId('outbox-open').click();
	const panel = page.getByTestId('outbox-open-panel');
	await panel.getByTestId('outbox-status').waitFor();
	expect(await panel.textContent()).toContain('4 gesprekken wachten op verbinding');
	await page.keyboard.press('Escape');
	await panel.waitFor({ state: 'hidden' });

	// Reload while still offline: the app opens from the phone, the doors and the queue with it.
	await page.reload();
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	await expect.poll(() => waiting(page), WAIT).toBe(4);
	await page
		.locator(`[data-testid="walk-street"][data-street="${address.street}"] summary`)
		.click();
	await expect
		.poll(() => door(page, '14').getByTestId('walk-door-last').textContent())
		.toContain('Niet thuis');
	expect(await door(page, '16').count()).toBe(0);
	expect(await conversationsAtDoors()).toHaveLength(0);

	// Back online: everything goes by itself, once.
	await context.setOffline(false);
	await expect.poll(() => waiting(page), WAIT).toBe(0);
	await expect.poll(async () => (await conversationsAtDoors()).length, WAIT).toBe(4);
	// Op pad: all sent, and when; still known after a reload.
	await status.getByTestId('outbox-status-all-sent').waitFor(WAIT);
	const lastSync = Number(await status.getAttribute('data-last-sync'));
	expect(Math.abs(Date.now() - lastSync)).toBeLessThan(60_000);
	expect(await status.getByTestId('outbox-status-last').textContent()).toMatch(
		/Laatst verstuurd: \d{2}:\d{2}/
	);
	await page.reload();
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	await expect.poll(() => status.getAttribute('data-last-sync'), WAIT).toBe(String(lastSync));
	const stored = await conversationsAtDoors();
	expect(stored.map((c) => [c.address, c.outcome]).sort()).toEqual(
		[
			[doors['12'], 'not_home'],
			[doors['14'], 'not_home'],
			[doors['16'], 'talked'],
			[doors['18'], 'declined']
		].sort()
	);
	const talk = stored.find((c) => c.address === doors['16'])!;
	expect(talk).toMatchObject({
		themes: ['taal', 'eenzaamheid'],
		willingToHelp: true,
		consent: ['anonymous'],
		notes: 'Wil graag een taalmaatje zijn.',
		area: address.buurtId
	});
	// Her gift grew the map once, anonymously, at street level, and her own map shows it.
	const grown = await su.collection('assets').getFullList({
		filter: su.filter('sourceConversation = {:id}', { id: talk.id })
	});
	expect(grown.map((a) => [a.kind, a.title, a.gifts, a.precision, a.person])).toEqual([
		['capacity', 'Taalmaatje', ['heart'], 'street', '']
	]);
	await page.getByRole('link', { name: 'Kaart', exact: true }).click();
	await page.locator('[data-testid="map-page"][data-status="ready"]').waitFor(WAIT);
	await page
		.locator(`[data-testid="asset-list-item"][data-id="${grown[0].id}"]`)
		.first()
		.waitFor({ state: 'attached', ...WAIT });

	const workerRecord = await su
		.collection('users')
		.getFirstListItem(su.filter('email = {:email}', { email: worker.email }));
	expect(new Set(stored.map((c) => c.worker))).toEqual(new Set([workerRecord.id]));
});
