// Sends checked rows to the server's bulk import (pb_hooks/import.pb.js): in chunks under the
// server's 2 MB body limit, then one commit that writes all or nothing. The page and the CLI
// both use it, with any PocketBase client.

/** Bytes of JSON per chunk: under the 2 MB body limit with room to spare. */
export const CHUNK_BYTES = 1_500_000;

/**
 * @typedef {{
 *   ok: boolean, dryRun: boolean, rows: number, created: number, updated: number, unchanged: number,
 *   skipped: number, errors: Array<{ line: number, reason: string }>, errorCount: number,
 *   outside: Array<{ line: number, bagId?: string, street?: string, number?: string }>, outsideCount: number
 * }} ImportResult
 */

/**
 * Rows in chunks of at most `maxBytes` of JSON each (a single larger row is a chunk of its own).
 * @template T @param {T[]} rows @param {number} [maxBytes]
 * @returns {T[][]}
 */
export function chunkRows(rows, maxBytes = CHUNK_BYTES) {
	/** @type {T[][]} */
	const chunks = [];
	/** @type {T[]} */
	let current = [];
	let size = 2;
	for (const row of rows) {
		const bytes = new TextEncoder().encode(JSON.stringify(row)).length + 1;
		if (current.length > 0 && size + bytes > maxBytes) {
			chunks.push(current);
			current = [];
			size = 2;
		}
		current.push(row);
		size += bytes;
	}
	if (current.length > 0) chunks.push(current);
	return chunks;
}

/** @returns {string} a job id: 15 letters and digits */
export function newJobId() {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = crypto.getRandomValues(new Uint8Array(15));
	return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Stages the rows and commits them. A commit the server refuses (422: rows that are wrong)
 * resolves with its result (`ok: false`); anything else that fails throws.
 * @param {import('pocketbase').default} pb
 * @param {'addresses' | 'areas' | 'assets'} kind
 * @param {unknown[]} rows
 * @param {{ dryRun?: boolean, skipOutside?: boolean, onProgress?: (done: number, total: number) => void }} [options]
 * @returns {Promise<ImportResult>}
 */
export async function sendImport(pb, kind, rows, options = {}) {
	const job = newJobId();
	const chunks = chunkRows(rows);
	let sent = 0;
	for (const [seq, chunk] of chunks.entries()) {
		await pb.send(`/api/krachtkaart/import/${kind}/chunk`, {
			method: 'POST',
			body: { job, seq, rows: chunk },
			requestKey: null
		});
		sent += chunk.length;
		options.onProgress?.(sent, rows.length);
	}
	try {
		return await pb.send(`/api/krachtkaart/import/${kind}/commit`, {
			method: 'POST',
			body: { job, dryRun: options.dryRun === true, skipOutside: options.skipOutside === true },
			requestKey: null
		});
	} catch (error) {
		const e = /** @type {{ status?: number, response?: any }} */ (error);
		if (e.status === 422 && e.response && typeof e.response.ok === 'boolean') return e.response;
		throw error;
	}
}
