// The import's parsing and checks (shared by the page and the CLI), on real BAG addresses of
// Amsterdam Westerdok and on malformed files (tests/fixtures/import/): each gets a clear error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressRows, ADDRESS_FIELDS, houseNumber, normalizeBagId } from './addresses.js';
import { crsFromName, detectCrs, parseNumber, toWgs84 } from './crs.js';
import { decodeText } from './decode.js';
import { guessMapping } from './fields.js';
import { chunkRows } from './send.js';
import { ImportFileError, readTable } from './table.js';

const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/import');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const addressesOf = (name: string, bytes: Uint8Array = fixture(name)) => {
	const table = readTable(name, bytes);
	return { table, ...addressRows(table, guessMapping(table.columns, ADDRESS_FIELDS)) };
};

describe('reading BAG addresses', () => {
	it('reads PDOK’s GeoJSON with its own field names, no mapping needed', () => {
		const { rows, errors, crs } = addressesOf('bag-westerdok.geojson');
		expect(errors).toEqual([]);
		expect(crs).toBe('wgs84');
		expect(rows).toHaveLength(1904);
		expect(rows[0]).toEqual([
			1,
			'0363200000039881',
			'Barentszplein',
			'1-H',
			'1013NJ',
			'Amsterdam',
			4.8910276,
			52.3892794
		]);
	});

	it('reads a Dutch CSV: semicolons, Dutch headers, RD x/y with decimal commas', () => {
		const { table, rows, errors, crs } = addressesOf('bag-westerdok-rd.csv');
		expect(table.delimiter).toBe(';');
		expect(errors).toEqual([]);
		expect(crs).toBe('rd');
		expect(rows).toHaveLength(300);
		expect(rows[0][0]).toBe(2);
		// Reprojected from RD New to within a few centimetres of the BAG's own WGS84 point.
		expect(rows[0][6]).toBeCloseTo(4.8910276, 5);
		expect(rows[0][7]).toBeCloseTo(52.3892794, 5);
	});

	it('names every bad row among good ones with its line and reason', () => {
		const { rows, errors } = addressesOf('bad-rows.csv');
		expect(rows.map((r) => r[0])).toEqual([2, 4, 7]);
		expect(errors).toEqual([
			{ line: 3, reason: expect.stringContaining('huisnummer') },
			{ line: 5, reason: expect.stringContaining('verwisseld') },
			{ line: 6, reason: expect.stringContaining('postcode') }
		]);
	});

	it('detects RD New in a GeoJSON that names no CRS', () => {
		const { rows, errors, crs } = addressesOf('rd-without-crs.geojson');
		expect(crs).toBe('rd');
		expect(errors).toEqual([]);
		expect(rows[0][6]).toBeCloseTo(4.8910276, 5);
	});

	it('refuses a CRS that is neither WGS84 nor RD New', () => {
		expect(addressesOf('wrong-crs.geojson').fileError).toMatch(/EPSG:28992/);
	});

	it('names the missing columns', () => {
		const { fileError } = addressesOf('missing-columns.csv');
		expect(fileError).toMatch(/Nummeraanduiding-id.*Huisnummer/);
		expect(fileError).toMatch(/X\/Y/);
	});

	it('refuses a duplicate nummeraanduiding id, naming the first line', () => {
		const text = 'nummeraanduiding_id;straat;huisnummer;lat;lon\n1;A;1;52,1;5,1\n1;A;2;52,1;5,1\n';
		const { errors } = addressesOf('x.csv', new TextEncoder().encode(text));
		expect(errors).toEqual([{ line: 3, reason: expect.stringContaining('regel 2') }]);
	});

	it('reads lat/lon with decimal commas and a BOM; counts lines past empty ones', () => {
		const text =
			'\uFEFFbagid;straat;huisnummer;breedtegraad;lengtegraad\r\n\r\n0363200000039881;Barentszplein;1;52,3892794;4,8910276\r\n';
		const { rows, errors } = addressesOf('x.csv', new TextEncoder().encode(text));
		expect(errors).toEqual([]);
		expect(rows[0]).toEqual([
			3,
			'0363200000039881',
			'Barentszplein',
			'1',
			'',
			'',
			4.8910276,
			52.3892794
		]);
	});
});

describe('files that cannot be read', () => {
	const refusal = (name: string, bytes: Uint8Array = fixture(name), limits = {}) => {
		try {
			readTable(name, bytes, limits);
		} catch (error) {
			expect(error).toBeInstanceOf(ImportFileError);
			return (error as Error).message;
		}
		throw new Error(`${name} was read`);
	};

	it('broken JSON, with where it broke', () => {
		expect(refusal('broken.geojson')).toMatch(/^broken\.geojson: geen geldige JSON/);
	});
	it('an empty file', () => expect(refusal('empty.csv')).toMatch(/leeg.*empty/));
	it('headers only', () => expect(refusal('headers-only.csv')).toMatch(/headers only/));
	it('JSON that is no FeatureCollection', () => {
		expect(refusal('x.geojson', new TextEncoder().encode('{"type":"Point"}'))).toMatch(
			/FeatureCollection/
		);
	});
	it('a file over the size limit, before reading it', () => {
		expect(
			refusal('bag-westerdok.geojson', fixture('bag-westerdok.geojson'), { maxBytes: 1000 })
		).toMatch(/over the 1000 bytes/);
	});
	it('more rows than one import takes', () => {
		expect(
			refusal('bag-westerdok-rd.csv', fixture('bag-westerdok-rd.csv'), { maxRows: 100 })
		).toMatch(/300 rows, over 100/);
	});
	it('a format it does not read (yet), by name', () => {
		expect(refusal('data.xlsx', new Uint8Array([80, 75, 3, 4]))).toMatch(/XLSX/);
	});
});

describe('the pieces', () => {
	it('decodes UTF-8 (without its BOM), and Windows-1252 when the bytes are not UTF-8', () => {
		expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x43, 0x61, 0x66, 0xc3, 0xa9]))).toEqual({
			text: 'Café',
			encoding: 'utf-8'
		});
		expect(decodeText(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x80]))).toEqual({
			text: 'Café€',
			encoding: 'windows-1252'
		});
	});

	it('reads Dutch and English numbers', () => {
		expect(parseNumber('5,123')).toBe(5.123);
		expect(parseNumber('155.000,5')).toBe(155000.5);
		expect(parseNumber('155,000.5')).toBe(155000.5);
		expect(parseNumber('-3')).toBe(-3);
		expect(parseNumber('')).toBeNaN();
		expect(parseNumber('12 a')).toBeNaN();
	});

	it('knows CRS names and detects RD New or WGS84 from the numbers', () => {
		expect(crsFromName('urn:ogc:def:crs:EPSG::28992')).toBe('rd');
		expect(crsFromName('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe('wgs84');
		expect(crsFromName('EPSG:3857')).toBe('unknown');
		expect(crsFromName(undefined)).toBeNull();
		expect(detectCrs([[121223, 489163]])).toBe('rd');
		expect(detectCrs([[4.89, 52.39]])).toBe('wgs84');
		expect(detectCrs([[-70, 40]])).toBeNull();
		// Amersfoort, RD's origin: 155000, 463000.
		const [lon, lat] = toWgs84(155000, 463000, 'rd');
		expect(lon).toBeCloseTo(5.38721, 4);
		expect(lat).toBeCloseTo(52.15517, 4);
	});

	it('writes house numbers the Dutch way and keeps the BAG id’s leading zero', () => {
		expect(houseNumber('12', 'a', '')).toBe('12A');
		expect(houseNumber('12', '', '3')).toBe('12-3');
		expect(normalizeBagId('363200000039881')).toBe('0363200000039881');
	});

	it('splits rows into chunks under the body limit', () => {
		const rows = Array.from({ length: 100 }, (_, i) => ['x'.repeat(100), i]);
		const chunks = chunkRows(rows, 1000);
		expect(chunks.flat()).toEqual(rows);
		for (const chunk of chunks) expect(JSON.stringify(chunk).length).toBeLessThanOrEqual(1000);
	});
});
