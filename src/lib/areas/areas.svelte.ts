// A user's areas as runes state, shared through context by the map and the gap view: her roots
// (what her assets and gaps are asked for), the buurten under them (drawn, and where new assets
// may go), the tree above them (the area picker) and her custom areas (the gap view). Created in
// the (app) layout and loaded once per role and set of areas, by the first page that follows
// them; tests inject a fake AreasApi.
import { createContext, untrack } from 'svelte';
import { handleApiError } from '$lib/pocketbase/client';
import type { ApiErrorKind } from '$lib/pocketbase/errors';
import type { AreaRecord, GeoPoint, UserRecord } from '$lib/pocketbase/types';
import {
	areaAt,
	areaOptions,
	areasById,
	bboxUnder,
	type AreaOption,
	type LngLatBBox
} from './areas';
import type { AreasApi } from './areas.api';

export type AreasStatus = 'loading' | 'ready' | 'empty' | 'error';

/** What decides a user's areas: a refreshed user record with the same role and areas is the same. */
const scopeKeyOf = (user: UserRecord) => `${user.role}|${user.areas.join(',')}`;

export class AreasState {
	status = $state<AreasStatus>('loading');
	/** Why the last load failed; null when it did not. */
	error = $state<ApiErrorKind | null>(null);
	/** Her own areas (an admin without areas: every gemeente). Set before the rest has loaded. */
	roots = $state.raw<AreaRecord[]>([]);
	/** The buurten under her roots, with geometry. */
	buurten = $state.raw<AreaRecord[]>([]);
	/** Her roots, their buurten and up to two levels above them: the map's area picker. */
	tree = $state.raw<AreaRecord[]>([]);
	/** The custom areas of her part of the instance, with geometry (the gap view picks them). */
	custom = $state.raw<AreaRecord[]>([]);

	/** The tree and her custom areas: what the gap view picks from. */
	readonly withCustom: AreaRecord[] = $derived([...this.tree, ...this.custom]);
	readonly options: AreaOption[] = $derived(areaOptions(this.tree));
	readonly byId: ReadonlyMap<string, AreaRecord> = $derived(areasById(this.tree));

	#api: AreasApi;
	#loads = 0;
	/** The scope of the latest load, loading or done; '' after a failure. */
	#key = '';

	constructor(api: AreasApi) {
		this.#api = api;
	}

	/** Loads her areas (again). A newer load wins over one that answers later. */
	async load(user: UserRecord): Promise<void> {
		const load = ++this.#loads;
		this.#key = scopeKeyOf(user);
		this.status = 'loading';
		this.error = null;
		try {
			const roots = await this.#api.rootsOf(user);
			if (load !== this.#loads) return;
			this.roots = roots;
			if (roots.length === 0) {
				this.buurten = [];
				this.tree = [];
				this.custom = [];
				this.status = 'empty';
				return;
			}
			const { buurten, tree, custom } = await this.#api.treeOf(user, roots);
			if (load !== this.#loads) return;
			this.buurten = buurten;
			this.tree = tree;
			this.custom = custom;
			this.status = 'ready';
		} catch (error) {
			if (load !== this.#loads) return;
			this.#key = '';
			// null: aborted, or a 401 that already went to the login page.
			const kind = handleApiError(error);
			if (kind === null) return;
			this.error = kind;
			this.status = 'error';
		}
	}

	/**
	 * Keeps the areas those of the signed-in user (call while a page's component initialises): loads
	 * them when her role or areas change, and not again for a page that finds them loaded.
	 */
	follow(user: () => UserRecord | null): void {
		const key = $derived.by(() => {
			const u = user();
			return u ? scopeKeyOf(u) : '';
		});
		$effect(() => {
			if (!key || key === this.#key) return;
			const u = untrack(user);
			if (u) void untrack(() => this.load(u));
		});
	}

	/** The area's name by id ('' when it is not in her tree). */
	name(id: string): string {
		return this.byId.get(id)?.name ?? '';
	}

	/** Her buurt that holds the point, or null: where a new or moved asset may go. */
	buurtAt(location: GeoPoint): AreaRecord | null {
		return areaAt(location, this.buurten);
	}

	/** The box around the buurten of the area with this code; all her buurten for null. */
	boundsOf(code: string | null): LngLatBBox | null {
		const area = code ? (this.tree.find((a) => a.code === code) ?? null) : null;
		return bboxUnder(area, this.tree, this.buurten);
	}
}

export const [getAreasState, setAreasState] = createContext<AreasState>();
