// Guards the to-do list's logic: the Amsterdam day (around midnight and both DST switches), the
// groups overdue / today / this week / later / no date and their order, the 30 days of "Gedaan",
// and where a changed follow-up goes (realtime events, answers to our own writes).
import { describe, expect, it } from 'vitest';
import {
	addDays,
	amsterdamDay,
	applyChange,
	assigneesOf,
	compareByDue,
	doneRecently,
	dueDay,
	dueGroup,
	endOfWeek,
	followUpAddress,
	formatDay,
	groupByDue,
	listFor,
	parsePbDate,
	sortDone,
	toPbDate,
	type FollowUpLists,
	type FollowUpScope
} from './followups';
import { followUp } from './followups.fixture';

/** A due day as the server stores it: noon UTC. */
const due = (day: string) => `${day} 12:00:00.000Z`;

describe('amsterdamDay', () => {
	it('follows the Dutch day, not UTC, around midnight', () => {
		// Winter (CET, UTC+1): 23:30 UTC is already the next day in Amsterdam.
		expect(amsterdamDay(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
		expect(amsterdamDay(new Date('2026-11-23T22:59:00Z'))).toBe('2026-11-23');
		// Summer (CEST, UTC+2).
		expect(amsterdamDay(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
		expect(amsterdamDay(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
	});

	it('keeps the day on the nights the clocks change', () => {
		expect(amsterdamDay(new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29');
		expect(amsterdamDay(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
		expect(amsterdamDay(new Date('2026-10-24T22:30:00Z'))).toBe('2026-10-25');
		expect(amsterdamDay(new Date('2026-10-24T21:30:00Z'))).toBe('2026-10-24');
	});
});

describe('dates', () => {
	it('reads PocketBase dates and writes them back', () => {
		expect(parsePbDate('2026-12-01 12:00:00.000Z')?.toISOString()).toBe('2026-12-01T12:00:00.000Z');
		expect(parsePbDate('')).toBeNull();
		expect(parsePbDate('morgen')).toBeNull();
		expect(toPbDate(new Date('2026-11-23T10:15:00Z'))).toBe('2026-11-23 10:15:00.000Z');
	});

	it('takes the due day from noon UTC, all year', () => {
		expect(dueDay(due('2026-12-01'))).toBe('2026-12-01');
		expect(dueDay(due('2026-07-15'))).toBe('2026-07-15');
		expect(dueDay('')).toBeNull();
	});

	it('counts days across months and years', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});

	it('ends a week on Sunday', () => {
		expect(endOfWeek('2026-11-23')).toBe('2026-11-29'); // Monday
		expect(endOfWeek('2026-11-28')).toBe('2026-11-29'); // Saturday
		expect(endOfWeek('2026-11-29')).toBe('2026-11-29'); // Sunday itself
		expect(endOfWeek('2026-12-30')).toBe('2027-01-03');
	});

	it('formats a due day the way each language writes it', () => {
		expect(formatDay('2026-12-01', 'en')).toBe('Tue 1 Dec');
		expect(formatDay('2026-12-01', 'nl')).toMatch(/^di 1 dec/);
	});
});

describe('dueGroup', () => {
	// Wednesday 25 November 2026.
	const today = '2026-11-25';

	it('sorts each day into its group', () => {
		expect(dueGroup(due('2026-11-24'), today)).toBe('overdue');
		expect(dueGroup(due('2025-01-01'), today)).toBe('overdue');
		expect(dueGroup(due('2026-11-25'), today)).toBe('today');
		expect(dueGroup(due('2026-11-26'), today)).toBe('week');
		expect(dueGroup(due('2026-11-29'), today)).toBe('week');
		expect(dueGroup(due('2026-11-30'), today)).toBe('later');
		expect(dueGroup('', today)).toBe('none');
	});

	it('has no "this week" left on a Sunday', () => {
		expect(dueGroup(due('2026-11-30'), '2026-11-29')).toBe('later');
	});
});

describe('groupByDue', () => {
	it('groups in list order, earliest first, the oldest first within a day', () => {
		// Wednesday 25 November 2026, 23:30 in Amsterdam (22:30 UTC).
		const now = new Date('2026-11-25T22:30:00Z');
		const items = [
			followUp('none-new', { created: '2026-11-20 09:00:00.000Z' }),
			followUp('later', { due: due('2026-12-10') }),
			followUp('today-new', { due: due('2026-11-25'), created: '2026-11-24 09:00:00.000Z' }),
			followUp('overdue-1', { due: due('2026-11-24') }),
			followUp('none-old', { created: '2026-11-02 09:00:00.000Z' }),
			followUp('week', { due: due('2026-11-27') }),
			followUp('today-old', { due: due('2026-11-25'), created: '2026-11-10 09:00:00.000Z' }),
			followUp('overdue-2', { due: due('2026-10-01') })
		];
		expect(groupByDue(items, now).map((g) => [g.group, g.items.map((i) => i.id)])).toEqual([
			['overdue', ['overdue-2', 'overdue-1']],
			['today', ['today-old', 'today-new']],
			['week', ['week']],
			['later', ['later']],
			['none', ['none-old', 'none-new']]
		]);
	});

	it('moves everything on a day after Amsterdam midnight', () => {
		const items = [followUp('a', { due: due('2026-11-25') })];
		expect(groupByDue(items, new Date('2026-11-25T22:59:00Z'))[0].group).toBe('today');
		expect(groupByDue(items, new Date('2026-11-25T23:00:00Z'))[0].group).toBe('overdue');
	});

	it('leaves out empty groups and never changes its input', () => {
		const items = [followUp('b', { due: due('2026-12-10') }), followUp('a')];
		const copy = [...items];
		expect(groupByDue(items, new Date('2026-11-25T10:00:00Z')).map((g) => g.group)).toEqual([
			'later',
			'none'
		]);
		expect(items).toEqual(copy);
		expect(groupByDue([], new Date())).toEqual([]);
	});

	it('puts those without a date after every dated one', () => {
		const dated = followUp('x', { due: due('2030-01-01') });
		const undated = followUp('y', { created: '2020-01-01 00:00:00.000Z' });
		expect(compareByDue(dated, undated)).toBeLessThan(0);
		expect(compareByDue(undated, dated)).toBeGreaterThan(0);
	});
});

describe('done', () => {
	const now = new Date('2026-11-25T10:00:00Z');

	it('keeps done ones for 30 days', () => {
		expect(doneRecently({ done: true, doneAt: '2026-11-25 09:00:00.000Z' }, now)).toBe(true);
		expect(doneRecently({ done: true, doneAt: '2026-10-27 10:00:00.000Z' }, now)).toBe(true);
		expect(doneRecently({ done: true, doneAt: '2026-10-26 09:59:00.000Z' }, now)).toBe(false);
		expect(doneRecently({ done: false, doneAt: '' }, now)).toBe(false);
		expect(doneRecently({ done: true, doneAt: '' }, now)).toBe(false);
	});

	it('shows the last ticked off first', () => {
		const items = [
			followUp('a', { done: true, doneAt: '2026-11-20 10:00:00.000Z' }),
			followUp('b', { done: true, doneAt: '2026-11-24 10:00:00.000Z' }),
			followUp('c', { done: true, doneAt: '2026-11-22 10:00:00.000Z' })
		];
		expect(sortDone(items).map((i) => i.id)).toEqual(['b', 'c', 'a']);
	});
});

describe('where a changed follow-up belongs', () => {
	const now = new Date('2026-11-25T10:00:00Z');
	const worker: FollowUpScope = { userId: 'me', team: false };
	const coordinator: FollowUpScope = { userId: 'me', team: true };
	const empty: FollowUpLists = { open: [], done: [] };
	const doneNow = { done: true, doneAt: '2026-11-25 09:59:00.000Z' };

	it('keeps a worker to her own', () => {
		expect(listFor({ assignee: 'me', done: false, doneAt: '' }, worker, now)).toBe('open');
		expect(listFor({ assignee: 'other', done: false, doneAt: '' }, worker, now)).toBeNull();
		expect(listFor({ assignee: 'me', ...doneNow }, worker, now)).toBe('done');
		expect(listFor({ assignee: 'other', ...doneNow }, worker, now)).toBeNull();
	});

	it('gives a coordinator her team’s open ones, but only her own done ones', () => {
		expect(listFor({ assignee: 'other', done: false, doneAt: '' }, coordinator, now)).toBe('open');
		expect(listFor({ assignee: '', done: false, doneAt: '' }, coordinator, now)).toBe('open');
		expect(listFor({ assignee: 'other', ...doneNow }, coordinator, now)).toBeNull();
	});

	it('adds a new one for her, and ignores a colleague’s', () => {
		const mine = followUp('a');
		const theirs = followUp('b', { assignee: 'other' });
		const after = applyChange(empty, { action: 'create', record: mine }, worker, now);
		expect(after.open.map((f) => f.id)).toEqual(['a']);
		expect(applyChange(after, { action: 'create', record: theirs }, worker, now)).toBe(after);
	});

	it('moves one ticked off to done and back', () => {
		const open = followUp('a');
		const lists: FollowUpLists = { open: [open], done: [] };
		const ticked = { ...open, ...doneNow, updated: '2026-11-25 09:59:00.000Z' };
		const done = applyChange(lists, { action: 'update', record: ticked }, worker, now);
		expect(done.open).toEqual([]);
		expect(done.done).toEqual([ticked]);
		const reopened = { ...open, updated: '2026-11-25 09:59:30.000Z' };
		const back = applyChange(done, { action: 'update', record: reopened }, worker, now);
		expect(back).toEqual({ open: [reopened], done: [] });
	});

	it('drops one given to a colleague, and one deleted', () => {
		const lists: FollowUpLists = { open: [followUp('a'), followUp('b')], done: [] };
		const given = { ...followUp('a', { assignee: 'other' }), updated: '2026-11-02 09:00:00.000Z' };
		const after = applyChange(lists, { action: 'update', record: given }, worker, now);
		expect(after.open.map((f) => f.id)).toEqual(['b']);
		expect(
			applyChange(after, { action: 'delete', record: followUp('b') }, worker, now).open
		).toEqual([]);
	});

	it('ignores a copy older than the one it has', () => {
		const newer = followUp('a', { ...doneNow, updated: '2026-11-25 09:59:00.000Z' });
		const lists: FollowUpLists = { open: [], done: [newer] };
		const echo = followUp('a', { updated: '2026-11-25 09:58:00.000Z' });
		expect(applyChange(lists, { action: 'update', record: echo }, worker, now)).toBe(lists);
	});

	it('forgets a done one older than 30 days', () => {
		const old = followUp('a', { done: true, doneAt: '2026-09-01 10:00:00.000Z' });
		expect(applyChange(empty, { action: 'update', record: old }, worker, now)).toBe(empty);
	});
});

describe('what the list shows', () => {
	it('names the door of the conversation, when she may see it', () => {
		const withDoor = followUp('a', {
			expand: {
				conversation: {
					id: 'c1',
					heldAt: '2026-11-23 10:00:00.000Z',
					expand: { address: { street: 'Zamenhofdreef', number: '12' } }
				}
			}
		});
		expect(followUpAddress(withDoor)).toBe('Zamenhofdreef 12');
		expect(followUpAddress(followUp('b'))).toBe('');
	});

	it('lists who the follow-ups are for once each, by name, nobody included', () => {
		const items = [
			followUp('a', { assignee: 'u2', expand: { assignee: { id: 'u2', name: 'Wendy' } } }),
			followUp('b', { assignee: 'u1', expand: { assignee: { id: 'u1', name: 'Ans' } } }),
			followUp('c', { assignee: 'u2', expand: { assignee: { id: 'u2', name: 'Wendy' } } }),
			followUp('d', { assignee: '' })
		];
		expect(assigneesOf(items)).toEqual([
			{ id: '', name: '' },
			{ id: 'u1', name: 'Ans' },
			{ id: 'u2', name: 'Wendy' }
		]);
	});
});
