// Guards the outbox rules: ids as PocketBase makes them, oldest first, retries with backoff,
// a lost answer (duplicate id) counted as stored, an expired login keeping everything, and a
// refused record kept with its reason until the user resends it.
import { describe, expect, it } from 'vitest';
import {
	afterAttempt,
	backoffMs,
	classifySendError,
	newRecordId,
	nextDue,
	nextWakeUp,
	resubmitted,
	UNEXPLAINED_TRIES,
	type OutboxItem
} from './outbox';
import { conversation } from './outbox.fixture';

const item = (id: string, queuedAt: number, fields: Partial<OutboxItem> = {}): OutboxItem => ({
	id,
	collection: 'conversations',
	body: conversation('not_home'),
	queuedAt,
	attempts: 0,
	nextAttemptAt: queuedAt,
	status: 'waiting',
	...fields
});

describe('newRecordId', () => {
	it('makes 15 characters a–z and 0–9, different every time', () => {
		const ids = new Set(Array.from({ length: 2000 }, () => newRecordId()));
		expect(ids.size).toBe(2000);
		for (const id of ids) expect(id).toMatch(/^[a-z0-9]{15}$/);
	});

	it('skips bytes that would skew the letters', () => {
		let call = 0;
		// First draw: only bytes ≥ 252 (all skipped); then 0, 1, 2, ... → 'a', 'b', 'c', ...
		const random = (bytes: Uint8Array) => {
			bytes.forEach((_, i) => (bytes[i] = call === 0 ? 252 + (i % 4) : i));
			call++;
			return bytes;
		};
		expect(newRecordId(random)).toBe('abcdefghijklmno');
	});
});

describe('order and timing', () => {
	it('sends the oldest due item first and skips refused and not yet due ones', () => {
		const items = [
			item('late', 300),
			item('refused', 100, { status: 'rejected' }),
			item('backing-off', 150, { nextAttemptAt: 10_000 }),
			item('first', 200)
		];
		expect(nextDue(items, 1_000)?.id).toBe('first');
		expect(nextDue(items, 20_000)?.id).toBe('backing-off');
		expect(nextDue([], 0)).toBeNull();
	});

	it('wakes up when the first waiting item falls due', () => {
		expect(
			nextWakeUp([item('a', 0, { nextAttemptAt: 900 }), item('b', 0, { nextAttemptAt: 400 })])
		).toBe(400);
		expect(nextWakeUp([item('a', 0, { status: 'rejected' })])).toBeNull();
	});

	it('backs off 2, 4, 8 s ... up to 5 minutes', () => {
		expect([1, 2, 3, 4].map(backoffMs)).toEqual([2_000, 4_000, 8_000, 16_000]);
		expect(backoffMs(30)).toBe(300_000);
	});
});

describe('afterAttempt', () => {
	const now = 50_000;

	it('removes a stored item', () => {
		expect(afterAttempt(item('a', 0), { kind: 'stored' }, now)).toBeNull();
	});

	it('keeps an item that failed to arrive, later each time', () => {
		const once = afterAttempt(item('a', 0), { kind: 'retry', message: 'network' }, now)!;
		expect(once).toMatchObject({ status: 'waiting', attempts: 1, nextAttemptAt: now + 2_000 });
		const twice = afterAttempt(once, { kind: 'retry', message: 'network' }, now)!;
		expect(twice).toMatchObject({ attempts: 2, nextAttemptAt: now + 4_000 });
	});

	it('keeps everything as it was when the login expired', () => {
		const kept = afterAttempt(item('a', 0, { attempts: 3 }), { kind: 'unauthorized' }, now)!;
		expect(kept).toMatchObject({ status: 'waiting', attempts: 3, nextAttemptAt: now });
	});

	const blankHeldAt = { heldAt: { code: 'validation_required', message: 'Cannot be blank.' } };

	it('keeps a refused item with the reason, and sends it again once resubmitted', () => {
		const refused = afterAttempt(
			item('a', 0, { attempts: 4 }),
			{ kind: 'rejected', message: 'Failed', fields: blankHeldAt },
			now
		)!;
		expect(refused).toMatchObject({
			status: 'rejected',
			error: { message: 'Failed', fields: blankHeldAt }
		});
		expect(nextDue([refused], now + 1e9)).toBeNull();
		const body = conversation('talked', { notes: 'Verbeterd' });
		const fixed = resubmitted(refused, body, now);
		// The same id: the server can never hold the talk twice.
		expect(fixed).toEqual({
			...refused,
			body,
			attempts: 0,
			unexplained: undefined,
			status: 'waiting',
			nextAttemptAt: now,
			error: undefined
		});
		expect(nextDue([fixed], now)).toBe(fixed);
	});

	it('tries a refusal that names no field again, and shows it refused the third time in a row', () => {
		const noReason = { kind: 'rejected', message: 'Failed to create record.', fields: {} } as const;
		const first = afterAttempt(item('a', 0), noReason, now)!;
		expect(first).toMatchObject({ status: 'waiting', unexplained: 1, nextAttemptAt: now + 2_000 });
		const second = afterAttempt(first, noReason, now)!;
		expect(second).toMatchObject({ status: 'waiting', unexplained: 2, nextAttemptAt: now + 4_000 });
		expect(UNEXPLAINED_TRIES).toBe(3);
		const third = afterAttempt(second, noReason, now)!;
		expect(third).toMatchObject({ status: 'rejected', unexplained: 3 });
		expect(third.error).toEqual({ message: 'Failed to create record.', fields: {} });
		// A refusal that names its field is shown at once, and ends the row.
		const named = afterAttempt(second, { ...noReason, fields: blankHeldAt }, now)!;
		expect(named).toMatchObject({ status: 'rejected', unexplained: undefined });
	});

	it('resubmits only a refused item: one waiting to be sent keeps its body', () => {
		const waiting = item('a', 0);
		expect(resubmitted(waiting, conversation('talked'), now)).toBe(waiting);
	});
});

describe('classifySendError', () => {
	const refused = {
		status: 400,
		response: {
			message: 'Failed to create record.',
			data: { heldAt: { code: 'validation_required', message: 'Cannot be blank.' } }
		}
	};

	it('counts a refused resend of a stored record as stored', () => {
		expect(classifySendError(refused, true)).toEqual({ kind: 'stored' });
	});

	it('turns a refused record into a code and a reason per field', () => {
		expect(classifySendError(refused, false)).toEqual({
			kind: 'rejected',
			message: 'Failed to create record.',
			fields: { heldAt: { code: 'validation_required', message: 'Cannot be blank.' } }
		});
	});

	it('retries on no connection, a busy or failing server and a cancelled request', () => {
		for (const error of [
			{ status: 0 },
			{ status: 429 },
			{ status: 503 },
			{ status: 0, isAbort: true }
		]) {
			expect(classifySendError(error, false).kind).toBe('retry');
		}
	});

	it('asks for a login on 401', () => {
		expect(classifySendError({ status: 401 }, false)).toEqual({ kind: 'unauthorized' });
	});
});
