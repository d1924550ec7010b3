// One step for the page and its worker: a file's bytes to a checked import (the table's columns
// and first rows for the preview, the mapping, the rows to send and every bad row), and again
// with a mapping the user changed. Plain JS: the worker, the page's fallback and Node use it.
import { ADDRESS_FIELDS, addressRows } from './addresses.js';
import { guessMapping } from './fields.js';
import { ImportFileError, readTable } from './table.js';

/** Rows shown in the preview. */
export const PREVIEW_ROWS = 5;

/**
 * @typedef {{
 *   fileError: string | null,
 *   columns: string[],
 *   preview: Array<{ line: number, values: string[] }>,
 *   rowCount: number,
 *   encoding: string,
 *   mapping: import('./fields.js').Mapping,
 *   rows: import('./addresses.js').AddressRow[],
 *   errors: import('./addresses.js').RowError[],
 *   crs: import('./crs.js').Crs | null
 * }} Checked
 */

/**
 * @param {import('./table.js').Table} table
 * @param {import('./fields.js').Mapping | null} mapping null: guess it
 * @returns {Checked}
 */
export function checkTable(table, mapping) {
	const used = mapping ?? guessMapping(table.columns, ADDRESS_FIELDS);
	const checked = addressRows(table, used);
	return {
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
 * @param {unknown} error
 * @returns {Checked}
 */
export function unreadable(error) {
	if (!(error instanceof ImportFileError)) throw error;
	return {
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
	return {
		/** @param {string} name @param {Uint8Array} bytes @returns {Checked} */
		read(name, bytes) {
			try {
				table = readTable(name, bytes);
			} catch (error) {
				table = null;
				return unreadable(error);
			}
			return checkTable(table, null);
		},
		/** @param {import('./fields.js').Mapping} mapping @returns {Checked} */
		remap(mapping) {
			if (!table) throw new Error('no file read');
			return checkTable(table, mapping);
		}
	};
}
