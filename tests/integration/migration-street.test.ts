// Guards the backfill of 1763901300_assets_add_street.js: assets stored before it get the street
// of the nearest address within 250 m, in their area or an area directly below it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensurePocketBase } from '../../scripts/pocketbase.mjs';
import { ROOT, SUPERUSER, withServedDataDir } from '../support/pocketbase';

const STREET_MIGRATION = '1763901300_assets_add_street.js';
let bin: string;
let work: string;

beforeAll(async () => {
	bin = await ensurePocketBase();
	work = mkdtempSync(join(tmpdir(), 'krachtkaart-street-'));
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

it('gives assets stored before it the street of their nearest address', async () => {
	const all = join(ROOT, 'pb_migrations');
	const before = join(work, 'before');
	mkdirSync(before);
	for (const file of readdirSync(all).filter((f) => f.endsWith('.js') && f < STREET_MIGRATION)) {
		copyFileSync(join(all, file), join(before, file));
	}
	run(before, 'migrate', 'up');
	run(before, 'superuser', 'upsert', SUPERUSER.email, SUPERUSER.password);
	const ids = await serve(async (pb) => {
		const wijk = await pb.collection('areas').create({ code: 'WK1', name: 'Wijk', level: 'wijk' });
		const buurt = await pb
			.collection('areas')
			.create({ code: 'BU1', name: 'Buurt', level: 'buurt', parent: wijk.id });
		const address = (street: string, lon: number, lat: number) =>
			pb
				.collection('addresses')
				.create({ street, number: '1', location: { lon, lat }, area: buurt.id });
		await address('Wolgadreef', 5.003, 52.003);
		await address('Amazonedreef', 5.007, 52.007);
		const asset = (area: string, lon: number, lat: number) =>
			pb.collection('assets').create({
				kind: 'place',
				title: 'Bankje',
				location: { lon, lat },
				precision: 'exact',
				area,
				status: 'active'
			});
		return {
			nearWolga: (await asset(buurt.id, 5.0032, 52.0031)).id,
			onWijkNearAmazone: (await asset(wijk.id, 5.0068, 52.0069)).id,
			farFromAll: (await asset(buurt.id, 5.0099, 52.0099)).id
		};
	});
	run(all, 'migrate', 'up');
	const streets = await serve(async (pb) => {
		const street = async (id: string) => (await pb.collection('assets').getOne(id)).street;
		return {
			nearWolga: await street(ids.nearWolga),
			onWijkNearAmazone: await street(ids.onWijkNearAmazone),
			farFromAll: await street(ids.farFromAll)
		};
	});
	expect(streets).toEqual({
		nearWolga: 'Wolgadreef',
		onWijkNearAmazone: 'Amazonedreef',
		farFromAll: ''
	});
});
