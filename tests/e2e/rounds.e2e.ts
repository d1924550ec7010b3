// Guards the coordinator's rounds pages in Chromium on a phone (built app, real PocketBase with
// the Overvecht fixture): the form refuses an empty round at its fields, she plans a round with
// one extra question in one of her buurten, cuts its doors into walk lists by street, gives the
// first list to a walker, and sees the round listed as planned with its lists.
import type PocketBase from 'pocketbase';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { appSuperuser } from '../support/app-data';
import { launchBrowser, newPage, signInBackTo, type TestPage } from '../support/browser';
import { fillRound, removeRoundData, roundsNamed } from '../support/round-data';

const appUrl = inject('appUrl');
const coordinator = inject('coordinator');
const { address } = inject('overvecht');
const NAME = `Ronde e2e ${newRecordId().slice(0, 6)}`;
const WAIT = { timeout: 30_000 };

let browser: Browser;
let su: PocketBase;
const opened: TestPage[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
});

afterAll(async () => {
	// Its questions and lists go with it (cascade); no other test should see this round.
	await removeRoundData(su, { rounds: await roundsNamed(su, NAME) });
	for (const { context } of opened) await context.close();
	await browser?.close();
});

it('plans a round with a question and cuts it into walk lists by street', async () => {
	const testPage = await newPage(browser, { width: 390, height: 844 });
	opened.push(testPage);
	const { page } = testPage;
	await page.goto(`${appUrl}/rondes`);
	await signInBackTo(page, coordinator, '/rondes');
	await page.locator('[data-testid="rounds-page"]').waitFor(WAIT);

	await page.getByTestId('round-new').click();
	const form = page.getByTestId('round-form');
	await form.waitFor(WAIT);

	// Refused before anything is sent: the errors at their fields, in Dutch.
	await form.getByTestId('round-save').click();
	await expect.poll(() => page.locator('#round-name-error').textContent()).toContain('Vul dit in');
	await page.locator('#round-areas-error').waitFor(WAIT);

	await fillRound(form, NAME, ['2099-03-01', '2099-03-31']);
	// The buurt of the fixture's address: it has doors to cut.
	await form.locator(`[data-testid="round-area"][data-id="${address.buurtId}"]`).check();
	await form.getByTestId('round-question-add').click();
	await form.getByTestId('round-question-nl').fill('Wat zou u voor de buurt doen?');
	await form.getByTestId('round-question-en').fill('What would you do for the buurt?');
	await page.screenshot({ path: '/tmp/rounds-e2e-form.png', fullPage: true });
	await form.getByTestId('round-save').click();

	// Saved: the page is the round's own now, with its walk lists.
	await page.waitForURL((url) => /\/rondes\/[a-z0-9]{15}$/.test(url.pathname), WAIT);
	const lists = page.getByTestId('round-lists');
	await lists.getByTestId('round-cut-street').click();
	await lists.getByTestId('round-cut-list').first().waitFor(WAIT);
	const first = lists.getByTestId('round-cut-list').first();
	expect(await first.textContent()).toMatch(/\d+ deuren/);
	const walker = await first
		.getByTestId('round-cut-walker')
		.first()
		.locator('option')
		.nth(1)
		.getAttribute('value');
	await first
		.getByTestId('round-cut-walker')
		.first()
		.selectOption(walker ?? '');
	await page.screenshot({ path: '/tmp/rounds-e2e-cut.png', fullPage: true });
	await lists.getByTestId('round-cut-save').click();
	await lists.getByTestId('round-lists-saved').waitFor(WAIT);
	await lists.getByTestId('round-list').first().waitFor(WAIT);

	const stored = await su
		.collection('walk_lists')
		.getFullList({ filter: su.filter('round.name = {:name}', { name: NAME }) });
	expect(stored.length).toBeGreaterThan(0);
	expect(stored.some((list) => list.assignees.includes(walker))).toBe(true);

	// Listed as planned, with its lists and doors counted.
	await page.goto(`${appUrl}/rondes`);
	const listed = page.getByTestId('round').filter({ hasText: NAME });
	await listed.waitFor(WAIT);
	expect(await listed.getByTestId('round-status').getAttribute('data-status')).toBe('planned');
	expect(await listed.getByTestId('round-counts').textContent()).toContain(
		`${stored.length} looplijsten`
	);
	await page.screenshot({ path: '/tmp/rounds-e2e-list.png', fullPage: true });
});
