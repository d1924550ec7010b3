// Sign in and out with the SDK; the session lives in the SDK's authStore (localStorage).
// Coordinators and admins sign in in two steps: password, then a code mailed to them.
import { pb } from '$lib/pocketbase/client';
import type { UserRecord } from '$lib/pocketbase/types';
import { NotAnAppUserError, mfaIdOf, toUser } from './auth';

/** The password step: signed in, or the right password and a mailed code still to come. */
export type PasswordStep = { user: UserRecord } | { mfaId: string };

/** What `AuthState` needs; tests pass a fake. */
export interface AuthApi {
	/**
	 * The user of the stored session, or null. An expired token still counts: a worker offline for
	 * longer than a token lasts keeps working from the phone, and the server's first 401 asks her to
	 * sign in again (src/lib/pocketbase/client.ts), her outbox kept.
	 */
	currentUser(): UserRecord | null;
	/** `email` as AuthState trimmed it, here and in `requestCode`. */
	login(email: string, password: string): Promise<PasswordStep>;
	/** Mails her a sign-in code; returns the id of the code (`otpId`). */
	requestCode(email: string): Promise<string>;
	/** The second step: the mailed code, with the `mfaId` of the password step. */
	loginWithCode(otpId: string, code: string, mfaId: string): Promise<UserRecord>;
	/** Fresh role and areas from the server (an admin may have changed them). */
	refresh(): Promise<UserRecord | null>;
	logout(): void;
	/** Calls back on every session change (also from other tabs); returns the unsubscribe. */
	onChange(callback: (user: UserRecord | null) => void): () => void;
}

/** The signed-in record as an app user; anyone without an app role is signed out again. */
function appUser(record: unknown): UserRecord {
	const user = toUser(record);
	if (!user) {
		pb.authStore.clear();
		throw new NotAnAppUserError();
	}
	return user;
}

function currentUser(): UserRecord | null {
	return pb.authStore.token ? toUser(pb.authStore.record) : null;
}

export const authApi: AuthApi = {
	currentUser,

	async login(email, password) {
		try {
			const { record } = await pb
				.collection('users')
				.authWithPassword(email, password, { requestKey: 'auth:login' });
			return { user: appUser(record) };
		} catch (error) {
			const mfaId = mfaIdOf(error);
			if (mfaId) return { mfaId };
			throw error;
		}
	},

	async requestCode(email) {
		const { otpId } = await pb.collection('users').requestOTP(email, { requestKey: 'auth:code' });
		return otpId;
	},

	async loginWithCode(otpId, code, mfaId) {
		// The SDK sends options it does not know as query parameters; PocketBase reads mfaId there.
		const { record } = await pb
			.collection('users')
			.authWithOTP(otpId, code, { mfaId, requestKey: 'auth:login' });
		return appUser(record);
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
