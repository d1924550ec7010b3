// `npm start` without the demo (KRACHTKAART_DEMO=0) on an instance with no admin prints a one-time
// setup link on the console (scripts/start.mjs, scripts/setup.mjs); the next start makes a new
// one and the old one stops working; once an admin exists, no link is printed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, ROOT } from '../support/pocketbase';

const dataDir = mkdtempSync(join(tmpdir(), 'krachtkaart-first-run-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `npm start` (without the app build) until it is ready; its output and a stop. */
async function start(port: number): Promise<{ output: string; stop: () => Promise<void> }> {
	const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--no-build'], {
		cwd: ROOT,
		env: {
			...process.env,
			KRACHTKAART_HTTP: `127.0.0.1:${port}`,
			KRACHTKAART_DATA: dataDir,
			KRACHTKAART_DEMO: '0',
			KRACHTKAART_ORIGINS: '',
			KRACHTKAART_MAIL_DIR: ''
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk;
			if (output.includes('stop with Ctrl+C')) resolve();
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${output}`)));
	});
	return {
		output,
		stop: async () => {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		}
	};
}

const linkIn = (output: string) => /(http:\/\/\S+)\/setup\/(\w+)/.exec(output);

describe('npm start without the demo', () => {
	it('prints a setup link while no admin exists, a new one at each start, none after', async () => {
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const first = await start(port);
		let oldToken: string;
		try {
			expect(first.output).toContain('no admin yet');
			const link = linkIn(first.output);
			expect(link?.[1]).toBe(url);
			oldToken = link![2];
			expect((await fetch(`${url}/api/krachtkaart/setup/t/${oldToken}`)).status).toBe(200);
		} finally {
			await first.stop();
		}

		const second = await start(port);
		try {
			const token = linkIn(second.output)![2];
			expect(token).not.toBe(oldToken);
			expect((await fetch(`${url}/api/krachtkaart/setup/t/${oldToken}`)).status).toBe(404);
			const password = 'Koffie-met-de-wijk-2026';
			const made = await fetch(`${url}/api/krachtkaart/setup/t/${token}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					name: 'Eerste',
					email: 'eerste@gemeente.example',
					password,
					passwordConfirm: password,
					gemeente: 'GM0855'
				})
			});
			expect(made.status).toBe(200);
		} finally {
			await second.stop();
		}

		const third = await start(port);
		await third.stop();
		expect(third.output).not.toContain('/setup/');
		expect(third.output).not.toContain('no admin yet');
	});
});
