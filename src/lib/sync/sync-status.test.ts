import { describe, expect, it } from 'vitest';
import type { OutboxItem } from './outbox';
import { formatSyncTime, syncStatus } from './sync-status';

const item = (id: string, status: OutboxItem['status']) =>
	({ id, status, queuedAt: 1, attempts: 0, nextAttemptAt: 1 }) as OutboxItem;

describe('syncStatus', () => {
	it('counts waiting and refused, and all sent only with nothing left', () => {
		const items = [item('a', 'waiting'), item('b', 'rejected'), item('c', 'waiting')];
		expect(syncStatus(items, 5)).toEqual({ waiting: 2, refused: 1, allSent: false, lastSyncAt: 5 });
		expect(syncStatus([item('b', 'rejected')], 5).allSent).toBe(false);
		expect(syncStatus([], null)).toEqual({
			waiting: 0,
			refused: 0,
			allSent: true,
			lastSyncAt: null
		});
	});
});

describe('formatSyncTime', () => {
	it('says the time today, and the date with it on another day', () => {
		const now = new Date(2026, 11, 7, 16, 30).getTime();
		expect(formatSyncTime(new Date(2026, 11, 7, 9, 5).getTime(), now, 'nl')).toBe('09:05');
		expect(formatSyncTime(new Date(2026, 11, 7, 14, 2).getTime(), now, 'en')).toBe('14:02');
		const before = formatSyncTime(new Date(2026, 11, 5, 14, 2).getTime(), now, 'nl');
		expect(before).toMatch(/5 dec.* 2026.*14:02/);
	});
});
