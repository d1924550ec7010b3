// Choosing a password from an invitation or a "forgot password" mail (/wachtwoord/<token>):
// checked here first (length, repeated the same), then set by PocketBase's password reset. The
// page makes one; tests give it a fake PasswordApi.
import { apiErrorKind } from '$lib/pocketbase/errors';
import { passwordProblem } from './team';
import type { PasswordApi } from './team.api';
import type { TeamFailure } from './team.svelte';

export class PasswordResetState {
	password = $state('');
	repeat = $state('');
	busy = $state(false);
	saved = $state(false);
	/** What is wrong before anything is sent. */
	problem = $state<'short' | 'mismatch' | null>(null);
	/** The server refused or could not be reached (the page words it, as the team page does). */
	failure = $state.raw<Pick<TeamFailure, 'error' | 'kind'> | null>(null);
	/** The link's token is unknown, used or expired. */
	invalidLink = $state(false);

	#api: PasswordApi;
	#token: string;

	constructor(api: PasswordApi, token: string) {
		this.#api = api;
		this.#token = token;
	}

	async submit(): Promise<void> {
		this.failure = null;
		this.problem = passwordProblem(this.password, this.repeat);
		if (this.problem || this.busy) return;
		this.busy = true;
		try {
			await this.#api.confirm(this.#token, this.password);
			this.saved = true;
		} catch (error) {
			// PocketBase names the token field when the link no longer works.
			const data = (error as { response?: { data?: Record<string, unknown> } }).response?.data;
			if (data && 'token' in data) this.invalidLink = true;
			else this.failure = { error, kind: apiErrorKind(error) };
		} finally {
			this.busy = false;
		}
	}
}
