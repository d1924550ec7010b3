// Guards the public runtime configuration: it answers without a login, holds no data, only
// ever names a known basemap mode and a positive stale threshold.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ensurePocketBase } from '../../scripts/pocketbase.mjs';
import {
	createAreaTree,
	ownSuperuserClient,
	pocketbaseUrl,
	signedInUser,
	superuserClient
} from '../support/fixtures';
import { startPocketBase } from '../support/pocketbase';

describe('GET /api/krachtkaart/config', () => {
	it('answers anonymous requests with the basemap mode', async () => {
		const response = await fetch(`${pocketbaseUrl()}/api/krachtkaart/config`);
		expect(response.status).toBe(200);
		const config = await response.json();
		expect(Object.keys(config).sort()).toEqual(['basemap', 'onlineStyleUrl', 'staleAfterDays']);
		expect(['auto', 'online', 'offline']).toContain(config.basemap);
		expect(Number.isInteger(config.staleAfterDays) && config.staleAfterDays > 0).toBe(true);
	});

	it.each([
		['', 365],
		['30', 30],
		['0', 365],
		['1.5', 365],
		['een jaar', 365]
	])('reads KRACHTKAART_STALE_DAYS=%s as %i days', async (value, days) => {
		const pocketbase = await startPocketBase({ env: { KRACHTKAART_STALE_DAYS: value } });
		try {
			const config = await (await fetch(`${pocketbase.url}/api/krachtkaart/config`)).json();
			expect(config.staleAfterDays).toBe(days);
		} finally {
			await pocketbase.stop();
		}
	});

	it('points mail links at KRACHTKAART_APP_URL while the Application URL is the default', async () => {
		const pocketbase = await startPocketBase({
			env: { KRACHTKAART_APP_URL: 'https://kaart.example.nl' }
		});
		try {
			const su = await ownSuperuserClient(pocketbase.url);
			expect((await su.settings.getAll()).meta.appURL).toBe('https://kaart.example.nl');
			// Still after a command on the same data dir saved the settings and the server reloaded them.
			const command = spawnSync(
				await ensurePocketBase(),
				['superuser', 'ips', '127.0.0.1', `--dir=${pocketbase.dataDir}`],
				{ encoding: 'utf8' }
			);
			expect(command.status, command.stderr).toBe(0);
			await expect
				.poll(async () => (await su.settings.getAll()).superuserIPs)
				.toEqual(['127.0.0.1']);
			expect((await su.settings.getAll()).meta.appURL).toBe('https://kaart.example.nl');
		} finally {
			await pocketbase.stop();
		}
		// Without it, PocketBase's default stays (the tests' own servers).
		expect((await (await superuserClient()).settings.getAll()).meta.appURL).toBe(
			'http://localhost:8090'
		);
	});

	it('keeps anonymous users away from every collection that holds records', async () => {
		const su = await superuserClient();
		const area = await createAreaTree(su);
		const location = { lon: 5.005, lat: 52.005 };
		const address = await su
			.collection('addresses')
			.create({ street: 'Anoniemstraat', number: '1', location, area: area.buurt.id });
		await su.collection('people').create({ display_name: 'Ans', area: area.buurt.id });
		await su.collection('conversations').create({
			area: area.buurt.id,
			address: address.id,
			worker: (await signedInUser(su, 'worker', [area.wijk.id])).id,
			heldAt: new Date().toISOString(),
			outcome: 'vacant'
		});
		const asset = await su.collection('assets').create({
			kind: 'place',
			title: 'Buurttuin',
			location,
			precision: 'exact',
			area: area.buurt.id,
			status: 'active'
		});
		await su.collection('links').create({ from: asset.id, to: asset.id, kind: 'connects' });

		for (const name of [
			'areas',
			'addresses',
			'assets',
			'people',
			'conversations',
			'links',
			'users'
		]) {
			const asSuperuser = await su.collection(name).getList(1, 1);
			expect(asSuperuser.totalItems, name).toBeGreaterThan(0);
			const response = await fetch(`${pocketbaseUrl()}/api/collections/${name}/records`);
			const body = await response.json();
			expect(body.items ?? [], name).toHaveLength(0);
		}
	});
});
