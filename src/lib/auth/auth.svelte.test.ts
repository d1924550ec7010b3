// Guards AuthState with a fake AuthApi: login success and failure, logout, and following
// session changes made elsewhere (the 401 funnel, other tabs).
import { describe, expect, it } from 'vitest';
import type { UserRecord } from '$lib/pocketbase/types';
import type { AuthApi } from './auth.api';
import { AuthState } from './auth.svelte';

const ans: UserRecord = { id: 'u1', name: 'Ans', role: 'coordinator', areas: ['w1'] };

function fakeApi(start: UserRecord | null = null) {
	let listener: ((user: UserRecord | null) => void) | null = null;
	let loggedOut = false;
	const api: AuthApi = {
		currentUser: () => start,
		async login(email, password) {
			if (email === 'ans@example.nl' && password === 'secret') return ans;
			throw Object.assign(new Error('Failed to authenticate.'), { status: 400 });
		},
		refresh: async () => ({ ...ans, role: 'worker' }),
		logout: () => {
			loggedOut = true;
		},
		onChange(callback) {
			listener = callback;
			return () => (listener = null);
		}
	};
	return {
		api,
		emit: (user: UserRecord | null) => listener?.(user),
		get loggedOut() {
			return loggedOut;
		},
		get listening() {
			return listener !== null;
		}
	};
}

describe('AuthState', () => {
	it('starts from the stored session', () => {
		const auth = new AuthState(fakeApi(ans).api);
		expect(auth.user).toEqual(ans);
		expect(auth.signedIn).toBe(true);
		expect(auth.role).toBe('coordinator');
	});

	it('signs in with the right password', async () => {
		const auth = new AuthState(fakeApi().api);
		expect(auth.signedIn).toBe(false);
		const outcome = await auth.login('ans@example.nl', 'secret');
		expect(outcome).toEqual({ ok: true, user: ans });
		expect(auth.user?.name).toBe('Ans');
	});

	it('explains a wrong password and stays signed out', async () => {
		const auth = new AuthState(fakeApi().api);
		const outcome = await auth.login('ans@example.nl', 'wrong');
		expect(outcome).toEqual({ ok: false, error: 'invalid' });
		expect(auth.user).toBeNull();
	});

	it('signs out', () => {
		const fake = fakeApi(ans);
		const auth = new AuthState(fake.api);
		auth.logout();
		expect(fake.loggedOut).toBe(true);
		expect(auth.user).toBeNull();
		expect(auth.signedIn).toBe(false);
	});

	it('follows session changes until unsubscribed', () => {
		const fake = fakeApi(ans);
		const auth = new AuthState(fake.api);
		const stop = auth.listen();
		fake.emit(null);
		expect(auth.user).toBeNull();
		stop();
		expect(fake.listening).toBe(false);
	});

	it('refreshes role and areas from the server', async () => {
		const auth = new AuthState(fakeApi(ans).api);
		await auth.refresh();
		expect(auth.role).toBe('worker');
	});
});
