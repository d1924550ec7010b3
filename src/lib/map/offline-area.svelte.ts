// "Kaart offline" as she goes through it: her buurten (all ticked), the number of tiles they
// need, a size estimate first, then the download with its progress, which she can stop; what was
// kept stays listed with its date and size until she removes it.
import type { Geometry } from 'geojson';
import { SvelteSet } from 'svelte/reactivity';
import type { StyleSpecification } from 'maplibre-gl';
import type { Estimate, OfflineAreaApi, Progress } from './offline-area.api';
import {
	MAX_OFFLINE_TILES,
	offlinePlan,
	type OfflineAreaRecord,
	type OfflinePlan
} from './offline-area';

export interface OfflineBuurt {
	id: string;
	name: string;
	geometry: Geometry;
}

/** What the page needs first: the basemap style (null: the offline basemap, nothing to keep). */
export interface OfflineSource {
	style: StyleSpecification | null;
	buurten: OfflineBuurt[];
}

export type OfflinePhase =
	| { step: 'loading' }
	| { step: 'unreachable' }
	| { step: 'own-basemap' }
	| { step: 'choose' }
	| { step: 'estimating' }
	| { step: 'estimated'; estimate: Estimate }
	| { step: 'downloading'; progress: Progress }
	| { step: 'stopped'; progress: Progress }
	| { step: 'done'; record: OfflineAreaRecord }
	| { step: 'failed' };

export class OfflineAreaState {
	phase: OfflinePhase = $state({ step: 'loading' });
	buurten: OfflineBuurt[] = $state.raw([]);
	readonly chosen = new SvelteSet<string>();
	/** What is kept on this device now. */
	kept: OfflineAreaRecord | null = $state.raw(null);
	#style: StyleSpecification | null = null;
	#abort: AbortController | null = null;
	readonly #api: OfflineAreaApi;

	constructor(api: OfflineAreaApi) {
		this.#api = api;
		this.kept = api.record();
	}

	/** The plan for the ticked buurten. */
	readonly plan: OfflinePlan = $derived.by(() => {
		const geometries = this.buurten.filter((b) => this.chosen.has(b.id)).map((b) => b.geometry);
		return this.#style && geometries.length > 0
			? offlinePlan(this.#style, geometries)
			: { documents: [], tiles: [] };
	});

	readonly tooLarge = $derived(this.plan.tiles.length > MAX_OFFLINE_TILES);

	async load(source: () => Promise<OfflineSource>): Promise<void> {
		this.phase = { step: 'loading' };
		try {
			const { style, buurten } = await source();
			this.#style = style;
			this.buurten = buurten;
			this.chosen.clear();
			for (const b of buurten) this.chosen.add(b.id);
			this.phase = style ? { step: 'choose' } : { step: 'own-basemap' };
		} catch {
			this.phase = { step: 'unreachable' };
		}
	}

	toggle(id: string): void {
		if (this.chosen.has(id)) this.chosen.delete(id);
		else this.chosen.add(id);
		if (this.phase.step === 'estimated' || this.phase.step === 'failed') {
			this.phase = { step: 'choose' };
		}
	}

	async estimate(): Promise<void> {
		if (this.plan.tiles.length === 0 || this.tooLarge) return;
		this.phase = { step: 'estimating' };
		try {
			this.phase = { step: 'estimated', estimate: await this.#api.estimate(this.plan) };
		} catch {
			this.phase = { step: 'failed' };
		}
	}

	async download(): Promise<void> {
		if (this.plan.tiles.length === 0 || this.tooLarge) return;
		const abort = new AbortController();
		this.#abort = abort;
		const names = this.buurten.filter((b) => this.chosen.has(b.id)).map((b) => b.name);
		let last: Progress = { done: 0, total: 0, bytes: 0, failed: 0 };
		try {
			const record = await this.#api.download(
				this.plan,
				names,
				(progress) => {
					last = progress;
					if (!abort.signal.aborted) this.phase = { step: 'downloading', progress };
				},
				abort.signal
			);
			this.kept = record;
			this.phase = { step: 'done', record };
		} catch {
			this.phase = abort.signal.aborted ? { step: 'stopped', progress: last } : { step: 'failed' };
		} finally {
			this.#abort = null;
		}
	}

	/** Stops the download; what came stays kept, and downloading again skips it. */
	stop(): void {
		this.#abort?.abort();
	}

	async remove(): Promise<void> {
		await this.#api.remove();
		this.kept = null;
		this.phase = this.#style ? { step: 'choose' } : { step: 'own-basemap' };
	}
}
