// Assets (krachten) from a spreadsheet as Dutch teams keep them (CSV with `;` and decimal commas,
// UTF-8 with BOM or Windows-1252, Dutch headers): rows of a table (table.js) to asset rows for the
// server's import (pb_hooks/lib/import-assets.js). A kind or theme is matched to the vocabulary by
// code or label in either language (vocabulary.js); an unknown one is a row error. A row with an
// address but no coordinates is placed by the server on the imported address (street, number,
// postcode).
import { cell, missingFields } from './fields.js';
import {
	CRS_OUTSIDE_NETHERLANDS,
	detectCrs,
	inNetherlands,
	looksSwapped,
	parseNumber,
	samplePoints,
	toWgs84
} from './crs.js';
import { normalizePostcode } from './addresses.js';
import { kindOf, themeOf } from './vocabulary.js';

/** @type {import('./fields.js').FieldDef[]} */
export const ASSET_FIELDS = [
	{
		key: 'title',
		nl: 'Naam',
		en: 'Name',
		required: true,
		synonyms: ['naam', 'titel', 'title', 'name', 'kracht']
	},
	{
		key: 'kind',
		nl: 'Soort',
		en: 'Kind',
		required: true,
		synonyms: ['soort', 'type', 'kind', 'categorie']
	},
	{ key: 'themes', nl: "Thema's", en: 'Themes', synonyms: ['themas', 'thema', 'themes', 'theme'] },
	{
		key: 'description',
		nl: 'Omschrijving',
		en: 'Description',
		synonyms: ['omschrijving', 'beschrijving', 'description', 'toelichting']
	},
	{
		key: 'street',
		nl: 'Straat',
		en: 'Street',
		synonyms: ['straat', 'straatnaam', 'street', 'adres']
	},
	{
		key: 'number',
		nl: 'Huisnummer',
		en: 'House number',
		synonyms: ['huisnummer', 'huisnr', 'nummer', 'number']
	},
	{ key: 'postcode', nl: 'Postcode', en: 'Postcode', synonyms: ['postcode', 'zipcode'] },
	{
		key: 'x',
		nl: 'X of lengtegraad',
		en: 'X or longitude',
		synonyms: ['x', 'lon', 'lng', 'longitude', 'lengtegraad']
	},
	{
		key: 'y',
		nl: 'Y of breedtegraad',
		en: 'Y or latitude',
		synonyms: ['y', 'lat', 'latitude', 'breedtegraad']
	}
];

/**
 * @typedef {{ line: number, title: string, kind: string, themes: string[], description: string,
 *   street: string, number: string, postcode: string, lon: number | null, lat: number | null }} AssetRow
 */

/**
 * @param {import('./table.js').Table} table
 * @param {import('./fields.js').Mapping} mapping
 * @returns {{ rows: AssetRow[], errors: import('./addresses.js').RowError[], crs: import('./crs.js').Crs | null, fileError?: string }}
 */
export function assetRows(table, mapping) {
	/** @type {AssetRow[]} */
	const rows = [];
	/** @type {import('./addresses.js').RowError[]} */
	const errors = [];
	const missing = missingFields(mapping, ASSET_FIELDS);
	const canPlace = (mapping.x >= 0 && mapping.y >= 0) || mapping.street >= 0;
	if (missing.length > 0 || !canPlace) {
		const nl = missing.map((f) => f.nl);
		const en = missing.map((f) => f.en);
		if (!canPlace) {
			nl.push('X/Y of straat en huisnummer');
			en.push('X/Y or street and number');
		}
		return {
			rows,
			errors,
			crs: null,
			fileError: `kolommen ontbreken: ${nl.join(', ')} / missing columns: ${en.join(', ')}`
		};
	}
	const sample = samplePoints(table.rows, (row) => {
		const x = parseNumber(cell(row.values, mapping, 'x'));
		const y = parseNumber(cell(row.values, mapping, 'y'));
		return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
	});
	// Without coordinates every row is placed on its address by the server; a named CRS that is
	// unknown refuses the file as coordinates outside the Netherlands do.
	const crs =
		sample.length > 0
			? table.crs === 'unknown'
				? null
				: (table.crs ?? detectCrs(sample))
			: 'wgs84';
	if (!crs) return { rows, errors, crs: null, fileError: CRS_OUTSIDE_NETHERLANDS };
	for (const row of table.rows) {
		const reasons = [];
		const title = cell(row.values, mapping, 'title');
		const kindText = cell(row.values, mapping, 'kind');
		const kind = kindOf(kindText);
		const themeTexts = cell(row.values, mapping, 'themes')
			.split(/[;,/|]/)
			.map((t) => t.trim())
			.filter(Boolean);
		/** @type {string[]} */
		const themes = [];
		if (!title) reasons.push('naam ontbreekt / name missing');
		else if (title.length > 200)
			reasons.push('naam langer dan 200 tekens / name over 200 characters');
		if (!kind) reasons.push(`soort "${kindText}" is onbekend / unknown kind`);
		for (const text of themeTexts) {
			const theme = themeOf(text);
			if (theme) {
				if (!themes.includes(theme)) themes.push(theme);
			} else reasons.push(`thema "${text}" is onbekend / unknown theme`);
		}
		const description = cell(row.values, mapping, 'description');
		if (description.length > 5000)
			reasons.push('omschrijving langer dan 5000 tekens / description over 5000 characters');
		const street = cell(row.values, mapping, 'street');
		const number = cell(row.values, mapping, 'number')
			.replace(/\.0+$/, '')
			.replace(/\s+/g, '')
			.toUpperCase();
		const postcode = normalizePostcode(cell(row.values, mapping, 'postcode'));
		const xText = cell(row.values, mapping, 'x');
		const yText = cell(row.values, mapping, 'y');
		/** @type {number | null} */
		let lon = null;
		/** @type {number | null} */
		let lat = null;
		if (xText || yText) {
			const x = parseNumber(xText);
			const y = parseNumber(yText);
			if (!Number.isFinite(x) || !Number.isFinite(y))
				reasons.push(
					`coördinaten "${xText}", "${yText}" zijn geen getallen / coordinates are not numbers`
				);
			else {
				[lon, lat] = toWgs84(x, y, crs);
				if (!inNetherlands(lon, lat)) {
					reasons.push(
						looksSwapped(lon, lat)
							? 'lat en lon zijn verwisseld / lat and lon are swapped'
							: 'punt ligt buiten Nederland / point lies outside the Netherlands'
					);
				}
			}
		} else if (!street || !number) {
			reasons.push(
				'geen coördinaten en geen straat met huisnummer / no coordinates and no street with number'
			);
		}
		if (postcode && !/^[1-9][0-9]{3}[A-Z]{2}$/.test(postcode))
			reasons.push(`postcode "${postcode}" is ongeldig / invalid postcode`);
		if (reasons.length > 0) {
			errors.push({ line: row.line, reason: reasons.join('; ') });
			continue;
		}
		rows.push({
			line: row.line,
			title,
			kind: /** @type {string} */ (kind),
			themes,
			description,
			street,
			number,
			postcode,
			lon,
			lat
		});
	}
	return { rows, errors, crs };
}
