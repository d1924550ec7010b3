// The bulk import of addresses (pb_hooks/import.pb.js): rows
// [line, bagId, street, number, postcode, city, lon, lat] as src/lib/import/addresses.js makes
// them, checked again here, each placed in its area by point in polygon (lib/import-geo.js: the
// deepest of buurt, wijk, gemeente that holds it), matched to stored addresses by BAG
// nummeraanduiding id (created, updated, unchanged), and written in SQL in one transaction: the
// record API with its hooks per record is far too slow for a city's 120,000 addresses. What those
// hooks do is done here once for the lot: `areas.addressCount` (lib/address-counts.js), the
// public points of street assets (lib/precision.js), and one audit entry with the counts.

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const BATCH = 2000;
const NL = { minLon: 3.2, maxLon: 7.3, minLat: 50.7, maxLat: 53.7 };
const LEVELS = ['buurt', 'wijk', 'gemeente'];
const BAG_ID = /^[0-9]{16}$/;
const NUMBER = /^[0-9]/;
const POSTCODE = /^$|^[1-9][0-9]{3} ?[A-Z]{2}$/;

/** @param {any} row @returns {string} why the row is not an address, or '' */
function rowProblem(row) {
	if (!Array.isArray(row) || row.length !== 8)
		return 'rij heeft niet 8 waarden / row has not 8 values';
	const bagId = row[1];
	if (typeof bagId !== 'string' || !BAG_ID.test(bagId))
		return 'nummeraanduiding-id is geen 16 cijfers / is not 16 digits';
	if (typeof row[2] !== 'string' || row[2] === '' || row[2].length > 200)
		return 'straat ontbreekt of is te lang / street missing or too long';
	if (typeof row[3] !== 'string' || !NUMBER.test(row[3]) || row[3].length > 20)
		return 'huisnummer ontbreekt of is te lang / house number missing or too long';
	if (typeof row[4] !== 'string' || !POSTCODE.test(row[4]))
		return 'postcode is ongeldig / invalid postcode';
	if (typeof row[5] !== 'string' || row[5].length > 100)
		return 'woonplaats is te lang / place too long';
	const lon = row[6];
	const lat = row[7];
	if (typeof lon !== 'number' || typeof lat !== 'number' || !isFinite(lon) || !isFinite(lat))
		return 'coördinaten zijn geen getallen / coordinates are not numbers';
	if (lon < NL.minLon || lon > NL.maxLon || lat < NL.minLat || lat > NL.maxLat)
		return 'punt ligt buiten Nederland / point lies outside the Netherlands';
	return '';
}

/**
 * Finders per level for the areas one may import into.
 * @param {core.App} app @param {Record<string, true> | null} within null: every area
 */
function areaFinders(app, within) {
	const rows = arrayOf(new DynamicModel({ id: '', level: '', geometry: '' }));
	app
		.db()
		.newQuery(
			`SELECT id, level, CAST(geometry AS TEXT) AS geometry FROM areas
			WHERE level IN ('buurt', 'wijk', 'gemeente') AND json_valid(geometry)
				AND json_extract(geometry, '$.type') IN ('Polygon', 'MultiPolygon')`
		)
		.all(rows);
	const byLevel = { buurt: [], wijk: [], gemeente: [] };
	for (let i = 0; i < rows.length; i++) {
		if (within && !within[rows[i].id]) continue;
		byLevel[rows[i].level].push({ id: rows[i].id, geometry: JSON.parse(rows[i].geometry) });
	}
	const { areaIndex } = require(`${__hooks}/lib/import-geo.js`);
	const indexes = LEVELS.map((level) => areaIndex(byLevel[level]));
	return {
		count: rows.length,
		/** @param {number} lon @param {number} lat */
		find(lon, lat) {
			for (let l = 0; l < indexes.length; l++) {
				const id = indexes[l].find(lon, lat);
				if (id) return id;
			}
			return '';
		}
	};
}

/** The stored addresses with these BAG ids, by id. */
function storedByBagId(app, bagIds) {
	const rows = arrayOf(
		new DynamicModel({
			id: '',
			bagId: '',
			street: '',
			number: '',
			postcode: '',
			city: '',
			lon: '',
			lat: '',
			area: ''
		})
	);
	app
		.db()
		.newQuery(
			`SELECT id, bagId, street, number, postcode, city, area,
				CAST(json_extract(location, '$.lon') AS TEXT) AS lon,
				CAST(json_extract(location, '$.lat') AS TEXT) AS lat
			FROM addresses WHERE bagId IN (SELECT value FROM json_each({:ids}))`
		)
		.bind({ ids: JSON.stringify(bagIds) })
		.all(rows);
	const stored = {};
	for (let i = 0; i < rows.length; i++) stored[rows[i].bagId] = rows[i];
	return stored;
}

/**
 * Checks, places and (unless a dry run, and only when every row is good) writes the addresses.
 * @param {core.App} app
 * @param {{ everything: boolean, mine: string[] }} who
 * @param {core.Record} auth
 * @param {any[]} rows
 * @param {{ dryRun: boolean, skipOutside: boolean }} options
 */
function importAddresses(app, who, auth, rows, options) {
	const { areasWithin, commitImport, MAX_LISTED } = require(`${__hooks}/lib/import.js`);
	return commitImport(app, auth, 'addresses', rows, options, (txApp, result, fail) => {
		/** Milliseconds per step, for the bench. */
		result.ms = {};
		const within = who.everything ? null : areasWithin(txApp, who.mine);
		let t = Date.now();
		const lap = (name) => {
			const now = Date.now();
			result.ms[name] = now - t;
			t = now;
		};
		const areas = areaFinders(txApp, within);
		lap('areas');
		const good = [];
		const seen = {};
		for (let i = 0; i < rows.length; i++) {
			const row = rows[i];
			const line = Array.isArray(row) && typeof row[0] === 'number' ? row[0] : i + 1;
			const problem = rowProblem(row);
			if (problem) {
				fail(line, problem);
				continue;
			}
			if (seen[row[1]]) {
				fail(
					line,
					'nummeraanduiding-id ' +
						row[1] +
						' staat ook op regel ' +
						seen[row[1]] +
						' / also on line ' +
						seen[row[1]]
				);
				continue;
			}
			seen[row[1]] = line;
			const area = areas.find(row[6], row[7]);
			if (!area) {
				result.outsideCount++;
				if (result.outside.length < MAX_LISTED) {
					result.outside.push({ line: line, bagId: row[1], street: row[2], number: row[3] });
				}
				continue;
			}
			good.push({ line: line, row: row, area: area });
		}
		lap('checkAndPlace');
		const stored = storedByBagId(
			txApp,
			good.map((g) => g.row[1])
		);
		const inserts = [];
		const updates = [];
		const touched = {};
		for (let i = 0; i < good.length; i++) {
			const g = good[i];
			const r = g.row;
			const old = stored[r[1]];
			if (!old) {
				inserts.push([
					$security.randomStringWithAlphabet(15, ID_ALPHABET),
					r[2],
					r[3],
					r[4],
					r[5],
					r[6],
					r[7],
					g.area,
					r[1]
				]);
				touched[g.area] = true;
				continue;
			}
			if (within && !within[old.area]) {
				fail(
					g.line,
					'dit adres staat al in een gebied buiten uw gebieden / this address is filed in an area outside yours'
				);
				continue;
			}
			const same =
				old.street === r[2] &&
				old.number === r[3] &&
				old.postcode === r[4] &&
				old.city === r[5] &&
				old.area === g.area &&
				Math.abs(Number(old.lon) - r[6]) < 1e-9 &&
				Math.abs(Number(old.lat) - r[7]) < 1e-9;
			if (same) {
				result.unchanged++;
				continue;
			}
			updates.push([old.id, r[2], r[3], r[4], r[5], r[6], r[7], g.area]);
			touched[g.area] = true;
			touched[old.area] = true;
		}
		lap('match');
		result.created = inserts.length;
		result.updated = updates.length;
		if (result.outsideCount > 0 && options.skipOutside) result.skipped = result.outsideCount;
		if (result.outsideCount > 0 && !options.skipOutside) result.ok = false;
		// A refused import or a dry run writes nothing (and commitImport rolls back).
		if (result.errorCount > 0 || !result.ok || options.dryRun) return;
		writeRows(txApp, inserts, updates);
		lap('write');
		const areaIds = Object.keys(touched);
		require(`${__hooks}/lib/address-counts.js`).recountAddresses(txApp, areaIds);
		require(`${__hooks}/lib/precision.js`).refreshStreetPoints(txApp, {
			areas: areaIds,
			withParents: true
		});
		return { skippedOutside: result.skipped, areas: areaIds.length };
	});
}

/** INSERTs and UPDATEs in batches, each batch one statement over a bound JSON array. */
function writeRows(app, inserts, updates) {
	const now = "strftime('%Y-%m-%d %H:%M:%fZ', 'now')";
	for (let i = 0; i < inserts.length; i += BATCH) {
		app
			.db()
			.newQuery(
				`INSERT INTO addresses (id, street, number, postcode, city, location, area, bagId, isDemo, created, updated)
				SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4,
					json_object('lon', value ->> 5, 'lat', value ->> 6), value ->> 7, value ->> 8, 0, ${now}, ${now}
				FROM json_each({:rows})`
			)
			.bind({ rows: JSON.stringify(inserts.slice(i, i + BATCH)) })
			.execute();
	}
	for (let i = 0; i < updates.length; i += BATCH) {
		app
			.db()
			.newQuery(
				`UPDATE addresses SET street = u.value ->> 1, number = u.value ->> 2, postcode = u.value ->> 3,
					city = u.value ->> 4, location = json_object('lon', u.value ->> 5, 'lat', u.value ->> 6),
					area = u.value ->> 7, updated = ${now}
				FROM json_each({:rows}) AS u WHERE addresses.id = u.value ->> 0`
			)
			.bind({ rows: JSON.stringify(updates.slice(i, i + BATCH)) })
			.execute();
	}
}

module.exports = { importAddresses, rowProblem, areaFinders };
