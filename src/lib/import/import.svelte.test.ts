// The import page's state with a fake API: a file read and checked, a column remapped, too large
// a file refused before reading, progress while sending, and a refused import kept on the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checker } from './check.js';
import type { ImportApi } from './import.api';
import { ImportState } from './import.svelte';
import type { ImportResult } from './send.js';
import { MAX_BYTES } from './table.js';

const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/import');

function fakeApi(result: Partial<ImportResult> = {}) {
	const files = checker();
	const sent: { rows: number; dryRun: boolean }[] = [];
	const api: ImportApi = {
		read: async (kind, file) =>
			files.read(kind, file.name, new Uint8Array(await file.arrayBuffer())),
		remap: async (mapping) => files.remap(mapping),
		send: async (_kind, rows, options) => {
			sent.push({ rows: rows.length, dryRun: options.dryRun });
			options.onProgress(rows.length / 2, rows.length);
			options.onProgress(rows.length, rows.length);
			return {
				ok: true,
				dryRun: options.dryRun,
				rows: rows.length,
				created: rows.length,
				updated: 0,
				unchanged: 0,
				skipped: 0,
				errors: [],
				errorCount: 0,
				outside: [],
				outsideCount: 0,
				...result
			};
		}
	};
	return { api, sent };
}

const fileOf = (name: string) => new File([readFileSync(join(FIXTURES, name))], name);

describe('ImportState', () => {
	it('reads a file, shows its columns and first rows, and imports it with progress', async () => {
		const { api, sent } = fakeApi();
		const state = new ImportState(api);
		await state.choose(fileOf('bag-westerdok-rd.csv'));
		expect(state.step).toBe('checked');
		expect(state.checked?.columns[0]).toBe('Nummeraanduiding');
		expect(state.checked?.preview).toHaveLength(5);
		expect(state.checked?.mapping.x).toBe(7);
		expect(state.ready).toBe(true);
		await state.run(true);
		expect(state.step).toBe('checked');
		await state.run(false);
		expect(sent).toEqual([
			{ rows: 300, dryRun: true },
			{ rows: 300, dryRun: false }
		]);
		expect(state.step).toBe('done');
		expect(state.progress).toEqual({ done: 300, total: 300 });
		expect(state.result?.created).toBe(300);
	});

	it('checks again when a column is mapped otherwise, and is not ready with bad rows', async () => {
		const state = new ImportState(fakeApi().api);
		await state.choose(fileOf('bag-westerdok-rd.csv'));
		await state.map('bagId', -1);
		expect(state.checked?.fileError).toMatch(/Nummeraanduiding-id/);
		expect(state.ready).toBe(false);
		await state.choose(fileOf('bad-rows.csv'));
		expect(state.rowErrors.map((e) => e.line)).toEqual([3, 5, 6]);
		expect(state.ready).toBe(false);
	});

	it('refuses a file over the limit before reading it, and names an unreadable one', async () => {
		const state = new ImportState(fakeApi().api);
		const huge = { name: 'groot.csv', size: MAX_BYTES + 1 } as File;
		await state.choose(huge);
		expect(state.error).toMatch(/^groot\.csv: /);
		expect(state.step).toBe('idle');
		await state.choose(fileOf('broken.geojson'));
		expect(state.checked?.fileError).toMatch(/geen geldige JSON/);
	});

	it('keeps a refused import on the page with its rows', async () => {
		const state = new ImportState(
			fakeApi({ ok: false, outsideCount: 1, outside: [{ line: 2, bagId: 'x' }] }).api
		);
		await state.choose(fileOf('bag-westerdok-rd.csv'));
		await state.run(false);
		expect(state.step).toBe('checked');
		expect(state.result?.outside).toEqual([{ line: 2, bagId: 'x' }]);
	});
});

describe('ImportState for areas', () => {
	it('reads CBS buurten as areas when that kind is chosen', async () => {
		const { api, sent } = fakeApi();
		const state = new ImportState(api);
		state.kind = 'areas';
		await state.choose(fileOf('cbs-wijken-groningen-2016.geojson'));
		expect(state.checked?.kind).toBe('areas');
		expect(state.rows).toHaveLength(14);
		await state.run(false);
		expect(sent).toEqual([{ rows: 14, dryRun: false }]);
	});
});
