// The setup page's pure logic and its state with a server in memory: the gemeente search (code
// or name, accents aside), whether a gemeente's buurten come along, the checks before sending,
// the server's per-field answers in the page's language, and the steps: a refused admin goes back
// to step 1 with the field marked, a link that stopped working says so, nothing sent twice.
import { describe, expect, it } from 'vitest';
import {
	adminProblems,
	buurtenStatus,
	inLocale,
	problemsOfError,
	searchGemeenten,
	type GemeenteEntry,
	type SetupInfo
} from './setup';
import type { SetupApi } from './setup.api';
import { SetupState } from './setup.svelte';

const LIST: GemeenteEntry[] = [
	{ code: 'GM0014', name: 'Groningen', wijken: 18, buurten: 124, coverage: 57 },
	{ code: 'GM0344', name: 'Utrecht', wijken: 10, buurten: 111, coverage: 99 },
	{ code: 'GM0363', name: 'Amsterdam', wijken: 0, buurten: 0, coverage: 0 },
	{ code: 'GM0518', name: "'s-Gravenhage", wijken: 44, buurten: 114, coverage: 76 },
	{ code: 'GM1966', name: 'Het Hogeland', wijken: 30, buurten: 80, coverage: 50 }
];
const INFO: SetupInfo = {
	kind: 'first_admin',
	expiresAt: '2026-12-07 08:00:00.000Z',
	index: {
		years: { gemeenten: 2024, buurten: 2016 },
		credit: { gemeenten: 'CBS 2024', buurten: 'CBS 2016' },
		coverageEnough: 90,
		gemeenten: LIST
	}
};
const GOOD = {
	name: 'Fatima',
	email: 'fatima@groningen.example',
	password: 'Zomer-in-Selwerd-42',
	passwordConfirm: 'Zomer-in-Selwerd-42'
};

describe('searchGemeenten', () => {
	it('finds by CBS code in any spelling, and by name start before name part', () => {
		expect(searchGemeenten(LIST, 'GM0344').map((g) => g.name)).toEqual(['Utrecht']);
		expect(searchGemeenten(LIST, '344').map((g) => g.name)).toEqual(['Utrecht']);
		expect(searchGemeenten(LIST, 'gravenhage').map((g) => g.code)).toEqual(['GM0518']);
		expect(searchGemeenten(LIST, 'S-GRAV').map((g) => g.code)).toEqual(['GM0518']);
		expect(searchGemeenten(LIST, 'ge').map((g) => g.code)).toEqual(['GM0014', 'GM0518', 'GM1966']);
		expect(searchGemeenten(LIST, 'nergens')).toEqual([]);
	});
});

describe('buurtenStatus', () => {
	it('tells complete, partial and outline only', () => {
		expect(buurtenStatus(LIST[1], 90)).toBe('complete');
		expect(buurtenStatus(LIST[0], 90)).toBe('partial');
		expect(buurtenStatus(LIST[2], 90)).toBe('none');
	});
});

describe('checks and answers', () => {
	it('marks each missing or wrong field of the admin', () => {
		expect(adminProblems(GOOD)).toEqual({});
		expect(
			Object.keys(adminProblems({ name: ' ', email: 'x', password: 'kort', passwordConfirm: '' }))
		).toEqual(['name', 'email', 'password']);
		expect(adminProblems({ ...GOOD, passwordConfirm: 'anders' })).toEqual({
			passwordConfirm: { key: 'password_mismatch' }
		});
		expect(adminProblems({ ...GOOD, name: '', email: '' }, false)).toEqual({});
	});

	it("reads the server's Dutch / English messages in the page's language", () => {
		expect(inLocale('Kies een gemeente. / Pick a gemeente.', 'en')).toBe('Pick a gemeente.');
		expect(inLocale('Kies een gemeente. / Pick a gemeente.', 'nl')).toBe('Kies een gemeente.');
		const error = {
			status: 400,
			response: { data: { email: { message: 'Bestaat al. / Exists.' }, other: { message: 'x' } } }
		};
		expect(problemsOfError(error, 'en')).toEqual({ email: { text: 'Exists.' } });
		expect(problemsOfError({ status: 500 }, 'nl')).toEqual({});
	});
});

function fakeApi(answer: () => Promise<unknown>) {
	const sent: unknown[] = [];
	const api: SetupApi = {
		open: async (token) => {
			if (token !== 'good') throw { status: 404 };
			return INFO;
		},
		createFirstAdmin: async (_token, body) => {
			sent.push(body);
			return answer() as never;
		},
		setPassword: async () => ({ email: 'x@example.org' })
	};
	return { api, sent };
}

describe('SetupState', () => {
	it('shows a link that does not work as not found', async () => {
		const state = new SetupState(fakeApi(async () => null).api, 'bad');
		await state.load();
		expect(state.status).toBe('not_found');
	});

	it('goes from the admin to the gemeente to the next steps, sending once', async () => {
		const done = {
			id: 'u1',
			email: GOOD.email,
			areas: { gemeente: { code: 'GM0344', name: 'Utrecht', id: 'a1' }, created: 122 }
		};
		const { api, sent } = fakeApi(async () => done);
		const state = new SetupState(api, 'good');
		await state.load();
		expect(state.status).toBe('ready');
		state.toGemeente();
		expect(state.step).toBe('admin');
		expect(Object.keys(state.problems)).toContain('name');
		Object.assign(state.draft, GOOD);
		state.toGemeente();
		expect(state.step).toBe('gemeente');
		await state.createFirstAdmin();
		expect(state.problems).toEqual({ gemeente: { key: 'gemeente_missing' } });
		expect(sent).toEqual([]);
		state.query = 'utr';
		expect(state.matches.map((g) => g.code)).toEqual(['GM0344']);
		state.pick(state.matches[0]);
		await state.createFirstAdmin();
		expect(sent).toEqual([{ ...GOOD, gemeente: 'GM0344' }]);
		expect(state.step).toBe('next');
		expect(state.done).toEqual(done);
	});

	it('takes a refused e-mail back to step 1, and says when the link stopped working', async () => {
		let refusal: unknown = {
			status: 400,
			response: { data: { email: { message: 'Heeft al een account. / Has an account.' } } }
		};
		const { api } = fakeApi(async () => {
			throw refusal;
		});
		const state = new SetupState(api, 'good', () => 'en');
		await state.load();
		Object.assign(state.draft, GOOD);
		state.toGemeente();
		state.pick(LIST[1]);
		await state.createFirstAdmin();
		expect(state.step).toBe('admin');
		expect(state.problems).toEqual({ email: { text: 'Has an account.' } });
		state.toGemeente();
		refusal = { status: 404 };
		await state.createFirstAdmin();
		expect(state.step).toBe('gemeente');
		expect(state.failure).toBe('not_found');
		expect(state.saving).toBe(false);
	});
});
