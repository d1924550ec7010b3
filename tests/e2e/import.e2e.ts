// The import page in Chromium (built app, real PocketBase): an admin reaches it, chooses a Dutch
// CSV of real BAG addresses (RD x/y, decimal commas), sees its columns mapped and its first rows,
// runs a dry run, imports with a progress bar and gets the counts; a file with bad rows lists
// them by line and cannot be imported; a team's Excel workbook of assets is read in the browser.
import { join } from 'node:path';
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import type { E2eUser } from '../support/app-global';
import { appSuperuser } from '../support/app-data';
import { launchBrowser, newPage, signInBackTo, type TestPage } from '../support/browser';

const appUrl = inject('appUrl');
const TAG = newRecordId().slice(0, 6);
const FIXTURES = join(import.meta.dirname, '../fixtures/import');
const admin: E2eUser = {
	email: `admin-import-${TAG}@e2e.krachtkaart.nl`,
	password: 'Zandvoort-golf-5127-Meeuw',
	name: 'Iris Import'
};

let browser: Browser;
let su: PocketBase;
let adminId = '';
let areaId = '';
const opened: TestPage[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	adminId = (
		await su.collection('users').create({
			...admin,
			passwordConfirm: admin.password,
			role: 'admin',
			areas: []
		})
	).id;
	// Westerdok (Amsterdam), where the addresses lie: far from the demo's Overvecht.
	areaId = (
		await su.collection('areas').create({
			code: `BU-IMPORT-${TAG}`,
			name: 'Westerdok',
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
	for (const { context } of opened) await context.close().catch(() => {});
	await browser?.close();
	// Leave the shared server as it was for the tests after this one.
	if (areaId) {
		const addresses = await su
			.collection('addresses')
			.getFullList({ filter: `area = "${areaId}"` });
		for (const a of addresses) await su.collection('addresses').delete(a.id);
		await su.collection('areas').delete(areaId);
	}
	if (adminId)
		await su
			.collection('users')
			.delete(adminId)
			.catch(() => {});
});

async function open(): Promise<Page> {
	const testPage = await newPage(browser);
	opened.push(testPage);
	return testPage.page;
}

it('an admin imports a Dutch CSV of BAG addresses, after a dry run', async () => {
	const page = await open();
	await page.goto(`${appUrl}/beheer/import`);
	await signInBackTo(page, admin, '/beheer/import');
	await page.getByTestId('import-file').setInputFiles(join(FIXTURES, 'bag-westerdok-rd.csv'));
	await expect
		.poll(() => page.getByTestId('import-summary').textContent(), { timeout: 30_000 })
		.toMatch(/300 rijen: 300 goed, 0 met fouten.*RD New/);
	expect(await page.getByTestId('import-map-x').inputValue()).toBe('7');
	expect(await page.getByTestId('import-preview').locator('tbody tr').count()).toBe(5);

	await page.getByTestId('import-dry-run').click();
	await expect
		.poll(() => page.getByTestId('import-result').textContent(), { timeout: 30_000 })
		.toMatch(/Proefrun, niets geschreven: 300 nieuw/);
	expect(
		(await su.collection('addresses').getList(1, 1, { filter: `area = "${areaId}"` })).totalItems
	).toBe(0);

	await page.getByTestId('import-run').click();
	await expect
		.poll(() => page.getByTestId('import-result').textContent(), { timeout: 60_000 })
		.toMatch(/Klaar: 300 nieuw, 0 bijgewerkt, 0 ongewijzigd/);
	expect(
		(await su.collection('addresses').getList(1, 1, { filter: `area = "${areaId}"` })).totalItems
	).toBe(300);

	// Bad rows: each by line and reason, and no import button.
	await page.getByTestId('import-file').setInputFiles(join(FIXTURES, 'bad-rows.csv'));
	await expect
		.poll(() => page.getByTestId('import-row-errors').textContent(), { timeout: 30_000 })
		.toMatch(/regel 3: .*huisnummer.*regel 5: .*verwisseld.*regel 6: .*postcode/s);
	expect(await page.getByTestId('import-run').count()).toBe(0);

	// A team's Excel workbook of assets, read in the browser (exceljs in the worker).
	await page.getByTestId('import-kind').selectOption('assets');
	await page.getByTestId('import-file').setInputFiles(join(FIXTURES, 'krachten-westerdok.xlsx'));
	await expect
		.poll(() => page.getByTestId('import-summary').textContent(), { timeout: 30_000 })
		.toMatch(/3 rijen: 3 goed, 0 met fouten/);
	await page.getByTestId('import-dry-run').click();
	await expect
		.poll(() => page.getByTestId('import-result').textContent(), { timeout: 30_000 })
		.toMatch(/Proefrun, niets geschreven: 3 nieuw/);
});
