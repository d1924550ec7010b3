// Guards ResidentState with a server in memory: a link that does not work shows as not found,
// a save is checked before anything is sent, a saved change replaces her entry, a refused one
// keeps her draft with the field marked, a revoked link mid-save leaves nothing on the page, and
// withdrawing everything ends with her erased.
import { describe, expect, it } from 'vitest';
import type { ResidentEdits, ResidentEntry } from './resident';
import type { ResidentApi } from './resident.api';
import { ResidentState } from './resident.svelte';

const TOKEN = 'Wr9ccJH9PsagncUBzE1YfA8gi64v7wQ2';

const entry = (firstName = 'Fenna'): ResidentEntry => ({
	firstName,
	contact: '',
	isKeyFigure: false,
	consent: {
		scopes: ['first_name'],
		running: true,
		givenAt: '2026-11-23T10:15:00.000Z',
		until: '2028-11-22T10:15:00.000Z',
		source: 'conversation',
		recordedBy: 'Wendy'
	},
	assets: [
		{
			id: 'asset0000000001',
			kind: 'capacity',
			title: 'Soep koken',
			description: '',
			themes: [],
			gifts: ['hands'],
			precision: 'street'
		}
	],
	linkExpiresAt: '2026-12-31T11:00:00.000Z'
});

const failure = (status: number, data: unknown = {}) =>
	Object.assign(new Error('refused'), { status, response: { data } });

function fakeApi(overrides: Partial<ResidentApi> = {}) {
	const sent: ResidentEdits[] = [];
	const api: ResidentApi = {
		open: async () => entry(),
		save: async (_token, edits) => {
			sent.push(edits);
			return { erased: false, entry: entry(edits.firstName ?? 'Fenna') };
		},
		...overrides
	};
	return { api, sent };
}

describe('ResidentState', () => {
	it('shows a link that does not work as not found, and a flood as rate limited', async () => {
		const gone = new ResidentState(
			fakeApi({ open: () => Promise.reject(failure(404)) }).api,
			TOKEN
		);
		await gone.load();
		expect(gone.status).toBe('not_found');
		expect(gone.entry).toBeNull();
		const busy = new ResidentState(
			fakeApi({ open: () => Promise.reject(failure(429)) }).api,
			TOKEN
		);
		await busy.load();
		expect(busy.status).toBe('rate_limited');
	});

	it('checks before sending, and sends nothing unchanged', async () => {
		const { api, sent } = fakeApi();
		const state = new ResidentState(api, TOKEN);
		await state.load();
		expect(state.status).toBe('ready');
		await state.save();
		expect(state.saveStatus).toBe('unchanged');
		state.draft!.assets[0].title = ' ';
		await state.save();
		expect(state.saveStatus).toBe('invalid');
		expect(state.problems.assets?.asset0000000001?.title).toBe('required');
		expect(sent).toEqual([]);
	});

	it('replaces her entry with what the server kept', async () => {
		const { api, sent } = fakeApi();
		const state = new ResidentState(api, TOKEN);
		await state.load();
		state.draft!.firstName = 'Fenne';
		await state.save();
		expect(sent).toEqual([{ firstName: 'Fenne' }]);
		expect(state.saveStatus).toBe('saved');
		expect(state.entry?.firstName).toBe('Fenne');
		expect(state.draft?.firstName).toBe('Fenne');
	});

	it('keeps her draft and marks the field a refusal names', async () => {
		const { api } = fakeApi({
			save: () =>
				Promise.reject(
					failure(400, {
						firstName: { code: 'too_long', message: 'Voornaam: hoogstens 100 tekens.' }
					})
				)
		});
		const state = new ResidentState(api, TOKEN);
		await state.load();
		state.draft!.firstName = 'Fenne';
		await state.save();
		expect(state.saveStatus).toBe('invalid');
		expect(state.problems).toEqual({ firstName: 'too_long' });
		expect(state.serverMessage).toBe('refused');
		expect(state.draft?.firstName).toBe('Fenne');
	});

	it('drops her data from the page when the link stopped working meanwhile', async () => {
		const { api } = fakeApi({ save: () => Promise.reject(failure(404)) });
		const state = new ResidentState(api, TOKEN);
		await state.load();
		state.draft!.firstName = 'Fenne';
		await state.save();
		expect(state.status).toBe('not_found');
		expect(state.entry).toBeNull();
		expect(state.draft).toBeNull();
	});

	it('ends with her erased after withdrawing everything', async () => {
		const sent: ResidentEdits[] = [];
		const { api } = fakeApi({
			save: async (_token, edits) => {
				sent.push(edits);
				return { erased: true };
			}
		});
		const state = new ResidentState(api, TOKEN);
		await state.load();
		await state.withdrawAll();
		expect(sent).toEqual([{ consent: { scopes: [] } }]);
		expect(state.status).toBe('erased');
		expect(state.entry).toBeNull();
	});

	it('asks her to confirm a save that erases something, and saves only once she does', async () => {
		const fake = fakeApi();
		const resident = new ResidentState(fake.api, TOKEN);
		await resident.load();
		if (!resident.draft) throw new Error('no draft');
		resident.draft.assets[0].remove = true;
		resident.submit();
		expect(resident.confirming?.removed).toEqual(['Soep koken']);
		expect(fake.sent).toEqual([]);
		resident.cancelConfirm();
		expect(resident.confirming).toBeNull();

		resident.submit();
		resident.confirmSave();
		await expect.poll(() => resident.saveStatus).toBe('saved');
		expect(resident.confirming).toBeNull();
		expect(fake.sent).toHaveLength(1);
	});
});
