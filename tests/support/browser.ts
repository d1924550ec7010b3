// Headless Chromium for the e2e tests: one browser per file, a fresh context (no cookies, no
// localStorage) per test, and helpers that wait for the map and read what it rendered.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, inject } from 'vitest';
import { TOUR_KEY_PREFIX } from '$lib/tour/tour';
import type { E2eUser } from './app-global';
import { codeIn, mailsTo, nextMailTo } from './mail-drop';

/** Software WebGL (SwiftShader) so MapLibre renders without a GPU; no background traffic. */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-background-networking',
	'--enable-unsafe-swiftshader',
	'--use-angle=swiftshader',
	'--disable-gpu-sandbox',
	'--no-first-run',
	'--disable-component-update',
	'--disable-sync'
];

export async function launchBrowser(): Promise<Browser> {
	const browser = await chromium.launch({
		executablePath: inject('chromiumPath'),
		headless: true,
		args: CHROMIUM_ARGS
	});
	try {
		await assertWebGL(browser);
	} catch (error) {
		await browser.close();
		throw error;
	}
	return browser;
}

/** MapLibre needs WebGL; without it every map test would fail in a confusing way. */
async function assertWebGL(browser: Browser): Promise<void> {
	const page = await browser.newPage();
	try {
		const available = await page.evaluate(() => {
			const canvas = document.createElement('canvas');
			return Boolean(canvas.getContext('webgl2') || canvas.getContext('webgl'));
		});
		if (!available) {
			throw new Error(
				'[e2e] WebGL is not available in headless Chromium, so MapLibre cannot render. ' +
					`Chromium was started with: ${CHROMIUM_ARGS.join(' ')}. Check that this Chromium ` +
					'build ships SwiftShader (libvk_swiftshader / ANGLE).'
			);
		}
	} finally {
		await page.close();
	}
}

/**
 * Content-Security-Policy violations the browser reported since the last test ended: the server
 * sends a CSP (pb_hooks/security.pb.js), and anything it blocks is a bug of the app or the policy.
 */
const cspViolations: string[] = [];

// Registered by every e2e file that imports this one, for each of its tests.
afterEach(() => {
	const seen = cspViolations.splice(0);
	if (seen.length > 0) {
		throw new Error(`[e2e] the browser reported CSP violations:\n${seen.join('\n')}`);
	}
});

/** Starts this file's addresses apart from those of the files before it (they run one by one). */
const ADDRESS_BASE = Date.now();
let contexts = 0;

/**
 * A documentation IPv6 address (2001:db8::/32) of its own for each browser context: the e2e
 * PocketBase trusts X-Forwarded-For (tests/support/app-global.ts), so per-address limits count
 * per device, as for the team's phones.
 */
function deviceAddress(): string {
	contexts += 1;
	const hex = (n: number) => (n & 0xffff).toString(16);
	const t = ADDRESS_BASE;
	return `2001:db8:${hex(Math.floor(t / 2 ** 32))}:${hex(Math.floor(t / 2 ** 16))}:${hex(t)}::${hex(contexts)}`;
}

/**
 * Keeps the first-run tour (src/lib/tour/) from opening by itself in this context: a modal on the
 * first visit would stand in front of every test's first click. Before any page script runs,
 * localStorage answers "seen" for every tour key nothing was stored under (the key holds the
 * user's id, unknown before she signs in). Only the tour's keys; the app itself is unchanged and
 * "Meer ▸ Rondleiding" still opens it. tests/e2e/first-run-tour.e2e.ts runs without this.
 */
export async function skipFirstRunTour(context: BrowserContext): Promise<void> {
	await context.addInitScript((prefix) => {
		const getItem = Storage.prototype.getItem;
		Storage.prototype.getItem = function (this: Storage, key: string) {
			const value = getItem.call(this, key);
			return value === null && key.startsWith(prefix) ? 'done' : value;
		};
	}, TOUR_KEY_PREFIX);
}

export interface TestPage {
	context: BrowserContext;
	page: Page;
}

/**
 * A fresh context (Dutch browser, desktop size unless given) and a page in it. The app's service
 * worker is blocked unless asked for: requests it makes itself would bypass `page.route`. The
 * first-run tour stays closed unless asked for (`firstRunTour`), see `skipFirstRunTour`.
 */
export async function newPage(
	browser: Browser,
	viewport: { width: number; height: number } = { width: 1280, height: 800 },
	{
		serviceWorker = false,
		firstRunTour = false
	}: { serviceWorker?: boolean; firstRunTour?: boolean } = {}
): Promise<TestPage> {
	const context = await browser.newContext({
		viewport,
		locale: 'nl-NL',
		serviceWorkers: serviceWorker ? 'allow' : 'block',
		// Not with the service worker: extra headers change how Chromium sends its requests, and
		// the offline tests need them blocked by setOffline (microsoft/playwright#2311).
		...(serviceWorker ? {} : { extraHTTPHeaders: { 'X-Forwarded-For': deviceAddress() } })
	});
	// The console message names the blocked resource; the event also fires where nothing logs.
	context.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
	});
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			console.error(
				`Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI}`
			);
		});
	});
	if (!firstRunTour) await skipFirstRunTour(context);
	const page = await context.newPage();
	return { context, page };
}

/** Waits until the app exposed its map (`window.__krachtkaartMap`) and the map is idle. */
export async function waitForMapIdle(page: Page, timeout = 30_000): Promise<void> {
	await page.waitForFunction(() => window.__krachtkaartMap !== undefined, null, { timeout });
	await page.evaluate(
		(ms) =>
			new Promise<void>((resolve, reject) => {
				const map = window.__krachtkaartMap!;
				const timer = setTimeout(() => reject(new Error('map did not become idle')), ms);
				// 'idle' fires after the next frame that leaves nothing to load or animate; the
				// repaint makes sure there is such a frame even if the map is idle already.
				map.once('idle', () => {
					clearTimeout(timer);
					resolve();
				});
				map.triggerRepaint();
			}),
		timeout
	);
}

export interface RenderedFeature {
	id: string | number | undefined;
	properties: Record<string, unknown>;
}

/** The features the map has drawn on these layers (what a user can see, not what was loaded). */
export async function renderedFeatures(page: Page, layers: string[]): Promise<RenderedFeature[]> {
	return page.evaluate(
		(layerIds) =>
			window
				.__krachtkaartMap!.queryRenderedFeatures({ layers: layerIds })
				.map((f) => ({ id: f.id, properties: { ...f.properties } })),
		layers
	);
}

/** A map key's dots (`MapKey`, by its test id) by their `data-state`: the fill and ring colours
 * the browser paints, as #rrggbb. */
export async function mapKeyDots(
	page: Page,
	testid: string
): Promise<Record<string, { fill: string; ring: string }>> {
	return page.getByTestId(testid).evaluate((key) => {
		const hex = (rgb: string) =>
			'#' +
			(rgb.match(/\d+/g) ?? [])
				.slice(0, 3)
				.map((n) => Number(n).toString(16).padStart(2, '0'))
				.join('');
		return Object.fromEntries(
			[...key.querySelectorAll<HTMLElement>('li[data-state]')].map((item) => {
				const dot = getComputedStyle(item.querySelector('.dot')!);
				return [
					item.dataset.state,
					{ fill: hex(dot.backgroundColor), ring: hex(dot.borderTopColor) }
				];
			})
		);
	});
}

/**
 * Signs in on the login page that is open: email and password, and for coordinators and admins
 * the code the server mailed (read from the test PocketBase's mail drop folder, as she would read
 * her mail). Returns when the app has left the login page; fails on a refused sign-in.
 */
export async function submitLogin(page: Page, user: E2eUser): Promise<void> {
	const mailDir = inject('mailDir');
	await page.getByTestId('login-form').waitFor();
	const seen = mailsTo(mailDir, user.email).map((mail) => mail.file);
	await page.getByTestId('login-email').fill(user.email);
	await page.getByTestId('login-password').fill(user.password);
	await page.getByTestId('login-submit').click();
	if ((await nextLoginStep(page, 'password')) === 'code') {
		const code = codeIn(await nextMailTo(mailDir, user.email, seen));
		await page.getByTestId('login-code').fill(code);
		await page.getByTestId('login-code-submit').click();
		await nextLoginStep(page, 'code');
	}
}

/**
 * Waits for the answer to a step of the login page: the app left it ('done'), or after the
 * password it asks for the mailed code ('code'); a shown error fails.
 */
async function nextLoginStep(page: Page, after: 'password' | 'code'): Promise<'code' | 'done'> {
	const step = await page.waitForFunction(
		(stage) => {
			if (window.location.pathname !== '/login') return 'done';
			const error = document.querySelector('[data-testid="login-error"]');
			if (error) return `error: ${error.textContent?.trim()}`;
			if (stage === 'password' && document.querySelector('[data-testid="login-code"]')) {
				return 'code';
			}
			return false;
		},
		after,
		{ timeout: 30_000 }
	);
	const value = String(await step.jsonValue());
	if (value.startsWith('error')) throw new Error(`[e2e] sign-in refused (${value})`);
	return value === 'code' ? 'code' : 'done';
}

/** Signs in on the login page the app sent us to, and waits to be back at `path`. */
export async function signInBackTo(page: Page, user: E2eUser, path: string): Promise<void> {
	await submitLogin(page, user);
	await page.waitForURL((at) => at.pathname === path, { timeout: 30_000 });
}

/** Opens the app (by default its map), signs in on the login page it sends us to, and waits for
 * the loaded, idle map. */
export async function openMap(page: Page, user: E2eUser, url = `${inject('appUrl')}/`) {
	await page.goto(url);
	await signInBackTo(page, user, '/');
	await page.locator('[data-testid="map-page"][data-status="ready"]').waitFor({ timeout: 30_000 });
	await waitForMapIdle(page);
}
