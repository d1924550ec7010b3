#!/usr/bin/env node
// `npm start`: PocketBase (found or built), the app (built when its sources changed), the
// migrations, the demo data (loaded once), then app + API at http://127.0.0.1:8090.
//   KRACHTKAART_HTTP   host:port to serve on          (default 127.0.0.1:8090)
//   KRACHTKAART_DATA   PocketBase data directory      (default ./pb_data)
//   KRACHTKAART_DEMO   "0" for no demo data and users (default: load them)
//   KRACHTKAART_BASEMAP  auto | online | offline      (read by pb_hooks/config.pb.js)
//   KRACHTKAART_MAIL_DIR where mail lands without SMTP (default <data dir>/mail_drop;
//                        read by pb_hooks/mail.pb.js)
// Flags: --no-build skips the app build (for `vite dev`, which serves the app itself).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './demo/seed.mjs';
import { ensurePocketBase } from './pocketbase.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const http = process.env.KRACHTKAART_HTTP || '127.0.0.1:8090';
const dataDir = resolve(root, process.env.KRACHTKAART_DATA || 'pb_data');
const withDemo = process.env.KRACHTKAART_DEMO !== '0';
const skipBuild = process.argv.includes('--no-build');

const DEMO_LOGINS = DEMO_USERS.map((user) => `${user.email} (${user.role})`);
const DEMO_ADMIN = DEMO_USERS[0].email;

/** @param {string} message */
const say = (message) => console.log(`[krachtkaart] ${message}`);

/** The newest modification time below the given paths. @param {string[]} paths */
function newestChange(paths) {
	let newest = 0;
	const visit = (/** @type {string} */ path) => {
		if (!existsSync(path)) return;
		const stat = statSync(path);
		if (stat.isDirectory()) {
			for (const entry of readdirSync(path)) {
				if (entry !== 'paraglide') visit(join(path, entry));
			}
		} else {
			newest = Math.max(newest, stat.mtimeMs);
		}
	};
	paths.forEach((p) => visit(join(root, p)));
	return newest;
}

function buildIfStale() {
	const index = join(root, 'build', 'index.html');
	const sources = [
		'src',
		'static',
		'messages',
		'svelte.config.js',
		'vite.config.ts',
		'package-lock.json'
	];
	if (existsSync(index) && statSync(index).mtimeMs > newestChange(sources)) return;
	say('building the app...');
	const result = spawnSync(
		process.execPath,
		[join(root, 'node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: root,
			stdio: 'inherit'
		}
	);
	if (result.status !== 0) throw new Error('the app build failed (see above)');
}

/** @param {string} bin @param {string[]} args */
function runPocketBase(bin, args) {
	const result = spawnSync(bin, args, { cwd: root, encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(`pocketbase ${args[0]} failed:\n${result.stdout}${result.stderr}`);
	}
	return result.stdout;
}

/** @param {string} url */
async function waitForHealth(url) {
	for (let i = 0; i < 300; i++) {
		try {
			if ((await fetch(`${url}/api/health`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`PocketBase did not answer at ${url}`);
}

async function main() {
	const bin = await ensurePocketBase();
	if (!skipBuild) buildIfStale();

	const common = [
		`--dir=${dataDir}`,
		`--migrationsDir=${join(root, 'pb_migrations')}`,
		`--hooksDir=${join(root, 'pb_hooks')}`,
		'--automigrate=false'
	];
	runPocketBase(bin, ['migrate', 'up', ...common]);
	if (withDemo) {
		// The demo admin can also open PocketBase's own dashboard (/_/).
		runPocketBase(bin, ['superuser', 'upsert', DEMO_ADMIN, DEMO_PASSWORD, ...common]);
	}

	const server = spawn(
		bin,
		[
			'serve',
			`--http=${http}`,
			`--publicDir=${join(root, 'build')}`,
			'--hooksWatch=false',
			...common
		],
		{ cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }
	);
	const stop = (/** @type {NodeJS.Signals} */ signal) => server.kill(signal);
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	server.on('exit', (code) => process.exit(code ?? 0));

	const url = `http://${http}`;
	await waitForHealth(url);
	if (withDemo) {
		const result = await seedDemo({
			url,
			superuserEmail: DEMO_ADMIN,
			superuserPassword: DEMO_PASSWORD,
			log: say
		});
		say(result.loaded ? 'demo data loaded' : 'demo data was loaded before');
	}

	say(`Krachtkaart runs at ${url}  (PocketBase dashboard: ${url}/_/)`);
	if (withDemo) {
		say(`demo logins (demo only, never use these in production), password "${DEMO_PASSWORD}":`);
		DEMO_LOGINS.forEach((login) => say(`  ${login}`));
		// pb_migrations/1763901800_users_mfa_otp.js; the folder is pb_hooks/mail.pb.js's default.
		const mailDir = process.env.KRACHTKAART_MAIL_DIR || join(dataDir, 'mail_drop');
		say(
			`coordinator and admin also type a code sent by e-mail; without SMTP it lands in ${mailDir} and is shown here`
		);
	}
	say('stop with Ctrl+C');
}

main().catch((error) => {
	console.error(`[krachtkaart] ${error instanceof Error ? error.message : error}`);
	process.exit(1);
});
