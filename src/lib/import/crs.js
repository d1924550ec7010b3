// Coordinates: WGS84 (lon/lat) or RD New (EPSG:28992, metres), detected from the numbers when a
// file names no CRS, and reprojected to WGS84 with proj4.
import proj4 from 'proj4';

/** RD New, as EPSG publishes it (with the datum shift to WGS84). */
export const RD_NEW =
	'+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';

/** The Netherlands with its sea, generously: WGS84 lon/lat and RD x/y. */
export const NL_WGS84 = { minLon: 3.2, maxLon: 7.3, minLat: 50.7, maxLat: 53.7 };
export const NL_RD = { minX: 0, maxX: 300_000, minY: 289_000, maxY: 629_000 };

/** @typedef {'wgs84' | 'rd'} Crs */

/**
 * The CRS a file names (GeoJSON `crs.properties.name`, a GeoPackage srs id), or null when it
 * names none or one we do not know.
 * @param {unknown} name e.g. "urn:ogc:def:crs:EPSG::28992", "EPSG:4326", 28992
 * @returns {Crs | null | 'unknown'}
 */
export function crsFromName(name) {
	if (name === undefined || name === null || name === '') return null;
	const text = String(name);
	if (/28992/.test(text)) return 'rd';
	if (/(4326|CRS84|4258)\b/i.test(text)) return 'wgs84';
	return 'unknown';
}

/** @param {number} x @param {number} y @returns {Crs | null} what the pair looks like */
export function crsOfPair(x, y) {
	if (x >= NL_WGS84.minLon && x <= NL_WGS84.maxLon && y >= NL_WGS84.minLat && y <= NL_WGS84.maxLat)
		return 'wgs84';
	if (x >= NL_RD.minX && x <= NL_RD.maxX && y >= NL_RD.minY && y <= NL_RD.maxY) return 'rd';
	return null;
}

/**
 * The CRS most sample pairs fit, or null when they fit neither.
 * @param {Array<[number, number]>} pairs
 * @returns {Crs | null}
 */
export function detectCrs(pairs) {
	let wgs = 0;
	let rd = 0;
	for (const [x, y] of pairs) {
		const crs = crsOfPair(x, y);
		if (crs === 'wgs84') wgs++;
		else if (crs === 'rd') rd++;
	}
	if (wgs === 0 && rd === 0) return null;
	return rd > wgs ? 'rd' : 'wgs84';
}

/** How many of a file's points decide its CRS when it names none. */
const SAMPLE_SIZE = 200;

/**
 * The first SAMPLE_SIZE points of a table's rows, as given (before any reprojection).
 * @template T
 * @param {T[]} rows @param {(row: T) => [number, number] | null} pointOf
 * @returns {Array<[number, number]>}
 */
export function samplePoints(rows, pointOf) {
	/** @type {Array<[number, number]>} */
	const sample = [];
	for (const row of rows) {
		const point = pointOf(row);
		if (point) sample.push(point);
		if (sample.length >= SAMPLE_SIZE) break;
	}
	return sample;
}

/** The file-level refusals of a file whose coordinates cannot be placed in the Netherlands. */
export const CRS_UNKNOWN =
	'het bestand noemt een coördinatenstelsel dat niet WGS84 of RD New (EPSG:28992) is / the file names a CRS that is neither WGS84 nor RD New (EPSG:28992)';
export const CRS_OUTSIDE_NETHERLANDS =
	'de coördinaten liggen niet in Nederland, in WGS84 noch in RD New / the coordinates lie outside the Netherlands in WGS84 and in RD New';

/**
 * The CRS of a file's coordinates: the one it names, else the one most of its sample fits; the
 * file's refusal instead when it names one we do not know, or when the sample fits neither.
 * @param {Crs | null | 'unknown'} named the table's `crs`
 * @param {Array<[number, number]>} sample samplePoints of its rows
 * @returns {{ crs: Crs, fileError?: undefined } | { crs: null, fileError: string }}
 */
export function fileCrs(named, sample) {
	if (named === 'unknown') return { crs: null, fileError: CRS_UNKNOWN };
	const crs = named ?? detectCrs(sample);
	return crs ? { crs } : { crs: null, fileError: CRS_OUTSIDE_NETHERLANDS };
}

const toWgs = proj4(RD_NEW, 'WGS84');

/**
 * A pair in `crs` as WGS84 lon/lat, rounded to 7 decimals (about 1 cm).
 * @param {number} x @param {number} y @param {Crs} crs
 * @returns {[number, number]}
 */
export function toWgs84(x, y, crs) {
	const [lon, lat] = crs === 'rd' ? toWgs.forward([x, y]) : [x, y];
	return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
}

/** @param {number} lon @param {number} lat */
export function inNetherlands(lon, lat) {
	return (
		lon >= NL_WGS84.minLon &&
		lon <= NL_WGS84.maxLon &&
		lat >= NL_WGS84.minLat &&
		lat <= NL_WGS84.maxLat
	);
}

/** @param {number} lon @param {number} lat lat/lon given the wrong way round */
export function looksSwapped(lon, lat) {
	return !inNetherlands(lon, lat) && inNetherlands(lat, lon);
}

/**
 * A Dutch or English number: "5,123" (decimal comma), "5.123", "155.000,5", "" → NaN.
 * @param {unknown} value
 */
export function parseNumber(value) {
	if (typeof value === 'number') return value;
	let text = String(value ?? '').trim();
	if (text === '') return NaN;
	if (text.includes(',') && text.includes('.')) {
		// The last separator is the decimal one: "155.000,5" or "155,000.5".
		text =
			text.lastIndexOf(',') > text.lastIndexOf('.')
				? text.replace(/\./g, '').replace(',', '.')
				: text.replace(/,/g, '');
	} else if (text.includes(',')) text = text.replace(',', '.');
	return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : NaN;
}
