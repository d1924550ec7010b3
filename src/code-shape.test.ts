// Guards the shape issue 13 gave the code: no component grows past 400 lines (styles included),
// so a page stays something to read in one go; split it into named parts or move its state into
// src/lib/<domain>/<d>.svelte.ts before it gets there.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const MAX_SVELTE_LINES = 400;

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : svelteFiles(path);
		return entry.name.endsWith('.svelte') ? [path] : [];
	});
}

describe('code shape', () => {
	it(`keeps every .svelte file at ${MAX_SVELTE_LINES} lines or fewer`, () => {
		const files = svelteFiles(join(ROOT, 'src'));
		expect(files.length).toBeGreaterThan(50);
		const over = files
			.map((file) => ({
				file: relative(ROOT, file),
				lines: readFileSync(file, 'utf8').split('\n').length - 1
			}))
			.filter(({ lines }) => lines > MAX_SVELTE_LINES);
		expect(over).toEqual([]);
	});
});
