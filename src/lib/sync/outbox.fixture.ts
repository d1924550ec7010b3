// For the outbox tests: a conversation body (a door, a worker and a time, with what a test adds)
// and a store in memory.
import type { NewConversation } from '$lib/conversations/new-conversation';
import type { Outcome } from '$lib/vocabulary/vocabulary';
import { receiptOf, type OutboxItem, type SentReceipt } from './outbox';
import type { OutboxStore } from './outbox.db';

export const conversation = (outcome: Outcome, fields: Partial<NewConversation> = {}) => ({
	area: 'area00000000001',
	address: 'adr000000000001',
	worker: 'usr000000000001',
	heldAt: '2026-11-23T10:00:00.000Z',
	outcome,
	location: { lon: 5.1, lat: 52.1 },
	locationSource: 'address' as const,
	...fields
});

/** An outbox store in memory, as IndexedDB keeps it (copies in and out); `saved` shows the items. */
export function memoryOutboxStore(): OutboxStore & {
	saved: Map<string, OutboxItem>;
	kept: Map<string, SentReceipt>;
} {
	const saved = new Map<string, OutboxItem>();
	const kept = new Map<string, SentReceipt>();
	let lastSync: number | null = null;
	return {
		saved,
		kept,
		async lastSync() {
			return lastSync;
		},
		async stored(item, at) {
			saved.delete(item.id);
			lastSync = at;
			kept.set(item.id, receiptOf(item, at));
		},
		async receipts() {
			return [...kept.values()].map((r) => structuredClone(r));
		},
		async forgetReceipts(ids) {
			for (const id of ids) kept.delete(id);
		},
		async all() {
			return [...saved.values()].map((i) => structuredClone(i));
		},
		async put(item) {
			saved.set(item.id, structuredClone(item));
		},
		async remove(id) {
			saved.delete(id);
		}
	};
}
