// The map at city scale in a real browser (headless Chromium, software WebGL, as the e2e tests
// run it): how long from signing in (the mailed code sent, the last step) until 20,000 assets
// are drawn, how long a filter change takes until the map has drawn it again, and the page's JS
// heap once it is drawn. Needs a build (`npm run build`) served by the bench's PocketBase, and
// Chromium (CHROMIUM_PATH or /usr/bin/chromium).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-background-networking',
	'--enable-unsafe-swiftshader',
	'--use-angle=swiftshader'
];

/** Resolves on the map's next 'idle': nothing left to load, place or animate. */
function mapIdle() {
	return new Promise((resolve) => {
		const map = window.__krachtkaartMap;
		map.once('idle', () => resolve(undefined));
		map.triggerRepaint();
	});
}

/**
 * The newest sign-in code mailed to `email` into the server's mail drop folder
 * (pb_hooks/mail.pb.js) that is not in one of the `seen` files; waits for it.
 * @param {string} mailDir @param {string} email @param {string[]} seen
 */
export async function mailedCode(mailDir, email, seen) {
	for (let i = 0; i < 300; i++) {
		const files = existsSync(mailDir)
			? readdirSync(mailDir).filter((f) => f.endsWith('.json') && !seen.includes(f))
			: [];
		for (const file of files.sort().reverse()) {
			const mail = JSON.parse(readFileSync(join(mailDir, file), 'utf8'));
			const match = /\b(\d{6})\b/.exec(mail.html);
			if (mail.to.some((/** @type {{ address: string }} */ to) => to.address === email) && match) {
				return match[1];
			}
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`no sign-in code for ${email} in ${mailDir}`);
}

/** @param {string} mailDir */
export const mailFiles = (mailDir) => (existsSync(mailDir) ? readdirSync(mailDir) : []);

/**
 * @param {string} url the app, served by PocketBase
 * @param {{ email: string, password: string }} user a coordinator (password, then mailed code)
 * @param {number} runs
 * @param {string} mailDir the server's KRACHTKAART_MAIL_DIR
 * @returns {Promise<{ firstViewMs: number[], filterMs: number[], heapMb: number[],
 *   stagesMs: { ready: number, source: number, drawn: number }[] } | null>} null without Chromium
 */
export async function measureMapInBrowser(url, user, runs, mailDir) {
	const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	if (!existsSync(executablePath)) return null;
	const browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
	const firstViewMs = [];
	const filterMs = [];
	/** The page's JS heap once the map is drawn, after a garbage collection (Chrome's own count). */
	const heapMb = [];
	/** @type {{ ready: number, source: number, drawn: number }[]} */
	const stagesMs = [];
	try {
		for (let run = 0; run < runs; run++) {
			const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
			const page = await context.newPage();
			await page.goto(`${url}/`);
			await page.getByTestId('login-email').fill(user.email);
			await page.getByTestId('login-password').fill(user.password);
			const seen = mailFiles(mailDir);
			await page.getByTestId('login-submit').click();
			await page.getByTestId('login-code').fill(await mailedCode(mailDir, user.email, seen));
			const signedIn = performance.now();
			await page.getByTestId('login-code-submit').click();
			await page
				.locator('[data-testid="map-page"][data-status="ready"]')
				.waitFor({ timeout: 120_000 });
			const ready = performance.now();
			await page.waitForFunction(
				() => window.__krachtkaartMap?.getSource('assets') !== undefined,
				null,
				{
					timeout: 120_000
				}
			);
			const sourced = performance.now();
			await page.evaluate(mapIdle);
			firstViewMs.push(performance.now() - signedIn);
			// Where the time goes: the page's data in, the assets handed to the map, drawn.
			stagesMs.push({
				ready: ready - signedIn,
				source: sourced - ready,
				drawn: performance.now() - sourced
			});
			const cdp = await context.newCDPSession(page);
			await cdp.send('HeapProfiler.collectGarbage');
			await cdp.send('Performance.enable');
			const { metrics } = await cdp.send('Performance.getMetrics');
			const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
			heapMb.push(used / 1024 / 1024);
			await cdp.detach();

			// The first-run tour opens over the map on a first visit (src/lib/tour/): she skips it,
			// as a returning user never sees it.
			const tour = page.locator('[data-testid="first-run-tour"][open]');
			if (await tour.isVisible()) {
				await page.getByTestId('tour-skip').click();
				await tour.waitFor({ state: 'hidden' });
			}

			// Hide one kind, then show it again: the list, the counts and the map follow.
			const chip = page.getByTestId('filter-kind-capacity');
			for (let toggle = 0; toggle < 2; toggle++) {
				const count = await page.getByTestId('in-view-count').textContent();
				const start = performance.now();
				await chip.click();
				await page.waitForFunction(
					(before) =>
						document.querySelector('[data-testid="in-view-count"]')?.textContent !== before,
					count
				);
				await page.evaluate(mapIdle);
				filterMs.push(performance.now() - start);
			}
			await context.close();
		}
	} finally {
		await browser.close();
	}
	return { firstViewMs, filterMs, heapMb, stagesMs };
}
