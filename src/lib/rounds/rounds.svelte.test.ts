// Guards RoundsState with a server in memory: it loads the rounds of her areas, puts her lists
// first and shows the doors others took; a check-out shows at once and is rolled back when the
// server says another has the list; the round form's errors are kept per field, its own checks
// before the server's.
import { describe, expect, it } from 'vitest';
import type { RoundDraft, RoundQuestion, WalkListRecord } from './rounds';
import { RoundRefused, type RoundWithParts, type RoundsApi } from './rounds.api';
import { RoundsState } from './rounds.svelte';

const NOW = new Date(2027, 2, 10, 12);

function list(id: string, fields: Partial<WalkListRecord> = {}): WalkListRecord {
	return {
		id,
		round: 'r1',
		name: `Lijst ${id}`,
		addresses: [`${id}-door`],
		assignees: [],
		expiresOn: '',
		checkedOutBy: '',
		checkedOutAt: '',
		...fields
	};
}

function round(
	id: string,
	lists: WalkListRecord[],
	questions: RoundQuestion[] = []
): RoundWithParts {
	return {
		id,
		name: `Ronde ${id}`,
		purpose: 'p1',
		startsOn: '2027-03-01 12:00:00.000Z',
		endsOn: '2027-03-31 12:00:00.000Z',
		areas: ['b1'],
		streets: null,
		themes: [],
		target: null,
		createdBy: 'c1',
		questions,
		lists: lists.map((l) => ({ ...l, round: id, expand: { round: { areas: ['b1'] } } }))
	};
}

const conflict = () =>
	Object.assign(new Error('taken'), {
		status: 409,
		response: { data: { checkedOutBy: { code: 'taken', message: 'Een ander heeft haar.' } } }
	});

/** A server in memory: rounds per area; `checkedOut` lists are another's before she asks. */
function fakeServer(rounds: RoundWithParts[]) {
	const stored = new Map(rounds.map((r) => [r.id, r]));
	const calls: string[] = [];
	const listById = (id: string) =>
		[...stored.values()].flatMap((r) => r.lists).find((l) => l.id === id)!;
	const me = 'me';
	let held: (() => void)[] | null = null;
	/** While held, a check-out or give-back waits for `release()`. */
	const wait = () => (held ? new Promise<void>((go) => held!.push(go)) : Promise.resolve());
	const api: RoundsApi = {
		async listRounds(areaIds) {
			calls.push(`listRounds:${areaIds.join(',')}`);
			return [...stored.values()].filter((r) => r.areas.some((a) => areaIds.includes(a)));
		},
		async saveRound(draft, before) {
			calls.push(`saveRound:${draft.name}`);
			if (draft.name.startsWith('Dubbel')) {
				throw new RoundRefused({ question: { 0: { textNl: 'too_long' } } }, 400);
			}
			if (draft.name.startsWith('Offline'))
				throw Object.assign(new Error('offline'), { status: 0 });
			const saved = { ...round(before?.id ?? `r${stored.size + 1}`, []), name: draft.name };
			stored.set(saved.id, saved);
			return saved;
		},
		async saveLists() {
			return [];
		},
		async assignList(id, assignees) {
			calls.push(`assignList:${id}:${assignees.join(',')}`);
			await wait();
			// The server allows a worker or a pair (LIMITS.round.assignees).
			if (assignees.length > 2) throw Object.assign(new Error('too many'), { status: 400 });
			return { ...listById(id), assignees: [...assignees] };
		},
		async setListExpiry(id, day) {
			calls.push(`setListExpiry:${id}:${day}`);
			return { ...listById(id), expiresOn: day ? `${day} 12:00:00.000Z` : '' };
		},
		async checkOut(id) {
			calls.push(`checkOut:${id}`);
			await wait();
			const found = listById(id);
			if (found.checkedOutBy && found.checkedOutBy !== me) throw conflict();
			return {
				...found,
				checkedOutBy: me,
				checkedOutAt: '2027-03-10 11:00:00.000Z',
				expand: undefined
			};
		},
		async giveBack(id) {
			calls.push(`giveBack:${id}`);
			await wait();
			return { ...listById(id), checkedOutBy: '', checkedOutAt: '' };
		},
		async deleteRound(id) {
			stored.delete(id);
		},
		async deleteList(id) {
			calls.push(`deleteList:${id}`);
			if (id.startsWith('gone')) throw Object.assign(new Error('not found'), { status: 404 });
		}
	};
	return {
		api,
		calls,
		hold: () => (held = []),
		release: () => {
			const waiting = held ?? [];
			held = null;
			for (const go of waiting) go();
		}
	};
}

/** Lets queued promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const draft = (fields: Partial<RoundDraft> = {}): RoundDraft => ({
	name: 'Voorjaar',
	purpose: 'p1',
	startsOn: '2027-03-01',
	endsOn: '2027-03-31',
	areas: ['b1'],
	themes: [],
	target: {},
	questions: [
		{
			kind: 'yesno',
			textNl: 'Kent u de buren?',
			textEn: 'Neighbours?',
			options: [],
			personal: false
		}
	],
	...fields
});

describe('RoundsState', () => {
	it('loads the rounds of her areas, her lists first', async () => {
		const server = fakeServer([
			round('r1', [list('a'), list('b', { assignees: ['me'] }), list('c', { checkedOutBy: 'me' })]),
			round('r2', [list('d')], []),
			{ ...round('r3', [list('e')]), areas: ['elders'] }
		]);
		const state = new RoundsState(server.api, () => NOW);
		await state.load(['b1']);
		expect(server.calls).toEqual(['listRounds:b1']);
		expect(state.status).toBe('ready');
		expect(state.rounds.map((r) => r.id)).toEqual(['r1', 'r2']);
		expect(state.mine('me').map((l) => l.id)).toEqual(['b', 'c', 'a', 'd']);
	});

	it('says why loading failed', async () => {
		const server = fakeServer([]);
		server.api.listRounds = async () => {
			throw Object.assign(new Error('offline'), { status: 0 });
		};
		const state = new RoundsState(server.api, () => NOW);
		await state.load(['b1']);
		expect(state.status).toBe('error');
		expect(state.error).toBe('network');
	});

	it('shows the doors of others’ unexpired lists as taken', async () => {
		const server = fakeServer([
			round('r1', [
				list('a', { checkedOutBy: 'u2' }),
				list('b', { checkedOutBy: 'me' }),
				list('c', { checkedOutBy: 'u2', expiresOn: '2027-03-09 12:00:00.000Z' })
			])
		]);
		const state = new RoundsState(server.api, () => NOW);
		await state.load(['b1']);
		expect([...state.takenDoors('me')]).toEqual(['a-door']);
	});

	it('checks a list out at once and keeps what the server answered', async () => {
		const server = fakeServer([round('r1', [list('a')])]);
		const state = new RoundsState(server.api, () => NOW);
		await state.load(['b1']);
		const saving = state.checkOut('a', 'me');
		expect(state.lists[0].checkedOutBy).toBe('me');
		await saving;
		expect(state.lists[0].checkedOutAt).toBe('2027-03-10 11:00:00.000Z');
		// Its round's areas stay, though the server's answer has no expand.
		expect(state.lists[0].expand?.round?.areas).toEqual(['b1']);
	});

	it('rolls a check-out back when another has the list', async () => {
		const server = fakeServer([round('r1', [list('a', { checkedOutBy: 'u2' })])]);
		const state = new RoundsState(server.api, () => NOW);
		await state.load(['b1']);
		const saving = state.checkOut('a', 'me');
		expect(state.lists[0].checkedOutBy).toBe('me');
		await expect(saving).rejects.toMatchObject({ status: 409 });
		expect(state.lists[0].checkedOutBy).toBe('u2');
		expect(server.calls).toContain('checkOut:a');
	});

	it('sends a give-back only after the check-out it follows', async () => {
		const server = fakeServer([round('r1', [list('a')])]);
		const state = new RoundsState(server.api, () => NOW);
		await state.load(['b1']);
		server.hold();
		const out = state.checkOut('a', 'me');
		const back = state.giveBack('a');
		expect(state.lists[0].checkedOutBy).toBe('');
		await settle();
		// The give-back waits for the check-out's answer.
		expect(server.calls.slice(1)).toEqual(['checkOut:a']);
		server.release();
		await settle();
		// The check-out's answer does not undo the give-back shown.
		expect(state.lists[0].checkedOutBy).toBe('');
		await Promise.all([out, back]);
		expect(server.calls.slice(1)).toEqual(['checkOut:a', 'giveBack:a']);
		expect(state.lists[0].checkedOutBy).toBe('');
	});

	it('gives a list back at once', async () => {
		const server = fakeServer([round('r1', [list('a', { checkedOutBy: 'me' })])]);
		const state = new RoundsState(server.api, () => NOW);
		await state.load(['b1']);
		await state.giveBack('a');
		expect(state.lists[0].checkedOutBy).toBe('');
	});

	it('assigns a list at once, and puts the walkers back when refused', async () => {
		const server = fakeServer([round('r1', [list('a', { assignees: ['u1'] })])]);
		const state = new RoundsState(server.api, () => NOW);
		await state.load(['b1']);
		const saving = state.assignList('a', ['u1', 'u2']);
		expect(state.lists[0].assignees).toEqual(['u1', 'u2']);
		await saving;
		expect(state.lists[0].assignees).toEqual(['u1', 'u2']);
		expect(state.lists[0].expand?.round?.areas).toEqual(['b1']);

		await expect(state.assignList('a', ['u1', 'u2', 'u3'])).rejects.toMatchObject({ status: 400 });
		expect(state.lists[0].assignees).toEqual(['u1', 'u2']);
	});

	it('sets a list’s last day as the server stores it, or none', async () => {
		const server = fakeServer([round('r1', [list('a')])]);
		const state = new RoundsState(server.api, () => NOW);
		await state.load(['b1']);
		const saving = state.setListExpiry('a', '2027-03-31');
		expect(state.lists[0].expiresOn).toBe('2027-03-31 12:00:00.000Z');
		await saving;
		await state.setListExpiry('a', '');
		expect(state.lists[0].expiresOn).toBe('');
		expect(server.calls.slice(1)).toEqual(['setListExpiry:a:2027-03-31', 'setListExpiry:a:']);
	});

	it('deletes a list after the change to it under way, and keeps one the server did not delete', async () => {
		const server = fakeServer([round('r1', [list('a'), list('gone')])]);
		const state = new RoundsState(server.api, () => NOW);
		await state.load(['b1']);
		server.hold();
		const assigning = state.assignList('a', ['u1']);
		const deleting = state.deleteList('a');
		await settle();
		expect(server.calls.slice(1)).toEqual(['assignList:a:u1']);
		server.release();
		await Promise.all([assigning, deleting]);
		expect(server.calls.slice(1)).toEqual(['assignList:a:u1', 'deleteList:a']);
		expect(state.lists.map((l) => l.id)).toEqual(['gone']);

		await expect(state.deleteList('gone')).rejects.toMatchObject({ status: 404 });
		expect(state.lists.map((l) => l.id)).toEqual(['gone']);
	});

	it('keeps the form’s own errors per field and asks the server nothing', async () => {
		const server = fakeServer([]);
		const state = new RoundsState(server.api, () => NOW);
		const saved = await state.save(draft({ name: '', endsOn: '2027-02-01' }));
		expect(saved).toBe(false);
		expect(state.errors).toEqual({ name: 'required', endsOn: 'ends_before_start' });
		expect(server.calls).toEqual([]);
	});

	it('keeps the server’s errors per field, and a failure without fields apart', async () => {
		const server = fakeServer([]);
		const state = new RoundsState(server.api, () => NOW);
		expect(await state.save(draft({ name: 'Dubbel' }))).toBe(false);
		expect(state.errors).toEqual({ question: { 0: { textNl: 'too_long' } } });
		expect(state.saveError).toBeNull();
		expect(await state.save(draft({ name: 'Offline' }))).toBe(false);
		expect(state.errors).toEqual({});
		expect(state.saveError).toBe('network');
	});

	it('forgets the last save’s errors for a form opened afresh', async () => {
		const state = new RoundsState(fakeServer([]).api, () => NOW);
		await state.save(draft({ name: '' }));
		expect(state.errors).toEqual({ name: 'required' });
		state.clearErrors();
		expect(state.errors).toEqual({});
		await state.save(draft({ name: 'Weg' }), 'gone');
		expect(state.saveError).toBe('not_found');
		state.clearErrors();
		expect(state.saveError).toBeNull();
	});

	it('adds a saved round, and replaces one saved again', async () => {
		const server = fakeServer([round('r1', [list('a')])]);
		const state = new RoundsState(server.api, () => NOW);
		await state.load(['b1']);
		expect(await state.save(draft({ name: 'Nieuw' }))).toBe(true);
		expect(state.rounds.map((r) => r.name)).toEqual(['Nieuw', 'Ronde r1']);
		expect(await state.save(draft({ name: 'Hernoemd' }), 'r1')).toBe(true);
		expect(state.rounds.map((r) => [r.id, r.name])).toEqual([
			['r2', 'Nieuw'],
			['r1', 'Hernoemd']
		]);
		expect(state.errors).toEqual({});
	});

	it('does not save a round it does not have as a new one', async () => {
		const server = fakeServer([]);
		const state = new RoundsState(server.api, () => NOW);
		await state.load(['b1']);
		expect(await state.save(draft(), 'gone')).toBe(false);
		expect(state.saveError).toBe('not_found');
		expect(server.calls).toEqual(['listRounds:b1']);
	});

	it('keeps the rounds of the last load asked for', async () => {
		const server = fakeServer([round('r1', []), { ...round('r2', []), areas: ['b2'] }]);
		const listRounds = server.api.listRounds;
		// The first answer comes last.
		server.api.listRounds = async (areaIds) => {
			if (areaIds[0] === 'b1') await new Promise((resolve) => setTimeout(resolve, 5));
			return listRounds(areaIds);
		};
		const state = new RoundsState(server.api, () => NOW);
		const first = state.load(['b1']);
		const second = state.load(['b2']);
		await Promise.all([first, second]);
		expect(state.rounds.map((r) => r.id)).toEqual(['r2']);
	});
});
