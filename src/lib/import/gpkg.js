// GeoPackage (PDOK's BAG download, CBS's wijk- en buurtkaart) as a table: every feature layer,
// one after another (BAG's verblijfsobjecten, ligplaatsen and standplaatsen are one list of
// addresses), with a `layer` column; the geometry decoded from GeoPackage's binary (a small
// header, then WKB). SQLite is sql.js's asm.js build: plain JavaScript, so it runs in Node and in
// the browser without WebAssembly (which the app's Content-Security-Policy does not allow), and it
// is loaded only when a GeoPackage is read.
import { crsFromName } from './crs.js';

/**
 * @param {Uint8Array} blob a GeoPackage geometry (GP header + WKB)
 * @returns {any} GeoJSON geometry, or null
 */
export function gpkgGeometry(blob) {
	if (!blob || blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) return null;
	const flags = blob[3];
	const envelope = [0, 32, 48, 48, 64][(flags >> 1) & 0x07] ?? 0;
	if (flags & 0x10) return null; // empty geometry
	return wkbGeometry(blob.subarray(8 + envelope));
}

/**
 * Well-known binary to GeoJSON: (Multi)Point, (Multi)LineString, (Multi)Polygon, 2D (Z and M dropped).
 * @param {Uint8Array} bytes
 */
export function wkbGeometry(bytes) {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let offset = 0;
	/** @returns {{ type: string, coordinates: any }} */
	const read = () => {
		const little = view.getUint8(offset) === 1;
		offset += 1;
		const raw = view.getUint32(offset, little);
		offset += 4;
		// ISO (1001, 2001, 3001) and EWKB (flag bits) dimensions.
		const hasZ =
			(raw & 0x80000000) !== 0 ||
			(raw % 10000 >= 1000 && raw % 10000 < 2000) ||
			raw % 10000 >= 3000;
		const hasM = (raw & 0x40000000) !== 0 || raw % 10000 >= 2000;
		const type = (raw & 0x0fffffff) % 1000;
		const size = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
		const point = () => {
			const x = view.getFloat64(offset, little);
			const y = view.getFloat64(offset + 8, little);
			offset += 8 * size;
			return [x, y];
		};
		const count = () => {
			const n = view.getUint32(offset, little);
			offset += 4;
			return n;
		};
		const line = () => Array.from({ length: count() }, point);
		const polygon = () => Array.from({ length: count() }, line);
		switch (type) {
			case 1:
				return { type: 'Point', coordinates: point() };
			case 2:
				return { type: 'LineString', coordinates: line() };
			case 3:
				return { type: 'Polygon', coordinates: polygon() };
			case 4:
				return {
					type: 'MultiPoint',
					coordinates: Array.from(
						{ length: count() },
						() => /** @type {any} */ (read().coordinates)
					)
				};
			case 5:
				return {
					type: 'MultiLineString',
					coordinates: Array.from(
						{ length: count() },
						() => /** @type {any} */ (read().coordinates)
					)
				};
			case 6:
				return {
					type: 'MultiPolygon',
					coordinates: Array.from(
						{ length: count() },
						() => /** @type {any} */ (read().coordinates)
					)
				};
			default:
				throw new Error(`WKB type ${raw} is not supported`);
		}
	};
	return read();
}

/**
 * The feature layers of a GeoPackage as one table. Throws an Error with what is wrong.
 * @param {Uint8Array} bytes
 * @returns {Promise<import('./table.js').Table>}
 */
export async function readGeoPackage(bytes) {
	// sql.js's asm.js build: the same API as its WebAssembly one.
	const initSqlJs = /** @type {() => Promise<import('sql.js').SqlJsStatic>} */ (
		(await import('sql.js/dist/sql-asm.js')).default
	);
	const SQL = await initSqlJs();
	const db = new SQL.Database(bytes);
	try {
		const layers =
			db.exec(
				`SELECT c.table_name, g.column_name, coalesce(s.organization || ':' || s.organization_coordsys_id, '')
			FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
			LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
			WHERE c.data_type = 'features' ORDER BY c.table_name`
			)[0]?.values ?? [];
		if (layers.length === 0) throw new Error('geen lagen met features / no feature layers');
		const crsNames = new Set(layers.map((l) => String(l[2])));
		if (crsNames.size > 1) {
			throw new Error(
				`lagen in verschillende stelsels (${[...crsNames].join(', ')}) / layers in different CRSs`
			);
		}
		/** @type {string[]} */
		const columns = ['layer'];
		/** @type {Array<{ layer: string, names: string[], values: any[][], geometryIndex: number }>} */
		const read = [];
		for (const [table, geometryColumn] of layers) {
			const result = db.exec(`SELECT * FROM "${String(table).replace(/"/g, '""')}"`)[0];
			if (!result) continue;
			for (const name of result.columns) {
				if (name !== geometryColumn && !columns.includes(name)) columns.push(name);
			}
			read.push({
				layer: String(table),
				names: result.columns,
				values: result.values,
				geometryIndex: result.columns.indexOf(String(geometryColumn))
			});
		}
		/** @type {import('./table.js').TableRow[]} */
		const rows = [];
		for (const layer of read) {
			const at = layer.names.map((name) => columns.indexOf(name));
			for (const values of layer.values) {
				const row = columns.map(() => /** @type {unknown} */ (''));
				row[0] = layer.layer;
				values.forEach((value, i) => {
					if (at[i] > 0 && !(value instanceof Uint8Array)) row[at[i]] = value ?? '';
				});
				rows.push({
					line: rows.length + 1,
					values: row,
					geometry: gpkgGeometry(/** @type {Uint8Array} */ (values[layer.geometryIndex]))
				});
			}
		}
		const [crsName] = crsNames;
		return { format: 'geopackage', columns, rows, crs: crsName ? crsFromName(crsName) : null };
	} finally {
		db.close();
	}
}
