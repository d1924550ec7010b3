// Adding an asset on the map: first a place (a click on the map, or an address found), which must
// lie in one of her buurten, then the form; saving creates the asset there. The steps as runes
// state, so the page, the placing bar and the pin only show them.
import type { AreaRecord, AssetRecord, GeoPoint } from '$lib/pocketbase/types';
import { draftToNewAsset, type AssetDraft } from './asset-form';
import type { NewAsset } from './assets';

/** Where a new asset may go, and how it is made: AreasState and AssetsState give both. */
export interface AddAssetDeps {
	buurtAt(location: GeoPoint): AreaRecord | null;
	create(asset: NewAsset): Promise<AssetRecord>;
}

export type AddAssetStep = 'placing' | 'form';

export class AddAssetState {
	/** null: not adding. */
	step = $state<AddAssetStep | null>(null);
	/** The place picked, and the buurt it lies in (the form's step only). */
	place = $state.raw<{ location: GeoPoint; area: AreaRecord } | null>(null);
	/** The last place tried lay outside her buurten. */
	refused = $state(false);

	#deps: AddAssetDeps;

	constructor(deps: AddAssetDeps) {
		this.#deps = deps;
	}

	/** Starts over: a place first. */
	start(): void {
		this.step = 'placing';
		this.place = null;
		this.refused = false;
	}

	stop(): void {
		this.step = null;
		this.place = null;
		this.refused = false;
	}

	/**
	 * The new asset goes here, if that lies in one of her buurten (then the form follows); also
	 * where its pin is dropped while the form is open.
	 */
	placeAt(location: GeoPoint): boolean {
		const buurt = this.#deps.buurtAt(location);
		this.refused = !buurt;
		if (!buurt) return false;
		this.place = { location, area: buurt };
		this.step = 'form';
		return true;
	}

	/** Creates the asset from the form at the place picked, and stops adding. */
	async save(draft: AssetDraft): Promise<AssetRecord | null> {
		const place = this.place;
		if (!place) return null;
		const record = await this.#deps.create(draftToNewAsset(draft, place.location, place.area.id));
		this.stop();
		return record;
	}
}
