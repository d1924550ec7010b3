// Where the map opens when no shared link says so: around the places her work is — her located
// assets and the buurten that have addresses — not around every area she has. A town's empty
// rural buurten and a far-off stray asset would otherwise zoom the map out to a whole gemeente.
// Pure.
import { areasBbox, type LngLatBBox } from '$lib/areas/areas';
import { isSetGeoPoint } from '$lib/geo/geopoint';
import type { AreaRecord, GeoPoint } from '$lib/pocketbase/types';

/** A place that counts, with how much it counts (addresses) and the box it needs on screen. */
interface Site {
	at: [number, number];
	weight: number;
	box: LngLatBBox;
}

/** A site further from the middle than this many times the typical distance is an outlier. */
const OUTLIER_FACTOR = 3;
/** …but never one closer than this: a compact wijk keeps all of its buurten. */
const MIN_OUTLIER_KM = 2;

export interface FirstViewInput {
	/** Her buurten, with their geometry and (when known) how many addresses each has. */
	buurten: readonly Pick<AreaRecord, 'geometry' | 'addressCount'>[];
	/** Her assets' locations (unset ones are skipped). */
	assets: readonly { location: GeoPoint | null | undefined }[];
}

/**
 * The box the map first fits: the buurten with addresses and the located assets, without far
 * outliers; the box of all her buurten when none has either; null when she has no buurt with a
 * geometry (the caller then shows the Netherlands).
 *
 * @example
 * firstView({ buurten: [town, emptyFarmland], assets: [] }) // the town's box, not the farmland's
 */
export function firstView({ buurten, assets }: FirstViewInput): LngLatBBox | null {
	const sites: Site[] = [];
	for (const buurt of buurten) {
		if (!buurt.addressCount || buurt.addressCount <= 0) continue;
		const box = areasBbox([buurt]);
		if (box) sites.push({ at: centre(box), weight: buurt.addressCount, box });
	}
	for (const asset of assets) {
		if (!isSetGeoPoint(asset.location)) continue;
		const { lon, lat } = asset.location;
		sites.push({ at: [lon, lat], weight: 1, box: [lon, lat, lon, lat] });
	}
	if (sites.length === 0) return areasBbox(buurten);
	return union(withoutOutliers(sites).map((s) => s.box));
}

/** Drops the sites far from the weighted middle (much further than the typical site is). */
function withoutOutliers(sites: Site[]): Site[] {
	const middle: [number, number] = [
		weightedMedian(sites.map((s) => [s.at[0], s.weight])),
		weightedMedian(sites.map((s) => [s.at[1], s.weight]))
	];
	const distances = sites.map((s) => km(s.at, middle));
	const typical = weightedMedian(distances.map((d, i) => [d, sites[i].weight]));
	const limit = Math.max(OUTLIER_FACTOR * typical, MIN_OUTLIER_KM);
	return sites.filter((_, i) => distances[i] <= limit);
}

/** The value below which half the weight lies. */
function weightedMedian(values: [value: number, weight: number][]): number {
	const sorted = [...values].sort((a, b) => a[0] - b[0]);
	const half = sorted.reduce((sum, [, w]) => sum + w, 0) / 2;
	let seen = 0;
	for (const [value, weight] of sorted) {
		seen += weight;
		if (seen >= half) return value;
	}
	return sorted[sorted.length - 1][0];
}

/** Distance in km, flat-earth: plenty within a gemeente. */
function km(a: [number, number], b: [number, number]): number {
	const dx = (a[0] - b[0]) * 111.32 * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
	const dy = (a[1] - b[1]) * 110.57;
	return Math.hypot(dx, dy);
}

function centre(box: LngLatBBox): [number, number] {
	return [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
}

function union(boxes: LngLatBBox[]): LngLatBBox {
	return boxes.reduce((a, b) => [
		Math.min(a[0], b[0]),
		Math.min(a[1], b[1]),
		Math.max(a[2], b[2]),
		Math.max(a[3], b[3])
	]);
}
