// Cutting a round into walk lists as runes state: the doors of its areas cut street by street
// (only its streets, when it names some), each list with whom it is for (a worker or a pair)
// and its last day, then saved in one batch. Tests inject a fake CutApi.
import { apiErrorKind, type ApiErrorKind } from '$lib/pocketbase/errors';
import type { AddressRecord } from '$lib/addresses/addresses';
import { LIMITS } from '$lib/vocabulary/vocabulary';
import type { RoundRecord, WalkListRecord } from './rounds';
import type { ListDraft } from './rounds.api';
import { cutByStreet } from './walk-lists';

/** Someone a list can be for. */
export interface Assignee {
	id: string;
	name: string;
}

export interface CutApi {
	/** The doors in or under the areas. */
	addressesOf(areaIds: readonly string[]): Promise<AddressRecord[]>;
	/** The active workers and coordinators of her team. */
	assignees(): Promise<Assignee[]>;
	saveLists(roundId: string, drafts: readonly ListDraft[]): Promise<WalkListRecord[]>;
}

export type CutStatus = 'idle' | 'loading' | 'ready' | 'saving' | 'saved' | 'error';

/** A cut list as she edits it: every field set. */
export type CutList = Required<ListDraft>;

export class ListCutState {
	/** The lists cut, with whom each is for and its last day; edited in place by the form. */
	lists = $state<CutList[]>([]);
	assignees = $state.raw<Assignee[]>([]);
	status = $state<CutStatus>('idle');
	/** Why the last load or save failed; null when it did not. */
	error = $state<ApiErrorKind | null>(null);

	#api: CutApi;

	constructor(api: CutApi) {
		this.#api = api;
	}

	/**
	 * Cuts the round's doors street by street; a round that names streets keeps only those, and
	 * doors already on one of its lists are left out (nobody should ring a door twice).
	 */
	async cut(
		round: Pick<RoundRecord, 'areas' | 'streets'> & { lists?: readonly { addresses: string[] }[] }
	): Promise<void> {
		this.status = 'loading';
		this.error = null;
		try {
			const [addresses, assignees] = await Promise.all([
				this.#api.addressesOf(round.areas),
				this.#api.assignees()
			]);
			const streets = round.streets ?? [];
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup within this call, not state
			const listed = new Set((round.lists ?? []).flatMap((list) => list.addresses));
			this.lists = cutByStreet(addresses.filter((address) => !listed.has(address.id)))
				.filter((draft) => streets.length === 0 || streets.includes(draft.name))
				.map((draft) => ({ ...draft, assignees: [], expiresOn: '' }));
			this.assignees = assignees;
			this.status = 'ready';
		} catch (error) {
			this.status = 'error';
			this.error = apiErrorKind(error);
		}
	}

	/** Whether another assignee may be added to the list at this index. */
	canAssignMore(index: number): boolean {
		return (this.lists[index]?.assignees.length ?? 0) < LIMITS.round.assignees;
	}

	/** Saves the lists in one batch (all or nothing). True when saved. */
	async save(roundId: string): Promise<boolean> {
		this.status = 'saving';
		this.error = null;
		try {
			await this.#api.saveLists(roundId, $state.snapshot(this.lists));
			this.lists = [];
			this.status = 'saved';
			return true;
		} catch (error) {
			this.status = 'ready';
			this.error = apiErrorKind(error);
			return false;
		}
	}
}
