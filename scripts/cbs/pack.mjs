#!/usr/bin/env node
// Packs the national CBS boundaries that the first-run setup loads without internet
// (pb_hooks/lib/setup.js): one compact file per gemeente of 2024 under pb_hooks/data/cbs/, and an
// index of them. Run from the repository: `node scripts/cbs/pack.mjs [<shared data dir>]`
// (default ../shared/data, see its README.md for sources and licences). Its output is committed,
// so a clone needs no ../shared.
//
// Sources:
// - gemeenten: CBS Wijken en Buurten 2024 (via PDOK, CC BY 4.0), all 342 gemeenten;
// - buurten: CBS Wijk- en buurtkaart 2016 (via Who's On First, CC BY 3.0 / CC0), 12,138 buurten,
//   simplified to about 1 m; Amsterdam (GM0363) is not among them. Each 2016 buurt goes to the 2024
//   gemeente that holds its middle (so Haren's and Ten Boer's buurten are Groningen's, as since the
//   2019 merger); its codes stay the 2016 ones.
// - wijken: the union of their buurten (wijk names from the 2016 city file where known, otherwise
//   "Wijk <nn>", with the 2016 gemeente's name when that is not the 2024 one).
//
// A geometry is stored as polygons of rings, each ring a flat list of integers: the first
// position in 1e-5 degrees, then the differences to the one before (decodeGeometry in
// pb_hooks/lib/setup.js undoes it).
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import bbox from '@turf/bbox';
import union from '@turf/union';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = resolve(process.argv[2] || join(root, '../shared/data'));
const out = join(root, 'pb_hooks/data/cbs');

export const YEARS = { gemeenten: 2024, buurten: 2016 };
const SCALE = 1e5;

/** @param {string} name */
const read = (name) => JSON.parse(readFileSync(join(shared, name), 'utf8'));

/**
 * Polygons of rings of [lon, lat] as polygons of flat delta-encoded integer rings.
 * @param {import('geojson').Polygon | import('geojson').MultiPolygon} geometry
 */
export function encodeGeometry(geometry) {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	return polygons.map((polygon) =>
		polygon.map((ring) => {
			const flat = [];
			let px = 0;
			let py = 0;
			for (const [lon, lat] of ring) {
				const x = Math.round(lon * SCALE);
				const y = Math.round(lat * SCALE);
				if (flat.length > 0 && x === px && y === py) continue;
				flat.push(x - px, y - py);
				px = x;
				py = y;
			}
			return flat;
		})
	);
}

/**
 * Area in km² (shoelace on an equirectangular projection at the ring's latitude: enough to tell
 * how much of a gemeente its buurten cover).
 * @param {import('geojson').Polygon | import('geojson').MultiPolygon} geometry
 */
export function areaKm2(geometry) {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	let total = 0;
	for (const polygon of polygons) {
		polygon.forEach((ring, i) => {
			const k = Math.cos((ring[0][1] * Math.PI) / 180);
			let sum = 0;
			for (let j = 0; j + 1 < ring.length; j++) {
				sum += ring[j][0] * k * ring[j + 1][1] - ring[j + 1][0] * k * ring[j][1];
			}
			total += (i === 0 ? 1 : -1) * Math.abs(sum / 2) * 111.32 * 111.32;
		});
	}
	return total;
}

/** A point inside the polygon (its first ring's vertex average, else a vertex-majority test). */
function middleOf(/** @type {import('geojson').Feature} */ feature) {
	const [w, s, e, n] = bbox(feature);
	return [(w + e) / 2, (s + n) / 2];
}

function main() {
	const gemeenten = read('gemeenten_nl_2024_cbs_kerncijfers.geojson').features;
	const buurten = read('buurten_nl_2016_simplified.geojson').features;
	const cityWijken = read('wijken_groningen_utrecht_tilburg.geojson').features;
	const wijkNames = new Map(
		cityWijken
			.filter((f) => f.properties.wijknaam)
			.map((f) => [f.properties.wijkcode, f.properties.wijknaam])
	);
	const gemeenteBoxes = gemeenten.map((g) => ({ feature: g, box: bbox(g) }));
	const byCode = new Map(gemeenten.map((g) => [g.properties.gemeentecode, g]));
	const oldNames = new Map(
		buurten.map((b) => [b.properties.gemeentecode, b.properties.gemeentenaam])
	);

	/** @type {Map<string, import('geojson').Feature[]>} */
	const buurtenOf = new Map();
	let placedByCode = 0;
	for (const buurt of buurten) {
		const point = middleOf(buurt);
		const candidates = gemeenteBoxes.filter(
			({ box }) =>
				point[0] >= box[0] && point[0] <= box[2] && point[1] >= box[1] && point[1] <= box[3]
		);
		let home = candidates.find(({ feature }) => booleanPointInPolygon(point, feature))?.feature;
		if (!home) {
			// The box's middle lies outside (a bent buurt): count its vertices per gemeente.
			const counts = new Map();
			const rings =
				buurt.geometry.type === 'Polygon'
					? [buurt.geometry.coordinates[0]]
					: buurt.geometry.coordinates.map((p) => p[0]);
			for (const ring of rings) {
				for (const position of ring) {
					const hit = candidates.find(({ feature }) => booleanPointInPolygon(position, feature));
					if (hit) counts.set(hit.feature, (counts.get(hit.feature) || 0) + 1);
				}
			}
			home = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
		}
		if (!home) {
			home = byCode.get(buurt.properties.gemeentecode);
			placedByCode++;
		}
		if (!home) continue; // outside every gemeente of 2024 (none, as it turns out)
		const code = home.properties.gemeentecode;
		if (!buurtenOf.has(code)) buurtenOf.set(code, []);
		buurtenOf.get(code)?.push(buurt);
	}

	// The packed files only: README.md (sources and licences) stays.
	mkdirSync(out, { recursive: true });
	for (const file of readdirSync(out)) if (file.endsWith('.json')) rmSync(join(out, file));
	const index = [];
	for (const gemeente of gemeenten.sort((a, b) =>
		a.properties.gemeentecode.localeCompare(b.properties.gemeentecode)
	)) {
		const { gemeentecode: code, gemeentenaam: name } = gemeente.properties;
		const own = (buurtenOf.get(code) || []).sort((a, b) =>
			a.properties.buurtcode.localeCompare(b.properties.buurtcode)
		);
		/** @type {Map<string, import('geojson').Feature[]>} */
		const wijken = new Map();
		for (const buurt of own) {
			const wk = buurt.properties.wijkcode;
			if (!wijken.has(wk)) wijken.set(wk, []);
			wijken.get(wk)?.push(buurt);
		}
		const areas = [
			{ code, name, level: 'gemeente', parent: '', geometry: encodeGeometry(gemeente.geometry) }
		];
		for (const [wk, parts] of wijken) {
			const merged =
				parts.length === 1
					? parts[0]
					: union({ type: 'FeatureCollection', features: /** @type {any} */ (parts) });
			if (!merged) throw new Error(`${wk}: the union of its buurten is empty`);
			const oldCode = 'GM' + wk.slice(2, 6);
			const suffix = oldCode === code ? '' : ` (${oldNames.get(oldCode) || oldCode})`;
			areas.push({
				code: wk,
				name: wijkNames.get(wk) || `Wijk ${wk.slice(6, 8)}${suffix}`,
				level: 'wijk',
				parent: code,
				geometry: encodeGeometry(/** @type {any} */ (merged.geometry))
			});
			for (const buurt of parts) {
				areas.push({
					code: buurt.properties.buurtcode,
					name: buurt.properties.buurtnaam || buurt.properties.buurtcode,
					level: 'buurt',
					parent: wk,
					geometry: encodeGeometry(buurt.geometry)
				});
			}
		}
		writeFileSync(
			join(out, `${code}.json`),
			JSON.stringify({ code, name, years: YEARS, areas }) + '\n'
		);
		const covered = own.reduce((sum, b) => sum + areaKm2(b.geometry), 0);
		const coverage = Math.min(100, Math.round((100 * covered) / areaKm2(gemeente.geometry)));
		index.push([code, name, wijken.size, own.length, coverage]);
	}
	writeFileSync(
		join(out, 'index.json'),
		JSON.stringify({
			years: YEARS,
			credit: {
				gemeenten: 'CBS Wijken en Buurten 2024, via PDOK (CC BY 4.0)',
				buurten:
					"CBS Wijk- en buurtkaart 2016, via Who's On First (whosonfirst.org, CC BY 3.0 / CC0)"
			},
			// [code, name, wijken, buurten, % of the gemeente's area its buurten cover]
			gemeenten: index
		}) + '\n'
	);
	const size = readdirSync(out)
		.filter((f) => f.endsWith('.json'))
		.reduce((sum, f) => sum + readFileSync(join(out, f)).length, 0);
	const without = index.filter((g) => g[4] < 90).map((g) => `${g[0]} ${g[1]} ${g[4]}%`);
	console.log(
		`${index.length} gemeenten, ${index.reduce((s, g) => s + g[3], 0)} buurten, ` +
			`${(size / 1e6).toFixed(1)} MB in ${out}; ${placedByCode} buurten placed by code; ` +
			`buurten under 90% of the area: ${without.join(', ') || 'none'}`
	);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
