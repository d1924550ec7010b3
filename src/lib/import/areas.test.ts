// Areas from files: CBS's buurten and wijken of Groningen (2016) need no mapping, PDOK's
// statcode/statnaam in RD New without a named CRS are detected and reprojected, and every bad
// geometry is named with its feature (Tilburg's real self-intersecting buurt among them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREA_FIELDS, areaRows, cbsLevel } from './areas.js';
import { guessMapping } from './fields.js';
import { ImportFileError, readTable, readTableAsync } from './table.js';

const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/import');
const areasOf = (name: string) => {
	const table = readTable(name, readFileSync(join(FIXTURES, name)));
	return areaRows(table, guessMapping(table.columns, AREA_FIELDS));
};

describe('reading areas', () => {
	it('reads CBS buurten with their own field names, each under its wijk', () => {
		const { rows, errors, crs } = areasOf('cbs-buurten-groningen-2016.geojson');
		expect(errors).toEqual([]);
		expect(crs).toBe('wgs84');
		expect(rows).toHaveLength(105);
		const selwerd = rows.find((r) => r.code === 'BU00141000');
		expect(selwerd).toMatchObject({ name: 'Selwerd', level: 'buurt', parent: 'WK001410' });
	});

	it('reads CBS wijken, each under its gemeente', () => {
		const { rows, errors } = areasOf('cbs-wijken-groningen-2016.geojson');
		expect(errors).toEqual([]);
		expect(rows.find((r) => r.code === 'WK001410')).toMatchObject({
			level: 'wijk',
			parent: 'GM0014'
		});
	});

	it('detects RD New without a named CRS (PDOK’s statcode and statnaam) and reprojects it', () => {
		const { rows, errors, crs } = areasOf('pdok-buurten-selwerd-rd.geojson');
		expect(errors).toEqual([]);
		expect(crs).toBe('rd');
		const selwerd = rows.find((r) => r.code === 'BU00141000');
		expect(selwerd?.name).toBe('Selwerd');
		const [lon, lat] = (selwerd?.geometry.coordinates as number[][][])[0][0];
		expect(lon).toBeGreaterThan(6.5);
		expect(lon).toBeLessThan(6.6);
		expect(lat).toBeGreaterThan(53.2);
		expect(lat).toBeLessThan(53.25);
	});

	it('names every bad geometry with its feature: unclosed, swapped, outside, crossing, a point', () => {
		const { rows, errors } = areasOf('bad-geometries.geojson');
		expect(rows.map((r) => r.code)).toEqual(['XX01']);
		expect(errors).toEqual([
			{ line: 2, reason: expect.stringMatching(/^XX02 Open ring: .*niet gesloten/) },
			{ line: 3, reason: expect.stringMatching(/^XX03 Omgedraaid: .*verwisseld/) },
			{ line: 4, reason: expect.stringMatching(/^XX04 Parijs: .*buiten Nederland/) },
			{
				line: 5,
				reason: expect.stringMatching(/^XX05 Strik: snijdt zichzelf bij \(6\.555000, 53\.205000\)/)
			},
			{ line: 6, reason: expect.stringMatching(/^XX06 Punt: geen vlak .* maar Point/) }
		]);
	});

	it('finds the self-intersecting buurt in CBS’s own Tilburg data', () => {
		const { errors } = areasOf('cbs-buurten-tilburg-wijk08-2016.geojson');
		expect(errors).toEqual([
			{ line: expect.any(Number), reason: expect.stringMatching(/^BU08550805 .*snijdt zichzelf/) }
		]);
	});

	it('knows the levels and parents of CBS codes', () => {
		expect(cbsLevel('BU00141000')).toEqual({ level: 'buurt', parent: 'WK001410' });
		expect(cbsLevel('WK001410')).toEqual({ level: 'wijk', parent: 'GM0014' });
		expect(cbsLevel('GM0014')).toEqual({ level: 'gemeente', parent: '' });
		expect(cbsLevel('school-1')).toBeNull();
	});
});

describe('zipped Shapefiles', () => {
	const shapefile = async (name: string) => {
		const table = await readTableAsync(name, readFileSync(join(FIXTURES, name)));
		return { table, ...areaRows(table, guessMapping(table.columns, AREA_FIELDS)) };
	};

	it('reads CBS buurten in RD New with their .prj, reprojected to WGS84', async () => {
		const { table, rows, errors } = await shapefile('cbs-buurten-selwerd-rd.shp.zip');
		expect(table.format).toBe('shapefile');
		expect(errors).toEqual([]);
		const selwerd = rows.find((r) => r.code === 'BU00141000');
		expect(selwerd).toMatchObject({ name: 'Selwerd', level: 'buurt', parent: 'WK001410' });
		const [lon, lat] = (selwerd?.geometry.coordinates as number[][][])[0][0];
		expect(lon).toBeCloseTo(6.5588, 3);
		expect(lat).toBeCloseTo(53.2383, 3);
	});

	it('detects RD New in a Shapefile without a .prj', async () => {
		const { rows, errors, crs } = await shapefile('cbs-buurten-selwerd-rd-no-prj.zip');
		expect(errors).toEqual([]);
		expect(crs).toBe('rd');
		const [lon] = (rows[0].geometry.coordinates as number[][][])[0][0];
		expect(lon).toBeCloseTo(6.5588, 3);
	});

	it('names a zip that holds no Shapefile', async () => {
		const notShp = readFileSync(join(FIXTURES, 'bag-westerdok-rd.csv')).subarray(0, 100);
		const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...notShp]);
		await expect(readTableAsync('leeg.zip', zip)).rejects.toThrow(ImportFileError);
		await expect(readTableAsync('leeg.zip', zip)).rejects.toThrow(
			/^leeg\.zip: geen gezipte Shapefile/
		);
	});
});
