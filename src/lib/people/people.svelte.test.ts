// Guards PeopleState with a server in memory: a search typed over an older one wins, too little
// typed asks nothing; opening a resident tells not-found and forbidden apart; an erasure removes
// her from the page (only the counts remain) and a refused one keeps her there with the reason.
import { describe, expect, it } from 'vitest';
import type { EraseResult, PersonExport, PersonHit } from './people';
import type { PeopleApi } from './people.api';
import { PeopleState } from './people.svelte';

const hit = (id: string, name: string): PersonHit => ({
	id,
	display_name: name,
	contact: '',
	isKeyFigure: false,
	address: '',
	area: 'b1'
});

const exported = (id: string) =>
	({
		person: { id, display_name: 'Fatima' },
		conversations: [],
		assets: [],
		links: [],
		followUps: [],
		other: [],
		audit: []
	}) as unknown as PersonExport;

const counts: EraseResult['counts'] = {
	conversationsCleared: 1,
	assetsDeleted: 2,
	assetsUnlinked: 0,
	linksDeleted: 1,
	followUpsDeleted: 1,
	otherDeleted: 0,
	otherUnlinked: 0
};

function fakeApi(overrides: Partial<PeopleApi> = {}) {
	const calls: string[] = [];
	const api: PeopleApi = {
		async search(query) {
			calls.push(`search:${query}`);
			return [hit('p1', 'Fatima'), hit('p2', 'Fenna')];
		},
		async exportPerson(id) {
			calls.push(`export:${id}`);
			return exported(id);
		},
		async erase(id) {
			calls.push(`erase:${id}`);
			return { erased: id, counts };
		},
		...overrides
	};
	return { api, calls };
}

const httpError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

describe('PeopleState search', () => {
	it('asks nothing for too little and says so', async () => {
		const { api, calls } = fakeApi();
		const state = new PeopleState(api);
		await state.search('a');
		expect(state.searchStatus).toBe('too_short');
		await state.search('  ');
		expect(state.searchStatus).toBe('idle');
		expect(calls).toEqual([]);
	});

	it('shows the answer of the last search typed, not of a slower earlier one', async () => {
		let release: (hits: PersonHit[]) => void = () => {};
		const { api } = fakeApi({
			search: (query) =>
				query === 'Fa'
					? new Promise((resolve) => (release = resolve))
					: Promise.resolve([hit('p3', 'Fatima')])
		});
		const state = new PeopleState(api);
		const slow = state.search('Fa');
		await state.search('Fatima');
		release([hit('p1', 'Fa…'), hit('p2', 'Fa…')]);
		await slow;
		expect(state.hits.map((h) => h.id)).toEqual(['p3']);
		expect(state.searchStatus).toBe('ready');
	});

	it('says when the search failed', async () => {
		const { api } = fakeApi({ search: () => Promise.reject(httpError(0)) });
		const state = new PeopleState(api);
		await state.search('Fatima');
		expect(state.searchStatus).toBe('error');
	});
});

describe('PeopleState record and erasure', () => {
	it('loads her export', async () => {
		const { api } = fakeApi();
		const state = new PeopleState(api);
		await state.load('p1');
		expect(state.recordStatus).toBe('ready');
		expect(state.record?.person.id).toBe('p1');
	});

	it('tells a resident that is gone from one that is not hers', async () => {
		const gone = new PeopleState(
			fakeApi({ exportPerson: () => Promise.reject(httpError(404)) }).api
		);
		await gone.load('p1');
		expect(gone.recordStatus).toBe('not_found');
		const other = new PeopleState(
			fakeApi({ exportPerson: () => Promise.reject(httpError(403)) }).api
		);
		await other.load('p1');
		expect(other.recordStatus).toBe('forbidden');
		const offline = new PeopleState(
			fakeApi({ exportPerson: () => Promise.reject(httpError(0)) }).api
		);
		await offline.load('p1');
		expect(offline.recordStatus).toBe('error');
	});

	it('erases her: her data leaves the page and the search, the counts remain', async () => {
		const { api, calls } = fakeApi();
		const state = new PeopleState(api);
		await state.search('Fa');
		await state.load('p1');
		expect(await state.erase()).toBe(true);
		expect(calls).toContain('erase:p1');
		expect(state.record).toBeNull();
		expect(state.erased).toEqual({ erased: 'p1', counts });
		expect(state.eraseStatus).toBe('erased');
		expect(state.hits.map((h) => h.id)).toEqual(['p2']);
	});

	it('keeps her on the page with the reason when the erasure is refused', async () => {
		const { api } = fakeApi({ erase: () => Promise.reject(httpError(409)) });
		const state = new PeopleState(api);
		await state.load('p1');
		expect(await state.erase()).toBe(false);
		expect(state.eraseStatus).toBe('error');
		expect(state.eraseError).toBe('invalid');
		expect(state.record?.person.id).toBe('p1');
	});

	it('erases nothing when nobody is open, and only once at a time', async () => {
		let release: () => void = () => {};
		let erases = 0;
		const { api } = fakeApi({
			erase: (id) => {
				erases += 1;
				return new Promise((resolve) => (release = () => resolve({ erased: id, counts })));
			}
		});
		const state = new PeopleState(api);
		expect(await state.erase()).toBe(false);
		await state.load('p1');
		const first = state.erase();
		expect(await state.erase()).toBe(false);
		release();
		expect(await first).toBe(true);
		expect(erases).toBe(1);
	});
});
