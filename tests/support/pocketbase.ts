// Starts a real PocketBase for tests: a free port, a temporary data dir, the project's own
// migrations and hooks, a superuser to arrange fixtures with (she signs in with a code from
// `pocketbase superuser otp`: scripts/superuser-session.mjs), CORS for its own origin only, and a
// temporary folder its mail lands in (no SMTP: pb_hooks/mail.pb.js; read it with
// tests/support/mail-drop.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import PocketBase from 'pocketbase';
import {
	allowedOrigins,
	ensurePocketBase,
	freePort,
	stopPocketBase,
	waitForHealth
} from '../../scripts/pocketbase.mjs';
import { signInSuperuser } from '../../scripts/superuser-session.mjs';

export { freePort };

export const ROOT = resolve(import.meta.dirname, '../..');
export const SUPERUSER = {
	email: 'superuser@test.krachtkaart.nl',
	password: 'superuser-test-pass'
};

export interface RunningPocketBase {
	url: string;
	dataDir: string;
	/** KRACHTKAART_MAIL_DIR: where its mail lands, sign-in codes included. */
	mailDir: string;
	stop: () => Promise<void>;
	/** `kill -9`: no shutdown at all, the data dir and the mail dir are left as they are. */
	crash: () => Promise<void>;
}

/** The data dirs of the servers this process started, by URL: where a superuser's code is made. */
const dataDirs = new Map<string, string>();

/** The data dir of a server started in this process by startPocketBase. */
export function dataDirOf(url: string): string {
	const dataDir = dataDirs.get(url);
	if (!dataDir) throw new Error(`no PocketBase started by this test process serves ${url}`);
	return dataDir;
}

/** Signs `pb` in as the tests' superuser of the server that serves `dataDir` (both steps). */
export function signInTestSuperuser(pb: PocketBase, dataDir: string) {
	return signInSuperuser(pb, { ...SUPERUSER, dataDir });
}

/**
 * Starts PocketBase; `publicDir` serves a built app (e2e tests). `dataDir`: serve that existing
 * data dir (after `stop` or `crash`, as a restart does, or an unpacked backup, whose superuser is
 * the tests' own) instead of a new one; `stop` then leaves it in place for its owner to remove.
 */
export async function startPocketBase(
	options: {
		publicDir?: string;
		env?: Record<string, string>;
		dataDir?: string;
		/** Listen here (a restart that keeps the app's origin, and so the browser's storage). */
		port?: number;
	} = {}
): Promise<RunningPocketBase> {
	const bin = await ensurePocketBase();
	const ownDataDir = !options.dataDir;
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'krachtkaart-pb-'));
	// An empty data dir given by the caller gets the tests' superuser too.
	const fresh = !existsSync(join(dataDir, 'data.db'));
	const common = [
		`--dir=${dataDir}`,
		`--migrationsDir=${join(ROOT, 'pb_migrations')}`,
		`--hooksDir=${join(ROOT, 'pb_hooks')}`,
		'--automigrate=false',
		'--hooksWatch=false'
	];
	const migrate = spawnSync(bin, ['migrate', 'up', ...common], { encoding: 'utf8' });
	if (migrate.status !== 0)
		throw new Error(`migrations failed:\n${migrate.stdout}${migrate.stderr}`);
	const upsert = !fresh
		? null
		: spawnSync(bin, ['superuser', 'upsert', SUPERUSER.email, SUPERUSER.password, ...common], {
				encoding: 'utf8'
			});
	if (upsert && upsert.status !== 0)
		throw new Error(`superuser upsert failed:\n${upsert.stdout}${upsert.stderr}`);

	const port = options.port ?? (await freePort());
	const url = `http://127.0.0.1:${port}`;
	// CORS for the app's own origin only, as `npm start` does (KRACHTKAART_ORIGINS overrides it).
	const origins = allowedOrigins(url, options.env?.KRACHTKAART_ORIGINS);
	const args = ['serve', `--http=127.0.0.1:${port}`, `--origins=${origins}`, ...common];
	if (options.publicDir) args.push(`--publicDir=${options.publicDir}`);
	// KRACHTKAART_TEST_PB_LOG=1: the server's own log (errors of hooks included) on stderr.
	const echo = Boolean(process.env.KRACHTKAART_TEST_PB_LOG);
	if (echo) args.push('--dev');
	const ownMailDir = !options.env?.KRACHTKAART_MAIL_DIR;
	const mailDir =
		options.env?.KRACHTKAART_MAIL_DIR ?? mkdtempSync(join(tmpdir(), 'krachtkaart-mail-'));
	const child = spawn(bin, args, {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, KRACHTKAART_MAIL_DIR: mailDir, ...options.env }
	});
	let output = '';
	child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
	child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
	if (echo) {
		child.stdout?.pipe(process.stderr);
		child.stderr?.pipe(process.stderr);
	}
	await waitForHealth(url, child, () => output);
	dataDirs.set(url, dataDir);

	return {
		url,
		dataDir,
		mailDir,
		stop: async () => {
			dataDirs.delete(url);
			await stopPocketBase(child);
			if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
			if (ownMailDir) rmSync(mailDir, { recursive: true, force: true });
		},
		crash: async () => {
			dataDirs.delete(url);
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGKILL');
			await exited;
		}
	};
}

/**
 * Serves an existing data dir (no hooks, no migrations run) on a free port while `task` runs,
 * with a client signed in as the superuser (who must exist in it); stops it afterwards.
 */
export async function withServedDataDir<T>(
	dataDir: string,
	task: (pb: PocketBase) => Promise<T>
): Promise<T> {
	const bin = await ensurePocketBase();
	const port = await freePort();
	const server = spawn(
		bin,
		['serve', `--http=127.0.0.1:${port}`, `--dir=${dataDir}`, '--automigrate=false'],
		{ stdio: 'ignore' }
	);
	try {
		const pb = new PocketBase(`http://127.0.0.1:${port}`);
		pb.autoCancellation(false);
		for (let i = 0; i < 100; i++) {
			const healthy = await fetch(`${pb.baseURL}/api/health`).then(
				(r) => r.ok,
				() => false
			);
			if (healthy) break;
			await new Promise((r) => setTimeout(r, 100));
		}
		await signInTestSuperuser(pb, dataDir);
		return await task(pb);
	} finally {
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
}
