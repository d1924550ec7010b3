// Guards the login page's flow (LoginFlow over a real AuthState with a fake AuthApi): a wrong
// password, the code step of a coordinator (wrong, incomplete, expired, resent after the
// cooldown), back to the password, and a pasted code kept to its digits.
import { describe, expect, it } from 'vitest';
import type { UserRecord } from '$lib/pocketbase/types';
import type { AuthApi } from './auth.api';
import { AuthState } from './auth.svelte';
import { LoginFlow } from './login.svelte';

const ans: UserRecord = { id: 'u1', name: 'Ans', role: 'coordinator', areas: ['w1'] };

const apiError = (status: number, message: string) =>
	Object.assign(new Error(message), { status, response: { message } });

/** Ans, a coordinator, signs in with her password and the code mailed to her. */
function fakeApi(): AuthApi {
	let codesSent = 0;
	let mfaSession = 'mfa1';
	return {
		currentUser: () => null,
		async login(email, password) {
			if (email === 'ans@example.nl' && password === 'secret') return { mfaId: mfaSession };
			throw apiError(400, 'Failed to authenticate.');
		},
		async requestCode() {
			codesSent += 1;
			return `otp${codesSent}`;
		},
		async loginWithCode(otpId, code, mfaId) {
			if (code === '000000') mfaSession = 'gone';
			if (mfaId !== mfaSession) throw apiError(400, 'Invalid or expired MFA session.');
			if (otpId === `otp${codesSent}` && code === '123456') return ans;
			throw apiError(400, 'Invalid or expired OTP');
		},
		refresh: async () => null,
		logout: () => {},
		onChange: () => () => {}
	};
}

function flowAt(clock: { now: number }) {
	const auth = new AuthState(fakeApi(), () => clock.now);
	return { auth, flow: new LoginFlow(auth, () => clock.now) };
}

describe('LoginFlow', () => {
	it('explains a wrong password and empties the password field', async () => {
		const { flow, auth } = flowAt({ now: 0 });
		flow.email = 'ans@example.nl';
		flow.password = 'wrong';
		await flow.submitPassword();
		expect(flow.error).toBe('invalid');
		expect(flow.password).toBe('');
		expect(flow.challenge).toBeNull();
		expect(auth.signedIn).toBe(false);
	});

	it('asks a coordinator for the mailed code and signs her in with it', async () => {
		const { flow, auth } = flowAt({ now: 1_000 });
		flow.email = 'ans@example.nl';
		flow.password = 'secret';
		await flow.submitPassword();
		expect(flow.challenge?.email).toBe('ans@example.nl');
		expect(flow.resendWait).toBe(30);

		expect(flow.typeCode('12 34')).toBe('1234');
		await flow.submitCode();
		expect(flow.codeError).toBe('incomplete');
		expect(flow.code).toBe('1234');

		flow.typeCode('654 321');
		await flow.submitCode();
		expect(flow.codeError).toBe('wrong');
		expect(flow.code).toBe('');

		flow.typeCode('123456');
		await flow.submitCode();
		expect(auth.user).toEqual(ans);
	});

	it('resends a code only after the cooldown, and the new one counts', async () => {
		const clock = { now: 1_000 };
		const { flow, auth } = flowAt(clock);
		flow.email = 'ans@example.nl';
		flow.password = 'secret';
		await flow.submitPassword();
		await flow.resend();
		expect(flow.resent).toBe(false);

		clock.now = 40_000;
		flow.tick();
		expect(flow.resendWait).toBe(0);
		await flow.resend();
		expect(flow.resent).toBe(true);
		expect(flow.challenge?.otpId).toBe('otp2');
		expect(flow.resendWait).toBe(30);

		flow.typeCode('123456');
		await flow.submitCode();
		expect(auth.signedIn).toBe(true);
	});

	it('sends her back to the password when the code step expired', async () => {
		const { flow } = flowAt({ now: 0 });
		flow.email = 'ans@example.nl';
		flow.password = 'secret';
		await flow.submitPassword();
		flow.typeCode('000000');
		await flow.submitCode();
		expect(flow.challenge).toBeNull();
		expect(flow.error).toBe('expired');
	});

	it('goes back to the password step on request, forgetting the code', async () => {
		const { flow } = flowAt({ now: 0 });
		flow.email = 'ans@example.nl';
		flow.password = 'secret';
		await flow.submitPassword();
		flow.typeCode('12');
		flow.backToPassword();
		expect(flow.challenge).toBeNull();
		expect(flow.code).toBe('');
		expect(flow.error).toBeNull();
		expect(flow.email).toBe('ans@example.nl');
	});
});
