// Guards offline sync against the real server: a conversation sent twice with its phone-made id
// (the first answer lost) is stored exactly once and counts as stored both times; a refused one
// comes back with the field and the reason and writes nothing; another worker's id is no key; a
// revoked or expired login keeps the item for a new login instead of calling it refused.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NewConversation } from '$lib/conversations/new-conversation';
import type { Outcome } from '$lib/vocabulary/vocabulary';
import { newRecordId, type OutboxItem } from '$lib/sync/outbox';
import { sendOutboxItem } from '$lib/sync/outbox.api';
import {
	createAreaTree,
	signedInUser,
	superuserClient,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

let su: PocketBase;
let home: AreaTree;
let worker: SignedInUser;

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
});

/** A talk away from any door (the outbox's typed body; the server takes it without an address). */
function conversation(fields: Partial<NewConversation> = {}): OutboxItem {
	return {
		id: newRecordId(),
		collection: 'conversations',
		body: {
			area: home.buurt.id,
			address: '',
			worker: worker.id,
			heldAt: '2026-11-23 10:15:00.000Z',
			outcome: 'talked',
			themes: ['taal', 'eenzaamheid'],
			location: { lon: 5.004, lat: 52.004 },
			locationSource: 'gps',
			...fields
		},
		queuedAt: Date.now(),
		attempts: 0,
		nextAttemptAt: 0,
		status: 'waiting'
	};
}

const countById = async (id: string) =>
	(await su.collection('conversations').getList(1, 10, { filter: su.filter('id = {:id}', { id }) }))
		.totalItems;

describe('sending an outbox item', () => {
	it('stores a conversation once, however often it is sent', async () => {
		const item = conversation();
		expect(await sendOutboxItem(item, worker.pb)).toEqual({ kind: 'stored' });
		expect(await sendOutboxItem(item, worker.pb)).toEqual({ kind: 'stored' });
		expect(await sendOutboxItem(item, worker.pb)).toEqual({ kind: 'stored' });
		expect(await countById(item.id)).toBe(1);
		const stored = await su.collection('conversations').getOne(item.id);
		expect(stored).toMatchObject({ outcome: 'talked', worker: worker.id, area: home.buurt.id });
	});

	it('stores each of several conversations sent concurrently exactly once', async () => {
		const items = Array.from({ length: 6 }, (_, i) =>
			conversation({ outcome: i % 2 ? 'not_home' : 'talked' })
		);
		// Every item twice at once, as two tabs or a retry racing a late answer would.
		const outcomes = await Promise.all(
			[...items, ...items].map((item) => sendOutboxItem(item, worker.pb))
		);
		expect(outcomes.every((o) => o.kind === 'stored')).toBe(true);
		for (const item of items) expect(await countById(item.id)).toBe(1);
	});

	it('brings back a refused conversation with the field and the reason, and stores nothing', async () => {
		// An outcome the phone cannot make: what an outbox from an older app version might hold.
		const item = conversation({ heldAt: '', outcome: 'chatted' as Outcome });
		const outcome = await sendOutboxItem(item, worker.pb);
		const problem = { code: expect.any(String), message: expect.any(String) };
		expect(outcome).toMatchObject({
			kind: 'rejected',
			fields: { heldAt: problem, outcome: problem }
		});
		expect(await countById(item.id)).toBe(0);
	});

	it('keeps a conversation for a new login when the login was revoked, instead of calling it refused', async () => {
		const revoked = await signedInUser(su, 'worker', [home.wijk.id]);
		// A new password ends every session: the server then takes the old token as a guest's.
		await su.collection('users').update(revoked.id, {
			password: 'a-new-pass-4567',
			passwordConfirm: 'a-new-pass-4567'
		});
		const item = conversation({ worker: revoked.id });
		expect(await sendOutboxItem(item, revoked.pb)).toEqual({ kind: 'unauthorized' });
		expect(await countById(item.id)).toBe(0);
	});

	it('never sends with an expired token', async () => {
		const expired = await signedInUser(su, 'worker', [home.wijk.id]);
		const record = expired.pb.authStore.record;
		// A token whose `exp` lies in the past (the signature is never checked: it is not sent).
		const payload = Buffer.from(JSON.stringify({ id: expired.id, exp: 1_000_000 })).toString(
			'base64url'
		);
		expired.pb.authStore.save(`eyJhbGciOiJIUzI1NiJ9.${payload}.c2lnbmF0dXJl`, record);
		expect(expired.pb.authStore.isValid).toBe(false);
		const item = conversation({ worker: expired.id });
		expect(await sendOutboxItem(item, expired.pb)).toEqual({ kind: 'unauthorized' });
		expect(await countById(item.id)).toBe(0);
	});

	it('does not count a record that someone else stored under the id as ours when she cannot see it', async () => {
		const elsewhere = await createAreaTree(su);
		const other = await signedInUser(su, 'worker', [elsewhere.wijk.id]);
		const theirs = conversation({ area: elsewhere.buurt.id, worker: other.id });
		expect(await sendOutboxItem(theirs, other.pb)).toEqual({ kind: 'stored' });
		// Same id from our worker (impossible by chance, but a forged resend must not pass).
		const outcome = await sendOutboxItem({ ...theirs, body: conversation().body }, worker.pb);
		expect(outcome.kind).toBe('rejected');
		expect((await su.collection('conversations').getOne(theirs.id)).worker).toBe(other.id);
	});
});
