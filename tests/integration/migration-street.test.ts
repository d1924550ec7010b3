// Guards the backfill of 1763901300_assets_add_street.js: assets stored before it get the street
// of the nearest address within 250 m, in their area or an area directly below it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrationSandbox, type MigrationSandbox } from '../support/migration-sandbox';

let sandbox: MigrationSandbox;

beforeAll(async () => {
	sandbox = await migrationSandbox('1763901300_assets_add_street.js');
});
afterAll(() => sandbox.remove());

it('gives assets stored before it the street of their nearest address', async () => {
	sandbox.upToBefore();
	const ids = await sandbox.serve(async (pb) => {
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
	sandbox.migrateRest();
	const streets = await sandbox.serve(async (pb) => {
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
