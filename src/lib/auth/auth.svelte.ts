// The signed-in user as runes state, shared through context. Created once in the root layout
// (both login/ and (app)/ need it); tests inject a fake AuthApi.
import { createContext } from 'svelte';
import type { Role, UserRecord } from '$lib/pocketbase/types';
import {
	codeErrorKind,
	isCompleteCode,
	loginErrorKind,
	type CodeErrorKind,
	type LoginErrorKind
} from './auth';
import type { AuthApi } from './auth.api';

/** The second step under way: whom the code went to, and what the server needs back with it. */
export interface CodeChallenge {
	email: string;
	mfaId: string;
	otpId: string;
	/** When the last code was asked for (ms), for the resend cooldown. */
	sentAt: number;
}

/** Signed in, refused, or (coordinators and admins) a code mailed for the second step. */
export type LoginOutcome =
	| { ok: true; user: UserRecord }
	| { ok: false; error: LoginErrorKind }
	| { ok: false; codeSent: CodeChallenge };

export type CodeOutcome = { ok: true; user: UserRecord } | { ok: false; error: CodeErrorKind };

export type ResendOutcome =
	{ ok: true; challenge: CodeChallenge } | { ok: false; error: CodeErrorKind };

export class AuthState {
	/** Replaced, never mutated. */
	user = $state.raw<UserRecord | null>(null);
	readonly role: Role | null = $derived(this.user?.role ?? null);
	readonly signedIn: boolean = $derived(this.user !== null);

	#api: AuthApi;
	#now: () => number;

	constructor(api: AuthApi, now: () => number = Date.now) {
		this.#api = api;
		this.#now = now;
		this.user = api.currentUser();
	}

	/** Follows session changes made elsewhere (401 funnel, other tabs). Call in an $effect. */
	listen(): () => void {
		return this.#api.onChange((user) => {
			this.user = user;
		});
	}

	/** The password step; for coordinators and admins it also asks for the mailed code. */
	async login(email: string, password: string): Promise<LoginOutcome> {
		const address = email.trim();
		try {
			const step = await this.#api.login(address, password);
			if ('user' in step) {
				this.user = step.user;
				return { ok: true, user: step.user };
			}
			const otpId = await this.#api.requestCode(address);
			return {
				ok: false,
				codeSent: { email: address, mfaId: step.mfaId, otpId, sentAt: this.#now() }
			};
		} catch (error) {
			return { ok: false, error: loginErrorKind(error) };
		}
	}

	/** The second step: the code from the mail. */
	async confirmCode(challenge: CodeChallenge, code: string): Promise<CodeOutcome> {
		if (!isCompleteCode(code)) return { ok: false, error: 'incomplete' };
		try {
			const user = await this.#api.loginWithCode(challenge.otpId, code, challenge.mfaId);
			this.user = user;
			return { ok: true, user };
		} catch (error) {
			return { ok: false, error: codeErrorKind(error) };
		}
	}

	/** A new code (the last one did not arrive, expired or was mistyped too often). */
	async resendCode(challenge: CodeChallenge): Promise<ResendOutcome> {
		try {
			const otpId = await this.#api.requestCode(challenge.email);
			return { ok: true, challenge: { ...challenge, otpId, sentAt: this.#now() } };
		} catch (error) {
			// Asking too often is no wrong code: the words of the password step.
			const kind = loginErrorKind(error);
			return { ok: false, error: kind === 'network' || kind === 'rate_limited' ? kind : 'unknown' };
		}
	}

	/** Picks up role or area changes; offline, the stored session simply stays. */
	async refresh(): Promise<void> {
		try {
			const user = await this.#api.refresh();
			if (user) this.user = user;
		} catch {
			// Offline or server down: keep working with the stored session. A 401 has already
			// signed the user out through the client's error funnel.
		}
	}

	logout(): void {
		this.#api.logout();
		this.user = null;
	}
}

export const [getAuthState, setAuthState] = createContext<AuthState>();
