// Where the map opens when no shared link says so: around the places her work is — her located
// assets and the buurten that have addresses — not around every area she has. A town's empty
// rural buurten and a far-off stray asset would otherwise zoom the map out to a whole gemeente.
// Pure.
import { areasBbox, type LngLatBBox } from '$lib/areas/areas';
import { isSetGeoPoint } from '$lib/geo/geopoint';
import type { AreaRecord, GeoPoint } from '$lib/pocketbase/types';

/** A place that counts, with how much it counts (addresses) and the box it needs on screen. */
interface Site {
	weight: number;
	box: LngLatBBox;
}

/** Places this close (box to box) belong to one group: a town's buurten chain together. */
const LINK_KM = 2;
/** A group with less than this share of the weight is an outlier (a stray asset far away). */
const MIN_GROUP_SHARE = 0.1;
/**
 * Sites whose boxes start in one square of this side are within LINK_KM of each other (its
 * diagonal, less 1% for the flat-earth rounding): they form one group before the sweep.
 */
const CELL_KM = (LINK_KM / Math.SQRT2) * 0.99;

export interface FirstViewInput {
	/** Her buurten, with their geometry and (when known) how many addresses each has. */
	buurten: readonly Pick<AreaRecord, 'geometry' | 'addressCount'>[];
	/** Her assets' locations (unset ones are skipped). */
	assets: readonly { location: GeoPoint | null | undefined }[];
}

/**
 * The box the map first fits: the buurten with addresses and the located assets, without the
 * stray ones far from the rest (`withoutOutliers`); the box of all her buurten when none has either; null when she has no buurt with a
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
		if (box) sites.push({ weight: buurt.addressCount, box });
	}
	for (const asset of assets) {
		if (!isSetGeoPoint(asset.location)) continue;
		const { lon, lat } = asset.location;
		sites.push({ weight: 1, box: [lon, lat, lon, lat] });
	}
	if (sites.length === 0) return areasBbox(buurten);
	return union(withoutOutliers(sites).map((s) => s.box));
}

/**
 * Groups the sites that lie within LINK_KM of each other (single linkage), and keeps the groups
 * that hold at least MIN_GROUP_SHARE of the weight (always the heaviest): a town with its
 * villages stays, an asset far from everything else goes.
 */
function withoutOutliers(sites: Site[]): Site[] {
	// West to east: a site further east than LINK_KM past one's east edge cannot link to it
	// (60 km per degree of longitude is less than anywhere in the Netherlands).
	sites = [...sites].sort((a, b) => a.box[0] - b.box[0]);
	const reach = LINK_KM / 60;
	const group = sites.map((_, i) => i);
	const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i])));
	// A city's thousands of assets share few squares: grouped at once, the sweep below measures
	// only pairs not yet in one group (20,000 assets: seconds on a phone otherwise).
	const firstInCell = new Map<string, number>();
	sites.forEach((site, i) => {
		const [x, y] = kmXY(site.box[0], site.box[1]);
		const cell = `${Math.floor(x / CELL_KM)}:${Math.floor(y / CELL_KM)}`;
		const first = firstInCell.get(cell);
		if (first === undefined) firstInCell.set(cell, i);
		else group[root(i)] = root(first);
	});
	// Nor those further apart north to south than LINK_KM (110 km per degree of latitude).
	const reachLat = LINK_KM / 110;
	for (let i = 0; i < sites.length; i++) {
		const [, south, east, north] = sites[i].box;
		for (let j = i + 1; j < sites.length && sites[j].box[0] <= east + reach; j++) {
			const other = sites[j].box;
			if (other[1] > north + reachLat || other[3] < south - reachLat) continue;
			if (root(i) !== root(j) && gapKm(sites[i].box, other) <= LINK_KM) group[root(i)] = root(j);
		}
	}
	const weights = new Map<number, number>();
	sites.forEach((s, i) => weights.set(root(i), (weights.get(root(i)) ?? 0) + s.weight));
	const total = sites.reduce((sum, s) => sum + s.weight, 0);
	const heaviest = Math.max(...weights.values());
	return sites.filter((_, i) => {
		const weight = weights.get(root(i))!;
		return weight === heaviest || weight >= MIN_GROUP_SHARE * total;
	});
}

/** The distance between two boxes in km (0 when they touch or overlap), flat-earth. */
function gapKm(a: LngLatBBox, b: LngLatBBox): number {
	const dLon = Math.max(0, a[0] - b[2], b[0] - a[2]);
	const dLat = Math.max(0, a[1] - b[3], b[1] - a[3]);
	return km([0, (a[1] + b[1]) / 2], [dLon, (a[1] + b[1]) / 2 + dLat]);
}

/** A point in km east and north, flat-earth at latitude `atLat` (its own by default). */
function kmXY(lon: number, lat: number, atLat = lat): [number, number] {
	return [lon * 111.32 * Math.cos((atLat * Math.PI) / 180), lat * 110.57];
}

/** Distance in km, flat-earth: plenty within a gemeente. */
function km(a: [number, number], b: [number, number]): number {
	const [dx, dy] = kmXY(a[0] - b[0], a[1] - b[1], (a[1] + b[1]) / 2);
	return Math.hypot(dx, dy);
}

function union(boxes: LngLatBBox[]): LngLatBBox {
	return boxes.reduce((a, b) => [
		Math.min(a[0], b[0]),
		Math.min(a[1], b[1]),
		Math.max(a[2], b[2]),
		Math.max(a[3], b[3])
	]);
}
