import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFigures, peakRssMb, SUMMARY, writeLast } from './figures.mjs';

describe('bench figures', () => {
	afterEach(() => vi.restoreAllMocks());

	it('prints each figure as it comes and keeps it as printed', () => {
		const printed: string[] = [];
		vi.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
		const { figure, get } = createFigures();
		figure('assets.list_20000_median', 1234.6, 'ms');
		figure('gaps.server_city_admin_body_mb', 29.84, 'MB', 1);
		expect(printed).toEqual([
			'assets.list_20000_median: 1235 ms',
			'gaps.server_city_admin_body_mb: 29.8 MB'
		]);
		expect(get('assets.list_20000_median')).toBe(1235);
		expect(get('gaps.server_city_admin_body_mb')).toBe(29.8);
		expect(get('not.measured')).toBeNull();
	});

	it('writes the summary keys of issue 18, null for what was not measured, beside every figure and the machine', () => {
		vi.spyOn(console, 'log').mockImplementation(() => {});
		const figures = createFigures();
		figures.figure('gaps.server_city_admin_ms', 2000, 'ms');
		figures.figure('gaps.analysis_city_ms', 450, 'ms');
		figures.figure('conversations.burst_saves_per_second', 140, 'saves');
		const dir = mkdtempSync(join(tmpdir(), 'bench-last-'));
		try {
			const path = join(dir, 'bench', 'last.json');
			writeLast(path, figures);
			const last = JSON.parse(readFileSync(path, 'utf8'));
			for (const key of [
				'mapFirstViewMs20k',
				'mapFirstViewMs100k',
				'mapNaiveMs100k',
				'gapInputCityColdMs',
				'gapReadyCityMs',
				'recordsList20kMs',
				'burstSavesPerSecond',
				'saveP95Ms50',
				'serverPeakRssMb',
				'pageHeapMb100k'
			]) {
				expect(last.summary).toHaveProperty(key);
			}
			expect(Object.keys(last.summary)).toEqual(Object.keys(SUMMARY));
			expect(last.summary.gapInputCityColdMs).toBe(2000);
			expect(last.summary.gapReadyCityMs).toBe(2450);
			expect(last.summary.burstSavesPerSecond).toBe(140);
			expect(last.summary.mapFirstViewMs100k).toBeNull();
			expect(last.summary.saveP95Ms50).toBeNull();
			expect(last.figures['gaps.analysis_city_ms']).toEqual({ value: 450, unit: 'ms' });
			expect(last.machine.cpus).toBeGreaterThan(0);
			expect(last.machine.node).toBe(process.version);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it.runIf(process.platform === 'linux')('reads a live process’s peak memory', () => {
		const mb = peakRssMb(process.pid);
		expect(mb).toBeGreaterThan(process.memoryUsage().rss / 1024 / 1024 / 2);
		expect(peakRssMb(undefined)).toBeNull();
	});
});
