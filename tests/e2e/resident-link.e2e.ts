// Guards the resident's own link in Chromium (built app, real PocketBase): a coordinator makes a
// link on the resident's page and gets the URL with a QR card that prints alone; a fresh,
// signed-out phone opens /mijn/<token> (no login asked), corrects her first name, removes a gift
// after a confirmation, and reads the page in English; the coordinator's page shows the change,
// naming her as the link's issuer in the trail. A worker is offered no link.
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { launchBrowser, newPage, signInBackTo, type TestPage } from '../support/browser';
import { appSuperuser, removeTalk, talkAtOvervecht } from '../support/app-data';

const appUrl = inject('appUrl');
const coordinator = inject('coordinator');
const worker = inject('worker');
const WAIT = { timeout: 30_000 };
const TAG = newRecordId().slice(0, 6);
const NAME = `Riet${TAG}`;
const CORRECTED = `Marie${TAG}`;
const GIFT = `Breien ${TAG}`;
const GIFT_GONE = `Kookles ${TAG}`;

let browser: Browser;
let su: PocketBase;
let talkId = '';
let personId = '';
const opened: TestPage[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	// A worker's talk with consent to her first name: her person and two capacity assets grow
	// from it.
	({ talkId, personId } = await talkAtOvervecht(su, {
		themes: ['zorg_voor_elkaar'],
		consent: ['first_name'],
		resident: { firstName: NAME },
		gifts: [
			{ kind: 'hands', tag: GIFT },
			{ kind: 'head', tag: GIFT_GONE }
		]
	}));
});

afterAll(async () => {
	for (const { context } of opened) await context.close().catch(() => {});
	await browser?.close();
	await removeTalk(su, talkId, personId);
});

async function open(viewport?: { width: number; height: number }): Promise<Page> {
	const testPage = await newPage(browser, viewport);
	opened.push(testPage);
	return testPage.page;
}

const gift = (page: Page, title: string) =>
	page.locator(`[data-testid="resident-gift"][data-title="${title}"]`);

it('lets a resident correct her entry through the link a coordinator made', async () => {
	// The coordinator makes the link on the resident's page.
	const staff = await open();
	await staff.goto(`${appUrl}/bewoners/${personId}`);
	await signInBackTo(staff, coordinator, `/bewoners/${personId}`);
	await staff.locator('[data-testid="person-page"][data-status="ready"]').waitFor(WAIT);
	const section = staff.getByTestId('resident-link');
	expect(await section.getByTestId('resident-link-state').getAttribute('data-state')).toBe('none');
	await section.getByTestId('resident-link-create').click();
	const urlField = section.getByTestId('resident-link-url');
	await urlField.waitFor(WAIT);
	const url = await urlField.inputValue();
	expect(url).toMatch(new RegExp(`^${appUrl}/mijn/[A-Za-z0-9]{32}$`));
	// The card: its QR code holds the same URL, with the day it stops working.
	expect(await section.getByTestId('resident-card-qr').getAttribute('data-text')).toBe(url);
	expect(await section.getByTestId('resident-card-expires').textContent()).toMatch(/\d{4}/);
	await expect
		.poll(() => section.getByTestId('resident-link-state').getAttribute('data-state'))
		.toBe('active');

	// On paper: the export without this section; printing the card (as "Print kaart" marks the
	// page), the card alone.
	await staff.emulateMedia({ media: 'print' });
	expect(await section.isVisible()).toBe(false);
	expect(await staff.getByTestId('export-first-name').isVisible()).toBe(true);
	await staff.evaluate(() => (document.documentElement.dataset.print = 'resident-card'));
	expect(await section.getByTestId('resident-card').isVisible()).toBe(true);
	expect(await staff.getByTestId('export-first-name').isVisible()).toBe(false);
	await staff.evaluate(() => delete document.documentElement.dataset.print);
	await staff.emulateMedia({ media: 'screen' });

	// On her own phone, signed out: her page, no login.
	const phone = await open({ width: 390, height: 844 });
	await phone.goto(url);
	await phone.locator('[data-testid="resident-page"][data-status="ready"]').waitFor(WAIT);
	expect(new URL(phone.url()).pathname).toBe(new URL(url).pathname);
	const firstName = phone.getByTestId('resident-first-name');
	expect(await firstName.inputValue()).toBe(NAME);
	expect(await phone.getByTestId('resident-gift').count()).toBe(2);
	// Phone first: nothing wider than the screen.
	expect(
		await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
	).toBe(true);

	// She corrects her first name.
	await firstName.fill(CORRECTED);
	await phone.getByTestId('resident-save').click();
	const status = phone.getByTestId('resident-save-status');
	await phone.locator('[data-testid="resident-save-status"][data-status="saved"]').waitFor(WAIT);
	expect(await firstName.inputValue()).toBe(CORRECTED);

	// She removes a gift: asked first, then gone.
	await gift(phone, GIFT_GONE).getByTestId('resident-gift-remove').click();
	await phone.getByTestId('resident-save').click();
	await phone.getByTestId('resident-confirm-yes').click();
	await expect.poll(() => phone.getByTestId('resident-gift').count(), WAIT).toBe(1);
	expect(await status.getAttribute('data-status')).toBe('saved');
	expect(await gift(phone, GIFT).count()).toBe(1);

	// In English too.
	await phone.getByTestId('locale-en').click();
	await expect.poll(() => phone.locator('h1').textContent()).toBe('What we keep about you');

	// The server holds the change, and the coordinator's page shows it.
	const person = await su.collection('people').getOne(personId);
	expect(person.display_name).toBe(CORRECTED);
	const assets = await su.collection('assets').getFullList({
		filter: su.filter('person = {:id}', { id: personId })
	});
	expect(assets.map((a) => a.title)).toEqual([GIFT]);
	await staff.reload();
	await staff.locator('[data-testid="person-page"][data-status="ready"]').waitFor(WAIT);
	expect(await staff.getByTestId('export-first-name').textContent()).toBe(CORRECTED);
	expect(await staff.getByTestId('export-asset').count()).toBe(1);
	// Her own changes appear in her trail as the resident's, through the link the coordinator issued.
	expect(await staff.getByTestId('export-audit').textContent()).toContain(
		`de bewoner zelf (persoonlijke link van ${coordinator.name})`
	);
});

it('offers a worker no link: her page is not his, and no button to make one', async () => {
	const page = await open();
	await page.goto(`${appUrl}/bewoners/${personId}`);
	await signInBackTo(page, worker, `/bewoners/${personId}`);
	await page.getByTestId('person-page').waitFor(WAIT);
	await page.getByRole('alert').first().waitFor(WAIT);
	expect(await page.getByTestId('resident-link-create').count()).toBe(0);
	expect(await page.getByTestId('resident-link-revoke').count()).toBe(0);
});
