#!/usr/bin/env node
// `npm run restore -- <export.zip> [--force]`: restores an admin's full export (Beheer ▸ Export ▸
// "Alles exporteren", src/lib/export/backup.js) into the running server of this machine, with the
// same KRACHTKAART_HTTP and KRACHTKAART_DATA as `npm start` (start it with KRACHTKAART_DEMO=0 for
// a fresh instance). The same ids, relations and dates come back; users have no password until
// they set one ("wachtwoord vergeten"), and uploaded files (avatars) are not in an export.
// A server that holds data is refused unless --force, which replaces all of it. All or nothing:
// the server writes every record in one transaction (pb_hooks/export.pb.js).
// No password is typed: a superuser for this run only is made with `pocketbase superuser upsert`
// in the data dir, signs in with a code from `pocketbase superuser otp`
// (scripts/superuser-session.mjs) and is removed afterwards. Asks nothing, so it runs unattended.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { restoreExport, zipToExport } from '../src/lib/export/backup.js';
import { ensurePocketBase } from './pocketbase.mjs';
import { withRunSuperuser } from './superuser-session.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} message */
function fail(message) {
	console.error(`restore: ${message}`);
	process.exit(1);
}

/** @param {string[]} argv */
function parseArgs(argv) {
	const force = argv.includes('--force');
	const files = argv.filter((arg) => !arg.startsWith('--'));
	const unknown = argv.filter((arg) => arg.startsWith('--') && arg !== '--force');
	if (unknown.length > 0) fail(`onbekende optie ${unknown.join(' ')}`);
	if (files.length !== 1) fail('gebruik: npm run restore -- <export.zip> [--force]');
	return { file: resolve(process.cwd(), files[0]), force };
}

/** @param {unknown} error */
function describe(error) {
	const response = /** @type {{ response?: { message?: string, data?: unknown } }} */ (error)
		?.response;
	if (response?.message) return response.message;
	return error instanceof Error ? error.message : String(error);
}

async function main() {
	const { file, force } = parseArgs(process.argv.slice(2));
	const http = process.env.KRACHTKAART_HTTP || '127.0.0.1:8090';
	const dataDir = resolve(root, process.env.KRACHTKAART_DATA || 'pb_data');
	if (!existsSync(file)) fail(`${file}: bestand bestaat niet`);
	let data;
	try {
		data = zipToExport(new Uint8Array(readFileSync(file)));
	} catch (error) {
		fail(`${file}: ${describe(error)}`);
		return;
	}
	const url = `http://${http}`;
	const healthy = await fetch(`${url}/api/health`).then(
		(r) => r.ok,
		() => false
	);
	if (!healthy) {
		fail(
			`geen server op ${url}: start hem eerst (KRACHTKAART_DEMO=0 npm start) met dezelfde KRACHTKAART_HTTP en KRACHTKAART_DATA`
		);
	}
	const bin = await ensurePocketBase();
	const email = `restore-${randomBytes(4).toString('hex')}@krachtkaart.invalid`;
	try {
		await withRunSuperuser({ bin, email, dataDir, url, args: [`--dir=${dataDir}`] }, async (pb) => {
			const total = data.collections.reduce((n, c) => n + c.records.length, 0);
			console.log(`restore: ${total} records uit ${file} (export van ${data.exportedAt})`);
			const result = await restoreExport(pb, data, {
				force,
				onProgress: (done, of) => {
					if (process.stdout.isTTY) process.stdout.write(`\rrestore: deel ${done} van ${of}`);
				}
			});
			if (process.stdout.isTTY) process.stdout.write('\n');
			for (const [name, count] of Object.entries(result.counts)) console.log(`${name}: ${count}`);
			if (result.danglingRelations.length > 0) {
				console.log(
					`let op, verwijzingen naar records die er niet zijn (ook zo in de export): ${result.danglingRelations.join(', ')}`
				);
			}
			console.log(
				'restore: klaar. Gebruikers stellen een nieuw wachtwoord in via "wachtwoord vergeten".'
			);
		});
	} catch (error) {
		// Not fail(): the superuser of this run is removed first.
		console.error(`restore: niets hersteld: ${describe(error)}`);
		process.exitCode = 1;
	}
}

await main();
