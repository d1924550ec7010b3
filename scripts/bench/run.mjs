#!/usr/bin/env node
// `npm run bench`: the asset map at the scale of one city (docs/product.md: 300 buurten, 20,000
// assets) against a real PocketBase with the project's migrations and hooks, in a temporary data
// dir that is removed afterwards. Measures as a coordinator of gemeente Utrecht, who sees all of
// it, and prints one figure per line: `name: value unit`. Plain Node ESM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import PocketBase from 'pocketbase';
import { areaId, mulberry32, pointInPolygon } from '../demo/generate.mjs';
import { CAPACITIES } from '../demo/vocabulary.mjs';
import { ensurePocketBase, servePocketBase, stopPocketBase } from '../pocketbase.mjs';
import { signInSuperuser } from '../superuser-session.mjs';
import { bbox, migratedPocketBase, readGeoJson } from './common.mjs';
import { createFigures, peakRssMb, writeLast } from './figures.mjs';
import { measureConversationSaves } from './conversations.mjs';
import { measureGapAnalysis } from './gaps-analysis.mjs';
import { measureMapInBrowser } from './map-in-browser.mjs';
import { measureGapsServer, printGapsServer } from './gaps-server.mjs';
import { measureImport, printImport } from './import-addresses.mjs';
import { measureNetwork, printNetwork } from './network.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SUPERUSER = { email: 'bench@example.org', password: 'bench-superuser-pass' };
const COORDINATOR = { email: 'coordinator@bench.example.org', password: 'bench-lead-pass-1' };
const GEMEENTE = 'GM0344';
const ASSET_COUNT = 20_000;
const LINK_COUNT = 2_000;
const CUSTOM_AREAS = 17; // 283 CBS buurten + 17 custom areas = 300
/** The fields the map needs (src/lib/assets), plus freshness. */
const MAP_FIELDS = 'id,kind,title,location,status,themes,domain,area,precision,confirmedAt';
const PER_PAGE = 1000;
/** A browser opens about six connections per host, so the map loads six pages at a time. */
const PARALLEL_PAGES = 6;
const RUNS = 5;
const CREATES = 200;
/**
 * Assets per batch while loading. A batch runs its requests nested (apis/batch.go), so each
 * holds a JS VM for its request hooks until the batch ends; past PocketBase's 15 prewarmed VMs
 * every hook gets a fresh VM. Two hooks per asset create: 7 fit, 200 (the server's maximum) run
 * about three times slower, which `assets.batch_200` shows.
 */
const LOAD_BATCH = 7;
/** Workers saving conversations at once, and how many each saves in a row. */
const WORKERS = 50;
const SAVES_PER_WORKER = 10;

/** @param {string} message */
const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const figures = createFigures();
const { figure } = figures;
/** Where the run's figures are kept (beside what is printed), with the machine they ran on. */
const LAST = join(ROOT, 'bench', 'last.json');

// ---------------------------------------------------------------------------------------------
// PocketBase on a free port with a temporary data dir (as tests/support/pocketbase.ts does)

/** @type {{ child: import('node:child_process').ChildProcess | null, dataDir: string }} */
const running = { child: null, dataDir: '' };

/** Where the bench server's mail lands (pb_hooks/mail.pb.js): the coordinator's sign-in codes. */
const mailDir = () => join(running.dataDir, 'mail_drop');

async function startBenchPocketBase() {
	const bin = await ensurePocketBase();
	running.dataDir = mkdtempSync(join(tmpdir(), 'krachtkaart-bench-'));
	const common = migratedPocketBase(bin, running.dataDir, SUPERUSER);
	// The built app too, for the browser figures, on the offline basemap (no tiles from outside).
	const { url, child } = await servePocketBase(
		bin,
		[`--publicDir=${join(ROOT, 'build')}`, ...common],
		{ ...process.env, KRACHTKAART_BASEMAP: 'offline', KRACHTKAART_MAIL_DIR: mailDir() }
	);
	running.child = child;
	return url;
}

async function stopBenchPocketBase() {
	const { child, dataDir } = running;
	running.child = null;
	await stopPocketBase(child);
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	running.dataDir = '';
}

// ---------------------------------------------------------------------------------------------
// Data: the real CBS areas and 20,000 generated assets in Utrecht's buurten

/**
 * Creates records through the batch API, `size` requests per batch (the server allows 200).
 * @param {PocketBase} pb @param {string} collection @param {Record<string, any>[]} records
 * @param {number} size
 */
async function createInBatches(pb, collection, records, size) {
	for (let start = 0; start < records.length; start += size) {
		const batch = pb.createBatch();
		for (const body of records.slice(start, start + size)) {
			batch.collection(collection).create(body);
		}
		await batch.send();
	}
}

/** @param {PocketBase} su */
async function loadAreas(su) {
	const square = (/** @type {number} */ lon, /** @type {number} */ lat) => ({
		type: 'Polygon',
		coordinates: [
			[
				[lon, lat],
				[lon + 0.005, lat],
				[lon + 0.005, lat + 0.005],
				[lon, lat + 0.005],
				[lon, lat]
			]
		]
	});
	/** @param {any} f @param {string} level */
	const area = (f, level) => ({
		id: areaId(f.properties.code),
		code: f.properties.code,
		name: f.properties.name,
		level,
		parent: f.properties.parentCode ? areaId(f.properties.parentCode) : '',
		geometry: f.geometry
	});
	// Parents first; geometries are large, so small batches stay well under the body limit.
	let count = 0;
	for (const [file, level] of [
		['gemeenten.geojson', 'gemeente'],
		['wijken.geojson', 'wijk'],
		['buurten.geojson', 'buurt']
	]) {
		const features = readGeoJson(file).features;
		await createInBatches(
			su,
			'areas',
			features.map((f) => area(f, level)),
			20
		);
		if (level === 'buurt') count += features.length;
	}
	const custom = Array.from({ length: CUSTOM_AREAS }, (_, i) => ({
		code: `BENCH-${i}`,
		name: `Rondom school ${i + 1}`,
		level: 'custom',
		parent: areaId(GEMEENTE),
		geometry: square(5.05 + (i % 6) * 0.01, 52.07 + Math.floor(i / 6) * 0.01)
	}));
	await createInBatches(su, 'areas', custom, 20);
	return count + custom.length;
}

/**
 * @param {Record<string, string[]>} values select values from the schema
 * @returns {Record<string, any>[]} the assets, spread over Utrecht's buurten
 */
function makeAssets(values) {
	const next = mulberry32(344);
	/** @template T @param {readonly T[]} items @returns {T} */
	const pick = (items) => items[Math.floor(next() * items.length)];
	const wijken = new Set(
		readGeoJson('wijken.geojson')
			.features.filter((f) => f.properties.parentCode === GEMEENTE)
			.map((f) => f.properties.code)
	);
	const buurten = readGeoJson('buurten.geojson').features.filter((f) =>
		wijken.has(f.properties.parentCode)
	);
	const boxes = buurten.map((b) => bbox(b.geometry));
	const now = Date.now();
	return Array.from({ length: ASSET_COUNT }, (_, i) => {
		const b = Math.floor(next() * buurten.length);
		const [west, south, east, north] = boxes[b];
		let point = [west, south];
		for (let attempt = 0; attempt < 50; attempt++) {
			point = [west + next() * (east - west), south + next() * (north - south)];
			if (pointInPolygon(point, buurten[b].geometry)) break;
		}
		const capacity = pick(CAPACITIES);
		return {
			// Our own ids, so the links below can point at assets.
			id: `bench${String(i).padStart(10, '0')}`,
			kind: pick(values.kind),
			title: `${capacity.title} ${i + 1}`,
			description: 'Gegenereerd voor de benchmark.',
			themes: capacity.themes,
			domain: capacity.domain,
			gifts: [capacity.gift],
			location: { lon: Math.round(point[0] * 1e6) / 1e6, lat: Math.round(point[1] * 1e6) / 1e6 },
			precision: pick(values.precision),
			area: areaId(buurten[b].properties.code),
			status: next() < 0.9 ? 'active' : pick(values.status),
			confirmedAt: new Date(now - next() * 730 * 86_400_000).toISOString().replace('T', ' ')
		};
	});
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** A copy to create again, under a new id. @param {Record<string, any>} record */
function withoutId(record) {
	const copy = { ...record };
	delete copy.id;
	return copy;
}

/** @param {number[]} values @param {number} p 0..100, nearest rank */
function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Lists assets the way the map loads them: pages of 1000 without a total, six at a time,
 * until a page comes back short. Fetches the raw JSON to count its bytes.
 * @param {string} url @param {string} token @param {string} [filter]
 * @returns {Promise<{ items: any[], bytes: string[] }>}
 */
async function listAssets(url, token, filter = '') {
	/** @param {number} page */
	const fetchPage = async (page) => {
		const query = new URLSearchParams({
			page: String(page),
			perPage: String(PER_PAGE),
			skipTotal: '1',
			fields: MAP_FIELDS,
			// A stable order, so pages neither overlap nor skip records.
			sort: 'id',
			filter
		});
		const response = await fetch(`${url}/api/collections/assets/records?${query}`, {
			headers: { Authorization: token }
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`list page ${page}: ${response.status} ${text}`);
		return text;
	};
	const items = [];
	const bytes = [];
	for (let first = 1; ; first += PARALLEL_PAGES) {
		const pages = Array.from({ length: PARALLEL_PAGES }, (_, i) => first + i);
		const texts = await Promise.all(pages.map(fetchPage));
		let short = false;
		for (const text of texts) {
			const page = JSON.parse(text).items;
			items.push(...page);
			bytes.push(text);
			short ||= page.length < PER_PAGE;
		}
		if (short) return { items, bytes };
	}
}

/**
 * Loads the map the way the app does (`loadMap` in src/lib/assets/assets.api.ts): one request to
 * the map snapshot (assets and links) of the gemeente, accepting gzip as browsers do; counts its bytes, plain and gzipped.
 * @param {string} url @param {string} token
 * @returns {Promise<{ items: any[], bytes: number, gzipBytes: number }>}
 */
async function mapSnapshot(url, token) {
	const response = await fetch(`${url}/api/krachtkaart/map?areas=${areaId(GEMEENTE)}`, {
		headers: { Authorization: token, 'Accept-Encoding': 'gzip' }
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`map snapshot: ${response.status} ${text}`);
	return {
		items: JSON.parse(text).assets,
		bytes: Buffer.byteLength(text),
		gzipBytes: gzipSync(text).length
	};
}

/** @template T @param {() => Promise<T>} task @returns {Promise<{ ms: number, result: T }>} */
async function timed(task) {
	const start = performance.now();
	const result = await task();
	return { ms: performance.now() - start, result };
}

async function main() {
	const started = performance.now();
	// The gap analysis of a whole city (no server needed), first, while the machine is quiet.
	log('analysing the gaps of a synthetic city...');
	const gaps = await measureGapAnalysis();
	figure('gaps.analysis_city_ms', gaps.medianMs, 'ms');
	figure('gaps.analysis_city_cpu_ms', gaps.cpuMs, 'ms');
	figure('gaps.analysis_city_heap_mb', gaps.heapMb, 'MB');
	// The network view's graph at city scale (no server needed), beside the naive ways.
	log('analysing a synthetic city network...');
	printNetwork(figure, await measureNetwork());
	log('starting PocketBase...');
	const url = await startBenchPocketBase();
	const su = new PocketBase(url);
	su.autoCancellation(false);
	await signInSuperuser(su, { ...SUPERUSER, dataDir: running.dataDir });

	const areaCount = await loadAreas(su);
	log(`${areaCount} buurten and custom areas loaded`);
	const schema = await su.collections.getOne('assets');
	/** @type {Record<string, string[]>} */
	const values = Object.fromEntries(
		schema.fields.filter((f) => f.type === 'select').map((f) => [f.name, f.values])
	);
	const assets = makeAssets(values);
	const load = await timed(() => createInBatches(su, 'assets', assets, LOAD_BATCH));
	figure(`load.assets_${ASSET_COUNT}`, load.ms, 'ms');
	const pickAsset = mulberry32(7);
	const links = Array.from({ length: LINK_COUNT }, () => ({
		from: assets[Math.floor(pickAsset() * ASSET_COUNT)].id,
		to: assets[Math.floor(pickAsset() * ASSET_COUNT)].id,
		kind: 'knows'
	})).filter((link) => link.from !== link.to);
	await createInBatches(su, 'links', links, LOAD_BATCH);
	log(`${links.length} links loaded`);

	const coordinator = await su.collection('users').create({
		email: COORDINATOR.email,
		password: COORDINATOR.password,
		passwordConfirm: COORDINATOR.password,
		name: 'Bench Coördinator',
		role: 'coordinator',
		areas: [areaId(GEMEENTE)]
	});
	// Her session from the superuser: her password alone no longer signs her in (a mailed code
	// follows, pb_migrations/1763901800_users_mfa_otp.js); the browser figures type the code.
	const pb = await su.collection('users').impersonate(coordinator.id, 0);
	const token = pb.authStore.token;

	// The whole map through the records API, under its list rule: one warm-up, then RUNS loads.
	const warm = await listAssets(url, token);
	if (warm.items.length !== ASSET_COUNT) {
		throw new Error(`the coordinator sees ${warm.items.length} assets, not ${ASSET_COUNT}`);
	}
	const full = [];
	for (let run = 0; run < RUNS; run++) full.push((await timed(() => listAssets(url, token))).ms);
	figure(`assets.list_${ASSET_COUNT}_median`, percentile(full, 50), 'ms');
	figure(`assets.list_${ASSET_COUNT}_p95`, percentile(full, 95), 'ms');

	// The whole map as the app loads it: one request to the map snapshot, gzipped.
	const snapshot = await timed(() => mapSnapshot(url, token));
	if (snapshot.result.items.length !== ASSET_COUNT) {
		throw new Error(
			`the map snapshot has ${snapshot.result.items.length} assets, not ${ASSET_COUNT}`
		);
	}
	const snapshots = [];
	for (let run = 0; run < RUNS; run++)
		snapshots.push((await timed(() => mapSnapshot(url, token))).ms);
	figure(`assets.map_${ASSET_COUNT}_median`, percentile(snapshots, 50), 'ms');
	figure(`assets.map_${ASSET_COUNT}_p95`, percentile(snapshots, 95), 'ms');
	figure(`assets.map_payload_${ASSET_COUNT}`, snapshot.result.bytes, 'bytes');
	figure(`assets.map_payload_${ASSET_COUNT}_gzip`, snapshot.result.gzipBytes, 'bytes');

	// What the records API sends for it, as sent and if compressed by a proxy.
	const payload = Buffer.from(warm.bytes.join(''));
	figure(`assets.payload_${ASSET_COUNT}`, payload.length, 'bytes');
	figure(`assets.payload_${ASSET_COUNT}_gzip`, gzipSync(payload).length, 'bytes');

	// A filtered list through the records API: kind, theme and text.
	const sample = assets[0];
	const filter = pb.filter('kind = {:kind} && themes:each ?= {:theme} && title ~ {:q}', {
		kind: sample.kind,
		theme: sample.themes[0],
		q: sample.title.split(' ')[0]
	});
	const filtered = [];
	let matches = 0;
	for (let run = 0; run < RUNS; run++) {
		const { ms, result } = await timed(() => listAssets(url, token, filter));
		filtered.push(ms);
		matches = result.items.length;
	}
	figure('assets.list_filtered_median', percentile(filtered, 50), 'ms');
	figure('assets.list_filtered_matches', matches, 'assets');

	// Adding one asset on the map, one after another.
	const creates = [];
	for (let i = 0; i < CREATES; i++) {
		const body = { ...withoutId(assets[i]), title: `Nieuw ${i}` };
		creates.push((await timed(() => pb.collection('assets').create(body))).ms);
	}
	figure('assets.create_median', percentile(creates, 50), 'ms');
	figure('assets.create_p95', percentile(creates, 95), 'ms');

	// One full batch of 200 creates, as an import or a long offline outbox would send it.
	const batches = [];
	for (let run = 0; run < 3; run++) {
		const body = assets.slice(run * 200, run * 200 + 200).map(withoutId);
		batches.push((await timed(() => createInBatches(su, 'assets', body, 200))).ms);
	}
	figure('assets.batch_200_median', percentile(batches, 50), 'ms');
	// 50 workers saving doorstep conversations at once, at 500 doors spread like the assets:
	// paced (about one save a second each), then in a burst (no pause at all).
	log(`${WORKERS} workers saving conversations at once...`);
	const savesBy = (/** @type {number} */ pauseMs, /** @type {number} */ seed) =>
		measureConversationSaves({
			url,
			su,
			areaId: areaId(GEMEENTE),
			doors: assets.slice(0, 500).map((a) => ({ area: a.area, location: a.location })),
			workers: WORKERS,
			perWorker: SAVES_PER_WORKER,
			pauseMs,
			random: mulberry32(seed),
			createInBatches
		});
	const paced = await savesBy(1000, 50);
	figure(`conversations.save_${WORKERS}_workers_paced_median`, percentile(paced.all, 50), 'ms');
	figure(`conversations.save_${WORKERS}_workers_paced_p95`, percentile(paced.all, 95), 'ms');
	figure('conversations.save_growing_paced_p95', percentile(paced.growing, 95), 'ms');
	const burst = await savesBy(0, 51);
	figure(`conversations.save_${WORKERS}_workers_burst_median`, percentile(burst.all, 50), 'ms');
	figure(`conversations.save_${WORKERS}_workers_burst_p95`, percentile(burst.all, 95), 'ms');
	figure('conversations.burst_saves_per_second', (burst.all.length / burst.wallMs) * 1000, 'saves');

	// The map in a real browser: from signing in until all assets are drawn, and a filter change.
	log('measuring the map in Chromium...');
	const browser = await measureMapInBrowser(url, COORDINATOR, 3, mailDir());
	if (browser) {
		figure(`map.first_view_${ASSET_COUNT}_median`, percentile(browser.firstViewMs, 50), 'ms');
		figure(`map.filter_${ASSET_COUNT}_median`, percentile(browser.filterMs, 50), 'ms');
		figure(`map.page_heap_${ASSET_COUNT}_mb`, Math.max(...browser.heapMb), 'MB');
		for (const stage of /** @type {const} */ (['ready', 'source', 'drawn'])) {
			const ms = browser.stagesMs.map((s) => s[stage]);
			figure(`map.first_view_${ASSET_COUNT}_${stage}_median`, percentile(ms, 50), 'ms');
		}
	} else {
		log('no Chromium (set CHROMIUM_PATH): the map.* figures are left out');
	}
	// The server's highest resident memory over all of the above (Linux only).
	const rss = peakRssMb(running.child?.pid);
	if (rss !== null) figure('server.peak_rss_mb', rss, 'MB');
	// The gap input of the whole city, in a server of its own with a city seeded by SQL.
	printGapsServer(figure, await measureGapsServer());
	// 120,000 BAG addresses through the bulk import, and the records API's way extrapolated.
	printImport(figure, await measureImport());
	figure('bench.total', performance.now() - started, 'ms');
	writeLast(LAST, figures);
	log(`figures kept in ${LAST}`);
}

// Stop PocketBase and remove its data on every way out: success, error, Ctrl+C, and as a last
// resort when Node ends abruptly (an uncaught error, a closed pipe): never an orphan server.
process.on('exit', () => {
	if (running.child && running.child.exitCode === null) running.child.kill('SIGKILL');
	if (running.dataDir) rmSync(running.dataDir, { recursive: true, force: true });
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.once(signal, () => {
		log(`${signal}: stopping`);
		stopBenchPocketBase().finally(() => process.exit(130));
	});
}
try {
	await main();
} catch (error) {
	log(error instanceof Error ? (error.stack ?? error.message) : String(error));
	process.exitCode = 1;
} finally {
	await stopBenchPocketBase();
}
