// Guards the ABCD ladder on a phone (built app, real PocketBase with the Overvecht fixture): a
// coordinator finds her new asset on the ladder at "talent gevonden", sets it to "gevraagd" with
// a reason, and the buurt's count at that step moves up, as does her own line "per teamlid", and
// the asset's resident shows at the new step; the asset's detail shows the step too. A viewer sees
// counts only (totals, small ones hidden), no asset, no member, no resident. The replay plays.
// Its own records: one resident, her asset (its history goes with it) and one history row in the
// last quarter.
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { recentQuarters } from '$lib/ladder/ladder';
import { newRecordId } from '$lib/sync/outbox';
import { appSuperuser } from '../support/app-data';
import { axeProblems } from '../support/axe';
import { launchBrowser, newPage, signInBackTo, type TestPage } from '../support/browser';

const appUrl = inject('appUrl');
const coordinator = inject('coordinator');
const viewer = inject('viewer');
const { freePoint } = inject('overvecht');
const TITLE = `Laddertalent e2e ${newRecordId().slice(0, 6)}`;
const RESIDENT = `Ladderbewoner e2e ${newRecordId().slice(0, 6)}`;
const WAIT = { timeout: 30_000 };
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let su: PocketBase;
const opened: TestPage[] = [];
let assetId = '';
let personId = '';
let coordinatorId = '';

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	coordinatorId = (
		await su
			.collection('users')
			.getFirstListItem(su.filter('email = {:email}', { email: coordinator.email }))
	).id;
	const person = await su
		.collection('people')
		.create({ display_name: RESIDENT, area: freePoint.buurtId });
	personId = person.id;
	const asset = await su.collection('assets').create({
		kind: 'capacity',
		title: TITLE,
		location: { lon: freePoint.lon + 0.0004, lat: freePoint.lat - 0.0004 },
		precision: 'street',
		area: freePoint.buurtId,
		status: 'active',
		person: personId
	});
	assetId = asset.id;
	// A step in the last quarter that ended, for what a viewer is shown: a group of one.
	const last = recentQuarters(new Date().toISOString().slice(0, 10), 1, true)[0];
	await su.collection('ladder_steps').create({
		asset: assetId,
		area: freePoint.buurtId,
		step: 'gift_found',
		source: 'derived',
		at: `${last.from} 12:00:00.000Z`
	});
});

afterAll(async () => {
	for (const { context } of opened) await context.close().catch(() => {});
	await browser?.close();
	if (assetId)
		await su
			.collection('assets')
			.delete(assetId)
			.catch(() => {});
	if (personId)
		await su
			.collection('people')
			.delete(personId)
			.catch(() => {});
});

async function phone(): Promise<Page> {
	const made = await newPage(browser, PHONE);
	opened.push(made);
	return made.page;
}

/** The buurt's count at a step, as the coordinator's table shows it (0 when the row is not there). */
async function countAt(page: Page, step: string): Promise<number> {
	const cell = page.locator(
		`[data-testid="ladder-row"][data-area="${freePoint.buurtId}"] td[data-step="${step}"]`
	);
	if ((await cell.count()) === 0) return 0;
	return Number(((await cell.innerText()).split(/\s/)[0] || '0').replace(/\D/g, '') || '0');
}

/** Her own steps up this quarter in "Per teamlid" (0 when she has no line). */
async function membersCount(page: Page): Promise<number> {
	const cell = page.locator(`[data-testid="ladder-member"][data-id="${coordinatorId}"] td`);
	if ((await cell.count()) === 0) return 0;
	return Number((await cell.innerText()).replace(/\D/g, '') || '0');
}

it('lets a coordinator set a step with a reason, and the ladder counts move', async () => {
	const page = await phone();
	await page.goto(`${appUrl}/netwerk/ladder`);
	await signInBackTo(page, coordinator, '/netwerk/ladder');
	const row = page.locator(`[data-testid="ladder-asset"][data-id="${assetId}"]`);
	await row.waitFor(WAIT);
	expect(await row.getAttribute('data-step')).toBe('gift_found');
	const askedBefore = await countAt(page, 'asked');
	const foundBefore = await countAt(page, 'gift_found');
	expect(foundBefore).toBeGreaterThan(0);
	await page.getByTestId('ladder-members').waitFor(WAIT);
	const mineBefore = await membersCount(page);
	const person = page.locator(`[data-testid="ladder-person"][data-id="${personId}"]`);
	expect(await person.getAttribute('data-step')).toBe('gift_found');
	expect(await person.innerText()).toContain(RESIDENT);

	await row.getByTestId('ladder-asset-set').click();
	const dialog = page.getByTestId('ladder-dialog');
	await dialog.waitFor(WAIT);
	// Without a reason nothing is saved.
	await dialog.getByTestId('ladder-step-select').selectOption('asked');
	await dialog.getByTestId('ladder-save').click();
	await expect.poll(() => dialog.getByRole('alert').count(), WAIT).toBeGreaterThan(0);
	await dialog.getByTestId('ladder-reason').fill('Gevraagd bij de buurtlunch');
	await dialog.getByTestId('ladder-save').click();
	await expect.poll(() => row.getAttribute('data-step'), WAIT).toBe('asked');
	await expect.poll(() => countAt(page, 'asked'), WAIT).toBe(askedBefore + 1);
	expect(await countAt(page, 'gift_found')).toBe(foundBefore - 1);
	// Found before this quarter, asked now by her: one more step up on her line, and her resident's.
	await expect.poll(() => membersCount(page), WAIT).toBe(mineBefore + 1);
	await expect.poll(() => person.getAttribute('data-step'), WAIT).toBe('asked');
	const history = await su.collection('ladder_steps').getFullList({
		filter: su.filter('asset = {:asset} && source = "set"', { asset: assetId })
	});
	expect(history.map((r) => [r.step, r.from, r.reason])).toEqual([
		['asked', 'gift_found', 'Gevraagd bij de buurtlunch']
	]);
	expect(await axeProblems(page, 'ladder (coordinator)')).toEqual([]);
	await page.screenshot({ path: '/tmp/ladder-e2e-coordinator.png', fullPage: true });

	// The asset's detail on the map shows the step, and changes it too.
	await page.goto(`${appUrl}/?asset=${assetId}`);
	const step = page.getByTestId('asset-ladder-step');
	await expect.poll(() => step.getAttribute('data-step'), WAIT).toBe('asked');
	await page.getByTestId('asset-ladder-set').click();
	const detailDialog = page.getByTestId('ladder-dialog');
	await detailDialog.getByTestId('ladder-step-select').selectOption('connected');
	await detailDialog.getByTestId('ladder-reason').fill('Doet mee met de moestuin');
	await detailDialog.getByTestId('ladder-save').click();
	await expect.poll(() => step.getAttribute('data-step'), WAIT).toBe('connected');
	expect(await page.getByTestId('asset-ladder').innerText()).toContain('Doet mee met de moestuin');
});

it('shows a viewer the counts only: totals, small ones hidden, no asset', async () => {
	const page = await phone();
	await page.goto(`${appUrl}/netwerk/ladder`);
	await signInBackTo(page, viewer, '/netwerk/ladder');
	await page.getByTestId('ladder-viewer-note').waitFor(WAIT);
	const row = page.locator(`[data-testid="ladder-row"][data-area="${freePoint.buurtId}"]`);
	await row.waitFor(WAIT);
	// No cell per step, no list of assets, no title.
	expect(await page.locator('td[data-step]').count()).toBe(0);
	expect(await page.getByTestId('ladder-assets').count()).toBe(0);
	expect(await page.getByText(TITLE).count()).toBe(0);
	// No colleague and no resident by name.
	expect(await page.getByTestId('ladder-members').count()).toBe(0);
	expect(await page.getByTestId('ladder-people').count()).toBe(0);
	expect(await page.getByText(RESIDENT).count()).toBe(0);
	// Her buurt's total is hidden or at least 5: never a small group.
	const total = (await row.locator('td').first().innerText()).trim();
	expect(total === '–' || Number(total.replace(/\D/g, '')) >= 5).toBe(true);
	await page.getByTestId('ladder-steps').waitFor(WAIT);
	expect(await axeProblems(page, 'ladder (viewer)')).toEqual([]);
	await page.screenshot({ path: '/tmp/ladder-e2e-viewer.png', fullPage: true });
});

it('plays the replay of how the map grew', async () => {
	const page = await phone();
	await page.goto(`${appUrl}/netwerk/terugblik`);
	await signInBackTo(page, coordinator, '/netwerk/terugblik');
	const play = page.getByTestId('replay-play');
	await expect.poll(() => play.isEnabled(), WAIT).toBe(true);
	const status = page.getByTestId('replay-status');
	expect(await status.getAttribute('data-index')).toBe('0');
	await play.click();
	await expect
		.poll(async () => Number(await status.getAttribute('data-index')), WAIT)
		.toBeGreaterThan(1);
	await play.click();
	const stopped = await status.getAttribute('data-index');
	await page.waitForTimeout(1500);
	expect(await status.getAttribute('data-index')).toBe(stopped);
	// Stepping by hand; the last frame holds today's map, with the new asset.
	await page.getByTestId('replay-slider').fill('23');
	await expect.poll(() => status.getAttribute('data-index'), WAIT).toBe('23');
	const lastRow = page.getByTestId('replay-report').locator('tbody tr').last();
	expect(
		Number((await lastRow.locator('td').first().innerText()).replace(/\D/g, ''))
	).toBeGreaterThan(0);
	expect(await axeProblems(page, 'replay')).toEqual([]);

	// Saved as a series of pictures: one PNG per frame, in the order they play, in one zip.
	const [download] = await Promise.all([
		page.waitForEvent('download', { timeout: 120_000 }),
		page.getByTestId('replay-export').click()
	]);
	expect(download.suggestedFilename()).toMatch(
		/^terugblik-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.zip$/
	);
	const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
	const names = Object.keys(files).sort();
	expect(names).toHaveLength(24);
	expect(names[0]).toMatch(/^terugblik-001-\d{4}-\d{2}-\d{2}\.png$/);
	for (const name of names) expect([...files[name].slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
	// The frame shown before comes back.
	expect(await status.getAttribute('data-index')).toBe('23');
}, 180_000);
