// The outbox on the phone: one IndexedDB object store of items, keyed by record id, one of facts
// about them (when the server last stored one), and one of receipts of the items stored. A write resolves only after its transaction
// has committed, so "saved on this phone" is never said too early.
import { openDB, type IDBPDatabase } from 'idb';
import { receiptOf, type OutboxItem, type SentReceipt } from './outbox';

const STORE = 'outbox';
/** Facts kept beside the items, by name: `lastSync` (ms) since version 2. */
const META = 'meta';
/** Receipts of stored items, by id, since version 3. */
const SENT = 'sent';

export interface OutboxStore {
	all(): Promise<OutboxItem[]>;
	/** Adds or replaces the item (same id: same record). */
	put(item: OutboxItem): Promise<void>;
	remove(id: string): Promise<void>;
	/** When the server last stored an item from this phone (ms), or null: never. */
	lastSync(): Promise<number | null>;
	/** The item the server has stored goes; its receipt and the time stay; one transaction. */
	stored(item: OutboxItem, at: number): Promise<void>;
	receipts(): Promise<SentReceipt[]>;
	forgetReceipts(ids: readonly string[]): Promise<void>;
}

/** The outbox in the browser's IndexedDB (a test passes its own database name). */
export function indexedDbOutbox(name = 'krachtkaart-outbox'): OutboxStore {
	let opened: Promise<IDBPDatabase> | null = null;
	const db = () =>
		(opened ??= openDB(name, 3, {
			upgrade(database, oldVersion) {
				if (oldVersion < 1) database.createObjectStore(STORE, { keyPath: 'id' });
				if (oldVersion < 2) database.createObjectStore(META);
				if (oldVersion < 3) database.createObjectStore(SENT, { keyPath: 'id' });
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
		async stored(item, at) {
			const tx = (await db()).transaction([STORE, META, SENT], 'readwrite');
			await Promise.all([
				tx.objectStore(STORE).delete(item.id),
				tx.objectStore(META).put(at, 'lastSync'),
				tx.objectStore(SENT).put(receiptOf(item, at)),
				tx.done
			]);
		},
		async receipts() {
			return (await db()).getAll(SENT);
		},
		async forgetReceipts(ids) {
			const tx = (await db()).transaction(SENT, 'readwrite');
			await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
		}
	};
}
