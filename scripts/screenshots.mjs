// Makes the README's phone screenshots from the running demo (`npm start` in another terminal):
// the demo worker opens the app as installed (start_url `/?bron=app`, so she lands on "Op pad"),
// the first-run tour over it, then one street opened in the list, then the same walk on the map.
// Written to docs/screenshots/.
//   node scripts/screenshots.mjs [app url]   (default http://127.0.0.1:8090; CHROMIUM_PATH if not
//   /usr/bin/chromium)
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD } from './demo/seed.mjs';

const appUrl = process.argv[2] || 'http://127.0.0.1:8090';
const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');
const WAIT = { timeout: 30_000 };

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	args: [
		'--headless',
		'--no-sandbox',
		'--disable-background-networking',
		'--enable-unsafe-swiftshader',
		'--use-angle=swiftshader'
	]
});
try {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		deviceScaleFactor: 2,
		isMobile: true,
		hasTouch: true,
		locale: 'nl-NL'
	});
	const page = await context.newPage();
	// As opened from the home screen: the manifest's start_url.
	await page.goto(`${appUrl}/?bron=app`);
	await page.getByLabel(/e-mail/i).fill('worker@example.org');
	await page.getByLabel(/wachtwoord/i).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: /inloggen/i }).click();
	await page.waitForURL((url) => url.pathname === '/oppad', WAIT);
	await page.locator('[data-testid="walk-page"][data-status="ready"]').waitFor(WAIT);
	// Her first visit on this phone: the first-run tour opens over Op pad; shown, then skipped.
	const tour = page.getByTestId('first-run-tour');
	await tour.waitFor(WAIT);
	await page.screenshot({ path: join(OUT, 'first-run-tour-phone.png') });
	await page.getByTestId('tour-skip').click();
	await tour.waitFor({ state: 'hidden', ...WAIT });
	const street = page.getByTestId('walk-street').first();
	await street.locator('summary').click();
	await page.screenshot({ path: join(OUT, 'walk-phone.png') });

	await page.getByTestId('walk-view-map').click();
	await page.waitForFunction(() => window.__krachtkaartMap?.loaded(), null, WAIT);
	await page.evaluate(
		() => new Promise((resolve) => window.__krachtkaartMap.once('idle', resolve).triggerRepaint())
	);
	// The map fills the screen: scrolled to its top, under the header.
	await page
		.locator('.maplibregl-map')
		.first()
		.evaluate((el) => el.scrollIntoView({ block: 'start' }));
	await page.screenshot({ path: join(OUT, 'walk-map-phone.png') });
	console.log(`written: ${OUT}/first-run-tour-phone.png, walk-phone.png, walk-map-phone.png`);
} finally {
	await browser.close();
}
