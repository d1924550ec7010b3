// Guards the migrations: they apply on a fresh data dir, change nothing when applied again, and
// every one of them can be rolled back and applied anew.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePocketBase } from '../../scripts/pocketbase.mjs';
import { ROOT, SUPERUSER, withServedDataDir } from '../support/pocketbase';

let bin: string;
let dataDir: string;
const ownMigrations = readdirSync(join(ROOT, 'pb_migrations')).filter((f) => f.endsWith('.js'));

function pocketbase(...args: string[]) {
	const result = spawnSync(
		bin,
		[
			...args,
			`--dir=${dataDir}`,
			`--migrationsDir=${join(ROOT, 'pb_migrations')}`,
			// Migrations read shared tables from the hooks (1763902300: lib/area-rules.js).
			`--hooksDir=${join(ROOT, 'pb_hooks')}`,
			'--automigrate=false'
		],
		// `migrate down` asks for confirmation.
		{ encoding: 'utf8', input: 'y\n' }
	);
	if (result.status !== 0) throw new Error(`pocketbase ${args.join(' ')}:\n${result.stderr}`);
	return result.stdout + result.stderr;
}

/** The schema as the API reports it: collections with fields, rules and indexes. */
async function schema(): Promise<string> {
	pocketbase('superuser', 'upsert', SUPERUSER.email, SUPERUSER.password);
	return withServedDataDir(dataDir, async (pb) => {
		const collections = await pb.collections.getFullList({ sort: 'name' });
		return JSON.stringify(
			collections.map((c) => ({ ...c, created: undefined, updated: undefined }))
		);
	});
}

beforeAll(async () => {
	bin = await ensurePocketBase();
	dataDir = mkdtempSync(join(tmpdir(), 'krachtkaart-migrations-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('pb_migrations', () => {
	it('apply on a fresh data dir, then again without change', async () => {
		const first = pocketbase('migrate', 'up');
		for (const file of ownMigrations) expect(first).toContain(`Applied ${file}`);
		const before = await schema();
		expect(before).toContain('"name":"conversations"');
		const second = pocketbase('migrate', 'up');
		expect(second).toContain('No new migrations to apply');
		expect(await schema()).toBe(before);
	});

	it('roll back completely and apply again to the same schema', async () => {
		const before = await schema();
		pocketbase('migrate', 'down', String(ownMigrations.length));
		const rolledBack = await schema();
		for (const name of ['areas', 'addresses', 'people', 'conversations', 'assets', 'links']) {
			expect(rolledBack).not.toContain(`"name":"${name}"`);
		}
		pocketbase('migrate', 'up');
		expect(await schema()).toBe(before);
	});
});
