// The gap view's state: the input fetched for the area and period, and the analysis run on it (in
// a worker) with its progress. The areas to pick from are the shared AreasState's (her tree and
// her custom areas). A new area or period fetches again; a new walking distance only analyses
// again; the theme filter is the view's alone.
import { untrack } from 'svelte';
import type { AreasState } from '$lib/areas/areas.svelte';
import type { MapConfig } from '$lib/map/basemap';
import { fetchMapConfig } from '$lib/map/basemap.api';
import { handleApiError } from '$lib/pocketbase/client';
import type { ApiErrorKind } from '$lib/pocketbase/errors';
import type { UserRecord } from '$lib/pocketbase/types';
import type { GapInput, GapUnit } from './gap-input';
import type { GapAreas, GapsApi } from './gaps.api';
import { gapMapData, gapScope, scopeBounds, type GapScope } from './gap-view';
import { gapNetwork, thinBuurten, thinFeatures, type ThinBuurt } from './gap-thin';
import { areasById, type LngLatBBox } from '$lib/areas/areas';
import type { Theme } from '$lib/vocabulary/vocabulary';
import { DEFAULT_RESOLUTION, type GapAnalysis } from './gap-analysis';

/** What the page asks to be analysed: the area, the period and the walking distance. */
export interface GapRequest {
	scope: GapScope;
	period: { from: string; to: string };
	radiusM: number;
	/** Only some of the fetched units: a round's doors (`gap-round.ts`). */
	narrow?: GapNarrowing;
}

/** Which units of the input are analysed. */
export type GapNarrowing = (units: readonly GapUnit[]) => GapUnit[];

export type GapsStatus = 'loading' | 'empty' | 'fetching' | 'analysing' | 'ready' | 'error';

export class GapsState {
	#status = $state<GapsStatus>('fetching');
	#error = $state<{ step: 'input' | 'analysis'; kind: ApiErrorKind } | null>(null);
	#api: GapsApi;
	#areas: AreasState;
	#run = 0;
	#inputKey = '';
	#abort: AbortController | null = null;

	/** The analysis' progress, 0..1. */
	progress = $state(0);
	input = $state.raw<GapInput | null>(null);
	analysis = $state.raw<GapAnalysis | null>(null);
	/** The basemap to draw on (null until it has loaded; see follow()). */
	config = $state.raw<MapConfig | null>(null);

	/** Her areas to pick from: the tree with her custom areas in it. */
	get areas(): GapAreas {
		const { roots, buurten, withCustom } = this.#areas;
		return { roots, buurten, tree: withCustom };
	}

	/** Where the view is: the areas' state until they are ready, then the analysis'. */
	get status(): GapsStatus {
		return this.#areas.status === 'ready' ? this.#status : this.#areas.status;
	}

	/** What went wrong, for the message: loading the areas, the input, or the analysis. */
	get error(): { step: 'areas' | 'input' | 'analysis'; kind: ApiErrorKind } | null {
		if (this.#areas.status !== 'error') return this.#error;
		return { step: 'areas', kind: this.#areas.error ?? 'server' };
	}

	constructor(api: GapsApi, areas: AreasState) {
		this.#api = api;
		this.#areas = areas;
	}

	/**
	 * Keeps the state in step with a page (call while its component initialises): loads the map
	 * configuration, her areas whenever her role or areas change, and analyses again for a new
	 * area, period or distance (fetching only when it must).
	 */
	follow(user: () => UserRecord | null, request: () => GapRequest): void {
		$effect(() => {
			let current = true;
			void fetchMapConfig().then((c) => {
				if (current) this.config = c;
			});
			return () => {
				current = false;
			};
		});

		this.#areas.follow(user);

		$effect(() => {
			if (this.#areas.status !== 'ready') return;
			const { scope, period, radiusM, narrow } = request();
			untrack(() => void this.analyse(scope, period, radiusM, Date.now(), narrow));
		});
	}

	/** Tries again what failed: loading her areas, or the analysis of this request. */
	retry(user: UserRecord, { scope, period, radiusM, narrow }: GapRequest): void {
		if (this.#areas.status === 'error') void this.#areas.load(user);
		else void this.analyse(scope, period, radiusM, Date.now(), narrow);
	}

	/** What to ask the server for when this area code is picked (null: all her areas). */
	scopeFor(code: string | null): GapScope {
		const { tree, buurten, roots } = this.areas;
		return gapScope(
			code,
			tree,
			buurten,
			roots.map((r) => r.id)
		);
	}

	/** What the map draws of the analysis, for one theme or all (null). */
	mapData(theme: Theme | null): ReturnType<typeof gapMapData> {
		const buurten = areasById(this.areas.buurten);
		const geometryOf = (id: string) => buurten.get(id)?.geometry;
		return gapMapData(this.analysis, geometryOf, this.input?.assets ?? [], theme);
	}

	/**
	 * The analysed buurten whose network is thin, from the assets and links of the input (no
	 * second load). Without names and small buurten for a viewer, and whenever the input is a
	 * viewer's (`aggregated`).
	 */
	thin(forViewer: boolean): ThinBuurt[] {
		const { input, analysis } = this;
		if (!input || !analysis) return [];
		return thinBuurten(gapNetwork(input), analysis.buurten, {
			forViewer: forViewer || input.aggregated
		});
	}

	/** The thin buurten as the map draws them. */
	thinMapData(thin: readonly ThinBuurt[]): ReturnType<typeof thinFeatures> {
		const buurten = areasById(this.areas.buurten);
		return thinFeatures(thin, (id) => buurten.get(id)?.geometry);
	}

	/** Where the map goes for a scope: a custom area's outline, else the box of its buurten. */
	boundsOf(scope: GapScope): LngLatBBox | null {
		return scopeBounds(scope, this.areas);
	}

	/**
	 * Fetches the input for the scope and period (unless it has it already) and analyses it, or
	 * only the units `narrow` keeps (`input` stays all that was fetched). A later call wins: an
	 * earlier one that finishes afterwards changes nothing.
	 */
	async analyse(
		scope: GapScope,
		period: { from: string; to: string },
		radiusM: number,
		now: number,
		narrow?: GapNarrowing
	): Promise<void> {
		const run = ++this.#run;
		// Only the latest analysis counts: end the worker of an earlier one.
		this.#abort?.abort();
		const abort = (this.#abort = new AbortController());
		const key = `${scope.areaIds.join(',')}|${period.from}|${period.to}`;
		this.#error = null;
		this.progress = 0;
		if (scope.areaIds.length === 0) {
			this.input = null;
			this.analysis = null;
			this.#inputKey = '';
			this.#status = 'ready';
			return;
		}
		let input = this.input;
		if (!input || key !== this.#inputKey) {
			this.#status = 'fetching';
			try {
				input = await this.#api.fetchInput(scope.areaIds, period);
			} catch (error) {
				if (run !== this.#run) return;
				const kind = handleApiError(error);
				if (kind === null) return;
				this.#error = { step: 'input', kind };
				this.#status = 'error';
				return;
			}
			if (run !== this.#run) return;
			this.input = input;
			this.#inputKey = key;
		}
		this.#status = 'analysing';
		try {
			const analysis = await this.#api.analyse(
				narrow ? { ...input, units: narrow(input.units) } : input,
				{ radiusM, resolution: DEFAULT_RESOLUTION, focus: scope.focus, now },
				(share) => {
					if (run === this.#run) this.progress = share;
				},
				abort.signal
			);
			if (run !== this.#run) return;
			this.analysis = analysis;
			this.progress = 1;
			this.#status = 'ready';
		} catch (error) {
			if (run !== this.#run) return;
			console.error('[gaps]', error);
			this.#error = { step: 'analysis', kind: 'server' };
			this.#status = 'error';
		}
	}
}
