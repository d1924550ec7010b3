// The outbox on the phone: one IndexedDB object store of items, keyed by record id, and one of
// facts about them (when the server last stored one). A write resolves only after its transaction
// has committed, so "saved on this phone" is never said too early.
import { openDB, type IDBPDatabase } from 'idb';
import type { OutboxItem } from './outbox';

const STORE = 'outbox';
/** Facts kept beside the items, by name: `lastSync` (ms) since version 2. */
const META = 'meta';

export interface OutboxStore {
	all(): Promise<OutboxItem[]>;
	/** Adds or replaces the item (same id: same record). */
	put(item: OutboxItem): Promise<void>;
	remove(id: string): Promise<void>;
	/** When the server last stored an item from this phone (ms), or null: never. */
	lastSync(): Promise<number | null>;
	/** The item the server has stored goes, and the time is kept, in one transaction. */
	stored(id: string, at: number): Promise<void>;
}

/** The outbox in the browser's IndexedDB (a test passes its own database name). */
export function indexedDbOutbox(name = 'krachtkaart-outbox'): OutboxStore {
	let opened: Promise<IDBPDatabase> | null = null;
	const db = () =>
		(opened ??= openDB(name, 2, {
			upgrade(database, oldVersion) {
				if (oldVersion < 1) database.createObjectStore(STORE, { keyPath: 'id' });
				if (oldVersion < 2) database.createObjectStore(META);
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
		},
		async lastSync() {
			const at: unknown = await (await db()).get(META, 'lastSync');
			return typeof at === 'number' ? at : null;
		},
		async stored(id, at) {
			const tx = (await db()).transaction([STORE, META], 'readwrite');
			await Promise.all([
				tx.objectStore(STORE).delete(id),
				tx.objectStore(META).put(at, 'lastSync'),
				tx.done
			]);
		}
	};
}
