// The one conversion between PocketBase `geoPoint` values ({lon, lat}) and GeoJSON positions
// ([lon, lat]). Everything else goes through these two functions so the axis order is decided once.
import type { Position } from 'geojson';
import type { GeoPoint } from '$lib/pocketbase/types';

/**
 * PocketBase geoPoint → GeoJSON position.
 *
 * @example
 * toPosition({ lon: 5.12, lat: 52.11 }) // [5.12, 52.11]
 */
export function toPosition(point: GeoPoint): [number, number] {
	return [point.lon, point.lat];
}

/**
 * GeoJSON position → PocketBase geoPoint (extra ordinates such as altitude are dropped).
 *
 * @example
 * toGeoPoint([5.12, 52.11]) // { lon: 5.12, lat: 52.11 }
 */
export function toGeoPoint(position: Position): GeoPoint {
	const [lon, lat] = position;
	if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
		throw new RangeError(`not a position: ${JSON.stringify(position)}`);
	}
	return { lon, lat };
}

/** True for a usable WGS84 point; PocketBase stores an unset geoPoint as {lon: 0, lat: 0}. */
export function isSetGeoPoint(point: GeoPoint | null | undefined): point is GeoPoint {
	return (
		!!point &&
		Number.isFinite(point.lon) &&
		Number.isFinite(point.lat) &&
		!(point.lon === 0 && point.lat === 0) &&
		Math.abs(point.lon) <= 180 &&
		Math.abs(point.lat) <= 90
	);
}
