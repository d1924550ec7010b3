// Guards a suggested connection end to end on a phone (built app, real PocketBase with the
// Overvecht fixture): the coordinator marks what an initiative asks help with (its form); a
// resident's talent nearby (she agreed to be contacted) with that theme is suggested to her with
// its evidence; she picks the worker and connects them; the map draws the new link from the
// talent (asset detail and links layer) and the network joins them in its graph; the worker finds
// the introduction under Taken. Its own records, in a street of the free buurt, removed in
// afterAll (links, suggestions and the task go with them).
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { appSuperuser } from '../support/app-data';
import { axeProblems } from '../support/axe';
import {
	launchBrowser,
	newPage,
	renderedFeatures,
	signInBackTo,
	waitForMapIdle,
	type TestPage
} from '../support/browser';
import { userByEmail } from '../support/round-data';

const appUrl = inject('appUrl');
const coordinator = inject('coordinator');
const worker = inject('worker');
const { freePoint } = inject('overvecht');
const WAIT = { timeout: 30_000 };
const TAG = newRecordId().slice(0, 6);
const GIFT_TITLE = `Huiswerkhulp e2e ${TAG}`;
const INITIATIVE_TITLE = `Huiswerkklas e2e ${TAG}`;
/** South of the free buurt's other test places; the initiative some 90 m north of the talent. */
const GIFT_AT = { lon: freePoint.lon, lat: freePoint.lat - 0.0012 };
const INITIATIVE_AT = { lon: freePoint.lon, lat: freePoint.lat - 0.0004 };

let browser: Browser;
let su: PocketBase;
const opened: TestPage[] = [];
const made = { person: '', talk: '', gift: '', initiative: '' };

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	const wendy = await userByEmail(su, worker.email);
	made.person = (
		await su.collection('people').create({
			area: freePoint.buurtId,
			consent: {
				scopes: ['contact'],
				givenAt: new Date(Date.now() - 86_400_000).toISOString(),
				until: new Date(Date.now() + 365 * 86_400_000).toISOString(),
				source: 'conversation'
			}
		})
	).id;
	made.talk = (
		await su.collection('conversations').create({
			area: freePoint.buurtId,
			worker: wendy.id,
			person: made.person,
			heldAt: '2026-11-12 10:00:00.000Z',
			outcome: 'talked',
			themes: ['jeugd'],
			location: GIFT_AT
		})
	).id;
	made.gift = (
		await su.collection('assets').create({
			kind: 'capacity',
			title: GIFT_TITLE,
			themes: ['jeugd'],
			location: GIFT_AT,
			precision: 'street',
			area: freePoint.buurtId,
			status: 'active',
			person: made.person,
			sourceConversation: made.talk
		})
	).id;
	made.initiative = (
		await su.collection('assets').create({
			kind: 'initiative',
			title: INITIATIVE_TITLE,
			themes: ['jeugd'],
			location: INITIATIVE_AT,
			precision: 'exact',
			area: freePoint.buurtId,
			status: 'active'
		})
	).id;
});

afterAll(async () => {
	for (const t of opened) await t.context.close().catch(() => {});
	await browser?.close();
	// The assets take their links and suggestions with them; the talk its follow-up.
	for (const id of [made.gift, made.initiative]) {
		if (id)
			await su
				.collection('assets')
				.delete(id)
				.catch(() => {});
	}
	if (made.talk)
		await su
			.collection('conversations')
			.delete(made.talk)
			.catch(() => {});
	if (made.person)
		await su
			.collection('people')
			.delete(made.person)
			.catch(() => {});
});

async function phone(): Promise<Page> {
	const t = await newPage(browser, { width: 390, height: 844 });
	opened.push(t);
	return t.page;
}

it('a coordinator connects a suggested pair: a line on the map and in the graph, and a task for the worker', async () => {
	const page = await phone();
	// She marks what the initiative asks help with, in its form on the map.
	await page.goto(`${appUrl}/?asset=${made.initiative}`);
	await signInBackTo(page, coordinator, '/');
	await page.locator(`[data-testid="asset-detail"][data-id="${made.initiative}"]`).waitFor(WAIT);
	await page.getByTestId('asset-edit').click();
	const form = page.locator('[data-testid="asset-form"][data-mode="edit"]');
	await form.waitFor(WAIT);
	await form
		.getByRole('group', { name: 'Vraagt hulp bij' })
		.getByRole('checkbox', { name: 'Jeugd', exact: true })
		.check();
	await page.getByTestId('asset-save').click();
	await page.getByTestId('asset-detail-asks-help').waitFor(WAIT);
	expect((await page.getByTestId('asset-detail-asks-help').textContent())?.trim()).toBe('Jeugd');
	expect((await su.collection('assets').getOne(made.initiative)).asksHelp).toEqual(['jeugd']);

	await page.goto(`${appUrl}/netwerk/suggesties`);
	await page.locator('[data-testid="suggestions-page"][data-status="ready"]').waitFor(WAIT);

	const [stored] = await su.collection('connection_suggestions').getFullList({
		filter: su.filter('gift = {:gift} && initiative = {:initiative}', {
			gift: made.gift,
			initiative: made.initiative
		})
	});
	expect(stored.status).toBe('open');
	const card = page.locator(`[data-testid="suggestion"][data-id="${stored.id}"]`);
	await card.waitFor(WAIT);
	// The evidence: the talent, the initiative, the shared theme, how far, the talk and its date.
	expect(await card.getByTestId('suggestion-gift').textContent()).toBe(GIFT_TITLE);
	expect(await card.getByTestId('suggestion-other').textContent()).toBe(INITIATIVE_TITLE);
	const text = (await card.textContent()) ?? '';
	expect(text).toContain('Jeugd');
	expect(text).toContain('90 m lopen');
	expect(await card.getByTestId('suggestion-talk').textContent()).toContain('12 nov 2026');
	expect(await axeProblems(page, 'suggestions')).toEqual([]);
	// Every control is at least 44 px high on the phone.
	for (const control of ['suggestion-assignee', 'suggestion-accept', 'suggestion-dismiss']) {
		const box = await card.getByTestId(control).boundingBox();
		expect(box!.height, control).toBeGreaterThanOrEqual(44);
	}

	const wendy = await userByEmail(su, worker.email);
	await card.getByTestId('suggestion-assignee').selectOption(wendy.id);
	await card.getByTestId('suggestion-accept').click();
	await page.getByTestId('toast').filter({ hasText: 'Verbonden' }).waitFor(WAIT);
	await card.waitFor({ state: 'detached', ...WAIT });

	const decided = await su.collection('connection_suggestions').getOne(stored.id);
	expect(decided.status).toBe('accepted');
	const link = await su.collection('links').getOne(decided.link);
	expect([link.from, link.to, link.kind]).toEqual([made.gift, made.initiative, 'connects']);

	// On the map: the talent's detail names the link, and its line is drawn.
	await page.goto(`${appUrl}/?asset=${made.gift}`);
	await page.locator(`[data-testid="asset-detail"][data-id="${made.gift}"]`).waitFor(WAIT);
	await page.locator(`[data-testid="asset-link"][data-link-id="${link.id}"]`).waitFor(WAIT);
	await waitForMapIdle(page);
	await page.evaluate(
		([a, b]) => {
			window.__krachtkaartMap!.fitBounds(
				[
					[Math.min(a.lon, b.lon), Math.min(a.lat, b.lat)],
					[Math.max(a.lon, b.lon), Math.max(a.lat, b.lat)]
				],
				{ padding: 40, maxZoom: 17, duration: 0 }
			);
		},
		[GIFT_AT, INITIATIVE_AT]
	);
	await expect
		.poll(async () => {
			await waitForMapIdle(page);
			return (await renderedFeatures(page, ['links', 'links-selected'])).map((f) => f.id);
		}, WAIT)
		.toContain(link.id);

	// And in the network's graph: the gift and the initiative are joined.
	await page.goto(`${appUrl}/netwerk?asset=${link.from}`);
	await page.waitForFunction(
		([from, to]) => {
			const graph = window.__krachtkaartGraph?.getGraph();
			return graph?.hasNode(from) === true && graph.hasNode(to) && graph.areNeighbors(from, to);
		},
		[link.from as string, link.to as string],
		WAIT
	);

	// The worker finds the introduction among her tasks.
	const hers = await phone();
	await hers.goto(`${appUrl}/taken`);
	await signInBackTo(hers, worker, '/taken');
	const task = hers.locator(`[data-testid="task"][data-id="${decided.followUp}"]`);
	await task.waitFor(WAIT);
	expect(await task.getByTestId('task-what').textContent()).toContain(GIFT_TITLE);
	expect(await task.getByTestId('task-what').textContent()).toContain(INITIATIVE_TITLE);
});
