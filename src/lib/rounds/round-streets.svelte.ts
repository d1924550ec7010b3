// The round form's street picker as runes state: the doors of the chosen buurten (the walk
// snapshot) and, when it can be had, how each street stands in the gap view (the gap input of the
// last three months), as `StreetChoice`s. Tests inject a fake StreetsApi.
import type { AddressRecord } from '$lib/addresses/addresses';
import { loadWalk } from '$lib/conversations/conversations.api';
import { fetchGapInput } from '$lib/gaps/gaps.api';
import type { GapUnit } from '$lib/gaps/gap-input';
import { DEFAULT_MONTHS, periodFor } from '$lib/gaps/gap-view';
import { apiErrorKind, type ApiErrorKind } from '$lib/pocketbase/errors';
import { streetChoices, type StreetChoice } from './round-streets';

export interface StreetsApi {
	/** The doors in or under the areas. */
	addressesOf(areaIds: readonly string[]): Promise<AddressRecord[]>;
	/** The gap input's units of the areas for the period. */
	gapUnitsOf(areaIds: readonly string[], period: { from: string; to: string }): Promise<GapUnit[]>;
}

export const streetsApi: StreetsApi = {
	addressesOf: async (areaIds) => (await loadWalk(areaIds, 'walk:round-streets')).addresses,
	gapUnitsOf: async (areaIds, period) => (await fetchGapInput(areaIds, period)).units
};

export type StreetsStatus = 'idle' | 'loading' | 'ready' | 'error';

export class StreetPickerState {
	choices = $state.raw<StreetChoice[]>([]);
	status = $state<StreetsStatus>('idle');
	error = $state<ApiErrorKind | null>(null);
	/** The gap figures could not be had: the streets show without them. */
	gapMissing = $state(false);

	#api: StreetsApi;
	#run = 0;

	constructor(api: StreetsApi) {
		this.#api = api;
	}

	/**
	 * The streets of these buurten with their doors, and their gap figures of the last
	 * `DEFAULT_MONTHS` months when the gap input answers. A later call wins.
	 */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a moment read once, not state
	async load(areaIds: readonly string[], now: () => Date = () => new Date()): Promise<void> {
		const run = ++this.#run;
		if (areaIds.length === 0) {
			this.choices = [];
			this.status = 'idle';
			this.error = null;
			return;
		}
		this.status = 'loading';
		this.error = null;
		const units = this.#api.gapUnitsOf(areaIds, periodFor(DEFAULT_MONTHS, now())).then(
			(found) => found,
			() => null
		);
		try {
			const addresses = await this.#api.addressesOf(areaIds);
			const found = await units;
			if (run !== this.#run) return;
			this.gapMissing = found === null;
			this.choices = streetChoices(addresses, found);
			this.status = 'ready';
		} catch (error) {
			// A newer load of its own answers (its request cancels this one); any other failure
			// is an error she can retry, not a wait.
			if (run !== this.#run) return;
			this.status = 'error';
			this.error = apiErrorKind(error);
		}
	}
}
