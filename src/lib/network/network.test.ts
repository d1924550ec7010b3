import { describe, expect, it } from 'vitest';
import type { MentionTally } from '$lib/conversations/mentions';
import type { LinkKind } from '$lib/links/links';
import type { AssetKind, Theme } from '$lib/vocabulary/vocabulary';
import {
	analyseNetwork,
	buildNetwork,
	cutPoints,
	filterNetwork,
	findVerbinders,
	layoutNetwork,
	layoutPositions,
	networkMetrics,
	nodeRows,
	placed,
	structureKey,
	suppressSmall,
	thinNetworks,
	viewerAggregate,
	type NetworkAsset,
	type NetworkLink
} from './network';

function asset(
	id: string,
	area = 'b1',
	kind: AssetKind = 'capacity',
	themes: Theme[] = [],
	title = id
): NetworkAsset {
	return { id, kind, title, area, themes, status: 'active' };
}

let linkCount = 0;
function link(from: string, to: string, kind: LinkKind = 'knows'): NetworkLink {
	return { id: `l${++linkCount}`, from, to, kind };
}

// Two triangles joined by one bridge: a1-a2-a3 (b1), c1-c2-c3 (b2), a3 — m — c1.
const TRIANGLES = {
	assets: [
		asset('a1'),
		asset('a2'),
		asset('a3'),
		asset('m', 'b1', 'initiative', ['jeugd'], 'Moestuin'),
		asset('c1', 'b2'),
		asset('c2', 'b2'),
		asset('c3', 'b2', 'key_figure')
	],
	links: [
		link('a1', 'a2'),
		link('a2', 'a3'),
		link('a3', 'a1'),
		link('a3', 'm', 'runs'),
		link('m', 'c1', 'supports'),
		link('c1', 'c2'),
		link('c2', 'c3'),
		link('c3', 'c1')
	]
};

describe('buildNetwork', () => {
	it('makes nodes of the assets and one edge per linked pair, leaving out ended assets and loose links', () => {
		const graph = buildNetwork(
			[...TRIANGLES.assets, { ...asset('gone'), status: 'ended' }],
			[
				...TRIANGLES.links,
				link('a1', 'a2', 'memberOf'),
				link('a1', 'gone'),
				link('a1', 'elsewhere'),
				link('a1', 'a1')
			]
		);
		expect(graph.order).toBe(7);
		expect(graph.size).toBe(8);
		const pair = graph.edge('a1', 'a2')!;
		expect(graph.getEdgeAttribute(pair, 'kinds')).toEqual(['knows', 'memberOf']);
		expect(graph.getNodeAttribute('m', 'label')).toBe('Moestuin');
		// The best-connected are drawn larger.
		expect(graph.getNodeAttribute('a3', 'size')).toBeGreaterThan(
			graph.getNodeAttribute('m', 'size')
		);
	});
});

describe('networkMetrics', () => {
	it('gives degree, reach in one and two steps and betweenness', () => {
		const graph = buildNetwork(TRIANGLES.assets, TRIANGLES.links);
		const metrics = networkMetrics(graph);
		expect(metrics.get('a1')).toMatchObject({ degree: 2, reach1: 2, reach2: 3 });
		expect(metrics.get('a3')).toMatchObject({ degree: 3, reach1: 3, reach2: 4 });
		// m: a3, c1 in one step; a1, a2, c2, c3 in two.
		expect(metrics.get('m')).toMatchObject({ degree: 2, reach1: 2, reach2: 6 });
		// Every path between the triangles runs through m: 3 × 3 of the 15 pairs of the others.
		expect(metrics.get('m')!.betweenness).toBeCloseTo(9 / 15);
		expect(metrics.get('a1')!.betweenness).toBe(0);
	});

	it('gives nothing for an empty graph (before the data loaded)', () => {
		const empty = buildNetwork([], []);
		expect(networkMetrics(empty).size).toBe(0);
		expect(findVerbinders(empty, networkMetrics(empty), [])).toEqual([]);
		expect(layoutNetwork(empty).order).toBe(0);
	});

	it('counts a neighbour reached two ways once', () => {
		const graph = buildNetwork(
			[asset('x'), asset('y'), asset('z')],
			[link('x', 'y'), link('y', 'z'), link('x', 'z')]
		);
		expect(networkMetrics(graph).get('x')).toMatchObject({ reach1: 2, reach2: 2 });
	});
});

describe('cutPoints', () => {
	it('finds the nodes whose removal splits the graph, with into how many groups', () => {
		const graph = buildNetwork(TRIANGLES.assets, TRIANGLES.links);
		expect(Object.fromEntries(cutPoints(graph))).toEqual({ a3: 2, m: 2, c1: 2 });
	});

	it('walks a chain deeper than a call stack holds (a city in a browser worker)', () => {
		const ids = Array.from({ length: 30_000 }, (_, i) => `p${i}`);
		const graph = buildNetwork(
			ids.map((id) => asset(id)),
			ids.slice(1).map((id, i) => link(ids[i], id))
		);
		const cuts = cutPoints(graph);
		// Every link of the chain but the ends holds it together.
		expect(cuts.size).toBe(ids.length - 2);
		expect(cuts.get('p1')).toBe(2);
		expect(cuts.has('p0')).toBe(false);
	});

	it('counts the groups of a star', () => {
		const graph = buildNetwork(
			[asset('hub'), asset('p'), asset('q'), asset('r')],
			[link('hub', 'p'), link('hub', 'q'), link('hub', 'r')]
		);
		expect(Object.fromEntries(cutPoints(graph))).toEqual({ hub: 3 });
	});
});

describe('findVerbinders', () => {
	const graph = buildNetwork(TRIANGLES.assets, TRIANGLES.links);
	const metrics = networkMetrics(graph);

	it('suggests who bridges groups and holds them together, with the reasons, not key figures', () => {
		const verbinders = findVerbinders(graph, metrics, []);
		const moestuin = verbinders.find((v) => v.id === 'm');
		expect(moestuin?.reasons).toEqual([
			{ kind: 'bridges', communities: 2 },
			{ kind: 'holds', groups: 2 }
		]);
		// m bridges most: first.
		expect(verbinders[0].id).toBe('m');
		expect(verbinders.map((v) => v.id)).not.toContain('c3');
		// a1 has no reason at all.
		expect(verbinders.map((v) => v.id)).not.toContain('a1');
	});

	it('suggests whom residents name often, matched on the title however it is typed', () => {
		const mentions: MentionTally[] = [
			{ name: 'moestuin ', kind: 'group', conversations: 7, streets: [], lastHeldAt: '' },
			{ name: 'A1', kind: 'person', conversations: 2, streets: [], lastHeldAt: '' },
			{ name: 'c3', kind: 'person', conversations: 9, streets: [], lastHeldAt: '' }
		];
		const verbinders = findVerbinders(graph, metrics, mentions);
		expect(verbinders.find((v) => v.id === 'm')?.reasons).toContainEqual({
			kind: 'named',
			times: 7
		});
		// Named twice: under the threshold of 3.
		expect(verbinders.map((v) => v.id)).not.toContain('a1');
		// Named nine times, but already a key figure.
		expect(verbinders.map((v) => v.id)).not.toContain('c3');
	});

	it('does not call a node with little betweenness a bridge', () => {
		const verbinders = findVerbinders(graph, metrics, [], { minBetweenness: 0.9 });
		expect(verbinders.find((v) => v.id === 'm')?.reasons).toEqual([{ kind: 'holds', groups: 2 }]);
	});
});

describe('filterNetwork', () => {
	const graph = buildNetwork(
		[...TRIANGLES.assets, asset('w', 'wijk1', 'institution', ['taal'])],
		[...TRIANGLES.links, link('w', 'a1')]
	);
	const parentOf = new Map([
		['b1', 'wijk1'],
		['b2', 'wijk2']
	]);

	it('keeps the assets of an area and the areas below it, and the links between them', () => {
		const wijk = filterNetwork(graph, { area: 'wijk1', themes: [], kinds: [] }, parentOf);
		expect(wijk.nodes().sort()).toEqual(['a1', 'a2', 'a3', 'm', 'w']);
		expect(wijk.size).toBe(5);
		const buurt = filterNetwork(graph, { area: 'b2', themes: [], kinds: [] }, parentOf);
		expect(buurt.nodes().sort()).toEqual(['c1', 'c2', 'c3']);
	});

	it('filters by kind and by theme', () => {
		const kinds = filterNetwork(
			graph,
			{ area: null, themes: [], kinds: ['initiative', 'key_figure'] },
			parentOf
		);
		expect(kinds.nodes().sort()).toEqual(['c3', 'm']);
		const themes = filterNetwork(
			graph,
			{ area: null, themes: ['taal', 'jeugd'], kinds: [] },
			parentOf
		);
		expect(themes.nodes().sort()).toEqual(['m', 'w']);
		expect(themes.size).toBe(0);
	});

	it('leaves the built graph as it is', () => {
		filterNetwork(graph, { area: 'b2', themes: [], kinds: [] }, parentOf);
		expect(graph.order).toBe(8);
	});
});

describe('thinNetworks', () => {
	it('finds a buurt held together by one asset, and one with few links', () => {
		const graph = buildNetwork(
			[
				...TRIANGLES.assets,
				asset('s1', 'b3'),
				asset('s2', 'b3'),
				asset('s3', 'b3'),
				asset('alone', 'b4')
			],
			[...TRIANGLES.links, link('s1', 's2')]
		);
		const thin = thinNetworks(graph, ['b1', 'b2', 'b3', 'b4']);
		// b1: a triangle with m hanging on a3: a3 holds it together.
		expect(thin.find((t) => t.buurt === 'b1')).toEqual({
			buurt: 'b1',
			nodes: 4,
			links: 4,
			linksPerNode: 1,
			reasons: [{ kind: 'one_connector', id: 'a3', label: 'a3', groups: 2 }]
		});
		// b2: a triangle, not thin.
		expect(thin.find((t) => t.buurt === 'b2')?.reasons).toEqual([]);
		// b3: one link among three.
		expect(thin.find((t) => t.buurt === 'b3')?.reasons).toEqual([
			{ kind: 'few_links', perNode: 1 / 3 }
		]);
		// b4: a single asset says nothing.
		expect(thin.map((t) => t.buurt)).not.toContain('b4');
	});
});

describe('viewerAggregate', () => {
	it('counts per buurt and suppresses counts of 1 to 4', () => {
		const many = Array.from({ length: 6 }, (_, i) => asset(`n${i}`, 'b9'));
		const graph = buildNetwork(
			[...TRIANGLES.assets, ...many],
			[...TRIANGLES.links, ...many.slice(1).map((n, i) => link(many[i].id, n.id))]
		);
		const rows = viewerAggregate(graph, [{ id: 'm' }], ['b1', 'b9', 'b0']);
		expect(rows).toEqual([
			{ buurt: 'b1', nodes: null, links: null, verbinders: null },
			{ buurt: 'b9', nodes: 6, links: 5, verbinders: 0 },
			{ buurt: 'b0', nodes: 0, links: 0, verbinders: 0 }
		]);
		// Nothing that names anyone.
		expect(JSON.stringify(rows)).not.toContain('Moestuin');
	});

	it('suppressSmall keeps 0 and 5 and up', () => {
		expect([0, 1, 4, 5, 12].map(suppressSmall)).toEqual([0, null, null, 5, 12]);
	});
});

describe('layoutNetwork and nodeRows', () => {
	it('places every node at a finite, deterministic position', () => {
		const first = layoutNetwork(buildNetwork(TRIANGLES.assets, TRIANGLES.links));
		const second = layoutNetwork(buildNetwork(TRIANGLES.assets, TRIANGLES.links));
		first.forEachNode((node, { x, y }) => {
			expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
			expect(second.getNodeAttributes(node)).toMatchObject({ x, y });
		});
		const xs = new Set(first.mapNodes((_n, a) => a.x));
		expect(xs.size).toBeGreaterThan(1);
	});

	it('lays out the whole graph as plain data (for the worker), the way layoutNetwork does', () => {
		const graph = buildNetwork(TRIANGLES.assets, TRIANGLES.links);
		const positions = layoutPositions(graph);
		expect(structuredClone(positions)).toEqual(positions);
		const inPlace = layoutNetwork(buildNetwork(TRIANGLES.assets, TRIANGLES.links));
		inPlace.forEachNode((node, { x, y }) => expect(positions[node]).toEqual([x, y]));
		// The graph itself keeps its positions.
		expect(graph.getNodeAttribute('m', 'x')).toBe(0);
		const shown = placed(graph, positions);
		expect(shown.getNodeAttribute('m', 'x')).toBe(positions.m[0]);
		expect(graph.getNodeAttribute('m', 'x')).toBe(0);
	});

	it('places a filtered graph where the whole layout put each node', () => {
		const graph = buildNetwork(TRIANGLES.assets, TRIANGLES.links);
		const positions = layoutPositions(graph);
		const part = filterNetwork(graph, { area: 'b2', themes: [], kinds: [] }, new Map());
		const shown = placed(part, positions);
		expect(shown.nodes().sort()).toEqual(['c1', 'c2', 'c3']);
		shown.forEachNode((node, { x, y }) => expect([x, y]).toEqual(positions[node]));
	});

	it('analyses metrics and verbinders as plain data (for the worker), without a layout', () => {
		const graph = buildNetwork(TRIANGLES.assets, TRIANGLES.links);
		const analysis = analyseNetwork(graph, []);
		expect(structuredClone(analysis)).toEqual(analysis);
		expect(Object.keys(analysis).sort()).toEqual(['metrics', 'verbinders']);
		expect(analysis.metrics.m).toMatchObject({ degree: 2, reach2: 6 });
		expect(analysis.verbinders[0].id).toBe('m');
		// Of the part shown: in b2 alone nobody holds anything together.
		const part = filterNetwork(graph, { area: 'b2', themes: [], kinds: [] }, new Map());
		const partAnalysis = analyseNetwork(part, []);
		expect(partAnalysis.metrics.c1).toMatchObject({ degree: 2, betweenness: 0 });
		expect(partAnalysis.verbinders).toEqual([]);
	});

	it('keys the layout on the nodes and linked pairs only', () => {
		const key = structureKey(buildNetwork(TRIANGLES.assets, TRIANGLES.links));
		const renamed = TRIANGLES.assets.map((a) => (a.id === 'm' ? { ...a, title: 'Tuin' } : a));
		expect(structureKey(buildNetwork(renamed, TRIANGLES.links))).toBe(key);
		const twice = [...TRIANGLES.links, link('a1', 'a2', 'memberOf')];
		expect(structureKey(buildNetwork(TRIANGLES.assets, twice))).toBe(key);
		const more = [...TRIANGLES.links, link('a1', 'c2')];
		expect(structureKey(buildNetwork(TRIANGLES.assets, more))).not.toBe(key);
		const fewer = TRIANGLES.assets.filter((a) => a.id !== 'c3');
		expect(structureKey(buildNetwork(fewer, TRIANGLES.links))).not.toBe(key);
	});

	it('lists the nodes highest betweenness first', () => {
		const graph = buildNetwork(TRIANGLES.assets, TRIANGLES.links);
		const rows = nodeRows(graph, networkMetrics(graph));
		expect(rows[0]).toMatchObject({ id: 'm', label: 'Moestuin', kind: 'initiative', degree: 2 });
		expect(rows).toHaveLength(7);
	});
});
