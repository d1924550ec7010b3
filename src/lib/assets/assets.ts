// Assets (krachten): the kinds with their map colours and label keys, records → GeoJSON, and the
// filter for the assets of a user's areas. Pure.
import type { Feature, FeatureCollection, Point } from 'geojson';
import { isSetGeoPoint, toPosition } from '$lib/geo/geopoint';
import { type AssetPrecision, type AssetRecord, type AssetStatus } from '$lib/pocketbase/types';
import { ASSET_KIND_VALUES, type AssetKind } from '$lib/vocabulary/vocabulary';

export interface AssetKindInfo {
	kind: AssetKind;
	/** Fill colour on the map and in the legend (Okabe–Ito based: tells apart with colour blindness). */
	color: string;
	/** Message key of the kind's name. */
	labelKey: `asset_kind_${AssetKind}`;
}

/** The asset kinds in legend order: people first, then groups, institutions and places. */
export const ASSET_KINDS: readonly AssetKindInfo[] = [
	{ kind: 'key_figure', color: '#d55e00', labelKey: 'asset_kind_key_figure' },
	{ kind: 'capacity', color: '#e69f00', labelKey: 'asset_kind_capacity' },
	{ kind: 'initiative', color: '#56b4e9', labelKey: 'asset_kind_initiative' },
	{ kind: 'association', color: '#cc79a7', labelKey: 'asset_kind_association' },
	{ kind: 'institution', color: '#0072b2', labelKey: 'asset_kind_institution' },
	{ kind: 'place', color: '#009e73', labelKey: 'asset_kind_place' },
	{ kind: 'business', color: '#7a6a53', labelKey: 'asset_kind_business' }
];

/** What the client sends to create an asset (`createdBy` is set by the server). */
export type NewAsset = Pick<
	AssetRecord,
	'kind' | 'title' | 'location' | 'precision' | 'area' | 'status'
> &
	Partial<
		Pick<
			AssetRecord,
			'description' | 'themes' | 'domain' | 'gifts' | 'asksHelp' | 'person' | 'sourceConversation'
		>
	>;

/** The fields an edit may change. */
export type AssetPatch = Partial<NewAsset>;

/** Colour for kinds the app does not know yet (a newer server). */
export const UNKNOWN_KIND_COLOR = '#6b7280';

export function kindInfo(kind: string): AssetKindInfo | undefined {
	return ASSET_KINDS.find((k) => k.kind === kind);
}

export interface AssetFeatureProperties {
	/** The record id again: MapLibre's `promoteId: 'id'` reads it from the properties. */
	id: string;
	kind: AssetKind;
	title: string;
	status: AssetStatus;
	precision: AssetPrecision;
	area: string;
}

export type AssetFeature = Feature<Point, AssetFeatureProperties>;
export type AssetFeatureCollection = FeatureCollection<Point, AssetFeatureProperties>;

type MappableAsset = Pick<
	AssetRecord,
	'id' | 'kind' | 'title' | 'status' | 'precision' | 'area' | 'location'
>;

/**
 * An asset record as a GeoJSON point feature whose `id` is the record id; null without a location.
 *
 * @example
 * assetToFeature({ id: 'x1', kind: 'key_figure', title: 'Fatima', status: 'active',
 *   precision: 'street', area: 'b1', location: { lon: 5.12, lat: 52.11 } })
 * // { type: 'Feature', id: 'x1', geometry: { type: 'Point', coordinates: [5.12, 52.11] }, ... }
 */
export function assetToFeature(record: MappableAsset): AssetFeature | null {
	if (!isSetGeoPoint(record.location)) return null;
	return {
		type: 'Feature',
		id: record.id,
		properties: {
			id: record.id,
			kind: record.kind,
			title: record.title,
			status: record.status,
			precision: record.precision,
			area: record.area
		},
		geometry: { type: 'Point', coordinates: toPosition(record.location) }
	};
}

/** Asset records → a FeatureCollection, skipping records without a location. */
export function assetsToFeatureCollection(
	records: readonly MappableAsset[]
): AssetFeatureCollection {
	const features: AssetFeature[] = [];
	for (const record of records) {
		const feature = assetToFeature(record);
		if (feature) features.push(feature);
	}
	return { type: 'FeatureCollection', features };
}

/** How many assets of each kind (every kind present, zero when none). */
export function countByKind(
	records: readonly Pick<AssetRecord, 'kind'>[]
): Record<AssetKind, number> {
	const counts = Object.fromEntries(ASSET_KIND_VALUES.map((k) => [k, 0])) as Record<
		AssetKind,
		number
	>;
	for (const record of records) {
		if (record.kind in counts) counts[record.kind] += 1;
	}
	return counts;
}

/**
 * The assets by id, e.g. for `linksToLineFeatures`.
 *
 * @example assetsById([{ id: 'x1', ... }]).get('x1') // { id: 'x1', ... }
 */
export function assetsById(assets: readonly AssetRecord[]): ReadonlyMap<string, AssetRecord> {
	return new Map(assets.map((asset) => [asset.id, asset]));
}

/** What `expand: 'area.parent'` adds to an asset (realtime events are subscribed that way). */
export interface AssetAreaExpand {
	area?: { id?: string; parent?: string; expand?: { parent?: { id?: string; parent?: string } } };
}

/**
 * The asset's area and, as far as the record was expanded, that area's parent and grandparent:
 * the ids to tell whether a realtime event concerns the areas on screen (an asset is in an area
 * when that area is its own, its parent or its grandparent).
 *
 * @example
 * areaAncestry({ area: 'b1', expand: { area: { id: 'b1', parent: 'w1',
 *   expand: { parent: { id: 'w1', parent: 'g1' } } } }, ... })
 * // ['b1', 'w1', 'g1']
 */
export function areaAncestry(
	asset: Pick<AssetRecord, 'area'> & { expand?: AssetAreaExpand }
): string[] {
	const area = asset.expand?.area;
	const ids = [asset.area, area?.parent, area?.expand?.parent?.parent];
	return ids.filter((id): id is string => typeof id === 'string' && id !== '');
}

const KIND_ORDER = new Map<string, number>(ASSET_KINDS.map((k, i) => [k.kind, i]));
const TITLE_ORDER = new Intl.Collator('nl');

/**
 * A sorted copy in list order: by kind as the legend has them (key figures first), then by title
 * in Dutch alphabetical order, where case and accents do not split the alphabet ("émile" between
 * "Egbert" and "Frans"). Unknown kinds come last.
 */
export function sortForList(assets: readonly AssetRecord[]): AssetRecord[] {
	return [...assets].sort(
		(a, b) =>
			(KIND_ORDER.get(a.kind) ?? KIND_ORDER.size) - (KIND_ORDER.get(b.kind) ?? KIND_ORDER.size) ||
			TITLE_ORDER.compare(a.title, b.title)
	);
}

/** [west, south, east, north] in WGS84. */
export type Bounds = [west: number, south: number, east: number, north: number];

/**
 * The assets whose location lies within the bounds, edges included (e.g. what is on screen, for
 * a list beside the map). Assets without a location are left out. A box across the antimeridian
 * (west > east) works too.
 *
 * @example assetsInBounds(assets, [5.08, 52.09, 5.14, 52.13]) // the assets in Overvecht
 */
export function assetsInBounds(assets: readonly AssetRecord[], bounds: Bounds): AssetRecord[] {
	const [west, south, east, north] = bounds;
	return assets.filter(({ location }) => {
		if (!isSetGeoPoint(location)) return false;
		if (location.lat < south || location.lat > north) return false;
		return west <= east
			? location.lon >= west && location.lon <= east
			: location.lon >= west || location.lon <= east;
	});
}
