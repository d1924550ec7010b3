// Residents as runes state for the two pages of a resident's requests: the search (/bewoners)
// and what is stored about one of them (/bewoners/[id]), with her erasure. Each page makes its
// own (nothing else needs it); tests inject a fake PeopleApi.
import { apiErrorKind, type ApiErrorKind } from '$lib/pocketbase/errors';
import { searchText, type EraseResult, type PersonExport, type PersonHit } from './people';
import type { PeopleApi } from './people.api';

export type SearchStatus = 'idle' | 'too_short' | 'searching' | 'ready' | 'error';
export type RecordStatus = 'idle' | 'loading' | 'ready' | 'not_found' | 'forbidden' | 'error';
export type EraseStatus = 'idle' | 'erasing' | 'erased' | 'error';

export class PeopleState {
	query = $state('');
	/** The residents found. Replaced, never mutated. */
	hits = $state.raw<PersonHit[]>([]);
	searchStatus = $state<SearchStatus>('idle');

	/** Everything stored about the resident opened. Replaced, never mutated. */
	record = $state.raw<PersonExport | null>(null);
	recordStatus = $state<RecordStatus>('idle');
	/** What the erasure removed, once done. */
	erased = $state.raw<EraseResult | null>(null);
	eraseStatus = $state<EraseStatus>('idle');
	/** Why the erasure failed; null when it did not. */
	eraseError = $state<ApiErrorKind | null>(null);

	#api: PeopleApi;
	#searches = 0;
	#loads = 0;

	constructor(api: PeopleApi) {
		this.#api = api;
	}

	/** Searches residents; a search typed over an older one wins. */
	async search(query: string): Promise<void> {
		const search = ++this.#searches;
		this.query = query;
		if (!searchText(query)) {
			this.hits = [];
			this.searchStatus = query.trim() ? 'too_short' : 'idle';
			return;
		}
		this.searchStatus = 'searching';
		try {
			const hits = await this.#api.search(query);
			if (search !== this.#searches) return;
			this.hits = hits;
			this.searchStatus = 'ready';
		} catch (error) {
			if (search !== this.#searches || apiErrorKind(error) === 'aborted') return;
			this.searchStatus = 'error';
		}
	}

	/** Loads everything stored about her (the server audits it as an export). */
	async load(id: string): Promise<void> {
		const load = ++this.#loads;
		this.recordStatus = 'loading';
		this.erased = null;
		this.eraseStatus = 'idle';
		this.eraseError = null;
		try {
			const record = await this.#api.exportPerson(id);
			if (load !== this.#loads) return;
			this.record = record;
			this.recordStatus = 'ready';
		} catch (error) {
			if (load !== this.#loads) return;
			const kind = apiErrorKind(error);
			this.record = null;
			this.recordStatus =
				kind === 'not_found' ? 'not_found' : kind === 'forbidden' ? 'forbidden' : 'error';
		}
	}

	/**
	 * Erases the resident opened. On success her data leaves the page too: only the counts of
	 * what went remain.
	 */
	async erase(): Promise<boolean> {
		const id = this.record?.person.id;
		if (!id || this.eraseStatus === 'erasing') return false;
		this.eraseStatus = 'erasing';
		this.eraseError = null;
		try {
			const result = await this.#api.erase(id);
			// Invalidate a load under way: it must not bring her back on the page.
			this.#loads++;
			this.erased = result;
			this.record = null;
			this.recordStatus = 'idle';
			this.hits = this.hits.filter((hit) => hit.id !== id);
			this.eraseStatus = 'erased';
			return true;
		} catch (error) {
			this.eraseError = apiErrorKind(error);
			this.eraseStatus = 'error';
			return false;
		}
	}
}
