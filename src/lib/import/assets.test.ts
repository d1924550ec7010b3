// Assets from a Dutch team's spreadsheet: Windows-1252, `;`, decimal commas, Dutch headers, kinds
// and themes by code or label in either language; unknown ones are row errors with their line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSET_FIELDS, assetRows } from './assets.js';
import { guessMapping } from './fields.js';
import { readTable, readTableAsync } from './table.js';

const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/import');
const assetsOf = (name: string) => {
	const table = readTable(name, readFileSync(join(FIXTURES, name)));
	return { table, ...assetRows(table, guessMapping(table.columns, ASSET_FIELDS)) };
};

describe('reading assets', () => {
	it('reads a Windows-1252 spreadsheet with Dutch headers and labels', () => {
		const { table, rows, errors } = assetsOf('krachten-westerdok.csv');
		expect(table.encoding).toBe('windows-1252');
		expect(errors).toEqual([]);
		expect(rows).toEqual([
			{
				line: 2,
				title: 'Buurthuis de Wester',
				kind: 'institution',
				themes: ['taal', 'eenzaamheid'],
				description: 'Koffie en taalles',
				street: 'Barentszplein',
				number: '1-H',
				postcode: '1013NJ',
				lon: null,
				lat: null
			},
			expect.objectContaining({
				line: 3,
				title: 'Café Zeemeeuw',
				kind: 'business',
				lon: 4.8905,
				lat: 52.389
			}),
			expect.objectContaining({ line: 4, kind: 'initiative', themes: ['groen'] }),
			expect.objectContaining({ line: 5, kind: 'initiative', themes: ['taal'] })
		]);
	});

	it('names unknown kinds and themes and rows without a place, by line', () => {
		const { rows, errors } = assetsOf('krachten-fouten.csv');
		expect(rows.map((r) => r.line)).toEqual([5]);
		expect(errors).toEqual([
			{ line: 2, reason: expect.stringMatching(/soort "Kerk" is onbekend/) },
			{ line: 3, reason: expect.stringMatching(/thema "Muziek" is onbekend/) },
			{ line: 4, reason: expect.stringMatching(/geen coördinaten en geen straat/) }
		]);
	});
});

describe('reading assets from Excel', () => {
	it('reads the first worksheet: numbers, rich text and formulas as values, Excel’s line numbers', async () => {
		const table = await readTableAsync(
			'krachten.xlsx',
			readFileSync(join(FIXTURES, 'krachten-westerdok.xlsx'))
		);
		expect(table.format).toBe('xlsx');
		const { rows, errors } = assetRows(table, guessMapping(table.columns, ASSET_FIELDS));
		expect(errors).toEqual([]);
		expect(rows).toEqual([
			expect.objectContaining({
				line: 2,
				kind: 'institution',
				street: 'Barentszplein',
				number: '1-H'
			}),
			expect.objectContaining({
				line: 3,
				kind: 'business',
				description: 'Ontmoeting op het terras',
				lon: 4.8905,
				lat: 52.389
			}),
			expect.objectContaining({ line: 5, kind: 'initiative', lat: 52.3885 })
		]);
	});

	it('names a file that is no workbook', async () => {
		const bytes = new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]);
		await expect(readTableAsync('kapot.xlsx', bytes)).rejects.toThrow(
			/^kapot\.xlsx: geen leesbaar Excel-bestand/
		);
	});
});
