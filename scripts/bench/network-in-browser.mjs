#!/usr/bin/env node
// The network view (/netwerk) at city scale in a real browser (headless Chromium, software WebGL,
// as the e2e tests run it), issue 17: a coordinator of one wijk of Utrecht with 2,000 assets and
// 5,000 links between them (the synthetic city of network.mjs, placed in the wijk's buurten). How
// long from opening /netwerk until the graph is drawn with its metrics, and for a filter change
// (only initiatives, then all kinds again) from the click until sigma has drawn the filtered
// graph, and until the table has the new metrics (the worker's analysis, without a layout; going
// back to all kinds finds the first view's analysis kept); and what sigma alone takes to draw the
// whole graph again, for comparison.
// The naive way (the whole analysis, layout included, before anything is drawn) is no longer in
// the app; network.mjs measures it beside the new one in Node.
//
// Needs a build (`npm run build`), Chromium (CHROMIUM_PATH or /usr/bin/chromium) and a PocketBase
// (as run.mjs starts one: temporary data dir, removed afterwards). Run alone:
// `node scripts/bench/network-in-browser.mjs`. Plain Node ESM.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import PocketBase from 'pocketbase';
import { chromium } from 'playwright-core';
import { areaId, mulberry32, pointInPolygon } from '../demo/generate.mjs';
import { ensurePocketBase, servePocketBase, stopPocketBase } from '../pocketbase.mjs';
import { signInSuperuser } from '../superuser-session.mjs';
import { bbox, median, migratedPocketBase, readGeoJson } from './common.mjs';
import { ARGS, mailedCode, mailFiles } from './map-in-browser.mjs';
import { LINKS, NODES, syntheticNetwork } from './network.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SUPERUSER = { email: 'bench@example.org', password: 'bench-superuser-pass' };
const COORDINATOR = { email: 'netwerk@bench.example.org', password: 'bench-network-pass-1' };
/** Overvecht: the wijk whose buurten hold the synthetic city. */
const WIJK = 'WK034403';
/** Requests per batch while loading (run.mjs says why 7). */
const LOAD_BATCH = 7;
const WAIT_MS = 120_000;
/** A desk shows graph and map side by side (the map redraws on a filter too); a phone the graph. */
const VIEWPORTS = {
	desk: { width: 1280, height: 800 },
	phone: { width: 390, height: 844 }
};

/** @param {string} message */
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/**
 * @param {PocketBase} pb @param {string} collection @param {Record<string, any>[]} records
 * @param {number} size
 */
async function createInBatches(pb, collection, records, size) {
	for (let start = 0; start < records.length; start += size) {
		const batch = pb.createBatch();
		for (const body of records.slice(start, start + size))
			batch.collection(collection).create(body);
		await batch.send();
	}
}

/** The gemeente, the wijk and its buurten; the buurten's features. @param {PocketBase} su */
async function loadAreas(su) {
	const gemeente = readGeoJson('gemeenten.geojson').features.find(
		(f) => f.properties.code === 'GM0344'
	);
	const wijk = readGeoJson('wijken.geojson').features.find((f) => f.properties.code === WIJK);
	const buurten = readGeoJson('buurten.geojson').features.filter(
		(f) => f.properties.parentCode === WIJK
	);
	/** @param {any} f @param {string} level */
	const area = (f, level) => ({
		id: areaId(f.properties.code),
		code: f.properties.code,
		name: f.properties.name,
		level,
		parent: f.properties.parentCode ? areaId(f.properties.parentCode) : '',
		geometry: f.geometry
	});
	await createInBatches(su, 'areas', [area(gemeente, 'gemeente'), area(wijk, 'wijk')], 2);
	await createInBatches(
		su,
		'areas',
		buurten.map((b) => area(b, 'buurt')),
		10
	);
	return buurten;
}

/** The synthetic city's assets in the wijk's buurten (a point inside each), and its links. */
function placeCity(/** @type {any[]} */ buurten) {
	const { assets, links } = syntheticNetwork();
	const next = mulberry32(3);
	const boxes = buurten.map((b) => bbox(b.geometry));
	const id = (/** @type {string} */ synthetic) => `nwbench${synthetic.slice(1).padStart(8, '0')}`;
	const records = assets.map((asset, i) => {
		const b = i % buurten.length;
		const [west, south, east, north] = boxes[b];
		let point = [west, south];
		for (let attempt = 0; attempt < 100; attempt++) {
			point = [west + next() * (east - west), south + next() * (north - south)];
			if (pointInPolygon(point, buurten[b].geometry)) break;
		}
		return {
			id: id(asset.id),
			kind: asset.kind,
			title: asset.title,
			themes: asset.themes,
			location: { lon: Math.round(point[0] * 1e6) / 1e6, lat: Math.round(point[1] * 1e6) / 1e6 },
			precision: 'exact',
			area: areaId(buurten[b].properties.code),
			status: 'active'
		};
	});
	return {
		assets: records,
		links: links.map((link) => ({ from: id(link.from), to: id(link.to), kind: link.kind }))
	};
}

/**
 * Clicks a filter chip in the page and resolves, in the page's clock, when sigma has drawn the
 * probe node hidden (or shown); marks the click's time for `sinceClick`.
 * @param {import('playwright-core').Page} page @param {string} testid @param {string} probe
 * @param {boolean} hidden
 */
function clickUntilDrawn(page, testid, probe, hidden) {
	return page.evaluate(
		([testid, probe, hidden]) =>
			new Promise((resolve, reject) => {
				const sigma = window.__krachtkaartGraph;
				const chip = document.querySelector(`[data-testid="${testid}"]`);
				if (!sigma || !(chip instanceof HTMLElement)) return reject(new Error('no graph or chip'));
				const start = performance.now();
				/** @type {any} */ (window).__benchClickedAt = start;
				const check = () => {
					if (sigma.getNodeDisplayData(probe)?.hidden !== hidden) return;
					sigma.off('afterRender', check);
					resolve(performance.now() - start);
				};
				sigma.on('afterRender', check);
				setTimeout(() => reject(new Error('the graph was not drawn')), 60_000);
				chip.click();
			}),
		/** @type {[string, string, boolean]} */ ([testid, probe, hidden])
	);
}

/** @param {import('playwright-core').Page} page until the metrics shown are the filter's */
async function metricsIn(page) {
	await page
		.waitForFunction(
			() =>
				document.querySelector('[data-testid="network-page"][data-status="ready"]') !== null &&
				document.querySelector('[data-testid="network-calculating"]') === null,
			null,
			{ timeout: WAIT_MS }
		)
		.catch(async (error) => {
			// Say what the page shows instead.
			const shown = await page.evaluate(() => {
				const root = document.querySelector('[data-testid="network-page"]');
				const notes = [...document.querySelectorAll('[role="status"], [role="alert"]')];
				return `status ${root?.getAttribute('data-status')}: ${notes.map((n) => n.textContent?.trim()).join(' | ')}`;
			});
			throw new Error(`${error instanceof Error ? error.message : error} (${shown})`);
		});
}

/**
 * @param {string} url the app, served by PocketBase
 * @param {{ email: string, password: string }} user a coordinator of the wijk
 * @param {string} mailDir the server's KRACHTKAART_MAIL_DIR
 * @param {string} probe an asset that is not an initiative
 * @param {number} runs fresh pages, each with two filter changes there and back
 * @param {{ width: number, height: number }} viewport a desk (graph and map side by side) or a
 *   phone (the graph alone; the map behind "Kaart")
 */
export async function measureNetworkInBrowser(url, user, mailDir, probe, runs, viewport) {
	const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	if (!existsSync(executablePath)) return null;
	const browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
	/** @type {Record<'firstView' | 'redraw' | 'drawnOnly' | 'metricsOnly' | 'drawnAll' | 'metricsAll', number[]>} */
	const times = {
		firstView: [],
		redraw: [],
		drawnOnly: [],
		metricsOnly: [],
		drawnAll: [],
		metricsAll: []
	};
	const sinceClick = () =>
		/** @type {import('playwright-core').Page} */ (page).evaluate(
			() => performance.now() - /** @type {any} */ (window).__benchClickedAt
		);
	/** @type {import('playwright-core').Page | null} */
	let page = null;
	try {
		for (let run = 0; run < runs; run++) {
			const context = await browser.newContext({ viewport });
			page = await context.newPage();
			page.on('pageerror', (error) => log(`[page] ${error.message}`));
			page.on('console', (message) => {
				if (message.type() === 'error')
					log(`[console] ${message.text()} ${message.location().url}`);
			});
			await page.goto(`${url}/`);
			await page.getByTestId('login-email').fill(user.email);
			await page.getByTestId('login-password').fill(user.password);
			const seen = mailFiles(mailDir);
			await page.getByTestId('login-submit').click();
			await page.getByTestId('login-code').fill(await mailedCode(mailDir, user.email, seen));
			await page.getByTestId('login-code-submit').click();
			await page.locator('[data-testid="map-page"][data-status="ready"]').waitFor({
				timeout: WAIT_MS
			});

			const opened = performance.now();
			await page.goto(`${url}/netwerk`);
			await page.waitForFunction(
				(id) => window.__krachtkaartGraph?.getGraph().hasNode(id) === true,
				probe,
				{ timeout: WAIT_MS }
			);
			await metricsIn(page);
			times.firstView.push(performance.now() - opened);
			// What sigma alone takes to process and draw the whole graph again (software WebGL).
			for (let redraw = 0; redraw < 3; redraw++) {
				times.redraw.push(
					await page.evaluate(
						() =>
							new Promise((resolve) => {
								const sigma = window.__krachtkaartGraph;
								const start = performance.now();
								sigma?.once('afterRender', () => resolve(performance.now() - start));
								sigma?.refresh();
							})
					)
				);
			}
			await page.locator('summary', { hasText: 'Filters' }).click();

			for (let change = 0; change < 2; change++) {
				// Only initiatives: the probe is hidden; then all kinds again: it is back.
				times.drawnOnly.push(await clickUntilDrawn(page, 'network-kind-initiative', probe, true));
				await metricsIn(page);
				times.metricsOnly.push(await sinceClick());
				times.drawnAll.push(await clickUntilDrawn(page, 'network-kind-initiative', probe, false));
				await metricsIn(page);
				times.metricsAll.push(await sinceClick());
			}
			await context.close();
		}
	} finally {
		await browser.close();
	}
	return times;
}

async function main() {
	const bin = await ensurePocketBase();
	const dataDir = mkdtempSync(join(tmpdir(), 'krachtkaart-network-bench-'));
	/** @type {import('node:child_process').ChildProcess | null} */
	let child = null;
	const stop = () => {
		if (child && child.exitCode === null) child.kill('SIGKILL');
		rmSync(dataDir, { recursive: true, force: true });
	};
	process.on('exit', stop);
	try {
		const common = migratedPocketBase(bin, dataDir, SUPERUSER);
		const mailDir = join(dataDir, 'mail_drop');
		const served = await servePocketBase(bin, [`--publicDir=${join(ROOT, 'build')}`, ...common], {
			...process.env,
			KRACHTKAART_BASEMAP: 'offline',
			KRACHTKAART_MAIL_DIR: mailDir
		});
		child = served.child;
		const su = new PocketBase(served.url);
		su.autoCancellation(false);
		await signInSuperuser(su, { ...SUPERUSER, dataDir });

		const buurten = await loadAreas(su);
		const city = placeCity(buurten);
		log(`loading ${city.assets.length} assets and ${city.links.length} links...`);
		await createInBatches(su, 'assets', city.assets, LOAD_BATCH);
		await createInBatches(su, 'links', city.links, LOAD_BATCH);
		await su.collection('users').create({
			email: COORDINATOR.email,
			password: COORDINATOR.password,
			passwordConfirm: COORDINATOR.password,
			name: 'Bench Netwerk',
			role: 'coordinator',
			areas: [areaId(WIJK)]
		});
		const probe = city.assets.find((a) => a.kind === 'capacity')?.id ?? '';

		const scale = `${NODES}_${LINKS}`;
		for (const [name, viewport] of Object.entries(VIEWPORTS)) {
			log(`measuring /netwerk in Chromium (${name})...`);
			const times = await measureNetworkInBrowser(
				served.url,
				COORDINATOR,
				mailDir,
				probe,
				2,
				viewport
			);
			if (!times) {
				log('no Chromium (set CHROMIUM_PATH): nothing measured');
				return;
			}
			const figure = (/** @type {string} */ what, /** @type {number[]} */ values) =>
				console.log(
					`network.browser_${name}_${what}_${scale}_median: ${Math.round(median(values))} ms`
				);
			figure('first_view', times.firstView);
			figure('redraw_whole_graph', times.redraw);
			figure('filter_initiatives_drawn', times.drawnOnly);
			figure('filter_initiatives_metrics', times.metricsOnly);
			figure('filter_all_drawn', times.drawnAll);
			figure('filter_all_metrics', times.metricsAll);
		}
	} finally {
		await stopPocketBase(child);
		stop();
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	try {
		await main();
	} catch (error) {
		log(error instanceof Error ? (error.stack ?? error.message) : String(error));
		process.exitCode = 1;
	}
}
