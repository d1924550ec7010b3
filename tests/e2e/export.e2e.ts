// Exports in Chromium (built app, real PocketBase with the Overvecht fixture): a viewer exports
// the map's filtered assets as CSV for Dutch Excel and as GeoJSON (coarse points, no person ids);
// a coordinator reaches "Meer ▸ Exporteren" and downloads the addresses of her wijk and the
// conversation counts; an admin downloads everything as one zip that restores
// (src/lib/export/backup.js reads it back), sees the server's newest backup, and finds the
// server's status (disk, database, backup, refusals, retention) under "Meer".
import { readFile } from 'node:fs/promises';
import type PocketBase from 'pocketbase';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { zipToExport } from '../../src/lib/export/backup.js';
import { newRecordId } from '$lib/sync/outbox';
import type { E2eUser } from '../support/app-global';
import { appSuperuser, asWorker, overvechtDoor } from '../support/app-data';
import { launchBrowser, newPage, openMap, signInBackTo, type TestPage } from '../support/browser';

const appUrl = inject('appUrl');
const viewer = inject('viewer');
const coordinator = inject('coordinator');
const { address } = inject('overvecht');
const TAG = newRecordId().slice(0, 6);
const admin: E2eUser = {
	email: `admin-export-${TAG}@e2e.krachtkaart.nl`,
	password: 'Zwaluw-kade-9372-Gors',
	name: 'Anouk Export'
};

let browser: Browser;
let su: PocketBase;
let adminId = '';
let talkId = '';
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
	// A conversation in the wijk, so there is something to count; long ago, so no walk list or
	// gap period of the other tests sees it while it exists.
	const door = await overvechtDoor(su);
	const worker = await asWorker(su);
	talkId = (
		await su.collection('conversations').create({
			id: newRecordId(),
			area: door.area,
			address: door.id,
			worker: worker.record.id,
			heldAt: '2024-01-15 10:00:00.000Z',
			outcome: 'not_home'
		})
	).id;
});

afterAll(async () => {
	for (const { context } of opened) await context.close().catch(() => {});
	await browser?.close();
	if (talkId)
		await su
			.collection('conversations')
			.delete(talkId)
			.catch(() => {});
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

async function download(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
	const [file]: [Download, void] = await Promise.all([
		page.waitForEvent('download', { timeout: 30_000 }),
		page.getByTestId(testid).click()
	]);
	return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

const csvRows = (bytes: Buffer) => {
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte order mark
	return bytes.toString('utf8').slice(1).split('\r\n').slice(0, -1);
};

it('a viewer exports the filtered assets of the map, as CSV and GeoJSON', async () => {
	const page = await open();
	await openMap(page, viewer);
	await page.getByTestId('filter-kind-association').check();
	const csv = await download(page, 'export-assets-csv');
	expect(csv.name).toMatch(/^krachtkaart-krachten-\d{4}-\d{2}-\d{2}\.csv$/);
	const [header, ...rows] = csvRows(csv.bytes);
	expect(header.split(';').slice(0, 3)).toEqual(['Id', 'Soort', 'Naam']);
	expect(rows.length).toBeGreaterThan(0);
	for (const row of rows) expect(row.split(';')[1]).toBe('Vereniging of groep');

	const geojson = await download(page, 'export-assets-geojson');
	const collection = JSON.parse(geojson.bytes.toString('utf8'));
	expect(collection.features).toHaveLength(rows.length);
	for (const feature of collection.features) {
		expect(feature.properties.kind).toBe('association');
		expect(feature.properties).not.toHaveProperty('person');
		expect(feature.properties).not.toHaveProperty('createdBy');
	}
});

it('a coordinator exports the addresses of her wijk and the conversation counts', async () => {
	const page = await open();
	await openMap(page, coordinator);
	await page.getByTestId('nav-more').click();
	await page.getByTestId('nav-export').click();
	await page.waitForURL((at) => at.pathname === '/beheer/export');
	await page.getByTestId('export-area-count').waitFor();
	await page.waitForFunction(
		() =>
			!/^0\b/.test(document.querySelector('[data-testid="export-area-count"]')?.textContent ?? '0')
	);
	const addresses = await download(page, 'export-addresses-csv');
	const [header, ...rows] = csvRows(addresses.bytes);
	expect(header.startsWith('Nummeraanduiding-id;Straat;Huisnummer')).toBe(true);
	expect(rows.some((row) => row.split(';')[1] === address.street)).toBe(true);
	await page.getByTestId('export-done').waitFor();

	const counts = await download(page, 'export-counts-csv');
	const [countsHeader, ...countRows] = csvRows(counts.bytes);
	expect(countsHeader).toBe('Gebiedscode;Gebied;Uitkomst;Bewoners;Gesprekken');
	// One door not at home: fewer than 5 residents, so no number.
	expect(
		countRows.some((row) => row.endsWith(';Niet thuis;minder dan 5 bewoners;minder dan 5 bewoners'))
	).toBe(true);
	// Coordinators do not get the admin's full export, nor the line about the server's backups.
	expect(await page.getByTestId('export-everything').count()).toBe(0);
	expect(await page.getByTestId('backups-latest').count()).toBe(0);
	expect(await page.getByTestId('nav-health').count()).toBe(0);
});

it('an admin downloads everything as one zip that reads back', async () => {
	const page = await open();
	await page.goto(`${appUrl}/beheer/export`);
	await signInBackTo(page, admin, '/beheer/export');
	const zip = await download(page, 'export-everything');
	expect(zip.name).toMatch(/^krachtkaart-alles-\d{4}-\d{2}-\d{2}\.zip$/);
	const data = zipToExport(new Uint8Array(zip.bytes));
	const users = data.collections.find((c) => c.name === 'users')!;
	expect(users.records.some((u) => u.email === admin.email)).toBe(true);
	for (const user of users.records) expect(user).not.toHaveProperty('password');
	expect(data.collections.find((c) => c.name === 'areas')!.records.length).toBeGreaterThan(3);
});

it("an admin sees the time and size of the server's newest backup", async () => {
	const name = `e2e-${TAG}.zip`;
	await su.backups.create(name);
	try {
		const page = await open();
		await page.goto(`${appUrl}/beheer/export`);
		await signInBackTo(page, admin, '/beheer/export');
		const line = page.getByTestId('backups-latest-line');
		await line.waitFor();
		expect(await line.textContent()).toMatch(/Laatste back-up: .*\d{2}:\d{2}, [\d,]+ (kB|MB)\./);
	} finally {
		await su.backups.delete(name);
	}
});

it("an admin finds the server's status under Meer: disk, database, backup, refusals, retention", async () => {
	const name = `e2e-status-${TAG}.zip`;
	await su.backups.create(name);
	try {
		const page = await open();
		await page.goto(`${appUrl}/beheer/export`);
		await signInBackTo(page, admin, '/beheer/export');
		await page.getByTestId('nav-more').click();
		await page.getByTestId('nav-health').click();
		await page.locator('[data-testid="health-page"][data-status="ready"]').waitFor();
		const database = page.getByTestId('health-database');
		expect(Number(await database.getAttribute('data-size'))).toBeGreaterThan(0);
		expect(await page.getByTestId('health-disk').textContent()).toMatch(/Schijf: .+ vrij van .+/);
		expect(await page.getByTestId('health-backup-line').textContent()).toMatch(
			/\d{2}:\d{2}, [\d,]+ (kB|MB)\./
		);
		const sends = page.getByTestId('health-sends-line');
		expect(await sends.getAttribute('data-count')).toMatch(/^\d+$/);
		expect(await page.getByTestId('health-retention-line').textContent()).toMatch(/\S/);
	} finally {
		await su.backups.delete(name);
	}
});
