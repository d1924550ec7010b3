// The gap view filtered to one round, as runes state: the rounds of her areas to pick from
// (staff; viewers read no rounds) and, for the picked round, its doors among those of its
// buurten (`roundDoors`), so the page can narrow the analysis to them (`unitsAtDoors`).
// Tests inject a fake GapRoundsApi.
import type { AddressRecord } from '$lib/addresses/addresses';
import { apiErrorKind, type ApiErrorKind } from '$lib/pocketbase/errors';
import type { RoundWithParts } from '$lib/rounds/rounds.api';
import type { GapUnit } from './gap-input';
import { roundDoors, roundGapPeriod, unitsAtDoors } from './gap-round';

export interface GapRoundsApi {
	/** The rounds of her areas (read only). */
	listRounds(areaIds: readonly string[]): Promise<RoundWithParts[]>;
	/** The doors in or under the areas (the walk snapshot). */
	addressesOf(areaIds: readonly string[]): Promise<AddressRecord[]>;
}

export type GapRoundStatus = 'idle' | 'loading' | 'ready' | 'error';

export class GapRoundState {
	rounds = $state.raw<RoundWithParts[]>([]);
	/** The rounds' load. */
	status = $state<GapRoundStatus>('idle');
	/** The picked round's doors: null until they are there (or without a round). */
	doors = $state.raw<AddressRecord[] | null>(null);
	doorsStatus = $state<GapRoundStatus>('idle');
	error = $state<ApiErrorKind | null>(null);

	#api: GapRoundsApi;
	#picked = '';
	#run = 0;

	constructor(api: GapRoundsApi) {
		this.#api = api;
	}

	/** The rounds of her areas, newest start first. */
	async load(areaIds: readonly string[]): Promise<void> {
		this.status = 'loading';
		this.error = null;
		try {
			this.rounds = await this.#api.listRounds(areaIds);
			this.status = 'ready';
		} catch (error) {
			// Also when cancelled (another request with the rounds' keys): never a wait forever.
			this.status = 'error';
			this.error = apiErrorKind(error);
		}
	}

	/** The round with this id among hers, if any. */
	find(id: string | null): RoundWithParts | undefined {
		return id ? this.rounds.find((r) => r.id === id) : undefined;
	}

	/** Loads the doors of the round (once per round); null: no round. A later pick wins. */
	async pick(round: RoundWithParts | undefined): Promise<void> {
		const key = round ? `${round.id} ${round.updated}` : '';
		if (key === this.#picked && (this.doors !== null || this.doorsStatus === 'loading')) return;
		this.#picked = key;
		const run = ++this.#run;
		this.doors = null;
		if (!round) {
			this.doorsStatus = 'idle';
			return;
		}
		this.doorsStatus = 'loading';
		try {
			const addresses = await this.#api.addressesOf(round.areas);
			if (run !== this.#run) return;
			this.doors = roundDoors(round, addresses);
			this.doorsStatus = 'ready';
		} catch (error) {
			if (run !== this.#run) return;
			this.#picked = '';
			this.doorsStatus = 'error';
			this.error = apiErrorKind(error);
		}
	}

	/** What the gap view asks for the round: its buurten, its period and its doors' units. */
	requestFor(round: RoundWithParts): {
		areaIds: string[];
		period: { from: string; to: string };
		narrow: (units: readonly GapUnit[]) => GapUnit[];
	} {
		const doors = this.doors ?? [];
		return {
			areaIds: round.areas.slice(0, 100),
			period: roundGapPeriod(round),
			narrow: (units) => unitsAtDoors(units, doors)
		};
	}
}
