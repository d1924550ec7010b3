// The outbox on the phone: one IndexedDB object store, keyed by record id. A write resolves only
// after its transaction has committed, so "saved on this phone" is never said too early.
import { openDB, type IDBPDatabase } from 'idb';
import type { OutboxItem } from './outbox';

const STORE = 'outbox';

export interface OutboxStore {
	all(): Promise<OutboxItem[]>;
	/** Adds or replaces the item (same id: same record). */
	put(item: OutboxItem): Promise<void>;
	remove(id: string): Promise<void>;
}

/** The outbox in the browser's IndexedDB (a test passes its own database name). */
export function indexedDbOutbox(name = 'krachtkaart-outbox'): OutboxStore {
	let opened: Promise<IDBPDatabase> | null = null;
	const db = () =>
		(opened ??= openDB(name, 1, {
			upgrade(database) {
				database.createObjectStore(STORE, { keyPath: 'id' });
			}
		}));
	return {
		async all() {
			return (await db()).getAll(STORE);
		},
		async put(item) {
			const tx = (await db()).transaction(STORE, 'readwrite');
			await Promise.all([tx.store.put(item), tx.done]);
		},
		async remove(id) {
			const tx = (await db()).transaction(STORE, 'readwrite');
			await Promise.all([tx.store.delete(id), tx.done]);
		}
	};
}
