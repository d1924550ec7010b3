// GeoPackages as PDOK and CBS ship them: BAG addresses in two layers (WGS84) and CBS buurten in RD
// New, read into one table each and checked as any file; a file that is no GeoPackage is named.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADDRESS_FIELDS, addressRows } from './addresses.js';
import { AREA_FIELDS, areaRows } from './areas.js';
import { guessMapping } from './fields.js';
import { wkbGeometry } from './gpkg.js';
import { readTableAsync } from './table.js';

const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/import');
const tableOf = (name: string) => readTableAsync(name, readFileSync(join(FIXTURES, name)));

describe('GeoPackage', () => {
	it('reads PDOK’s BAG layers as one list of addresses', async () => {
		const table = await tableOf('bag-westerdok.gpkg');
		expect(table.format).toBe('geopackage');
		expect(table.crs).toBe('wgs84');
		const { rows, errors } = addressRows(table, guessMapping(table.columns, ADDRESS_FIELDS));
		expect(errors).toEqual([]);
		expect(rows).toHaveLength(50);
		// Layers in name order: 25 ligplaatsen, then the verblijfsobjecten.
		expect(rows[25]).toEqual([
			26,
			'0363200000039881',
			'Barentszplein',
			'1-H',
			'1013NJ',
			'Amsterdam',
			4.8910276,
			52.3892794
		]);
		expect(new Set(table.rows.map((r) => r.values[0]))).toEqual(
			new Set(['ligplaatsen', 'verblijfsobjecten'])
		);
	});

	it('reads CBS buurten in RD New by its srs, reprojected', async () => {
		const table = await tableOf('cbs-buurten-selwerd-rd.gpkg');
		expect(table.crs).toBe('rd');
		const { rows, errors } = areaRows(table, guessMapping(table.columns, AREA_FIELDS));
		expect(errors).toEqual([]);
		const selwerd = rows.find((r) => r.code === 'BU00141000');
		expect(selwerd).toMatchObject({ name: 'Selwerd', parent: 'WK001410' });
		const [lon, lat] = (selwerd?.geometry.coordinates as number[][][])[0][0];
		expect(lon).toBeCloseTo(6.5588, 3);
		expect(lat).toBeCloseTo(53.2383, 3);
	});

	it('names a file that is no GeoPackage', async () => {
		const bytes = new TextEncoder().encode('SQLite format 3\u0000 but broken');
		await expect(readTableAsync('kapot.gpkg', bytes)).rejects.toThrow(
			/^kapot\.gpkg: geen leesbare GeoPackage/
		);
	});

	it('decodes big-endian WKB and drops Z', () => {
		const b = new DataView(new ArrayBuffer(29));
		b.setUint8(0, 0);
		b.setUint32(1, 1001);
		b.setFloat64(5, 5.1);
		b.setFloat64(13, 52.1);
		b.setFloat64(21, 3);
		expect(wkbGeometry(new Uint8Array(b.buffer))).toEqual({
			type: 'Point',
			coordinates: [5.1, 52.1]
		});
	});
});
