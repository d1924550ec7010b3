// The rounds of her areas as runes state, shared through context: their questions and walk
// lists, her lists first, the doors others have taken, a check-out or give-back shown at once
// and undone when the server refuses, and the round form's save with its errors per field.
// Tests inject a fake RoundsApi.
import { createContext, untrack } from 'svelte';
import { apiErrorKind, type ApiErrorKind } from '$lib/pocketbase/errors';
import { onFirstControl } from '$lib/sync/offline-cache';
import { roundDate, validateRoundDraft, type RoundDraft, type RoundDraftErrors } from './rounds';
import { RoundRefused, type RoundWithParts, type RoundsApi } from './rounds.api';
import { myListsFirst, takenDoors, type ListWithRound } from './walk-lists';

export type RoundsStatus = 'idle' | 'loading' | 'ready' | 'error';

/** A PocketBase date of a moment, as the server stamps `checkedOutAt`. */
const pbDate = (moment: Date) => moment.toISOString().replace('T', ' ');

export class RoundsState {
	/** The rounds of her areas, each with its questions and lists. Replaced, never mutated. */
	rounds = $state.raw<RoundWithParts[]>([]);
	status = $state<RoundsStatus>('idle');
	/** Why the last load failed; null when it did not. */
	error = $state<ApiErrorKind | null>(null);
	/** The round form's errors from the last `save` (the form's own checks, or the server's). */
	errors = $state.raw<RoundDraftErrors>({});
	/** Why the last `save` failed when no field is to blame (offline, not allowed); else null. */
	saveError = $state<ApiErrorKind | null>(null);

	/** Every list of every round, with its round's areas. */
	readonly lists: ListWithRound[] = $derived(this.rounds.flatMap((round) => round.lists));

	#api: RoundsApi;
	#now: () => Date;
	#loads = 0;
	/** The last write per list, which the next one waits for. Bookkeeping, never shown. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- not state, see above
	#queue = new Map<string, Promise<void>>();

	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a clock: each call a new moment, never state
	constructor(api: RoundsApi, now: () => Date = () => new Date()) {
		this.#api = api;
		this.#now = now;
	}

	/** Loads the rounds of her areas (ids); a later load wins over an earlier one still under way. */
	async load(areas: readonly string[]): Promise<void> {
		const load = ++this.#loads;
		this.status = 'loading';
		this.error = null;
		try {
			const rounds = await this.#api.listRounds(areas);
			if (load !== this.#loads) return;
			this.rounds = rounds;
			this.status = 'ready';
		} catch (error) {
			if (load !== this.#loads) return;
			this.status = 'error';
			this.error = apiErrorKind(error);
		}
	}

	/**
	 * Keeps the rounds of her areas loaded (call while a page is set up): again only when her areas
	 * change, not when the session's refresh replaces her record; and once more when a service
	 * worker first takes the page over, so the phone keeps her lists and their questions for a walk
	 * without a connection.
	 */
	keepLoaded(areas: () => readonly string[]): void {
		const key = $derived(areas().join(','));
		$effect(() => {
			const ids = key ? key.split(',') : [];
			untrack(() => void this.load(ids));
		});
		$effect(() => onFirstControl(() => void this.load(untrack(areas))));
	}

	/** All lists, hers first: assigned to her, then checked out by her, then the rest. */
	mine(userId: string): ListWithRound[] {
		return myListsFirst(this.lists, userId);
	}

	/** The doors on lists someone else has checked out and that have not expired. */
	takenDoors(userId: string, now: Date = this.#now()): Set<string> {
		return takenDoors(this.lists, userId, now);
	}

	/** Checks a list out to her: shown at once, back as it was (and thrown) when refused. */
	checkOut(listId: string, userId: string): Promise<void> {
		const shown = { checkedOutBy: userId, checkedOutAt: pbDate(this.#now()) };
		return this.#changeList(listId, shown, () => this.#api.checkOut(listId));
	}

	/**
	 * Gives a list back (hers; a coordinator anyone's): shown at once, back as it was (and
	 * thrown) when refused.
	 */
	giveBack(listId: string): Promise<void> {
		return this.#changeList(listId, { checkedOutBy: '', checkedOutAt: '' }, () =>
			this.#api.giveBack(listId)
		);
	}

	/** Sets whom a list is for (a worker or a pair; [] for anyone of its areas): shown at once. */
	assignList(listId: string, assignees: readonly string[]): Promise<void> {
		return this.#changeList(listId, { assignees: [...assignees] }, () =>
			this.#api.assignList(listId, assignees)
		);
	}

	/** Sets a list's last day ('YYYY-MM-DD', or '' for none): shown at once. */
	setListExpiry(listId: string, day: string): Promise<void> {
		const expiresOn = day.trim() === '' ? '' : roundDate(day.trim());
		return this.#changeList(listId, { expiresOn }, () => this.#api.setListExpiry(listId, day));
	}

	/** Deletes a walk list (after the writes to it under way); gone once the server said so. */
	async deleteList(listId: string): Promise<void> {
		await (this.#queue.get(listId) ?? Promise.resolve()).catch(() => {});
		await this.#api.deleteList(listId);
		this.rounds = this.rounds.map((round) => ({
			...round,
			lists: round.lists.filter((l) => l.id !== listId)
		}));
	}

	/**
	 * Saves the round form (creates, or updates the stored round with this id): the form's own
	 * checks first, then the server's. True when saved; else `errors` (per field) or `saveError`
	 * say why.
	 */
	async save(draft: RoundDraft, roundId?: string): Promise<boolean> {
		this.saveError = null;
		this.errors = validateRoundDraft(draft);
		if (Object.keys(this.errors).length > 0) return false;
		const stored = roundId ? this.rounds.find((r) => r.id === roundId) : undefined;
		// A round she no longer has (deleted, or not loaded) must not come back as a new one.
		if (roundId && !stored) {
			this.saveError = 'not_found';
			return false;
		}
		try {
			const saved = await this.#api.saveRound(draft, stored);
			this.rounds = stored
				? this.rounds.map((r) => (r.id === saved.id ? saved : r))
				: [saved, ...this.rounds];
			return true;
		} catch (error) {
			if (error instanceof RoundRefused) this.errors = error.errors;
			else this.saveError = apiErrorKind(error);
			return false;
		}
	}

	/** Forgets the last save's errors: a round form opened afresh shows none. */
	clearErrors(): void {
		this.errors = {};
		this.saveError = null;
	}

	/** Deletes a round with its questions and lists. */
	async deleteRound(roundId: string): Promise<void> {
		await this.#api.deleteRound(roundId);
		this.rounds = this.rounds.filter((r) => r.id !== roundId);
	}

	/**
	 * Shows a list's change at once and sends it after the writes to that list still under way
	 * (a check-out and a quick give-back reach the server in order); when refused, the list is
	 * put back as it was before this change, and the error thrown for the caller's message.
	 */
	#changeList(
		listId: string,
		shown: Partial<ListWithRound>,
		send: () => Promise<Partial<ListWithRound>>
	): Promise<void> {
		const before = this.lists.find((l) => l.id === listId);
		if (!before) return Promise.reject(new Error(`no list ${listId}`));
		this.#setList({ ...before, ...shown });
		const previous = this.#queue.get(listId) ?? Promise.resolve();
		const write = previous
			.catch(() => {})
			.then(send)
			.then(
				(saved) => {
					// A later change waits: what it shows stays until its own answer.
					if (this.#queue.get(listId) !== write) return;
					// The server's answer has no expand: keep the round's areas we had.
					this.#setList({ ...before, ...saved, expand: before.expand });
				},
				(error: unknown) => {
					this.#setList(before);
					throw error;
				}
			)
			.finally(() => {
				if (this.#queue.get(listId) === write) this.#queue.delete(listId);
			});
		this.#queue.set(listId, write);
		return write;
	}

	#setList(list: ListWithRound): void {
		this.rounds = this.rounds.map((round) =>
			round.id === list.round
				? { ...round, lists: round.lists.map((l) => (l.id === list.id ? list : l)) }
				: round
		);
	}
}

export const [getRoundsState, setRoundsState] = createContext<RoundsState>();
