// The first run end to end: `npm start` without the demo (KRACHTKAART_DEMO=0, a data dir of its
// own, the built app) prints a one-time setup link; in Chromium the link makes the first admin and
// loads Groningen's wijken and buurten from the bundled CBS boundaries; she signs in (password and
// mailed code) and the map draws Groningen's buurten; addresses imported with `npm run import`
// stand on her walk list. The used link then says it no longer works.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/pocketbase.mjs';
import { launchBrowser, newPage, renderedFeatures, waitForMapIdle } from '../support/browser';
import { codeIn, mailsTo, nextMailTo } from '../support/mail-drop';
import { ROOT } from '../support/pocketbase';

const dataDir = mkdtempSync(join(tmpdir(), 'krachtkaart-setup-e2e-'));
const mailDir = join(dataDir, 'mail_drop');
let browser: Browser;
let server: ChildProcess | null = null;
let printed = '';
let serverEnv: NodeJS.ProcessEnv = {};
/** Three made-up doors of a made-up street in Selwerd (Groningen), as a BAG CSV with lat/lon. */
const SELWERD_DOORS = join(ROOT, 'tests/fixtures/import/selwerd-made-up.csv');

beforeAll(async () => {
	browser = await launchBrowser();
	const port = await freePort();
	serverEnv = {
		...process.env,
		KRACHTKAART_HTTP: `127.0.0.1:${port}`,
		KRACHTKAART_DATA: dataDir,
		KRACHTKAART_DEMO: '0',
		KRACHTKAART_BASEMAP: 'offline',
		KRACHTKAART_ORIGINS: '',
		KRACHTKAART_MAIL_DIR: ''
	};
	server = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--no-build'], {
		cwd: ROOT,
		env: serverEnv,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const child = server;
	await new Promise<void>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			printed += chunk;
			if (printed.includes('stop with Ctrl+C')) resolve();
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${printed}`)));
	});
});

afterAll(async () => {
	await browser?.close();
	if (server && server.exitCode === null) {
		const exited = new Promise((resolve) => server?.once('exit', resolve));
		server.kill('SIGTERM');
		await exited;
	}
	rmSync(dataDir, { recursive: true, force: true });
});

describe('first run', () => {
	it('from the printed setup link to the map of the new gemeente’s buurten and its imported addresses on the walk list', async () => {
		const link = /(http:\/\/\S+\/setup\/\w+)/.exec(printed)?.[1];
		expect(link, printed).toBeTruthy();
		const { context, page } = await newPage(browser, { width: 390, height: 844 });
		try {
			await page.goto(link!);
			await page.locator('[data-testid="setup-page"][data-status="ready"]').waitFor();

			// Step 1: her details; a weak password is refused on the page first.
			const email = 'fatima@groningen.example';
			const password = 'Zomer-in-Selwerd-42';
			await page.getByTestId('setup-name').fill('Fatima de Vries');
			await page.getByTestId('setup-email').fill(email);
			await page.getByTestId('setup-password').fill('kort');
			await page.getByTestId('setup-to-gemeente').click();
			await page.locator('#setup-password-note.problem').waitFor();
			await page.getByTestId('setup-password').fill(password);
			await page.getByTestId('setup-passwordConfirm').fill(password);
			await page.getByTestId('setup-to-gemeente').click();

			// Step 2: Groningen by name; the page says how much of it the bundled buurten cover.
			await page.getByTestId('setup-gemeente-search').fill('gronin');
			await page.locator('[data-testid="setup-gemeente-option"][data-code="GM0014"]').click();
			const status = page.getByTestId('setup-buurten-status');
			expect(await status.getAttribute('data-status')).toBe('partial');
			expect(await page.getByTestId('setup-gemeente-form').textContent()).toContain('CBS 2016');
			await page.getByTestId('setup-create').click();
			await page.getByTestId('setup-done').waitFor({ timeout: 30_000 });
			expect(await page.getByTestId('setup-done').textContent()).toContain('Groningen');

			// Step 3: sign in, as any admin: password, then the mailed code.
			await page.getByTestId('setup-login').click();
			await page.getByTestId('login-form').waitFor();
			const seen = mailsTo(mailDir, email).map((mail) => mail.file);
			await page.getByTestId('login-email').fill(email);
			await page.getByTestId('login-password').fill(password);
			await page.getByTestId('login-submit').click();
			await page.getByTestId('login-code').waitFor();
			const code = codeIn(await nextMailTo(mailDir, email, seen));
			await page.getByTestId('login-code').fill(code);
			await page.getByTestId('login-code-submit').click();
			await page.waitForURL((url) => url.pathname === '/', { timeout: 30_000 });
			await page
				.locator('[data-testid="map-page"][data-status="ready"]')
				.waitFor({ timeout: 30_000 });
			await waitForMapIdle(page);

			// Groningen's buurten are drawn (2016 codes, Haren's and Ten Boer's with them).
			const drawn = await renderedFeatures(page, ['areas-fill']);
			const codes = [...new Set(drawn.map((f) => String(f.properties.code)))];
			expect(codes.length).toBeGreaterThan(20);
			expect(codes.every((c) => /^BU00(14|17|09)\d{4}$/.test(c))).toBe(true);

			// Her addresses, imported from the command line on the server's machine (no password
			// typed), stand on the walk list.
			const imported = spawnSync(
				process.execPath,
				[join(ROOT, 'scripts/import.mjs'), 'addresses', SELWERD_DOORS],
				{ cwd: ROOT, env: serverEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }
			);
			expect(imported.status, `${imported.stdout}${imported.stderr}`).toBe(0);
			expect(imported.stdout).toMatch(/3/);
			await page.goto(new URL('/oppad', page.url()).href);
			await page.getByTestId('walk-page').waitFor();
			const street = page.getByTestId('walk-street').filter({ hasText: 'Proefstraat' });
			await street.first().waitFor({ timeout: 30_000 });

			// The link is used up.
			await page.goto(link!);
			await page.getByTestId('setup-not-found').waitFor();
		} finally {
			await context.close();
		}
	});
});
