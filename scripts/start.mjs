#!/usr/bin/env node
// `npm start`: PocketBase (found or built), the app (built when its sources changed), the
// migrations, the demo data (loaded once; on a later start its dates are moved forward when it has
// aged a week or more: scripts/demo/refresh.mjs), then app + API at http://127.0.0.1:8090.
//   KRACHTKAART_HTTP   host:port to serve on          (default 127.0.0.1:8090)
//   KRACHTKAART_DATA   PocketBase data directory      (default ./pb_data)
//   KRACHTKAART_DEMO   "0" for no demo data and users (default: load them)
//   KRACHTKAART_BASEMAP  auto | online | offline      (read by pb_hooks/config.pb.js)
//   KRACHTKAART_MAIL_DIR where mail lands without SMTP (default <data dir>/mail_drop;
//                        read by pb_hooks/mail.pb.js)
//   KRACHTKAART_ORIGINS  the origins the API answers cross-origin requests of (CORS), comma-
//                        separated, e.g. https://kaart.gemeente.nl behind a reverse proxy
//                        (default: http://<KRACHTKAART_HTTP>; never "*")
// Flags: --no-build skips the app build (for `vite dev`, which serves the app itself).
// Without the demo and while no admin exists, it prints a one-time setup link (valid one hour) for
// the first admin and her gemeente (pb_hooks/setup.pb.js, scripts/setup.mjs).
// With the demo, the PocketBase dashboard (/_/) has a superuser of its own: the demo admin's
// address with a password generated on the first start, kept in <data dir>/demo-superuser.txt
// (owner only) and printed at each start; she signs in with a mailed code too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import PocketBase, { ClientResponseError } from 'pocketbase';
import { refreshDemo } from './demo/refresh.mjs';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './demo/seed.mjs';
import { allowedOrigins, ensurePocketBase } from './pocketbase.mjs';
import { scriptPassword, signInSuperuser } from './superuser-session.mjs';
import { firstRunLink } from './setup.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const http = process.env.KRACHTKAART_HTTP || '127.0.0.1:8090';
const dataDir = resolve(root, process.env.KRACHTKAART_DATA || 'pb_data');
const withDemo = process.env.KRACHTKAART_DEMO !== '0';
const skipBuild = process.argv.includes('--no-build');

const DEMO_LOGINS = DEMO_USERS.map((user) => `${user.email} (${user.role})`);
const DEMO_ADMIN = DEMO_USERS[0].email;
/** Where the demo superuser's password is kept (not the demo users' one: she may do anything). */
const demoSuperuserFile = join(dataDir, 'demo-superuser.txt');

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

/** The demo superuser's password: generated on the first start, then read back. */
function demoSuperuserPassword() {
	if (existsSync(demoSuperuserFile)) return readFileSync(demoSuperuserFile, 'utf8').trim();
	const password = scriptPassword(18);
	writeFileSync(demoSuperuserFile, `${password}\n`, { mode: 0o600 });
	return password;
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
	const url = `http://${http}`;
	const origins = allowedOrigins(url, process.env.KRACHTKAART_ORIGINS);
	runPocketBase(bin, ['migrate', 'up', ...common]);
	const superuser = withDemo
		? { email: DEMO_ADMIN, password: demoSuperuserPassword(), dataDir, bin }
		: null;
	if (superuser) {
		runPocketBase(bin, ['superuser', 'upsert', superuser.email, superuser.password, ...common]);
	}

	const server = spawn(
		bin,
		[
			'serve',
			`--http=${http}`,
			`--origins=${origins}`,
			`--publicDir=${join(root, 'build')}`,
			'--hooksWatch=false',
			...common
		],
		{
			cwd: root,
			stdio: ['ignore', 'ignore', 'inherit'],
			// Links in mails (invitations, password resets) point here unless the dashboard's
			// Application URL says otherwise (pb_hooks/config.pb.js).
			env: { KRACHTKAART_APP_URL: origins.split(',')[0], ...process.env }
		}
	);
	const stop = (/** @type {NodeJS.Signals} */ signal) => server.kill(signal);
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	server.on('exit', (code) => process.exit(code ?? 0));

	await waitForHealth(url);
	if (superuser) {
		const pb = new PocketBase(url);
		await signInSuperuser(pb, superuser);
		const result = await seedDemo({ pb, log: say });
		say(result.loaded ? 'demo data loaded' : 'demo data was loaded before');
		// A demo loaded weeks ago is moved forward, so its talks and confirmations stay recent.
		if (!result.loaded) await refreshDemo({ pb, log: say });
	}

	say(`Krachtkaart runs at ${url}  (PocketBase dashboard: ${url}/_/)`);
	say(`the API answers cross-origin requests of ${origins} only (KRACHTKAART_ORIGINS)`);
	if (superuser) {
		say(`demo logins (demo only, never use these in production), password "${DEMO_PASSWORD}":`);
		DEMO_LOGINS.forEach((login) => say(`  ${login}`));
		say(
			`dashboard (${url}/_/): superuser ${superuser.email}, password "${superuser.password}" ` +
				`(kept in ${demoSuperuserFile})`
		);
		// pb_migrations/1763901800_users_mfa_otp.js, 1763902400_superusers_mfa_otp.js; the folder
		// is pb_hooks/mail.pb.js's default.
		const mailDir = process.env.KRACHTKAART_MAIL_DIR || join(dataDir, 'mail_drop');
		say(
			`coordinator, admin and superuser also type a code sent by e-mail; without SMTP it lands in ${mailDir} and is shown here`
		);
	}
	if (!superuser) {
		// No demo: while no admin exists, a one-time link to set this instance up (shown here only;
		// each start makes a new one, and the one before stops working). scripts/setup.mjs.
		const first = await firstRunLink({ bin, dataDir, url, publicUrl: origins.split(',')[0] }).catch(
			(error) => {
				// The request and status too: a refusal names which step failed.
				const where =
					error instanceof ClientResponseError ? ` (${error.status} at ${error.url})` : '';
				say(
					`could not make a setup link (${error instanceof Error ? error.message : error}${where}):`
				);
				say('  set up with npm run setup -- --gemeente <CBS code or name> --admin <email>');
				return null;
			}
		);
		if (first) {
			say('no admin yet: set up this instance (first admin, gemeente) within one hour at');
			say(`  ${first.link}`);
			say(
				'  (shown here only; or on this machine: npm run setup -- --gemeente <CBS code or name> --admin <email>)'
			);
		}
	}
	say('stop with Ctrl+C');
}

main().catch((error) => {
	console.error(`[krachtkaart] ${error instanceof Error ? error.message : error}`);
	process.exit(1);
});
