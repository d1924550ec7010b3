// Assets (krachten): the kinds with their map colours and label keys, records → GeoJSON, and the
// filter for the assets of a user's areas. Pure.
import type { Feature, FeatureCollection, Point } from 'geojson';
import { isSetGeoPoint, toPosition } from '$lib/geo/geopoint';
import { anyOf, combine, type Filter } from '$lib/pocketbase/filter';
import {
	ASSET_KIND_VALUES,
	type AssetKind,
	type AssetPrecision,
	type AssetRecord,
	type AssetStatus
} from '$lib/pocketbase/types';

export { ASSET_KIND_VALUES, type AssetKind };

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
 * The assets that are still current (not ended) in or under the given areas (an asset may sit
 * on a buurt, its wijk or its gemeente). Null when there are no areas.
 *
 * @example
 * assetsFilter(['w1'])
 * // { expr: '(status != "ended" && (area = {:r0} || area.parent = {:r0} || area.parent.parent = {:r0}))', ... }
 */
export function assetsFilter(areaIds: readonly string[]): Filter | null {
	const inAreas = anyOf(['area', 'area.parent', 'area.parent.parent'], areaIds, 'r');
	if (!inAreas) return null;
	return combine('&&', { expr: 'status != "ended"', params: {} }, inAreas);
}
