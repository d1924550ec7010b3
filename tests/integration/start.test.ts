// Guards the quick start: `npm start` migrates, loads the demo once (not again on the next
// start), serves the API and lets the demo users sign in; the dashboard's superuser has a
// password of her own (not the demo users'), kept for the next start, and signs in with a code.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { afterAll, describe, expect, it } from 'vitest';
import { signInSuperuser } from '../../scripts/superuser-session.mjs';
import { mfaIdOf, signInWithPassword } from '../support/mail-drop';
import { freePort, ROOT } from '../support/pocketbase';

const dataDir = mkdtempSync(join(tmpdir(), 'krachtkaart-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `npm start` (without the app build) until it says where it runs, then stops it. */
async function start(port: number): Promise<{ output: string; stop: () => Promise<void> }> {
	const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--no-build'], {
		cwd: ROOT,
		env: {
			...process.env,
			KRACHTKAART_HTTP: `127.0.0.1:${port}`,
			KRACHTKAART_DATA: dataDir,
			// Mail (the coordinator's sign-in code) lands in the default <data dir>/mail_drop.
			KRACHTKAART_MAIL_DIR: ''
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const ready = new Promise<void>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk;
			if (output.includes('stop with Ctrl+C')) resolve();
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${output}`)));
	});
	await ready;
	return {
		output,
		stop: async () => {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		}
	};
}

describe('npm start', () => {
	it('loads the demo on the first start only and serves the demo logins', async () => {
		const port = await freePort();
		const first = await start(port);
		try {
			expect(first.output).toContain('demo data loaded');
			expect(first.output).toContain(`http://127.0.0.1:${port}`);
			for (const login of ['admin', 'coordinator', 'worker', 'viewer']) {
				expect(first.output).toContain(`${login}@example.org`);
			}
			const pb = new PocketBase(`http://127.0.0.1:${port}`);
			await signInWithPassword(
				pb,
				'coordinator@example.org',
				'krachtkaart-demo',
				join(dataDir, 'mail_drop')
			);
			const assets = await pb.collection('assets').getList(1, 1);
			expect(assets.totalItems).toBeGreaterThan(100);

			// The dashboard's superuser: her own generated password, printed and kept owner-only.
			const file = join(dataDir, 'demo-superuser.txt');
			const password = readFileSync(file, 'utf8').trim();
			expect(password).toMatch(/^[0-9a-f]{36}$/);
			expect(password).not.toBe('krachtkaart-demo');
			expect(statSync(file).mode & 0o077).toBe(0);
			expect(first.output).toContain(`superuser admin@example.org, password "${password}"`);
			const demoPassword = await new PocketBase(`http://127.0.0.1:${port}`)
				.collection('_superusers')
				.authWithPassword('admin@example.org', 'krachtkaart-demo')
				.catch((e: unknown) => e);
			expect(demoPassword).toMatchObject({ status: 400 });
			// Her own password asks for the second step; the helper takes the code from the CLI.
			const passwordAlone = await new PocketBase(`http://127.0.0.1:${port}`)
				.collection('_superusers')
				.authWithPassword('admin@example.org', password)
				.catch((e: unknown) => e);
			expect(mfaIdOf(passwordAlone)).toMatch(/^\w{15}$/);
			const su = new PocketBase(`http://127.0.0.1:${port}`);
			await signInSuperuser(su, { email: 'admin@example.org', password, dataDir });
			expect(su.authStore.isSuperuser).toBe(true);
			// CORS for the app's own origin only.
			expect(first.output).toContain(`cross-origin requests of http://127.0.0.1:${port} only`);
		} finally {
			await first.stop();
		}

		const second = await start(port);
		try {
			expect(second.output).toContain('demo data was loaded before');
			// The same superuser password as on the first start.
			const kept = readFileSync(join(dataDir, 'demo-superuser.txt'), 'utf8').trim();
			expect(second.output).toContain(`superuser admin@example.org, password "${kept}"`);
			const pb = new PocketBase(`http://127.0.0.1:${port}`);
			await pb.collection('users').authWithPassword('worker@example.org', 'krachtkaart-demo');
			const worker = pb.authStore.record;
			expect(worker?.role).toBe('worker');
		} finally {
			await second.stop();
		}
	}, 120_000);
});
