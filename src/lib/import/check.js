// One step for the page and its worker: a file's bytes to a checked import of addresses or areas (the table's columns
// and first rows for the preview, the mapping, the rows to send and every bad row), and again
// with a mapping the user changed. Plain JS: the worker, the page's fallback and Node use it.
import { ADDRESS_FIELDS, addressRows } from './addresses.js';
import { AREA_FIELDS, areaRows } from './areas.js';
import { ASSET_FIELDS, assetRows } from './assets.js';
import { guessMapping } from './fields.js';
import { ImportFileError, readTableAsync } from './table.js';

/** Rows shown in the preview. */
export const PREVIEW_ROWS = 5;

/** @typedef {'addresses' | 'areas' | 'assets'} ImportKind */

/** The fields of each kind, for the mapping. */
export const FIELDS_OF = { addresses: ADDRESS_FIELDS, areas: AREA_FIELDS, assets: ASSET_FIELDS };

/**
 * @typedef {{
 *   kind: ImportKind,
 *   fileError: string | null,
 *   columns: string[],
 *   preview: Array<{ line: number, values: string[] }>,
 *   rowCount: number,
 *   encoding: string,
 *   mapping: import('./fields.js').Mapping,
 *   rows: Array<import('./addresses.js').AddressRow | import('./areas.js').AreaRow | import('./assets.js').AssetRow>,
 *   errors: import('./addresses.js').RowError[],
 *   crs: import('./crs.js').Crs | null
 * }} Checked
 */

/**
 * @param {ImportKind} kind
 * @param {import('./table.js').Table} table
 * @param {import('./fields.js').Mapping | null} mapping null: guess it
 * @returns {Checked}
 */
export function checkTable(kind, table, mapping) {
	const used = mapping ?? guessMapping(table.columns, FIELDS_OF[kind]);
	const checked =
		kind === 'areas'
			? areaRows(table, used)
			: kind === 'assets'
				? assetRows(table, used)
				: addressRows(table, used);
	return {
		kind,
		fileError: checked.fileError ?? null,
		columns: table.columns,
		preview: table.rows.slice(0, PREVIEW_ROWS).map((r) => ({
			line: r.line,
			values: r.values.map((v) => (v === null || v === undefined ? '' : String(v)))
		})),
		rowCount: table.rows.length,
		encoding: table.encoding ?? '',
		mapping: used,
		rows: checked.rows,
		errors: checked.errors,
		crs: checked.crs
	};
}

/**
 * A file that cannot be read, as a Checked with its message.
 * @param {ImportKind} kind @param {unknown} error
 * @returns {Checked}
 */
export function unreadable(kind, error) {
	if (!(error instanceof ImportFileError)) throw error;
	return {
		kind,
		fileError: error.message,
		columns: [],
		preview: [],
		rowCount: 0,
		encoding: '',
		mapping: {},
		rows: [],
		errors: [],
		crs: null
	};
}

/**
 * Keeps the last table read, so a changed mapping is checked without reading the file again.
 */
export function checker() {
	/** @type {import('./table.js').Table | null} */
	let table = null;
	/** @type {ImportKind} */
	let kind = 'addresses';
	return {
		/**
		 * @param {ImportKind} as @param {string} name @param {Uint8Array} bytes
		 * @returns {Promise<Checked>}
		 */
		async read(as, name, bytes) {
			kind = as;
			try {
				table = await readTableAsync(name, bytes);
			} catch (error) {
				table = null;
				return unreadable(kind, error);
			}
			return checkTable(kind, table, null);
		},
		/** @param {import('./fields.js').Mapping} mapping @returns {Checked} */
		remap(mapping) {
			if (!table) throw new Error('no file read');
			return checkTable(kind, table, mapping);
		}
	};
}
