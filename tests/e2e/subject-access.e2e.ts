// Guards Journey 4 in Chromium (built app, real PocketBase): a resident asks what is stored about
// her. The coordinator reaches her page from her key figure on the map and by searching under
// "Meer ▸ Bewoners", reads it (her notes too), downloads it as JSON, and erases her with a typed
// confirmation; the server then holds nothing of her. An admin finds the export and the erasure
// in the audit log. The header keeps "Meer" on a 360 px phone.
import { readFile } from 'node:fs/promises';
import type PocketBase from 'pocketbase';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { PersonExport } from '$lib/people/people';
import { newRecordId } from '$lib/sync/outbox';
import type { E2eUser } from '../support/app-global';
import {
	launchBrowser,
	newPage,
	signInBackTo,
	waitForMapIdle,
	type TestPage
} from '../support/browser';
import { appSuperuser, removeTalk, talkAtOvervecht } from '../support/app-data';

const appUrl = inject('appUrl');
const coordinator = inject('coordinator');
const { address } = inject('overvecht');
const WAIT = { timeout: 30_000 };
const TAG = newRecordId().slice(0, 6);
const NAME = `Roosje${TAG}`;
const CONTACT = `06-5550${TAG}`;
const NOTES = `Zorgt voor haar moeder ${TAG}`;
const admin: E2eUser = {
	email: `admin-${TAG}@e2e.krachtkaart.nl`,
	password: 'Beheer-e2e-sleutel-47',
	name: 'Anouk Beheer'
};

let browser: Browser;
let su: PocketBase;
let talkId: string;
let personId: string;
let keyFigureId: string;
let adminId = '';
const opened: TestPage[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	// A worker's talk at the door, with consent to keep her first name and phone: the server grows
	// her person, her key-figure and capacity assets and a follow-up.
	({ talkId, personId } = await talkAtOvervecht(su, {
		themes: ['zorg_voor_elkaar'],
		consent: ['first_name', 'contact'],
		resident: { firstName: NAME, contact: CONTACT, isKeyFigure: true },
		gifts: [{ kind: 'heart', tag: `Luisteren ${TAG}` }],
		followUp: { what: `Terugbellen ${TAG}` },
		notes: NOTES
	}));
	keyFigureId = (
		await su
			.collection('assets')
			.getFirstListItem(su.filter('person = {:id} && kind = "key_figure"', { id: personId }))
	).id;
	adminId = (
		await su.collection('users').create({
			...admin,
			passwordConfirm: admin.password,
			role: 'admin',
			areas: []
		})
	).id;
});

afterAll(async () => {
	for (const { context } of opened) await context.close().catch(() => {});
	await browser?.close();
	// Whatever the test left (all of it, should it fail before the erasure).
	await removeTalk(su, talkId, personId);
	if (adminId)
		await su
			.collection('users')
			.delete(adminId)
			.catch(() => {});
});

async function open(viewport = { width: 1280, height: 800 }) {
	const testPage = await newPage(browser, viewport);
	opened.push(testPage);
	return testPage.page;
}

it('lets the coordinator read, download and erase what is stored about a resident', async () => {
	// On a 360 px phone first: "Meer" and the whole nav fit in the header.
	const page = await open({ width: 360, height: 740 });
	await page.goto(`${appUrl}/taken`);
	await signInBackTo(page, coordinator, '/taken');
	const more = page.getByTestId('nav-more');
	await more.waitFor(WAIT);
	const fits = await page.evaluate(() => {
		const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
		return {
			page: document.documentElement.scrollWidth <= window.innerWidth,
			// Every link of the nav in view, none scrolled out of it.
			tasks: box('[data-testid="nav-tasks"]').right <= box('header nav').right,
			more: box('[data-testid="nav-more"]').left >= 0,
			logout: box('[data-testid="logout"]').right <= window.innerWidth
		};
	});
	expect(fits).toEqual({ page: true, tasks: true, more: true, logout: true });
	// The menu opens inside the screen, with the language switch that made room; a coordinator
	// gets no audit log.
	await more.click();
	const people = page.getByTestId('nav-people');
	await people.waitFor(WAIT);
	for (const item of [people, page.getByTestId('locale-switch')]) {
		const box = (await item.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(360);
	}
	expect(await page.getByTestId('locale-switch').count()).toBe(1);
	expect(await page.getByTestId('nav-audit').count()).toBe(0);
	// Escape closes it.
	await page.keyboard.press('Escape');
	await expect.poll(() => people.isVisible()).toBe(false);

	// On a desktop, from her key figure on the map to her page.
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto(`${appUrl}/?asset=${keyFigureId}`);
	await page.locator('[data-testid="map-page"][data-status="ready"]').waitFor(WAIT);
	await waitForMapIdle(page);
	await page.locator(`[data-testid="asset-detail"][data-id="${keyFigureId}"]`).waitFor(WAIT);
	await page.getByTestId('asset-detail-person').click();
	await page.waitForURL((at) => at.pathname === `/bewoners/${personId}`, WAIT);
	await page.locator('[data-testid="person-page"][data-status="ready"]').waitFor(WAIT);

	// And by searching, as for a request by phone.
	await page.getByTestId('nav-more').click();
	await page.getByTestId('nav-people').click();
	await page.waitForURL((at) => at.pathname === '/bewoners', WAIT);
	await page.getByTestId('people-search').fill(NAME.toLowerCase());
	const hit = page.locator(`[data-testid="person-hit"][data-id="${personId}"]`);
	await hit.waitFor(WAIT);
	expect(await hit.textContent()).toContain(address.street);
	await hit.click();
	await page.locator('[data-testid="person-page"][data-status="ready"]').waitFor(WAIT);

	// Readable: her name, phone, the worker's notes, her assets, who saw her.
	expect(await page.getByTestId('export-first-name').textContent()).toBe(NAME);
	expect(await page.getByTestId('export-contact').textContent()).toBe(CONTACT);
	expect(await page.getByTestId('export-notes').textContent()).toBe(NOTES);
	expect(await page.getByTestId('export-asset').count()).toBe(2);
	expect(await page.getByTestId('export-follow-up').count()).toBe(1);
	const trail = page.getByTestId('export-audit-entry');
	expect(await trail.count()).toBeGreaterThan(2);
	expect(
		await page.locator('[data-testid="export-audit-entry"][data-action="create"]').count()
	).toBe(2);

	// Printable: on paper only the export, without the header, buttons or the erasure.
	await page.emulateMedia({ media: 'print' });
	expect(await page.locator('.shell > header').isVisible()).toBe(false);
	expect(await page.getByTestId('person-download').isVisible()).toBe(false);
	expect(await page.getByTestId('erase-panel').isVisible()).toBe(false);
	expect(await page.getByTestId('export-notes').isVisible()).toBe(true);
	await page.emulateMedia({ media: 'screen' });

	// The same export as a file, named without her name.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('person-download').click()
	]);
	expect(download.suggestedFilename()).toMatch(
		new RegExp(`^krachtkaart-bewoner-${personId}-\\d{4}-\\d{2}-\\d{2}\\.json$`)
	);
	const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as PersonExport;
	expect(file.person).toMatchObject({ id: personId, display_name: NAME, contact: CONTACT });
	expect(file.conversations.map((c) => [c.id, c.notes])).toEqual([[talkId, NOTES]]);
	expect(file.assets).toHaveLength(2);

	// Erasing asks for her first name first.
	await page.getByTestId('erase-start').click();
	const confirm = page.getByTestId('erase-confirm');
	expect(await confirm.isDisabled()).toBe(true);
	await page.getByTestId('erase-confirm-input').fill('Iemand anders');
	expect(await confirm.isDisabled()).toBe(true);
	await page.getByTestId('erase-confirm-input').fill(NAME);
	expect(await confirm.isDisabled()).toBe(false);
	await confirm.click();
	const result = page.getByTestId('erase-result');
	await result.waitFor(WAIT);
	expect(await page.getByTestId('erased-conversations').textContent()).toBe('1');
	expect(await page.getByTestId('erased-assets').textContent()).toBe('2');
	// Her data is gone from the page too.
	expect(await page.content()).not.toContain(NOTES);

	// The server holds nothing of her any more; the talk stays, without her.
	await expect(su.collection('people').getOne(personId)).rejects.toMatchObject({ status: 404 });
	const talk = await su.collection('conversations').getOne(talkId);
	expect(talk).toMatchObject({
		person: '',
		notes: '',
		outcome: 'talked',
		themes: ['zorg_voor_elkaar']
	});
	const left = await su.collection('assets').getFullList({
		filter: su.filter('person = {:id} || sourceConversation = {:talk}', {
			id: personId,
			talk: talkId
		})
	});
	expect(left).toEqual([]);
	const tasks = await su
		.collection('follow_ups')
		.getFullList({ filter: su.filter('conversation = {:id}', { id: talkId }) });
	expect(tasks).toEqual([]);

	// Searching finds her no more.
	await page.goto(`${appUrl}/bewoners`);
	await page.getByTestId('people-search').fill(NAME);
	await page.locator('[data-testid="people-results"][data-status="ready"]').waitFor(WAIT);
	expect(await page.getByTestId('people-empty').isVisible()).toBe(true);
});

it('shows the admin the export and the erasure in the audit log', async () => {
	const page = await open();
	await page.goto(`${appUrl}/beheer/audit`);
	await signInBackTo(page, admin, '/beheer/audit');
	await page.locator('[data-testid="audit-page"][data-status="ready"]').waitFor(WAIT);
	// Reached from the menu too.
	await page.getByTestId('nav-more').click();
	expect(await page.getByTestId('nav-audit').getAttribute('aria-current')).toBe('page');
	await page.keyboard.press('Escape');

	await page.getByTestId('audit-search').fill(personId);
	await page.getByTestId('audit-apply').click();
	await page.waitForURL((at) => at.searchParams.get('search') === personId, WAIT);
	const row = (action: string) =>
		page.locator(`[data-testid="audit-entry"][data-action="${action}"][data-target="${personId}"]`);
	await row('erase').waitFor(WAIT);
	await row('export').first().waitFor(WAIT);
	expect(await row('erase').textContent()).toContain(coordinator.name);
	expect(await row('erase').textContent()).toContain('gewist (op verzoek)');
	// Newest first: the erasure above the exports. Polled: until the search has answered, the
	// list still shows the newest entries of all (the superuser's reads after the erasure).
	const actions = () =>
		page
			.getByTestId('audit-entry')
			.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
	await expect.poll(async () => (await actions())[0], WAIT).toBe('erase');
	expect(await actions()).toEqual(expect.arrayContaining(['export', 'list', 'create']));

	// Filtered by action, through the form.
	await page.getByTestId('audit-action').selectOption('export');
	await page.getByTestId('audit-apply').click();
	await expect
		.poll(() =>
			page
				.getByTestId('audit-entry')
				.evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-action')))])
		)
		.toEqual(['export']);
});
