// Guards a round's progress page in Chromium on a phone (built app, real PocketBase with the
// Overvecht fixture): a round with one extra question and a walk list of two doors, a talk with
// its answer and a not-home logged by the worker; the coordinator goes from the rounds list to
// the round's progress, sees its figures (per list, per worker by name, the answers' tally, the
// themes against the round's), the page fits the phone, and the CSV she downloads holds one row
// per conversation with the answer readable under the question's text.
import { readFile } from 'node:fs/promises';
import type PocketBase from 'pocketbase';
import type { Browser, Download } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { appSuperuser, asWorker, removeTalk } from '../support/app-data';
import { launchBrowser, newPage, signInBackTo, type TestPage } from '../support/browser';
import {
	createDoors,
	createQuestion,
	createRound,
	createWalkList,
	csvRows,
	day,
	removeRoundData
} from '../support/round-data';

const appUrl = inject('appUrl');
const coordinator = inject('coordinator');
const worker = inject('worker');
const { address } = inject('overvecht');
const WAIT = { timeout: 30_000 };
/** A street of this test's own, so no other test's doors or talks mix in. */
const STREET = 'Voortgangslaan';
const NAME = `Voortgang e2e ${newRecordId().slice(0, 6)}`;

let browser: Browser;
let su: PocketBase;
let opened: TestPage | undefined;
let doorIds: string[] = [];
const talks: { id: string; person: string }[] = [];
const roundIds: string[] = [];

const hoursAgo = (hours: number) =>
	new Date(Date.now() - hours * 3_600_000).toISOString().replace('T', ' ');

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	doorIds = await createDoors(su, STREET, ['1', '3']);
});

afterAll(async () => {
	await opened?.context.close().catch(() => {});
	await browser?.close();
	// One of them at no door.
	for (const talk of talks) await removeTalk(su, talk.id, talk.person);
	await removeRoundData(su, { doors: doorIds, rounds: roundIds });
});

it('shows a round’s progress on a phone and exports its answers as CSV', async () => {
	const { record: me, pb: asHer } = await asWorker(su);
	const round = await createRound(su, {
		name: NAME,
		startsOn: day(-3),
		endsOn: day(30),
		themes: ['groen', 'eenzaamheid'],
		target: { doors: 4, talks: 2 }
	});
	roundIds.push(round.id);
	// A round not cut into lists yet: its page says what to do first.
	const uncut = await createRound(su, {
		name: `${NAME} zonder lijsten`,
		startsOn: day(-3),
		endsOn: day(30)
	});
	roundIds.push(uncut.id);
	const question = await createQuestion(su, round.id, {
		position: 1,
		kind: 'choice',
		textNl: 'Wat mist u het meest?',
		textEn: 'What do you miss most?',
		options: [
			{ value: 'groen', nl: 'Groen', en: 'Green' },
			{ value: 'bankjes', nl: 'Bankjes', en: 'Benches' }
		]
	});
	const list = await createWalkList(su, round.id, {
		name: 'Lijst Voortgangslaan',
		addresses: doorIds,
		assignees: [me.id]
	});
	const log = async (door: string, heldAt: string, fields: Record<string, unknown>) => {
		const id = newRecordId();
		await asHer.collection('conversations').create({
			id,
			area: address.buurtId,
			address: door,
			worker: me.id,
			heldAt,
			walkList: list.id,
			location: { lon: address.lon, lat: address.lat },
			locationSource: 'address',
			...fields
		});
		talks.push({ id, person: (await su.collection('conversations').getOne(id)).person });
	};
	await log(doorIds[0], hoursAgo(2), {
		outcome: 'talked',
		themes: ['groen'],
		answers: { [question.id]: 'bankjes' }
	});
	await log(doorIds[1], hoursAgo(1), { outcome: 'not_home' });
	// Half a minute after the first talk, at no door, with nothing in it: two checks.
	await log('', hoursAgo(2 - 30 / 3600), { outcome: 'talked' });

	opened = await newPage(browser, { width: 390, height: 844 });
	const { page } = opened;
	await page.goto(`${appUrl}/rondes`);
	await signInBackTo(page, coordinator, '/rondes');
	const listed = page.locator(`[data-testid="round"][data-id="${round.id}"]`);
	await listed.waitFor(WAIT);
	await listed.getByTestId('round-progress-link').click();
	await page.waitForURL((url) => url.pathname === `/rondes/${round.id}/voortgang`, WAIT);
	await page.locator('[data-testid="round-progress-page"][data-status="ready"]').waitFor(WAIT);

	// Per list, and the whole round: two doors, both visited, one talked, one not home.
	const row = page
		.getByTestId('round-progress-lists')
		.locator(`[data-testid="round-progress-lists-row"][data-id="${list.id}"]`);
	await row.waitFor(WAIT);
	expect(await row.getAttribute('data-doors')).toBe('2');
	expect(await row.getAttribute('data-visited')).toBe('2');
	expect(await row.getAttribute('data-talked')).toBe('1');
	expect(await row.getAttribute('data-not-home')).toBe('1');
	expect(await row.getByTestId('contact-rate').textContent()).toBe('50%');
	// Against the round's target: 2 of 4 doors, 2 of 2 talks (one at no door).
	const goals = page.getByTestId('round-progress-goal');
	expect((await goals.allTextContents()).map((text) => text.trim())).toEqual([
		'Deuren bezocht: 2 van 4',
		'Gesprekken: 2 van 2'
	]);
	// The round's themes, heard or not.
	const themes = page.getByTestId('round-progress-themes');
	expect(await themes.locator('[data-theme="groen"]').getAttribute('data-count')).toBe('1');
	expect(await themes.locator('[data-theme="eenzaamheid"]').getAttribute('data-count')).toBe('0');
	// Per worker, by her name: the coordinator may read her colleagues.
	const workerRow = page
		.getByTestId('round-progress-workers')
		.locator(`[data-testid="round-progress-workers-row"][data-id="${me.id}"]`);
	expect(await workerRow.locator('th').textContent()).toBe(worker.name);
	// The answer, tallied: every count for her, however few.
	const asked = page.locator(`[data-testid="round-progress-question"][data-id="${question.id}"]`);
	expect(await asked.locator('h3').textContent()).toContain('Wat mist u het meest?');
	expect(await asked.getByTestId('round-progress-answered').getAttribute('data-count')).toBe('1');
	expect(
		await asked
			.locator('[data-testid="round-progress-cell"][data-value="bankjes"]')
			.getAttribute('data-count')
	).toBe('1');

	// What to look into: two talks half a minute apart, one of them empty.
	const checks = page.getByTestId('round-progress-checks');
	for (const kind of ['fast', 'empty']) {
		const check = checks.locator(`[data-testid="round-progress-check"][data-kind="${kind}"]`);
		expect(await check.getAttribute('data-count')).toBe('1');
		await check.locator('summary').click();
		expect(await check.locator('li').textContent()).toContain(worker.name);
	}
	expect(await checks.locator('[data-kind="far"]').count()).toBe(0);

	// The page fits the phone: the tables scroll inside themselves.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await page.screenshot({ path: '/tmp/round-progress-e2e.png', fullPage: true });
	for (const part of ['lists', 'workers', 'answers', 'checks']) {
		await page
			.getByTestId(`round-progress-${part}`)
			.screenshot({ path: `/tmp/round-progress-e2e-${part}.png` });
	}

	const [file]: [Download, void] = await Promise.all([
		page.waitForEvent('download', WAIT),
		page.getByTestId('round-export-csv').click()
	]);
	expect(file.suggestedFilename()).toMatch(
		/^krachtkaart-ronde-Voortgang-e2e-.+-\d{4}-\d{2}-\d{2}\.csv$/
	);
	const bytes = await readFile((await file.path())!);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const rows = csvRows(bytes);
	expect(rows[0]).toEqual([
		'Ronde',
		'Looplijst',
		'Adres',
		'Datum en tijd',
		'Uitkomst',
		"Thema's",
		'Wat mist u het meest?'
	]);
	expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[4], r[5], r[6]])).toEqual([
		[NAME, 'Lijst Voortgangslaan', `${STREET} 1`, 'Gesproken', 'Groen', 'Bankjes'],
		[NAME, 'Lijst Voortgangslaan', '', 'Gesproken', '', ''],
		[NAME, 'Lijst Voortgangslaan', `${STREET} 3`, 'Niet thuis', '', '']
	]);
	expect(rows[1][3]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

	// A round without lists: cut them first, on the round's page.
	await page.goto(`${appUrl}/rondes/${uncut.id}/voortgang`);
	const noLists = page.getByTestId('round-progress-no-lists');
	await noLists.waitFor(WAIT);
	await noLists.getByRole('link').click();
	await page.waitForURL((url) => url.pathname === `/rondes/${uncut.id}`, WAIT);
});
