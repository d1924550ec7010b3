// Guards the network view on a phone (390×844; built app, real PocketBase, headless Chromium): a
// coordinator opens Netwerk from "Meer", sees the graph of the fixture's assets with the links
// this test adds (asserted through sigma's graph and renderer, exposed under automation, not
// pixels), selects the talent that holds them together from the list (named a verbinder, with
// why), the graph highlights it, the map highlights it (feature state), the URL holds it and a
// reload keeps it. A filter change hides what it leaves out in the same drawing, nothing moving,
// and the table follows. A viewer sees counts per buurt only: no graph, no names. axe on both.
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { appSuperuser } from '../support/app-data';
import { axeProblems } from '../support/axe';
import {
	launchBrowser,
	newPage,
	signInBackTo,
	waitForMapIdle,
	type TestPage
} from '../support/browser';

const appUrl = inject('appUrl');
const coordinator = inject('coordinator');
const viewer = inject('viewer');
const { visibleAssetIds, keyFigureId, initiativeId } = inject('overvecht');
const WAIT = { timeout: 30_000 };
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let su: PocketBase;
const opened: TestPage[] = [];
const linkIds: string[] = [];
/** "Kookt voor de buren": the talent between the key figure and the initiative. */
let talentId = '';
let associationId = '';

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	const fixture = await su.collection('assets').getFullList({
		filter: visibleAssetIds.map((id) => su.filter('id = {:id}', { id })).join(' || ')
	});
	talentId = fixture.find((a) => a.kind === 'capacity')!.id;
	associationId = fixture.find((a) => a.kind === 'association')!.id;
	// key figure — talent — initiative — association: the talent holds the key figure to the rest.
	for (const [from, to, kind] of [
		[keyFigureId, talentId, 'knows'],
		[talentId, initiativeId, 'supports'],
		[associationId, initiativeId, 'memberOf']
	]) {
		const link = await su.collection('links').create({ from, to, kind, note: '' });
		linkIds.push(link.id);
	}
});

afterAll(async () => {
	for (const { context } of opened) await context.close().catch(() => {});
	await browser?.close();
	for (const id of linkIds) {
		await su
			.collection('links')
			.delete(id)
			.catch(() => {});
	}
});

async function phonePage(): Promise<Page> {
	const opening = await newPage(browser, PHONE);
	opened.push(opening);
	// An error thrown in the page says why a screen never became ready.
	opening.page.on('pageerror', (error) => console.error('[page]', error.message));
	return opening.page;
}

async function networkReady(page: Page): Promise<void> {
	await page.locator('[data-testid="network-page"][data-status="ready"]').waitFor(WAIT);
}

/** What sigma draws: its graph's nodes and edges, and how it displays one node. */
async function drawn(page: Page, node: string) {
	await page.waitForFunction(
		(id) => window.__krachtkaartGraph?.getGraph().hasNode(id) === true,
		node,
		WAIT
	);
	return page.evaluate((id) => {
		const sigma = window.__krachtkaartGraph!;
		const graph = sigma.getGraph();
		return {
			order: graph.order,
			edges: graph.edges().map((e) => graph.extremities(e).sort().join('-')),
			highlighted: sigma.getNodeDisplayData(id)?.highlighted === true
		};
	}, node);
}

async function selectedOnMap(page: Page, id: string): Promise<boolean> {
	await waitForMapIdle(page);
	return page.evaluate(
		(asset) =>
			window.__krachtkaartMap!.getFeatureState({ source: 'assets', id: asset }).selected === true,
		id
	);
}

it('shows a coordinator the graph, and a node picked from the list on the map and in the URL', async () => {
	const page = await phonePage();
	await page.goto(`${appUrl}/`);
	await signInBackTo(page, coordinator, '/');
	// On a phone Netwerk is under "Meer".
	await page.getByTestId('nav-more').click();
	await page.getByTestId('nav-network').click();
	await page.waitForURL((url) => url.pathname === '/netwerk', WAIT);
	await networkReady(page);

	const before = await drawn(page, talentId);
	expect(before.order).toBeGreaterThanOrEqual(visibleAssetIds.length);
	expect(before.edges).toEqual(
		expect.arrayContaining([
			[keyFigureId, talentId].sort().join('-'),
			[talentId, initiativeId].sort().join('-'),
			[associationId, initiativeId].sort().join('-')
		])
	);
	expect(before.highlighted).toBe(false);
	// The network's other pages, one tap away.
	expect(await page.getByTestId('network-links').getByRole('link').allTextContents()).toEqual([
		'Voorgestelde verbindingen',
		'ABCD-ladder',
		'Terugblik'
	]);

	// The talent holds the key figure to the rest: a verbinder, with why.
	const verbinder = page.locator(`[data-testid="network-verbinder"][data-id="${talentId}"]`);
	await verbinder.waitFor(WAIT);
	await expect
		.poll(() => verbinder.locator('xpath=..').textContent())
		.toMatch(/valt het netwerk uiteen in 2 delen/);

	// Picked from the list (the graph's accessible alternative).
	await page.locator(`[data-testid="network-node"][data-id="${talentId}"]`).click();
	const details = page.getByTestId('network-details');
	await expect.poll(() => details.textContent()).toContain('Kookt voor de buren');
	expect(await page.getByTestId('network-degree').textContent()).toBe('2');
	await expect.poll(async () => (await drawn(page, talentId)).highlighted).toBe(true);

	// The map highlights it.
	await page.getByTestId('network-pane-map').click();
	expect(await selectedOnMap(page, talentId)).toBe(true);
	await page.waitForURL(
		(url) => url.searchParams.get('asset') === talentId && url.searchParams.get('view') === 'map',
		WAIT
	);
	expect(await axeProblems(page, 'netwerk (coordinator, phone, map)')).toEqual([]);

	// A reload keeps the view.
	await page.reload();
	await networkReady(page);
	expect(await selectedOnMap(page, talentId)).toBe(true);
	await expect.poll(() => details.textContent()).toContain('Kookt voor de buren');
	await page.getByTestId('network-pane-graph').click();
	await expect.poll(async () => (await drawn(page, talentId)).highlighted).toBe(true);
	expect(await axeProblems(page, 'netwerk (coordinator, phone, graph)')).toEqual([]);

	// Initiatives only: the talent is hidden in the same drawing, the initiative stays where it was.
	const where = (id: string) =>
		page.evaluate((node) => {
			const data = window.__krachtkaartGraph!.getNodeDisplayData(node)!;
			return { x: data.x, y: data.y, hidden: data.hidden };
		}, id);
	const initiativeBefore = await where(initiativeId);
	await page.evaluate(() => {
		(window as { __graphBefore?: unknown }).__graphBefore = window.__krachtkaartGraph;
	});
	await page.locator('summary', { hasText: 'Filters' }).click();
	await page.getByTestId('network-kind-initiative').check();
	await expect.poll(async () => (await where(talentId)).hidden).toBe(true);
	expect(await where(initiativeId)).toEqual(initiativeBefore);
	expect(
		await page.evaluate(
			() => (window as { __graphBefore?: unknown }).__graphBefore === window.__krachtkaartGraph
		)
	).toBe(true);
	// The table follows: initiatives only, once their metrics are in.
	await page.getByTestId('network-calculating').waitFor({ state: 'detached', ...WAIT });
	const kinds = await page
		.getByTestId('network-node')
		.evaluateAll((buttons) =>
			buttons.map((b) => b.closest('tr')!.querySelector('td')!.textContent)
		);
	expect(kinds.length).toBeGreaterThan(0);
	expect(new Set(kinds)).toEqual(new Set(['Bewonersinitiatief']));
});

it('shows a viewer counts per buurt only, no graph and no names', async () => {
	const page = await phonePage();
	await page.goto(`${appUrl}/netwerk`);
	await signInBackTo(page, viewer, '/netwerk');
	await networkReady(page);
	const rows = page.getByTestId('network-viewer-row');
	await rows.first().waitFor(WAIT);
	// Every buurt with assets in the fixture has one or two: fewer than 5, so not shown.
	const cells = await page.getByTestId('network-viewer-nodes').allTextContents();
	expect(cells.length).toBeGreaterThan(0);
	for (const cell of cells) expect(cell).toMatch(/^(minder dan 5|0|[5-9]|\d{2,})$/);
	const text = await page.getByTestId('network-page').textContent();
	for (const title of ['Fatima', 'Kookt voor de buren', 'Moestuin Wolgadreef']) {
		expect(text).not.toContain(title);
	}
	expect(await page.evaluate(() => window.__krachtkaartGraph === undefined)).toBe(true);
	expect(await page.getByTestId('network-graph').count()).toBe(0);
	// Of the network's other pages, only the ladder's counts are hers.
	expect(await page.getByTestId('network-links').getByRole('link').allTextContents()).toEqual([
		'ABCD-ladder'
	]);
	expect(await axeProblems(page, 'netwerk (viewer, phone)')).toEqual([]);
});
