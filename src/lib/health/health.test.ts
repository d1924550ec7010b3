import { describe, expect, it } from 'vitest';
import { backupStale, diskLow, retentionChanged, retentionStale } from './health';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const HOUR = 3_600_000;

describe('diskLow', () => {
	it('is low under a tenth free or under 2 GB, and unknown is not low', () => {
		expect(diskLow({ free: 50e9, total: 100e9 })).toBe(false);
		expect(diskLow({ free: 9e9, total: 100e9 })).toBe(true);
		expect(diskLow({ free: 1.5e9, total: 10e9 })).toBe(true);
		expect(diskLow(null)).toBe(false);
	});
});

describe('backupStale and retentionStale', () => {
	it('are stale when missing or over two days old', () => {
		const backup = (hoursAgo: number) => ({
			name: 'b.zip',
			at: new Date(NOW - hoursAgo * HOUR).toISOString(),
			size: 1
		});
		expect(backupStale(backup(7), NOW)).toBe(false);
		expect(backupStale(backup(49), NOW)).toBe(true);
		expect(backupStale(null, NOW)).toBe(true);
		const run = {
			at: new Date(NOW - 30 * HOUR).toISOString(),
			people: 1,
			conversations: 2,
			assets: 5,
			followUps: 3,
			residentLinks: 4,
			auditEntries: 10,
			failed: 0
		};
		expect(retentionStale(run, NOW)).toBe(false);
		expect(retentionStale({ ...run, at: new Date(NOW - 72 * HOUR).toISOString() }, NOW)).toBe(true);
		expect(retentionStale(null, NOW)).toBe(true);
		// Assets are changed, not removed: they are not counted.
		expect(retentionChanged(run)).toBe(20);
	});
});
