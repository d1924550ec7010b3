// The outbox of records made on this phone and not yet on the server: what waits, in which order
// it goes, when a failed send is tried again, and what a server answer means for an item. Pure:
// storage is outbox.db.ts, sending is outbox.api.ts, the runes state is outbox.svelte.ts.
import type { NewConversation } from '$lib/conversations/new-conversation';
import { apiErrorKind } from '$lib/pocketbase/errors';

/** What the outbox may write, by collection: the record as the phone made it. */
export interface OutboxBodies {
	conversations: NewConversation;
}

/** The collections the outbox may write to. */
export type OutboxCollection = keyof OutboxBodies;

/** What the server said of one field it refused, as PocketBase answers: `{ code, message }`. */
export interface FieldProblem {
	code: string;
	message: string;
}

/** Why the server refused an item: its message and its problems by field (PocketBase's `data`). */
export interface OutboxError {
	message: string;
	fields: Record<string, FieldProblem>;
}

export interface OutboxItem {
	/** The record's id, made on the phone: a resend of the same item can never make a second one. */
	id: string;
	collection: OutboxCollection;
	body: OutboxBodies[OutboxCollection];
	/** When it was queued (ms since 1970): items go in this order. */
	queuedAt: number;
	attempts: number;
	/** Not before this moment (ms) is it sent again. */
	nextAttemptAt: number;
	/** `rejected`: the server refused it; it waits for the user to fix or discard it. */
	status: 'waiting' | 'rejected';
	/** Why the server refused it (or why the last try failed), for the screen. */
	error?: OutboxError;
	/** Refusals in a row that named no field (`UNEXPLAINED_TRIES`). */
	unexplained?: number;
}

/**
 * A refusal that names no field may pass: PocketBase answers a write that lost a race for its
 * database (e.g. with Litestream's own commit, "database is locked") the same way as a rule that
 * says no. Such an item is tried again, after its backoff, until this many refusals in a row.
 */
export const UNEXPLAINED_TRIES = 3;

/**
 * What the phone keeps of an item the server stored, until it has loaded the server's copy: the
 * visit it was (door, time, outcome, worker), no notes and no names. Without it, a reload without
 * a connection would show an old copy of the walk, and a door she talked at would be due again.
 */
export interface SentReceipt {
	id: string;
	address: string;
	heldAt: string;
	outcome: NewConversation['outcome'];
	worker: string;
	/** When the server stored it (ms). */
	storedAt: number;
}

/** Receipts are kept at most this long (a walk's "recent" period), loaded walk or not. */
export const RECEIPT_DAYS = 30;

export function receiptOf(item: OutboxItem, storedAt: number): SentReceipt {
	const { address, heldAt, outcome, worker } = item.body;
	return { id: item.id, address, heldAt, outcome, worker, storedAt };
}

/** The ids of the receipts that these ids (of a list loaded from the server) confirm. */
export function confirmedReceipts(
	receipts: readonly SentReceipt[],
	ids: Iterable<string>
): string[] {
	const loaded = new Set(ids);
	return receipts.filter((r) => loaded.has(r.id)).map((r) => r.id);
}

/** The receipts of `extra` that `receipts` does not have yet, added after them. */
export function withReceipts(
	receipts: readonly SentReceipt[],
	extra: readonly SentReceipt[]
): SentReceipt[] {
	const known = new Set(receipts.map((r) => r.id));
	return [...receipts, ...extra.filter((r) => !known.has(r.id))];
}

/** What one attempt to send an item came to. */
export type SendOutcome =
	/** Stored now, or found stored by an earlier attempt whose answer never arrived. */
	| { kind: 'stored' }
	/** No connection, the server busy or down: try again later. */
	| { kind: 'retry'; message: string }
	/** The login expired: keep everything and ask for a new login. */
	| { kind: 'unauthorized' }
	/** The server refused the record itself: keep it, with the reason, until the user acts. */
	| ({ kind: 'rejected' } & OutboxError);

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new record id as PocketBase makes them: 15 characters a–z and 0–9, from the browser's
 * cryptographic random source (36^15 ≈ 2·10^23 ids: no two phones ever pick the same).
 */
export function newRecordId(
	random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)
): string {
	let id = '';
	while (id.length < 15) {
		for (const byte of random(new Uint8Array(16))) {
			// 252 = 7 · 36: bytes above it would make some letters likelier, so they are skipped.
			if (byte < 252 && id.length < 15) id += ID_ALPHABET[byte % 36];
		}
	}
	return id;
}

/** The first retry after 2 s, doubling each time, never more than 5 minutes apart. */
export function backoffMs(attempts: number): number {
	return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000);
}

/** The item to send next: the oldest waiting one that is due, or null. */
export function nextDue(items: readonly OutboxItem[], now: number): OutboxItem | null {
	let next: OutboxItem | null = null;
	for (const item of items) {
		if (item.status !== 'waiting' || item.nextAttemptAt > now) continue;
		if (!next || item.queuedAt < next.queuedAt) next = item;
	}
	return next;
}

/** When the next waiting item falls due (ms), or null when none waits. */
export function nextWakeUp(items: readonly OutboxItem[]): number | null {
	const due = items.filter((i) => i.status === 'waiting').map((i) => i.nextAttemptAt);
	return due.length > 0 ? Math.min(...due) : null;
}

/**
 * The item after an attempt: null when it is stored (remove it), otherwise the item to keep.
 * An expired login does not count as an attempt: nothing was wrong with the item.
 */
export function afterAttempt(
	item: OutboxItem,
	outcome: SendOutcome,
	now: number
): OutboxItem | null {
	switch (outcome.kind) {
		case 'stored':
			return null;
		case 'unauthorized':
			return { ...item, nextAttemptAt: now };
		case 'retry': {
			const attempts = item.attempts + 1;
			return {
				...item,
				attempts,
				nextAttemptAt: now + backoffMs(attempts),
				error: { message: outcome.message, fields: {} }
			};
		}
		case 'rejected': {
			const attempts = item.attempts + 1;
			const error = { message: outcome.message, fields: outcome.fields };
			const unexplained =
				Object.keys(outcome.fields).length === 0 ? (item.unexplained ?? 0) + 1 : undefined;
			if (unexplained !== undefined && unexplained < UNEXPLAINED_TRIES) {
				return { ...item, attempts, unexplained, nextAttemptAt: now + backoffMs(attempts), error };
			}
			return { ...item, attempts, unexplained, status: 'rejected', error };
		}
	}
}

/**
 * A rejected item, fixed by the user, to send again at once: the same id (so the server can never
 * hold it twice), the new body, the attempts and the reason forgotten. Only a rejected item can be
 * resubmitted; any other is returned as it is.
 */
export function resubmitted(item: OutboxItem, body: OutboxItem['body'], now: number): OutboxItem {
	if (item.status !== 'rejected') return item;
	return {
		...item,
		body,
		attempts: 0,
		unexplained: undefined,
		status: 'waiting',
		nextAttemptAt: now,
		error: undefined
	};
}

/**
 * What an error from a create request means for the item. `storedAlready` tells whether a record
 * with the item's id is on the server (asked only after a 400: a resend of an item whose first
 * answer got lost is refused as a duplicate id, which is a success).
 */
export function classifySendError(error: unknown, storedAlready: boolean): SendOutcome {
	if (storedAlready) return { kind: 'stored' };
	const kind = apiErrorKind(error);
	if (kind === 'unauthorized') return { kind: 'unauthorized' };
	if (kind === 'invalid' || kind === 'forbidden' || kind === 'not_found') {
		const data = (
			error as {
				response?: { message?: string; data?: Record<string, { code?: string; message?: string }> };
			}
		).response;
		const fields: Record<string, FieldProblem> = {};
		for (const [name, problem] of Object.entries(data?.data ?? {})) {
			fields[name] = { code: problem?.code ?? '', message: problem?.message ?? '' };
		}
		return { kind: 'rejected', message: data?.message ?? kind, fields };
	}
	// aborted, network, rate_limited, server: nothing wrong with the item.
	return { kind: 'retry', message: kind };
}
