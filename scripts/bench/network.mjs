#!/usr/bin/env node
// Part of `npm run bench` (and runnable alone: `node scripts/bench/network.mjs`): the network
// view's graph (src/lib/network/network.ts) at city scale, issue 17: 2,000 assets and 5,000
// links in 60 buurten of 10 wijken, generated deterministically. Each figure beside a naive way
// in the same run:
// - building the graph, its metrics (degree, betweenness, reach 1 and 2), the verbinders (Louvain,
//   cut points), the ForceAtlas2 layout of the whole graph (once per change of the records);
// - a filter change, to one wijk (a tenth of the nodes) and to all kinds but one (most of them):
//   the page's way, the filtered nodes shown at once at the whole graph's layout (filter, the ids
//   sigma shows, the table's rows with the older metrics) and then their metrics and verbinders
//   in the worker without a layout, against the naive way, the page's before: filter, lay out the
//   filtered graph and measure it, nothing shown until all of it is done;
// - filtering the built graph (what NetworkState does) against building the graph again from the
//   records;
// - betweenness: graphology-metrics (Brandes) against the textbook way, all-pairs BFS and for
//   every pair (s, t) every v with d(s,v) + d(v,t) = d(s,t) — O(n³), so it runs from a sample of
//   sources and is extrapolated to all of them (named `_extrapolated`).
// The TypeScript source is bundled by Vite first, as gaps-analysis.mjs does. Plain Node ESM.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../demo/generate.mjs';
import { importBundled, median } from './common.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const NODES = 2_000;
export const LINKS = 5_000;
const WIJKEN = 10;
const BUURTEN = 60;
const RUNS = 5;
/** Sources the naive betweenness runs from before it is extrapolated to all of them. */
const NAIVE_SOURCES = 40;
const KINDS = [
	'capacity',
	'key_figure',
	'association',
	'institution',
	'place',
	'initiative',
	'business'
];
const THEMES = ['eenzaamheid', 'jeugd', 'taal', 'armoede', 'groen', 'veiligheid', 'wonen', 'werk'];
const LINK_KINDS = ['knows', 'memberOf', 'runs', 'supports', 'connects'];

/** Bundles network.ts (with graphology and its packages) into one module and imports it. */
function loadNetwork() {
	return importBundled(ROOT, 'src/lib/network/network.ts');
}

/**
 * A city's network: assets spread over the buurten, most links within a buurt, some within the
 * wijk, a few across the city (as teams record them: neighbours first).
 */
export function syntheticNetwork(seed = 17) {
	const next = mulberry32(seed);
	const pick = (/** @type {readonly string[]} */ list) => list[Math.floor(next() * list.length)];
	const areas = [];
	for (let w = 0; w < WIJKEN; w++) areas.push({ id: `w${w}`, parent: 'g0' });
	for (let b = 0; b < BUURTEN; b++) areas.push({ id: `b${b}`, parent: `w${b % WIJKEN}` });
	const assets = Array.from({ length: NODES }, (_, i) => ({
		id: `a${i}`,
		kind: next() < 0.05 ? 'key_figure' : pick(KINDS),
		title: `Kracht ${i}`,
		area: `b${i % BUURTEN}`,
		themes: [pick(THEMES), ...(next() < 0.4 ? [pick(THEMES)] : [])],
		status: 'active'
	}));
	const inBuurt = (/** @type {number} */ b) => b + BUURTEN * Math.floor(next() * (NODES / BUURTEN));
	const links = [];
	const seen = new Set();
	while (links.length < LINKS) {
		const from = Math.floor(next() * NODES);
		const b = from % BUURTEN;
		const roll = next();
		const to =
			roll < 0.75
				? inBuurt(b)
				: roll < 0.95
					? inBuurt((b + WIJKEN * Math.floor(next() * (BUURTEN / WIJKEN))) % BUURTEN)
					: Math.floor(next() * NODES);
		const key = from < to ? `${from}-${to}` : `${to}-${from}`;
		if (from === to || to >= NODES || seen.has(key)) continue;
		seen.add(key);
		links.push({ id: `l${links.length}`, from: `a${from}`, to: `a${to}`, kind: pick(LINK_KINDS) });
	}
	return { assets, links, areas };
}

/**
 * Betweenness the textbook way, without graphology: a BFS from every node gives the distances and
 * the numbers of shortest paths; a node v lies between s and t on σ(s,v)·σ(v,t) of the σ(s,t)
 * shortest paths when d(s,v) + d(v,t) = d(s,t). From `sources` only; the caller extrapolates.
 * @param {{ id: string }[]} assets @param {{ from: string, to: string }[]} links
 * @param {number} sources
 */
function naiveBetweenness(assets, links, sources) {
	const n = assets.length;
	const index = new Map(assets.map((a, i) => [a.id, i]));
	/** @type {number[][]} */
	const neighbours = Array.from({ length: n }, () => []);
	for (const { from, to } of links) {
		const a = index.get(from);
		const b = index.get(to);
		if (a === undefined || b === undefined) continue;
		neighbours[a].push(b);
		neighbours[b].push(a);
	}
	const dist = Array.from({ length: n }, () => new Int32Array(n));
	const paths = Array.from({ length: n }, () => new Float64Array(n));
	for (let s = 0; s < n; s++) {
		const d = dist[s].fill(-1);
		const sigma = paths[s];
		d[s] = 0;
		sigma[s] = 1;
		const queue = [s];
		for (let head = 0; head < queue.length; head++) {
			const v = queue[head];
			for (const w of neighbours[v]) {
				if (d[w] < 0) {
					d[w] = d[v] + 1;
					queue.push(w);
				}
				if (d[w] === d[v] + 1) sigma[w] += sigma[v];
			}
		}
	}
	const between = new Float64Array(n);
	for (let s = 0; s < sources; s++) {
		for (let t = s + 1; t < n; t++) {
			const dst = dist[s][t];
			if (dst <= 0) continue;
			for (let v = 0; v < n; v++) {
				if (v === s || v === t) continue;
				const dsv = dist[s][v];
				if (dsv > 0 && dsv + dist[v][t] === dst) {
					between[v] += (paths[s][v] * paths[v][t]) / paths[s][t];
				}
			}
		}
	}
	return between;
}

/** @param {() => unknown} task */
function timeRuns(task, runs = RUNS) {
	task(); // warm-up: the first run compiles
	const times = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		task();
		times.push(performance.now() - start);
	}
	return median(times);
}

/**
 * A filter change both ways: the page's (shown at once at the whole layout, the metrics after,
 * without a layout) and the naive one (filter, lay out, measure: nothing shown until done).
 * @param {any} network the bundled network.ts @param {any} full the built graph
 * @param {{ area: string | null, themes: string[], kinds: string[] }} filter
 * @param {ReadonlyMap<string, string>} parentOf
 * @param {ReadonlyMap<string, any>} olderMetrics the metrics shown before the change
 */
function measureFilterChange(network, full, filter, parentOf, olderMetrics) {
	const filtered = network.filterNetwork(full, filter, parentOf);
	// On screen at once: the nodes sigma shows (it hides the rest of the laid-out whole graph)
	// and the table's rows with the older metrics, as NetworkState derives them.
	const shownMs = timeRuns(() => {
		const part = network.filterNetwork(full, filter, parentOf);
		network.nodeIdSet(part);
		network.nodeRows(part, olderMetrics);
	});
	// Then, in the worker: the metrics and verbinders of the part, no layout.
	const metricsMs = timeRuns(() => network.analyseNetwork(filtered, []), 3);
	// The naive way: filter, lay out the part, measure it.
	const naiveMs = timeRuns(() => {
		const part = network.filterNetwork(full, filter, parentOf);
		network.layoutPositions(part);
		network.analyseNetwork(part, []);
	}, 3);
	return { nodes: filtered.order, links: filtered.size, shownMs, metricsMs, naiveMs };
}

/**
 * @returns {Promise<{ buildMs: number, metricsMs: number, verbindersMs: number, layoutMs: number,
 *   filterMs: number, rebuildMs: number, betweennessMs: number, naiveBetweennessMs: number,
 *   verbinders: number, filterChanges: Record<'wijk' | 'most', ReturnType<typeof measureFilterChange>> }>}
 */
export async function measureNetwork() {
	const network = await loadNetwork();
	const { assets, links, areas } = syntheticNetwork();
	const parentOf = network.parentsOf(areas);
	const filter = { area: 'w3', themes: [], kinds: [] };

	const buildMs = timeRuns(() => network.buildNetwork(assets, links));
	const full = network.buildNetwork(assets, links);
	const metricsMs = timeRuns(() => network.networkMetrics(full));
	const metrics = network.networkMetrics(full);
	const verbindersMs = timeRuns(() => network.findVerbinders(full, metrics, []));
	const verbinders = network.findVerbinders(full, metrics, []).length;
	// The whole graph's layout, as the page's worker runs it once per change of the records.
	const layoutMs = timeRuns(() => network.layoutPositions(full), 3);

	// A filter change, the page's way beside the naive way, to a wijk and to most of the city.
	const filterChanges = {
		wijk: measureFilterChange(network, full, filter, parentOf, metrics),
		most: measureFilterChange(
			network,
			full,
			{ area: null, themes: [], kinds: KINDS.filter((k) => k !== 'business') },
			parentOf,
			metrics
		)
	};

	// A filter change: the built graph filtered, or the graph built again from the records.
	const filterMs = timeRuns(() => network.filterNetwork(full, filter, parentOf));
	const rebuildMs = timeRuns(() =>
		network.buildNetwork(
			assets.filter((/** @type {{ area: string }} */ a) =>
				network.isInArea(a.area, filter.area, parentOf)
			),
			links
		)
	);

	// Betweenness alone: graphology-metrics against all-pairs BFS.
	const { default: betweenness } = await import('graphology-metrics/centrality/betweenness.js');
	const betweennessMs = timeRuns(() => betweenness(full), 3);
	const start = performance.now();
	naiveBetweenness(assets, links, NAIVE_SOURCES);
	const naiveSampleMs = performance.now() - start;
	// The BFS part runs in full; the triple loop from a sample of sources, scaled to all of them.
	const naiveBetweennessMs = naiveSampleMs * (NODES / NAIVE_SOURCES);

	return {
		buildMs,
		metricsMs,
		verbindersMs,
		layoutMs,
		filterMs,
		rebuildMs,
		betweennessMs,
		naiveBetweennessMs,
		verbinders,
		filterChanges
	};
}

/**
 * Prints the figures, `name: value unit` as run.mjs does.
 * @param {(name: string, value: number, unit: string) => void} figure
 * @param {Awaited<ReturnType<typeof measureNetwork>>} result
 */
export function printNetwork(figure, result) {
	const scale = `${NODES}_${LINKS}`;
	figure(`network.build_${scale}_ms`, result.buildMs, 'ms');
	figure(`network.metrics_${scale}_ms`, result.metricsMs, 'ms');
	figure(`network.verbinders_${scale}_ms`, result.verbindersMs, 'ms');
	figure(`network.layout_fa2_${scale}_ms`, result.layoutMs, 'ms');
	for (const [name, change] of Object.entries(result.filterChanges)) {
		const prefix = `network.filter_change_${name}_${scale}`;
		figure(`${prefix}_nodes`, change.nodes, 'nodes');
		figure(`${prefix}_shown_ms`, change.shownMs, 'ms');
		figure(`${prefix}_metrics_no_layout_ms`, change.metricsMs, 'ms');
		figure(`${prefix}_naive_reanalysis_ms`, change.naiveMs, 'ms');
	}
	figure(`network.filter_built_graph_${scale}_ms`, result.filterMs, 'ms');
	figure(`network.filter_naive_rebuild_${scale}_ms`, result.rebuildMs, 'ms');
	figure(`network.betweenness_graphology_${scale}_ms`, result.betweennessMs, 'ms');
	figure(
		`network.betweenness_naive_allpairs_${scale}_ms_extrapolated`,
		result.naiveBetweennessMs,
		'ms'
	);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const result = await measureNetwork();
	process.stderr.write(`[bench] ${result.verbinders} verbinders in the synthetic city\n`);
	printNetwork((name, value, unit) => console.log(`${name}: ${Math.round(value)} ${unit}`), result);
}
