// The admin's audit screen as runes state: the filters, the page shown and the way back. Pages
// go by cursor (the last entry shown), newest first, so new entries arriving meanwhile never
// shift a page. Made by the page itself (nothing else needs it); tests inject a fake AuditApi.
import { apiErrorKind, type ApiErrorKind } from '$lib/pocketbase/errors';
import { EMPTY_AUDIT_FILTERS, type AuditCursor, type AuditEntry, type AuditFilters } from './audit';
import type { AuditApi } from './audit.api';

export type AuditStatus = 'idle' | 'loading' | 'ready' | 'error';

export class AuditLogState {
	/** The filters of the entries shown. */
	filters = $state.raw<AuditFilters>({ ...EMPTY_AUDIT_FILTERS });
	/** The filter form's values, bound to its fields; shown once applied. */
	draft = $state<AuditFilters>({ ...EMPTY_AUDIT_FILTERS });
	/** The entries of the page shown. Replaced, never mutated. */
	items = $state.raw<AuditEntry[]>([]);
	status = $state<AuditStatus>('idle');
	error = $state<ApiErrorKind | null>(null);
	hasMore = $state(false);
	/** Where each page shown so far started (null: the first page). */
	#starts = $state.raw<(AuditCursor | null)[]>([null]);
	/** 1 for the newest page. */
	readonly page: number = $derived(this.#starts.length);
	readonly hasPrevious: boolean = $derived(this.#starts.length > 1);

	#api: AuditApi;
	#loads = 0;

	/** `draft`: the form's first values (from the address bar, say). */
	constructor(api: AuditApi, draft: AuditFilters = EMPTY_AUDIT_FILTERS) {
		this.#api = api;
		this.draft = { ...draft };
	}

	/** Shows the newest entries that match these filters, and puts them in the form. */
	apply(filters: AuditFilters = this.draft): Promise<void> {
		this.filters = { ...filters };
		this.draft = { ...filters };
		this.#starts = [null];
		return this.#load();
	}

	/** The next (older) page. */
	next(): Promise<void> {
		const last = this.items.at(-1);
		if (!this.hasMore || !last) return Promise.resolve();
		this.#starts = [...this.#starts, { created: last.created, id: last.id }];
		return this.#load();
	}

	/** Back to the page before (newer). */
	previous(): Promise<void> {
		if (this.#starts.length <= 1) return Promise.resolve();
		this.#starts = this.#starts.slice(0, -1);
		return this.#load();
	}

	/** The page shown, again (after an error, or to see what came in). */
	reload(): Promise<void> {
		return this.#load();
	}

	async #load(): Promise<void> {
		const load = ++this.#loads;
		this.status = 'loading';
		this.error = null;
		try {
			const page = await this.#api.list(this.filters, this.#starts.at(-1) ?? null);
			// A newer load (other filters, another page) has taken over.
			if (load !== this.#loads) return;
			this.items = page.items;
			this.hasMore = page.hasMore;
			this.status = 'ready';
		} catch (error) {
			if (load !== this.#loads) return;
			const kind = apiErrorKind(error);
			if (kind === 'aborted') return;
			this.error = kind;
			this.status = 'error';
		}
	}
}
