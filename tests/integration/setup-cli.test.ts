// `npm run setup` (scripts/setup.mjs) against a server of its own, as an operator runs it on the
// server's machine: no terminal, no password typed; a gemeente and an admin, a link where she sets
// her password (or KRACHTKAART_ADMIN_PASSWORD), nothing doubled on a second run, nothing written
// when anything is wrong, and the same while no server runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/pocketbase.mjs';
import { anonymousClient, ownSuperuserClient } from '../support/fixtures';
import { signInWithPassword } from '../support/mail-drop';
import { ROOT, startPocketBase, type RunningPocketBase } from '../support/pocketbase';

let server: RunningPocketBase;
let su: PocketBase;
const PASSWORD = 'Fietsen-door-Overvecht-7';

beforeAll(async () => {
	server = await startPocketBase();
	su = await ownSuperuserClient(server.url);
}, 60_000);
afterAll(() => server?.stop());

/** Runs the script with stdin not a terminal; its exit code and output. */
function setup(
	args: string[],
	env: Record<string, string> = {}
): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [join(ROOT, 'scripts/setup.mjs'), ...args], {
			cwd: ROOT,
			env: {
				...process.env,
				KRACHTKAART_HTTP: server.url.slice('http://'.length),
				KRACHTKAART_DATA: server.dataDir,
				KRACHTKAART_ADMIN_PASSWORD: '',
				KRACHTKAART_ORIGINS: '',
				...env
			},
			stdio: ['pipe', 'pipe', 'pipe']
		});
		child.stdin.end();
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('exit', (code) => resolve({ code, output }));
	});
}

const countOf = async (collection: string, filter = '') =>
	(await su.collection(collection).getList(1, 1, { filter })).totalItems;

describe('npm run setup', () => {
	it('loads the gemeente, makes the admin and prints a link where she sets her password', async () => {
		const run = await setup(['--gemeente', 'Utrecht', '--admin', 'Anouk@Utrecht.example']);
		expect(run.output).toMatch(
			/gemeente Utrecht \(GM0344\): \d+ areas created, 0 were there already/
		);
		expect(run.code).toBe(0);
		expect(run.output).toContain('buurten 2016');
		const link = /(http:\/\/\S+\/setup\/(\w+))/.exec(run.output);
		expect(link?.[1].startsWith(server.url)).toBe(true);
		const token = link![2];

		const admin = await su.collection('users').getFirstListItem('email = "anouk@utrecht.example"');
		expect(admin.role).toBe('admin');
		const overvecht = await su
			.collection('areas')
			.getFirstListItem('code = "WK034403"', { expand: 'parent' });
		expect(overvecht.expand?.parent.code).toBe('GM0344');
		expect(await countOf('areas', `parent = "${overvecht.id}"`)).toBe(10);
		// The setup superuser is gone again.
		expect((await su.collection('_superusers').getFullList()).map((s) => s.email)).not.toContain(
			'krachtkaart-setup@setup.invalid'
		);

		const anonymous = anonymousClient(server.url);
		const opened = await anonymous.send(`/api/krachtkaart/setup/t/${token}`, {});
		expect(opened).toMatchObject({ kind: 'password', email: 'anouk@utrecht.example' });
		await anonymous.send(`/api/krachtkaart/setup/t/${token}`, {
			method: 'POST',
			body: { password: PASSWORD, passwordConfirm: PASSWORD }
		});
		const pb = anonymousClient(server.url);
		await signInWithPassword(pb, 'anouk@utrecht.example', PASSWORD, server.mailDir);
		expect(pb.authStore.record?.role).toBe('admin');
		const audit = await su
			.collection('audit_log')
			.getFullList({ filter: `targetId = "${admin.id}"`, sort: 'created' });
		expect(audit.map((a) => `${a.actorKind} ${a.action}`)).toEqual([
			'superuser create',
			'system update'
		]);
	});

	it('doubles nothing when run again, and takes KRACHTKAART_ADMIN_PASSWORD', async () => {
		const areas = await countOf('areas');
		const users = await countOf('users');
		const again = await setup(['--gemeente', 'GM0344', '--admin', 'anouk@utrecht.example']);
		expect(again.code).toBe(0);
		expect(again.output).toMatch(/0 areas created, \d+ were there already/);
		expect(again.output).toContain('was there already');
		expect(await countOf('areas')).toBe(areas);
		expect(await countOf('users')).toBe(users);

		const second = await setup(['--gemeente=0344', '--admin=ruud@utrecht.example'], {
			KRACHTKAART_ADMIN_PASSWORD: PASSWORD
		});
		expect(second.code).toBe(0);
		expect(second.output).not.toContain('/setup/');
		const pb = anonymousClient(server.url);
		await signInWithPassword(pb, 'ruud@utrecht.example', PASSWORD, server.mailDir);
		expect(pb.authStore.record?.role).toBe('admin');
	});

	it('refuses what is wrong, says what and where, and writes nothing', async () => {
		const areas = await countOf('areas');
		const users = await countOf('users');
		const unknown = await setup(['--gemeente', 'Nergenshuizen', '--admin', 'x@example.org']);
		expect(unknown.code).toBe(1);
		expect(unknown.output).toContain('gemeente: Geen gemeente');
		const ambiguous = await setup(['--gemeente', 'Berg', '--admin', 'x@example.org']);
		expect(ambiguous.output).toMatch(/Bergen \(NH\.\) \(GM0373\)/);
		const weak = await setup(['--gemeente', 'GM0014', '--admin', 'x@example.org'], {
			KRACHTKAART_ADMIN_PASSWORD: 'kort'
		});
		expect(weak.code).toBe(1);
		expect(weak.output).toContain('password: Gebruik minstens 12 tekens');
		const missing = await setup(['--gemeente', 'GM0014']);
		expect(missing.code).toBe(2);
		expect(missing.output).toContain('--admin is missing');
		expect(await countOf('areas')).toBe(areas);
		expect(await countOf('users')).toBe(users);
	});

	it('works on a data dir no server serves', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'krachtkaart-setup-cli-'));
		try {
			const env = { KRACHTKAART_DATA: dataDir, KRACHTKAART_HTTP: `127.0.0.1:${await freePort()}` };
			const first = await setup(['--gemeente', 'Tilburg', '--admin', 'sam@tilburg.example'], env);
			expect(first.output).toMatch(/gemeente Tilburg \(GM0855\): \d+ areas created/);
			expect(first.code).toBe(0);
			const again = await setup(['--gemeente', 'Tilburg', '--admin', 'sam@tilburg.example'], env);
			expect(again.output).toMatch(/0 areas created/);
			expect(again.output).toContain('admin sam@tilburg.example: was there already');
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});
