// Guards the team in Chromium (built app, real PocketBase): the coordinator of Overvecht invites a
// buurtwerker on /beheer/team, with a role and a buurt of her own; the mail's link opens
// /wachtwoord/<token> on a phone, signed out, where the invitee sets her password and then signs
// in to the map; the coordinator sees her active, deactivates her (undo brings her back), and a
// link used once does not work again.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import {
	launchBrowser,
	newPage,
	signInBackTo,
	submitLogin,
	type TestPage
} from '../support/browser';
import { nextMailTo } from '../support/mail-drop';

const appUrl = inject('appUrl');
const mailDir = inject('mailDir');
const coordinator = inject('coordinator');
const overvecht = inject('overvecht');
const WAIT = { timeout: 30_000 };
const TAG = newRecordId().slice(0, 6).toLowerCase();
const INVITEE = {
	email: `nieuw-${TAG}@example.org`,
	name: `Noor ${TAG}`,
	password: 'mijn-eigen-wachtwoord-7'
};
const PHONE = { width: 360, height: 740 };

let browser: Browser;
const opened: TestPage[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
});

afterAll(async () => {
	for (const { context } of opened) await context.close().catch(() => {});
	await browser?.close();
});

async function open(viewport?: { width: number; height: number }): Promise<Page> {
	const testPage = await newPage(browser, viewport);
	opened.push(testPage);
	return testPage.page;
}

const memberOf = (page: Page, email: string) =>
	page.locator(`[data-testid="team-member"][data-email="${email}"]`);

it('invites a worker, who sets her password from the mail and signs in', async () => {
	const staff = await open();
	await staff.goto(`${appUrl}/beheer/team`);
	await signInBackTo(staff, coordinator, '/beheer/team');
	await staff.locator('[data-testid="team-page"][data-status="ready"]').waitFor(WAIT);

	// Only the roles and areas she may give are offered.
	const form = staff.getByTestId('team-invite');
	const roles = await form
		.getByTestId('team-invite-role')
		.locator('option')
		.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
	expect(roles).toEqual(['worker', 'viewer']);

	// Checked before sending: no address, no area.
	await form.getByTestId('team-invite-submit').click();
	await form.getByTestId('team-invite-problems').waitFor(WAIT);

	await form.getByTestId('team-invite-email').fill(INVITEE.email);
	await form.getByTestId('team-invite-name').fill(INVITEE.name);
	await form.getByTestId('team-invite-role').selectOption('worker');
	await form.locator(`input[data-area="${overvecht.freePoint.buurtId}"]`).check();
	await form.getByTestId('team-invite-submit').click();
	const member = memberOf(staff, INVITEE.email);
	await member.waitFor(WAIT);
	expect(await member.getAttribute('data-status')).toBe('invited');
	expect(await staff.getByTestId('toast').textContent()).toContain(INVITEE.email);

	// Her mail, and its link on her phone, signed out.
	const mail = await nextMailTo(mailDir, INVITEE.email, []);
	const href = /href="([^"]+\/wachtwoord\/[^"]+)"/.exec(mail.html)?.[1] ?? '';
	const path = new URL(href).pathname;
	expect(path).toMatch(/^\/wachtwoord\/[\w.-]+$/);
	const phone = await open(PHONE);
	await phone.goto(`${appUrl}${path}`);
	await phone.getByTestId('password-page').waitFor(WAIT);
	await phone.getByTestId('password-new').fill('kort');
	await phone.getByTestId('password-repeat').fill('kort');
	await phone.getByTestId('password-submit').click();
	await phone.getByTestId('password-problem').waitFor(WAIT);
	await phone.getByTestId('password-new').fill(INVITEE.password);
	await phone.getByTestId('password-repeat').fill(INVITEE.password);
	await phone.getByTestId('password-submit').click();
	await phone.getByTestId('password-saved').waitFor(WAIT);
	await phone.getByTestId('password-to-login').click();
	await submitLogin(phone, INVITEE);
	// Signed in: the map of her buurt.
	await phone.locator('[data-testid="map-page"][data-status="ready"]').waitFor(WAIT);

	// Used once, the link does not work again.
	const again = await open(PHONE);
	await again.goto(`${appUrl}${path}`);
	await again.getByTestId('password-new').fill('nog-een-wachtwoord-8');
	await again.getByTestId('password-repeat').fill('nog-een-wachtwoord-8');
	await again.getByTestId('password-submit').click();
	await again.getByTestId('password-invalid-link').waitFor(WAIT);

	// The coordinator sees her active; deactivates her, and undoes it.
	await staff.reload();
	await staff.locator('[data-testid="team-page"][data-status="ready"]').waitFor(WAIT);
	expect(await memberOf(staff, INVITEE.email).getAttribute('data-status')).toBe('active');
	await memberOf(staff, INVITEE.email).getByTestId('team-member-deactivate').click();
	await staff
		.locator(
			`[data-testid="team-member"][data-email="${INVITEE.email}"][data-status="deactivated"]`
		)
		.waitFor(WAIT);
	await staff.getByTestId('toast-action').click();
	await staff
		.locator(`[data-testid="team-member"][data-email="${INVITEE.email}"][data-status="active"]`)
		.waitFor(WAIT);
});
