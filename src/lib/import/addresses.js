// Addresses from BAG (GeoJSON as PDOK serves it, or CSV with RD x/y or lat/lon): rows of a table
// (table.js) to address rows for the server's bulk import (pb_hooks/lib/import-addresses.js).
// The key is the BAG nummeraanduiding id: importing again updates and never doubles.
import { cell, missingFields } from './fields.js';
import { fileCrs, inNetherlands, looksSwapped, parseNumber, samplePoints, toWgs84 } from './crs.js';

/** @type {import('./fields.js').FieldDef[]} */
export const ADDRESS_FIELDS = [
	{
		key: 'bagId',
		nl: 'Nummeraanduiding-id (BAG)',
		en: 'Nummeraanduiding id (BAG)',
		required: true,
		synonyms: [
			'nummeraanduiding_id',
			'nummeraanduidingid',
			'nummeraanduiding',
			'identificatie',
			'bag_id',
			'bagid',
			'na_id'
		]
	},
	{
		key: 'street',
		nl: 'Straat',
		en: 'Street',
		required: true,
		synonyms: ['straatnaam', 'openbareruimtenaam', 'openbare_ruimte', 'straat', 'street']
	},
	{
		key: 'number',
		nl: 'Huisnummer',
		en: 'House number',
		required: true,
		synonyms: ['huisnummer', 'huisnr', 'nummer', 'number']
	},
	{ key: 'letter', nl: 'Huisletter', en: 'House letter', synonyms: ['huisletter', 'letter'] },
	{
		key: 'addition',
		nl: 'Toevoeging',
		en: 'Addition',
		synonyms: ['huisnummertoevoeging', 'toevoeging', 'addition']
	},
	{ key: 'postcode', nl: 'Postcode', en: 'Postcode', synonyms: ['postcode', 'zipcode', 'zip'] },
	{
		key: 'city',
		nl: 'Woonplaats',
		en: 'Place',
		synonyms: ['woonplaatsnaam', 'woonplaats', 'plaats', 'city']
	},
	{
		key: 'x',
		nl: 'X of lengtegraad',
		en: 'X or longitude',
		synonyms: ['x', 'rd_x', 'x_rd', 'xcoord', 'lon', 'lng', 'longitude', 'lengtegraad']
	},
	{
		key: 'y',
		nl: 'Y of breedtegraad',
		en: 'Y or latitude',
		synonyms: ['y', 'rd_y', 'y_rd', 'ycoord', 'lat', 'latitude', 'breedtegraad']
	}
];

/**
 * What the server gets per address: [line, bagId, street, number, postcode, city, lon, lat].
 * @typedef {[number, string, string, string, string, string, number, number]} AddressRow
 * @typedef {{ line: number, reason: string }} RowError
 */

/**
 * The Dutch way of writing a house number: 12, 12A, 12-3, 12A-3.
 * @param {string} number @param {string} letter @param {string} addition
 */
export function houseNumber(number, letter, addition) {
	return `${number}${letter.toUpperCase()}${addition ? `-${addition}` : ''}`;
}

/** @param {string} postcode "1013 nj" → "1013NJ"; "" stays "" */
export function normalizePostcode(postcode) {
	return postcode.replace(/\s+/g, '').toUpperCase();
}

/**
 * A nummeraanduiding id as 16 digits: a number in a JSON file has lost its leading zero.
 * @param {string} id
 */
export function normalizeBagId(id) {
	const digits = id.replace(/\.0+$/, '');
	return /^\d{1,16}$/.test(digits) ? digits.padStart(16, '0') : id;
}

/**
 * The point of a row: its geometry (GeoJSON Point) or its x/y columns, as given.
 * @param {import('./table.js').TableRow} row @param {import('./fields.js').Mapping} mapping
 * @returns {[number, number] | null}
 */
function rawPoint(row, mapping) {
	const g = row.geometry;
	if (g && g.type === 'Point' && Array.isArray(g.coordinates)) {
		return [Number(g.coordinates[0]), Number(g.coordinates[1])];
	}
	if (g && g.type === 'MultiPoint' && Array.isArray(g.coordinates?.[0])) {
		return [Number(g.coordinates[0][0]), Number(g.coordinates[0][1])];
	}
	const x = parseNumber(cell(row.values, mapping, 'x'));
	const y = parseNumber(cell(row.values, mapping, 'y'));
	return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
}

/**
 * Address rows from a table, each checked; every bad row is named with its line and reason.
 * @param {import('./table.js').Table} table
 * @param {import('./fields.js').Mapping} mapping
 * @returns {{ rows: AddressRow[], errors: RowError[], crs: import('./crs.js').Crs | null, fileError?: string }}
 */
export function addressRows(table, mapping) {
	/** @type {AddressRow[]} */
	const rows = [];
	/** @type {RowError[]} */
	const errors = [];
	const missing = missingFields(mapping, ADDRESS_FIELDS);
	const hasPoint = table.rows.some((r) => r.geometry) || (mapping.x >= 0 && mapping.y >= 0);
	if (missing.length > 0 || !hasPoint) {
		const names = missing.map((f) => f.nl);
		if (!hasPoint) names.push('X/Y of lon/lat');
		return {
			rows,
			errors,
			crs: null,
			fileError: `kolommen ontbreken: ${names.join(', ')} / missing columns: ${[...missing.map((f) => f.en), ...(hasPoint ? [] : ['X/Y or lon/lat'])].join(', ')}`
		};
	}
	const { crs, fileError } = fileCrs(
		table.crs,
		samplePoints(table.rows, (row) => rawPoint(row, mapping))
	);
	if (!crs) return { rows, errors, crs: null, fileError };
	/** @type {Map<string, number>} */
	const seen = new Map();
	for (const row of table.rows) {
		const reasons = [];
		const bagId = normalizeBagId(cell(row.values, mapping, 'bagId'));
		const street = cell(row.values, mapping, 'street');
		const base = cell(row.values, mapping, 'number').replace(/\.0+$/, '');
		const number = houseNumber(
			base,
			cell(row.values, mapping, 'letter'),
			cell(row.values, mapping, 'addition')
		);
		const postcode = normalizePostcode(cell(row.values, mapping, 'postcode'));
		const city = cell(row.values, mapping, 'city');
		if (!/^\d{16}$/.test(bagId))
			reasons.push(`nummeraanduiding-id "${bagId}" is geen 16 cijfers / is not 16 digits`);
		else if (seen.has(bagId))
			reasons.push(
				`nummeraanduiding-id ${bagId} staat ook op regel ${seen.get(bagId)} / also on line ${seen.get(bagId)}`
			);
		if (!street) reasons.push('straat ontbreekt / street missing');
		else if (street.length > 200)
			reasons.push('straat langer dan 200 tekens / street over 200 characters');
		if (!/^\d{1,5}/.test(base))
			reasons.push(
				`huisnummer "${base}" ontbreekt of is geen getal / house number missing or not a number`
			);
		else if (number.length > 20)
			reasons.push('huisnummer langer dan 20 tekens / house number over 20 characters');
		if (postcode && !/^[1-9][0-9]{3}[A-Z]{2}$/.test(postcode))
			reasons.push(`postcode "${postcode}" is ongeldig / invalid postcode`);
		if (city.length > 100)
			reasons.push('woonplaats langer dan 100 tekens / place over 100 characters');
		const point = rawPoint(row, mapping);
		let lon = NaN;
		let lat = NaN;
		if (!point) reasons.push('coördinaten ontbreken / coordinates missing');
		else {
			[lon, lat] = toWgs84(point[0], point[1], crs);
			if (!Number.isFinite(lon) || !Number.isFinite(lat) || !inNetherlands(lon, lat)) {
				reasons.push(
					looksSwapped(lon, lat)
						? 'lat en lon zijn verwisseld / lat and lon are swapped'
						: `punt (${point[0]}, ${point[1]}) ligt buiten Nederland / point lies outside the Netherlands`
				);
			}
		}
		if (reasons.length > 0) {
			errors.push({ line: row.line, reason: reasons.join('; ') });
			continue;
		}
		seen.set(bagId, row.line);
		rows.push([row.line, bagId, street, number, postcode, city, lon, lat]);
	}
	return { rows, errors, crs };
}
