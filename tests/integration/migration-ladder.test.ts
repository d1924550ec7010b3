// Guards the backfill of 1763904000_ladder.js: every asset stored before it gets its first
// history row, the step the hooks' rules derive, dated when the asset was made.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensurePocketBase } from '../../scripts/pocketbase.mjs';
import { ROOT, SUPERUSER, withServedDataDir } from '../support/pocketbase';

const LADDER_MIGRATION = '1763904000_ladder.js';
let bin: string;
let work: string;

beforeAll(async () => {
	bin = await ensurePocketBase();
	work = mkdtempSync(join(tmpdir(), 'krachtkaart-ladder-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(migrationsDir: string, ...args: string[]) {
	const result = spawnSync(
		bin,
		[
			...args,
			`--dir=${join(work, 'data')}`,
			`--migrationsDir=${migrationsDir}`,
			`--hooksDir=${join(ROOT, 'pb_hooks')}`,
			'--automigrate=false'
		],
		{ encoding: 'utf8' }
	);
	if (result.status !== 0) throw new Error(`pocketbase ${args.join(' ')}:\n${result.stderr}`);
}

const serve = <T>(task: (pb: PocketBase) => Promise<T>) =>
	withServedDataDir(join(work, 'data'), task);

it('gives assets stored before it their derived step, dated when they were made', async () => {
	const all = join(ROOT, 'pb_migrations');
	const before = join(work, 'before');
	mkdirSync(before);
	for (const file of readdirSync(all).filter((f) => f.endsWith('.js') && f < LADDER_MIGRATION)) {
		copyFileSync(join(all, file), join(before, file));
	}
	run(before, 'migrate', 'up');
	run(before, 'superuser', 'upsert', SUPERUSER.email, SUPERUSER.password);
	const made = await serve(async (pb) => {
		const buurt = await pb
			.collection('areas')
			.create({ code: 'BU1', name: 'Buurt', level: 'buurt' });
		const asset = (kind: string, status = 'active') =>
			pb.collection('assets').create({
				kind,
				title: 'Iets',
				location: { lon: 5.003, lat: 52.003 },
				precision: 'exact',
				area: buurt.id,
				status
			});
		const founder = await asset('key_figure');
		const garden = await asset('initiative');
		const alone = await asset('capacity');
		await pb.collection('links').create({ from: founder.id, to: garden.id, kind: 'runs' });
		return { buurt: buurt.id, founder, garden, alone };
	});
	run(all, 'migrate', 'up');
	const rows = await serve((pb) => pb.collection('ladder_steps').getFullList({ sort: 'at' }));
	const of = (id: string) =>
		rows.filter((r) => r.asset === id).map((r) => [r.step, r.source, r.at]);
	expect(of(made.founder.id)).toEqual([['initiative_started', 'derived', made.founder.created]]);
	expect(of(made.garden.id)).toEqual([['connected', 'derived', made.garden.created]]);
	expect(of(made.alone.id)).toEqual([['gift_found', 'derived', made.alone.created]]);
	expect(rows.every((r) => r.area === made.buurt && r.from === '')).toBe(true);
});
