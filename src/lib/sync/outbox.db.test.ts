// Guards the IndexedDB outbox (fake-indexeddb in Node; the real one runs in the e2e tests): items
// survive a new connection, the same id replaces, removal removes.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Outcome } from '$lib/vocabulary/vocabulary';
import type { OutboxItem } from './outbox';
import { indexedDbOutbox } from './outbox.db';

const item = (id: string, outcome: Outcome): OutboxItem => ({
	id,
	collection: 'conversations',
	body: {
		area: 'area00000000001',
		address: 'adr000000000001',
		worker: 'usr000000000001',
		heldAt: '2026-11-23T10:00:00.000Z',
		outcome,
		location: { lon: 5.1, lat: 52.1 },
		locationSource: 'address',
		themes: ['taal']
	},
	queuedAt: 1,
	attempts: 0,
	nextAttemptAt: 1,
	status: 'waiting'
});

describe('indexedDbOutbox', () => {
	it('keeps items across connections, replaces by id and removes', async () => {
		const name = `outbox-test-${Math.random()}`;
		const first = indexedDbOutbox(name);
		await first.put(item('aaaaaaaaaaaaaaa', 'talked'));
		await first.put(item('bbbbbbbbbbbbbbb', 'not_home'));
		await first.put(item('aaaaaaaaaaaaaaa', 'declined'));
		const reopened = indexedDbOutbox(name);
		const items = await reopened.all();
		expect(items.map((i) => [i.id, i.body.outcome])).toEqual([
			['aaaaaaaaaaaaaaa', 'declined'],
			['bbbbbbbbbbbbbbb', 'not_home']
		]);
		await reopened.remove('aaaaaaaaaaaaaaa');
		expect((await first.all()).map((i) => i.id)).toEqual(['bbbbbbbbbbbbbbb']);
	});

	it('removes a stored item and keeps the time and its receipt, across connections', async () => {
		const name = `outbox-test-${Math.random()}`;
		const first = indexedDbOutbox(name);
		expect(await first.lastSync()).toBeNull();
		await first.put(item('aaaaaaaaaaaaaaa', 'talked'));
		await first.put(item('bbbbbbbbbbbbbbb', 'talked'));
		await first.stored(item('aaaaaaaaaaaaaaa', 'talked'), 1_234);
		const reopened = indexedDbOutbox(name);
		expect((await reopened.all()).map((i) => i.id)).toEqual(['bbbbbbbbbbbbbbb']);
		expect(await reopened.lastSync()).toBe(1_234);
		const [receipt] = await reopened.receipts();
		expect(receipt).toMatchObject({ id: 'aaaaaaaaaaaaaaa', outcome: 'talked', storedAt: 1_234 });
		// The door, the time, the outcome and the worker: nothing she was told.
		expect(Object.keys(receipt).sort()).toEqual(
			['address', 'heldAt', 'id', 'outcome', 'storedAt', 'worker'].sort()
		);
		await reopened.forgetReceipts(['aaaaaaaaaaaaaaa']);
		expect(await first.receipts()).toEqual([]);
	});
});
