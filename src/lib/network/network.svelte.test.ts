// Guards NetworkState with plain data and a fake NetworkApi: the whole graph is laid out once per
// change of what it is made of, a filter change shows the filtered nodes at once where that
// layout put them while their metrics follow (the older ones stay, marked stale; a newer filter
// wins), the graph follows the filters (area by code, kinds, themes), the selected node carries
// its metrics, the names residents said make
// verbinders once loaded (a newer load wins, a failure says so), the viewer's counts carry no
// names, and the view goes into the URL the way the map writes it.
import { describe, expect, it } from 'vitest';
import type { MentionSource } from '$lib/conversations/mentions';
import type { LinkRecord } from '$lib/links/links';
import { readUrlState } from '$lib/map/url-state';
import type { AreaRecord, AssetRecord } from '$lib/pocketbase/types';
import { analyseNetwork, layoutPositions, type NetworkAnalysis } from './network';
import type { NetworkApi } from './network.api';
import { NetworkState, readPane, type NetworkSource } from './network.svelte';
import type { NetworkGraph } from './network';

const ID = (n: string) => n.padEnd(15, '0');

function asset(id: string, fields: Partial<AssetRecord> = {}): AssetRecord {
	return {
		id: ID(id),
		kind: 'capacity',
		title: id,
		themes: [],
		domain: [],
		gifts: [],
		location: { lon: 5.12, lat: 52.11 },
		precision: 'exact',
		area: 'b1',
		street: '',
		status: 'active',
		confirmedAt: '',
		confirmedBy: '',
		...fields
	} as AssetRecord;
}

function link(from: string, to: string): LinkRecord {
	const at = '2025-01-01 10:00:00.000Z';
	return {
		id: `${from}-${to}`,
		from: ID(from),
		to: ID(to),
		kind: 'knows',
		note: '',
		created: at,
		updated: at,
		createdBy: ''
	};
}

function area(id: string, code: string, parent: string, level: AreaRecord['level']): AreaRecord {
	return { id, code, name: code, level, parent, geometry: null } as AreaRecord;
}

const AREAS = [
	area('w1', 'WK1', '', 'wijk'),
	area('b1', 'BU1', 'w1', 'buurt'),
	area('b2', 'BU2', 'w1', 'buurt')
];
const ASSETS = [
	asset('anna'),
	asset('bert'),
	asset('hub', { kind: 'initiative', title: 'Buurtkeuken', themes: ['armoede'] }),
	asset('cees', { area: 'b2' }),
	asset('dina', { area: 'b2', kind: 'key_figure' })
];
const LINKS = [
	link('anna', 'bert'),
	link('bert', 'hub'),
	link('anna', 'hub'),
	link('hub', 'cees'),
	link('cees', 'dina')
];

/** What the map holds; tests replace it as AssetsState does on a live change. */
let records = $state.raw({ assets: ASSETS, links: LINKS });

function source(): NetworkSource {
	return {
		assets: () => records.assets,
		links: () => records.links,
		areas: () => AREAS,
		buurten: () => AREAS.slice(1)
	};
}

function fakeApi() {
	const pending: {
		areaIds: readonly string[];
		resolve: (s: MentionSource[]) => void;
		reject: (e: unknown) => void;
	}[] = [];
	const runs = { layout: 0, analyse: 0 };
	const api: NetworkApi = {
		loadMentions: (areaIds) =>
			new Promise((resolve, reject) => pending.push({ areaIds, resolve, reject })),
		// The worker's layout and analysis, inline.
		layout: (graph) => {
			runs.layout++;
			return Promise.resolve(layoutPositions(graph));
		},
		analyse: (graph, mentions) => {
			runs.analyse++;
			return Promise.resolve(analyseNetwork(graph, mentions));
		}
	};
	return { api, pending, runs };
}

/** The x, y of each node of a graph. */
function positionsOf(graph: { forEachNode: NetworkGraph['forEachNode'] } | null) {
	const at: Record<string, [number, number]> = {};
	graph?.forEachNode((node, { x, y }) => (at[node] = [x, y]));
	return at;
}

const said = (name: string, times: number): MentionSource[] =>
	Array.from({ length: times }, (_, i) => ({
		id: `c${i}`,
		heldAt: '2026-11-01 10:00:00.000Z',
		street: 'Wolgadreef',
		mentions: [{ name, kind: 'group' as const }]
	}));

describe('NetworkState', () => {
	it('builds the graph of what the map holds and follows the filters', () => {
		const state = new NetworkState(source(), fakeApi().api);
		expect(state.filtered.order).toBe(5);
		state.areaCode = 'BU2';
		expect(state.filtered.nodes().sort()).toEqual([ID('cees'), ID('dina')]);
		state.areaCode = 'WK1';
		expect(state.filtered.order).toBe(5);
		state.toggleKind('initiative');
		expect(state.filtered.nodes()).toEqual([ID('hub')]);
		state.toggleKind('initiative');
		state.toggleTheme('armoede');
		expect(state.shownIds).toEqual(new Set([ID('hub')]));
		state.resetFilters();
		expect(state.filtered.order).toBe(5);
	});

	it('shows the graph once laid out, with its metrics once analysed', async () => {
		const state = new NetworkState(source(), fakeApi().api);
		expect(state.graph).toBeNull();
		expect(state.rows).toEqual([]);
		await state.layOut();
		expect(state.laidOut).toBe(true);
		const xs = new Set(state.graph!.mapNodes((_n, a) => a.x));
		expect(xs.size).toBeGreaterThan(1);
		// The full graph is never laid out in place.
		expect(state.full.getNodeAttribute(ID('hub'), 'x')).toBe(0);
		expect(state.rows).toEqual([]);
		await state.analyse();
		expect(state.analysed).toBe(true);
		expect(state.stale).toBe(false);
		expect(state.rows).toHaveLength(5);
	});

	it('shows a filter at once at the whole layout, the metrics following without a new layout', async () => {
		const { api, runs } = fakeApi();
		const state = new NetworkState(source(), api);
		await state.layOut();
		await state.analyse();
		const whole = positionsOf(state.graph);
		const hubBefore = state.rows.find((r) => r.id === ID('hub'));
		expect(hubBefore).toMatchObject({ degree: 3 });

		state.areaCode = 'BU1';
		// At once: the nodes shown, at the positions of the whole graph's layout.
		expect(state.shownIds).toEqual(new Set([ID('anna'), ID('bert'), ID('hub')]));
		expect(positionsOf(state.graph)).toEqual(whole);
		// The table stays, with the older metrics, marked stale, until the new ones come.
		expect(state.analysed).toBe(false);
		expect(state.stale).toBe(true);
		expect(state.rows.map((r) => r.id).sort()).toEqual([ID('anna'), ID('bert'), ID('hub')]);
		expect(state.rows.find((r) => r.id === ID('hub'))).toEqual(hubBefore);
		expect(state.verbinders.every((v) => state.shownIds.has(v.id))).toBe(true);

		await state.layOut();
		await state.analyse();
		expect(runs).toEqual({ layout: 1, analyse: 2 });
		expect(state.stale).toBe(false);
		// The metrics of the part shown: without Cees, the hub has two links and holds nothing.
		expect(state.rows.find((r) => r.id === ID('hub'))).toMatchObject({
			degree: 2,
			betweenness: 0
		});
		expect(state.verbinders.find((v) => v.id === ID('hub'))).toBeUndefined();
		expect(positionsOf(state.graph)).toEqual(whole);

		// Back to all of it: its metrics are known, shown at once, not computed again.
		state.areaCode = null;
		await state.analyse();
		expect(runs.analyse).toBe(2);
		expect(state.analysed).toBe(true);
		expect(state.rows.find((r) => r.id === ID('hub'))).toEqual(hubBefore);
	});

	it('lets the newest filter win: an older run is aborted and its answer dropped', async () => {
		const { api } = fakeApi();
		const answers: { graph: NetworkGraph; resolve: (a: NetworkAnalysis) => void }[] = [];
		api.analyse = (graph, _mentions, signal) =>
			new Promise((resolve, reject) => {
				answers.push({ graph, resolve });
				signal?.addEventListener('abort', () => {
					const error = new Error('replaced');
					error.name = 'AbortError';
					reject(error);
				});
			});
		const state = new NetworkState(source(), api);
		const first = new AbortController();
		state.areaCode = 'BU1';
		const older = state.analyse(first.signal);
		state.areaCode = 'BU2';
		first.abort();
		const newer = state.analyse(new AbortController().signal);
		answers[1].resolve(analyseNetwork(answers[1].graph, []));
		await newer;
		// The older answer comes late: it is not shown.
		answers[0].resolve(analyseNetwork(answers[0].graph, []));
		await older;
		expect(state.analysed).toBe(true);
		expect(state.rows.map((r) => r.id).sort()).toEqual([ID('cees'), ID('dina')]);
		expect(state.analysisError).toBe(false);
	});

	it('lays out again when the records change what the graph is made of, not for a new title', async () => {
		const { api, runs } = fakeApi();
		const state = new NetworkState(source(), api);
		try {
			await state.layOut();
			const before = positionsOf(state.graph);
			records = {
				...records,
				assets: ASSETS.map((a) => (a.id === ID('hub') ? { ...a, title: 'Buurtkeuken Noord' } : a))
			};
			expect(state.laidOut).toBe(true);
			await state.layOut();
			expect(runs.layout).toBe(1);
			expect(state.graph!.getNodeAttribute(ID('hub'), 'label')).toBe('Buurtkeuken Noord');
			records = { ...records, links: [...LINKS, link('anna', 'dina')] };
			// The older layout stays on screen until the new one comes.
			expect(state.laidOut).toBe(false);
			expect(positionsOf(state.graph)).toEqual(before);
			await state.layOut();
			expect(runs.layout).toBe(2);
			expect(state.laidOut).toBe(true);
		} finally {
			records = { assets: ASSETS, links: LINKS };
		}
	});

	it('drops an aborted analysis and says when one failed', async () => {
		const { api } = fakeApi();
		const state = new NetworkState(source(), api);
		const controller = new AbortController();
		const run = state.analyse(controller.signal);
		controller.abort();
		await run;
		expect(state.analysis).toBeNull();
		api.analyse = () => Promise.reject(new Error('worker failed'));
		await state.analyse();
		expect(state.analysisError).toBe(true);
	});

	it('gives the selected node with its metrics, and the verbinders with reasons', async () => {
		const state = new NetworkState(source(), fakeApi().api);
		await state.layOut();
		await state.analyse();
		state.select(ID('hub'));
		expect(state.selected).toMatchObject({
			label: 'Buurtkeuken',
			degree: 3,
			reach1: 3,
			reach2: 4
		});
		const hub = state.verbinders.find((v) => v.id === ID('hub'));
		expect(hub?.reasons).toContainEqual({ kind: 'holds', groups: 2 });
		// Dina is a key figure already.
		expect(state.verbinders.map((v) => v.id)).not.toContain(ID('dina'));
		state.kinds = ['key_figure'];
		await state.analyse();
		expect(state.selected).toBeNull();
	});

	it('adds whom residents named once the names load; a newer load wins; a failure says so', async () => {
		const { api, pending } = fakeApi();
		const state = new NetworkState(source(), api);
		await state.analyse();
		expect(state.verbinders.find((v) => v.id === ID('anna'))).toBeUndefined();
		const first = state.loadMentions(['w1']);
		const second = state.loadMentions(['w1']);
		expect(state.mentionsStatus).toBe('loading');
		pending[1].resolve(said('Anna', 4));
		await second;
		pending[0].resolve(said('Bert', 9));
		await first;
		expect(pending[0].areaIds).toEqual(['w1']);
		expect(state.mentionsStatus).toBe('ready');
		await state.analyse();
		expect(state.verbinders.find((v) => v.id === ID('anna'))?.reasons).toEqual([
			{ kind: 'named', times: 4 }
		]);
		expect(state.verbinders.find((v) => v.id === ID('bert'))).toBeUndefined();
		const third = state.loadMentions(['w1']);
		pending[2].reject(new Error('offline'));
		await third;
		expect(state.mentionsStatus).toBe('error');
	});

	it('counts per buurt for viewers without a name', async () => {
		const state = new NetworkState(source(), fakeApi().api);
		await state.analyse();
		expect(state.aggregate).toEqual([
			{ buurt: 'b1', nodes: null, links: null, verbinders: null },
			// Cees holds Dina to the rest: one verbinder, suppressed.
			{ buurt: 'b2', nodes: null, links: null, verbinders: null }
		]);
		expect(JSON.stringify(state.aggregate)).not.toMatch(/anna|Buurtkeuken/);
	});

	it('starts from the URL and writes the view back the way the map does', async () => {
		const params = new URLSearchParams(
			`at=52.1,5.1&z=14&area=BU1&kind=capacity&asset=${ID('anna')}&view=map`
		);
		const state = new NetworkState(source(), fakeApi().api, {
			...readUrlState(params),
			pane: readPane(params)
		});
		await state.layOut();
		await state.analyse();
		expect([...state.shownIds].sort()).toEqual([ID('anna'), ID('bert')]);
		expect(state.graph!.order).toBe(5);
		expect(state.selected?.label).toBe('anna');
		expect(state.pane).toBe('map');
		expect(state.query()).toBe(
			`at=52.1%2C5.1&z=14&area=BU1&kind=capacity&asset=${ID('anna')}&view=map`
		);
		state.pane = 'graph';
		state.select(null);
		state.camera = null;
		expect(state.query()).toBe('area=BU1&kind=capacity');
	});
});
