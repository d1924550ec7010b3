// A file as a table: named columns and rows with their line numbers (CSV: the line in the file,
// 1 being the header; GeoJSON: the feature's number, 1 being the first), and each row's geometry
// where the format has one. The same for every kind of import, so the page can show any file's
// first rows and let the user map its columns (fields.js); the kinds (addresses.js, …) then turn
// rows into records. Plain JS with JSDoc types: the Node CLI (scripts/import.mjs) imports it too.
import Papa from 'papaparse';
import shp from 'shpjs';
import { crsFromName } from './crs.js';
import { decodeText } from './decode.js';

/** Larger files are refused before they are read; more rows are refused after parsing. */
export const MAX_BYTES = 200 * 1024 * 1024;
export const MAX_ROWS = 500_000;

/**
 * @typedef {{ line: number, values: unknown[], geometry?: any }} TableRow
 * @typedef {{
 *   format: 'csv' | 'geojson' | 'shapefile' | 'geopackage' | 'xlsx',
 *   columns: string[],
 *   rows: TableRow[],
 *   crs: import('./crs.js').Crs | null | 'unknown',
 *   encoding?: string,
 *   delimiter?: string
 * }} Table
 */

/** A file that cannot be read as a whole: the message says what and where (Dutch / English). */
export class ImportFileError extends Error {
	/** @param {string} message */
	constructor(message) {
		super(message);
		this.name = 'ImportFileError';
	}
}

/**
 * The format a file name and its first bytes suggest.
 * @param {string} name @param {Uint8Array} bytes
 * @returns {'csv' | 'geojson' | 'xlsx' | 'gpkg' | 'zip' | 'unknown'}
 */
export function formatOf(name, bytes) {
	const lower = name.toLowerCase();
	if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
	if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
	if (lower.endsWith('.xlsx')) return 'xlsx';
	if (lower.endsWith('.gpkg')) return 'gpkg';
	if (lower.endsWith('.zip')) return 'zip';
	const head = new TextDecoder().decode(bytes.subarray(0, 16));
	if (head.startsWith('SQLite format 3')) return 'gpkg';
	if (head.startsWith('PK')) return 'zip';
	if (/^\s*[{[]/.test(head.replace(/^\uFEFF/, ''))) return 'geojson';
	return 'csv';
}

/**
 * Reads a CSV or GeoJSON file. Throws ImportFileError for a file that cannot be read at all
 * (empty, broken JSON, no header, too large, too many rows).
 * @param {string} name @param {Uint8Array} bytes
 * @param {{ maxBytes?: number, maxRows?: number }} [limits] MAX_BYTES and MAX_ROWS unless given
 * @returns {Table}
 */
export function readTable(name, bytes, limits = {}) {
	const maxBytes = limits.maxBytes ?? MAX_BYTES;
	const maxRows = limits.maxRows ?? MAX_ROWS;
	if (bytes.length > maxBytes) {
		throw new ImportFileError(
			`${name}: het bestand is ${mb(bytes.length)}, meer dan de ${mb(maxBytes)} die een import aankan; splits het / the file is ${mb(bytes.length)}, over the ${mb(maxBytes)} an import takes; split it`
		);
	}
	const format = formatOf(name, bytes);
	if (format === 'xlsx' || format === 'gpkg' || format === 'zip') {
		// A zipped Shapefile is read by readTableAsync.
		throw new ImportFileError(
			`${name}: ${format.toUpperCase()} wordt hier (nog) niet gelezen; gebruik CSV of GeoJSON / ${format.toUpperCase()} is not read here (yet); use CSV or GeoJSON`
		);
	}
	const { text, encoding } = decodeText(bytes);
	if (text.trim() === '') {
		throw new ImportFileError(`${name}: het bestand is leeg / the file is empty`);
	}
	const table = format === 'geojson' ? readGeoJson(name, text) : readCsv(name, text);
	table.encoding = encoding;
	if (table.rows.length === 0) {
		throw new ImportFileError(
			format === 'geojson'
				? `${name}: geen features / no features`
				: `${name}: alleen een kopregel, geen rijen / headers only, no rows`
		);
	}
	if (table.rows.length > maxRows) {
		throw new ImportFileError(
			`${name}: ${table.rows.length} rijen, meer dan ${maxRows} per import; splits het bestand / ${table.rows.length} rows, over ${maxRows} per import; split the file`
		);
	}
	return table;
}

/** @param {number} bytes */
function mb(bytes) {
	return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`;
}

/** @param {string} name @param {string} text @returns {Table} */
function readCsv(name, text) {
	/** @type {unknown[][]} */
	const data = [];
	/** @type {number[]} */
	const lines = [];
	let line = 1;
	let position = 0;
	/** @type {string | undefined} */
	let delimiter;
	Papa.parse(text, {
		skipEmptyLines: 'greedy',
		delimitersToGuess: [';', ',', '\t', '|'],
		step: (result) => {
			// Where this row starts: after the previous one and any empty lines.
			while (position < text.length && (text[position] === '\n' || text[position] === '\r')) {
				if (text[position] === '\n') line++;
				position++;
			}
			lines.push(line);
			data.push(/** @type {unknown[]} */ (result.data));
			delimiter = result.meta.delimiter;
			const end = result.meta.cursor;
			for (let i = position; i < end; i++) if (text[i] === '\n') line++;
			position = end;
		}
	});
	if (data.length === 0)
		throw new ImportFileError(`${name}: het bestand is leeg / the file is empty`);
	const columns = data[0].map((c) => String(c ?? '').trim());
	if (columns.every((c) => c === '')) {
		throw new ImportFileError(
			`${name}: regel 1 heeft geen kolomnamen / line 1 has no column names`
		);
	}
	return {
		format: 'csv',
		columns,
		rows: data.slice(1).map((values, i) => ({ line: lines[i + 1], values })),
		crs: null,
		delimiter
	};
}

/** @param {string} name @param {string} text @returns {Table} */
function readGeoJson(name, text) {
	/** @type {any} */
	let json;
	try {
		json = JSON.parse(text);
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		throw new ImportFileError(
			`${name}: geen geldige JSON (${detail}) / not valid JSON (${detail})`
		);
	}
	/** @type {any[]} */
	let features;
	if (json && json.type === 'FeatureCollection' && Array.isArray(json.features)) {
		features = json.features;
	} else if (json && json.type === 'Feature') features = [json];
	else {
		throw new ImportFileError(
			`${name}: geen GeoJSON FeatureCollection / not a GeoJSON FeatureCollection`
		);
	}
	return featureTable('geojson', features, crsFromName(json.crs?.properties?.name));
}

/**
 * A table of GeoJSON features: a column per property name, in order of first use.
 * @param {'geojson' | 'shapefile'} format @param {any[]} features
 * @param {import('./crs.js').Crs | null | 'unknown'} crs
 * @returns {Table}
 */
function featureTable(format, features, crs) {
	/** @type {string[]} */
	const columns = [];
	/** @type {Map<string, number>} */
	const index = new Map();
	for (const feature of features) {
		for (const key of Object.keys(feature?.properties ?? {})) {
			if (!index.has(key)) {
				index.set(key, columns.length);
				columns.push(key);
			}
		}
	}
	const rows = features.map((feature, i) => {
		const values = columns.map((c) => feature?.properties?.[c] ?? '');
		return { line: i + 1, values, geometry: feature?.geometry ?? null };
	});
	return { format, columns, rows, crs };
}

/**
 * Reads any file readTable reads, an Excel workbook (xlsx.js), a GeoPackage (gpkg.js) and a zipped Shapefile (with shpjs: a
 * .prj is followed to WGS84; without one the coordinates are detected as any file's). The same
 * errors.
 * @param {string} name @param {Uint8Array} bytes
 * @param {{ maxBytes?: number, maxRows?: number }} [limits]
 * @returns {Promise<Table>}
 */
export async function readTableAsync(name, bytes, limits = {}) {
	const format = formatOf(name, bytes);
	if (format === 'gpkg' && bytes.length <= (limits.maxBytes ?? MAX_BYTES)) {
		/** @type {Table} */
		let table;
		try {
			const { readGeoPackage } = await import('./gpkg.js');
			table = await readGeoPackage(bytes);
		} catch (error) {
			const detail = error instanceof Error ? error.message : String(error);
			throw new ImportFileError(
				`${name}: geen leesbare GeoPackage (${detail}) / not a readable GeoPackage (${detail})`
			);
		}
		if (table.rows.length === 0) throw new ImportFileError(`${name}: geen features / no features`);
		if (table.rows.length > (limits.maxRows ?? MAX_ROWS)) {
			throw new ImportFileError(
				`${name}: ${table.rows.length} rijen, meer dan ${limits.maxRows ?? MAX_ROWS} per import / ${table.rows.length} rows, over ${limits.maxRows ?? MAX_ROWS} per import`
			);
		}
		table.encoding = 'sqlite';
		return table;
	}
	if (format === 'xlsx' && bytes.length <= (limits.maxBytes ?? MAX_BYTES)) {
		/** @type {Table} */
		let table;
		try {
			const { readXlsx } = await import('./xlsx.js');
			table = await readXlsx(bytes);
		} catch (error) {
			const detail = error instanceof Error ? error.message : String(error);
			throw new ImportFileError(
				`${name}: geen leesbaar Excel-bestand (${detail}) / not a readable Excel file (${detail})`
			);
		}
		if (table.rows.length === 0) {
			throw new ImportFileError(`${name}: alleen een kopregel, geen rijen / headers only, no rows`);
		}
		if (table.rows.length > (limits.maxRows ?? MAX_ROWS)) {
			throw new ImportFileError(
				`${name}: ${table.rows.length} rijen, meer dan ${limits.maxRows ?? MAX_ROWS} per import / ${table.rows.length} rows, over ${limits.maxRows ?? MAX_ROWS} per import`
			);
		}
		return table;
	}
	if (format !== 'zip' || bytes.length > (limits.maxBytes ?? MAX_BYTES)) {
		return readTable(name, bytes, limits);
	}
	// shpjs loops forever on a zip without its central directory: check that first, and that a
	// .shp is named in it.
	const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 65_557)));
	const names = new TextDecoder('latin1').decode(bytes);
	if (!tail.includes('PK\u0005\u0006') || !/\.shp/i.test(names)) {
		throw new ImportFileError(
			`${name}: geen gezipte Shapefile (.shp, .shx, .dbf) / not a zipped Shapefile (.shp, .shx, .dbf)`
		);
	}
	/** @type {any} */
	let parsed;
	try {
		parsed = await shp(/** @type {ArrayBuffer} */ (new Uint8Array(bytes).buffer));
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		throw new ImportFileError(
			`${name}: geen gezipte Shapefile (.shp, .shx, .dbf) (${detail}) / not a zipped Shapefile (${detail})`
		);
	}
	const collections = Array.isArray(parsed) ? parsed : [parsed];
	if (collections.length > 1) {
		throw new ImportFileError(
			`${name}: ${collections.length} lagen; zip er één per keer / ${collections.length} layers; zip one at a time`
		);
	}
	const features = collections[0]?.features ?? [];
	// shpjs follows a .prj to WGS84; without one the numbers tell WGS84 from RD New.
	const table = featureTable('shapefile', features, null);
	table.encoding = 'dbf';
	if (table.rows.length === 0) throw new ImportFileError(`${name}: geen features / no features`);
	if (table.rows.length > (limits.maxRows ?? MAX_ROWS)) {
		throw new ImportFileError(
			`${name}: ${table.rows.length} rijen, meer dan ${limits.maxRows ?? MAX_ROWS} per import / ${table.rows.length} rows, over ${limits.maxRows ?? MAX_ROWS} per import`
		);
	}
	return table;
}
