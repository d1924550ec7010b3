// What the asset layer draws: the visible assets as point features with the flags the paint
// reads (kind, stale). Pure.
import type { FeatureCollection, Point } from 'geojson';
import { assetToFeature, type AssetFeatureProperties } from '$lib/assets/assets';
import { isStale } from '$lib/assets/freshness';
import type { AssetRecord } from '$lib/pocketbase/types';

export interface AssetMapProperties extends AssetFeatureProperties {
	/** Not confirmed for `staleAfterDays` or more: drawn faded with a grey ring. */
	stale: boolean;
}

export type AssetMapFeatureCollection = FeatureCollection<Point, AssetMapProperties>;

/**
 * The assets as map features (feature `id` = record id), each flagged stale or not; assets
 * without a location are left out.
 *
 * @example assetMapFeatures(state.visible, new Date(), 365).features[0].properties.stale // false
 */
export function assetMapFeatures(
	assets: readonly AssetRecord[],
	now: Date,
	staleAfterDays: number
): AssetMapFeatureCollection {
	const features: AssetMapFeatureCollection['features'] = [];
	for (const asset of assets) {
		const feature = assetToFeature(asset);
		if (!feature) continue;
		features.push({
			...feature,
			properties: { ...feature.properties, stale: isStale(asset, now, staleAfterDays) }
		});
	}
	return { type: 'FeatureCollection', features };
}

/**
 * Whether two lists hold the very same records in the same order: records are replaced, never
 * mutated, so an unchanged list means nothing to redraw (a new filter that shows the same
 * assets, for one).
 *
 * @example sameRecords([a, b], [a, b]) // true; sameRecords([a, b], [a, { ...b }]) // false
 */
export function sameRecords<T>(a: readonly T[], b: readonly T[]): boolean {
	return a.length === b.length && a.every((record, i) => record === b[i]);
}
