// The ladder page's state: the counts per buurt and step for an area and quarter (for staff with
// the steps up per team member), and for staff the assets and the residents with their step. A
// newer load wins over one that answers later.
import type { LadderStep } from '$lib/vocabulary/vocabulary';
import type { ladderApi, LadderAssetStep, LadderCounts, LadderPersonStep } from './ladder.api';
import type { Period } from './ladder';

export type LadderStatus = 'idle' | 'loading' | 'ready' | 'error';
type Api = ReturnType<typeof ladderApi>;

export class LadderState {
	status = $state<LadderStatus>('idle');
	counts = $state.raw<LadderCounts | null>(null);
	/** Staff only; empty for viewers. */
	assets = $state.raw<LadderAssetStep[]>([]);
	/** Staff only (who may read people); empty for viewers. */
	people = $state.raw<LadderPersonStep[]>([]);
	#api: Api;
	#loads = 0;

	constructor(api: Api) {
		this.#api = api;
	}

	/** Loads the counts, and for staff (`withAssets`) the assets and residents with their step. */
	async load(areas: string[], period: Period, withAssets: boolean): Promise<void> {
		const load = ++this.#loads;
		if (areas.length === 0) {
			this.status = 'idle';
			return;
		}
		this.status = 'loading';
		try {
			const [counts, assets, people] = await Promise.all([
				this.#api.fetchCounts(areas, period),
				withAssets ? this.#api.fetchAssets(areas) : Promise.resolve([]),
				withAssets ? this.#api.fetchPeople(areas) : Promise.resolve([])
			]);
			if (load !== this.#loads) return;
			this.counts = counts;
			this.assets = assets;
			this.people = people;
			this.status = 'ready';
		} catch {
			if (load !== this.#loads) return;
			this.status = 'error';
		}
	}

	/** A coordinator sets an asset's step; the list shows it at once, the counts on the next load. */
	async setStep(asset: string, step: LadderStep, reason: string): Promise<void> {
		const answer = await this.#api.setStep(asset, step, reason);
		this.assets = this.assets.map((a) =>
			a.id === asset ? { ...a, step: answer.step, source: 'set', reason, at: answer.at } : a
		);
	}
}
