// Sign in and out with the SDK; the session lives in the SDK's authStore (localStorage).
import { pb } from '$lib/pocketbase/client';
import type { UserRecord } from '$lib/pocketbase/types';
import { NotAnAppUserError, toUser } from './auth';

/** What `AuthState` needs; tests pass a fake. */
export interface AuthApi {
	/**
	 * The user of the stored session, or null. An expired token still counts: a worker offline for
	 * longer than a token lasts keeps working from the phone, and the server's first 401 asks her to
	 * sign in again (src/lib/pocketbase/client.ts), her outbox kept.
	 */
	currentUser(): UserRecord | null;
	login(email: string, password: string): Promise<UserRecord>;
	/** Fresh role and areas from the server (an admin may have changed them). */
	refresh(): Promise<UserRecord | null>;
	logout(): void;
	/** Calls back on every session change (also from other tabs); returns the unsubscribe. */
	onChange(callback: (user: UserRecord | null) => void): () => void;
}

function currentUser(): UserRecord | null {
	return pb.authStore.token ? toUser(pb.authStore.record) : null;
}

export const authApi: AuthApi = {
	currentUser,

	async login(email, password) {
		const { record } = await pb
			.collection('users')
			.authWithPassword(email.trim(), password, { requestKey: 'auth:login' });
		const user = toUser(record);
		if (!user) {
			pb.authStore.clear();
			throw new NotAnAppUserError();
		}
		return user;
	},

	async refresh() {
		if (!pb.authStore.token) return null;
		const { record } = await pb.collection('users').authRefresh({ requestKey: 'auth:refresh' });
		return toUser(record);
	},

	logout() {
		pb.authStore.clear();
	},

	onChange(callback) {
		return pb.authStore.onChange(() => callback(currentUser()));
	}
};
