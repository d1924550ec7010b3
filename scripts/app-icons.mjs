// Makes the app's install icons (static/icon-*.png, listed in static/manifest.webmanifest) from
// static/favicon.svg, drawn by headless Chromium so no image tool is needed. Run it after changing
// the favicon and commit the PNGs: `node scripts/app-icons.mjs` (CHROMIUM_PATH if not
// /usr/bin/chromium).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const STATIC = join(import.meta.dirname, '..', 'static');
const favicon = readFileSync(join(STATIC, 'favicon.svg'), 'utf8');
// The favicon's own background colour: a maskable icon is cut to any shape by the phone, so it
// fills the whole square and keeps its drawing inside the middle 80 % (the safe zone).
const background = /<rect[^>]*fill="(#[0-9a-f]{6})"/i.exec(favicon)?.[1] ?? '#1f4e6b';
const drawing = favicon.replace(/<rect[^>]*\/>/, '').replace(/<svg[^>]*>|<\/svg>/g, '');
const maskable =
	`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">` +
	`<rect width="32" height="32" fill="${background}"/>` +
	`<g transform="translate(16 16) scale(0.72) translate(-16 -15.5)">${drawing}</g></svg>`;

const icons = [
	{ file: 'icon-192.png', size: 192, svg: favicon },
	{ file: 'icon-512.png', size: 512, svg: favicon },
	{ file: 'icon-maskable-512.png', size: 512, svg: maskable },
	{ file: 'apple-touch-icon.png', size: 180, svg: maskable }
];

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox']
});
try {
	const page = await browser.newPage();
	for (const { file, size, svg } of icons) {
		await page.setViewportSize({ width: size, height: size });
		const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
		await page.setContent(
			`<html><body style="margin:0;background:transparent">${sized}</body></html>`
		);
		const png = await page.locator('svg').screenshot({ omitBackground: true });
		writeFileSync(join(STATIC, file), png);
		console.log(`static/${file} (${size}×${size})`);
	}
} finally {
	await browser.close();
}
