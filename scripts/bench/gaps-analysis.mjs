#!/usr/bin/env node
// Part of `npm run bench` (and runnable alone: `node scripts/bench/gaps-analysis.mjs`): the gap
// analysis (src/lib/gaps/gaps.ts) of a whole city, as the gap view's worker runs it.
// docs/product.md: 120,000 addresses, 100,000 conversations, 20,000 assets, 300 buurten, "well
// under a second".
// The TypeScript source is bundled by Vite into a temporary ES module first (as the app's build
// bundles it into the worker), so the figure is of the code that ships. Plain Node ESM.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { mulberry32 } from '../demo/generate.mjs';
import { RESIDENT_THEMES } from '../demo/vocabulary.mjs';
import { importBundled, median } from './common.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const UNITS = 120_000;
const ASSETS = 20_000;
const CONVERSATIONS = 100_000;
const LINKS = 20_000;
const BUURTEN = 300;
const DOORS_PER_STREET = 40;
const RUNS = 5;
/** Utrecht, roughly: the box the synthetic city is spread over. */
const BOX = { west: 5.0, south: 52.03, east: 5.2, north: 52.14 };
// All the schema's themes; the demo's weights are not used here.
const THEMES = RESIDENT_THEMES.map(([theme]) => theme);
const KINDS = ['capacity', 'key_figure', 'association', 'institution', 'place', 'initiative'];

/** Bundles gaps.ts (with h3-js and flatbush) into one module and imports it. */
function loadAnalysis() {
	return importBundled(ROOT, 'src/lib/gaps/gaps.ts');
}

/**
 * A synthetic city as `GET /api/krachtkaart/gaps` gives it to a coordinator: one unit per
 * address, 300 buurten in a grid, streets of about 40 addresses, themes from 100,000
 * conversations, 20,000 assets (nine in ten active, in two of five columns of buurten) with
 * themes, and links between them.
 */
export function syntheticCity() {
	const next = mulberry32(344);
	const columns = 20;
	const rows = BUURTEN / columns;
	const width = (BOX.east - BOX.west) / columns;
	const height = (BOX.north - BOX.south) / rows;
	const areas = [
		{ id: 'gemeente', code: 'GM0344', name: 'Utrecht', level: 'gemeente', parent: '' },
		...Array.from({ length: BUURTEN }, (_, i) => ({
			id: `buurt${String(i).padStart(3, '0')}`,
			code: `BU0344${String(i).padStart(4, '0')}`,
			name: `Buurt ${i + 1}`,
			level: 'buurt',
			parent: 'gemeente'
		}))
	];
	const street = { b: 0, start: { lon: 0, lat: 0 }, name: '' };
	/** A random point in buurt `b`. @param {number} b */
	const pointIn = (b) => ({
		lon: BOX.west + ((b % columns) + next()) * width,
		lat: BOX.south + (Math.floor(b / columns) + next()) * height
	});
	// Street by street, as the server lists them: doors in a row about 8 m apart, from a random
	// point in a random buurt (10 streets a buurt's worth of names, 40 doors each).
	const units = Array.from({ length: UNITS }, (_, i) => {
		if (i % DOORS_PER_STREET === 0) {
			street.b = Math.floor(next() * BUURTEN);
			street.start = pointIn(street.b);
			street.name = `Straat ${street.b}-${Math.floor(next() * 10)}`;
		}
		const visited = next() < 0.4 ? 1 : 0;
		const visitedBefore = next() < 0.3 ? 1 : 0;
		return {
			lon: street.start.lon + (i % DOORS_PER_STREET) * 0.00012,
			lat: street.start.lat,
			area: areas[street.b + 1].id,
			street: street.name,
			addresses: 1,
			visited,
			talked: visited && next() < 0.6 ? 1 : 0,
			visitedBefore,
			talkedBefore: visitedBefore && next() < 0.6 ? 1 : 0,
			lastVisit: visited
				? new Date(Date.UTC(2026, 8, 1) + next() * 90 * 86_400_000).toISOString()
				: null,
			themes: /** @type {Record<string, number>} */ ({}),
			themesBefore: /** @type {Record<string, number>} */ ({})
		};
	});
	// Each conversation raises one or two themes at a random door, in this period or the last.
	for (let c = 0; c < CONVERSATIONS; c++) {
		const unit = units[Math.floor(next() * UNITS)];
		const themes = next() < 0.5 ? unit.themes : unit.themesBefore;
		for (let t = next() < 0.5 ? 1 : 2; t > 0; t--) {
			const theme = THEMES[Math.floor(next() * THEMES.length)];
			themes[theme] = (themes[theme] ?? 0) + 1;
		}
	}
	// Assets in two of every five columns of buurten: the rest are far enough for real gaps.
	const withAssets = Array.from({ length: BUURTEN }, (_, b) => b).filter((b) => b % 5 < 2);
	const assets = Array.from({ length: ASSETS }, (_, i) => {
		const b = withAssets[Math.floor(next() * withAssets.length)];
		/** @type {Set<string>} */
		const themes = new Set();
		for (let t = 1 + Math.floor(next() * 3); t > 0; t--) {
			themes.add(THEMES[Math.floor(next() * THEMES.length)]);
		}
		const kind = next() < 0.08 ? 'key_figure' : KINDS[Math.floor(next() * KINDS.length)];
		return {
			id: `asset${String(i).padStart(10, '0')}`,
			kind,
			title: `Kracht ${i + 1}`,
			...pointIn(b),
			area: areas[b + 1].id,
			themes: [...themes],
			domain: next() < 0.2 ? ['sociaal', 'fysiek'] : next() < 0.7 ? ['sociaal'] : ['fysiek'],
			status: next() < 0.9 ? 'active' : 'ended',
			created: new Date(Date.UTC(2025, 0, 1) + next() * 700 * 86_400_000).toISOString(),
			resident: kind === 'capacity' || (kind === 'key_figure' && next() < 0.5)
		};
	});
	const links = Array.from({ length: LINKS }, () => ({
		from: assets[Math.floor(next() * ASSETS)].id,
		to: assets[Math.floor(next() * ASSETS)].id
	}));
	const city = {
		aggregated: false,
		minResidents: 5,
		period: { from: '2026-09-01', to: '2026-12-01', previousFrom: '2026-06-01' },
		areas,
		units,
		assets,
		links
	};
	// Through JSON, as the app gets it from the server: flat strings, as a parser makes them.
	return JSON.parse(JSON.stringify(city));
}

/**
 * Times `analyseGaps` on the synthetic city: one warm-up, then the median of five runs; and the
 * heap the analysis takes on top of its input, measured right after a run before any collection.
 * The CPU time (of all the process' threads, the collector's too) tells a busy machine's waiting
 * apart from the analysis' own work.
 * @returns {Promise<{ medianMs: number, cpuMs: number, heapMb: number, cells: number, unmet: number }>}
 */
export async function measureGapAnalysis() {
	const { analyseGaps } = await loadAnalysis();
	const input = syntheticCity();
	const options = { radiusM: 500, resolution: 9, now: Date.UTC(2026, 11, 1) };
	setFlagsFromString('--expose-gc');
	const gc = /** @type {() => void} */ (runInNewContext('gc'));
	// One run, whose result is dropped before the next (so it is not counted twice in the heap).
	const run = () => {
		gc();
		const before = process.memoryUsage().heapUsed;
		const cpuBefore = process.cpuUsage();
		const start = performance.now();
		const analysis = analyseGaps(input, options);
		const ms = performance.now() - start;
		const cpu = process.cpuUsage(cpuBefore);
		const heapMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
		const unmet = analysis.themes.reduce(
			(/** @type {number} */ sum, /** @type {any} */ t) => sum + t.unmet,
			0
		);
		return {
			ms,
			cpuMs: (cpu.user + cpu.system) / 1000,
			heapMb,
			cells: analysis.cells.length,
			unmet
		};
	};
	run(); // warm-up: the first run compiles
	const runs = Array.from({ length: RUNS }, run);
	return {
		medianMs: median(runs.map((r) => r.ms)),
		cpuMs: median(runs.map((r) => r.cpuMs)),
		heapMb: Math.max(...runs.map((r) => r.heapMb)),
		cells: runs[0].cells,
		unmet: runs[0].unmet
	};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const result = await measureGapAnalysis();
	process.stderr.write(`[bench] ${result.cells} cells, ${result.unmet} unmet raisings\n`);
	console.log(`gaps.analysis_city_ms: ${Math.round(result.medianMs)} ms`);
	console.log(`gaps.analysis_city_cpu_ms: ${Math.round(result.cpuMs)} ms`);
	console.log(`gaps.analysis_city_heap_mb: ${Math.round(result.heapMb)} MB`);
}
