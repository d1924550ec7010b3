// Guards the to-do list in Chromium (built app, real PocketBase): a follow-up agreed at a door
// appears on the worker's phone without a reload, under "Vandaag", counted in the nav badge; one
// tap ticks it off (the server has it done), it folds into "Gedaan", and the toast's undo opens it
// again. A coordinator sees it in her team's list and gives it to a colleague, and sees the talk
// logged far from its door. The header stays on one row at 360 px. And the login banner that
// shares the header: a login that expires while a conversation waits keeps it on the phone, says
// so, and after signing in again it is sent, once.
import PocketBase from 'pocketbase';
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { amsterdamDay, toPbDate } from '$lib/followups/followups';
import { newRecordId } from '$lib/sync/outbox';
import type { E2eUser } from '../support/app-global';
import { appSuperuser, overvechtDoor } from '../support/app-data';
import { launchBrowser, newPage, signInBackTo, type TestPage } from '../support/browser';

const appUrl = inject('appUrl');
const worker = inject('worker');
const coordinator = inject('coordinator');
const colleague = inject('colleague');
const { address } = inject('overvecht');
const WAIT = { timeout: 30_000 };

let browser: Browser;
let su: PocketBase;
let asWorker: PocketBase;
let workerId: string;
let door: { id: string; area: string; lon: number; lat: number };
const opened: TestPage[] = [];
const logged: string[] = [];
const madeAddresses: string[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	// The worker logs her talks with her own login, as the phone does.
	asWorker = new PocketBase(appUrl);
	asWorker.autoCancellation(false);
	workerId = (await asWorker.collection('users').authWithPassword(worker.email, worker.password))
		.record.id;
	const record = await overvechtDoor(su);
	door = { id: record.id, area: record.area, lon: address.lon, lat: address.lat };
});

afterAll(async () => {
	for (const { context } of opened) await context.close().catch(() => {});
	await browser?.close();
	// Its follow-up goes with it (cascadeDelete).
	for (const id of logged)
		await su
			.collection('conversations')
			.delete(id)
			.catch(() => {});
	for (const id of madeAddresses) {
		const talks = await su
			.collection('conversations')
			.getFullList({ filter: su.filter('address = {:id}', { id }) });
		for (const talk of talks) await su.collection('conversations').delete(talk.id);
		await su
			.collection('addresses')
			.delete(id)
			.catch(() => {});
	}
});

/** A talk at the fixture's door with a follow-up, logged by the worker; returns the follow-up. */
async function talkWithFollowUp(what: string, fields: Record<string, unknown> = {}) {
	const id = newRecordId();
	await asWorker.collection('conversations').create({
		id,
		area: door.area,
		address: door.id,
		worker: workerId,
		heldAt: toPbDate(new Date()),
		outcome: 'talked',
		location: { lon: door.lon, lat: door.lat },
		locationSource: 'address',
		followUp: { what, due: amsterdamDay(new Date()) },
		...fields
	});
	logged.push(id);
	return su.collection('follow_ups').getFirstListItem(su.filter('conversation = {:id}', { id }));
}

/** Opens a page of the app in a fresh browser, signing in on the way. */
async function openAs(user: E2eUser, path: string, viewport: { width: number; height: number }) {
	const testPage = await newPage(browser, viewport);
	opened.push(testPage);
	await testPage.page.goto(`${appUrl}${path}`);
	await signInBackTo(testPage.page, user, path);
	return testPage.page;
}

async function openTasks(user: E2eUser, viewport: { width: number; height: number }) {
	const page = await openAs(user, '/taken', viewport);
	await page.locator('[data-testid="tasks-page"][data-status="ready"]').waitFor(WAIT);
	return page;
}

const badge = async (page: Page) => {
	const count = page.getByTestId('nav-tasks-count');
	return (await count.count()) === 0 ? 0 : Number(await count.getAttribute('data-count'));
};

it('shows a new follow-up live, ticks it off with one tap, and undoes it', async () => {
	const page = await openTasks(worker, { width: 360, height: 740 });
	// On a small phone the header still fits: nothing wider than the screen, every control on it.
	const fits = () =>
		page.evaluate(() => {
			const right = (selector: string) =>
				document.querySelector(selector)?.getBoundingClientRect().right ?? Infinity;
			return {
				page: document.documentElement.scrollWidth <= window.innerWidth,
				// Not scrolled out of the nav (its last resort on even smaller screens).
				tasks: right('[data-testid="nav-tasks"]') <= right('header nav'),
				logout: right('[data-testid="logout"]') <= window.innerWidth
			};
		});
	await expect.poll(() => page.getByTestId('nav-tasks').isVisible()).toBe(true);
	expect(await fits()).toEqual({ page: true, tasks: true, logout: true });
	const before = await badge(page);

	const what = `Terugbellen over het buurtfeest ${newRecordId()}`;
	const task = await talkWithFollowUp(what);
	const row = page.locator(`[data-testid="task"][data-id="${task.id}"]`);
	// No reload: it arrives through the realtime subscription.
	await row.waitFor(WAIT);
	expect(
		await row.evaluate((el) =>
			el.closest('[data-testid="tasks-group"]')?.getAttribute('data-group')
		)
	).toBe('today');
	expect(await row.getByTestId('task-what').textContent()).toBe(what);
	expect(await row.getByTestId('task-address').textContent()).toBe(
		`${address.street} ${address.number}`
	);
	expect(await row.textContent()).toContain('Wendy Jansen');
	await expect.poll(() => badge(page), WAIT).toBe(before + 1);
	// With the badge too.
	expect(await fits()).toEqual({ page: true, tasks: true, logout: true });

	await row.getByTestId('task-tick').click();
	await row.waitFor({ state: 'detached' });
	const toast = page.getByTestId('toast');
	expect(await toast.textContent()).toContain(`Gedaan: ${what}`);
	await expect
		.poll(async () => (await su.collection('follow_ups').getOne(task.id)).done, WAIT)
		.toBe(true);
	const ticked = await su.collection('follow_ups').getOne(task.id);
	expect(ticked.doneBy).toBe(workerId);
	await expect.poll(() => badge(page), WAIT).toBe(before);

	await page.locator('[data-testid="tasks-done"] summary').click();
	await page.locator(`[data-testid="task-done"][data-id="${task.id}"]`).waitFor(WAIT);

	await toast.getByTestId('toast-action').click();
	await row.waitFor(WAIT);
	await page
		.locator(`[data-testid="task-done"][data-id="${task.id}"]`)
		.waitFor({ state: 'detached' });
	await expect
		.poll(async () => (await su.collection('follow_ups').getOne(task.id)).done, WAIT)
		.toBe(false);
	expect((await su.collection('follow_ups').getOne(task.id)).doneAt).toBe('');
	await expect.poll(() => badge(page), WAIT).toBe(before + 1);

	// Still there after a reload: it came from the server, not from the page's memory.
	await page.reload();
	await page.locator('[data-testid="tasks-page"][data-status="ready"]').waitFor(WAIT);
	await row.waitFor(WAIT);
});

it('lets a coordinator give a team member’s follow-up to a colleague and check far talks', async () => {
	const what = `Sleutelfiguur voorstellen ${newRecordId()}`;
	// Logged about 700 m east of the door.
	const task = await talkWithFollowUp(what, {
		location: { lon: door.lon + 0.01, lat: door.lat },
		locationSource: 'gps'
	});
	const colleagueId = (
		await su
			.collection('users')
			.getFirstListItem(su.filter('email = {:email}', { email: colleague.email }))
	).id;

	const page = await openTasks(coordinator, { width: 1280, height: 800 });
	const team = page.getByTestId('tasks-team');
	const row = team.locator(`[data-testid="task"][data-id="${task.id}"]`);
	await row.waitFor(WAIT);
	const far = page.locator(`[data-testid="far-talk"][data-id="${task.conversation}"]`);
	await far.waitFor(WAIT);
	expect(await far.textContent()).toContain(`${address.street} ${address.number}`);
	expect(await far.textContent()).toContain('Wendy Jansen');
	const metres = Number(
		(await far.getByTestId('far-talk-distance').textContent())?.match(/\d+/)?.[0]
	);
	expect(metres).toBeGreaterThan(600);
	expect(metres).toBeLessThan(800);

	await row.getByTestId('task-assignee').selectOption(colleagueId);
	await expect
		.poll(async () => (await su.collection('follow_ups').getOne(task.id)).assignee, WAIT)
		.toBe(colleagueId);
	// Filtered to the colleague, it is hers now.
	await team.getByTestId('tasks-team-filter').selectOption(colleagueId);
	await row.waitFor(WAIT);
	expect(await row.getByTestId('task-assignee').inputValue()).toBe(colleagueId);
});

it('keeps a conversation when the login expires, and sends it once after signing in again', async () => {
	// A door of its own, so no other test's visits get in the way.
	const own = await su.collection('addresses').create({
		street: address.street,
		number: '90',
		location: { lon: address.lon, lat: address.lat },
		area: address.buurtId
	});
	madeAddresses.push(own.id);
	const atDoor = () =>
		su
			.collection('conversations')
			.getFullList({ filter: su.filter('address = {:id}', { id: own.id }) });

	const page = await openAs(worker, '/oppad', { width: 360, height: 740 });
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	await page
		.locator(`[data-testid="walk-street"][data-street="${address.street}"] summary`)
		.click();
	const door = page.locator(`[data-testid="walk-door"][data-id="${own.id}"]`);
	await door.waitFor(WAIT);

	// The token runs out while the app is open (tokens last days; a walk offline can last longer).
	await page.evaluate(() => {
		const stored = JSON.parse(localStorage.getItem('pocketbase_auth')!);
		const [head, payload, signature] = (stored.token as string).split('.');
		const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
		claims.exp = Math.floor(Date.now() / 1000) - 60;
		const expired = btoa(JSON.stringify(claims))
			.replace(/\+/g, '-')
			.replace(/\//g, '_')
			.replace(/=+$/, '');
		localStorage.setItem(
			'pocketbase_auth',
			JSON.stringify({ ...stored, token: `${head}.${expired}.${signature}` })
		);
	});
	await door.getByTestId('walk-not-home').click();

	const banner = page.getByTestId('outbox-login');
	await banner.waitFor(WAIT);
	expect(await banner.textContent()).toContain(
		'Je login is verlopen. Log opnieuw in om 1 gesprek te versturen'
	);
	expect(await page.getByTestId('outbox-count').getAttribute('data-count')).toBe('1');
	expect(await atDoor()).toHaveLength(0);

	// A deliberate logout asks first; saying no keeps her where she was.
	await page.getByTestId('logout').click();
	const asked = page.getByTestId('logout-confirm');
	await asked.waitFor(WAIT);
	expect(await asked.textContent()).toContain('Er wacht nog 1 gesprek op deze telefoon');
	await page.getByTestId('logout-confirm-stay').click();
	await asked.waitFor({ state: 'hidden', ...WAIT });
	expect(new URL(page.url()).pathname).toBe('/oppad');
	expect(await page.getByTestId('logout').count()).toBeGreaterThan(0);

	await banner.getByTestId('outbox-login-button').click();
	await signInBackTo(page, worker, '/oppad');
	await expect.poll(async () => (await atDoor()).length, WAIT).toBe(1);
	const [stored] = await atDoor();
	expect(stored).toMatchObject({ outcome: 'not_home', worker: workerId });
	await page.getByTestId('outbox-count').waitFor({ state: 'detached', ...WAIT });
	expect(await banner.count()).toBe(0);
	// Still exactly one a moment later: nothing was sent twice.
	await page.waitForTimeout(1000);
	expect(await atDoor()).toHaveLength(1);
});
