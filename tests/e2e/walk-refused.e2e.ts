// Guards a talk the server refuses (built app, real PocketBase, headless Chromium): its problems
// show at the form's fields in her language (not the server's Dutch, not raw field names), she
// reopens it in the form, fixes it and sends it again, and the server holds it exactly once,
// under the id the phone gave it. The refusal comes from an entry crafted into the outbox, as an
// older app version or a rule the phone does not know could leave it.
import type PocketBase from 'pocketbase';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { appSuperuser, asWorker, removeTalk } from '../support/app-data';
import { launchBrowser, newPage, openMap, type TestPage } from '../support/browser';

const worker = inject('worker');
const { address } = inject('overvecht');
const WAIT = { timeout: 30_000 };
/** A street of this test's own, so no other test's doors or talks mix in. */
const STREET = 'Weigeringslaan';

let browser: Browser;
let su: PocketBase;
let opened: TestPage | undefined;
let doorId = '';
const talkId = newRecordId();

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	const door = await su.collection('addresses').create({
		street: STREET,
		number: '3',
		location: { lon: address.lon, lat: address.lat },
		area: address.buurtId
	});
	doorId = door.id;
});

afterAll(async () => {
	await opened?.context.close().catch(() => {});
	await browser?.close();
	const talk = await su
		.collection('conversations')
		.getOne(talkId)
		.catch(() => null);
	if (talk) await removeTalk(su, talk.id, talk.person);
	await su
		.collection('addresses')
		.delete(doorId)
		.catch(() => {});
});

it('shows a refused talk at its fields in her language, and sends it again, fixed, exactly once', async () => {
	const { record: me } = await asWorker(su);
	opened = await newPage(browser);
	const { page } = opened;
	await openMap(page, worker);
	await page.getByTestId('locale-en').click();
	await page.getByTestId('nav-walk').click();
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);

	// Anonymous and with a first name at once: the server refuses it (the form never would).
	const body = {
		area: address.buurtId,
		address: doorId,
		worker: me.id,
		heldAt: new Date().toISOString(),
		outcome: 'talked',
		location: { lon: address.lon, lat: address.lat },
		locationSource: 'address',
		themes: ['taal'],
		wishes: 'Een taalcafé',
		willingToHelp: false,
		consent: ['anonymous', 'first_name'],
		language: 'nl',
		gifts: [],
		mentions: [],
		connectTo: [],
		resident: { firstName: 'Jan', contact: '', isKeyFigure: false },
		notes: 'Vriendelijk gesprek',
		followUp: null
	};
	await page.evaluate(
		async ({ id, body }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open('krachtkaart-outbox');
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const tx = db.transaction('outbox', 'readwrite');
			const now = Date.now();
			tx.objectStore('outbox').put({
				id,
				collection: 'conversations',
				body,
				queuedAt: now,
				attempts: 0,
				nextAttemptAt: now,
				status: 'waiting'
			});
			await new Promise((resolve, reject) => {
				tx.oncomplete = resolve;
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		},
		{ id: talkId, body }
	);
	await page.reload();

	const refused = page.locator(`[data-testid="outbox-rejected-item"][data-id="${talkId}"]`);
	await refused.waitFor(WAIT);
	const problem = refused.locator('[data-testid="outbox-rejected-problem"][data-field="consent"]');
	expect(await problem.textContent()).toBe(
		'Consent: Choose anonymous or with first name, not both.'
	);
	const said = await refused.textContent();
	expect(said).toContain(`Conversation at ${STREET} 3`);
	expect(said).not.toContain('Kies anoniem');
	expect(said).not.toContain('consent:');
	// The header says so on every page, though nothing waits any more.
	const headerRefused = page.getByTestId('outbox-refused');
	expect(await headerRefused.getAttribute('data-count')).toBe('1');
	expect(await page.getByTestId('outbox-count').count()).toBe(0);
	expect(
		await su
			.collection('conversations')
			.getOne(talkId)
			.catch(() => null)
	).toBeNull();

	// Reopened: the form as it was sent, the problem at its field.
	await refused.getByTestId('outbox-rejected-fix').click();
	const form = page.getByTestId('conversation-form');
	await form.waitFor();
	expect(await page.getByTestId('conversation-dialog').textContent()).toContain(`${STREET} 3`);
	expect(await form.getByTestId('conversation-error-consent').textContent()).toContain(
		'Choose anonymous or with first name, not both.'
	);
	expect(await form.getByTestId('conversation-outcome-talked').isChecked()).toBe(true);
	expect(await form.getByTestId('conversation-theme-taal').isChecked()).toBe(true);
	expect(await form.getByTestId('conversation-first-name').inputValue()).toBe('Jan');
	expect(await form.getByTestId('conversation-notes').inputValue()).toBe('Vriendelijk gesprek');

	await form.getByTestId('conversation-consent-anonymous').uncheck();
	await form.getByTestId('conversation-save').click();
	await form.waitFor({ state: 'detached' });
	await refused.waitFor({ state: 'detached', ...WAIT });

	// On the server once, under the phone's id, as she fixed it; nothing waits on the phone.
	await expect
		.poll(async () => {
			const list = await su.collection('conversations').getFullList({
				filter: su.filter('address = {:door}', { door: doorId })
			});
			return list.map((c) => c.id);
		}, WAIT)
		.toEqual([talkId]);
	const talk = await su.collection('conversations').getOne(talkId);
	expect(talk).toMatchObject({
		outcome: 'talked',
		worker: me.id,
		consent: ['first_name'],
		themes: ['taal'],
		wishes: 'Een taalcafé',
		notes: 'Vriendelijk gesprek'
	});
	expect(talk.person).not.toBe('');
	expect(await page.getByTestId('outbox-rejected').count()).toBe(0);
	// The phone forgets it once the server's answer is in, which may come after the poll above.
	await page.getByTestId('outbox-count').waitFor({ state: 'detached', ...WAIT });
	expect(await headerRefused.count()).toBe(0);
});
