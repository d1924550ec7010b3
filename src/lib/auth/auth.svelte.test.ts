// Guards AuthState with a fake AuthApi: login success and failure, the mailed-code step of
// coordinators and admins (right, wrong, expired, resent), logout, and following session changes
// made elsewhere (the 401 funnel, other tabs).
import { describe, expect, it } from 'vitest';
import type { UserRecord } from '$lib/pocketbase/types';
import type { AuthApi } from './auth.api';
import { AuthState } from './auth.svelte';

const ans: UserRecord = { id: 'u1', name: 'Ans', role: 'coordinator', areas: ['w1'] };
const wim: UserRecord = { id: 'u2', name: 'Wim', role: 'worker', areas: ['w1'] };

const apiError = (status: number, message: string) =>
	Object.assign(new Error(message), { status, response: { message } });

/** Wim signs in with his password; Ans, a coordinator, also with the code mailed to her. */
function fakeApi(start: UserRecord | null = null) {
	let listener: ((user: UserRecord | null) => void) | null = null;
	let loggedOut = false;
	let codesSent = 0;
	const api: AuthApi = {
		currentUser: () => start,
		async login(email, password) {
			if (email === 'wim@example.nl' && password === 'secret') return { user: wim };
			if (email === 'ans@example.nl' && password === 'secret') return { mfaId: 'mfa1' };
			throw apiError(400, 'Failed to authenticate.');
		},
		async requestCode(email) {
			if (email !== 'ans@example.nl') throw apiError(429, 'Too Many Requests.');
			codesSent += 1;
			return `otp${codesSent}`;
		},
		async loginWithCode(otpId, code, mfaId) {
			if (mfaId !== 'mfa1') throw apiError(400, 'Invalid or expired MFA session.');
			if (otpId === `otp${codesSent}` && code === '123456') return ans;
			throw apiError(400, 'Invalid or expired OTP');
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
		get codesSent() {
			return codesSent;
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

	it('signs a worker in with the right password alone', async () => {
		const auth = new AuthState(fakeApi().api);
		expect(auth.signedIn).toBe(false);
		const outcome = await auth.login('wim@example.nl', 'secret');
		expect(outcome).toEqual({ ok: true, user: wim });
		expect(auth.user?.name).toBe('Wim');
	});

	it('explains a wrong password and stays signed out', async () => {
		const auth = new AuthState(fakeApi().api);
		const outcome = await auth.login('ans@example.nl', 'wrong');
		expect(outcome).toEqual({ ok: false, error: 'invalid' });
		expect(auth.user).toBeNull();
	});

	it('mails a coordinator a code after her password, and signs her in with it', async () => {
		const fake = fakeApi();
		const auth = new AuthState(fake.api, () => 1_000);
		const outcome = await auth.login(' ans@example.nl ', 'secret');
		expect(outcome).toEqual({
			ok: false,
			codeSent: { email: 'ans@example.nl', mfaId: 'mfa1', otpId: 'otp1', sentAt: 1_000 }
		});
		expect(fake.codesSent).toBe(1);
		expect(auth.signedIn).toBe(false);
		if (!('codeSent' in outcome)) throw new Error('no code step');

		expect(await auth.confirmCode(outcome.codeSent, '123456')).toEqual({ ok: true, user: ans });
		expect(auth.user).toEqual(ans);
	});

	it('explains an incomplete, a wrong and an expired code, and stays signed out', async () => {
		const auth = new AuthState(fakeApi().api);
		const outcome = await auth.login('ans@example.nl', 'secret');
		if (!('codeSent' in outcome)) throw new Error('no code step');
		const challenge = outcome.codeSent;

		expect(await auth.confirmCode(challenge, '1234')).toEqual({ ok: false, error: 'incomplete' });
		expect(await auth.confirmCode(challenge, '654321')).toEqual({ ok: false, error: 'wrong' });
		expect(await auth.confirmCode({ ...challenge, mfaId: 'old' }, '123456')).toEqual({
			ok: false,
			error: 'expired'
		});
		expect(auth.user).toBeNull();
	});

	it('resends a code: the new one counts, the old one no longer', async () => {
		let now = 1_000;
		const fake = fakeApi();
		const auth = new AuthState(fake.api, () => now);
		const outcome = await auth.login('ans@example.nl', 'secret');
		if (!('codeSent' in outcome)) throw new Error('no code step');
		now = 40_000;
		const resent = await auth.resendCode(outcome.codeSent);
		expect(resent).toEqual({
			ok: true,
			challenge: { ...outcome.codeSent, otpId: 'otp2', sentAt: 40_000 }
		});
		if (!resent.ok) throw new Error('not resent');
		expect(await auth.confirmCode(outcome.codeSent, '123456')).toEqual({
			ok: false,
			error: 'wrong'
		});
		expect(await auth.confirmCode(resent.challenge, '123456')).toEqual({ ok: true, user: ans });
	});

	it('says so when new codes are asked for too often', async () => {
		const auth = new AuthState(fakeApi().api);
		const challenge = { email: 'other@example.nl', mfaId: 'mfa1', otpId: 'x', sentAt: 0 };
		expect(await auth.resendCode(challenge)).toEqual({ ok: false, error: 'rate_limited' });
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
