// Guards a listening round from plan to export, as issue 15 tells it (built app, real PocketBase,
// headless Chromium, two phones): a coordinator plans a round in two streets with one extra
// question (yes/no), cuts it into two walk lists by street and gives them to two people; the
// worker, on her phone, sees her list first, checks it out, walks it without a connection and
// logs two talks with the extra answer; back online they reach the server once each, with the
// list and the answer; the coordinator sees the round's progress per list and worker and
// exports the answers.
import { readFile } from 'node:fs/promises';
import type PocketBase from 'pocketbase';
import type { Browser, Download } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { appSuperuser, asWorker } from '../support/app-data';
import { launchBrowser, newPage, signInBackTo, type TestPage } from '../support/browser';
import {
	createStreetsInARow,
	csvRows,
	fillRound,
	removeRoundData,
	roundsNamed,
	talksAt,
	userByEmail,
	waiting
} from '../support/round-data';

const appUrl = inject('appUrl');
const coordinator = inject('coordinator');
const worker = inject('worker');
const { address } = inject('overvecht');
const TAG = newRecordId().slice(0, 6);
const NAME = `Luisterronde e2e ${TAG}`;
// Two streets of this test's own in the fixture's buurt: one list each.
const HERS = `Luisterlaan ${TAG}`;
const OTHER = `Hoorstraat ${TAG}`;
const QUESTION = 'Wilt u helpen bij het buurtfeest?';
const PHONE = { width: 390, height: 844 };
const WAIT = { timeout: 30_000 };

let browser: Browser;
let su: PocketBase;
let doors: Record<string, string[]> = { [HERS]: [], [OTHER]: [] };
const opened: TestPage[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	doors = await createStreetsInARow(su, [HERS, OTHER], address.lat + 0.0001);
});

afterAll(async () => {
	for (const { context } of opened) await context.close().catch(() => {});
	await browser?.close();
	await removeRoundData(su, {
		doors: Object.values(doors).flat(),
		rounds: await roundsNamed(su, NAME).catch(() => [])
	});
});

async function phone(options: { serviceWorker?: boolean } = {}): Promise<TestPage> {
	const testPage = await newPage(browser, PHONE, options);
	opened.push(testPage);
	return testPage;
}

/** Her list's talks as the server holds them. */
const storedTalks = () => talksAt(su, doors[HERS]);

it('plans a round with a question and two lists, walks one offline, and shows and exports its answers', async () => {
	const { record: me } = await asWorker(su);
	const coordinatorId = (await userByEmail(su, coordinator.email)).id;

	// The coordinator plans the round on her phone: period, purpose, buurt, its two streets, one
	// extra question.
	const { page: plan } = await phone();
	await plan.goto(`${appUrl}/rondes/nieuw`);
	await signInBackTo(plan, coordinator, '/rondes/nieuw');
	const form = plan.getByTestId('round-form');
	await form.waitFor(WAIT);
	await fillRound(form, NAME);
	await form.locator(`[data-testid="round-area"][data-id="${address.buurtId}"]`).check();
	for (const street of [HERS, OTHER]) {
		const box = form.locator(`[data-testid="round-street"][data-street="${street}"]`);
		await box.waitFor(WAIT);
		await box.check();
	}
	await form.getByTestId('round-question-add').click();
	await form.getByTestId('round-question-kind').selectOption('yesno');
	await form.getByTestId('round-question-nl').fill(QUESTION);
	await form.getByTestId('round-question-en').fill('Would you help with the street party?');
	await form.getByTestId('round-save').click();
	await plan.waitForURL((url) => /\/rondes\/[a-z0-9]{15}$/.test(url.pathname), WAIT);
	const roundId = new URL(plan.url()).pathname.split('/').pop()!;
	const round = await su.collection('rounds').getOne(roundId);
	expect([...round.streets].sort()).toEqual([OTHER, HERS].sort());
	const [question] = await su
		.collection('round_questions')
		.getFullList({ filter: su.filter('round = {:id}', { id: roundId }) });
	expect(question).toMatchObject({ kind: 'yesno', textNl: QUESTION });

	// Cut by street: one list per street, each with its two doors; hers to the worker, the other
	// to the coordinator herself.
	const lists = plan.getByTestId('round-lists');
	await lists.getByTestId('round-cut-street').click();
	const drafts = lists.getByTestId('round-cut-list');
	await expect.poll(() => drafts.count(), WAIT).toBe(2);
	for (const draft of await drafts.all()) {
		expect(await draft.textContent()).toContain('2 deuren');
		const mine = (await draft.textContent())?.includes(HERS);
		await draft
			.getByTestId('round-cut-walker')
			.first()
			.selectOption(mine ? me.id : coordinatorId);
	}
	await lists.getByTestId('round-cut-save').click();
	await lists.getByTestId('round-lists-saved').waitFor(WAIT);
	const stored = await su
		.collection('walk_lists')
		.getFullList({ filter: su.filter('round = {:id}', { id: roundId }), sort: 'name' });
	expect(stored).toHaveLength(2);
	const hers = stored.find((list) => list.assignees.includes(me.id))!;
	const other = stored.find((list) => list.assignees.includes(coordinatorId))!;
	expect([...hers.addresses].sort()).toEqual([...doors[HERS]].sort());
	expect([...other.addresses].sort()).toEqual([...doors[OTHER]].sort());

	// The worker: her list first on "Op pad"; she checks it out and walks only its doors.
	const { page: walk, context } = await phone({ serviceWorker: true });
	await walk.goto(`${appUrl}/oppad`);
	await signInBackTo(walk, worker, '/oppad');
	await walk.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	const firstList = walk.getByTestId('walk-list').first();
	await firstList.waitFor(WAIT);
	expect(await firstList.getAttribute('data-id')).toBe(hers.id);
	await firstList.getByTestId('walk-list-check-out').click();
	await expect.poll(() => firstList.getAttribute('data-state'), WAIT).toBe('mine');
	expect((await su.collection('walk_lists').getOne(hers.id)).checkedOutBy).toBe(me.id);
	await firstList.getByTestId('walk-list-choose').click();
	await walk.locator(`[data-testid="walk-list-walking"][data-id="${hers.id}"]`).waitFor(WAIT);
	expect(await walk.locator(`[data-testid="walk-street"][data-street="${OTHER}"]`).count()).toBe(0);

	// Without a connection: two talks, each with the extra answer, wait on the phone.
	await context.setOffline(true);
	const street = walk.locator(`[data-testid="walk-street"][data-street="${HERS}"]`);
	await street.locator('summary').click();
	const talk = walk.getByTestId('conversation-form');
	for (const [door, answer] of [
		[doors[HERS][0], 'yes'],
		[doors[HERS][1], 'no']
	] as const) {
		await street
			.locator(`[data-testid="walk-door"][data-id="${door}"]`)
			.getByTestId('walk-open')
			.click();
		await talk.waitFor(WAIT);
		await talk.getByTestId(`round-answer-${question.id}-${answer}`).check();
		await talk.getByTestId('conversation-save').click();
		await talk.waitFor({ state: 'detached', ...WAIT });
	}
	await expect.poll(() => waiting(walk), WAIT).toBe(2);
	expect(await storedTalks()).toEqual([]);

	// Back online: both reach the server once, on her list, with their answers.
	await context.setOffline(false);
	await expect.poll(() => waiting(walk), WAIT).toBe(0);
	const expected = [
		{
			address: doors[HERS][0],
			outcome: 'talked',
			walkList: hers.id,
			answers: { [question.id]: true }
		},
		{
			address: doors[HERS][1],
			outcome: 'talked',
			walkList: hers.id,
			answers: { [question.id]: false }
		}
	].sort((a, b) => a.address.localeCompare(b.address));
	await expect.poll(storedTalks, WAIT).toEqual(expected);

	// The coordinator sees the round's progress: her list walked, the other not yet.
	await plan.goto(`${appUrl}/rondes/${roundId}/voortgang`);
	await plan.locator('[data-testid="round-progress-page"][data-status="ready"]').waitFor(WAIT);
	const row = (id: string) =>
		plan.locator(`[data-testid="round-progress-lists-row"][data-id="${id}"]`);
	await row(hers.id).waitFor(WAIT);
	for (const [name, value] of [
		['data-doors', '2'],
		['data-visited', '2'],
		['data-talked', '2']
	]) {
		expect(await row(hers.id).getAttribute(name), name).toBe(value);
	}
	expect(await row(other.id).getAttribute('data-visited')).toBe('0');
	const workerRow = plan.locator(`[data-testid="round-progress-workers-row"][data-id="${me.id}"]`);
	expect(await workerRow.getAttribute('data-talked')).toBe('2');
	const tally = plan.locator(`[data-testid="round-progress-question"][data-id="${question.id}"]`);
	expect(await tally.getByTestId('round-progress-answered').getAttribute('data-count')).toBe('2');
	for (const value of ['yes', 'no']) {
		const cell = tally.locator(`[data-testid="round-progress-cell"][data-value="${value}"]`);
		expect(await cell.getAttribute('data-count'), value).toBe('1');
	}

	// And exports the answers with the round: one row per talk, the answer under the question.
	const [file]: [Download, void] = await Promise.all([
		plan.waitForEvent('download', WAIT),
		plan.getByTestId('round-export-csv').click()
	]);
	const rows = csvRows(await readFile((await file.path())!));
	const header = rows[0];
	expect(header).toContain(QUESTION);
	const answerAt = header.indexOf(QUESTION);
	expect(
		rows
			.slice(1)
			.map((r) => [r[0], r[2], r[answerAt]])
			.sort((a, b) => a[1].localeCompare(b[1]))
	).toEqual([
		[NAME, `${HERS} 1`, 'ja'],
		[NAME, `${HERS} 3`, 'nee']
	]);
});
