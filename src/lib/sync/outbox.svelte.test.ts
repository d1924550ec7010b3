// Guards OutboxState with a store and a server in memory: order, exactly-once, retry without
// losing anything, an expired login that keeps the queue, refused items kept until fixed, and
// an outbox that survives a reload (a new state on the same store).
import { describe, expect, it } from 'vitest';
import type { OutboxItem, SendOutcome } from './outbox';
import { conversation, memoryOutboxStore } from './outbox.fixture';
import { OutboxState } from './outbox.svelte';

const blankHeldAt = { heldAt: { code: 'validation_required', message: 'Cannot be blank.' } };

/** A server that stores by id (a second create with one id is refused) and can be made to fail. */
function fakeServer() {
	const stored = new Map<string, OutboxItem['body']>();
	let answer: SendOutcome['kind'] | 'lose-answer' = 'stored';
	const sent: string[] = [];
	async function send(item: OutboxItem): Promise<SendOutcome> {
		sent.push(item.id);
		if (answer === 'retry') return { kind: 'retry', message: 'network' };
		if (answer === 'unauthorized') return { kind: 'unauthorized' };
		if (answer === 'rejected') return { kind: 'rejected', message: 'Failed', fields: blankHeldAt };
		if (stored.has(item.id)) return { kind: 'stored' }; // a duplicate id: stored before
		stored.set(item.id, item.body);
		if (answer === 'lose-answer') return { kind: 'retry', message: 'network' };
		return { kind: 'stored' };
	}
	return {
		stored,
		sent,
		send,
		answer: (next: typeof answer) => (answer = next)
	};
}

describe('OutboxState', () => {
	it('stores each record exactly once, oldest first, and empties the outbox', async () => {
		const store = memoryOutboxStore();
		const server = fakeServer();
		const outbox = new OutboxState(store, server.send);
		server.answer('retry');
		const a = await outbox.add('conversations', conversation('not_home'));
		const b = await outbox.add('conversations', conversation('talked'));
		const c = await outbox.add('conversations', conversation('declined'));
		await outbox.sync();
		expect(outbox.waiting).toBe(3);
		expect(store.saved.size).toBe(3);
		server.answer('stored');
		// Due again only after the backoff: make them due now.
		for (const item of outbox.items) await store.put({ ...item, nextAttemptAt: 0 });
		await outbox.load();
		await outbox.sync();
		expect([...server.stored.keys()]).toEqual([a.id, b.id, c.id]);
		expect(outbox.items).toEqual([]);
		expect(store.saved.size).toBe(0);
	});

	it('keeps a receipt of each stored item across a reload, until a list confirms it or 30 days pass', async () => {
		const store = memoryOutboxStore();
		const server = fakeServer();
		let now = Date.UTC(2026, 11, 1);
		const outbox = new OutboxState(store, server.send, () => now);
		const a = await outbox.add(
			'conversations',
			conversation('talked', { address: 'adr00000000000a' })
		);
		const b = await outbox.add('conversations', conversation('not_home'));
		await outbox.sync();
		expect(outbox.receipts.map((r) => [r.id, r.address, r.outcome])).toEqual([
			[a.id, 'adr00000000000a', 'talked'],
			[b.id, 'adr000000000001', 'not_home']
		]);
		await outbox.forgetReceipts(['someone-elses', a.id]);
		now += 29 * 86_400_000;
		const reloaded = new OutboxState(store, server.send, () => now);
		await reloaded.load();
		expect(reloaded.receipts.map((r) => r.id)).toEqual([b.id]);
		now += 2 * 86_400_000;
		const later = new OutboxState(store, server.send, () => now);
		await later.load();
		expect(later.receipts).toEqual([]);
		expect(store.kept.size).toBe(0);
	});

	it('says saved only when the store has the item', async () => {
		const store = memoryOutboxStore();
		const server = fakeServer();
		server.answer('retry');
		const outbox = new OutboxState(store, server.send);
		const item = await outbox.add('conversations', conversation('talked'));
		expect(store.saved.get(item.id)?.body).toEqual(conversation('talked'));
	});

	it('counts a resend whose first answer got lost as stored, not twice', async () => {
		const store = memoryOutboxStore();
		const server = fakeServer();
		server.answer('lose-answer');
		let now = 1_000;
		const outbox = new OutboxState(store, server.send, () => now);
		const item = await outbox.add('conversations', conversation('talked'));
		await outbox.sync();
		expect(outbox.waiting).toBe(1);
		server.answer('stored');
		now += 60_000;
		await outbox.sync();
		expect(server.sent).toEqual([item.id, item.id]);
		expect(server.stored.size).toBe(1);
		expect(outbox.items).toEqual([]);
	});

	it('sends nothing while the browser knows it is offline, and all of it once it is back', async () => {
		const store = memoryOutboxStore();
		const server = fakeServer();
		let online = false;
		const outbox = new OutboxState(store, server.send, Date.now, () => online);
		await outbox.add('conversations', conversation('not_home'));
		await outbox.add('conversations', conversation('talked'));
		await outbox.sync();
		expect(server.sent).toEqual([]);
		expect(outbox.waiting).toBe(2);
		online = true;
		await outbox.retryNow();
		expect(server.stored.size).toBe(2);
		expect(outbox.items).toEqual([]);
	});

	it('keeps the queue when the login expired, and sends it after a new login', async () => {
		const store = memoryOutboxStore();
		const server = fakeServer();
		server.answer('unauthorized');
		const outbox = new OutboxState(store, server.send);
		await outbox.add('conversations', conversation('talked'));
		await outbox.add('conversations', conversation('not_home'));
		await outbox.sync();
		expect(outbox.needsLogin).toBe(true);
		expect(outbox.waiting).toBe(2);
		expect(server.sent).toHaveLength(1); // the second waited: the first showed the login is gone
		server.answer('stored');
		await outbox.resume();
		expect(outbox.needsLogin).toBe(false);
		expect(server.stored.size).toBe(2);
	});

	it('keeps a refused record with its reason until the user fixes or discards it', async () => {
		const store = memoryOutboxStore();
		const server = fakeServer();
		server.answer('rejected');
		const outbox = new OutboxState(store, server.send);
		const bad = await outbox.add('conversations', conversation('talked'));
		await outbox.sync();
		expect(outbox.rejected.map((i) => [i.id, i.error?.fields])).toEqual([[bad.id, blankHeldAt]]);
		expect(store.saved.get(bad.id)?.status).toBe('rejected');
		server.answer('stored');
		const fixed = conversation('talked', { notes: 'Verbeterd' });
		await outbox.resubmit(bad.id, fixed);
		await outbox.sync();
		expect(server.stored.get(bad.id)).toEqual(fixed);
		expect([...server.stored.keys()]).toEqual([bad.id]);
		expect(outbox.items).toEqual([]);

		server.answer('rejected');
		const other = await outbox.add('conversations', conversation('vacant'));
		await outbox.sync();
		await outbox.discard(other.id);
		expect(outbox.items).toEqual([]);
		expect(store.saved.size).toBe(0);
	});

	it('finds what waited after a reload', async () => {
		const store = memoryOutboxStore();
		const server = fakeServer();
		server.answer('retry');
		const before = new OutboxState(store, server.send);
		const first = await before.add('conversations', conversation('talked'));
		const second = await before.add('conversations', conversation('not_home'));
		await before.sync();
		const after = new OutboxState(store, server.send);
		await after.load();
		expect(after.items.map((i) => i.id)).toEqual([first.id, second.id]);
		expect(after.waiting).toBe(2);
	});

	it('sends at once when the connection is back, whatever the backoff said', async () => {
		const store = memoryOutboxStore();
		const server = fakeServer();
		server.answer('retry');
		const outbox = new OutboxState(store, server.send);
		await outbox.add('conversations', conversation('talked'));
		await outbox.sync();
		await outbox.sync(); // still backing off: not sent again
		expect(server.sent).toHaveLength(1);
		server.answer('stored');
		await outbox.retryNow();
		expect(server.stored.size).toBe(1);
		expect(outbox.items).toEqual([]);
	});

	it('keeps when the server last stored something, across a reload; a refusal is no sync', async () => {
		const store = memoryOutboxStore();
		const server = fakeServer();
		let now = 1_000;
		const outbox = new OutboxState(store, server.send, () => now);
		expect(outbox.lastSyncAt).toBeNull();
		server.answer('retry');
		await outbox.add('conversations', conversation('talked'));
		await outbox.sync();
		expect(outbox.lastSyncAt).toBeNull();
		server.answer('stored');
		now = 5_000;
		await outbox.retryNow();
		expect(outbox.lastSyncAt).toBe(5_000);
		server.answer('rejected');
		now = 9_000;
		await outbox.add('conversations', conversation('talked'));
		await outbox.sync();
		expect(outbox.rejected).toHaveLength(1);
		expect(outbox.lastSyncAt).toBe(5_000);
		const reloaded = new OutboxState(store, server.send);
		await reloaded.load();
		expect(reloaded.lastSyncAt).toBe(5_000);
	});
});
