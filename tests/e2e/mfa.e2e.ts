// Guards the two-step sign-in in the browser: a coordinator types her password, then the code
// mailed to her (read from the server's mail drop folder); a wrong code is explained and she
// stays signed out; she can go back to the password and ask for a new code after the cooldown.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject, it } from 'vitest';
import type { E2eUser } from '../support/app-global';
import { launchBrowser, newPage, type TestPage } from '../support/browser';
import { codeIn, mailsTo, nextMailTo } from '../support/mail-drop';

const appUrl = inject('appUrl');
const mailDir = inject('mailDir');
const coordinator = inject('coordinator');
const colleague = inject('colleague');

let browser: Browser;
let t: TestPage;

beforeAll(async () => {
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
});

beforeEach(async () => {
	t = await newPage(browser);
});

afterEach(async () => {
	await t.context.close();
});

const seenMail = (user: E2eUser) => mailsTo(mailDir, user.email).map((mail) => mail.file);

/** The password step; returns once the page asks for the code. */
async function passwordStep(user: E2eUser) {
	const { page } = t;
	await page.getByTestId('login-email').fill(user.email);
	await page.getByTestId('login-password').fill(user.password);
	await page.getByTestId('login-submit').click();
	await page.getByTestId('login-code').waitFor();
}

it('signs a coordinator in with password and mailed code, and explains a wrong code', async () => {
	const { page } = t;
	await page.goto(`${appUrl}/login`);
	const seen = seenMail(coordinator);
	await passwordStep(coordinator);

	expect(await page.getByTestId('login-code-sent').textContent()).toContain(
		`Voer de code in die we naar ${coordinator.email} stuurden`
	);
	const input = page.getByTestId('login-code');
	expect(await input.getAttribute('inputmode')).toBe('numeric');
	expect(await input.getAttribute('autocomplete')).toBe('one-time-code');
	expect(await page.evaluate(() => document.activeElement?.id)).toBe('code');
	const resend = page.getByTestId('login-code-resend');
	expect(await resend.isDisabled()).toBe(true);
	expect(await resend.textContent()).toMatch(/Nieuwe code over \d+ s/);
	// The password alone gave no session.
	expect(await page.evaluate(() => localStorage.getItem('pocketbase_auth'))).toBeNull();

	const code = codeIn(await nextMailTo(mailDir, coordinator.email, seen));
	await input.fill(code === '000000' ? '999999' : '000000');
	await page.getByTestId('login-code-submit').click();
	const error = page.getByTestId('login-error');
	await error.waitFor();
	expect(await error.textContent()).toContain('Deze code klopt niet of is verlopen');
	expect(await input.getAttribute('aria-invalid')).toBe('true');
	expect(await input.inputValue()).toBe('');
	expect(new URL(page.url()).pathname).toBe('/login');
	expect(await page.evaluate(() => localStorage.getItem('pocketbase_auth'))).toBeNull();

	// Pasted as it stands in the mail, with a space: the digits count.
	await input.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
	expect(await input.inputValue()).toBe(code);
	await page.getByTestId('login-code-submit').click();
	await page.waitForURL((url) => url.pathname === '/');
	const user = page.getByTestId('current-user');
	await user.waitFor();
	expect(await user.textContent()).toContain(coordinator.name);
});

it('goes back to the password, and sends a new code after the cooldown', async () => {
	const { page } = t;
	// The browser's clock, so the 30 s cooldown passes without waiting for it.
	await page.clock.install();
	await page.goto(`${appUrl}/login`);
	await passwordStep(colleague);

	await page.getByTestId('login-code-back').click();
	await page.getByTestId('login-form').waitFor();
	expect(await page.getByTestId('login-email').inputValue()).toBe(colleague.email);
	expect(await page.getByTestId('login-password').inputValue()).toBe('');

	await passwordStep(colleague);
	const resend = page.getByTestId('login-code-resend');
	expect(await resend.isDisabled()).toBe(true);
	await page.clock.fastForward(31_000);
	await page.waitForFunction(
		() => !document.querySelector<HTMLButtonElement>('[data-testid="login-code-resend"]')?.disabled
	);
	expect(await resend.textContent()).toContain('Stuur een nieuwe code');

	const seen = seenMail(colleague);
	await resend.click();
	await page.getByTestId('login-code-resent').waitFor();
	expect(await resend.isDisabled()).toBe(true);
	const newest = codeIn(await nextMailTo(mailDir, colleague.email, seen));
	await page.getByTestId('login-code').fill(newest);
	await page.getByTestId('login-code-submit').click();
	await page.waitForURL((url) => url.pathname === '/');
	await page.getByTestId('current-user').waitFor();
	expect(await page.getByTestId('current-user').textContent()).toContain(colleague.name);
});
