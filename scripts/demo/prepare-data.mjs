#!/usr/bin/env node
// Maintainer tool: trims the real geodata in the shared data folder down to the files the app
// and its demo use, and writes them into the repo (the outputs are committed; the app never reads
// the shared folder at run time). Plain Node 20, no dependencies.
//
//   node scripts/demo/prepare-data.mjs            # reads ../shared/data next to the repo
//   SHARED_DATA=/path/to/data node scripts/demo/prepare-data.mjs
//
// Outputs (GeoJSON FeatureCollections, WGS84 lon/lat, one feature per line):
//   scripts/demo/data/gemeenten.geojson          GM0014, GM0344, GM0855 (CBS 2016 via WOF)
//   scripts/demo/data/wijken.geojson             34 wijken of those 3 gemeenten
//   scripts/demo/data/buurten.geojson            283 buurten of those 3 gemeenten
//   scripts/demo/data/overvecht_streets.geojson  Utrecht street-light masts in wijk 03 Overvecht
//   scripts/demo/data/places.geojson             GeoNames points, settlements (class P) dropped
//   static/basemap/gemeenten-nl.geojson          all 2024 gemeenten (CBS/PDOK), 4 decimals
//   static/basemap/utrecht-streetlights.geojson  all Utrecht street-light masts, 5 decimals
// The licence notes (LICENCE.md next to the outputs) are written by hand, not by this script.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = resolve(process.env.SHARED_DATA ?? join(root, '..', 'shared', 'data'));
const demoDir = join(root, 'scripts', 'demo', 'data');
const basemapDir = join(root, 'static', 'basemap');

const CITY_GEMEENTEN = ['GM0014', 'GM0344', 'GM0855'];
/** Wijk names the source lacks (`wijknaam = null`); WK085500's only buurt is "Centrum". */
const WIJK_NAME_OVERRIDES = { WK085500: 'Centrum' };
const OVERVECHT_BUURT_PREFIX = '03.';

/** @param {string} message */
const log = (message) => process.stdout.write(`[prepare-data] ${message}\n`);

/** @param {string} message @returns {never} */
function fail(message) {
	process.stderr.write(`[prepare-data] error: ${message}\n`);
	process.exit(1);
}

/** @param {string} name @returns {{ type: string, features: any[] }} */
function readCollection(name) {
	const file = join(shared, name);
	if (!existsSync(file)) fail(`${file} not found (set SHARED_DATA to the shared data folder)`);
	const json = JSON.parse(readFileSync(file, 'utf8'));
	if (json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
		fail(`${name} is not a GeoJSON FeatureCollection`);
	}
	return json;
}

/** @param {string} what @param {number} actual @param {number} expected */
function expectCount(what, actual, expected) {
	if (actual !== expected) fail(`${what}: expected ${expected} features, got ${actual}`);
}

/** @param {number} decimals @returns {(value: number) => number} */
const rounder = (decimals) => {
	const factor = 10 ** decimals;
	return (value) => Math.round(value * factor) / factor;
};

/** @param {number[]} a @param {number[]} b */
const samePoint = (a, b) => a[0] === b[0] && a[1] === b[1];

/** Twice the signed area of an open ring (shoelace), in squared degrees. @param {number[][]} ring */
function ringArea2(ring) {
	let sum = 0;
	for (let i = 0; i < ring.length; i++) {
		const [x1, y1] = ring[i];
		const [x2, y2] = ring[(i + 1) % ring.length];
		sum += x1 * y2 - x2 * y1;
	}
	return sum;
}

/** Counters for what the geometry cleaning changed, per output file. */
function newStats() {
	return { pointsRemoved: 0, ringsDropped: 0, polygonsDropped: 0 };
}

/**
 * Rounds a ring, removes consecutive duplicate points and back-and-forth spikes (A,B,A) that the
 * rounding creates, and closes it again. Returns null when the ring collapses (fewer than 3
 * distinct points or zero area).
 * @param {number[][]} ring @param {(value: number) => number} round
 * @param {ReturnType<typeof newStats>} stats @returns {number[][] | null}
 */
function cleanRing(ring, round, stats) {
	/** @type {number[][]} */
	const open = [];
	for (const [x, y] of ring) {
		const point = [round(x), round(y)];
		if (open.length > 0 && samePoint(point, open[open.length - 1])) continue;
		if (open.length > 1 && samePoint(point, open[open.length - 2])) {
			open.pop();
			continue;
		}
		open.push(point);
	}
	// The input ring is closed, so `open` ends on its first point; then clean the wrap-around.
	let changed = true;
	while (changed && open.length > 0) {
		changed = false;
		if (open.length > 1 && samePoint(open[0], open[open.length - 1])) {
			open.pop();
			changed = true;
		} else if (open.length > 2 && samePoint(open[open.length - 1], open[1])) {
			open.shift();
			changed = true;
		} else if (open.length > 2 && samePoint(open[open.length - 2], open[0])) {
			open.pop();
			changed = true;
		}
	}
	if (open.length < 3 || ringArea2(open) === 0) {
		stats.ringsDropped++;
		return null;
	}
	stats.pointsRemoved += ring.length - (open.length + 1);
	return [...open, open[0]];
}

/**
 * Rounds and cleans a Polygon or MultiPolygon. A polygon whose outer ring collapses is dropped
 * with its holes; a collapsed hole is dropped alone.
 * @param {{ type: string, coordinates: any }} geometry @param {number} decimals
 * @param {ReturnType<typeof newStats>} stats
 */
function cleanPolygonal(geometry, decimals, stats) {
	const round = rounder(decimals);
	/** @type {number[][][][]} */
	const polygons =
		geometry.type === 'Polygon'
			? [geometry.coordinates]
			: geometry.type === 'MultiPolygon'
				? geometry.coordinates
				: fail(`unexpected geometry type ${geometry.type}`);
	/** @type {number[][][][]} */
	const kept = [];
	for (const polygon of polygons) {
		const [outer, ...holes] = polygon.map((ring) => cleanRing(ring, round, stats));
		if (!outer) {
			stats.polygonsDropped++;
			continue;
		}
		kept.push([outer, .../** @type {number[][][]} */ (holes.filter(Boolean))]);
	}
	if (kept.length === 0) return null;
	return kept.length === 1
		? { type: 'Polygon', coordinates: kept[0] }
		: { type: 'MultiPolygon', coordinates: kept };
}

/** @param {{ type: string, coordinates: number[] }} geometry @param {number} decimals */
function roundPoint(geometry, decimals) {
	if (geometry?.type !== 'Point') fail(`expected a Point, got ${geometry?.type}`);
	const round = rounder(decimals);
	return {
		type: 'Point',
		coordinates: [round(geometry.coordinates[0]), round(geometry.coordinates[1])]
	};
}

/** @param {Record<string, unknown>} properties @param {any} geometry */
const feature = (properties, geometry) => ({ type: 'Feature', properties, geometry });

/**
 * Checks every ring of every (Multi)Polygon is closed with at least 4 points, then writes the
 * collection as minified JSON with one feature per line (readable diffs).
 * @param {string} file @param {any[]} features @returns {number} bytes written
 */
function writeCollection(file, features) {
	for (const f of features) {
		const { type, coordinates } = f.geometry;
		const polygons =
			type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' ? coordinates : [];
		for (const ring of polygons.flat()) {
			if (ring.length < 4 || !samePoint(ring[0], ring[ring.length - 1])) {
				fail(`${relative(root, file)}: invalid ring in ${JSON.stringify(f.properties)}`);
			}
		}
	}
	mkdirSync(dirname(file), { recursive: true });
	const body = features.map((f) => JSON.stringify(f)).join(',\n');
	writeFileSync(file, `{"type":"FeatureCollection","features":[\n${body}\n]}\n`);
	return statSync(file).size;
}

/** @param {string} file @param {any[]} features @param {ReturnType<typeof newStats>} [stats] */
function write(file, features, stats) {
	const bytes = writeCollection(file, features);
	const cleaned = stats
		? `; cleaning removed ${stats.pointsRemoved} points, ${stats.ringsDropped} rings, ${stats.polygonsDropped} polygons`
		: '';
	log(
		`${relative(root, file)}: ${features.length} features, ${(bytes / 1024).toFixed(1)} KiB${cleaned}`
	);
}

log(`reading ${shared}`);

// 1. The three gemeenten (CBS 2016, dissolved from the WOF buurten).
{
	const stats = newStats();
	const source = readCollection('gemeenten_nl_2016_from_buurten.geojson');
	const features = source.features
		.filter((f) => CITY_GEMEENTEN.includes(f.properties.gemeentecode))
		.map((f) =>
			feature(
				{ code: f.properties.gemeentecode, name: f.properties.gemeentenaam },
				cleanPolygonal(f.geometry, 6, stats)
			)
		);
	expectCount('gemeenten', features.length, CITY_GEMEENTEN.length);
	write(join(demoDir, 'gemeenten.geojson'), features, stats);
}

// 2. Wijken.
/** @type {Set<string>} */
const wijkCodes = new Set();
{
	const stats = newStats();
	const source = readCollection('wijken_groningen_utrecht_tilburg.geojson');
	const features = source.features.map((f) => {
		const { wijkcode, wijknaam, gemeentecode } = f.properties;
		if (!CITY_GEMEENTEN.includes(gemeentecode)) fail(`wijk ${wijkcode} has parent ${gemeentecode}`);
		const name =
			wijknaam ??
			WIJK_NAME_OVERRIDES[/** @type {keyof typeof WIJK_NAME_OVERRIDES} */ (wijkcode)] ??
			`Wijk ${wijkcode.slice(-2)}`;
		if (wijknaam == null) log(`wijk ${wijkcode} has no name in the source; using "${name}"`);
		wijkCodes.add(wijkcode);
		return feature(
			{ code: wijkcode, name, parentCode: gemeentecode },
			cleanPolygonal(f.geometry, 6, stats)
		);
	});
	expectCount('wijken', features.length, 34);
	write(join(demoDir, 'wijken.geojson'), features, stats);
}

// 3. Buurten.
/** @type {Set<string>} */
const buurtCodes = new Set();
{
	const stats = newStats();
	const source = readCollection('buurten_groningen_utrecht_tilburg.geojson');
	const features = source.features.map((f) => {
		const { buurtcode, buurtnaam, wijkcode } = f.properties;
		if (!wijkCodes.has(wijkcode)) fail(`buurt ${buurtcode} has unknown wijk ${wijkcode}`);
		buurtCodes.add(buurtcode);
		return feature(
			{ code: buurtcode, name: buurtnaam, parentCode: wijkcode },
			cleanPolygonal(f.geometry, 6, stats)
		);
	});
	expectCount('buurten', features.length, 283);
	write(join(demoDir, 'buurten.geojson'), features, stats);
}

const masts = readCollection('utrecht_lichtmasten_2013.geojson');

// 4. Overvecht street-light masts as street points with their CBS buurtcode.
{
	let emptyStreet = 0;
	/** @type {Map<string, number>} */
	const perBuurt = new Map();
	/** @type {Set<string>} */
	const streets = new Set();
	const features = [];
	for (const f of masts.features) {
		const buurt = String(f.properties.BUURT ?? '');
		if (!buurt.startsWith(OVERVECHT_BUURT_PREFIX)) continue;
		const street = String(f.properties.STRAAT ?? '').trim();
		if (!street) {
			emptyStreet++;
			continue;
		}
		const buurtCode = `BU0344${buurt.replace('.', '')}`;
		perBuurt.set(buurtCode, (perBuurt.get(buurtCode) ?? 0) + 1);
		streets.add(street);
		features.push(feature({ street, buurtCode }, roundPoint(f.geometry, 5)));
	}
	const unmatched = [...perBuurt.keys()].filter((code) => !buurtCodes.has(code));
	const unmatchedMasts = unmatched.reduce((sum, code) => sum + (perBuurt.get(code) ?? 0), 0);
	write(join(demoDir, 'overvecht_streets.geojson'), features);
	log(`  dropped for an empty street: ${emptyStreet}; distinct streets: ${streets.size}`);
	log(`  buurtCodes not in buurten.geojson: ${unmatched.length} codes, ${unmatchedMasts} masts`);
	const sorted = [...perBuurt].sort(([a], [b]) => a.localeCompare(b));
	log(`  masts per buurt: ${sorted.map(([code, n]) => `${code} ${n}`).join(', ')}`);
}

// 5. GeoNames points, without settlements and neighbourhood points (feature class P).
{
	const source = readCollection('geonames_pois_groningen_utrecht_tilburg.geojson');
	const features = source.features
		.filter((f) => f.properties.feature_class !== 'P')
		.map((f) =>
			feature(
				{
					geonameId: f.properties.geonameid,
					name: f.properties.name,
					featureClass: f.properties.feature_class,
					featureCode: f.properties.feature_code,
					gemeenteCode: f.properties.gemeentecode_2016
				},
				roundPoint(f.geometry, 5)
			)
		);
	write(join(demoDir, 'places.geojson'), features);
}

// 6. Offline basemap: outline of all 2024 gemeenten, 4 decimals (about 10 m).
{
	const stats = newStats();
	const source = readCollection('gemeenten_nl_2024_cbs_kerncijfers.geojson');
	const features = source.features.map((f) => {
		const geometry = cleanPolygonal(f.geometry, 4, stats);
		if (!geometry) fail(`gemeente ${f.properties.gemeentecode} collapsed at 4 decimals`);
		return feature({ code: f.properties.gemeentecode, name: f.properties.gemeentenaam }, geometry);
	});
	write(join(basemapDir, 'gemeenten-nl.geojson'), features, stats);
}

// 7. Offline basemap: all Utrecht street-light masts, street name only.
{
	const features = masts.features.map((f) =>
		feature({ s: String(f.properties.STRAAT ?? '').trim() }, roundPoint(f.geometry, 5))
	);
	write(join(basemapDir, 'utrecht-streetlights.geojson'), features);
}
