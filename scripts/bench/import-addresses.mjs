// The bulk import of addresses at the scale of one city (docs/product.md: 120,000 addresses, 300
// buurten): a BAG GeoJSON file of 120,000 synthetic addresses in Utrecht's real CBS buurten
// (scripts/demo/data), read and checked as `npm run import` does (src/lib/import/), sent in chunks
// and committed in one transaction (pb_hooks/import.pb.js), against a PocketBase of its own. Then
// the same file again (all unchanged), and the naive way for comparison: the records API with its
// hooks per record, in batches as the demo loads, on a smaller count, extrapolated.
// Run from scripts/bench/run.mjs, or on its own: `node scripts/bench/import-addresses.mjs`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import PocketBase from 'pocketbase';
import { addressRows, ADDRESS_FIELDS } from '../../src/lib/import/addresses.js';
import { guessMapping } from '../../src/lib/import/fields.js';
import { sendImport } from '../../src/lib/import/send.js';
import { readTable } from '../../src/lib/import/table.js';
import { areaId, mulberry32, pointInPolygon } from '../demo/generate.mjs';
import { createFigures } from './figures.mjs';
import { ensurePocketBase, servePocketBase, stopPocketBase } from '../pocketbase.mjs';
import { signInSuperuser } from '../superuser-session.mjs';
import { bbox, migratedPocketBase, readGeoJson } from './common.mjs';

const ADDRESSES = 120_000;
const NAIVE = 2_000;
const NAIVE_BATCH = 7;
const DOORS_PER_STREET = 20;
const SUPERUSER = { email: 'bench@import.bench.example.org', password: 'Importeren-gaat-snel-9' };

/** @param {string} message */
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** The CBS areas of Utrecht, Groningen and Tilburg (parents first), through the records API. */
async function loadAreas(/** @type {PocketBase} */ su) {
	for (const [file, level] of [
		['gemeenten.geojson', 'gemeente'],
		['wijken.geojson', 'wijk'],
		['buurten.geojson', 'buurt']
	]) {
		for (const f of readGeoJson(file).features) {
			await su.collection('areas').create({
				id: areaId(f.properties.code),
				code: f.properties.code,
				name: f.properties.name,
				level,
				parent: f.properties.parentCode ? areaId(f.properties.parentCode) : '',
				geometry: f.geometry
			});
		}
	}
}

/**
 * A PDOK-like BAG GeoJSON of `count` addresses, streets of 20 doors, each inside a buurt of the
 * gemeente (rejection sampling in the buurt's box).
 * @param {number} count @param {string} gemeente CBS code
 */
function bagFile(count, gemeente) {
	const buurten = readGeoJson('buurten.geojson').features.filter((f) =>
		String(f.properties.code).startsWith(`BU${gemeente.slice(2)}`)
	);
	const random = mulberry32(12);
	const features = [];
	/** @type {Array<{ point: number[], area: string }>} */
	const places = [];
	for (let i = 0; features.length < count; i++) {
		const buurt = buurten[i % buurten.length];
		const [w, s, e, n] = bbox(buurt.geometry);
		let point;
		do point = [w + random() * (e - w), s + random() * (n - s)];
		while (!pointInPolygon(point, buurt.geometry));
		const k = features.length;
		places.push({ point, area: areaId(buurt.properties.code) });
		features.push({
			type: 'Feature',
			properties: {
				nummeraanduiding_id: `0344200000${String(k).padStart(6, '0')}`,
				straatnaam: `Benchstraat ${Math.floor(k / DOORS_PER_STREET)}`,
				huisnummer: (k % DOORS_PER_STREET) + 1,
				huisletter: null,
				toevoeging: null,
				postcode: `35${String(10 + (k % 90)).padStart(2, '0')}AB`,
				woonplaats: 'Utrecht'
			},
			geometry: {
				type: 'Point',
				coordinates: [Math.round(point[0] * 1e7) / 1e7, Math.round(point[1] * 1e7) / 1e7]
			}
		});
	}
	return {
		bytes: new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features })),
		places
	};
}

/** Reads, checks, sends and commits a file as `npm run import` does; seconds. */
async function importFile(/** @type {PocketBase} */ pb, /** @type {Uint8Array} */ bytes) {
	const started = performance.now();
	const table = readTable('bag.geojson', bytes);
	const { rows, errors, fileError } = addressRows(
		table,
		guessMapping(table.columns, ADDRESS_FIELDS)
	);
	if (fileError || errors.length > 0) throw new Error(fileError ?? errors[0].reason);
	const parsed = performance.now();
	let sent = 0;
	const result = await sendImport(pb, 'addresses', rows, {
		onProgress: (done, total) => {
			if (done === total) sent = performance.now();
		}
	});
	log(
		`read ${((parsed - started) / 1000).toFixed(1)} s, sent ${((sent - parsed) / 1000).toFixed(1)} s, committed ${((performance.now() - sent) / 1000).toFixed(1)} s ${JSON.stringify(result.ms)}`
	);
	if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
	return { seconds: (performance.now() - started) / 1000, result };
}

/** @returns {Promise<Record<string, number>>} the figures, seconds */
export async function measureImport() {
	const bin = await ensurePocketBase();
	const dataDir = mkdtempSync(join(tmpdir(), 'krachtkaart-bench-import-'));
	const common = migratedPocketBase(bin, dataDir, SUPERUSER);
	const { child, url } = await servePocketBase(bin, common);
	try {
		const su = new PocketBase(url);
		su.autoCancellation(false);
		await signInSuperuser(su, { ...SUPERUSER, dataDir, bin });
		await loadAreas(su);
		log(`importing ${ADDRESSES} addresses in one transaction...`);
		const { bytes, places } = bagFile(ADDRESSES, 'GM0344');
		const first = await importFile(su, bytes);
		log(`${first.seconds.toFixed(1)} s; the same file again...`);
		if (first.result.created !== ADDRESSES) {
			throw new Error(`created ${first.result.created} addresses, not ${ADDRESSES}`);
		}
		const again = await importFile(su, bytes);
		if (again.result.unchanged !== ADDRESSES) throw new Error('the same file again changed rows');

		log(`creating ${NAIVE} addresses through the records API, ${NAIVE_BATCH} per batch...`);
		const started = performance.now();
		for (let start = 0; start < NAIVE; start += NAIVE_BATCH) {
			const batch = su.createBatch();
			for (let i = start; i < Math.min(NAIVE, start + NAIVE_BATCH); i++) {
				batch.collection('addresses').create({
					street: `Langzaamstraat ${Math.floor(i / DOORS_PER_STREET)}`,
					number: String((i % DOORS_PER_STREET) + 1),
					bagId: `0344299900${String(i).padStart(6, '0')}`,
					location: { lon: places[i].point[0], lat: places[i].point[1] },
					area: places[i].area
				});
			}
			await batch.send().catch((error) => {
				throw new Error(`the naive load failed: ${JSON.stringify(error.response ?? error)}`);
			});
		}
		const naive = (performance.now() - started) / 1000;
		return {
			[`import.addresses_${ADDRESSES / 1000}k_s`]: first.seconds,
			[`import.addresses_${ADDRESSES / 1000}k_again_s`]: again.seconds,
			[`import.addresses_${ADDRESSES / 1000}k_record_api_s`]: (naive * ADDRESSES) / NAIVE
		};
	} finally {
		await stopPocketBase(child);
		rmSync(dataDir, { recursive: true, force: true });
	}
}

/**
 * @param {(name: string, value: number, unit: string, digits?: number) => void} figure
 * @param {Record<string, number>} figures
 */
export function printImport(figure, figures) {
	for (const [name, value] of Object.entries(figures)) figure(name, value, 's', 1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	printImport(createFigures().figure, await measureImport());
}
