// A data dir of its own for a migration's backfill test: migrated up to just before the
// migration under test (with the tests' superuser), filled by the test, then migrated the rest of
// the way, as an upgrade of a running instance would be.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type PocketBase from 'pocketbase';
import { ensurePocketBase } from '../../scripts/pocketbase.mjs';
import { ROOT, SUPERUSER, withServedDataDir } from './pocketbase';

export interface MigrationSandbox {
	/** Migrates the empty data dir up to, not including, the migration under test. */
	upToBefore(): void;
	/** Runs the remaining migrations, the one under test first. */
	migrateRest(): void;
	/** A PocketBase serving the data dir while the task runs, signed in as the superuser. */
	serve<T>(task: (pb: PocketBase) => Promise<T>): Promise<T>;
	remove(): void;
}

/** @example const sandbox = await migrationSandbox('1763904000_ladder.js') */
export async function migrationSandbox(migration: string): Promise<MigrationSandbox> {
	const bin = await ensurePocketBase();
	const work = mkdtempSync(join(tmpdir(), `krachtkaart-${migration.replace(/\.js$/, '')}-`));
	const data = join(work, 'data');
	const all = join(ROOT, 'pb_migrations');

	function run(migrationsDir: string, ...args: string[]) {
		const result = spawnSync(
			bin,
			[
				...args,
				`--dir=${data}`,
				`--migrationsDir=${migrationsDir}`,
				`--hooksDir=${join(ROOT, 'pb_hooks')}`,
				'--automigrate=false'
			],
			{ encoding: 'utf8' }
		);
		if (result.status !== 0) throw new Error(`pocketbase ${args.join(' ')}:\n${result.stderr}`);
	}

	return {
		upToBefore() {
			const before = join(work, 'before');
			mkdirSync(before);
			for (const file of readdirSync(all).filter((f) => f.endsWith('.js') && f < migration)) {
				copyFileSync(join(all, file), join(before, file));
			}
			run(before, 'migrate', 'up');
			run(before, 'superuser', 'upsert', SUPERUSER.email, SUPERUSER.password);
		},
		migrateRest: () => run(all, 'migrate', 'up'),
		serve: (task) => withServedDataDir(data, task),
		remove: () => rmSync(work, { recursive: true, force: true })
	};
}
