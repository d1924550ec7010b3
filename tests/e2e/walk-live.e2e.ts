// Guards "Op pad" as a team (built app, real PocketBase, headless Chromium, two sessions): with
// her GPS the worker's streets come nearest first with their distance; a coordinator's talk and
// "niet thuis" reach her page without a reload (the talked door leaves her list, the other door's
// history names the coordinator, the street's coverage counts both); a `?deur=` link opens that
// door's form, an unknown one says so, and a talk logged there carries her GPS fix.
import type PocketBase from 'pocketbase';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { appSuperuser } from '../support/app-data';
import { launchBrowser, openMap, skipFirstRunTour } from '../support/browser';

const appUrl = inject('appUrl');
const worker = inject('worker');
const coordinator = inject('coordinator');
const { address } = inject('overvecht');
const WAIT = { timeout: 30_000 };

/**
 * Streets of this test only, about 2 km west of the fixture's street and 750 m from any other
 * test's doors, in a buurt of the wijk (a door's point must lie in its buurt: the server files
 * these under the buurt they lie in).
 */
const NEAR = 'Proefdreef';
/** Alphabetically before NEAR but 330 m further north: GPS must put it second. */
const FAR = 'Achterproefdreef';
const here = { lon: address.lon - 0.0275, lat: address.lat + 0.005 };
/** Where the worker's phone says she is: 0.0002° (about 22 m) south of NEAR's doors. */
const gps = { longitude: here.lon, latitude: here.lat - 0.0002, accuracy: 8 };

let browser: Browser;
let su: PocketBase;
const contexts: BrowserContext[] = [];
const doors: Record<string, string> = {};

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	const make = async (street: string, number: string, lat: number) => {
		const record = await su.collection('addresses').create({
			street,
			number,
			postcode: '3564 ZZ',
			city: 'Utrecht',
			location: { lon: here.lon, lat }
		});
		doors[`${street} ${number}`] = record.id;
	};
	for (const number of ['1', '3', '5']) await make(NEAR, number, here.lat);
	await make(FAR, '1', here.lat + 0.003);
});

afterAll(async () => {
	for (const context of contexts) await context.close().catch(() => {});
	await browser?.close();
	const ids = Object.values(doors);
	if (ids.length === 0) return;
	const logged = await su.collection('conversations').getFullList({
		filter: ids.map((id) => su.filter('address = {:id}', { id })).join(' || ')
	});
	for (const record of logged) await su.collection('conversations').delete(record.id);
	for (const id of ids)
		await su
			.collection('addresses')
			.delete(id)
			.catch(() => {});
});

async function session(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width: 360, height: 780 },
		locale: 'nl-NL',
		serviceWorkers: 'block',
		...options
	});
	contexts.push(context);
	await skipFirstRunTour(context);
	return context.newPage();
}

async function openWalk(page: Page) {
	await page.getByTestId('nav-walk').click();
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
}

const street = (page: Page, name: string) =>
	page.locator(`[data-testid="walk-street"][data-street="${name}"]`);
const door = (page: Page, key: string) =>
	page.locator(`[data-testid="walk-door"][data-id="${doors[key]}"]`);
const streetOrder = (page: Page) =>
	page
		.getByTestId('walk-street')
		.evaluateAll((streets) => streets.map((s) => s.getAttribute('data-street')));
const coverage = async (page: Page, name: string) => {
	const counts = street(page, name).getByTestId('walk-street-coverage');
	return [
		Number(await counts.getAttribute('data-visited')),
		Number(await counts.getAttribute('data-total'))
	];
};

async function conversationsAt(key: string) {
	return su.collection('conversations').getFullList({
		filter: su.filter('address = {:id}', { id: doors[key] }),
		sort: 'created'
	});
}

it("orders by her position, shows the team's visits live, and opens a door from a link", async () => {
	const workerPage = await session({
		geolocation: gps,
		permissions: ['geolocation']
	});
	await openMap(workerPage, worker);
	await openWalk(workerPage);

	// Without her position: alphabetical, no distances; nothing visited yet on her new street.
	const order = await streetOrder(workerPage);
	expect(order.indexOf(FAR)).toBeLessThan(order.indexOf(NEAR));
	expect(await workerPage.getByTestId('walk-street-distance').count()).toBe(0);
	expect(await coverage(workerPage, NEAR)).toEqual([0, 3]);
	expect(await street(workerPage, NEAR).getByTestId('walk-print-sheet').getAttribute('href')).toBe(
		'/oppad/lijst?straat=Proefdreef'
	);
	expect(
		await street(workerPage, NEAR).getByTestId('walk-enter-results').getAttribute('href')
	).toBe('/oppad/invoeren?straat=Proefdreef');

	await workerPage.getByTestId('walk-locate').click();
	await expect
		.poll(() => workerPage.getByTestId('walk-position-message').textContent(), WAIT)
		.toContain('nauwkeurig tot 10 m');
	await expect
		.poll(async () => (await streetOrder(workerPage)).slice(0, 2), WAIT)
		.toEqual([NEAR, FAR]);
	expect(await street(workerPage, NEAR).getByTestId('walk-street-distance').textContent()).toBe(
		'20 m hiervandaan'
	);
	expect(await street(workerPage, FAR).getByTestId('walk-street-distance').textContent()).toBe(
		'360 m hiervandaan'
	);
	await street(workerPage, NEAR).locator('summary').click();
	await door(workerPage, `${NEAR} 1`).waitFor();
	const summary = workerPage.getByTestId('walk-summary');
	const visitedBefore = Number(await summary.getAttribute('data-visited'));

	// A second session: the coordinator, on her own phone, talks at 1 and finds nobody at 3.
	const coordinatorPage = await session();
	await openMap(coordinatorPage, coordinator);
	await openWalk(coordinatorPage);
	await street(coordinatorPage, NEAR).locator('summary').click();
	await door(coordinatorPage, `${NEAR} 1`).getByTestId('walk-open').click();
	const coordinatorForm = coordinatorPage.getByTestId('conversation-form');
	await coordinatorForm.waitFor();
	await coordinatorForm.getByTestId('conversation-save').click();
	await coordinatorForm.waitFor({ state: 'detached' });
	await door(coordinatorPage, `${NEAR} 3`).getByTestId('walk-not-home').click();
	await expect.poll(async () => (await conversationsAt(`${NEAR} 3`)).length, WAIT).toBe(1);

	// Her page follows without a reload.
	await door(workerPage, `${NEAR} 1`).waitFor({ state: 'detached', ...WAIT });
	await expect
		.poll(() => door(workerPage, `${NEAR} 3`).getByTestId('walk-door-last').textContent(), WAIT)
		.toContain('Niet thuis');
	await expect.poll(() => coverage(workerPage, NEAR), WAIT).toEqual([2, 3]);
	expect(Number(await summary.getAttribute('data-visited'))).toBe(visitedBefore + 2);
	const history = door(workerPage, `${NEAR} 3`).getByTestId('walk-door-history');
	await history.getByTestId('walk-door-history-toggle').click();
	expect(await history.getByTestId('walk-visit').allTextContents()).toEqual([
		expect.stringMatching(/Niet thuis, door Carla de Wit$/)
	]);

	// Her own "niet thuis" is hers: "jij".
	await door(workerPage, `${NEAR} 5`).getByTestId('walk-not-home').click();
	const ownHistory = door(workerPage, `${NEAR} 5`).getByTestId('walk-door-history');
	await ownHistory.getByTestId('walk-door-history-toggle').click();
	await expect
		.poll(() => ownHistory.getByTestId('walk-visit').allTextContents())
		.toEqual([expect.stringMatching(/Niet thuis, door jij$/)]);
	await expect.poll(async () => (await conversationsAt(`${NEAR} 5`)).length, WAIT).toBe(1);

	// The QR code of a paper sheet: `?deur=` opens the door's form, her position still on.
	await workerPage.goto(`${appUrl}/oppad?deur=${doors[`${NEAR} 5`]}`);
	const form = workerPage.getByTestId('conversation-form');
	await form.waitFor(WAIT);
	// The door is the title of the dialog the form is in.
	expect(await workerPage.getByTestId('conversation-dialog').textContent()).toContain(`${NEAR} 5`);
	expect(await street(workerPage, NEAR).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
	await expect
		.poll(() => workerPage.getByTestId('walk-position-message').textContent(), WAIT)
		.toContain('nauwkeurig tot 10 m');
	await form.getByTestId('conversation-outcome-declined').check();
	await form.getByTestId('conversation-save').click();
	await form.waitFor({ state: 'detached' });
	await expect.poll(async () => (await conversationsAt(`${NEAR} 5`)).length, WAIT).toBe(2);
	const [, declined] = await conversationsAt(`${NEAR} 5`);
	expect(declined).toMatchObject({
		outcome: 'declined',
		locationSource: 'gps',
		location: { lon: gps.longitude, lat: gps.latitude }
	});
	// The coordinator's talk, without a GPS fix, stands at its address.
	const [talk] = await conversationsAt(`${NEAR} 1`);
	expect(talk).toMatchObject({ outcome: 'talked', locationSource: 'address' });
	expect(talk.location).toEqual({ lon: here.lon, lat: here.lat });

	// A link to a door that is not hers (or no longer exists) says so instead of doing nothing.
	await workerPage.goto(`${appUrl}/oppad?deur=onbekend0000000`);
	await workerPage.getByTestId('walk-door-unknown').waitFor(WAIT);
	expect(await workerPage.getByTestId('conversation-form').count()).toBe(0);
});

it('says plainly when the browser may not use her location', async () => {
	const page = await session({ permissions: [] });
	await openMap(page, worker);
	await openWalk(page);
	await page.getByTestId('walk-locate').click();
	await expect
		.poll(() => page.getByTestId('walk-position-message').textContent(), WAIT)
		.toContain('mag je locatie niet gebruiken');
	expect(await page.getByTestId('walk-street-distance').count()).toBe(0);
});
