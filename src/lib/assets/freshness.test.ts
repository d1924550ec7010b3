// Guards asset freshness: which date counts as the last confirmation, whole-day ages, and the
// stale boundary (exactly staleAfterDays is stale; ended assets never are), and the stale assets
// queued per street.
import { describe, expect, it } from 'vitest';
import type { AssetRecord } from '$lib/pocketbase/types';
import { ageInDays, isStale, lastConfirmedAt, staleByStreet } from './freshness';

const now = new Date('2025-06-30T12:00:00.000Z');

const dates = {
	confirmedAt: '2025-06-01 12:00:00.000Z',
	updated: '2025-05-01 12:00:00.000Z',
	created: '2025-01-01 12:00:00.000Z'
};

describe('lastConfirmedAt', () => {
	it('prefers the confirmation, then the last change, then the creation', () => {
		expect(lastConfirmedAt(dates)).toBe(dates.confirmedAt);
		expect(lastConfirmedAt({ ...dates, confirmedAt: '' })).toBe(dates.updated);
		expect(lastConfirmedAt({ confirmedAt: '', created: dates.created })).toBe(dates.created);
		expect(lastConfirmedAt({ confirmedAt: '' })).toBe('');
	});

	it('copes with a record read before the field existed', () => {
		const old = { updated: dates.updated } as Parameters<typeof lastConfirmedAt>[0];
		expect(lastConfirmedAt(old)).toBe(dates.updated);
	});
});

describe('ageInDays', () => {
	it('counts whole days, from PocketBase and ISO dates alike', () => {
		expect(ageInDays('2025-06-30 12:00:00.000Z', now)).toBe(0);
		expect(ageInDays('2025-06-29 12:00:00.001Z', now)).toBe(0);
		expect(ageInDays('2025-06-29 12:00:00.000Z', now)).toBe(1);
		expect(ageInDays('2025-06-20T12:00:00Z', now)).toBe(10);
		expect(ageInDays('2024-06-30 12:00:00.000Z', now)).toBe(365);
	});

	it('is 0 for a date in the future and Infinity for no date', () => {
		expect(ageInDays('2025-07-01 00:00:00.000Z', now)).toBe(0);
		expect(ageInDays('', now)).toBe(Infinity);
		expect(ageInDays('not a date', now)).toBe(Infinity);
	});
});

describe('isStale', () => {
	const confirmedDaysAgo = (days: number, ms = 0) => ({
		status: 'active' as const,
		confirmedAt: new Date(now.getTime() - days * 86_400_000 - ms).toISOString(),
		updated: '2025-06-30 00:00:00.000Z'
	});

	it('turns stale at exactly staleAfterDays, not a moment before', () => {
		expect(isStale(confirmedDaysAgo(180), now, 180)).toBe(true);
		expect(isStale(confirmedDaysAgo(180, -1), now, 180)).toBe(false);
		expect(isStale(confirmedDaysAgo(179), now, 180)).toBe(false);
		expect(isStale(confirmedDaysAgo(400), now, 180)).toBe(true);
	});

	it('falls back to the last change when never confirmed', () => {
		// Updated 60 days ago, created 180 days ago.
		const neverConfirmed = { ...dates, status: 'active' as const, confirmedAt: '' };
		expect(isStale(neverConfirmed, now, 61)).toBe(false);
		expect(isStale(neverConfirmed, now, 60)).toBe(true);
		const neverChanged = { ...neverConfirmed, updated: undefined };
		expect(isStale(neverChanged, now, 181)).toBe(false);
		expect(isStale(neverChanged, now, 180)).toBe(true);
		// No date at all: as old as can be.
		expect(isStale({ status: 'idea', confirmedAt: '' }, now, 10_000)).toBe(true);
	});

	it('never calls an ended asset stale', () => {
		expect(isStale({ ...confirmedDaysAgo(1000), status: 'ended' }, now, 180)).toBe(false);
		expect(isStale({ status: 'ended', confirmedAt: '' }, now, 1)).toBe(false);
	});
});

describe('staleByStreet', () => {
	const old = '2024-01-01 12:00:00.000Z';
	const recent = '2025-06-01 12:00:00.000Z';
	const asset = (id: string, street: string, confirmedAt: string, status = 'active') =>
		({ id, street, confirmedAt, status }) as AssetRecord;

	it('groups the stale assets by street, streets in Dutch order and no street last', () => {
		const groups = staleByStreet(
			[
				asset('bench', '', old),
				asset('fatima', 'Wolgadreef', old),
				asset('fresh', 'Wolgadreef', recent),
				asset('club', 'Amazonedreef', old),
				asset('ended', 'Amazonedreef', old, 'ended'),
				asset('ali', 'Wolgadreef', old),
				asset('school', 'ëlzenlaan', old)
			],
			now,
			365
		);
		expect(groups.map((g) => [g.street, g.assets.map((a) => a.id)])).toEqual([
			['Amazonedreef', ['club']],
			['ëlzenlaan', ['school']],
			['Wolgadreef', ['fatima', 'ali']],
			['', ['bench']]
		]);
	});

	it('is empty when nothing is stale', () => {
		expect(staleByStreet([asset('fresh', 'Wolgadreef', recent)], now, 365)).toEqual([]);
		expect(staleByStreet([], now, 365)).toEqual([]);
	});
});
