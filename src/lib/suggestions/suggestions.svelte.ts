// The coordinator's page of suggested connections as runes state: the open suggestions of her
// areas (or a viewer's count), accept with the chosen worker, dismiss, and undo of either (the
// server's reopen). A decided suggestion leaves the list at once and comes back when the server
// refuses it. Takes the API, so tests can run it against the real server.
import { apiErrorKind } from '$lib/pocketbase/errors';
import { isSuggestionError, without, type Suggestion, type SuggestionError } from './suggestions';
import type { SuggestionsApi } from './suggestions.api';

export type SuggestionsStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What the last decision left to say: done (with its undo), or why it was refused. */
export type SuggestionNotice =
	| { kind: 'accepted'; item: Suggestion; linked: boolean; undo: () => void }
	| { kind: 'dismissed'; item: Suggestion; undo: () => void }
	| { kind: 'reopened'; item: Suggestion }
	| { kind: 'refused'; code: SuggestionError | null }
	| { kind: 'failed' };

/** The refusal's code from the server's answer ({ data: { field: { code } } }), if it is ours. */
export function refusalCode(error: unknown): SuggestionError | null {
	const data = (error as { response?: { data?: Record<string, { code?: unknown }> } })?.response
		?.data;
	for (const value of Object.values(data ?? {})) {
		if (isSuggestionError(value?.code)) return value.code;
	}
	return null;
}

export class SuggestionsState {
	/** The open suggestions, best first; null for a viewer (who gets a count). */
	items = $state.raw<Suggestion[] | null>([]);
	/** How many are open; null for a viewer when fewer than the minimum. */
	open = $state<number | null>(0);
	status = $state<SuggestionsStatus>('idle');
	notice = $state.raw<SuggestionNotice | null>(null);
	/** The suggestion whose decision is under way. */
	busy = $state<string | null>(null);

	#api: SuggestionsApi;

	constructor(api: SuggestionsApi) {
		this.#api = api;
	}

	async load(): Promise<void> {
		this.status = 'loading';
		try {
			const answer = await this.#api.list();
			this.items = answer.items;
			this.open = answer.open;
			this.status = 'ready';
		} catch (error) {
			if (apiErrorKind(error) === 'aborted') return;
			this.status = 'error';
		}
	}

	async accept(item: Suggestion, assignee: string): Promise<void> {
		await this.#decide(item, async () => {
			const made = await this.#api.accept(item.id, { assignee });
			this.notice = {
				kind: 'accepted',
				item,
				linked: made.link !== null,
				undo: () => void this.reopen(item)
			};
		});
	}

	async dismiss(item: Suggestion): Promise<void> {
		await this.#decide(item, async () => {
			await this.#api.dismiss(item.id);
			this.notice = { kind: 'dismissed', item, undo: () => void this.reopen(item) };
		});
	}

	/** Undo: the suggestion is open again (an accept's link and follow-up are removed). */
	async reopen(item: Suggestion): Promise<void> {
		this.busy = item.id;
		try {
			await this.#api.reopen(item.id);
			this.notice = { kind: 'reopened', item };
			await this.load();
		} catch (error) {
			this.notice = this.#refusal(error);
		} finally {
			this.busy = null;
		}
	}

	dismissNotice(): void {
		this.notice = null;
	}

	async #decide(item: Suggestion, write: () => Promise<void>): Promise<void> {
		const before = this.items;
		this.busy = item.id;
		try {
			await write();
			if (this.items) this.items = without(this.items, item.id);
			if (this.open !== null) this.open = Math.max(0, this.open - 1);
		} catch (error) {
			this.items = before;
			this.notice = this.#refusal(error);
		} finally {
			this.busy = null;
		}
	}

	#refusal(error: unknown): SuggestionNotice {
		const kind = apiErrorKind(error);
		return kind === 'network' || kind === 'server'
			? { kind: 'failed' }
			: { kind: 'refused', code: refusalCode(error) };
	}
}
