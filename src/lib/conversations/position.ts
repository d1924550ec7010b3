// The worker's position on "Op pad": what a GPS fix is, when it is good enough to stand for a
// conversation's location, and distances between points. Pure; following the GPS is in
// position.svelte.ts.
import type { AddressRecord } from '$lib/addresses/addresses';
import type { GeoPoint } from '$lib/pocketbase/types';

/** One reading of the phone's position. */
export interface Fix {
	point: GeoPoint;
	/** Radius of the 95% circle around `point`, in metres, as the browser reports it. */
	accuracy: number;
	/** When it was measured (ms since the epoch). */
	at: number;
}

/** Where a conversation's location came from (the `locationSource` field of conversations). */
export type LocationSource = 'address' | 'gps' | 'map';

/** A fix older than this no longer says where she stands now: she may have walked on. */
export const FIX_MAX_AGE_MS = 2 * 60_000;
/** A fix less precise than this cannot tell one door from the next block. */
export const FIX_MAX_ACCURACY_M = 100;

/** A browser `GeolocationPosition` as a fix. */
export function toFix(position: {
	coords: { longitude: number; latitude: number; accuracy: number };
	timestamp: number;
}): Fix {
	const { longitude: lon, latitude: lat, accuracy } = position.coords;
	return { point: { lon, lat }, accuracy, at: position.timestamp };
}

/**
 * True for a fix that may stand for where a talk was held: younger than two minutes and accurate
 * to 100 m or better.
 *
 * @example isUsableFix({ point, accuracy: 12, at: now - 30_000 }, now) // true
 */
export function isUsableFix(fix: Fix | null, now: number): fix is Fix {
	return !!fix && now - fix.at < FIX_MAX_AGE_MS && fix.accuracy <= FIX_MAX_ACCURACY_M;
}

/**
 * The location to store with a conversation at a door: her fresh, accurate GPS fix if there is
 * one (the server compares it with the address and flags a talk held far away), else the
 * address's own location.
 *
 * @example
 * conversationLocation(address, null, Date.now())
 * // { location: address.location, locationSource: 'address' }
 */
export function conversationLocation(
	address: Pick<AddressRecord, 'location'>,
	fix: Fix | null,
	now: number
): { location: GeoPoint; locationSource: LocationSource } {
	return isUsableFix(fix, now)
		? { location: { ...fix.point }, locationSource: 'gps' }
		: { location: address.location, locationSource: 'address' };
}

const EARTH_RADIUS_M = 6_371_008.8;
const RADIANS = Math.PI / 180;

/**
 * Straight-line distance in metres, by the equirectangular approximation: within a city it is
 * off by far less than a GPS fix, and cheap enough to run over every address on each fix.
 *
 * @example distanceMeters({ lon: 5, lat: 52 }, { lon: 5, lat: 52.001 }) // ≈ 111
 */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
	const x = (b.lon - a.lon) * RADIANS * Math.cos(((a.lat + b.lat) / 2) * RADIANS);
	const y = (b.lat - a.lat) * RADIANS;
	return Math.hypot(x, y) * EARTH_RADIUS_M;
}

/**
 * A distance as people say it on the street: metres rounded to ten below a kilometre, else
 * kilometres with one decimal.
 *
 * @example formatDistance(1234, 'nl') // '1,2 km'
 * @example formatDistance(87, 'en') // '90 m'
 */
export function formatDistance(meters: number, locale: string): string {
	// English is British in this app, like its dates (src/lib/i18n/i18n.ts).
	const tag = locale === 'en' ? 'en-GB' : locale;
	if (meters < 995) {
		const rounded = Math.max(10, Math.round(meters / 10) * 10);
		return new Intl.NumberFormat(tag, { style: 'unit', unit: 'meter' }).format(rounded);
	}
	return new Intl.NumberFormat(tag, {
		style: 'unit',
		unit: 'kilometer',
		maximumFractionDigits: 1
	}).format(meters / 1000);
}

/** What went wrong with the GPS, from a `GeolocationPositionError` code. */
export type PositionProblem = 'denied' | 'unavailable';

/** 1 is PERMISSION_DENIED; 2 (no position) and 3 (timeout) both mean "no fix now". */
export function positionProblem(code: number): PositionProblem {
	return code === 1 ? 'denied' : 'unavailable';
}
