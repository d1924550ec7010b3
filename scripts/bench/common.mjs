// Helpers the bench scripts share (run.mjs cannot be imported: it runs its main on import).
// Plain Node ESM.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DATA_DIR = fileURLToPath(new URL('../demo/data/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A PocketBase data dir with the project's migrations run and a superuser, as every bench server
 * starts: returns the arguments that name it (data dir, migrations, hooks) for `servePocketBase`.
 * @param {string} bin the PocketBase binary
 * @param {string} dataDir
 * @param {{ email: string, password: string }} superuser
 * @returns {string[]}
 */
export function migratedPocketBase(bin, dataDir, superuser) {
	const common = [
		`--dir=${dataDir}`,
		`--migrationsDir=${join(ROOT, 'pb_migrations')}`,
		`--hooksDir=${join(ROOT, 'pb_hooks')}`,
		'--automigrate=false',
		'--hooksWatch=false'
	];
	for (const args of [
		['migrate', 'up'],
		['superuser', 'upsert', superuser.email, superuser.password]
	]) {
		const result = spawnSync(bin, [...args, ...common], { encoding: 'utf8' });
		if (result.status !== 0) {
			throw new Error(`pocketbase ${args[0]} failed:\n${result.stdout}${result.stderr}`);
		}
	}
	return common;
}

/** A CBS file of scripts/demo/data. @param {string} name @returns {{ features: any[] }} */
export const readGeoJson = (name) => JSON.parse(readFileSync(DATA_DIR + name, 'utf8'));

/** @param {any} geometry a (Multi)Polygon @returns {number[]} west, south, east, north */
export function bbox(geometry) {
	const points = geometry.coordinates.flat(geometry.type === 'Polygon' ? 1 : 2);
	const lons = points.map((/** @type {number[]} */ p) => p[0]);
	const lats = points.map((/** @type {number[]} */ p) => p[1]);
	return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** The upper median (of an odd count, the middle one). @param {number[]} values */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Bundles one TypeScript module of src/lib (with the packages it imports) with Vite and imports
 * it, so a bench runs the app's own code in Node.
 *
 * @param {string} root the project root
 * @param {string} entry the module, relative to the root (e.g. 'src/lib/gaps/gaps.ts')
 */
export async function importBundled(root, entry) {
	const { build } = await import('vite');
	const name = entry.split('/').pop().replace(/\.ts$/, '');
	const result = await build({
		configFile: false,
		root,
		logLevel: 'silent',
		resolve: { alias: { $lib: join(root, 'src/lib') } },
		build: {
			write: false,
			minify: true,
			lib: { entry: join(root, entry), formats: ['es'], fileName: name }
		}
	});
	const outputs = Array.isArray(result) ? result : [result];
	const chunk = outputs
		.flatMap((o) => ('output' in o ? o.output : []))
		.find((o) => o.type === 'chunk' && o.isEntry);
	if (!chunk || chunk.type !== 'chunk') throw new Error(`vite built no ${name} module`);
	const dir = mkdtempSync(join(tmpdir(), `krachtkaart-${name}-bench-`));
	try {
		const file = join(dir, `${name}.mjs`);
		writeFileSync(file, chunk.code);
		return await import(pathToFileURL(file).href);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
