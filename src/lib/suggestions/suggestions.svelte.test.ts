// Guards SuggestionsState with a server in memory (the real routes are guarded by
// tests/integration/suggestions.test.ts): a decision takes the suggestion off the list at once,
// a refusal puts it back with the server's code, and undo opens it again; a viewer gets a count.
import { describe, expect, it } from 'vitest';
import type { Suggestion } from './suggestions';
import type { SuggestionsApi } from './suggestions.api';
import { SuggestionsState, refusalCode } from './suggestions.svelte';

const suggestion = (id: string): Suggestion => ({
	id,
	status: 'open',
	area: { id: 'b1', name: 'Klopvaart' },
	gift: { id: `g-${id}`, title: `Talent ${id}`, themes: ['taal'] },
	wish: null,
	initiative: { id: 'i1', title: 'Taalcafé' },
	evidence: { kind: 'initiative', themes: ['taal'], metres: 90, talks: [] }
});

const refusal = (status: number, code: string) =>
	Object.assign(new Error(code), { status, response: { data: { id: { code, message: code } } } });

/** A server in memory; `refuseNext` makes the next decision fail with that error. */
function fakeServer(open: Suggestion[]) {
	const stored = new Map(open.map((s) => [s.id, s]));
	const calls: string[] = [];
	let refuseNext: Error | null = null;
	const decide = async (id: string, status: Suggestion['status']) => {
		calls.push(`${status}:${id}`);
		if (refuseNext) {
			const error = refuseNext;
			refuseNext = null;
			throw error;
		}
		stored.set(id, { ...stored.get(id)!, status });
		return { id };
	};
	const api: SuggestionsApi = {
		async list() {
			const items = [...stored.values()].filter((s) => s.status === 'open');
			return { items, open: items.length };
		},
		async accept(id, { assignee }) {
			await decide(id, 'accepted');
			return { id, link: assignee === 'w1' ? 'l1' : null, followUp: 'f1' };
		},
		dismiss: (id) => decide(id, 'dismissed'),
		reopen: (id) => decide(id, 'open')
	};
	return { api, calls, refuse: (error: Error) => (refuseNext = error) };
}

describe('SuggestionsState', () => {
	it('takes an accepted one off the list and says whether a line was drawn', async () => {
		const server = fakeServer([suggestion('a'), suggestion('b')]);
		const state = new SuggestionsState(server.api);
		await state.load();
		expect(state.items?.map((s) => s.id)).toEqual(['a', 'b']);

		await state.accept(state.items![0], 'w1');
		expect(state.items?.map((s) => s.id)).toEqual(['b']);
		expect(state.open).toBe(1);
		expect(state.notice).toMatchObject({ kind: 'accepted', linked: true });
		expect(server.calls).toEqual(['accepted:a']);
	});

	it('puts a refused one back, with the code the server gave', async () => {
		const server = fakeServer([suggestion('a')]);
		const state = new SuggestionsState(server.api);
		await state.load();
		server.refuse(refusal(409, 'suggestion_no_consent'));
		await state.dismiss(state.items![0]);
		expect(state.items?.map((s) => s.id)).toEqual(['a']);
		expect(state.notice).toEqual({ kind: 'refused', code: 'suggestion_no_consent' });
		expect(state.busy).toBeNull();
	});

	it('undoes a dismissal: open again and back on the list', async () => {
		const server = fakeServer([suggestion('a')]);
		const state = new SuggestionsState(server.api);
		await state.load();
		await state.dismiss(state.items![0]);
		expect(state.items).toEqual([]);
		const notice = state.notice;
		if (notice?.kind !== 'dismissed') throw new Error('expected a dismissal');
		notice.undo();
		await expect.poll(() => state.items?.map((s) => s.id)).toEqual(['a']);
		expect(server.calls).toEqual(['dismissed:a', 'open:a']);
		expect(state.notice).toMatchObject({ kind: 'reopened' });
	});

	it('shows a viewer the count the server gives, and no list', async () => {
		const state = new SuggestionsState({
			...fakeServer([]).api,
			list: async () => ({ items: null, open: null })
		});
		await state.load();
		expect(state.items).toBeNull();
		expect(state.open).toBeNull();
		expect(state.status).toBe('ready');
	});

	it('reads only its own refusal codes', () => {
		expect(refusalCode(refusal(400, 'suggestion_assignee_outside'))).toBe(
			'suggestion_assignee_outside'
		);
		expect(refusalCode(refusal(400, 'validation_required'))).toBeNull();
		expect(refusalCode(new Error('network'))).toBeNull();
	});
});
