// `npm run import -- <areas|addresses|assets> <file> [--dry-run] [--skip-outside]`: imports a file
// into the running server (KRACHTKAART_HTTP, KRACHTKAART_DATA as `npm start`), on the server's own
// machine. The file is read and checked here with the same code as the page (src/lib/import/);
// every bad row is printed as `line N: reason`, and then nothing is written and it exits 1. Good
// rows go to the server's bulk import (pb_hooks/import.pb.js) in one transaction: all or nothing.
// It prints a summary (created, updated, unchanged), shows progress on a terminal, asks nothing.
//
// How it acts: a superuser of its own, made for the run with a random password
// (`pocketbase superuser upsert`), signed in with a code from `pocketbase superuser otp`
// (scripts/superuser-session.mjs) and deleted afterwards: the operator types no password, and
// whoever can run those commands can change the data dir anyway.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDRESS_FIELDS, addressRows } from '../src/lib/import/addresses.js';
import { AREA_FIELDS, areaRows } from '../src/lib/import/areas.js';
import { ASSET_FIELDS, assetRows } from '../src/lib/import/assets.js';
import { guessMapping } from '../src/lib/import/fields.js';
import { sendImport } from '../src/lib/import/send.js';
import { ImportFileError, MAX_BYTES, readTableAsync } from '../src/lib/import/table.js';
import { ensurePocketBase } from './pocketbase.mjs';
import { withRunSuperuser } from './superuser-session.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The import's own superuser (`.invalid`: no mail can ever reach anyone). */
const IMPORT_SUPERUSER = 'krachtkaart-import@import.invalid';

const USAGE = `usage: npm run import -- <areas|addresses|assets> <file> [--dry-run] [--skip-outside]
  addresses: BAG as GeoJSON, GeoPackage (PDOK) or CSV (RD x/y or lat/lon); key: the nummeraanduiding id
  areas:     GeoJSON, GeoPackage or zipped Shapefile polygons (CBS wijk- en buurtkaart: buurtcode, wijkcode, statcode, …; WGS84
             or RD New); key: the code; admins' reference data, each area under its parent
  assets:    CSV or XLSX as Dutch teams keep them (';', decimal commas, Dutch headers); kind and themes
             by code or label; without coordinates placed on the imported address  --dry-run        check everything and say what would happen; write nothing
  --skip-outside   import the rest when some addresses lie outside every area (listed)
  the server: KRACHTKAART_HTTP (default 127.0.0.1:8090), KRACHTKAART_DATA (default ./pb_data)`;

/** @param {string[]} argv */
export function parseArgs(argv) {
	const flags = argv.filter((a) => a.startsWith('--'));
	const rest = argv.filter((a) => !a.startsWith('--'));
	const unknown = flags.filter((f) => !['--dry-run', '--skip-outside'].includes(f));
	if (rest.length !== 2 || unknown.length > 0) return null;
	return {
		kind: rest[0],
		file: rest[1],
		dryRun: flags.includes('--dry-run'),
		skipOutside: flags.includes('--skip-outside')
	};
}

/**
 * Reads and checks a file of one kind: the rows to send, or what is wrong with it.
 * @param {'addresses' | 'areas' | 'assets'} kind @param {string} file
 */
export async function readRows(kind, file) {
	const size = statSync(file).size;
	if (size > MAX_BYTES) {
		throw new ImportFileError(
			`${basename(file)}: ${Math.round(size / 1048576)} MB, meer dan ${MAX_BYTES / 1048576} MB / over ${MAX_BYTES / 1048576} MB; splits het bestand / split the file`
		);
	}
	const table = await readTableAsync(basename(file), readFileSync(file));
	if (kind === 'areas') {
		const mapping = guessMapping(table.columns, AREA_FIELDS);
		return { table, mapping, ...areaRows(table, mapping) };
	}
	if (kind === 'assets') {
		const mapping = guessMapping(table.columns, ASSET_FIELDS);
		return { table, mapping, ...assetRows(table, mapping) };
	}
	const mapping = guessMapping(table.columns, ADDRESS_FIELDS);
	return { table, mapping, ...addressRows(table, mapping) };
}

/**
 * Runs `task` with a client of the server at `url`, signed in as a superuser made for it.
 * @template T
 * @param {{ url: string, dataDir: string }} instance
 * @param {(pb: PocketBase) => Promise<T>} task
 * @returns {Promise<T>}
 */
async function asImportSuperuser({ url, dataDir }, task) {
	const healthy = await fetch(`${url}/api/health`).then(
		(r) => r.ok,
		() => false
	);
	if (!healthy) {
		throw new Error(
			`geen server op ${url}; start hem met npm start (KRACHTKAART_HTTP) / no server answers at ${url}; start it with npm start`
		);
	}
	const bin = await ensurePocketBase();
	const common = [
		`--dir=${dataDir}`,
		`--migrationsDir=${join(root, 'pb_migrations')}`,
		`--hooksDir=${join(root, 'pb_hooks')}`,
		'--automigrate=false'
	];
	return withRunSuperuser({ bin, email: IMPORT_SUPERUSER, dataDir, url, args: common }, task);
}

/**
 * @param {string[]} argv
 * @param {{ env?: NodeJS.ProcessEnv, out?: (line: string) => void, progress?: ((text: string) => void) | null }} [io]
 * @returns {Promise<number>} the exit code
 */
export async function main(argv, io = {}) {
	const env = io.env ?? process.env;
	const out = io.out ?? ((line) => console.log(line));
	const progress =
		io.progress !== undefined
			? io.progress
			: process.stderr.isTTY
				? (/** @type {string} */ text) => process.stderr.write(`\r${text}`)
				: null;
	const args = parseArgs(argv);
	if (!args) {
		out(USAGE);
		return 2;
	}
	if (args.kind !== 'addresses' && args.kind !== 'areas' && args.kind !== 'assets') {
		out(USAGE);
		return 2;
	}
	const kind = args.kind;
	let read;
	try {
		read = await readRows(kind, args.file);
	} catch (error) {
		out(error instanceof Error ? error.message : String(error));
		return 1;
	}
	if (read.fileError) {
		out(`${basename(args.file)}: ${read.fileError}`);
		return 1;
	}
	for (const e of read.errors) out(`line ${e.line}: ${e.reason}`);
	if (read.errors.length > 0) {
		out(
			`${read.errors.length} ongeldige rij(en), niets geïmporteerd / ${read.errors.length} invalid row(s), nothing imported`
		);
		return 1;
	}
	const instance = {
		url: `http://${env.KRACHTKAART_HTTP || '127.0.0.1:8090'}`,
		dataDir: resolve(root, env.KRACHTKAART_DATA || 'pb_data')
	};
	out(
		`${read.rows.length} ${{ areas: 'gebieden / areas', assets: 'krachten / assets', addresses: 'adressen / addresses' }[kind]} (${read.table.encoding}, ${read.crs === 'rd' ? 'RD New' : 'WGS84'})`
	);
	const result = await asImportSuperuser(instance, (pb) =>
		sendImport(pb, kind, read.rows, {
			dryRun: args.dryRun,
			skipOutside: args.skipOutside,
			onProgress: (done, total) => progress?.(`versturen / sending ${done}/${total}`)
		})
	);
	if (progress) progress('\n');
	for (const e of result.errors) out(`line ${e.line}: ${e.reason}`);
	for (const o of result.outside) {
		out(
			`line ${o.line}: ligt in geen enkel gebied / outside every area (${o.street} ${o.number}, ${o.bagId})`
		);
	}
	const more =
		result.errorCount - result.errors.length + result.outsideCount - result.outside.length;
	if (more > 0) out(`… en nog ${more} / and ${more} more`);
	const summary = `created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}${result.skipped ? `, skipped (outside) ${result.skipped}` : ''}`;
	if (!result.ok) {
		out(`niets geïmporteerd / nothing imported (${summary})`);
		return 1;
	}
	out(
		result.dryRun ? `proefrun, niets geschreven / dry run, nothing written: ${summary}` : summary
	);
	return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error) => {
			console.error(error instanceof Error ? error.message : error);
			process.exit(1);
		}
	);
}
