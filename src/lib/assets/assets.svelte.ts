// The assets and links of the areas on screen as runes state, shared through context: loaded
// once per set of areas, kept current by realtime events, changed through the api. Created in
// the (app) layout; tests inject a fake AssetsApi.
import { createContext } from 'svelte';
import type { LinkKind, LinkRecord } from '$lib/links/links';
import { apiErrorKind, type ApiErrorKind } from '$lib/pocketbase/errors';
import type { RealtimeEvent } from '$lib/pocketbase/realtime.api';
import type { AssetRecord, GeoPoint } from '$lib/pocketbase/types';
import {
	areaAncestry,
	assetsById,
	countByKind,
	sortForList,
	type AssetPatch,
	type NewAsset
} from './assets';
import type { AssetEvent, AssetsApi } from './assets.api';
import { DEFAULT_FILTER, copyFilter, filterAssets, type AssetFilter } from './filters';
import type { AssetKind } from '$lib/vocabulary/vocabulary';

export type AssetsStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The list with `record` in place of the record with its id (or added at the end). A copy that
 * is older than the one we have is ignored: a realtime echo can arrive after the response of a
 * later write.
 */
function upsert<T extends { id: string; updated?: string }>(list: T[], record: T): T[] {
	const index = list.findIndex((r) => r.id === record.id);
	if (index === -1) return [...list, record];
	const current = list[index];
	// PocketBase dates ('2025-03-01 10:00:00.123Z') sort as strings.
	if (current.updated && record.updated && current.updated > record.updated) return list;
	return list.map((r, i) => (i === index ? record : r));
}

export class AssetsState {
	/** The assets of the loaded areas, ended ones included. Replaced, never mutated. */
	assets = $state.raw<AssetRecord[]>([]);
	/** The links starting at those assets. Replaced, never mutated. */
	links = $state.raw<LinkRecord[]>([]);
	filter = $state<AssetFilter>(copyFilter(DEFAULT_FILTER));
	status = $state<AssetsStatus>('idle');
	/** Why the last load failed; null when it did not. */
	error = $state<ApiErrorKind | null>(null);

	// A plain snapshot: the filter runs over thousands of assets, and reading a deep proxy's
	// lists inside that loop is needlessly slow.
	// Sorted when the assets change, not when the filter does: at city scale sorting is the
	// slowest part of a filter change, and filtering keeps the order.
	readonly #sorted: AssetRecord[] = $derived(sortForList(this.assets));
	/** The assets that pass the filter, in list order. */
	readonly visible: AssetRecord[] = $derived(
		filterAssets(this.#sorted, $state.snapshot(this.filter))
	);
	readonly counts: Record<AssetKind, number> = $derived(countByKind(this.visible));
	readonly byId: ReadonlyMap<string, AssetRecord> = $derived(assetsById(this.assets));

	/** The areas asked for in the last load; realtime events elsewhere are ignored. */
	#areaIds: readonly string[] = [];
	#loads = 0;
	#api: AssetsApi;

	constructor(api: AssetsApi) {
		this.#api = api;
	}

	/** Loads the assets in or under the areas and their links. A newer load wins. */
	async load(areaIds: readonly string[]): Promise<void> {
		const load = ++this.#loads;
		this.#areaIds = [...areaIds];
		this.status = 'loading';
		this.error = null;
		try {
			const { assets, links } = await this.#api.loadMap(areaIds);
			if (load !== this.#loads) return;
			this.assets = assets;
			this.links = links;
			this.status = 'ready';
		} catch (error) {
			if (load !== this.#loads) return;
			this.status = 'error';
			this.error = apiErrorKind(error);
		}
	}

	/** Follows changes made by anyone. Call in an $effect and return the result as its teardown. */
	startLive(): () => void {
		const stopAssets = this.#api.subscribeAssets((event) => this.#applyAssetEvent(event));
		const stopLinks = this.#api.subscribeLinks((event) => this.#applyLinkEvent(event));
		return () => {
			stopAssets();
			stopLinks();
		};
	}

	#inLoadedAreas(ancestry: readonly string[]): boolean {
		if (ancestry.some((id) => this.#areaIds.includes(id))) return true;
		// The area of a loaded asset is loaded too: a fallback for a record whose area came
		// without its parents (then only the buurt is known, not the wijk or gemeente loaded).
		return this.assets.some((a) => a.area === ancestry[0]);
	}

	#applyAssetEvent({ action, record }: AssetEvent): void {
		// The expansion only tells where the asset is; the state keeps plain records.
		const { expand, ...asset } = record;
		if (action === 'delete') {
			this.#remove(asset.id);
		} else if (this.#inLoadedAreas(areaAncestry({ area: asset.area, expand }))) {
			this.assets = upsert(this.assets, asset);
		} else if (this.byId.has(asset.id)) {
			// Moved to an area that is not loaded.
			this.#remove(asset.id);
		}
	}

	#applyLinkEvent({ action, record }: RealtimeEvent<LinkRecord>): void {
		if (action !== 'delete' && (this.byId.has(record.from) || this.byId.has(record.to))) {
			this.links = upsert(this.links, record);
		} else if (this.links.some((l) => l.id === record.id)) {
			this.links = this.links.filter((l) => l.id !== record.id);
		}
	}

	#remove(id: string): void {
		if (this.byId.has(id)) this.assets = this.assets.filter((a) => a.id !== id);
		// The server deletes the links of a deleted asset along with it (cascadeDelete).
		if (this.links.some((l) => l.from === id || l.to === id)) {
			this.links = this.links.filter((l) => l.from !== id && l.to !== id);
		}
	}

	resetFilter(): void {
		this.filter = copyFilter(DEFAULT_FILTER);
	}

	async create(body: NewAsset): Promise<AssetRecord> {
		const record = await this.#api.createAsset(body);
		this.assets = upsert(this.assets, record);
		return record;
	}

	async update(id: string, patch: AssetPatch): Promise<AssetRecord> {
		const record = await this.#api.updateAsset(id, patch);
		this.assets = upsert(this.assets, record);
		return record;
	}

	/**
	 * Moves the asset (and, when given, into another area). Shown at once: a dragged marker must
	 * not jump back while the request is under way; on failure it returns to where it was.
	 */
	async move(id: string, location: GeoPoint, area?: string): Promise<AssetRecord> {
		const patch: AssetPatch = area ? { location, area } : { location };
		const before = this.byId.get(id);
		if (before) this.assets = upsert(this.assets, { ...before, ...patch });
		try {
			return await this.update(id, patch);
		} catch (error) {
			if (before) this.assets = upsert(this.assets, before);
			throw error;
		}
	}

	/** Records that someone checked the asset is still there (the server stamps who and when). */
	async confirm(id: string): Promise<AssetRecord> {
		const record = await this.#api.confirmAsset(id);
		this.assets = upsert(this.assets, record);
		return record;
	}

	/**
	 * Archives the asset (status 'ended', hidden by the default filter). `undo` puts back the
	 * status it had, for an "Undo" button in the notice that follows.
	 */
	async archive(id: string): Promise<{ undo: () => Promise<void> }> {
		const previous = this.byId.get(id)?.status;
		if (!previous) throw new Error(`asset ${id} is not loaded`);
		await this.update(id, { status: 'ended' });
		return {
			undo: async () => {
				await this.update(id, { status: previous });
			}
		};
	}

	async link(from: string, to: string, kind: LinkKind, note = ''): Promise<LinkRecord> {
		const record = await this.#api.createLink({ from, to, kind, note });
		this.links = upsert(this.links, record);
		return record;
	}

	async unlink(id: string): Promise<void> {
		await this.#api.deleteLink(id);
		this.links = this.links.filter((l) => l.id !== id);
	}
}

export const [getAssetsState, setAssetsState] = createContext<AssetsState>();
