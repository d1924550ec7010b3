// The import of areas (pb_hooks/import.pb.js, lib/import-areas.js) on a server of its own, with
// CBS's real wijken and buurten of Groningen (2016): each under its parent by code, again
// unchanged, a dry run that writes nothing, all or nothing with the bad rows named, admins only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREA_FIELDS, areaRows, type AreaRow } from '../../src/lib/import/areas.js';
import { guessMapping } from '../../src/lib/import/fields.js';
import { sendImport } from '../../src/lib/import/send.js';
import { readTable } from '../../src/lib/import/table.js';
import { ownSuperuserClient, SQUARE, createUser } from '../support/fixtures';
import { ROOT, startPocketBase, type RunningPocketBase } from '../support/pocketbase';

let own: RunningPocketBase;
let su: PocketBase;
let admin: PocketBase;

function rowsOf(name: string): AreaRow[] {
	const table = readTable(name, readFileSync(join(ROOT, 'tests/fixtures/import', name)));
	const { rows, errors } = areaRows(table, guessMapping(table.columns, AREA_FIELDS));
	expect(errors).toEqual([]);
	return rows;
}

beforeAll(async () => {
	own = await startPocketBase();
	su = await ownSuperuserClient(own.url);
	await su.collection('areas').create({
		code: 'GM0014',
		name: 'Groningen',
		level: 'gemeente',
		geometry: SQUARE(6.4, 53.1, 0.4)
	});
	const user = await createUser(su, 'admin');
	admin = await su.collection('users').impersonate(user.id, 0);
	admin.autoCancellation(false);
});

afterAll(async () => {
	await own?.stop();
});

const count = async (filter = '') =>
	(await su.collection('areas').getList(1, 1, { filter })).totalItems;

describe('importing CBS areas', () => {
	it('buurten whose wijken do not exist yet: each named, nothing written', async () => {
		const result = await sendImport(admin, 'areas', rowsOf('cbs-buurten-groningen-2016.geojson'));
		expect(result.ok).toBe(false);
		expect(result.errorCount).toBe(105);
		expect(result.errors[0].reason).toMatch(/^BU0014\d{4}: ligt in WK0014\d\d, dat niet bestaat/);
		expect(await count('level = "buurt"')).toBe(0);
	});

	it('a dry run of the wijken counts them and writes nothing', async () => {
		const result = await sendImport(admin, 'areas', rowsOf('cbs-wijken-groningen-2016.geojson'), {
			dryRun: true
		});
		expect(result).toMatchObject({ ok: true, dryRun: true, created: 14 });
		expect(await count('level = "wijk"')).toBe(0);
	});

	it('wijken, then buurten, each under its parent; again unchanged; audited', async () => {
		const wijken = await sendImport(admin, 'areas', rowsOf('cbs-wijken-groningen-2016.geojson'));
		expect(wijken).toMatchObject({ ok: true, created: 14 });
		const buurten = await sendImport(admin, 'areas', rowsOf('cbs-buurten-groningen-2016.geojson'));
		expect(buurten).toMatchObject({ ok: true, created: 105, updated: 0 });
		const selwerd = await su.collection('areas').getFirstListItem('code = "BU00141000"', {
			expand: 'parent.parent'
		});
		expect(selwerd.name).toBe('Selwerd');
		expect(selwerd.expand?.parent.code).toBe('WK001410');
		expect(selwerd.expand?.parent.expand?.parent.code).toBe('GM0014');
		const again = await sendImport(admin, 'areas', rowsOf('cbs-buurten-groningen-2016.geojson'));
		expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 105 });
		const audit = await su.collection('audit_log').getFullList({
			filter: 'targetCollection = "areas"'
		});
		expect(audit.map((a) => a.details.created)).toEqual([14, 105, 0]);
	});

	it('PDOK’s file in RD New updates the same buurten by code, never doubles them', async () => {
		const rows = rowsOf('pdok-buurten-selwerd-rd.geojson');
		const result = await sendImport(admin, 'areas', rows);
		expect(result.ok).toBe(true);
		expect(result.created).toBe(0);
		expect(result.updated + result.unchanged).toBe(rows.length);
		expect(await count('level = "buurt"')).toBe(105);
	});

	it('one bad row refuses the whole file', async () => {
		const rows = rowsOf('cbs-wijken-groningen-2016.geojson').map((r) => ({
			...r,
			name: `${r.name} (nieuw)`
		}));
		rows[3] = { ...rows[3], parent: 'GM9999' };
		const result = await sendImport(admin, 'areas', rows);
		expect(result).toMatchObject({ ok: false, errorCount: 1 });
		expect(result.errors[0]).toEqual({
			line: rows[3].line,
			reason: expect.stringMatching(/GM9999/)
		});
		expect(await count('name ~ "(nieuw)"')).toBe(0);
	});

	it('coordinators do not import areas', async () => {
		const user = await createUser(su, 'coordinator', []);
		const coordinator = await su.collection('users').impersonate(user.id, 0);
		await expect(
			sendImport(coordinator, 'areas', rowsOf('cbs-wijken-groningen-2016.geojson'))
		).rejects.toMatchObject({ status: 403 });
	});
});
