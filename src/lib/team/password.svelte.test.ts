// Guards PasswordResetState with a fake PasswordApi: a short or unrepeated password is never sent,
// a good one is, a dead link and a server refusal are told apart.
import { describe, expect, it } from 'vitest';
import type { PasswordApi } from './team.api';
import { PasswordResetState } from './password.svelte';

function fakeApi(answer: 'ok' | 'dead-link' | 'refused' = 'ok') {
	const sent: Array<[string, string]> = [];
	const api: PasswordApi = {
		async confirm(token, password) {
			sent.push([token, password]);
			if (answer === 'dead-link') {
				throw { status: 400, response: { message: 'Bad', data: { token: { code: 'invalid' } } } };
			}
			if (answer === 'refused') throw { status: 400, response: { message: 'Te zwak.', data: {} } };
		}
	};
	return { api, sent };
}

describe('PasswordResetState', () => {
	it('sends nothing while the password is short or not repeated the same', async () => {
		const fake = fakeApi();
		const state = new PasswordResetState(fake.api, 'tok');
		state.password = 'kort';
		await state.submit();
		expect(state.problem).toBe('short');
		state.password = 'lang-genoeg-wachtwoord';
		state.repeat = 'iets anders dan dat';
		await state.submit();
		expect(state.problem).toBe('mismatch');
		expect(fake.sent).toEqual([]);
	});

	it('sets a good password with the token of the link', async () => {
		const fake = fakeApi();
		const state = new PasswordResetState(fake.api, 'tok');
		state.password = state.repeat = 'lang-genoeg-wachtwoord';
		await state.submit();
		expect(fake.sent).toEqual([['tok', 'lang-genoeg-wachtwoord']]);
		expect(state.saved).toBe(true);
		expect(state.busy).toBe(false);
	});

	it('tells a dead link from a refusal', async () => {
		const dead = new PasswordResetState(fakeApi('dead-link').api, 'old');
		dead.password = dead.repeat = 'lang-genoeg-wachtwoord';
		await dead.submit();
		expect(dead.invalidLink).toBe(true);
		expect(dead.failure).toBeNull();

		const refused = new PasswordResetState(fakeApi('refused').api, 'tok');
		refused.password = refused.repeat = 'lang-genoeg-wachtwoord';
		await refused.submit();
		expect(refused.invalidLink).toBe(false);
		expect(refused.failure?.kind).toBe('invalid');
		expect(refused.saved).toBe(false);
	});
});
