// The bench's figures: printed one per line (`name: value unit`) as they come, and kept, so that
// the run ends with them in `bench/last.json` beside the machine they ran on. The summary keys
// (issue 18) name the figures a reader compares between runs; one not measured (yet) is null,
// never a guess.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { dirname } from 'node:path';

/** @typedef {{ value: number, unit: string }} Figure */

/**
 * The summary in `bench/last.json`: each key from one printed figure, or from several.
 * @type {Record<string, (get: (name: string) => number | null) => number | null>}
 */
export const SUMMARY = {
	mapFirstViewMs20k: (get) => get('map.first_view_20000_median'),
	mapFirstViewMs100k: (get) => get('map.first_view_100000_median'),
	mapNaiveMs100k: (get) => get('map.naive_first_view_100000_median'),
	mapFilterMs20k: (get) => get('map.filter_20000_median'),
	gapInputCityColdMs: (get) => get('gaps.server_city_admin_ms'),
	// The view is ready when its input has come and the worker has analysed it.
	gapReadyCityMs: (get) => sum(get('gaps.server_city_admin_ms'), get('gaps.analysis_city_ms')),
	recordsList20kMs: (get) => get('assets.list_20000_median'),
	burstSavesPerSecond: (get) => get('conversations.burst_saves_per_second'),
	saveP95Ms50: (get) => get('conversations.save_50_workers_burst_p95'),
	serverPeakRssMb: (get) => get('server.peak_rss_mb'),
	pageHeapMb20k: (get) => get('map.page_heap_20000_mb'),
	pageHeapMb100k: (get) => get('map.page_heap_100000_mb')
};

/** @param {(number | null)[]} values */
function sum(...values) {
	return values.some((v) => v === null) ? null : values.reduce((a, b) => (a ?? 0) + (b ?? 0), 0);
}

export function createFigures() {
	/** @type {Map<string, Figure>} */
	const all = new Map();
	/**
	 * Prints a figure and keeps it.
	 * @param {string} name @param {number} value @param {string} unit
	 * @param {number} [digits] decimals printed (0: rounded)
	 */
	const figure = (name, value, unit, digits = 0) => {
		const shown = digits === 0 ? String(Math.round(value)) : value.toFixed(digits);
		console.log(`${name}: ${shown} ${unit}`);
		all.set(name, { value: Number(shown), unit });
	};
	/** @param {string} name */
	const get = (name) => all.get(name)?.value ?? null;
	const summary = () =>
		Object.fromEntries(Object.entries(SUMMARY).map(([key, from]) => [key, from(get)]));
	return { figure, get, summary, all };
}

/** What the figures depend on: the machine, its load when the run ended, the code. */
export function machine() {
	const cpu = cpus();
	let commit = '';
	try {
		commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
	} catch {
		// not a git checkout
	}
	return {
		cpus: cpu.length,
		cpuModel: cpu[0]?.model ?? '',
		memoryGb: Math.round(totalmem() / 1024 ** 3),
		os: `${process.platform} ${release()}`,
		node: process.version,
		load: loadavg().map((l) => Math.round(l * 100) / 100),
		commit
	};
}

/**
 * Writes the run to `path` (bench/last.json): when, on what, the summary and every figure.
 * @param {string} path @param {ReturnType<typeof createFigures>} figures
 */
export function writeLast(path, figures) {
	mkdirSync(dirname(path), { recursive: true });
	const body = {
		at: new Date().toISOString(),
		machine: machine(),
		summary: figures.summary(),
		figures: Object.fromEntries(figures.all)
	};
	writeFileSync(path, JSON.stringify(body, null, '\t') + '\n');
}

/**
 * The highest resident memory of a process so far (Linux: VmHWM), in MB; null where unknown.
 * @param {number | undefined} pid
 */
export function peakRssMb(pid) {
	if (!pid) return null;
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
		return match ? Number(match[1]) / 1024 : null;
	} catch {
		return null;
	}
}
