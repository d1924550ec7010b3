// Guards the paper walk (built app, real PocketBase, headless Chromium): a worker prints the sheet
// of a street (the due doors in walking order, each with the QR code of its door, only the sheet
// on paper), then types in what she ticked: nothing is queued while the walk's time is missing,
// and once it is, each ticked door is on the server exactly once, at the walk's time.
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { appSuperuser } from '../support/app-data';
import { launchBrowser, newPage, openMap, type TestPage } from '../support/browser';

const appUrl = inject('appUrl');
const worker = inject('worker');
const { address } = inject('overvecht');
const WAIT = { timeout: 30_000 };
/** A street of its own, so no other test's doors or visits show up on this sheet. */
const STREET = 'Papierpad';

let browser: Browser;
let su: PocketBase;
let opened: TestPage | undefined;
let workerId = '';
const doors: Record<string, string> = {};

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	for (const number of ['1', '2', '3', '4']) {
		const record = await su.collection('addresses').create({
			street: STREET,
			number,
			postcode: '3564 AB',
			city: 'Utrecht',
			location: { lon: address.lon, lat: address.lat },
			area: address.buurtId
		});
		doors[number] = record.id;
	}
	workerId = (
		await su
			.collection('users')
			.getFirstListItem(su.filter('email = {:email}', { email: worker.email }))
	).id;
	// Number 3 talked three days ago: not due, not on the sheet. Nobody was home at 4.
	const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
	for (const [number, outcome, days] of [
		['3', 'talked', 3],
		['4', 'not_home', 5]
	] as const) {
		await su.collection('conversations').create({
			area: address.buurtId,
			address: doors[number],
			worker: workerId,
			heldAt: daysAgo(days),
			outcome,
			location: { lon: address.lon, lat: address.lat }
		});
	}
});

afterAll(async () => {
	await opened?.context.close().catch(() => {});
	await browser?.close();
	for (const record of await conversationsAtDoors()) {
		await su.collection('conversations').delete(record.id);
	}
	for (const id of Object.values(doors)) {
		await su
			.collection('addresses')
			.delete(id)
			.catch(() => {});
	}
});

async function conversationsAtDoors() {
	return su.collection('conversations').getFullList({
		filter: Object.values(doors)
			.map((id) => su.filter('address = {:id}', { id }))
			.join(' || '),
		sort: 'created'
	});
}

async function waiting(page: Page): Promise<number> {
	const badge = page.getByTestId('outbox-count');
	return (await badge.count()) === 0 ? 0 : Number(await badge.getAttribute('data-count'));
}

const rowIds = (page: Page, testid: string) =>
	page
		.getByTestId(testid)
		.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id') ?? ''));

it('prints the due doors with their QR codes, and enters the ticked doors exactly once', async () => {
	opened = await newPage(browser);
	const { page } = opened;
	await openMap(page, worker);

	// The sheet: 1 up the odd side (3 was talked to), then 4 and 2 back down the even side. Once
	// ready it stays so: the layout's refresh of the session loads it in place (WalkState.load).
	await page.goto(`${appUrl}/oppad/lijst?straat=${encodeURIComponent(STREET)}`);
	await page.locator('[data-testid="sheet-page"][data-status="ready"]').waitFor(WAIT);
	expect(await page.getByTestId('sheet-street').count()).toBe(1);
	expect(await rowIds(page, 'sheet-door')).toEqual([doors['1'], doors['4'], doors['2']]);
	for (const number of ['1', '4', '2']) {
		const qr = page.locator(
			`[data-testid="sheet-door"][data-id="${doors[number]}"] svg[data-testid="sheet-door-qr"]`
		);
		expect(await qr.getAttribute('data-text')).toBe(`${appUrl}/oppad?deur=${doors[number]}`);
		expect((await qr.locator('path').getAttribute('d'))?.length).toBeGreaterThan(100);
	}
	await expect
		.poll(() => page.locator(`[data-testid="sheet-door"][data-id="${doors['4']}"]`).textContent())
		.toContain('Niet thuis');

	// On paper: only the sheet, without the app's header or the print button.
	await page.emulateMedia({ media: 'print' });
	expect(await page.getByTestId('sheet-print').isVisible()).toBe(false);
	expect(await page.getByTestId('current-user').isVisible()).toBe(false);
	expect(await page.getByTestId('sheet-door-qr').first().isVisible()).toBe(true);
	await page.emulateMedia({ media: 'screen' });

	// Typing in, on a phone, for the same street.
	await page.setViewportSize({ width: 390, height: 844 });
	await page.getByTestId('sheet-to-entry').click();
	await page.waitForURL((at) => at.pathname === '/oppad/invoeren');
	await page.locator('[data-testid="sheet-entry-page"][data-status="ready"]').waitFor(WAIT);
	expect(await rowIds(page, 'sheet-entry-door')).toEqual([doors['1'], doors['4'], doors['2']]);

	const entryRow = (number: string) =>
		page.locator(`[data-testid="sheet-entry-door"][data-id="${doors[number]}"]`);
	await entryRow('1').getByTestId('sheet-entry-outcome-not_home').check();
	await entryRow('2').getByTestId('sheet-entry-outcome-talked').check();

	// Ten minutes ago on this phone's clock, as the team wrote it on the sheet.
	const walk = await page.evaluate(() => {
		const at = new Date(Date.now() - 10 * 60_000);
		at.setSeconds(0, 0);
		const pad = (n: number) => String(n).padStart(2, '0');
		return {
			date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
			time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
			ms: at.getTime()
		};
	});
	await page.getByTestId('sheet-entry-date').fill(walk.date);
	await page.getByTestId('sheet-entry-time').fill('');

	// Without the walk's time nothing is queued at all.
	await page.getByTestId('sheet-entry-save').click();
	await page.getByTestId('sheet-entry-walk-error').waitFor();
	expect(await page.getByTestId('sheet-entry-invalid').isVisible()).toBe(true);
	expect(await waiting(page)).toBe(0);
	expect(await page.getByTestId('sheet-entry-entered').count()).toBe(0);
	expect(await conversationsAtDoors()).toHaveLength(2);

	await page.getByTestId('sheet-entry-time').fill(walk.time);
	await page.getByTestId('sheet-entry-save').click();
	await expect
		.poll(() => page.getByTestId('sheet-entry-result').textContent(), WAIT)
		.toContain('2 gesprekken bewaard');
	// The entered doors say so and cannot be ticked again; the untouched one still can.
	await entryRow('1').getByTestId('sheet-entry-entered').waitFor();
	await entryRow('2').getByTestId('sheet-entry-entered').waitFor();
	expect(await entryRow('4').getByTestId('sheet-entry-outcome-none').isChecked()).toBe(true);

	await expect.poll(() => waiting(page), WAIT).toBe(0);
	await expect
		.poll(
			async () => (await conversationsAtDoors()).filter((c) => c.worker === workerId).length,
			WAIT
		)
		.toBe(4);

	// Saving again adds nothing: every ticked door was entered already.
	await page.getByTestId('sheet-entry-save').click();
	await page.getByTestId('sheet-entry-invalid').waitFor();
	expect(await waiting(page)).toBe(0);

	const entered = (await conversationsAtDoors()).filter(
		(c) => Date.parse(c.heldAt.replace(' ', 'T')) === walk.ms
	);
	expect(entered.map((c) => [c.address, c.outcome]).sort()).toEqual(
		[
			[doors['1'], 'not_home'],
			[doors['2'], 'talked']
		].sort()
	);
	for (const conversation of entered) {
		expect(conversation).toMatchObject({
			area: address.buurtId,
			worker: workerId,
			locationSource: 'address',
			location: { lon: address.lon, lat: address.lat }
		});
	}
});
