// An Excel workbook (.xlsx) as a table: its first worksheet, the first row as headers, the line
// numbers Excel shows. Read with exceljs (the `xlsx` 0.18 package has unpatched advisories),
// loaded only when a workbook is read. Cells become text or numbers as a CSV would give them:
// a formula its result, rich text its text, a date yyyy-mm-dd.

/** @param {any} value an exceljs cell value */
function plain(value) {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'object') {
		if ('result' in value) return plain(value.result);
		if ('richText' in value)
			return value.richText.map((/** @type {{ text: string }} */ t) => t.text).join('');
		if ('text' in value) return plain(value.text);
		if ('error' in value) return '';
		return '';
	}
	return value;
}

/**
 * @param {Uint8Array} bytes
 * @returns {Promise<import('./table.js').Table>}
 */
export async function readXlsx(bytes) {
	const module = /** @type {any} */ (await import('exceljs'));
	const ExcelJS = module.default ?? module;
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(new Uint8Array(bytes).buffer);
	const sheet = workbook.worksheets[0];
	if (!sheet) throw new Error('geen werkblad / no worksheet');
	/** @type {string[]} */
	let columns = [];
	/** @type {import('./table.js').TableRow[]} */
	const rows = [];
	sheet.eachRow({ includeEmpty: false }, (/** @type {any} */ row, /** @type {number} */ line) => {
		// row.values is 1-based: index 0 is empty.
		const values = /** @type {any[]} */ (row.values).slice(1).map(plain);
		if (columns.length === 0) {
			columns = values.map((v) => String(v).trim());
			return;
		}
		if (values.every((v) => v === '')) return;
		while (values.length < columns.length) values.push('');
		rows.push({ line, values });
	});
	if (columns.length === 0) throw new Error('het werkblad is leeg / the worksheet is empty');
	return { format: 'xlsx', columns, rows, crs: null, encoding: 'xlsx' };
}
