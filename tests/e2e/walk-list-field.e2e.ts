// Guards a walk list in the field (built app, real PocketBase, headless Chromium on a 390×844
// phone with the service worker): the list's paper sheet shows only its doors, its round and its
// questions with boxes; typing that sheet in offers only its doors and stores a talk with the list
// and its answers; on "Op pad" the chosen list survives a reload, and a reload without a
// connection with its round's questions; "Uitchecken" offline says it needs a connection; a talk
// with answers and a one-tap "niet thuis" logged offline sync later, both with the list; an
// expired list falls back to every door with a notice.
import type PocketBase from 'pocketbase';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { appSuperuser, asWorker } from '../support/app-data';
import { launchBrowser, newPage, openMap, type TestPage } from '../support/browser';
import {
	createDoor,
	createQuestion,
	createRound,
	createWalkList,
	day,
	removeRoundData,
	talksAt,
	waiting
} from '../support/round-data';

const worker = inject('worker');
const appUrl = inject('appUrl');
const WAIT = { timeout: 30_000 };
/** Streets of this test's own, so no other test's doors or talks mix in. */
const ON_LIST = 'Lijstpad';
const OFF_LIST = 'Buitenpad';
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let su: PocketBase;
let opened: TestPage | undefined;
/** The list's doors by number, and one door of the same buurt that is on no list. */
const onList: Record<string, string> = {};
let offList = '';
let roundId = '';
let listId = '';
let expiredId = '';
let choiceQ = '';
let textQ = '';

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	for (const number of ['1', '3', '5', '7']) onList[number] = await createDoor(su, ON_LIST, number);
	offList = await createDoor(su, OFF_LIST, '2');

	const { record: me } = await asWorker(su);
	const round = await createRound(su, {
		name: 'Veldronde e2e',
		startsOn: day(-1),
		endsOn: day(30),
		createdBy: me.id
	});
	roundId = round.id;
	choiceQ = (
		await createQuestion(su, round.id, {
			position: 0,
			kind: 'choice',
			textNl: 'Wat mist de buurt het meest?',
			textEn: 'What does the neighbourhood miss most?',
			options: [
				{ value: 'groen', nl: 'Groen', en: 'Green' },
				{ value: 'rust', nl: 'Rust', en: 'Quiet' }
			]
		})
	).id;
	textQ = (
		await createQuestion(su, round.id, {
			position: 1,
			kind: 'text',
			textNl: 'Wat zou je zelf doen?',
			textEn: 'What would you do yourself?'
		})
	).id;
	listId = (
		await createWalkList(su, round.id, {
			name: 'Lijst Lijstpad',
			addresses: Object.values(onList),
			assignees: [me.id],
			expiresOn: day(7)
		})
	).id;
	expiredId = (
		await createWalkList(su, round.id, {
			name: 'Lijst verlopen',
			addresses: [offList],
			assignees: [me.id],
			expiresOn: day(-2)
		})
	).id;
});

afterAll(async () => {
	await opened?.context.close().catch(() => {});
	await browser?.close();
	const doors = [...Object.values(onList), offList];
	await removeRoundData(su, { doors, rounds: [roundId] });
});

/** A local day and time a little while ago, as the entry page's inputs take them. */
function aWhileAgo() {
	const at = new Date(Date.now() - 20 * 60_000);
	const pad = (n: number) => String(n).padStart(2, '0');
	return {
		date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
		time: `${pad(at.getHours())}:${pad(at.getMinutes())}`
	};
}

it("prints a list's sheet with only its doors and questions, and types it in with the list and answers", async () => {
	opened = await newPage(browser, PHONE, { serviceWorker: true });
	const { page } = opened;
	await openMap(page, worker);
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, WAIT);

	// From "Mijn looplijsten" to the list's sheet.
	await page.getByTestId('nav-walk').click();
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	const item = page.locator(`[data-testid="walk-list"][data-id="${listId}"]`);
	await item.getByTestId('walk-list-sheet').click();
	await page.locator('[data-testid="sheet-page"][data-status="ready"]').waitFor(WAIT);
	await page.getByTestId('sheet-door').first().waitFor(WAIT);
	expect(page.url()).toContain(`/oppad/lijst?lijst=${listId}`);
	const sheetDoors = await page
		.getByTestId('sheet-door')
		.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
	expect(sheetDoors).toEqual(['1', '3', '5', '7'].map((n) => onList[n]));
	expect(await page.getByTestId('sheet-list-line').first().textContent()).toContain(
		'Veldronde e2e'
	);
	const questions = page.getByTestId('sheet-questions').first();
	expect(await questions.textContent()).toContain('Wat mist de buurt het meest?');
	expect(await questions.textContent()).toContain('Wat zou je zelf doen?');
	expect(
		await questions
			.getByTestId('sheet-question-option')
			.evaluateAll((o) => o.map((e) => e.textContent))
	).toEqual(['A = Groen', 'B = Rust']);
	expect(await page.getByTestId('sheet-door-answers').count()).toBe(4);
	// No street picker: the list decides the doors.
	expect(await page.getByTestId('street-picker').count()).toBe(0);

	// Typing it in: only its doors; a talk asks the round's questions.
	await page.goto(`${appUrl}/oppad/invoeren?lijst=${listId}`);
	await page.locator('[data-testid="sheet-entry-page"][data-status="ready"]').waitFor(WAIT);
	await page.getByTestId('sheet-entry-list').waitFor(WAIT);
	const entryDoors = await page
		.getByTestId('sheet-entry-door')
		.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
	expect(entryDoors).toEqual(['1', '3', '5', '7'].map((n) => onList[n]));
	const walk = aWhileAgo();
	await page.getByTestId('sheet-entry-date').fill(walk.date);
	await page.getByTestId('sheet-entry-time').fill(walk.time);
	const row = (n: string) =>
		page.locator(`[data-testid="sheet-entry-door"][data-id="${onList[n]}"]`);
	await row('5').getByTestId('sheet-entry-outcome-talked').check();
	await row('5').getByTestId(`round-answer-${choiceQ}-rust`).check();
	await row('5').getByTestId(`round-answer-${textQ}`).fill('Een moestuin');
	await row('7').getByTestId('sheet-entry-outcome-not_home').check();
	expect(await row('7').getByTestId('round-questions').count()).toBe(0);
	await page.getByTestId('sheet-entry-save').click();
	await page.locator('[data-testid="sheet-entry-result"][data-saved="2"]').waitFor(WAIT);

	await expect
		.poll(() => talksAt(su, [onList['5'], onList['7']]), WAIT)
		.toEqual(
			[
				{
					address: onList['5'],
					outcome: 'talked',
					walkList: listId,
					answers: { [choiceQ]: 'rust', [textQ]: 'Een moestuin' }
				},
				{ address: onList['7'], outcome: 'not_home', walkList: listId, answers: null }
			].sort((a, b) => a.address.localeCompare(b.address))
		);
});

it('keeps the chosen list through reloads, also offline, and syncs a talk and a niet thuis with it', async () => {
	const { page, context } = opened!;
	await page.goto(`${appUrl}/oppad`);
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	const item = page.locator(`[data-testid="walk-list"][data-id="${listId}"]`);
	await item.getByTestId('walk-list-choose').click();
	const walking = page.locator(`[data-testid="walk-list-walking"][data-id="${listId}"]`);
	await walking.waitFor(WAIT);
	expect(new URL(page.url()).searchParams.get('lijst')).toBe(listId);
	const offStreet = page.locator(`[data-testid="walk-street"][data-street="${OFF_LIST}"]`);
	expect(await offStreet.count()).toBe(0);

	await page.reload();
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	await walking.waitFor(WAIT);

	// Without a connection: the app, the list and its round's questions come from the phone.
	await context.setOffline(true);
	await page.reload();
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	await walking.waitFor(WAIT);
	expect(await offStreet.count()).toBe(0);

	// Checking out needs the server: she is told so, and that she can walk the list.
	await item.getByTestId('walk-list-check-out').click();
	const toast = page.getByTestId('toast');
	await toast.waitFor();
	expect(await toast.textContent()).toContain('Uitchecken kan alleen met verbinding');
	expect(await item.getAttribute('data-state')).toBe('free');

	const street = page.locator(`[data-testid="walk-street"][data-street="${ON_LIST}"]`);
	await street.locator('summary').click();
	const door = (n: string) => street.locator(`[data-testid="walk-door"][data-id="${onList[n]}"]`);
	await door('1').getByTestId('walk-open').click();
	const form = page.getByTestId('conversation-form');
	await form.waitFor();
	await form.getByTestId(`round-answer-${choiceQ}-groen`).check();
	await form.getByTestId(`round-answer-${textQ}`).fill('Bankjes zetten');
	await form.getByTestId('conversation-save').click();
	await form.waitFor({ state: 'detached' });
	await door('3').getByTestId('walk-not-home').click();
	await expect.poll(() => waiting(page), WAIT).toBe(2);
	expect(await talksAt(su, [onList['1'], onList['3']])).toEqual([]);

	await context.setOffline(false);
	await expect.poll(() => waiting(page), WAIT).toBe(0);
	await expect
		.poll(() => talksAt(su, [onList['1'], onList['3']]), WAIT)
		.toEqual(
			[
				{
					address: onList['1'],
					outcome: 'talked',
					walkList: listId,
					answers: { [choiceQ]: 'groen', [textQ]: 'Bankjes zetten' }
				},
				{ address: onList['3'], outcome: 'not_home', walkList: listId, answers: null }
			].sort((a, b) => a.address.localeCompare(b.address))
		);
});

it("opens a door from a list sheet's QR code with the list chosen and its questions asked", async () => {
	const { page } = opened!;
	await page.goto(`${appUrl}/oppad?deur=${onList['7']}&lijst=${listId}`);
	const form = page.getByTestId('conversation-form');
	await form.getByTestId(`round-answer-${textQ}`).waitFor(WAIT);
	await page.locator(`[data-testid="walk-list-walking"][data-id="${listId}"]`).waitFor(WAIT);
	expect(await form.getByTestId(`round-answer-${choiceQ}-groen`).count()).toBe(1);
});

it('falls back to every door with a notice for an expired list', async () => {
	const { page } = opened!;
	await page.goto(`${appUrl}/oppad?lijst=${expiredId}`);
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	await page.locator('[data-testid="walk-list-missing"][data-reason="expired"]').waitFor(WAIT);
	await page.locator(`[data-testid="walk-street"][data-street="${OFF_LIST}"]`).waitFor(WAIT);
	await page.getByTestId('walk-list-missing-ok').click();
	await page.getByTestId('walk-list-missing').waitFor({ state: 'detached' });
	expect(new URL(page.url()).searchParams.get('lijst')).toBeNull();
});
