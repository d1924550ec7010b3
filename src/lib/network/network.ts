// The neighbourhood's network: the assets the map already holds as nodes and their links as
// edges (one undirected graphology graph), filtered by area, theme and kind, with per node its
// degree, betweenness and reach in one and two steps; the "verbinders" (who bridges otherwise
// separate groups, or whom residents name often, and is not yet a key figure) each with the
// reasons as data; per buurt how thin its network is; and the counts a viewer may see. Pure.
import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import { circular } from 'graphology-layout';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import { kindInfo, UNKNOWN_KIND_COLOR } from '$lib/assets/assets';
import { mentionKey, type MentionTally } from '$lib/conversations/mentions';
import type { LinkKind, LinkRecord } from '$lib/links/links';
import type { AssetRecord } from '$lib/pocketbase/types';
import type { AssetKind, Theme } from '$lib/vocabulary/vocabulary';

/** What a node carries: what the list, the details and sigma (x, y, size, color, label) need. */
export interface NodeAttributes {
	kind: AssetKind;
	label: string;
	area: string;
	themes: readonly Theme[];
	color: string;
	size: number;
	x: number;
	y: number;
}

export interface EdgeAttributes {
	/** The kinds of the links between the two assets (a pair may be linked more than once). */
	kinds: LinkKind[];
	size: number;
	color: string;
}

export type NetworkGraph = UndirectedGraph<NodeAttributes, EdgeAttributes>;

/** The assets a network is made of: ended ones are no longer part of the neighbourhood. */
export type NetworkAsset = Pick<
	AssetRecord,
	'id' | 'kind' | 'title' | 'area' | 'themes' | 'status'
>;
/** A link; without `kind` when its source does not say (the gap input's links: from and to). */
export type NetworkLink = Pick<LinkRecord, 'id' | 'from' | 'to'> & { kind?: LinkKind };

const EDGE_COLOR = '#9aa5ad';
const NODE_SIZE = { min: 4, max: 14 };

/**
 * The graph of the assets (ended ones left out) and their links between them; a link to an asset
 * that is not there (another area, ended) is left out, and two assets linked in several ways get
 * one edge that lists the kinds. Positions start at 0; `layoutNetwork` places the nodes.
 *
 * @example buildNetwork([fatima, buurthuis], [{ id: 'l1', from: fatima.id, to: buurthuis.id, kind: 'runs' }]).size // 1
 */
export function buildNetwork(
	assets: readonly NetworkAsset[],
	links: readonly NetworkLink[]
): NetworkGraph {
	const graph: NetworkGraph = new UndirectedGraph();
	for (const asset of assets) {
		if (asset.status === 'ended') continue;
		graph.addNode(asset.id, {
			kind: asset.kind,
			label: asset.title,
			area: asset.area,
			themes: asset.themes ?? [],
			color: kindInfo(asset.kind)?.color ?? UNKNOWN_KIND_COLOR,
			size: NODE_SIZE.min,
			x: 0,
			y: 0
		});
	}
	for (const link of links) {
		if (link.from === link.to || !graph.hasNode(link.from) || !graph.hasNode(link.to)) continue;
		const existing = graph.edge(link.from, link.to);
		if (existing) {
			const kinds = graph.getEdgeAttribute(existing, 'kinds');
			if (link.kind && !kinds.includes(link.kind)) kinds.push(link.kind);
		} else {
			graph.addEdgeWithKey(link.id, link.from, link.to, {
				kinds: link.kind ? [link.kind] : [],
				size: 1,
				color: EDGE_COLOR
			});
		}
	}
	// Sized by degree, so the well-connected stand out before anyone reads a number.
	const most = Math.max(1, ...graph.mapNodes((node) => graph.degree(node)));
	graph.forEachNode((node) => {
		const share = Math.sqrt(graph.degree(node) / most);
		graph.setNodeAttribute(node, 'size', NODE_SIZE.min + share * (NODE_SIZE.max - NODE_SIZE.min));
	});
	return graph;
}

export interface NetworkFilter {
	/** Id of a buurt, wijk or gemeente: its assets and those of the areas below it; null: all. */
	area: string | null;
	/** Assets with any of these themes; empty: any. */
	themes: Theme[];
	/** Assets of these kinds; empty: any. */
	kinds: AssetKind[];
}

export const EMPTY_NETWORK_FILTER: Readonly<NetworkFilter> = { area: null, themes: [], kinds: [] };

/**
 * Whether an asset's area is `area` or lies below it (up to a gemeente: three levels), given each
 * area's parent id.
 */
export function isInArea(
	assetArea: string,
	area: string,
	parentOf: ReadonlyMap<string, string>
): boolean {
	let current: string | undefined = assetArea;
	for (let level = 0; level < 4 && current; level++) {
		if (current === area) return true;
		current = parentOf.get(current);
	}
	return false;
}

/**
 * The part of the graph that passes the filter: the nodes that do, and the edges between them.
 * Either way (this, or building it again from the records) takes milliseconds at city scale
 * (scripts/bench/network.mjs); the analysis after it takes seconds, hence its worker.
 */
export function filterNetwork(
	graph: NetworkGraph,
	filter: NetworkFilter,
	parentOf: ReadonlyMap<string, string>
): NetworkGraph {
	const { area, themes, kinds } = filter;
	if (area === null && themes.length === 0 && kinds.length === 0) return graph;
	const kept: NetworkGraph = new UndirectedGraph();
	graph.forEachNode((node, attributes) => {
		if (area !== null && !isInArea(attributes.area, area, parentOf)) return;
		if (kinds.length > 0 && !kinds.includes(attributes.kind)) return;
		if (themes.length > 0 && !attributes.themes.some((t) => themes.includes(t))) return;
		kept.addNode(node, { ...attributes });
	});
	graph.forEachEdge((edge, attributes, source, target) => {
		if (kept.hasNode(source) && kept.hasNode(target)) {
			kept.addEdgeWithKey(edge, source, target, { ...attributes, kinds: [...attributes.kinds] });
		}
	});
	return kept;
}

/** How many synchronous ForceAtlas2 rounds: fewer for big graphs, so the first view stays quick. */
export function layoutIterations(order: number): number {
	if (order <= 200) return 200;
	if (order <= 1000) return 80;
	return 40;
}

/**
 * Places the nodes (in place): a circle to start from, then ForceAtlas2 for a bounded number of
 * rounds with the settings it infers for the graph's size. Deterministic: the same graph gets the
 * same picture, and the positions never jump on a reload.
 */
export function layoutNetwork(
	graph: NetworkGraph,
	iterations = layoutIterations(graph.order)
): NetworkGraph {
	if (graph.order === 0) return graph;
	circular.assign(graph, { scale: 100 });
	if (graph.size === 0) return graph;
	forceAtlas2.assign(graph, {
		iterations,
		settings: { ...forceAtlas2.inferSettings(graph), adjustSizes: false }
	});
	return graph;
}

export interface NodeMetrics {
	/** Links to other assets (distinct neighbours). */
	degree: number;
	/** Share of the shortest paths between two others that pass through this node (0 to 1). */
	betweenness: number;
	/** The assets one step away. */
	reach1: number;
	/** The assets at most two steps away (the one-step ones included). */
	reach2: number;
}

/** Degree, normalised betweenness (graphology-metrics) and reach in one and two steps, per node. */
export function networkMetrics(graph: NetworkGraph): Map<string, NodeMetrics> {
	const metrics = new Map<string, NodeMetrics>();
	// graphology-metrics throws on an empty graph (a stack of size 0): before the data is there.
	if (graph.order === 0) return metrics;
	const betweenness = betweennessCentrality(graph, { normalized: true });
	graph.forEachNode((node) => {
		const near = new Set<string>();
		graph.forEachNeighbor(node, (neighbour) => {
			near.add(neighbour);
			graph.forEachNeighbor(neighbour, (second) => {
				if (second !== node) near.add(second);
			});
		});
		const degree = graph.degree(node);
		metrics.set(node, {
			degree,
			betweenness: betweenness[node] ?? 0,
			reach1: degree,
			reach2: near.size
		});
	});
	return metrics;
}

/**
 * The articulation points (Tarjan): the nodes whose removal splits their part of the graph, each
 * with into how many groups it falls apart then. Depth-first with a stack of its own, not by
 * recursion: a city's graph runs thousands of steps deep, more than a browser worker's call stack
 * holds.
 */
export function cutPoints(graph: NetworkGraph): Map<string, number> {
	const order = new Map<string, number>();
	const low = new Map<string, number>();
	const groups = new Map<string, number>();
	let time = 0;
	/** A node being visited: its neighbours, the next to look at, the subtrees it holds up. */
	interface Visit {
		node: string;
		parent: string | null;
		neighbours: string[];
		next: number;
		split: number;
	}
	const stack: Visit[] = [];
	const enter = (node: string, parent: string | null) => {
		order.set(node, time);
		low.set(node, time);
		time++;
		stack.push({ node, parent, neighbours: graph.neighbors(node), next: 0, split: 0 });
	};
	graph.forEachNode((root) => {
		if (order.has(root)) return;
		enter(root, null);
		while (stack.length > 0) {
			const visit = stack[stack.length - 1];
			if (visit.next < visit.neighbours.length) {
				const next = visit.neighbours[visit.next++];
				if (next === visit.parent) continue;
				if (order.has(next)) low.set(visit.node, Math.min(low.get(visit.node)!, order.get(next)!));
				else enter(next, visit.node);
				continue;
			}
			stack.pop();
			// A root falls apart into its subtrees; any other node into those it holds up, plus the rest.
			const parts = visit.parent === null ? visit.split : visit.split + 1;
			if (parts >= 2) groups.set(visit.node, parts);
			const above = stack[stack.length - 1];
			if (above) {
				low.set(above.node, Math.min(low.get(above.node)!, low.get(visit.node)!));
				if (low.get(visit.node)! >= order.get(above.node)!) above.split++;
			}
		}
	});
	return groups;
}

/** Why an asset is suggested as a verbinder; the page says it as a sentence. */
export type VerbinderReason =
	| { kind: 'bridges'; communities: number }
	| { kind: 'holds'; groups: number }
	| { kind: 'named'; times: number };

export interface Verbinder {
	id: string;
	label: string;
	kind: AssetKind;
	betweenness: number;
	reasons: VerbinderReason[];
}

export interface VerbinderOptions {
	/** Named in at least this many conversations. */
	minNamed: number;
	/** Betweenness at least this (normalised) to count as bridging groups. */
	minBetweenness: number;
	/** Fixed randomness for Louvain, so the same graph gives the same groups. */
	rng: () => number;
}

/** A small seeded generator (mulberry32): Louvain's tie-breaks, the bench's city. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const VERBINDER_DEFAULTS: Readonly<Omit<VerbinderOptions, 'rng'>> = {
	minNamed: 3,
	minBetweenness: 0.05
};

/**
 * The likely verbinders that are not yet key figures: assets whose neighbours lie in two or more
 * Louvain communities and that sit on many shortest paths ('bridges'), that hold their part of
 * the graph together ('holds': removing them splits it), or whose name residents said at the door
 * in several conversations ('named', matched on the title the way names are tallied). Most
 * reasons first, then highest betweenness.
 */
export function findVerbinders(
	graph: NetworkGraph,
	metrics: ReadonlyMap<string, NodeMetrics>,
	mentions: readonly MentionTally[],
	options: Partial<VerbinderOptions> = {}
): Verbinder[] {
	const { minNamed, minBetweenness } = { ...VERBINDER_DEFAULTS, ...options };
	const communities =
		graph.size > 0 ? louvain(graph, { rng: options.rng ?? seededRandom(17) }) : {};
	const holds = cutPoints(graph);
	const named = new Map<string, number>();
	for (const tally of mentions) {
		// A person or a group: either may be an asset's title.
		const key = mentionKey(tally.name, tally.kind).replace(/^[^:]*:/, '');
		named.set(key, Math.max(named.get(key) ?? 0, tally.conversations));
	}
	const result: Verbinder[] = [];
	graph.forEachNode((node, attributes) => {
		if (attributes.kind === 'key_figure') return;
		const reasons: VerbinderReason[] = [];
		const betweenness = metrics.get(node)?.betweenness ?? 0;
		const joined = new Set<number>();
		graph.forEachNeighbor(node, (neighbour) => joined.add(communities[neighbour]));
		if (joined.size >= 2 && betweenness >= minBetweenness) {
			reasons.push({ kind: 'bridges', communities: joined.size });
		}
		const groups = holds.get(node);
		if (groups) reasons.push({ kind: 'holds', groups });
		const key = mentionKey(attributes.label, 'person').replace(/^[^:]*:/, '');
		const times = named.get(key) ?? 0;
		if (times >= minNamed) reasons.push({ kind: 'named', times });
		if (reasons.length > 0) {
			result.push({
				id: node,
				label: attributes.label,
				kind: attributes.kind,
				betweenness,
				reasons
			});
		}
	});
	return result.sort(
		(a, b) =>
			b.reasons.length - a.reasons.length ||
			b.betweenness - a.betweenness ||
			a.label.localeCompare(b.label, 'nl')
	);
}

/** Why a buurt's network is thin. */
export type ThinReason =
	| { kind: 'few_links'; perNode: number }
	| { kind: 'one_connector'; id: string; label: string; groups: number };

export interface BuurtNetwork {
	buurt: string;
	nodes: number;
	links: number;
	/** Links per asset in the buurt (an asset with one link to another counts half of it). */
	linksPerNode: number;
	/** Empty when the network is not thin. */
	reasons: ThinReason[];
}

/** Fewer links per asset than this is a thin network. */
export const THIN_LINKS_PER_NODE = 1;

/**
 * Per buurt, the network of the assets in it and the links between them: thin when it has fewer
 * than `THIN_LINKS_PER_NODE` links per asset, or when one asset holds it together (removing it
 * splits the buurt's graph; the one that splits it most). Buurten with fewer than two assets say
 * nothing and are left out. For the gap view as a layer.
 */
export function thinNetworks(graph: NetworkGraph, buurtIds: readonly string[]): BuurtNetwork[] {
	const wanted = new Set(buurtIds);
	const byBuurt = new Map<string, NetworkGraph>();
	graph.forEachNode((node, attributes) => {
		if (!wanted.has(attributes.area)) return;
		let part = byBuurt.get(attributes.area);
		if (!part) byBuurt.set(attributes.area, (part = new UndirectedGraph()));
		part.addNode(node, attributes);
	});
	// One pass over the links (not one per buurt: 300 buurten × 20,000 links took a second).
	graph.forEachEdge((edge, attributes, source, target, from, to) => {
		if (from.area !== to.area) return;
		byBuurt.get(from.area)?.addEdgeWithKey(edge, source, target, attributes);
	});
	const result: BuurtNetwork[] = [];
	for (const buurt of buurtIds) {
		const part = byBuurt.get(buurt);
		if (!part || part.order < 2) continue;
		const linksPerNode = part.size / part.order;
		const reasons: ThinReason[] = [];
		if (linksPerNode < THIN_LINKS_PER_NODE)
			reasons.push({ kind: 'few_links', perNode: linksPerNode });
		let connector: { id: string; groups: number } | null = null;
		for (const [id, groups] of cutPoints(part)) {
			if (!connector || groups > connector.groups) connector = { id, groups };
		}
		if (connector) {
			reasons.push({
				kind: 'one_connector',
				id: connector.id,
				label: part.getNodeAttribute(connector.id, 'label'),
				groups: connector.groups
			});
		}
		result.push({ buurt, nodes: part.order, links: part.size, linksPerNode, reasons });
	}
	return result;
}

/** Counts from 1 to 4 could point at a person: shown as "fewer than 5". */
export const SMALL_COUNT = 5;

/** The count, or null when it is 1 to 4 (0 says nothing about anyone). */
export function suppressSmall(count: number): number | null {
	return count > 0 && count < SMALL_COUNT ? null : count;
}

export interface BuurtAggregate {
	buurt: string;
	/** null: fewer than 5 (and more than 0). */
	nodes: number | null;
	links: number | null;
	verbinders: number | null;
}

/**
 * What a viewer sees of the network: per buurt the number of assets, of links (both ends in the
 * buurt) and of verbinders, with counts of 1 to 4 suppressed. No ids, no names; no totals, which
 * could give a suppressed count back by subtraction.
 */
export function viewerAggregate(
	graph: NetworkGraph,
	verbinders: readonly Pick<Verbinder, 'id'>[],
	buurtIds: readonly string[]
): BuurtAggregate[] {
	const verbinderIds = new Set(verbinders.map((v) => v.id));
	const counts = new Map(buurtIds.map((id) => [id, { nodes: 0, links: 0, verbinders: 0 }]));
	graph.forEachNode((node, attributes) => {
		const count = counts.get(attributes.area);
		if (!count) return;
		count.nodes++;
		if (verbinderIds.has(node)) count.verbinders++;
	});
	graph.forEachEdge((_edge, _attributes, _source, _target, source, target) => {
		if (source.area === target.area) {
			const count = counts.get(source.area);
			if (count) count.links++;
		}
	});
	return buurtIds.map((buurt) => {
		const count = counts.get(buurt)!;
		return {
			buurt,
			nodes: suppressSmall(count.nodes),
			links: suppressSmall(count.links),
			verbinders: suppressSmall(count.verbinders)
		};
	});
}

/** One row of the list alternative of the graph: the node and its metrics. */
export interface NodeRow extends NodeMetrics {
	id: string;
	label: string;
	kind: AssetKind;
	area: string;
}

/** The graph's nodes with their metrics, highest betweenness first, then by degree and name. */
export function nodeRows(
	graph: NetworkGraph,
	metrics: ReadonlyMap<string, NodeMetrics>
): NodeRow[] {
	const rows: NodeRow[] = graph.mapNodes((node, attributes) => ({
		id: node,
		label: attributes.label,
		kind: attributes.kind,
		area: attributes.area,
		...(metrics.get(node) ?? { degree: 0, betweenness: 0, reach1: 0, reach2: 0 })
	}));
	return rows.sort(
		(a, b) =>
			b.betweenness - a.betweenness || b.degree - a.degree || a.label.localeCompare(b.label, 'nl')
	);
}

/** Where the layout put each node, by id (plain data, posted back by the worker). */
export type NetworkPositions = Record<string, [x: number, y: number]>;

/**
 * The layout of the whole graph (a copy: the graph keeps its positions), as plain data. It runs
 * once per change of what the graph is made of (`structureKey`), in a worker: a filter change
 * shows the filtered nodes where this put them.
 */
export function layoutPositions(graph: NetworkGraph): NetworkPositions {
	const positions: NetworkPositions = {};
	layoutNetwork(graph.copy()).forEachNode((node, { x, y }) => (positions[node] = [x, y]));
	return positions;
}

/**
 * What the layout depends on: the nodes and the pairs linked, in the order the graph holds them
 * (ForceAtlas2 starts from a circle in node order). A new title or a second kind of link between
 * the same two keeps the key, so the picture stays.
 */
export function structureKey(graph: NetworkGraph): string {
	const parts = graph.nodes();
	graph.forEachEdge((_edge, _attributes, source, target) => parts.push(`${source}>${target}`));
	return parts.join(' ');
}

/** What the worker computes for the filtered graph: metrics and verbinders (no layout). */
export interface NetworkAnalysis {
	metrics: Record<string, NodeMetrics>;
	verbinders: Verbinder[];
}

/**
 * The slow part of a filter change (seconds at city scale: betweenness is O(nodes × links)),
 * which the page runs in a worker (network.worker.ts): the metrics and the verbinders of the
 * filtered graph, as plain data that can be posted back. No layout: the filtered graph is shown
 * at the whole graph's (`layoutPositions`).
 */
export function analyseNetwork(
	graph: NetworkGraph,
	mentions: readonly MentionTally[]
): NetworkAnalysis {
	const metrics = networkMetrics(graph);
	return {
		metrics: Object.fromEntries(metrics),
		verbinders: findVerbinders(graph, metrics, mentions)
	};
}

/** A copy of the graph at the positions (nodes they do not know stay where they are: 0, 0). */
export function placed(graph: NetworkGraph, positions: NetworkPositions): NetworkGraph {
	const copy = graph.copy();
	copy.forEachNode((node) => {
		const at = positions[node];
		if (at) copy.mergeNodeAttributes(node, { x: at[0], y: at[1] });
	});
	return copy;
}

/** An analysis's metrics as a map (empty without one). */
export function metricsMap(analysis: NetworkAnalysis | null): ReadonlyMap<string, NodeMetrics> {
	return new Map(analysis ? Object.entries(analysis.metrics) : []);
}

/** Each area's parent id, for `isInArea`. */
export function parentsOf(
	areas: readonly { id: string; parent: string }[]
): ReadonlyMap<string, string> {
	return new Map(areas.map((a) => [a.id, a.parent]));
}

/** The ids of the graph's nodes. */
export function nodeIdSet(graph: NetworkGraph): ReadonlySet<string> {
	return new Set(graph.nodes());
}
