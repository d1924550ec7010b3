// The outbox as runes state, shared through context: what waits on this phone, sent one item at
// a time, oldest first, by itself when the connection returns and after each backoff. Nothing
// leaves the outbox unless the server has stored it or the user discards it.
import { createContext } from 'svelte';
import {
	afterAttempt,
	confirmedReceipts,
	newRecordId,
	nextDue,
	nextWakeUp,
	RECEIPT_DAYS,
	receiptOf,
	resubmitted,
	type OutboxBodies,
	type OutboxCollection,
	type OutboxItem,
	type SendOutcome,
	type SentReceipt,
	withReceipts
} from './outbox';
import type { OutboxStore } from './outbox.db';

/** False only when the browser knows it has no connection (its `true` is no promise). */
const browserOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false;

export class OutboxState {
	/** Everything on this phone that is not on the server yet. Replaced, never mutated. */
	items = $state.raw<OutboxItem[]>([]);
	/** True when the login expired: the items wait until the user signs in again. */
	needsLogin = $state(false);
	/** When the server last stored an item from this phone (ms), kept across reloads; null: never. */
	lastSyncAt = $state<number | null>(null);
	/** Receipts of the items the server stored, until a loaded list has them (`forgetReceipts`). */
	receipts = $state.raw<SentReceipt[]>([]);
	readonly waiting: number = $derived(this.items.filter((i) => i.status === 'waiting').length);
	readonly rejected: OutboxItem[] = $derived(this.items.filter((i) => i.status === 'rejected'));

	#store: OutboxStore;
	#send: (item: OutboxItem) => Promise<SendOutcome>;
	#now: () => number;
	#online: () => boolean;
	#running: Promise<void> | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		store: OutboxStore,
		send: (item: OutboxItem) => Promise<SendOutcome>,
		now: () => number = () => Date.now(),
		online: () => boolean = browserOnline
	) {
		this.#store = store;
		this.#send = send;
		this.#now = now;
		this.#online = online;
	}

	/** Reads what an earlier visit left on the phone. */
	async load(): Promise<void> {
		const [stored, lastSync, receipts] = await Promise.all([
			this.#store.all(),
			this.#store.lastSync(),
			this.#store.receipts()
		]);
		// A send that finished while the store was being read is newer.
		this.lastSyncAt = Math.max(lastSync ?? 0, this.lastSyncAt ?? 0) || null;
		this.receipts = withReceipts(this.receipts, receipts);
		// A receipt no list confirmed (a door no longer hers, a talk removed) goes after a while.
		const old = this.#now() - RECEIPT_DAYS * 24 * 60 * 60 * 1000;
		await this.forgetReceipts(this.receipts.filter((r) => r.storedAt < old).map((r) => r.id));
		// Keep anything added while the store was being read.
		const added = this.items.filter((i) => !stored.some((s) => s.id === i.id));
		this.items = [...stored, ...added].sort((a, b) => a.queuedAt - b.queuedAt);
	}

	/**
	 * Queues a new record. Resolves with its item once it is safely on the phone (the IndexedDB
	 * transaction has committed); sending starts right after.
	 */
	async add<C extends OutboxCollection>(collection: C, body: OutboxBodies[C]): Promise<OutboxItem> {
		const now = this.#now();
		const item: OutboxItem = {
			id: newRecordId(),
			collection,
			body,
			queuedAt: now,
			attempts: 0,
			nextAttemptAt: now,
			status: 'waiting'
		};
		await this.#store.put(item);
		this.items = [...this.items, item];
		void this.sync();
		return item;
	}

	/** A refused item, corrected by the user: back in line at once. */
	async resubmit(id: string, body: OutboxItem['body']): Promise<void> {
		const item = this.items.find((i) => i.id === id);
		if (!item) return;
		await this.#replace(resubmitted(item, body, this.#now()));
		void this.sync();
	}

	/** The user gives up on a refused item: the one way an item leaves without being stored. */
	async discard(id: string): Promise<void> {
		await this.#store.remove(id);
		this.items = this.items.filter((i) => i.id !== id);
	}

	/** Forgets these receipts: a list loaded from the server has them. */
	async forgetReceipts(ids: Iterable<string>): Promise<void> {
		const gone = confirmedReceipts(this.receipts, ids);
		if (gone.length === 0) return;
		await this.#store.forgetReceipts(gone);
		this.receipts = this.receipts.filter((r) => !gone.includes(r.id));
	}

	/** The connection is back: every waiting item is due now, whatever its backoff said. */
	retryNow(): Promise<void> {
		const now = this.#now();
		this.items = this.items.map((i) => (i.status === 'waiting' ? { ...i, nextAttemptAt: now } : i));
		return this.sync();
	}

	/** After a new login: send what waited. */
	resume(): Promise<void> {
		this.needsLogin = false;
		return this.sync();
	}

	/**
	 * Sends every due item, one at a time (never two requests for one item at once). Resolves when
	 * nothing is due; a later item is tried when its backoff ends.
	 */
	sync(): Promise<void> {
		this.#running ??= this.#drain().finally(() => {
			this.#running = null;
			this.#schedule();
		});
		return this.#running;
	}

	/**
	 * Reads what waited on the phone and sends it, and again whenever the browser says the
	 * connection is back. Returns the teardown.
	 */
	start(): () => void {
		const online = () => void this.retryNow();
		window.addEventListener('online', online);
		void this.load().then(() => this.sync());
		return () => {
			window.removeEventListener('online', online);
			clearTimeout(this.#timer);
		};
	}

	async #drain(): Promise<void> {
		for (;;) {
			// Known to be offline: a request could only fail; the 'online' event starts again.
			if (this.needsLogin || !this.#online()) return;
			const item = nextDue(this.items, this.#now());
			if (!item) return;
			const outcome = await this.#send(item);
			if (outcome.kind === 'unauthorized') this.needsLogin = true;
			const next = afterAttempt(item, outcome, this.#now());
			if (next) {
				await this.#replace(next);
			} else {
				const at = this.#now();
				await this.#store.stored(item, at);
				this.items = this.items.filter((i) => i.id !== item.id);
				this.lastSyncAt = at;
				this.receipts = [...this.receipts, receiptOf(item, at)];
			}
			// No connection: the other items would fail alike; wait for the backoff or 'online'.
			if (outcome.kind === 'retry') return;
		}
	}

	async #replace(item: OutboxItem): Promise<void> {
		await this.#store.put(item);
		this.items = this.items.map((i) => (i.id === item.id ? item : i));
	}

	#schedule(): void {
		clearTimeout(this.#timer);
		const wakeUp = nextWakeUp(this.items);
		if (wakeUp === null || this.needsLogin || !this.#online()) return;
		this.#timer = setTimeout(() => void this.sync(), Math.max(0, wakeUp - this.#now()));
	}
}

export const [getOutboxState, setOutboxState] = createContext<OutboxState>();
