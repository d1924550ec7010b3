// The signed-in user as runes state, shared through context. Created once in the root layout
// (both login/ and (app)/ need it); tests inject a fake AuthApi.
import { createContext } from 'svelte';
import type { Role, UserRecord } from '$lib/pocketbase/types';
import { loginErrorKind, type LoginErrorKind } from './auth';
import type { AuthApi } from './auth.api';

export type LoginOutcome = { ok: true; user: UserRecord } | { ok: false; error: LoginErrorKind };

export class AuthState {
	/** Replaced, never mutated. */
	user = $state.raw<UserRecord | null>(null);
	readonly role: Role | null = $derived(this.user?.role ?? null);
	readonly signedIn: boolean = $derived(this.user !== null);

	#api: AuthApi;

	constructor(api: AuthApi) {
		this.#api = api;
		this.user = api.currentUser();
	}

	/** Follows session changes made elsewhere (401 funnel, other tabs). Call in an $effect. */
	listen(): () => void {
		return this.#api.onChange((user) => {
			this.user = user;
		});
	}

	async login(email: string, password: string): Promise<LoginOutcome> {
		try {
			const user = await this.#api.login(email, password);
			this.user = user;
			return { ok: true, user };
		} catch (error) {
			return { ok: false, error: loginErrorKind(error) };
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
