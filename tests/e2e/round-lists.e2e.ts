// Guards the coordinator's walk lists on a phone (built app, real PocketBase with the Overvecht
// fixture, offline basemap: no tiles): she draws an area around three of a round's doors on the
// map by tapping, closes it on its first point and gets a list of those three doors, gives it to
// a worker with a last day and saves it; she changes its last day; then she deletes the round
// through the dialog and is back at "Rondes", the round and its list gone from the server.
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { appSuperuser } from '../support/app-data';
import {
	launchBrowser,
	mapKeyDots,
	newPage,
	signInBackTo,
	waitForMapIdle,
	type TestPage
} from '../support/browser';
import { createDoor, createRound, removeRoundData, userByEmail } from '../support/round-data';

const appUrl = inject('appUrl');
const coordinator = inject('coordinator');
const worker = inject('worker');
const { freePoint } = inject('overvecht');
const NAME = `Tekenronde e2e ${newRecordId().slice(0, 6)}`;
const WAIT = { timeout: 30_000 };
/** North of the buurt's other test doors (conversation-grows-map.e2e.ts lies on freePoint's row). */
const AT = { lon: freePoint.lon, lat: freePoint.lat + 0.0015 };
const INSIDE: [number, number][] = [
	[AT.lon, AT.lat],
	[AT.lon + 0.0002, AT.lat],
	[AT.lon + 0.0001, AT.lat + 0.0001]
];
const OUTSIDE: [number, number] = [AT.lon + 0.0001, AT.lat - 0.00025];
/** The area she draws: a box around the three inside doors, clear of the fourth. */
const AREA: [number, number][] = [
	[AT.lon - 0.0001, AT.lat - 0.0001],
	[AT.lon + 0.0003, AT.lat - 0.0001],
	[AT.lon + 0.0003, AT.lat + 0.0002],
	[AT.lon - 0.0001, AT.lat + 0.0002]
];

let browser: Browser;
let su: PocketBase;
let opened: TestPage | undefined;
let roundId = '';
const insideIds: string[] = [];
const doorIds: string[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	const doors: [string, string, [number, number]][] = [
		...INSIDE.map((p, i): [string, string, [number, number]] => ['Tekenlaan', String(i + 1), p]),
		['Buitenlaan', '1', OUTSIDE]
	];
	for (const [street, number, [lon, lat]] of doors) {
		const id = await createDoor(su, street, number, {
			location: { lon, lat },
			area: freePoint.buurtId
		});
		doorIds.push(id);
		if (street === 'Tekenlaan') insideIds.push(id);
	}
	const me = await userByEmail(su, coordinator.email);
	const round = await createRound(su, {
		name: NAME,
		startsOn: '2099-03-01 12:00:00.000Z',
		endsOn: '2099-03-31 12:00:00.000Z',
		areas: [freePoint.buurtId],
		createdBy: me.id
	});
	roundId = round.id;
});

afterAll(async () => {
	await opened?.context.close().catch(() => {});
	await browser?.close();
	await removeRoundData(su, { doors: doorIds, rounds: [roundId] });
});

/** Taps the map at a place, as a finger would (the map's canvas scrolled into the middle). */
async function tapMapAt(page: Page, [lon, lat]: [number, number]) {
	const at = await page.evaluate(
		([lon, lat]) => {
			const map = window.__krachtkaartMap!;
			const pixel = map.project([lon, lat]);
			const box = map.getCanvas().getBoundingClientRect();
			return { x: box.left + pixel.x, y: box.top + pixel.y };
		},
		[lon, lat]
	);
	await page.mouse.click(at.x, at.y);
}

it('draws a walk list on the map, assigns and dates it, changes it, and deletes the round', async () => {
	opened = await newPage(browser, { width: 390, height: 844 });
	const { page } = opened;
	await page.goto(`${appUrl}/rondes/${roundId}`);
	await signInBackTo(page, coordinator, `/rondes/${roundId}`);
	const lists = page.getByTestId('round-lists');
	await lists.waitFor(WAIT);

	await lists.getByTestId('round-lists-draw').click(WAIT);
	await page.locator('[data-testid="list-map"][data-ready="true"]').waitFor(WAIT);
	await waitForMapIdle(page);
	// Close in on the doors (the map opened on all of the buurt's), the map in the screen's middle.
	await page.evaluate(([lon, lat]) => {
		window.__krachtkaartMap!.getContainer().scrollIntoView({ block: 'center' });
		window.__krachtkaartMap!.jumpTo({ center: [lon, lat], zoom: 17.5 });
	}, INSIDE[2]);
	await waitForMapIdle(page);
	// The offline basemap draws the doors, no tiles needed: the four test doors are free.
	const drawn = await page.evaluate(() =>
		window
			.__krachtkaartMap!.queryRenderedFeatures({ layers: ['round-doors'] })
			.map((f) => ({ id: String(f.properties.id), state: String(f.properties.state) }))
	);
	for (const id of doorIds) expect(drawn).toContainEqual({ id, state: 'free' });
	// The key above the map shows the doors' dots in the map's colours.
	const paint = await page.evaluate(() =>
		['circle-color', 'circle-stroke-color'].map((property) =>
			window.__krachtkaartMap!.getPaintProperty('round-doors', property)
		)
	);
	expect(paint).toEqual([
		['match', ['get', 'state'], 'listed', '#ffffff', 'drawing', '#e69f00', '#1f4e6b'],
		['match', ['get', 'state'], 'listed', '#8a969c', 'drawing', '#ffffff', '#ffffff']
	]);
	expect(await mapKeyDots(page, 'list-map-key')).toEqual({
		free: { fill: '#1f4e6b', ring: '#ffffff' },
		listed: { fill: '#ffffff', ring: '#8a969c' },
		drawing: { fill: '#e69f00', ring: '#ffffff' }
	});

	for (const corner of AREA) await tapMapAt(page, corner);
	const inside = page.getByTestId('list-map-inside');
	await expect.poll(() => inside.getAttribute('data-count'), WAIT).toBe('3');
	await page.screenshot({ path: '/tmp/round-lists-e2e-draw.png', fullPage: true });
	// A tap on the first point closes the area: its three doors are a new list.
	await tapMapAt(page, AREA[0]);
	await page.getByTestId('list-map-result').waitFor(WAIT);
	expect(await page.getByTestId('list-map-result').textContent()).toContain('3 deuren');
	// Drawn: on the list being made; the fourth door stays free.
	const states = () =>
		page.evaluate(() =>
			window
				.__krachtkaartMap!.querySourceFeatures('round-doors')
				.map((f) => [String(f.properties.id), String(f.properties.state)])
		);
	await expect.poll(states, WAIT).toContainEqual([insideIds[0], 'listed']);
	const after = await states();
	for (const id of insideIds) expect(after).toContainEqual([id, 'listed']);
	expect(after).toContainEqual([doorIds[3], 'free']);
	await page.getByTestId('list-map-stop').click();

	const draft = lists.getByTestId('round-cut-list');
	expect(await draft.count()).toBe(1);
	expect(await draft.getAttribute('data-count')).toBe('3');
	expect(await draft.textContent()).toContain('Tekenlaan');
	const wendy = await userByEmail(su, worker.email);
	await draft.getByTestId('round-cut-walker').first().selectOption(wendy.id);
	await draft.getByTestId('round-cut-expires').fill('2099-03-20');
	await page.screenshot({ path: '/tmp/round-lists-e2e-draft.png', fullPage: true });
	await lists.getByTestId('round-cut-save').click();
	await lists.getByTestId('round-lists-saved').waitFor(WAIT);

	const saved = lists.getByTestId('round-list');
	await saved.waitFor(WAIT);
	const [stored] = await su
		.collection('walk_lists')
		.getFullList({ filter: su.filter('round = {:round}', { round: roundId }) });
	expect([...stored.addresses].sort()).toEqual([...insideIds].sort());
	expect(stored.assignees).toEqual([wendy.id]);
	expect(stored.expiresOn).toBe('2099-03-20 12:00:00.000Z');
	const summary = saved.getByTestId('round-list-summary');
	expect(await summary.textContent()).toContain('3 deuren');
	expect(await summary.textContent()).toContain(worker.name);
	expect(await saved.getByTestId('round-list-checkout').textContent()).toContain(
		'Niet uitgecheckt'
	);

	// A later last day, saved at once.
	await saved.getByTestId('round-list-edit').click();
	await saved.getByTestId('round-list-expires').fill('2099-04-15');
	await expect
		.poll(async () => (await su.collection('walk_lists').getOne(stored.id)).expiresOn, WAIT)
		.toBe('2099-04-15 12:00:00.000Z');
	await expect.poll(() => summary.textContent(), WAIT).toContain('15 apr');
	await page.screenshot({ path: '/tmp/round-lists-e2e-saved.png', fullPage: true });

	// Deleting the round asks first, saying what goes and what stays.
	await page.getByTestId('round-delete').click();
	const dialog = page.getByTestId('round-delete-dialog');
	await dialog.waitFor(WAIT);
	const told = (await dialog.textContent()) ?? '';
	expect(told).toContain(NAME);
	expect(told).toContain('0 extra vragen en 1 looplijst.');
	expect(told).toContain('gesprekken blijven bewaard');
	await page.screenshot({ path: '/tmp/round-lists-e2e-delete.png' });
	await dialog.getByTestId('round-delete-confirm').click();
	await page.waitForURL((url) => url.pathname.endsWith('/rondes'), WAIT);
	await page.getByTestId('rounds-page').waitFor(WAIT);
	await expect
		.poll(() =>
			su
				.collection('rounds')
				.getOne(roundId)
				.then(
					() => 200,
					(e: { status: number }) => e.status
				)
		)
		.toBe(404);
	await expect(su.collection('walk_lists').getOne(stored.id)).rejects.toMatchObject({
		status: 404
	});
	expect(await page.getByTestId('round').filter({ hasText: NAME }).count()).toBe(0);
});
