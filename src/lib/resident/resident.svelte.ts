// The resident's own page as one state: her entry loaded by token, her draft, saving it (checked
// first, as the server will), and withdrawing everything. The page makes one; tests give it a
// fake ResidentApi.
import { apiErrorKind } from '$lib/pocketbase/errors';
import {
	WITHDRAW_ALL,
	assetIdsOf,
	draftOf,
	editsOf,
	isValid,
	losesSomething,
	lossesOf,
	problemsOfError,
	validateDraft,
	type DraftProblems,
	type Losses,
	type ResidentDraft,
	type ResidentEntry
} from './resident';
import type { ResidentApi } from './resident.api';

export type ResidentLoadStatus =
	'loading' | 'ready' | 'not_found' | 'rate_limited' | 'error' | 'erased';
export type ResidentSaveStatus =
	'idle' | 'saving' | 'saved' | 'unchanged' | 'invalid' | 'rate_limited' | 'error';

export class ResidentState {
	status = $state<ResidentLoadStatus>('loading');
	entry = $state.raw<ResidentEntry | null>(null);
	draft = $state<ResidentDraft | null>(null);
	saveStatus = $state<ResidentSaveStatus>('idle');
	/** The fields the last check (or the server's 400) found wrong. */
	problems = $state.raw<DraftProblems>({});
	/** The server's message of a refused save (it names the field). */
	serverMessage = $state('');
	/** What saving will erase, shown for her confirmation first; null: no confirmation asked. */
	confirming = $state.raw<Losses | null>(null);

	#api: ResidentApi;
	#token: string;

	constructor(api: ResidentApi, token: string) {
		this.#api = api;
		this.#token = token;
	}

	async load(): Promise<void> {
		this.status = 'loading';
		try {
			this.#show(await this.#api.open(this.#token));
			this.status = 'ready';
		} catch (error) {
			const kind = apiErrorKind(error);
			this.status =
				kind === 'not_found' ? 'not_found' : kind === 'rate_limited' ? 'rate_limited' : 'error';
		}
	}

	#show(entry: ResidentEntry) {
		this.entry = entry;
		this.draft = draftOf(entry);
		this.problems = {};
	}

	/** Starts the draft over from what is stored. */
	reset() {
		if (this.entry) this.#show(this.entry);
		this.saveStatus = 'idle';
		this.serverMessage = '';
	}

	/** Saves her changes, but first asks her to confirm when saving erases something. */
	submit(): void {
		const entry = this.entry;
		const draft = this.draft;
		if (!entry || !draft) return;
		const losses = lossesOf(entry, draft);
		if (losesSomething(losses)) {
			this.confirming = losses;
			return;
		}
		void this.save();
	}

	/** She confirmed what saving erases. */
	confirmSave(): void {
		this.confirming = null;
		void this.save();
	}

	cancelConfirm(): void {
		this.confirming = null;
	}

	/** Sends her changes; checked first, nothing sent when something is wrong or nothing changed. */
	async save(): Promise<void> {
		const entry = this.entry;
		const draft = this.draft ? $state.snapshot(this.draft) : null;
		if (!entry || !draft || this.saveStatus === 'saving') return;
		this.serverMessage = '';
		const problems = validateDraft(entry, draft);
		this.problems = problems;
		if (!isValid(problems)) {
			this.saveStatus = 'invalid';
			return;
		}
		const edits = editsOf(entry, draft);
		if (!edits) {
			this.saveStatus = 'unchanged';
			return;
		}
		this.saveStatus = 'saving';
		try {
			const result = await this.#api.save(this.#token, edits);
			if (result.erased) {
				this.#erased();
				return;
			}
			this.#show(result.entry);
			this.saveStatus = 'saved';
		} catch (error) {
			this.#refused(error, assetIdsOf(edits));
		}
	}

	/** Withdraws all her consent: the server erases her. */
	async withdrawAll(): Promise<void> {
		if (!this.entry || this.saveStatus === 'saving') return;
		this.saveStatus = 'saving';
		this.serverMessage = '';
		try {
			await this.#api.save(this.#token, WITHDRAW_ALL);
			this.#erased();
		} catch (error) {
			this.#refused(error, []);
		}
	}

	#erased() {
		this.entry = null;
		this.draft = null;
		this.status = 'erased';
		this.saveStatus = 'idle';
	}

	#refused(error: unknown, assetIds: string[]) {
		const kind = apiErrorKind(error);
		if (kind === 'not_found') {
			// Revoked or expired meanwhile: her data is no longer reachable from this page.
			this.entry = null;
			this.draft = null;
			this.status = 'not_found';
			this.saveStatus = 'idle';
			return;
		}
		if (kind === 'rate_limited') {
			this.saveStatus = 'rate_limited';
			return;
		}
		const e = error as { message?: unknown; response?: { data?: unknown } };
		if (kind === 'invalid') {
			this.saveStatus = 'invalid';
			this.serverMessage = typeof e.message === 'string' ? e.message : '';
			this.problems = problemsOfError(e.response?.data, assetIds) ?? {};
			return;
		}
		this.saveStatus = 'error';
	}
}
