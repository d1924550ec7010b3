#!/usr/bin/env node
// `npm run setup -- --gemeente <CBS code or name> --admin <email> [--name <name>]`: a new
// instance's first gemeente (its wijken and buurten from the bundled CBS boundaries,
// pb_hooks/data/cbs/) and its admin, from the server's own machine, with the same
// KRACHTKAART_HTTP and KRACHTKAART_DATA as `npm start`. It prints a one-time link (valid one hour)
// where the admin sets her password, or takes the password from KRACHTKAART_ADMIN_PASSWORD.
// Running it again doubles nothing (area codes are unique) and, without a password, makes a new
// link. It never asks anything: the operator types no password. Works while the server runs
// (through its API) and while it does not (then it serves the data dir on a free port meanwhile).
//
// How it acts: a superuser of its own, made for the run with a random password
// (`pocketbase superuser upsert`), signed in with a code from `pocketbase superuser otp`
// (scripts/superuser-session.mjs) and deleted afterwards; whoever can run those can change the
// data dir anyway. The server does the work in one transaction, audited
// (pb_hooks/setup.pb.js, POST /api/krachtkaart/setup/run). `npm start` uses firstRunLink below.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClientResponseError } from 'pocketbase';
import { ensurePocketBase, servePocketBase, stopPocketBase } from './pocketbase.mjs';
import { withRunSuperuser } from './superuser-session.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The setup superuser's address (`.invalid`: no mail can ever reach anyone). */
const SETUP_SUPERUSER = 'krachtkaart-setup@setup.invalid';

const USAGE = `usage: npm run setup -- --gemeente <CBS code or name> --admin <email> [--name <name>]
  the admin's password: KRACHTKAART_ADMIN_PASSWORD, else a link where she sets it herself
  the server: KRACHTKAART_HTTP (default 127.0.0.1:8090), KRACHTKAART_DATA (default ./pb_data)`;

/** The options of `npm start` and of this script, from the environment. */
export function instanceOf(env = process.env) {
	const http = env.KRACHTKAART_HTTP || '127.0.0.1:8090';
	const dataDir = resolve(root, env.KRACHTKAART_DATA || 'pb_data');
	const url = `http://${http}`;
	// Links are for the admin's browser: the public origin behind a proxy when one is configured.
	const first = (env.KRACHTKAART_ORIGINS || '').split(',')[0]?.trim().replace(/\/+$/, '');
	return { http, dataDir, url, publicUrl: first || url };
}

/** pocketbase's flags for the data dir, migrations and hooks. @param {string} dataDir */
const commonArgs = (dataDir) => [
	`--dir=${dataDir}`,
	`--migrationsDir=${join(root, 'pb_migrations')}`,
	`--hooksDir=${join(root, 'pb_hooks')}`,
	'--automigrate=false'
];

/** @param {string} bin @param {string[]} args */
function run(bin, args) {
	const result = spawnSync(bin, args, { cwd: root, encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(
			`pocketbase ${args.slice(0, 2).join(' ')} failed:\n${result.stdout}${result.stderr}`
		);
	}
}

/** @param {string} url */
async function answers(url) {
	return fetch(`${url}/api/health`).then(
		(r) => r.ok,
		() => false
	);
}

/**
 * Runs `task` with a client signed in as a superuser made for it (deleted afterwards), against
 * the server at `url` or, when nothing answers there, one serving `dataDir` meanwhile.
 * @template T
 * @param {{ bin: string, dataDir: string, url: string }} instance
 * @param {(pb: PocketBase) => Promise<T>} task
 * @returns {Promise<T>}
 */
export async function withSetupSuperuser({ bin, dataDir, url }, task) {
	const common = commonArgs(dataDir);
	/** @type {import('node:child_process').ChildProcess | null} */
	let own = null;
	let base = url;
	if (!(await answers(url))) {
		run(bin, ['migrate', 'up', ...common]);
		const served = await servePocketBase(bin, [...common, '--hooksWatch=false']);
		own = served.child;
		base = served.url;
	}
	try {
		return await withRunSuperuser(
			{ bin, email: SETUP_SUPERUSER, dataDir, url: base, args: common },
			task
		);
	} finally {
		await stopPocketBase(own);
	}
}

/**
 * The first-run link of a running server while it has no admin (`npm start` prints it), else null.
 * @param {{ bin: string, dataDir: string, url: string, publicUrl: string }} instance
 * @returns {Promise<{ link: string, expiresAt: string } | null>}
 */
export async function firstRunLink(instance) {
	return withSetupSuperuser(instance, async (pb) => {
		try {
			const made = await pb.send('/api/krachtkaart/setup/link', { method: 'POST' });
			return { link: `${instance.publicUrl}${made.path}`, expiresAt: made.expiresAt };
		} catch (error) {
			if (error instanceof ClientResponseError && error.status === 409) return null;
			throw error;
		}
	});
}

/**
 * The options of the command line; an error message for anything missing or unknown.
 * @param {string[]} argv
 * @returns {{ gemeente: string, admin: string, name: string } | { error: string }}
 */
export function parseArgs(argv) {
	const options = { gemeente: '', admin: '', name: '' };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s);
		const key = flag.replace(/^--/, '');
		if (!flag.startsWith('--') || !(key in options)) return { error: `unknown option ${argv[i]}` };
		const value = inline ?? argv[++i];
		if (value === undefined || value === '') return { error: `${flag} needs a value` };
		options[/** @type {keyof typeof options} */ (key)] = value;
	}
	if (!options.gemeente) return { error: '--gemeente is missing' };
	if (!options.admin) return { error: '--admin is missing' };
	return options;
}

/** @param {unknown} error */
function describe(error) {
	if (error instanceof ClientResponseError) {
		const data = /** @type {Record<string, { message?: string }>} */ (error.response?.data ?? {});
		const fields = Object.entries(data).map(([field, v]) => `  ${field}: ${v?.message ?? v}`);
		return [error.response?.message || error.message, ...fields].join('\n');
	}
	return error instanceof Error ? error.message : String(error);
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	if ('error' in options) {
		console.error(`setup: ${options.error}\n${USAGE}`);
		process.exit(2);
	}
	const instance = { ...instanceOf(), bin: await ensurePocketBase() };
	const password = process.env.KRACHTKAART_ADMIN_PASSWORD || '';
	const answer = await withSetupSuperuser(instance, (pb) =>
		pb.send('/api/krachtkaart/setup/run', {
			method: 'POST',
			body: {
				gemeente: options.gemeente,
				email: options.admin,
				name: options.name,
				password
			}
		})
	);
	const { areas, admin, link } = answer;
	const years = areas.years ?? { gemeenten: 2024, buurten: 2016 };
	console.log(
		`gemeente ${areas.gemeente.name} (${areas.gemeente.code}): ${areas.created} areas created, ` +
			`${areas.existing} were there already (${areas.wijken} wijken, ${areas.buurten} buurten; ` +
			`boundaries CBS: gemeente ${years.gemeenten}, buurten ${years.buurten})`
	);
	if (!areas.buurtenComplete) {
		console.log(
			`  its bundled buurten cover ${areas.coverage}% of the gemeente: import its buurten ` +
				'(npm run import -- areas <file>, or Beheer ▸ Import)'
		);
	}
	console.log(`admin ${admin.email}: ${admin.created ? 'created' : 'was there already'}`);
	if (link) {
		console.log(
			`  she sets her password here (valid one hour, once): ${instance.publicUrl}${link.path}`
		);
	} else {
		console.log('  password: set from KRACHTKAART_ADMIN_PASSWORD');
	}
	console.log('  she signs in with her password and a code sent by e-mail');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((error) => {
		console.error(`setup: ${describe(error)}`);
		process.exit(1);
	});
}
