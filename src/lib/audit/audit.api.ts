// Reads the audit log for the admin screen. Takes the client as a parameter (the app's `pb`, or a
// test's), so the integration test runs exactly these queries. The list rule lets only admins
// read it; the filter is built with `client.filter(expr, params)` from audit.ts.
import type PocketBase from 'pocketbase';
import type { UserRecord } from '$lib/pocketbase/types';
import {
	AUDIT_PAGE_SIZE,
	AUDIT_SORT,
	auditFilter,
	issuerOf,
	type AuditCursor,
	type AuditEntry,
	type AuditFilters
} from './audit';

export interface AuditPage {
	items: AuditEntry[];
	/** Whether older entries follow this page. */
	hasMore: boolean;
}

export interface AuditApi {
	/** One page of entries, newest first; with a cursor, the page after it. */
	list(filters: AuditFilters, cursor?: AuditCursor | null): Promise<AuditPage>;
}

export function auditApi(client: PocketBase, pageSize = AUDIT_PAGE_SIZE): AuditApi {
	return {
		async list(filters, cursor = null) {
			const filter = auditFilter(filters, cursor);
			// One more than shown tells whether a next page exists, without counting them all
			// (the log grows with every read of personal data).
			const result = await client.collection('audit_log').getList<AuditEntry>(1, pageSize + 1, {
				filter: filter ? client.filter(filter.expr, filter.params) : '',
				sort: AUDIT_SORT,
				expand: 'actor',
				fields:
					'id,actor,actorKind,action,targetCollection,targetId,details,created,' +
					'expand.actor.id,expand.actor.name,expand.actor.role',
				skipTotal: true,
				requestKey: 'audit:list'
			});
			const items = result.items.slice(0, pageSize);
			await expandIssuers(client, items);
			return { items, hasMore: result.items.length > pageSize };
		}
	};
}

/**
 * Sets `expand.issuedBy` on a resident's entries: the details hold only the issuer's id
 * (a JSON field has no expand), so their names come in one more query, for this page's issuers.
 */
async function expandIssuers(client: PocketBase, items: AuditEntry[]): Promise<void> {
	const ids = [...new Set(items.map(issuerOf).filter((id) => id !== ''))];
	if (ids.length === 0) return;
	const params = Object.fromEntries(ids.map((id, i) => [`u${i}`, id]));
	const users = await client
		.collection('users')
		.getFullList<Pick<UserRecord, 'id' | 'name' | 'role'>>({
			filter: client.filter(ids.map((_, i) => `id = {:u${i}}`).join(' || '), params),
			fields: 'id,name,role',
			requestKey: null
		});
	const byId = new Map(users.map((user) => [user.id, user]));
	for (const entry of items) {
		const issuer = byId.get(issuerOf(entry));
		if (issuer) entry.expand = { ...entry.expand, issuedBy: issuer };
	}
}
