// Guards the backfill of 1763904000_ladder.js: every asset stored before it gets its first
// history row, the step the hooks' rules derive, dated when the asset was made.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrationSandbox, type MigrationSandbox } from '../support/migration-sandbox';

let sandbox: MigrationSandbox;

beforeAll(async () => {
	sandbox = await migrationSandbox('1763904000_ladder.js');
});
afterAll(() => sandbox.remove());

it('gives assets stored before it their derived step, dated when they were made', async () => {
	sandbox.upToBefore();
	const made = await sandbox.serve(async (pb) => {
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
	sandbox.migrateRest();
	const rows = await sandbox.serve((pb) =>
		pb.collection('ladder_steps').getFullList({ sort: 'at' })
	);
	const of = (id: string) =>
		rows.filter((r) => r.asset === id).map((r) => [r.step, r.source, r.at]);
	expect(of(made.founder.id)).toEqual([['initiative_started', 'derived', made.founder.created]]);
	expect(of(made.garden.id)).toEqual([['connected', 'derived', made.garden.created]]);
	expect(of(made.alone.id)).toEqual([['gift_found', 'derived', made.alone.created]]);
	expect(rows.every((r) => r.area === made.buurt && r.from === '')).toBe(true);
});
