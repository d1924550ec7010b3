// Guards a walk list on "Op pad" (built app, real PocketBase, headless Chromium): her assigned
// list is listed, she checks it out, chooses it (the walk narrows to its doors), and a talk at
// its door asks the round's question and reaches the server with the list and the answer; the
// door on a colleague's checked-out list is marked taken.
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
	userByEmail
} from '../support/round-data';

const worker = inject('worker');
const WAIT = { timeout: 30_000 };
/** Streets of this test's own, so no other test's doors or talks mix in. */
const ON_LIST = 'Rondelaan';
const OFF_LIST = 'Naastlaan';

let browser: Browser;
let su: PocketBase;
let opened: TestPage | undefined;
const doorIds: string[] = [];
let roundId = '';

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	for (const street of [ON_LIST, OFF_LIST]) doorIds.push(await createDoor(su, street, '5'));
});

afterAll(async () => {
	await opened?.context.close().catch(() => {});
	await browser?.close();
	await removeRoundData(su, { doors: doorIds, rounds: [roundId] });
});

it('lists her walk list, checks it out, walks only its doors and logs a talk with its answer', async () => {
	const { record: me } = await asWorker(su);
	const round = await createRound(su, {
		name: 'Buurtronde e2e',
		startsOn: day(-1),
		endsOn: day(30),
		createdBy: me.id
	});
	roundId = round.id;
	const question = await createQuestion(su, round.id, {
		position: 0,
		kind: 'text',
		textNl: 'Wat maakt de buurt fijn?',
		textEn: 'What makes the neighbourhood nice?'
	});
	const list = await createWalkList(su, round.id, {
		name: 'Lijst Rondelaan',
		addresses: [doorIds[0]],
		assignees: [me.id],
		expiresOn: day(7)
	});
	// A colleague (the e2e colleague, a worker of the same wijk) has checked out the other door's list.
	const colleague = await userByEmail(su, inject('colleague').email);
	const theirs = await createWalkList(su, round.id, {
		name: 'Lijst Naastlaan',
		addresses: [doorIds[1]],
		assignees: [colleague.id]
	});
	const asColleague = await su.collection('users').impersonate(colleague.id, 600);
	await asColleague.collection('walk_lists').update(theirs.id, { checkOut: true });

	opened = await newPage(browser);
	const { page } = opened;
	await openMap(page, worker);
	await page.getByTestId('nav-walk').click();
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);

	const item = page.locator(`[data-testid="walk-list"][data-id="${list.id}"]`);
	await item.waitFor(WAIT);
	expect(await item.getAttribute('data-state')).toBe('free');
	await item.getByTestId('walk-list-check-out').click();
	await page
		.locator(`[data-testid="walk-list"][data-id="${list.id}"][data-state="mine"]`)
		.waitFor();
	await expect
		.poll(async () => (await su.collection('walk_lists').getOne(list.id)).checkedOutBy, WAIT)
		.toBe(me.id);

	// The colleague's door: still on the walk, marked taken.
	const other = page.locator(`[data-testid="walk-street"][data-street="${OFF_LIST}"]`);
	await other.locator('summary').click();
	await other
		.locator(`[data-testid="walk-door"][data-id="${doorIds[1]}"]`)
		.getByTestId('walk-door-taken')
		.waitFor();
	expect(
		await page
			.locator(`[data-testid="walk-door"][data-id="${doorIds[0]}"]`)
			.getByTestId('walk-door-taken')
			.count()
	).toBe(0);

	// Chosen: only its doors are on the walk.
	await item.getByTestId('walk-list-choose').click();
	await page.getByTestId('walk-list-walking').waitFor();
	expect(await page.locator(`[data-testid="walk-street"][data-street="${OFF_LIST}"]`).count()).toBe(
		0
	);

	const street = page.locator(`[data-testid="walk-street"][data-street="${ON_LIST}"]`);
	await street.locator('summary').click();
	await street
		.locator(`[data-testid="walk-door"][data-id="${doorIds[0]}"]`)
		.getByTestId('walk-open')
		.click();
	const form = page.getByTestId('conversation-form');
	await form.waitFor();
	await form.getByTestId(`round-answer-${question.id}`).fill('De speeltuin');
	await form.getByTestId('conversation-save').click();
	await form.waitFor({ state: 'detached' });

	await expect
		.poll(async () => {
			const talks = await su.collection('conversations').getFullList({
				filter: su.filter('address = {:door}', { door: doorIds[0] })
			});
			return talks.map((t) => ({ walkList: t.walkList, answers: t.answers }));
		}, WAIT)
		.toEqual([{ walkList: list.id, answers: { [question.id]: 'De speeltuin' } }]);
});
