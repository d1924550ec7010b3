// Guards Journey 2's harvest (built app, real PocketBase, headless Chromium): a worker logs a talk
// with a gift, a first name she may keep, a key figure, an initiative to connect to, a name the
// resident mentioned, the place pointed out on a map and a follow-up; the form refuses gifts until
// consent is chosen; the server turns the talk into a person, a key figure and a capacity on the
// map, links and a follow-up; and the key figure shows in the worker's own map list. The
// coordinator then sees the names residents mentioned, counted however they were typed.
import type PocketBase from 'pocketbase';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { appSuperuser, asWorker } from '../support/app-data';
import { launchBrowser, newPage, openMap, submitLogin, type TestPage } from '../support/browser';
import { newRecordId } from '$lib/sync/outbox';

const appUrl = inject('appUrl');
const worker = inject('worker');
const coordinator = inject('coordinator');
const { freePoint, initiativeId } = inject('overvecht');
const STREET = 'Gesprekslaan';
const WAIT = { timeout: 30_000 };

let browser: Browser;
let su: PocketBase;
let opened: TestPage | undefined;
const doorIds: string[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	for (const [i, number] of ['1', '3'].entries()) {
		const record = await su.collection('addresses').create({
			street: STREET,
			number,
			location: { lon: freePoint.lon + i * 0.0004, lat: freePoint.lat },
			area: freePoint.buurtId
		});
		doorIds.push(record.id);
	}
});

afterAll(async () => {
	await opened?.context.close().catch(() => {});
	await browser?.close();
	const talks = await su.collection('conversations').getFullList({
		filter: doorIds.map((id) => su.filter('address = {:id}', { id })).join(' || ')
	});
	for (const talk of talks) {
		const grown = await su.collection('assets').getFullList({
			filter: su.filter('sourceConversation = {:id}', { id: talk.id })
		});
		for (const asset of grown) await su.collection('assets').delete(asset.id);
		await su.collection('conversations').delete(talk.id);
		if (talk.person) await su.collection('people').delete(talk.person);
	}
	for (const id of doorIds)
		await su
			.collection('addresses')
			.delete(id)
			.catch(() => {});
});

it('turns a talk into a key figure, a talent, a link and a follow-up on the map', async () => {
	opened = await newPage(browser, { width: 390, height: 844 });
	const { page } = opened;
	await openMap(page, worker);
	await page.getByTestId('nav-walk').click();
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	await page.locator(`[data-testid="walk-street"][data-street="${STREET}"] summary`).click();
	await page
		.locator(`[data-testid="walk-door"][data-id="${doorIds[0]}"]`)
		.getByTestId('walk-open')
		.click();

	const form = page.getByTestId('conversation-form');
	await form.waitFor();
	await form.getByTestId('conversation-theme-taal').check();
	await form.getByTestId('conversation-gift-add').click();
	await form.getByTestId('conversation-gift-0-kind-hands').check();
	await form.getByTestId('conversation-gift-0-tag').fill('Fietsen repareren');
	// No consent yet: the form says so and keeps everything.
	await form.getByTestId('conversation-save').click();
	await form.getByTestId('conversation-error-gifts').waitFor();
	expect(await form.getByTestId('conversation-gift-0-tag').inputValue()).toBe('Fietsen repareren');

	await form.getByTestId('conversation-consent-first_name').check();
	await form.getByTestId('conversation-error-gifts').waitFor({ state: 'detached' });
	await form.getByTestId('conversation-first-name').fill('Noor');
	await form.getByTestId('conversation-key-figure').check();
	await form.getByTestId('conversation-connect-search').fill('moestuin');
	await form.getByTestId(`conversation-connect-${initiativeId}`).check();
	await form.getByTestId('conversation-mention-add').click();
	await form.getByTestId('conversation-mention-0-name').fill('Buurtvader Ahmed');
	// They talked on the corner, not at her door: pointed out on the map, 120 px east.
	await form.getByTestId('conversation-place-pick').click();
	await form.locator('[data-testid="location-picker"][data-ready="true"]').waitFor(WAIT);
	await form.getByTestId('location-picker-map').scrollIntoViewIfNeeded();
	const box = (await form.getByTestId('location-picker-map').boundingBox())!;
	await page.mouse.click(box.x + box.width / 2 + 120, box.y + box.height / 2);
	const metres = async () =>
		Number.parseInt((await form.getByTestId('location-picker-distance').textContent()) ?? '', 10);
	await expect.poll(metres).toBeGreaterThan(15);
	await form.getByTestId('location-picker-use').click();
	expect(await form.getByTestId('conversation-place').textContent()).toContain('kaart');
	await form.getByTestId('conversation-follow-up').fill('Terugbellen over de moestuin');
	await form.getByTestId('conversation-save').click();
	await form.waitFor({ state: 'detached' });

	// The server grew the map from it.
	const talkAtDoor = async () =>
		(
			await su.collection('conversations').getFullList({
				filter: su.filter('address = {:id}', { id: doorIds[0] })
			})
		)[0];
	await expect.poll(talkAtDoor, WAIT).toBeDefined();
	const talk = await talkAtDoor();
	expect(talk).toMatchObject({
		outcome: 'talked',
		consent: ['first_name'],
		themes: ['taal'],
		mentions: [{ name: 'Buurtvader Ahmed', kind: 'person' }],
		connectTo: [initiativeId],
		resident: null,
		locationSource: 'map',
		farFromAddress: false
	});
	// At zoom 17, 120 px is some tens of metres: not far enough to be flagged.
	expect(talk.distanceFromAddress).toBeGreaterThan(15);
	expect(talk.distanceFromAddress).toBeLessThan(150);
	const person = await su.collection('people').getOne(talk.person);
	expect(person).toMatchObject({ display_name: 'Noor', isKeyFigure: true });
	const grown = await su.collection('assets').getFullList({
		filter: su.filter('sourceConversation = {:id}', { id: talk.id }),
		sort: 'kind'
	});
	expect(grown.map((a) => [a.kind, a.title, a.precision])).toEqual([
		['capacity', 'Fietsen repareren', 'street'],
		['key_figure', 'Noor', 'street']
	]);
	const keyFigure = grown.find((a) => a.kind === 'key_figure')!;
	const links = await su.collection('links').getFullList({
		filter: su.filter('from = {:from}', { from: keyFigure.id })
	});
	expect(links.map((l) => [l.to, l.kind])).toEqual([[initiativeId, 'supports']]);
	const tasks = await su.collection('follow_ups').getFullList({
		filter: su.filter('conversation = {:id}', { id: talk.id })
	});
	expect(tasks.map((t) => t.what)).toEqual(['Terugbellen over de moestuin']);

	// And the key figure is on her map.
	await page.getByRole('link', { name: 'Kaart', exact: true }).click();
	await page.locator('[data-testid="map-page"][data-status="ready"]').waitFor(WAIT);
	await page
		.locator(`[data-testid="asset-list-item"][data-id="${keyFigure.id}"]`)
		.first()
		.waitFor({ state: 'attached', ...WAIT });
});

it('shows the coordinator whom residents name most, however they spelled it', async () => {
	// A second door names the same man, typed differently, and a group.
	const { record, pb: workerClient } = await asWorker(su);
	await workerClient.collection('conversations').create({
		id: newRecordId(),
		area: freePoint.buurtId,
		address: doorIds[1],
		worker: record.id,
		heldAt: new Date().toISOString(),
		outcome: 'talked',
		mentions: [
			{ name: 'buurtvader  ahmed', kind: 'person' },
			{ name: 'Zangkoor Overvecht', kind: 'group' }
		]
	});

	const other = await newPage(browser, { width: 390, height: 844 });
	try {
		await other.page.goto(`${appUrl}/taken`);
		// Password, then the mailed code (coordinators sign in in two steps).
		await submitLogin(other.page, coordinator);
		const names = other.page.getByTestId('tasks-mentioned').getByTestId('mentioned-name');
		await names.first().waitFor(WAIT);
		const ahmed = names.filter({ hasText: 'Buurtvader Ahmed' });
		expect(await ahmed.getAttribute('data-count')).toBe('2');
		expect(await ahmed.textContent()).toContain(STREET);
		expect(await names.filter({ hasText: 'Zangkoor Overvecht' }).getAttribute('data-count')).toBe(
			'1'
		);
	} finally {
		await other.context.close();
	}
});
