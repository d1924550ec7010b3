// The audit log (audit_log, written by the server only, readable by admins only): who read or
// changed personal data, when. Pure: the entry's shape, the labels, the admin screen's filter
// (always bound parameters, never concatenated input), the page cursor and a short summary of an
// entry's details. The query itself is in audit.api.ts.
import { formatDateAs } from '$lib/i18n/i18n';
import type { Locale } from '$lib/paraglide/runtime.js';
import type { Filter } from '$lib/pocketbase/filter';
import type { BaseRecord, Role, UserRecord } from '$lib/pocketbase/types';

/**
 * Values of `audit_log.action`, see 1763900800_create_audit_log.js (and `retention`, the
 * retention job's, 1763901700_consent_and_retention.js).
 */
export const AUDIT_ACTIONS = [
	'view',
	'list',
	'create',
	'update',
	'delete',
	'export',
	'erase',
	'retention',
	'restore'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Message keys of the actions; an action added on the server later shows as it is. */
export const AUDIT_ACTION_LABEL_KEYS = {
	view: 'audit_action_view',
	list: 'audit_action_list',
	create: 'audit_action_create',
	update: 'audit_action_update',
	delete: 'audit_action_delete',
	export: 'audit_action_export',
	erase: 'audit_action_erase',
	retention: 'audit_action_retention',
	restore: 'audit_action_restore'
} as const satisfies Record<AuditAction, string>;

/** The collections the server audits today; the filter accepts any name. */
export const AUDITED_COLLECTIONS = ['people', 'conversations'] as const;

/** `audit_log`: one read or change. */
export interface AuditEntry extends BaseRecord {
	/** The app user who acted, or '' (then `actorKind` says who: "superuser" or "system"). */
	actor: string;
	actorKind: string;
	action: AuditAction | string;
	targetCollection: string;
	/** The record read or changed; '' for a list (its ids are in `details.ids`). */
	targetId: string;
	details: unknown;
	created: string;
	/** `issuedBy`: who issued the personal link of a resident's entry (audit.api.ts looks it up). */
	expand?: {
		actor?: Pick<UserRecord, 'id' | 'name' | 'role'>;
		issuedBy?: Pick<UserRecord, 'id' | 'name' | 'role'>;
	};
}

/** @example isAuditAction('erase') // true */
export function isAuditAction(value: unknown): value is AuditAction {
	return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** What the admin filters on; '' means "any". Days are YYYY-MM-DD, both ends included. */
export interface AuditFilters {
	/** A record id, or text in the details (a list's ids, an update's field names). */
	search: string;
	action: string;
	collection: string;
	/** A user's name (or part of it), or her id. */
	user: string;
	from: string;
	to: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = {
	search: '',
	action: '',
	collection: '',
	user: '',
	from: '',
	to: ''
};

/** Where a page ends, newest first: the next page starts after this entry. */
export interface AuditCursor {
	created: string;
	id: string;
}

/** Entries per page. */
export const AUDIT_PAGE_SIZE = 50;

const RECORD_ID = /^[a-z0-9]{15}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_TEXT = 200;

/**
 * Local midnight at the start of a day (the admin's own time zone, as her date picker means it);
 * null for anything that is not a real YYYY-MM-DD day.
 *
 * @example startOfDay('2026-03-01') // 2026-03-01 00:00 local time
 */
export function startOfDay(day: string): Date | null {
	const match = DAY.exec(day.trim());
	if (!match) return null;
	const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const moment = new Date(year, month - 1, date);
	if (moment.getFullYear() !== year || moment.getMonth() !== month - 1) return null;
	return moment;
}

/** A Date as PocketBase stores dates ('2026-11-23 10:15:00.000Z'), for filters. */
const toPbDate = (moment: Date) => moment.toISOString().replace('T', ' ');

/**
 * The filter of the admin's audit screen, as an expression with bound parameters for
 * `pb.filter(expr, params)`; null when nothing is filtered. With a cursor: only entries older
 * than it (the next page, newest first; ties on `created` go by id).
 *
 * @example
 * auditFilter({ ...EMPTY_AUDIT_FILTERS, action: 'erase' })
 * // { expr: '(action = {:action})', params: { action: 'erase' } }
 */
export function auditFilter(
	filters: AuditFilters,
	cursor: AuditCursor | null = null
): Filter | null {
	const terms: string[] = [];
	const params: Filter['params'] = {};
	const text = (value: string) => value.trim().slice(0, MAX_TEXT);

	const search = text(filters.search);
	if (search) {
		params.search = search;
		terms.push(
			RECORD_ID.test(search)
				? '(targetId = {:search} || details ~ {:search})'
				: '(targetId ~ {:search} || details ~ {:search})'
		);
	}
	const action = text(filters.action);
	if (action) {
		params.action = action;
		terms.push('action = {:action}');
	}
	const collection = text(filters.collection);
	if (collection) {
		params.collection = collection;
		terms.push('targetCollection = {:collection}');
	}
	const user = text(filters.user);
	if (user) {
		params.user = user;
		terms.push(
			RECORD_ID.test(user) ? 'actor = {:user}' : '(actor.name ~ {:user} || actorKind = {:user})'
		);
	}
	const from = startOfDay(filters.from);
	if (from) {
		params.from = toPbDate(from);
		terms.push('created >= {:from}');
	}
	const to = startOfDay(filters.to);
	if (to) {
		const next = new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1);
		params.to = toPbDate(next);
		terms.push('created < {:to}');
	}
	if (cursor) {
		params.cursorCreated = cursor.created;
		params.cursorId = cursor.id;
		terms.push('(created < {:cursorCreated} || (created = {:cursorCreated} && id < {:cursorId}))');
	}
	if (terms.length === 0) return null;
	return { expr: `(${terms.join(' && ')})`, params };
}

/** The sort that goes with the cursor: newest first, ties by id. */
export const AUDIT_SORT = '-created,-id';

/** The filters that differ from "any", for the URL (shareable, survives a reload). */
export function filtersToQuery(filters: AuditFilters): Record<string, string> {
	const query: Record<string, string> = {};
	for (const key of Object.keys(EMPTY_AUDIT_FILTERS) as (keyof AuditFilters)[]) {
		const value = filters[key].trim();
		if (value) query[key] = value.slice(0, MAX_TEXT);
	}
	return query;
}

/** The filters in a URL's query; anything unknown is ignored. */
export function filtersFromQuery(params: URLSearchParams): AuditFilters {
	const filters = { ...EMPTY_AUDIT_FILTERS };
	for (const key of Object.keys(EMPTY_AUDIT_FILTERS) as (keyof AuditFilters)[]) {
		const value = params.get(key);
		if (value) filters[key] = value.slice(0, MAX_TEXT);
	}
	return filters;
}

/** A short, readable line for an entry's details, as a message key with its parameters. */
export type DetailsSummary =
	| { key: 'audit_details_count'; params: { count: number } }
	| { key: 'audit_details_fields'; params: { fields: string } }
	| { key: 'audit_details_export'; params: { conversations: number; assets: number } }
	| {
			key: 'audit_details_erase';
			params: { conversations: number; assets: number; links: number; followUps: number };
	  }
	| { key: 'audit_details_route'; params: { route: string; count: number } }
	| null;

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * What the details of an entry say, in a few words: how many records a list read, which fields
 * an update changed, what an export held or an erasure removed. Null when there is nothing to say.
 *
 * @example summarizeDetails({ action: 'update', details: { fields: ['contact'] } })
 * // { key: 'audit_details_fields', params: { fields: 'contact' } }
 */
export function summarizeDetails(entry: Pick<AuditEntry, 'action' | 'details'>): DetailsSummary {
	const details = entry.details;
	if (typeof details !== 'object' || details === null || Array.isArray(details)) return null;
	const d = details as Record<string, unknown>;
	if (entry.action === 'erase') {
		return {
			key: 'audit_details_erase',
			params: {
				conversations: num(d.conversationsCleared),
				assets: num(d.assetsDeleted),
				links: num(d.linksDeleted),
				followUps: num(d.followUpsDeleted)
			}
		};
	}
	if (entry.action === 'export') {
		return {
			key: 'audit_details_export',
			params: { conversations: num(d.conversations), assets: num(d.assets) }
		};
	}
	if (typeof d.route === 'string') {
		return { key: 'audit_details_route', params: { route: d.route, count: num(d.count) } };
	}
	if (Array.isArray(d.fields)) {
		const fields = d.fields.filter((f): f is string => typeof f === 'string');
		return fields.length > 0
			? { key: 'audit_details_fields', params: { fields: fields.join(', ') } }
			: null;
	}
	if (typeof d.count === 'number') {
		return { key: 'audit_details_count', params: { count: num(d.count) } };
	}
	return null;
}

/**
 * Who issued the personal link a resident acted through (`details.issuedBy`, written by
 * pb_hooks/resident-links.pb.js); '' for any other entry.
 *
 * @example issuerOf({ actorKind: 'resident', details: { issuedBy: 'u1' } }) // 'u1'
 */
export function issuerOf(entry: Pick<AuditEntry, 'actorKind'> & { details?: unknown }): string {
	if (entry.actorKind !== 'resident') return '';
	const details = entry.details;
	const id =
		typeof details === 'object' && details !== null
			? (details as Record<string, unknown>).issuedBy
			: undefined;
	return typeof id === 'string' ? id : '';
}

/**
 * Who acted, for the table: her name (and role), or the kind of actor without a user; for a
 * resident through her link, the name (and role) of who issued it.
 */
export function actorOf(
	entry: Pick<AuditEntry, 'actor' | 'actorKind' | 'expand'> & { details?: unknown }
): {
	name: string;
	role: Role | null;
	kind: string;
} {
	const user = entry.expand?.actor;
	if (user) return { name: user.name || user.id, role: user.role ?? null, kind: 'user' };
	if (entry.actor) return { name: entry.actor, role: null, kind: 'user' };
	if (entry.actorKind === 'resident') {
		const issuer = entry.expand?.issuedBy;
		if (issuer)
			return { name: issuer.name || issuer.id, role: issuer.role ?? null, kind: 'resident' };
		return { name: issuerOf(entry), role: null, kind: 'resident' };
	}
	return { name: '', role: null, kind: entry.actorKind || 'system' };
}

/**
 * A moment as people read it, date and time ('3 mrt 2025 11:00'); '' for no date. Takes
 * PocketBase dates ('2025-03-03 10:00:00.000Z') as well as ISO ones; in the reader's time zone.
 *
 * @example formatMoment('2025-03-03 10:00:00.000Z', 'nl') // '3 mrt 2025, 11:00' (in Amsterdam)
 */
export function formatMoment(iso: string | undefined, locale: Locale): string {
	return formatDateAs(iso, locale, { dateStyle: 'medium', timeStyle: 'short' });
}
