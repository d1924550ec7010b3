// The map at city scale in a real browser (headless Chromium, software WebGL, as the e2e tests
// run it): how long from signing in until 20,000 assets are drawn, and how long a filter change
// takes until the map has drawn it again. Needs a build (`npm run build`) served by the bench's
// PocketBase, and Chromium (CHROMIUM_PATH or /usr/bin/chromium).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const ARGS = [
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
 * @param {string} url the app, served by PocketBase
 * @param {{ email: string, password: string }} user
 * @param {number} runs
 * @returns {Promise<{ firstViewMs: number[], filterMs: number[] } | null>} null without Chromium
 */
export async function measureMapInBrowser(url, user, runs) {
	const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	if (!existsSync(executablePath)) return null;
	const browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
	const firstViewMs = [];
	const filterMs = [];
	try {
		for (let run = 0; run < runs; run++) {
			const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
			const page = await context.newPage();
			await page.goto(`${url}/`);
			await page.getByTestId('login-email').fill(user.email);
			await page.getByTestId('login-password').fill(user.password);
			const signedIn = performance.now();
			await page.getByTestId('login-submit').click();
			await page
				.locator('[data-testid="map-page"][data-status="ready"]')
				.waitFor({ timeout: 120_000 });
			await page.waitForFunction(
				() => window.__krachtkaartMap?.getSource('assets') !== undefined,
				null,
				{
					timeout: 120_000
				}
			);
			await page.evaluate(mapIdle);
			firstViewMs.push(performance.now() - signedIn);

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
	return { firstViewMs, filterMs };
}
