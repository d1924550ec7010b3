// Guards AuditLogState with a log in memory: pages go by cursor, older and back again; new
// filters start at the newest page; a slower earlier answer never overwrites a later one.
import { describe, expect, it } from 'vitest';
import { EMPTY_AUDIT_FILTERS, type AuditCursor, type AuditEntry, type AuditFilters } from './audit';
import type { AuditApi } from './audit.api';
import { AuditLogState } from './audit.svelte';

const entry = (n: number, action = 'view'): AuditEntry => ({
	id: `e${String(n).padStart(3, '0')}`,
	actor: 'u1',
	actorKind: 'user',
	action,
	targetCollection: 'people',
	targetId: 'p1',
	details: null,
	created: `2026-03-01 10:00:${String(n % 60).padStart(2, '0')}.000Z`
});

/** 7 entries, newest first, in pages of 3, filtered by action like the server. */
function fakeLog(): { api: AuditApi; calls: (AuditCursor | null)[] } {
	const all = Array.from({ length: 7 }, (_, i) => entry(7 - i, i === 0 ? 'erase' : 'view'));
	const calls: (AuditCursor | null)[] = [];
	return {
		calls,
		api: {
			async list(filters: AuditFilters, cursor = null) {
				calls.push(cursor);
				const matching = all.filter((e) => !filters.action || e.action === filters.action);
				const start = cursor ? matching.findIndex((e) => e.id === cursor.id) + 1 : 0;
				return { items: matching.slice(start, start + 3), hasMore: matching.length > start + 3 };
			}
		}
	};
}

describe('AuditLogState', () => {
	it('pages older by cursor and back', async () => {
		const { api, calls } = fakeLog();
		const log = new AuditLogState(api);
		await log.apply(EMPTY_AUDIT_FILTERS);
		expect(log.items.map((e) => e.id)).toEqual(['e007', 'e006', 'e005']);
		expect([log.page, log.hasPrevious, log.hasMore]).toEqual([1, false, true]);
		await log.next();
		await log.next();
		expect(log.items.map((e) => e.id)).toEqual(['e001']);
		expect([log.page, log.hasMore]).toEqual([3, false]);
		await log.next();
		expect(log.page).toBe(3);
		await log.previous();
		expect(log.items.map((e) => e.id)).toEqual(['e004', 'e003', 'e002']);
		expect(calls.at(-1)).toEqual({ id: 'e005', created: entry(5).created });
	});

	it('starts at the newest page when the filters change', async () => {
		const { api } = fakeLog();
		const log = new AuditLogState(api);
		await log.apply(EMPTY_AUDIT_FILTERS);
		await log.next();
		await log.apply({ ...EMPTY_AUDIT_FILTERS, action: 'erase' });
		expect(log.page).toBe(1);
		expect(log.items.map((e) => e.action)).toEqual(['erase']);
		expect(log.filters.action).toBe('erase');
	});

	it('keeps the later answer when an earlier one comes in last', async () => {
		let release: () => void = () => {};
		const { api } = fakeLog();
		const slow: AuditApi = {
			list: (filters, cursor) =>
				filters.action === 'view'
					? new Promise((resolve) => (release = () => void api.list(filters, cursor).then(resolve)))
					: api.list(filters, cursor)
		};
		const log = new AuditLogState(slow);
		const first = log.apply({ ...EMPTY_AUDIT_FILTERS, action: 'view' });
		await log.apply({ ...EMPTY_AUDIT_FILTERS, action: 'erase' });
		release();
		await first;
		expect(log.items.map((e) => e.action)).toEqual(['erase']);
	});

	it('says when the log could not be read', async () => {
		const log = new AuditLogState({
			list: () => Promise.reject(Object.assign(new Error('down'), { status: 500 }))
		});
		await log.apply(EMPTY_AUDIT_FILTERS);
		expect([log.status, log.error]).toEqual(['error', 'server']);
	});

	it('applies the form as typed, starting from the filters it was given', async () => {
		const { api } = fakeLog();
		const log = new AuditLogState(api, { ...EMPTY_AUDIT_FILTERS, action: 'erase' });
		expect(log.draft.action).toBe('erase');
		await log.apply();
		expect(log.items.map((e) => e.id)).toEqual(['e007']);
		log.draft.action = '';
		await log.apply();
		expect(log.items).toHaveLength(3);
		await log.apply({ ...EMPTY_AUDIT_FILTERS, action: 'erase' });
		expect(log.draft.action).toBe('erase');
	});
});
