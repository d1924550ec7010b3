// The network view's state: the graph of what AssetsState holds (no second load of the assets),
// laid out once per change of what it is made of (a worker, the api's `layout`), filtered by
// area, theme and kind (shown at once at the whole graph's positions: the filters only hide
// nodes), and measured per filter in a worker (the api's `analyse`: metrics and verbinders, no
// layout; the older ones stay on screen, marked stale, until they come). Besides: the thin
// buurten and the viewer's counts, the selected node, and the view in the URL (url-state.ts for
// the position, area, kinds, themes and the selected asset; `view` for the phone's Graaf/Kaart
// switch). The names residents said come through an injected NetworkApi.
import { tallyMentions, type MentionTally } from '$lib/conversations/mentions';
import { untrack } from 'svelte';
import type { LinkRecord } from '$lib/links/links';
import type { MapUrlState } from '$lib/map/url-state';
import { writeUrlState } from '$lib/map/url-state';
import { DEFAULT_FILTER, copyFilter } from '$lib/assets/filters';
import type { AreaRecord, AssetRecord } from '$lib/pocketbase/types';
import type { AssetKind, Theme } from '$lib/vocabulary/vocabulary';
import type { NetworkApi } from './network.api';
import {
	buildNetwork,
	filterNetwork,
	metricsMap,
	nodeIdSet,
	nodeRows,
	parentsOf,
	placed,
	structureKey,
	thinNetworks,
	viewerAggregate,
	type BuurtAggregate,
	type BuurtNetwork,
	type NetworkAnalysis,
	type NetworkGraph,
	type NetworkPositions,
	type NodeMetrics,
	type NodeRow,
	type Verbinder
} from './network';

/** Where the state reads the map's data (AssetsState, AreasState), as functions so it follows them. */
export interface NetworkSource {
	assets: () => readonly AssetRecord[];
	links: () => readonly LinkRecord[];
	/** Her area tree (gemeente ▸ wijk ▸ buurt): the area filter and the parents. */
	areas: () => readonly AreaRecord[];
	buurten: () => readonly AreaRecord[];
}

/** On a phone the graph and the map take turns. */
export type NetworkPane = 'graph' | 'map';

export interface Camera {
	center: [number, number];
	zoom: number;
}

/** What the filtered graph is made of. The names residents said change only the verbinders: the
 * graph stays on screen while they are added. */
interface AnalysisInput {
	assets: readonly AssetRecord[];
	links: readonly LinkRecord[];
	filter: string;
}

/** How many analyses NetworkState keeps for going back to a filter (a few: each is per node). */
const KEPT_ANALYSES = 6;

function sameInput(a: AnalysisInput | null, b: AnalysisInput): boolean {
	return a !== null && a.assets === b.assets && a.links === b.links && a.filter === b.filter;
}

export class NetworkState {
	/** Code of the area filtered on (as in the map's URL); null: all her areas. */
	areaCode = $state<string | null>(null);
	themes = $state<Theme[]>([]);
	kinds = $state<AssetKind[]>([]);
	selectedId = $state<string | null>(null);
	pane = $state<NetworkPane>('graph');
	camera = $state.raw<Camera | null>(null);
	/** The names residents said at the door, tallied. */
	mentions = $state.raw<MentionTally[]>([]);
	mentionsStatus = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');

	readonly #source: NetworkSource;
	readonly #api: NetworkApi;
	#loads = 0;
	/** The latest analyses, newest first: going back to a filter shows its metrics at once. */
	#analyses: { input: AnalysisInput; mentions: MentionTally[]; analysis: NetworkAnalysis }[] = [];

	readonly #parentOf: ReadonlyMap<string, string> = $derived(parentsOf(this.#areas()));
	/** Every asset she can see and its links. */
	readonly full: NetworkGraph = $derived(buildNetwork(this.#data().assets(), this.#data().links()));
	readonly areaId: string | null = $derived(
		this.areaCode === null
			? null
			: (this.#areas().find((a) => a.code === this.areaCode)?.id ?? null)
	);
	/** What the filters let through (not yet laid out). */
	readonly filtered: NetworkGraph = $derived(
		filterNetwork(
			this.full,
			{ area: this.areaId, themes: [...this.themes], kinds: [...this.kinds] },
			this.#parentOf
		)
	);
	/** What the layout depends on (nodes and linked pairs): a new title keeps the picture. */
	readonly #structure: string = $derived(structureKey(this.full));
	/** Where the layout of the whole graph put each node; an older graph's while a newer runs. */
	layout = $state.raw<NetworkPositions | null>(null);
	#laidOutFor = $state.raw<string | null>(null);
	layoutError = $state(false);
	/** Whether the layout is that of the graph the records give now. */
	readonly laidOut: boolean = $derived(
		this.layout !== null && this.#laidOutFor === this.#structure
	);
	/**
	 * The whole graph at its layout's positions, for sigma; the filters hide what they leave out
	 * (`shownIds`), so a filter change moves nothing. Null before the first layout.
	 */
	readonly graph: NetworkGraph | null = $derived(
		this.layout ? placed(this.full, this.layout) : null
	);
	/** Ids of the assets the filters let through: the nodes shown, and the map beside the graph. */
	readonly shownIds: ReadonlySet<string> = $derived(nodeIdSet(this.filtered));
	/** The metrics and verbinders of the filtered graph; an older filter's while a newer runs. */
	analysis = $state.raw<NetworkAnalysis | null>(null);
	/** What the analysis is of (the records and the filters): newer ones make it stale. */
	#analysedFor = $state.raw<AnalysisInput | null>(null);
	analysisError = $state(false);
	/** Whether the analysis is that of the graph the filters give now. */
	readonly analysed: boolean = $derived(
		this.analysis !== null && sameInput(this.#analysedFor, this.#input())
	);
	/** Whether the metrics shown are an older filter's (or older records') while newer ones run. */
	readonly stale: boolean = $derived(this.analysis !== null && !this.analysed);
	readonly metrics: ReadonlyMap<string, NodeMetrics> = $derived(metricsMap(this.analysis));
	/** The list alternative of the graph: the nodes shown, with the latest metrics. */
	readonly rows: NodeRow[] = $derived(this.analysis ? nodeRows(this.filtered, this.metrics) : []);
	/** The latest verbinders that are shown now. */
	readonly verbinders: Verbinder[] = $derived(
		this.analysis ? this.analysis.verbinders.filter((v) => this.shownIds.has(v.id)) : []
	);
	/** Per buurt of hers: how thin its network is (for the gap view's layer). */
	readonly thin: BuurtNetwork[] = $derived(
		thinNetworks(
			this.full,
			this.#data()
				.buurten()
				.map((b) => b.id)
		)
	);
	/** What a viewer sees: counts per buurt, small ones suppressed, no names (once analysed). */
	readonly aggregate: BuurtAggregate[] = $derived(
		viewerAggregate(
			this.full,
			this.analysed && this.analysis ? this.analysis.verbinders : [],
			this.#data()
				.buurten()
				.map((b) => b.id)
		)
	);

	/** The selected node's row (with its metrics), when it is in the graph shown. */
	get selected(): NodeRow | null {
		return this.selectedId ? (this.rows.find((r) => r.id === this.selectedId) ?? null) : null;
	}

	constructor(
		source: NetworkSource,
		api: NetworkApi,
		initial?: Pick<MapUrlState, 'area' | 'filter' | 'selected' | 'center' | 'zoom'> & {
			pane?: NetworkPane;
		}
	) {
		this.#source = source;
		this.#api = api;
		if (initial) {
			this.areaCode = initial.area;
			this.themes = [...initial.filter.themes];
			this.kinds = [...initial.filter.kinds];
			this.selectedId = initial.selected;
			this.pane = initial.pane ?? 'graph';
			if (initial.center && initial.zoom !== null) {
				this.camera = { center: initial.center, zoom: initial.zoom };
			}
		}
	}

	// Read through methods: the deriveds above run lazily, after the constructor has set these.
	#data(): NetworkSource {
		return this.#source;
	}

	/** What the filtered graph is made of; the same input gives the same graph. */
	#input(): AnalysisInput {
		return {
			assets: this.#source.assets(),
			links: this.#source.links(),
			filter: `${this.areaId}|${this.themes.join(',')}|${this.kinds.join(',')}`
		};
	}

	#areas(): readonly AreaRecord[] {
		return this.#source.areas();
	}

	/** Loads the names residents said in her areas; a newer load wins. */
	async loadMentions(areaIds: readonly string[]): Promise<void> {
		const load = ++this.#loads;
		this.mentionsStatus = 'loading';
		try {
			const sources = await this.#api.loadMentions(areaIds);
			if (load !== this.#loads) return;
			this.mentions = tallyMentions(sources);
			this.mentionsStatus = 'ready';
		} catch {
			if (load !== this.#loads) return;
			this.mentionsStatus = 'error';
		}
	}

	/**
	 * Lays out the whole graph in a worker (the api's), unless its layout is there already: once
	 * per change of what it is made of, never per filter. A newer run aborts this one through
	 * `signal`. Call in an `$effect` (it reads the graph's structure) with an AbortController
	 * aborted in its teardown.
	 */
	async layOut(signal?: AbortSignal): Promise<void> {
		const structure = this.#structure;
		const graph = this.full;
		if (untrack(() => this.#laidOutFor) === structure) return;
		this.layoutError = false;
		try {
			const layout = await this.#api.layout(graph, signal);
			if (signal?.aborted) return;
			this.layout = layout;
			this.#laidOutFor = structure;
		} catch (error) {
			if (signal?.aborted || isAbort(error)) return;
			this.layoutError = true;
		}
	}

	/**
	 * Measures the graph the filters give now (metrics and verbinders, with the names residents
	 * said; no layout) in a worker (the api's); a newer run aborts this one through `signal`, and
	 * the older result stays shown (`stale`) until this one lands. A filter analysed a moment ago
	 * (the same records and names) is shown again at once. Call in an `$effect` (it reads
	 * the filtered graph and the names) with an AbortController aborted in its teardown.
	 */
	async analyse(signal?: AbortSignal): Promise<void> {
		const input = this.#input();
		const graph = this.filtered;
		const mentions = this.mentions;
		this.analysisError = false;
		const known = this.#analyses.find((a) => sameInput(a.input, input) && a.mentions === mentions);
		if (known) {
			this.analysis = known.analysis;
			this.#analysedFor = input;
			return;
		}
		try {
			const analysis = await this.#api.analyse(graph, mentions, signal);
			if (signal?.aborted) return;
			this.analysis = analysis;
			this.#analysedFor = input;
			this.#analyses = [{ input, mentions, analysis }, ...this.#analyses].slice(0, KEPT_ANALYSES);
		} catch (error) {
			if (signal?.aborted || isAbort(error)) return;
			this.analysisError = true;
		}
	}

	select(id: string | null): void {
		this.selectedId = id;
	}

	toggleKind(kind: AssetKind): void {
		this.kinds = this.kinds.includes(kind)
			? this.kinds.filter((k) => k !== kind)
			: [...this.kinds, kind];
	}

	toggleTheme(theme: Theme): void {
		this.themes = this.themes.includes(theme)
			? this.themes.filter((t) => t !== theme)
			: [...this.themes, theme];
	}

	resetFilters(): void {
		this.areaCode = null;
		this.themes = [];
		this.kinds = [];
	}

	/** The view as a query string (without '?'), the map's keys as url-state.ts writes them. */
	query(): string {
		const filter = copyFilter(DEFAULT_FILTER);
		filter.kinds = [...this.kinds];
		filter.themes = [...this.themes];
		const params = writeUrlState({
			center: this.camera?.center ?? null,
			zoom: this.camera?.zoom ?? null,
			area: this.areaCode,
			filter,
			selected: this.selectedId
		});
		if (this.pane === 'map') params.set('view', 'map');
		return params.toString();
	}
}

/** The phone's pane from the URL (`view=map`); the graph otherwise. */
export function readPane(params: URLSearchParams): NetworkPane {
	return params.get('view') === 'map' ? 'map' : 'graph';
}

function isAbort(error: unknown): boolean {
	return error instanceof Error && error.name === 'AbortError';
}
