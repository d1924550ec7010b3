// An admin's full export as one zip, and its restore into a fresh instance. Plain JavaScript
// (with types in JSDoc) so that both the app and `npm run restore` (scripts/restore.mjs, Node
// without a build) use the same code.
//
// The zip holds `manifest.json` (format, version, when, and per collection its fields and record
// count) and `collections/<name>.json` (its records as the server stores them: every field,
// geometry included; no password hashes, token keys or uploaded files). The server builds the
// document (GET /api/krachtkaart/export/full, pb_hooks/export.pb.js) and restores it in parts of
// at most PART_BYTES (a request body may hold 2 MB), written at the end in one transaction.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export const FORMAT = 'krachtkaart-export';
export const VERSION = 1;
/** The most one restore request carries (the server takes 2 MB). */
export const PART_BYTES = 1_500_000;

/**
 * @typedef {{ name: string, type: string, multiple: boolean }} ExportField
 * @typedef {{ name: string, type: string, fields: ExportField[], count: number, records: Record<string, unknown>[] }} ExportCollection
 * @typedef {{ format: string, version: number, exportedAt: string, collections: ExportCollection[] }} FullExport
 */

/**
 * The export as a zip's bytes.
 * @param {FullExport} data
 * @returns {Uint8Array}
 */
export function exportToZip(data) {
	const manifest = {
		format: data.format,
		version: data.version,
		exportedAt: data.exportedAt,
		collections: data.collections.map(({ name, type, fields, count }) => ({
			name,
			type,
			fields,
			count
		}))
	};
	/** @type {Record<string, Uint8Array>} */
	const files = { 'manifest.json': strToU8(JSON.stringify(manifest, null, 1)) };
	for (const collection of data.collections) {
		files[`collections/${collection.name}.json`] = strToU8(JSON.stringify(collection.records));
	}
	return zipSync(files, { level: 6 });
}

/**
 * A zip's bytes back to the export; throws an Error that names what is wrong (not a zip, not
 * Krachtkaart's, a file missing or not matching its count).
 * @param {Uint8Array} bytes
 * @returns {FullExport}
 */
export function zipToExport(bytes) {
	/** @type {Record<string, Uint8Array>} */
	let files;
	try {
		files = unzipSync(bytes);
	} catch (error) {
		throw new Error(`geen zip-bestand (${error instanceof Error ? error.message : error})`, {
			cause: error
		});
	}
	const manifestBytes = files['manifest.json'];
	if (!manifestBytes) throw new Error('manifest.json ontbreekt: geen export van Krachtkaart');
	const manifest = parseJson(manifestBytes, 'manifest.json');
	if (manifest?.format !== FORMAT || manifest.version !== VERSION) {
		throw new Error(`manifest.json: geen export van Krachtkaart (${FORMAT}, versie ${VERSION})`);
	}
	/** @type {ExportCollection[]} */
	const collections = [];
	for (const entry of manifest.collections ?? []) {
		const path = `collections/${entry.name}.json`;
		const file = files[path];
		if (!file) throw new Error(`${path} ontbreekt`);
		const records = parseJson(file, path);
		if (!Array.isArray(records)) throw new Error(`${path}: geen lijst van records`);
		if (records.length !== entry.count) {
			throw new Error(`${path}: ${records.length} records, manifest.json noemt er ${entry.count}`);
		}
		collections.push({ ...entry, records });
	}
	return {
		format: manifest.format,
		version: manifest.version,
		exportedAt: manifest.exportedAt,
		collections
	};
}

/** @param {Uint8Array} bytes @param {string} path @returns {any} */
function parseJson(bytes, path) {
	try {
		return JSON.parse(strFromU8(bytes));
	} catch (error) {
		throw new Error(
			`${path}: geen geldige JSON (${error instanceof Error ? error.message : error})`,
			{ cause: error }
		);
	}
}

/**
 * The export's records in parts of at most `maxBytes` of JSON each (a record larger than that
 * goes alone), in the export's order.
 * @param {FullExport} data
 * @param {number} [maxBytes]
 * @returns {{ collection: string, records: Record<string, unknown>[] }[]}
 */
export function restoreParts(data, maxBytes = PART_BYTES) {
	/** @type {{ collection: string, records: Record<string, unknown>[] }[]} */
	const parts = [];
	for (const collection of data.collections) {
		/** @type {Record<string, unknown>[]} */
		let records = [];
		let size = 0;
		for (const record of collection.records) {
			// Bytes as sent: UTF-8, so an é counts twice.
			const bytes = strToU8(JSON.stringify(record)).length + 1;
			if (records.length > 0 && size + bytes > maxBytes) {
				parts.push({ collection: collection.name, records });
				records = [];
				size = 0;
			}
			records.push(record);
			size += bytes;
		}
		if (records.length > 0) parts.push({ collection: collection.name, records });
	}
	return parts;
}

/**
 * @typedef {{ send: (path: string, options: { method: string, body?: unknown }) => Promise<any> }} Sender
 *   a PocketBase client signed in as a superuser
 */

/**
 * Restores an export through the server's restore routes: begin, the parts, commit (all or
 * nothing). Refused by the server when the instance holds data, unless `force`.
 * @param {Sender} pb
 * @param {FullExport} data
 * @param {{ force?: boolean, onProgress?: (done: number, total: number) => void }} [options]
 * @returns {Promise<{ counts: Record<string, number>, danglingRelations: string[] }>}
 */
export async function restoreExport(pb, data, options = {}) {
	/** @type {Record<string, number>} */
	const counts = {};
	for (const collection of data.collections) counts[collection.name] = collection.records.length;
	const manifest = { format: data.format, version: data.version, counts };
	const { restoreId } = await pb.send('/api/krachtkaart/restore/begin', {
		method: 'POST',
		body: { manifest }
	});
	const parts = restoreParts(data);
	for (let i = 0; i < parts.length; i++) {
		await pb.send('/api/krachtkaart/restore/part', {
			method: 'POST',
			body: { restoreId, ...parts[i] }
		});
		options.onProgress?.(i + 1, parts.length + 1);
	}
	const result = await pb.send('/api/krachtkaart/restore/commit', {
		method: 'POST',
		body: { restoreId, force: options.force === true }
	});
	options.onProgress?.(parts.length + 1, parts.length + 1);
	return result;
}
