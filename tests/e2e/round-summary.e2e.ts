// Guards the rounds' summaries for a viewer on a 390×844 phone (built app, real PocketBase,
// headless Chromium): she opens Rondes from "Meer", and an ended round of her wijk shows its
// figures with the min-5 rule: doors visited, a small count hidden ("verborgen", hidden along
// with another), a theme raised twice as "minder dan 5", and its question only as counts.
import type PocketBase from 'pocketbase';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { appSuperuser, asWorker } from '../support/app-data';
import { launchBrowser, newPage, signInBackTo, type TestPage } from '../support/browser';
import {
	createDoors,
	createQuestion,
	createRound,
	createWalkList,
	day,
	removeRoundData
} from '../support/round-data';

const appUrl = inject('appUrl');
const viewer = inject('viewer');
const { address } = inject('overvecht');
const WAIT = { timeout: 30_000 };
const NAME = `Telronde e2e ${newRecordId().slice(0, 6)}`;
/** A street of this test's own, so no other test's doors or talks mix in. */
const STREET = 'Telrondelaan';
const SECRET = `Geheim antwoord ${newRecordId().slice(0, 6)}`;

let browser: Browser;
let su: PocketBase;
let opened: TestPage | undefined;
let doorIds: string[] = [];
let roundId = '';

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	doorIds = await createDoors(
		su,
		STREET,
		Array.from({ length: 9 }, (_, i) => String(i + 1))
	);
	// Ended a month ago (settled): 9 doors visited, 6 talked and 3 not home; groen raised in
	// every talk, taal in two; yes 5, no 1 to its question, and a text answer nobody may see.
	const { record: worker } = await asWorker(su);
	const round = await createRound(su, {
		name: NAME,
		startsOn: day(-60),
		endsOn: day(-30),
		themes: ['groen', 'taal']
	});
	roundId = round.id;
	const question = await createQuestion(su, round.id, {
		position: 0,
		kind: 'yesno',
		textNl: 'Kent u uw buren?',
		textEn: 'Do you know your neighbours?'
	});
	const text = await createQuestion(su, round.id, {
		position: 1,
		kind: 'text',
		textNl: 'Wat zou u doen?',
		textEn: 'What would you do?'
	});
	const list = await createWalkList(su, round.id, { name: STREET, addresses: doorIds });
	for (const [i, door] of doorIds.entries()) {
		const talked = i < 6;
		await su.collection('conversations').create({
			area: address.buurtId,
			address: door,
			worker: worker.id,
			heldAt: day(-45),
			outcome: talked ? 'talked' : 'not_home',
			walkList: list.id,
			themes: talked ? ['groen', ...(i < 2 ? ['taal'] : [])] : [],
			answers: talked ? { [question.id]: i < 5, [text.id]: `${SECRET} ${i}` } : undefined
		});
	}
});

afterAll(async () => {
	await opened?.context.close().catch(() => {});
	await browser?.close();
	await removeRoundData(su, { doors: doorIds, rounds: [roundId] });
});

it('shows a viewer an ended round’s figures, with small counts hidden', async () => {
	opened = await newPage(browser, { width: 390, height: 844 });
	const { page } = opened;
	await page.goto(`${appUrl}/`);
	await signInBackTo(page, viewer, '/');

	// "Meer" fits her phone's header (the gap view and the language moved into it) and holds Rondes.
	const more = page.getByTestId('nav-more');
	await more.waitFor(WAIT);
	const fits = await page.evaluate(() => {
		const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
		const nav = document.querySelector('header nav')!;
		return {
			page: document.documentElement.scrollWidth <= window.innerWidth,
			// No link of the nav cut off or scrolled out of it.
			nav: nav.scrollWidth <= nav.clientWidth,
			more: box('[data-testid="nav-more"]').left >= 0,
			logout: box('[data-testid="logout"]').right <= window.innerWidth
		};
	});
	expect(fits).toEqual({ page: true, nav: true, more: true, logout: true });
	await more.click();
	await page.getByTestId('nav-rounds').click();
	await page.waitForURL((url) => url.pathname === '/rondes', WAIT);
	await page.getByTestId('round-summaries').waitFor(WAIT);

	const round = page.locator(`[data-testid="round-summary"][data-id="${roundId}"]`);
	await round.getByTestId('round-summary-figures').waitFor(WAIT);
	await round.scrollIntoViewIfNeeded();
	expect(await round.getByTestId('round-summary-status').textContent()).toBe('Afgelopen');
	expect(await round.textContent()).toContain('9 deuren');
	// 9 visited: 6 talked and 3 not home; the 3 is too few, and with only it hidden the 6 would
	// tell it, so both read "verborgen".
	const figure = async (id: string) =>
		(await round.getByTestId(`round-summary-${id}`).textContent())?.trim();
	expect(await figure('visited')).toBe('9');
	expect(await figure('talked')).toBe('verborgen');
	expect(await figure('not-home')).toBe('verborgen');
	expect(await figure('other')).toBe('0');
	// taal, which it listens for, was raised twice: fewer than five.
	const taal = round.locator('[data-testid="round-summary-theme"][data-theme="taal"]');
	expect(await taal.textContent()).toContain('minder dan 5');
	const groen = round.locator('[data-testid="round-summary-theme"][data-theme="groen"]');
	expect(await groen.textContent()).toContain('6');
	// The question: 6 answered, yes and no hidden; the text only counted.
	const questions = round.getByTestId('round-summary-question');
	expect(await questions.nth(0).getByTestId('round-summary-answered').textContent()).toContain('6');
	expect(await questions.nth(0).getByTestId('round-summary-cell').allTextContents()).toEqual([
		expect.stringContaining('verborgen'),
		expect.stringContaining('verborgen')
	]);
	expect(await questions.nth(1).textContent()).toContain('Alleen het aantal telt');
	expect(await page.content()).not.toContain(SECRET);
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
		true
	);
	await page.screenshot({ path: '/tmp/round-summary-e2e.png', fullPage: false });
});
