// `npm run import` (scripts/import.mjs) against a running server of its own, as an operator runs
// it on the server's machine: no password typed, nothing asked without a terminal, every bad row
// printed as `line N: reason` with exit 1 and nothing written, a summary of what it did.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownSuperuserClient, unique } from '../support/fixtures';
import { ROOT, startPocketBase, type RunningPocketBase } from '../support/pocketbase';

let own: RunningPocketBase;
let su: PocketBase;

beforeAll(async () => {
	own = await startPocketBase();
	su = await ownSuperuserClient(own.url);
	// Westerdok in two buurten of a wijk, split at lon 4.8895.
	const tag = unique();
	const square = (w: number, s: number, e: number, n: number) => ({
		type: 'Polygon',
		coordinates: [
			[
				[w, s],
				[e, s],
				[e, n],
				[w, n],
				[w, s]
			]
		]
	});
	const wijk = await su.collection('areas').create({
		code: `WK-${tag}`,
		name: 'Westerdok',
		level: 'wijk',
		geometry: square(4.85, 52.37, 4.95, 52.42)
	});
	for (const [code, w, e] of [
		['W', 4.88, 4.8895],
		['E', 4.8895, 4.9]
	] as const) {
		await su.collection('areas').create({
			code: `BU-${tag}-${code}`,
			name: `Westerdok ${code}`,
			level: 'buurt',
			parent: wijk.id,
			geometry: square(w, 52.38, e, 52.4)
		});
	}
});

afterAll(async () => {
	await own?.stop();
});

/** Runs the CLI with stdin closed (no terminal), as a cron job or CI would. */
function runImport(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [join(ROOT, 'scripts/import.mjs'), ...args], {
			cwd: ROOT,
			env: {
				...process.env,
				KRACHTKAART_HTTP: own.url.replace('http://', ''),
				KRACHTKAART_DATA: own.dataDir
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
	});
}

const fixture = (name: string) => join(ROOT, 'tests/fixtures/import', name);
const addressCount = async () => (await su.collection('addresses').getList(1, 1)).totalItems;

describe('npm run import -- addresses', () => {
	it('a dry run says what it would do and writes nothing', async () => {
		const run = await runImport(['addresses', fixture('bag-westerdok-rd.csv'), '--dry-run']);
		expect(run.stdout).toContain('created 300, updated 0, unchanged 0');
		expect(run.stdout).toMatch(/dry run, nothing written/);
		expect(run.code).toBe(0);
		expect(await addressCount()).toBe(0);
	});

	it('imports a Dutch CSV in RD, then again: unchanged, never doubled', async () => {
		const first = await runImport(['addresses', fixture('bag-westerdok-rd.csv')]);
		expect(first.stdout, first.stderr).toContain('created 300, updated 0, unchanged 0');
		expect(first.code).toBe(0);
		expect(await addressCount()).toBe(300);
		// The same addresses from PDOK's GeoJSON: 300 known (within a centimetre), the rest new.
		const second = await runImport(['addresses', fixture('bag-westerdok.geojson')]);
		expect(second.code).toBe(0);
		expect(second.stdout).toMatch(/created 1604, updated \d+, unchanged \d+/);
		expect(await addressCount()).toBe(1904);
		const audit = await su.collection('audit_log').getList(1, 5, {
			filter: 'targetCollection = "addresses"'
		});
		expect(audit.items.map((a) => a.actorKind)).toEqual(['superuser', 'superuser']);
		// Its superuser is gone after the run.
		const superusers = await su.collection('_superusers').getFullList();
		expect(superusers.map((s) => s.email)).not.toContain('krachtkaart-import@import.invalid');
	});

	it('prints every bad row as `line N: reason`, exits 1 and writes nothing', async () => {
		const before = await addressCount();
		const run = await runImport(['addresses', fixture('bad-rows.csv')]);
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/^line 3: .*huisnummer/m);
		expect(run.stdout).toMatch(/^line 5: .*verwisseld/m);
		expect(run.stdout).toMatch(/^line 6: .*postcode/m);
		expect(run.stdout).toMatch(/3 invalid row\(s\), nothing imported/);
		expect(await addressCount()).toBe(before);
	});

	it('a file that cannot be read: what and where, exit 1', async () => {
		for (const [name, message] of [
			['broken.geojson', /broken\.geojson: geen geldige JSON/],
			['empty.csv', /empty\.csv: het bestand is leeg/],
			['headers-only.csv', /headers only/],
			['missing-columns.csv', /missing columns: Nummeraanduiding id \(BAG\), House number/],
			['wrong-crs.geojson', /neither WGS84 nor RD New/]
		] as const) {
			const run = await runImport(['addresses', fixture(name)]);
			expect(run.stdout, name).toMatch(message);
			expect(run.code, name).toBe(1);
		}
	});

	it('without the right arguments, shows how to use it', async () => {
		const run = await runImport(['addresses']);
		expect(run.code).toBe(2);
		expect(run.stdout).toMatch(/^usage: npm run import/);
	});
});

describe('npm run import -- areas', () => {
	it('names every bad geometry with its feature, exits 1 and writes nothing', async () => {
		const before = (await su.collection('areas').getList(1, 1)).totalItems;
		const run = await runImport(['areas', fixture('bad-geometries.geojson')]);
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/^line 2: XX02 Open ring: .*not closed/m);
		expect(run.stdout).toMatch(/^line 5: XX05 Strik: .*self-intersecting/m);
		expect((await su.collection('areas').getList(1, 1)).totalItems).toBe(before);
	});

	it('imports areas under their parents by code: a custom area in a wijk', async () => {
		const wijk = await su.collection('areas').getFirstListItem('level = "wijk"');
		const file = join(own.dataDir, 'blok.geojson');
		writeFileSync(
			file,
			JSON.stringify({
				type: 'FeatureCollection',
				features: [
					{
						type: 'Feature',
						properties: {
							code: 'BLOK-1',
							naam: 'Rondom de school',
							niveau: 'custom',
							ouder: wijk.code
						},
						geometry: {
							type: 'Polygon',
							coordinates: [
								[
									[4.886, 52.387],
									[4.889, 52.387],
									[4.889, 52.389],
									[4.886, 52.389],
									[4.886, 52.387]
								]
							]
						}
					}
				]
			})
		);
		const run = await runImport(['areas', file]);
		expect(run.stdout).toContain('created 1, updated 0, unchanged 0');
		expect(run.code).toBe(0);
		const blok = await su.collection('areas').getFirstListItem('code = "BLOK-1"');
		expect(blok).toMatchObject({ level: 'custom', parent: wijk.id, name: 'Rondom de school' });
	});
});

describe('npm run import -- addresses from a GeoPackage', () => {
	it('reads PDOK’s BAG layers: the same addresses as before, unchanged', async () => {
		const run = await runImport(['addresses', fixture('bag-westerdok.gpkg'), '--dry-run']);
		expect(run.stdout, run.stderr).toContain('created 0, updated 0, unchanged 50');
		expect(run.code).toBe(0);
	});
});

describe('npm run import -- assets', () => {
	it('imports a Dutch spreadsheet, one row on its imported address; again unchanged', async () => {
		const run = await runImport(['assets', fixture('krachten-westerdok.csv')]);
		expect(run.stdout, run.stderr).toContain('created 4, updated 0, unchanged 0');
		expect(run.code).toBe(0);
		const buurthuis = await su
			.collection('assets')
			.getFirstListItem('title = "Buurthuis de Wester"');
		const address = await su.collection('addresses').getFirstListItem('bagId = "0363200000039881"');
		expect(buurthuis).toMatchObject({
			kind: 'institution',
			themes: ['taal', 'eenzaamheid'],
			location: address.location,
			area: address.area,
			status: 'active'
		});
		expect((await su.collection('assets').getFirstListItem('title = "Café Zeemeeuw"')).kind).toBe(
			'business'
		);
		const again = await runImport(['assets', fixture('krachten-westerdok.csv')]);
		expect(again.stdout, again.stderr).toContain('created 0, updated 0, unchanged 4');
	});

	it('reads the same team’s Excel workbook: the changed description updated, the rest unchanged', async () => {
		const run = await runImport(['assets', fixture('krachten-westerdok.xlsx')]);
		expect(run.stdout, run.stderr).toContain('created 0, updated 1, unchanged 2');
		expect(run.code).toBe(0);
		const cafe = await su.collection('assets').getFirstListItem('title = "Café Zeemeeuw"');
		expect(cafe.description).toBe('Ontmoeting op het terras');
	});

	it('an unknown kind or theme is a row error: printed by line, nothing written', async () => {
		const before = (await su.collection('assets').getList(1, 1)).totalItems;
		const run = await runImport(['assets', fixture('krachten-fouten.csv')]);
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/^line 2: soort "Kerk" is onbekend/m);
		expect(run.stdout).toMatch(/^line 3: thema "Muziek" is onbekend/m);
		expect((await su.collection('assets').getList(1, 1)).totalItems).toBe(before);
	});
});
