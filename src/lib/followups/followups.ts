// Follow-ups (vervolgafspraken): what was agreed at a door, as a to-do list for the one it is
// for. The server makes them from a conversation's `followUp` and stamps who ticked one off when
// (pb_hooks/follow-ups.pb.js). Pure: which day a follow-up is due (the team's day, in
// Amsterdam, wherever the phone thinks it is), the groups of the list and their order, and where
// a changed record belongs.
import type { AddressRecord } from '$lib/addresses/addresses';
import { formatDateAs } from '$lib/i18n/i18n';
import type { Locale } from '$lib/paraglide/runtime.js';
import type {
	ConversationRecord,
	FollowUpRecord,
	LocationSource,
	UserRecord
} from '$lib/pocketbase/types';

/** The team's time zone: "today" and "overdue" follow the Dutch day, also on a phone abroad. */
export const TEAM_TIME_ZONE = 'Europe/Amsterdam';

/** Done follow-ups stay in "Gedaan" this many days; the far-from-address list looks as far back. */
export const DONE_DAYS = 30;

/** The server flags a talk logged further than this from its door (pb_hooks/lib/conversation-growth.js). */
export const FAR_FROM_ADDRESS_M = 150;

/** A colleague as the to-do list shows her: enough for a name and a choice. */
export type Colleague = Pick<UserRecord, 'id' | 'name' | 'role'>;

/** A follow-up with what the list shows of its conversation (the door) and people. */
export type FollowUp = FollowUpRecord & {
	expand?: {
		conversation?: Pick<ConversationRecord, 'id' | 'heldAt'> & {
			expand?: { address?: Pick<AddressRecord, 'street' | 'number'> };
		};
		createdBy?: Pick<UserRecord, 'id' | 'name'>;
		assignee?: Pick<UserRecord, 'id' | 'name'>;
	};
};

/** A conversation logged far from its door, as the coordinator's check list shows it. */
export type FarTalk = Pick<
	ConversationRecord,
	'id' | 'heldAt' | 'address' | 'worker' | 'distanceFromAddress' | 'locationSource'
> & {
	expand?: {
		address?: Pick<AddressRecord, 'street' | 'number'>;
		worker?: Pick<UserRecord, 'id' | 'name'>;
	};
};

export const DUE_GROUPS = ['overdue', 'today', 'week', 'later', 'none'] as const;
export type DueGroup = (typeof DUE_GROUPS)[number];

/** Message keys (messages/*.json) of the group headings. */
export const DUE_GROUP_KEYS = {
	overdue: 'tasks_group_overdue',
	today: 'tasks_group_today',
	week: 'tasks_group_week',
	later: 'tasks_group_later',
	none: 'tasks_group_none'
} as const satisfies Record<DueGroup, string>;

/** Message keys of where a conversation's location came from. */
export const LOCATION_SOURCE_KEYS = {
	address: 'tasks_source_address',
	gps: 'tasks_source_gps',
	map: 'tasks_source_map'
} as const satisfies Record<LocationSource, string>;

const DAY_MS = 24 * 60 * 60 * 1000;

const amsterdamParts = new Intl.DateTimeFormat('en-GB', {
	timeZone: TEAM_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/**
 * The day (YYYY-MM-DD) a moment falls on in Amsterdam.
 *
 * @example amsterdamDay(new Date('2026-11-23T23:30:00Z')) // '2026-11-24' (00:30 there)
 */
export function amsterdamDay(moment: Date): string {
	const parts = Object.fromEntries(
		amsterdamParts.formatToParts(moment).map((part) => [part.type, part.value])
	);
	return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A PocketBase date ('2026-12-01 12:00:00.000Z') or ISO string as a Date; null for '' or junk. */
export function parsePbDate(value: string | undefined): Date | null {
	if (!value) return null;
	// PocketBase separates date and time with a space, which not every browser's Date parses.
	const time = Date.parse(value.trim().replace(' ', 'T'));
	return Number.isNaN(time) ? null : new Date(time);
}

/**
 * A Date as PocketBase writes dates, for filters and comparisons with stored values.
 *
 * @example toPbDate(new Date('2026-11-23T10:15:00Z')) // '2026-11-23 10:15:00.000Z'
 */
export function toPbDate(moment: Date): string {
	return moment.toISOString().replace('T', ' ');
}

/**
 * The day a follow-up is due, in Amsterdam; null without a date. The server stores a due day as
 * noon UTC, which is that same day in Amsterdam all year.
 *
 * @example dueDay('2026-12-01 12:00:00.000Z') // '2026-12-01'
 */
export function dueDay(due: string): string | null {
	const moment = parsePbDate(due);
	return moment ? amsterdamDay(moment) : null;
}

/** The moment `days` days before `moment`: where "the last 30 days" begin. */
export function daysBefore(moment: Date, days: number): Date {
	return new Date(moment.getTime() - days * DAY_MS);
}

/** @example addDays('2026-12-31', 1) // '2027-01-01' */
export function addDays(day: string, days: number): string {
	const [year, month, date] = day.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, date) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The Sunday that ends the week of a day: Dutch weeks run Monday to Sunday.
 *
 * @example endOfWeek('2026-11-25') // '2026-11-29' (a Wednesday ▸ its Sunday)
 */
export function endOfWeek(day: string): string {
	const [year, month, date] = day.split('-').map(Number);
	const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay(); // 0 = Sunday
	return addDays(day, (7 - weekday) % 7);
}

/**
 * Which group of the list a follow-up falls in, seen from `today` (an Amsterdam day): before
 * today, today, later this week (up to Sunday), after this week, or without a date.
 *
 * @example dueGroup('2026-11-26 12:00:00.000Z', '2026-11-25') // 'week'
 */
export function dueGroup(due: string, today: string): DueGroup {
	const day = dueDay(due);
	if (!day) return 'none';
	// YYYY-MM-DD strings compare like the days they name.
	if (day < today) return 'overdue';
	if (day === today) return 'today';
	if (day <= endOfWeek(today)) return 'week';
	return 'later';
}

/**
 * The list's order: the earliest due day first (the longest overdue at the top), those without
 * a date last; within a day, the oldest first (it has waited longest).
 */
export function compareByDue(
	a: Pick<FollowUpRecord, 'id' | 'due' | 'created'>,
	b: Pick<FollowUpRecord, 'id' | 'due' | 'created'>
): number {
	const dayA = dueDay(a.due);
	const dayB = dueDay(b.due);
	if (dayA !== dayB) {
		if (dayA === null) return 1;
		if (dayB === null) return -1;
		return dayA < dayB ? -1 : 1;
	}
	const createdA = a.created ?? '';
	const createdB = b.created ?? '';
	if (createdA !== createdB) return createdA < createdB ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface DueGroupOf<T> {
	group: DueGroup;
	items: T[];
}

/**
 * Open follow-ups in the list's groups (only the groups that have any, in `DUE_GROUPS` order),
 * each sorted by `compareByDue`.
 *
 * @example groupByDue(openOnes, new Date()) // [{ group: 'overdue', items: [...] }, { group: 'today', ... }]
 */
export function groupByDue<T extends Pick<FollowUpRecord, 'id' | 'due' | 'created'>>(
	items: readonly T[],
	now: Date
): DueGroupOf<T>[] {
	const today = amsterdamDay(now);
	const sorted = [...items].sort(compareByDue);
	return DUE_GROUPS.map((group) => ({
		group,
		items: sorted.filter((item) => dueGroup(item.due, today) === group)
	})).filter(({ items }) => items.length > 0);
}

/** Whether a done follow-up was ticked off within the last `days` days. */
export function doneRecently(
	item: Pick<FollowUpRecord, 'done' | 'doneAt'>,
	now: Date,
	days = DONE_DAYS
): boolean {
	const doneAt = parsePbDate(item.doneAt);
	return item.done && doneAt !== null && now.getTime() - doneAt.getTime() <= days * DAY_MS;
}

/** Done follow-ups, the last ticked off first. */
export function sortDone<T extends Pick<FollowUpRecord, 'id' | 'doneAt'>>(
	items: readonly T[]
): T[] {
	return [...items].sort((a, b) =>
		a.doneAt !== b.doneAt ? (a.doneAt < b.doneAt ? 1 : -1) : a.id < b.id ? -1 : 1
	);
}

/** Whose lists a user keeps: her own, and for a coordinator (or admin) her team's open ones. */
export interface FollowUpScope {
	userId: string;
	team: boolean;
}

/** The two lists of the to-do page. */
export interface FollowUpLists {
	/** Open follow-ups: hers, and her team's when `scope.team`. */
	open: FollowUp[];
	/** Her own, done in the last `DONE_DAYS` days. */
	done: FollowUp[];
}

/** Where a follow-up belongs now: the open list, the done list, or neither. */
export function listFor(
	item: Pick<FollowUpRecord, 'assignee' | 'done' | 'doneAt'>,
	scope: FollowUpScope,
	now: Date
): keyof FollowUpLists | null {
	const mine = item.assignee === scope.userId;
	if (!item.done) return mine || scope.team ? 'open' : null;
	return mine && doneRecently(item, now) ? 'done' : null;
}

const without = (list: FollowUp[], id: string) =>
	list.some((f) => f.id === id) ? list.filter((f) => f.id !== id) : list;

/**
 * The lists after a record changed (a realtime event, or the answer to our own write): it moves
 * to the list it belongs in now, or out of both, or out of both when deleted. A copy older than
 * the one we have is ignored (an echo can arrive after the answer to a later write). Returns the
 * same lists when nothing changed.
 */
export function applyChange(
	lists: FollowUpLists,
	change: { action: 'create' | 'update' | 'delete'; record: FollowUp },
	scope: FollowUpScope,
	now: Date
): FollowUpLists {
	const { action, record } = change;
	const current = [...lists.open, ...lists.done].find((f) => f.id === record.id);
	if (action !== 'delete' && current?.updated && record.updated) {
		// PocketBase dates ('2026-11-23 10:00:00.123Z') sort as strings.
		if (current.updated > record.updated) return lists;
	}
	const target = action === 'delete' ? null : listFor(record, scope, now);
	let open = without(lists.open, record.id);
	let done = without(lists.done, record.id);
	if (target === 'open') open = [...open, record];
	if (target === 'done') done = sortDone([...done, record]);
	if (target === null && open === lists.open && done === lists.done) return lists;
	return { open, done };
}

/** The door of a follow-up ("Zamenhofdreef 12"), or '' when unknown (or not hers to see). */
export function followUpAddress(item: FollowUp): string {
	const address = item.expand?.conversation?.expand?.address;
	return address ? `${address.street} ${address.number}`.trim() : '';
}

/** The door of a far-away talk, or ''. */
export function farTalkAddress(talk: FarTalk): string {
	const address = talk.expand?.address;
	return address ? `${address.street} ${address.number}`.trim() : '';
}

/**
 * Who the follow-ups are for, each once, by name: the choices of the team list's filter. '' is
 * "nobody yet".
 */
export function assigneesOf(items: readonly FollowUp[]): { id: string; name: string }[] {
	const byId = new Map<string, string>();
	for (const item of items) {
		if (!byId.has(item.assignee)) byId.set(item.assignee, item.expand?.assignee?.name ?? '');
	}
	return [...byId]
		.map(([id, name]) => ({ id, name }))
		.sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id));
}

/**
 * A due day as people read it in a list ('di 1 dec.' / 'Tue 1 Dec').
 *
 * @example formatDay('2026-12-01', 'en') // 'Tue 1 Dec'
 */
export function formatDay(day: string, locale: Locale): string {
	// The day itself, formatted in UTC: no time zone can move it to the day before.
	return formatDateAs(`${day}T00:00:00.000Z`, locale, {
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		timeZone: 'UTC'
	});
}
