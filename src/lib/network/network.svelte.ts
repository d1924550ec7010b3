// The network view's state: the graph of what AssetsState holds (no second load of the assets),
// filtered and laid out, its metrics, the verbinders with their reasons, the thin buurten and the
// viewer's counts, the selected node, and the view in the URL (url-state.ts for the position,
// area, kinds, themes and the selected asset; `view` for the phone's Graaf/Kaart switch). The
// names residents said come through an injected NetworkApi.
import { tallyMentions, type MentionTally } from '$lib/conversations/mentions';
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
	findVerbinders,
	layoutNetwork,
	networkMetrics,
	nodeIdSet,
	nodeRows,
	parentsOf,
	thinNetworks,
	viewerAggregate,
	type BuurtAggregate,
	type BuurtNetwork,
	type NetworkGraph,
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

	readonly #parentOf: ReadonlyMap<string, string> = $derived(parentsOf(this.#areas()));
	/** Every asset she can see and its links. */
	readonly full: NetworkGraph = $derived(buildNetwork(this.#data().assets(), this.#data().links()));
	readonly areaId: string | null = $derived(
		this.areaCode === null
			? null
			: (this.#areas().find((a) => a.code === this.areaCode)?.id ?? null)
	);
	/** What the filters let through, laid out for the graph view. */
	readonly graph: NetworkGraph = $derived(
		layoutNetwork(
			filterNetwork(
				this.full,
				{ area: this.areaId, themes: [...this.themes], kinds: [...this.kinds] },
				this.#parentOf
			).copy()
		)
	);
	readonly metrics: ReadonlyMap<string, NodeMetrics> = $derived(networkMetrics(this.graph));
	/** The list alternative of the graph. */
	readonly rows: NodeRow[] = $derived(nodeRows(this.graph, this.metrics));
	readonly verbinders: Verbinder[] = $derived(
		findVerbinders(this.graph, this.metrics, this.mentions)
	);
	/** Ids of the shown assets, for the map beside the graph. */
	readonly shownIds: ReadonlySet<string> = $derived(nodeIdSet(this.graph));
	/** Per buurt of hers: how thin its network is (for the gap view's layer). */
	readonly thin: BuurtNetwork[] = $derived(
		thinNetworks(
			this.full,
			this.#data()
				.buurten()
				.map((b) => b.id)
		)
	);
	/** What a viewer sees: counts per buurt, small ones suppressed, no names. */
	readonly aggregate: BuurtAggregate[] = $derived.by(() => {
		const verbinders = findVerbinders(this.full, networkMetrics(this.full), []);
		return viewerAggregate(
			this.full,
			verbinders,
			this.#data()
				.buurten()
				.map((b) => b.id)
		);
	});

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
