// The setup page as one state: the link loaded by token, then for the first admin three steps
// (her details, her gemeente, what next) sent at once when she confirms the gemeente; for an admin
// made by `npm run setup`, her password. The page makes one; tests give it a fake SetupApi.
import { apiErrorKind } from '$lib/pocketbase/errors';
import {
	adminProblems,
	isValid,
	problemsOfError,
	searchGemeenten,
	type AdminDraft,
	type FirstAdminDone,
	type GemeenteEntry,
	type Problems,
	type SetupInfo
} from './setup';
import type { SetupApi } from './setup.api';

export type SetupLoadStatus = 'loading' | 'ready' | 'not_found' | 'error';
export type SetupStep = 'admin' | 'gemeente' | 'next' | 'password_done';

export class SetupState {
	status = $state<SetupLoadStatus>('loading');
	info = $state.raw<SetupInfo | null>(null);
	step = $state<SetupStep>('admin');
	draft = $state<AdminDraft>({ name: '', email: '', password: '', passwordConfirm: '' });
	query = $state('');
	gemeente = $state.raw<GemeenteEntry | null>(null);
	problems = $state.raw<Problems>({});
	saving = $state(false);
	/** A refusal that names no field (the link stopped working meanwhile, the network). */
	failure = $state<'' | 'not_found' | 'network' | 'server'>('');
	done = $state.raw<FirstAdminDone | null>(null);

	#api: SetupApi;
	#token: string;
	#locale: () => string;

	constructor(api: SetupApi, token: string, locale: () => string = () => 'nl') {
		this.#api = api;
		this.#token = token;
		this.#locale = locale;
	}

	/** The gemeenten the search fits. */
	get matches(): GemeenteEntry[] {
		return searchGemeenten(this.info?.index?.gemeenten ?? [], this.query);
	}

	async load(): Promise<void> {
		this.status = 'loading';
		try {
			this.info = await this.#api.open(this.#token);
			this.status = 'ready';
			if (this.info.kind === 'password') this.draft.email = this.info.email ?? '';
		} catch (error) {
			this.status = apiErrorKind(error) === 'not_found' ? 'not_found' : 'error';
		}
	}

	/** Step 1 → 2, when her details pass the page's checks. */
	toGemeente(): void {
		this.problems = adminProblems(this.draft);
		if (isValid(this.problems)) this.step = 'gemeente';
	}

	back(): void {
		this.step = 'admin';
		this.failure = '';
	}

	pick(gemeente: GemeenteEntry): void {
		this.gemeente = gemeente;
		this.query = gemeente.name;
		const { gemeente: _dropped, ...rest } = this.problems;
		void _dropped;
		this.problems = rest;
	}

	/** Sends the first admin and her gemeente; back to the step with a problem when refused. */
	async createFirstAdmin(): Promise<void> {
		if (this.saving) return;
		if (!this.gemeente) {
			this.problems = { gemeente: { key: 'gemeente_missing' } };
			return;
		}
		this.saving = true;
		this.failure = '';
		try {
			this.done = await this.#api.createFirstAdmin(this.#token, {
				...$state.snapshot(this.draft),
				gemeente: this.gemeente.code
			});
			this.step = 'next';
		} catch (error) {
			this.#refused(error);
			const { gemeente: _g, ...rest } = this.problems;
			void _g;
			if (Object.keys(rest).length > 0) this.step = 'admin';
		} finally {
			this.saving = false;
		}
	}

	/** An admin made by `npm run setup` sets her password. */
	async setPassword(): Promise<void> {
		if (this.saving) return;
		this.problems = adminProblems(this.draft, false);
		if (!isValid(this.problems)) return;
		this.saving = true;
		this.failure = '';
		try {
			await this.#api.setPassword(this.#token, {
				password: this.draft.password,
				passwordConfirm: this.draft.passwordConfirm
			});
			this.step = 'password_done';
		} catch (error) {
			this.#refused(error);
		} finally {
			this.saving = false;
		}
	}

	#refused(error: unknown) {
		const kind = apiErrorKind(error);
		if (kind === 'invalid') {
			this.problems = problemsOfError(error, this.#locale());
			if (isValid(this.problems)) this.failure = 'server';
		} else {
			this.failure = kind === 'not_found' ? 'not_found' : kind === 'network' ? 'network' : 'server';
		}
	}
}
