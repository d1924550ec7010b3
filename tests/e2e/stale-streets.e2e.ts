// Guards the walk queue of stale assets (built app, real PocketBase, headless Chromium): an asset
// not confirmed for over a year shows under its street (set by the server from the nearest
// address) in "Na te lopen per straat", and leaves the queue once confirmed as still current.
import type PocketBase from 'pocketbase';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { appSuperuser } from '../support/app-data';
import { launchBrowser, newPage, openMap, type TestPage } from '../support/browser';

const coordinator = inject('coordinator');
const overvecht = inject('overvecht');

let browser: Browser;
let su: PocketBase;
let opened: TestPage | undefined;
const created: string[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
});

afterAll(async () => {
	await opened?.context.close().catch(() => {});
	await browser?.close();
	for (const id of created)
		await su
			.collection('assets')
			.delete(id)
			.catch(() => {});
});

it('queues a stale asset under its street until someone confirms it', async () => {
	const { address } = overvecht;
	const stale = await su.collection('assets').create({
		kind: 'capacity',
		title: 'Repareert fietsen (lang niet gezien)',
		location: { lon: address.lon + 0.0001, lat: address.lat },
		precision: 'street',
		area: address.buurtId,
		status: 'active',
		confirmedAt: '2023-01-15 10:00:00.000Z'
	});
	created.push(stale.id);
	expect(stale.street).toBe(address.street);

	opened = await newPage(browser);
	const { page } = opened;
	await openMap(page, coordinator);

	await page.getByTestId('stale-streets-toggle').click();
	const street = page.locator(`[data-testid="stale-street"][data-street="${address.street}"]`);
	const item = street.locator(`[data-testid="asset-list-item"][data-id="${stale.id}"]`);
	await item.waitFor();
	await item.click();

	await expect
		.poll(() => page.getByTestId('asset-detail-street').textContent())
		.toBe(address.street);
	await page.getByTestId('asset-detail-stale').waitFor();
	await page.getByTestId('asset-detail-stale').getByRole('button').click();
	await page.getByTestId('asset-detail-stale').waitFor({ state: 'detached' });
	await page.getByTestId('asset-detail-close').click();

	await page.getByTestId('in-view-count').waitFor();
	expect(await page.locator(`[data-testid="stale-street"] [data-id="${stale.id}"]`).count()).toBe(
		0
	);
	const confirmed = await su.collection('assets').getOne(stale.id);
	expect(Date.now() - Date.parse(confirmed.confirmedAt.replace(' ', 'T'))).toBeLessThan(120_000);
});
