// The asset map's state beside its data (AssetsState, AreasState): the open asset and what its
// panel shows, the area picked, the camera and the bounds on screen (which decide the list), the
// bottom sheet, adding an asset (AddAssetState), moving the open one, and the one toast at a time
// that says what happened. Starts from the URL it was opened with and gives back the query that
// keeps the view shareable (url-state.ts). The page owns the map; this state gets it in `follow`.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { tick } from 'svelte';
import { MediaQuery } from 'svelte/reactivity';
import type { AreasState } from '$lib/areas/areas.svelte';
import { AddAssetState } from '$lib/assets/add-asset.svelte';
import type { AssetDraft } from '$lib/assets/asset-form';
import type { Bounds } from '$lib/assets/assets';
import type { AssetsState } from '$lib/assets/assets.svelte';
import type { AssetFilter } from '$lib/assets/filters';
import { isSetGeoPoint, toPosition } from '$lib/geo/geopoint';
import { m } from '$lib/paraglide/messages.js';
import type { AssetRecord, GeoPoint } from '$lib/pocketbase/types';
import { revealPoint } from './reveal';
import { writeUrlState, type MapUrlState } from './url-state';

export interface Camera {
	center: [number, number];
	zoom: number;
}

/** A notice for the toast at the bottom of the map, maybe with one thing to do (undo). */
export interface MapNotice {
	message: string;
	tone?: 'info' | 'error';
	action?: { label: string; run: () => void };
}

export class AssetMapState {
	#assets: AssetsState;
	#areas: AreasState;
	#map: MapLibreMap | null = null;
	#sheet: () => DOMRect | undefined = () => undefined;
	#toasts = 0;
	#reduceMotion = new MediaQuery('prefers-reduced-motion: reduce');

	/** The open asset's id. */
	selectedId = $state<string | null>(null);
	/** What the open asset's panel shows: the details, the edit form, or the link picker. */
	mode = $state<'view' | 'edit' | 'link'>('view');
	/** The code of the area picked (null: all her areas). */
	areaCode = $state<string | null>(null);
	camera = $state.raw<Camera | null>(null);
	/** What is on screen: the list shows the assets within it (null before the map is there). */
	bounds = $state.raw<Bounds | null>(null);
	/** The bottom sheet (a phone) unfolded. */
	sheetExpanded = $state(false);
	/** The toast shown; a new one replaces it (and restarts its timer, through its new id). */
	toast = $state.raw<(MapNotice & { id: number }) | null>(null);
	/** The position of a shared link, which wins over fitting an area. */
	readonly initialCamera: Camera | null;
	readonly adding: AddAssetState;

	/** The open asset's record, once loaded. */
	get selected(): AssetRecord | null {
		return this.selectedId ? (this.#assets.byId.get(this.selectedId) ?? null) : null;
	}

	constructor(initial: MapUrlState, assets: AssetsState, areas: AreasState) {
		this.#assets = assets;
		this.#areas = areas;
		this.selectedId = initial.selected;
		this.areaCode = initial.area;
		this.initialCamera =
			initial.center && initial.zoom !== null
				? { center: initial.center, zoom: initial.zoom }
				: null;
		this.camera = this.initialCamera;
		this.sheetExpanded = initial.selected !== null;
		this.adding = new AddAssetState({
			buurtAt: (location) => areas.buurtAt(location),
			create: (asset) => assets.create(asset)
		});
	}

	/**
	 * Follows the map: its camera goes into the URL, its bounds decide the list. `sheet` gives the
	 * box of the panel (a bottom sheet on a phone covers the map). Call in an `$effect` and return
	 * the result as its teardown.
	 */
	follow(map: MapLibreMap, sheet: () => DOMRect | undefined): () => void {
		this.#map = map;
		this.#sheet = sheet;
		const update = () => {
			const center = map.getCenter();
			this.camera = { center: [center.lng, center.lat], zoom: map.getZoom() };
			const b = map.getBounds();
			this.bounds = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
		};
		update();
		map.on('moveend', update);
		return () => {
			map.off('moveend', update);
			this.#map = null;
		};
	}

	/** The query string of this view with the filter (without '?'; '' for the default view). */
	query(filter: AssetFilter): string {
		return writeUrlState({
			center: this.camera?.center ?? null,
			zoom: this.camera?.zoom ?? null,
			area: this.areaCode,
			filter,
			selected: this.selectedId
		}).toString();
	}

	notify(notice: MapNotice): void {
		this.toast = { ...notice, id: ++this.#toasts };
	}

	dismiss(): void {
		this.toast = null;
	}

	/** Goes to the area with this code (all her buurten for null); the box, for a map not there yet. */
	pickArea(code: string | null): [number, number, number, number] | null {
		this.areaCode = code;
		const bbox = this.#areas.boundsOf(code);
		if (bbox && this.#map) {
			const duration = this.#reduceMotion.current ? 0 : 600;
			this.#map.fitBounds(bbox, { padding: 32, maxZoom: 16, duration });
		}
		return bbox;
	}

	/** Opens an asset (not while adding one), and brings it into view above the sheet. */
	select(id: string): void {
		if (this.adding.step) return;
		this.selectedId = id;
		this.mode = 'view';
		this.sheetExpanded = true;
		void this.#reveal(this.#assets.byId.get(id));
	}

	close(): void {
		this.selectedId = null;
		this.mode = 'view';
	}

	async #reveal(asset: AssetRecord | undefined) {
		const map = this.#map;
		if (!map || !asset || !isSetGeoPoint(asset.location)) return;
		await tick(); // the sheet has unfolded
		revealPoint(map, toPosition(asset.location), this.#sheet(), this.#reduceMotion.current);
	}

	/** The open asset was archived: closed, with a toast that offers the undo. */
	archived(asset: AssetRecord, undo: () => Promise<void>): void {
		this.close();
		this.notify({
			message: m.toast_archived({ title: asset.title }),
			action: {
				label: m.toast_undo(),
				run: () => {
					this.dismiss();
					undo()
						.then(() => {
							this.notify({ message: m.toast_restored({ title: asset.title }) });
							this.select(asset.id);
						})
						.catch(() => this.notify({ message: m.toast_failed(), tone: 'error' }));
				}
			}
		});
	}

	/** Moves the open asset to where its pin was dropped; refuses a place outside her buurten. */
	moveSelected(location: GeoPoint): boolean {
		const asset = this.selected;
		if (!asset) return false;
		const buurt = this.#areas.buurtAt(location);
		if (!buurt) {
			this.notify({ message: m.toast_move_outside(), tone: 'error' });
			return false;
		}
		// Into the buurt it now lies in, unless it belongs to a wijk or gemeente as a whole.
		const inBuurt = this.#areas.buurten.some((b) => b.id === asset.area);
		const area = buurt.id !== asset.area && inBuurt ? buurt.id : undefined;
		this.#assets
			.move(asset.id, location, area)
			.then(() => this.notify({ message: m.toast_moved() }))
			.catch(() => this.notify({ message: m.toast_failed(), tone: 'error' }));
		return true;
	}

	/** Starts adding an asset: the open one closes, the sheet folds away from the map. */
	startAdding(): void {
		this.close();
		this.adding.start();
		this.sheetExpanded = false;
	}

	/** The new asset goes here, if that lies in one of her buurten: then the form opens. */
	place(location: GeoPoint): boolean {
		const placed = this.adding.placeAt(location);
		if (placed) this.sheetExpanded = true;
		return placed;
	}

	/** Places the new asset at an address found, and goes there. */
	placeAt(location: GeoPoint): void {
		if (!this.place(location) || !this.#map) return;
		this.#map.easeTo({ center: toPosition(location), zoom: Math.max(this.#map.getZoom(), 16) });
	}

	/** Saves the new asset from its form, says so, and opens it. */
	async create(draft: AssetDraft): Promise<void> {
		const record = await this.adding.save(draft);
		if (!record) return;
		this.notify({ message: m.toast_created({ title: record.title }) });
		this.select(record.id);
	}
}
