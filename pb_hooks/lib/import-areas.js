// The import of areas (pb_hooks/import.pb.js): rows { line, code, name, level, parent, geometry }
// as src/lib/import/areas.js makes them (WGS84, checked there, self-intersections included),
// matched to stored areas by code (created, updated, unchanged), parents first, each put under its
// parent (by code, from the file or already stored). Saved through the records layer in one
// transaction, so every area hook runs as for a single save (the geometry check, the public
// points of assets); a dry run does all of it and rolls back. Admins only: areas are the
// instance's reference data. One audit entry with the counts.

const ORDER = { gemeente: 0, wijk: 1, buurt: 2, custom: 3 };
const LEVELS = ['gemeente', 'wijk', 'buurt', 'custom'];

/** @param {any} row @returns {string} */
function rowProblem(row) {
	if (!row || typeof row !== 'object') return 'geen gebied / not an area';
	if (typeof row.code !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(row.code))
		return 'code ontbreekt of is ongeldig / code missing or invalid';
	if (typeof row.name !== 'string' || row.name === '' || row.name.length > 200)
		return 'naam ontbreekt of is te lang / name missing or too long';
	if (LEVELS.indexOf(row.level) < 0) return 'niveau onbekend / unknown level';
	if (typeof row.parent !== 'string') return 'ouder moet een code zijn / parent must be a code';
	return require(`${__hooks}/lib/geometry.js`).geometryProblem(row.geometry || null) || '';
}

/**
 * @param {core.App} app
 * @param {core.Record} auth
 * @param {any[]} rows
 * @param {{ dryRun: boolean }} options
 */
function importAreas(app, auth, rows, options) {
	const sorted = rows
		.map((row, i) => ({ row: row, line: row && typeof row.line === 'number' ? row.line : i + 1 }))
		.sort((a, b) => (ORDER[a.row && a.row.level] || 0) - (ORDER[b.row && b.row.level] || 0));
	const { commitImport } = require(`${__hooks}/lib/import.js`);
	return commitImport(app, auth, 'areas', rows, options, (txApp, result, fail) => {
		const collection = txApp.findCollectionByNameOrId('areas');
		/** @type {Record<string, string>} code → id, of this import's areas */
		const ids = {};
		const idOf = (code) => {
			if (ids[code]) return ids[code];
			try {
				return txApp.findFirstRecordByData('areas', 'code', code).id;
			} catch {
				return '';
			}
		};
		for (let i = 0; i < sorted.length; i++) {
			const row = sorted[i].row;
			const line = sorted[i].line;
			const problem = rowProblem(row);
			if (problem) {
				fail(line, (row && row.code ? row.code + ': ' : '') + problem);
				continue;
			}
			if (ids[row.code]) {
				fail(line, row.code + ': code staat twee keer in het bestand / code twice in the file');
				continue;
			}
			const parent = row.parent ? idOf(row.parent) : '';
			if (row.parent && !parent) {
				fail(
					line,
					row.code +
						': ligt in ' +
						row.parent +
						', dat niet bestaat; importeer dat eerst (of in hetzelfde bestand) / lies in ' +
						row.parent +
						', which does not exist; import it first (or in the same file)'
				);
				continue;
			}
			let record;
			try {
				record = txApp.findFirstRecordByData('areas', 'code', row.code);
			} catch {
				record = null;
			}
			// Type and coordinates apart: a stored JSON object's keys may come back in another order.
			const geometry = row.geometry.type + JSON.stringify(row.geometry.coordinates);
			if (record) {
				let stored;
				try {
					const parsed = JSON.parse(record.getString('geometry') || 'null');
					stored = parsed ? parsed.type + JSON.stringify(parsed.coordinates) : null;
				} catch {
					stored = null;
				}
				ids[row.code] = record.id;
				if (
					record.getString('name') === row.name &&
					record.getString('level') === row.level &&
					record.getString('parent') === parent &&
					stored === geometry
				) {
					result.unchanged++;
					continue;
				}
			} else {
				record = new Record(collection);
				record.set('code', row.code);
			}
			const isNew = !record.id;
			record.set('name', row.name);
			record.set('level', row.level);
			record.set('parent', parent);
			record.set('geometry', row.geometry);
			try {
				txApp.save(record);
			} catch (e) {
				fail(line, row.code + ': ' + String((e && e.message) || e));
				continue;
			}
			ids[row.code] = record.id;
			if (isNew) result.created++;
			else result.updated++;
		}
	});
}

module.exports = { importAreas };
