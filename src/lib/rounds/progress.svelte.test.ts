// Guards ProgressState with a server in memory: it loads a round's conversations and counts only
// the round's own (period, lists, doors), tallies every answer for the coordinator (no min-5),
// names workers by name where the server gave one and else by a numbered label, keeps the last
// load asked for, says why a load failed, and exports the answers once loaded.
import { describe, expect, it } from 'vitest';
import type { ProgressApi, ProgressConversation } from './progress.api';
import { ProgressState } from './progress.svelte';
import { roundDate, type RoundQuestion, type WalkListRecord } from './rounds';
import type { RoundWithParts } from './rounds.api';

const list = (id: string, addresses: string[], assignees: string[] = []): WalkListRecord => ({
	id,
	round: 'r1',
	name: `Lijst ${id}`,
	addresses,
	assignees,
	expiresOn: '',
	checkedOutBy: '',
	checkedOutAt: ''
});

const yesno: RoundQuestion = {
	id: 'q1',
	round: 'r1',
	position: 1,
	kind: 'yesno',
	textNl: 'Kent u de buren?',
	textEn: 'Know the neighbours?',
	options: null,
	personal: false
};

const round = (id = 'r1'): RoundWithParts => ({
	id,
	name: `Ronde ${id}`,
	purpose: 'p1',
	startsOn: roundDate('2027-03-01'),
	endsOn: roundDate('2027-03-31'),
	areas: ['b1'],
	streets: null,
	themes: ['groen'],
	target: { doors: 4 },
	createdBy: 'c1',
	questions: [yesno],
	lists: [list('L1', ['a1', 'a2'], ['u1']), list('L2', ['b1', 'b2'], ['u2'])]
});

const talk = (
	id: string,
	address: string,
	worker: string,
	heldAt: string,
	fields: Partial<ProgressConversation> = {}
): ProgressConversation => ({
	id,
	address,
	worker,
	heldAt,
	outcome: 'talked',
	walkList: '',
	farFromAddress: false,
	door: `Dreef ${address}`,
	...fields
});

const CONVERSATIONS = [
	talk('c1', 'a1', 'u1', '2027-03-10 10:00:00.000Z', {
		workerName: 'Anna',
		walkList: 'L1',
		themes: ['groen'],
		answers: { q1: true }
	}),
	talk('c2', 'a2', 'u1', '2027-03-10 10:00:30.000Z', {
		workerName: 'Anna',
		answers: { q1: false }
	}),
	talk('c3', 'b1', 'u2', '2027-03-11 10:00:00.000Z', { outcome: 'not_home', walkList: 'L2' }),
	// The day after the round: the server's pick is a day wider than the round.
	talk('c4', 'b2', 'u2', '2027-04-01 10:00:00.000Z', { answers: { q1: true } })
];

/** A server in memory: the conversations the API would give per round id. */
function fakeServer(byRound: Record<string, ProgressConversation[]>) {
	const calls: string[] = [];
	const api: ProgressApi = {
		async roundConversations(r) {
			calls.push(r.id);
			const found = byRound[r.id];
			if (!found) throw Object.assign(new Error('forbidden'), { status: 403 });
			return found;
		}
	};
	return { api, calls };
}

const NOW = () => new Date('2027-03-20T10:00:00Z');

describe('ProgressState', () => {
	it('counts the round’s own conversations per round, list and worker', async () => {
		const server = fakeServer({ r1: CONVERSATIONS });
		const state = new ProgressState(server.api, NOW);
		expect(state.progress).toBeNull();
		const loading = state.load(round());
		expect(state.status).toBe('loading');
		await loading;
		expect(server.calls).toEqual(['r1']);
		expect(state.status).toBe('ready');
		expect(state.ofRound.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
		const progress = state.progress!;
		expect(progress.round).toMatchObject({ doors: 4, visited: 3, talked: 2, notHome: 1 });
		expect(progress.round.target.doors).toEqual({ goal: 4, reached: 3 });
		expect(progress.lists.map((l) => [l.list, l.visited, l.talked])).toEqual([
			['L1', 2, 2],
			['L2', 1, 0]
		]);
		expect(progress.signals.fastTalks).toEqual([
			{ worker: 'u1', conversations: ['c1', 'c2'], seconds: 30 }
		]);
	});

	it('tallies every answer for the coordinator, however few', async () => {
		const state = new ProgressState(fakeServer({ r1: CONVERSATIONS }).api, NOW);
		await state.load(round());
		// Two answers: a viewer would see nothing (min-5); she sees them all. c4 is not the round's.
		expect(state.tally).toEqual([
			{
				question: 'q1',
				kind: 'yesno',
				answered: 2,
				cells: [
					{ value: 'yes', count: 1 },
					{ value: 'no', count: 1 }
				]
			}
		]);
	});

	it('names a worker she may read, and numbers the others', async () => {
		const state = new ProgressState(fakeServer({ r1: CONVERSATIONS }).api, NOW);
		await state.load(round());
		const names = state.workerNames((n) => `Medewerker ${n}`);
		expect(names).toEqual({ u1: 'Anna', u2: 'Medewerker 1' });
	});

	it('exports the round’s answers once loaded', async () => {
		const state = new ProgressState(fakeServer({ r1: CONVERSATIONS }).api, NOW);
		expect(state.exportFile()).toBeNull();
		await state.load(round());
		const file = state.exportFile()!;
		expect(file.name).toBe('krachtkaart-ronde-Ronde-r1-2027-03-20.csv');
		const rows = file.text.replace(/^\uFEFF/, '').split('\r\n');
		expect(rows[0]).toBe("Ronde;Looplijst;Adres;Datum en tijd;Uitkomst;Thema's;Kent u de buren?");
		expect(
			rows.slice(1, 4).map((row) => row.split(';').slice(1, 3).concat(row.split(';')[6]))
		).toEqual([
			['Lijst L1', 'Dreef a1', 'ja'],
			['Lijst L1', 'Dreef a2', 'nee'],
			['Lijst L2', 'Dreef b1', '']
		]);
		expect(rows).toHaveLength(5);
	});

	it('says why loading failed, and keeps nothing of another round', async () => {
		const state = new ProgressState(fakeServer({ r1: CONVERSATIONS }).api, NOW);
		await state.load(round());
		await state.load(round('r2'));
		expect(state.status).toBe('error');
		expect(state.error).toBe('forbidden');
		expect(state.conversations).toEqual([]);
		expect(state.exportFile()).toBeNull();
	});

	it('keeps the conversations of the last load asked for', async () => {
		const server = fakeServer({ r1: CONVERSATIONS, r2: [] });
		const roundConversations = server.api.roundConversations;
		// The first answer comes last.
		server.api.roundConversations = async (r) => {
			if (r.id === 'r1') await new Promise((resolve) => setTimeout(resolve, 5));
			return roundConversations(r);
		};
		const state = new ProgressState(server.api, NOW);
		const first = state.load(round('r1'));
		const second = state.load(round('r2'));
		await Promise.all([first, second]);
		expect(state.round?.id).toBe('r2');
		expect(state.conversations).toEqual([]);
		expect(state.status).toBe('ready');
	});
});
