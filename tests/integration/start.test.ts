// Guards the quick start: `npm start` migrates, loads the demo once (not again on the next
// start), serves the API and lets the demo users sign in.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { afterAll, describe, expect, it } from 'vitest';
import { signInWithPassword } from '../support/mail-drop';
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
		} finally {
			await first.stop();
		}

		const second = await start(port);
		try {
			expect(second.output).toContain('demo data was loaded before');
			const pb = new PocketBase(`http://127.0.0.1:${port}`);
			await pb.collection('users').authWithPassword('worker@example.org', 'krachtkaart-demo');
			const worker = pb.authStore.record;
			expect(worker?.role).toBe('worker');
		} finally {
			await second.stop();
		}
	}, 120_000);
});
