// The staff side of a resident's link (/bewoners/<id>, "Persoonlijke link voor de bewoner"): her
// newest link's state, making a new one (shown once: the server keeps only its hash) and revoking
// them all. One step at a time; after each the summary is read again. The section makes one;
// tests give it a fake ResidentLinksApi.
import { apiErrorKind } from '$lib/pocketbase/errors';
import { linkState, type ResidentLinkCreated, type ResidentLinkRecord } from './resident';
import type { ResidentLinksApi } from './resident.api';

export class ResidentLinkState {
	/** Her newest link, working or not; null when none was made (or it could not be read). */
	latest = $state.raw<ResidentLinkRecord | null>(null);
	/** The link made just now, the only time its token is known. */
	made = $state.raw<ResidentLinkCreated | null>(null);
	busy = $state(false);
	problem = $state<'failed' | 'forbidden' | null>(null);
	/** Her links were revoked just now. */
	revokedNow = $state(false);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- the moment of reading, never state
	readonly current = $derived(this.latest ? linkState(this.latest, new Date()) : null);

	#api: ResidentLinksApi;
	#personId: string;

	constructor(api: ResidentLinksApi, personId: string) {
		this.#api = api;
		this.#personId = personId;
	}

	async refresh(): Promise<void> {
		try {
			this.latest = await this.#api.latest(this.#personId);
		} catch {
			// Only a summary: the buttons work without it.
			this.latest = null;
		}
	}

	/** A new link; her older ones stop working. */
	create(): Promise<void> {
		return this.#run(async () => {
			this.made = await this.#api.create(this.#personId);
			this.revokedNow = false;
		});
	}

	revoke(): Promise<void> {
		return this.#run(async () => {
			await this.#api.revoke(this.#personId);
			this.made = null;
			this.revokedNow = true;
		});
	}

	async #run(step: () => Promise<void>): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.problem = null;
		try {
			await step();
		} catch (error) {
			this.problem = apiErrorKind(error) === 'forbidden' ? 'forbidden' : 'failed';
		} finally {
			this.busy = false;
		}
		await this.refresh();
	}
}
