// Guards a round's progress (per round, list and worker: doors, visited, talked, not home,
// declined, contact rate, gifts, themes against the round's themes and target), which
// conversations count (period, lists, doors), the coordinator's quality signals, and the answers'
// tally with the min-5 rule, also against getting a hidden count back by subtraction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundDate } from './rounds';
import {
	FAST_TALK_SECONDS,
	MIN_GROUP,
	answerTally,
	roundProgress,
	type RoundConversation
} from './progress';

const round = {
	startsOn: roundDate('2027-03-01'),
	endsOn: roundDate('2027-03-31'),
	themes: ['groen' as const, 'eenzaamheid' as const],
	target: { doors: 10, talks: 4 }
};
const lists = [
	{ id: 'L1', addresses: ['a1', 'a2', 'a3'], assignees: ['u1'], checkedOutBy: '' },
	{ id: 'L2', addresses: ['b1', 'b2'], assignees: [], checkedOutBy: 'u2' }
];

const talk = (
	id: string,
	address: string,
	worker: string,
	heldAt: string,
	outcome: RoundConversation['outcome'],
	walkList: string,
	over: Partial<RoundConversation> = {}
): RoundConversation => ({
	id,
	address,
	worker,
	heldAt,
	outcome,
	walkList,
	farFromAddress: false,
	themes: [],
	gifts: [],
	answers: null,
	wishes: '',
	notes: '',
	...over
});

// Times at mid-morning UTC: the same calendar day on any phone in Europe.
const conversations = [
	talk('c1', 'a1', 'u1', '2027-03-10 10:00:00.000Z', 'talked', 'L1', {
		themes: ['groen', 'taal'],
		gifts: [{ kind: 'hands', tag: 'klussen' }],
		wishes: 'Een moestuin'
	}),
	talk('c2', 'a2', 'u1', '2027-03-10 10:05:00.000Z', 'not_home', 'L1'),
	talk('c3', 'a2', 'u1', '2027-03-12 10:00:00.000Z', 'talked', 'L1', {
		themes: ['taal'],
		answers: { q1: true }
	}),
	// 40 seconds after c3, and nothing in it.
	talk('c4', 'a3', 'u1', '2027-03-12 10:00:40.000Z', 'talked', 'L1'),
	talk('c5', 'b1', 'u2', '2027-03-11 09:00:00.000Z', 'not_home', 'L2'),
	talk('c6', 'b1', 'u2', '2027-03-11 15:00:00.000Z', 'come_back_later', 'L2'),
	// Not logged on a list, but at one of its doors; far from it.
	talk('c7', 'b2', 'u2', '2027-03-11 09:10:00.000Z', 'declined', '', { farFromAddress: true }),
	// A talk at no door, on a list.
	talk('c10', '', 'u2', '2027-03-15 10:00:00.000Z', 'talked', 'L2', { themes: ['eenzaamheid'] }),
	// Before the round.
	talk('c8', 'a1', 'u3', '2027-02-28 10:00:00.000Z', 'talked', 'L1'),
	// At a door of no list of the round, on no list.
	talk('c9', 'z9', 'u1', '2027-03-10 11:00:00.000Z', 'talked', '')
];

describe('roundProgress', () => {
	const progress = roundProgress(round, lists, conversations);

	it('counts the round: each door once, by its talk or else its latest visit', () => {
		expect(progress.round).toEqual({
			doors: 5,
			visited: 5,
			talked: 3,
			notHome: 0,
			declined: 1,
			other: 1,
			talks: 4,
			contactRate: 0.6,
			gifts: 1,
			themes: [
				{ theme: 'groen', count: 1, listenedFor: true },
				{ theme: 'eenzaamheid', count: 1, listenedFor: true },
				{ theme: 'taal', count: 2, listenedFor: false }
			],
			target: { doors: { goal: 10, reached: 5 }, talks: { goal: 4, reached: 4 } }
		});
	});

	it('counts each list by the list a visit was logged on, or else the list of its door', () => {
		expect(progress.lists).toMatchObject([
			{
				list: 'L1',
				doors: 3,
				visited: 3,
				talked: 3,
				notHome: 0,
				declined: 0,
				other: 0,
				talks: 3,
				contactRate: 1,
				gifts: 1
			},
			{
				list: 'L2',
				doors: 2,
				visited: 2,
				talked: 0,
				notHome: 0,
				declined: 1,
				other: 1,
				talks: 1,
				contactRate: 0,
				gifts: 0
			}
		]);
		expect(progress.lists[0].themes.map((t) => [t.theme, t.count])).toEqual([
			['groen', 1],
			['eenzaamheid', 0],
			['taal', 2]
		]);
	});

	it('counts each worker against the doors of the lists assigned to or checked out by her', () => {
		expect(
			progress.workers.map(({ worker, doors, visited, talked, talks }) => ({
				worker,
				doors,
				visited,
				talked,
				talks
			}))
		).toEqual([
			{ worker: 'u1', doors: 3, visited: 3, talked: 3, talks: 3 },
			{ worker: 'u2', doors: 2, visited: 2, talked: 0, talks: 1 }
		]);
	});

	it('lists an assignee without visits, and gives no contact rate without visits', () => {
		const quiet = roundProgress(round, [{ ...lists[0], assignees: ['u9'] }], []);
		expect(quiet.workers).toMatchObject([
			{ worker: 'u9', doors: 3, visited: 0, contactRate: null }
		]);
		expect(quiet.round).toMatchObject({ doors: 3, visited: 0, contactRate: null, talks: 0 });
		expect(quiet.round.target).toEqual({
			doors: { goal: 10, reached: 0 },
			talks: { goal: 4, reached: 0 }
		});
		expect(roundProgress({ ...round, target: null }, lists, []).round.target).toEqual({
			doors: null,
			talks: null
		});
	});

	it('counts a not-home door as not home until someone talks there, and talked after', () => {
		const door = [talk('x', 'a1', 'u1', '2027-03-02 10:00:00.000Z', 'not_home', 'L1')];
		expect(roundProgress(round, lists, door).round).toMatchObject({
			visited: 1,
			notHome: 1,
			talked: 0
		});
		const later = [
			...door,
			talk('y', 'a1', 'u1', '2027-03-03 10:00:00.000Z', 'talked', 'L1'),
			talk('z', 'a1', 'u2', '2027-03-04 10:00:00.000Z', 'not_home', 'L1')
		];
		expect(roundProgress(round, lists, later).round).toMatchObject({
			visited: 1,
			notHome: 0,
			talked: 1
		});
	});

	it('raises the quality signals of the round only', () => {
		expect(progress.signals).toEqual({
			fastTalks: [{ worker: 'u1', conversations: ['c3', 'c4'], seconds: 40 }],
			farFromDoor: [{ worker: 'u2', conversation: 'c7' }],
			emptyTalks: [{ worker: 'u1', conversation: 'c4' }]
		});
	});
});

describe('quality signals', () => {
	const at = (seconds: number) =>
		new Date(Date.UTC(2027, 2, 10, 10, 0, seconds)).toISOString().replace('T', ' ');
	const signalsOf = (conversations: RoundConversation[]) =>
		roundProgress(round, lists, conversations).signals;

	it('flags talks by one worker less than the limit apart, not at the limit', () => {
		const fast = signalsOf([
			talk('t1', 'a1', 'u1', at(0), 'talked', 'L1', { wishes: 'x' }),
			talk('t2', 'a2', 'u1', at(FAST_TALK_SECONDS - 1), 'talked', 'L1', { wishes: 'x' }),
			talk('t3', 'a3', 'u1', at(2 * FAST_TALK_SECONDS - 1), 'talked', 'L1', { wishes: 'x' })
		]).fastTalks;
		expect(fast).toEqual([
			{ worker: 'u1', conversations: ['t1', 't2'], seconds: FAST_TALK_SECONDS - 1 }
		]);
	});

	it('does not pair two workers, visits that are no talk, or a paper sheet’s one moment', () => {
		expect(
			signalsOf([
				talk('t1', 'a1', 'u1', at(0), 'talked', 'L1'),
				talk('t2', 'a2', 'u2', at(5), 'talked', 'L1'),
				talk('t3', 'a3', 'u1', at(10), 'not_home', 'L1'),
				talk('p1', 'b1', 'u3', at(100), 'talked', 'L2'),
				talk('p2', 'b2', 'u3', at(100), 'talked', 'L2')
			]).fastTalks
		).toEqual([]);
	});

	it('calls a talk empty only when it holds nothing at all', () => {
		const empty = signalsOf([
			talk('e1', 'a1', 'u1', at(0), 'talked', 'L1', { answers: { q1: '  ', q2: [] } }),
			talk('e2', 'a2', 'u1', at(100), 'talked', 'L1', { notes: 'Kom terug met folder' }),
			talk('e3', 'a3', 'u1', at(200), 'talked', 'L1', { answers: { q1: false } }),
			talk('e4', 'b1', 'u1', at(300), 'talked', 'L2', { gifts: [{}] }),
			talk('e5', 'b2', 'u1', at(400), 'not_home', 'L2')
		]).emptyTalks;
		expect(empty).toEqual([{ worker: 'u1', conversation: 'e1' }]);
	});
});

describe('answerTally', () => {
	const yesno = { id: 'q1', kind: 'yesno' as const, options: null };
	const choice = {
		id: 'q2',
		kind: 'choice' as const,
		options: ['a', 'b', 'c', 'd'].map((value) => ({ value, nl: value, en: value }))
	};
	const answers = (id: string, values: unknown[]) =>
		values.map((value) => ({ answers: { [id]: value } as RoundConversation['answers'] }));
	const repeat = <T>(value: T, times: number) => Array.from({ length: times }, () => value);

	it('shows counts of at least the minimum, and zeros', () => {
		expect(answerTally([yesno], answers('q1', repeat(true, 20)))).toEqual([
			{
				question: 'q1',
				kind: 'yesno',
				answered: 20,
				cells: [
					{ value: 'yes', count: 20 },
					{ value: 'no', count: 0 }
				]
			}
		]);
	});

	it('hides a small count with another, so the total does not give it away', () => {
		// 20 yes, 3 no: showing 23 and 20 would tell the 3.
		const [tally] = answerTally([yesno], answers('q1', [...repeat(true, 20), ...repeat(false, 3)]));
		expect(tally.answered).toBe(23);
		expect(tally.cells).toEqual([
			{ value: 'yes', count: null },
			{ value: 'no', count: null }
		]);
	});

	it('hides the smallest other count until the hidden add up to the minimum', () => {
		const values = [...repeat('a', 10), ...repeat('b', 7), ...repeat('c', 2)];
		const [tally] = answerTally([choice], answers('q2', values));
		expect(tally.answered).toBe(19);
		expect(tally.cells.map((c) => c.count)).toEqual([10, null, null, 0]);
		// Two small counts that are the minimum together need no third.
		const two = [...repeat('a', 10), ...repeat('b', 3), ...repeat('c', 4)];
		expect(answerTally([choice], answers('q2', two))[0].cells.map((c) => c.count)).toEqual([
			10,
			null,
			null,
			0
		]);
	});

	it('shows nothing of a question fewer than the minimum answered', () => {
		const [tally] = answerTally([choice], answers('q2', repeat('a', MIN_GROUP - 1)));
		expect(tally).toEqual({
			question: 'q2',
			kind: 'choice',
			answered: null,
			cells: ['a', 'b', 'c', 'd'].map((value) => ({ value, count: null }))
		});
	});

	it('counts numbers in buckets', () => {
		const numbers = [0, 6, 7, 8, 10, 10.5, 101, 150, 200, 300, 1000];
		const [tally] = answerTally(
			[{ id: 'q3', kind: 'number', options: null }],
			answers('q3', numbers)
		);
		expect(tally.answered).toBe(11);
		// '0' holds 1: hidden with the smallest other, '6-10' (5, before '>100' with 5).
		expect(tally.cells.filter((c) => c.count !== 0)).toEqual([
			{ value: '0', count: null },
			{ value: '6-10', count: null },
			{ value: '>100', count: 5 }
		]);
	});

	it('counts each choice of several, and hides a small one with another', () => {
		const choices = { ...choice, id: 'q4', kind: 'choices' as const };
		const values = [...repeat(['a', 'c'], 5), ['a', 'b'], ['b'], ['a'], ...repeat(['d'], 6)];
		const [tally] = answerTally([choices], answers('q4', values));
		expect(tally.answered).toBe(14);
		expect(tally.cells).toEqual([
			{ value: 'a', count: 7 },
			{ value: 'b', count: null },
			{ value: 'c', count: null },
			{ value: 'd', count: 6 }
		]);
	});

	it('leaves out blank answers and answers that do not fit, and only counts texts', () => {
		const text = { id: 'q5', kind: 'text' as const, options: null };
		const conversations = [
			...answers('q5', ['Meer groen', ' ', '', 12, ...repeat('Bankjes', 4)]),
			...answers('q1', ['ja', 1, ...repeat(true, 5)]),
			{ answers: null }
		];
		expect(answerTally([text, yesno], conversations)).toEqual([
			{ question: 'q5', kind: 'text', answered: 5, cells: [] },
			{
				question: 'q1',
				kind: 'yesno',
				answered: 5,
				cells: [
					{ value: 'yes', count: 5 },
					{ value: 'no', count: 0 }
				]
			}
		]);
	});

	it('never lets a hidden count follow from the total and the shown counts', () => {
		fc.assert(
			fc.property(fc.array(fc.nat(12), { minLength: 2, maxLength: 6 }), (counts) => {
				const question = {
					id: 'q',
					kind: 'choice' as const,
					options: counts.map((_, i) => ({ value: `o${i}`, nl: '', en: '' }))
				};
				const values = counts.flatMap((n, i) => repeat(`o${i}`, n));
				const [tally] = answerTally([question], answers('q', values));
				const total = counts.reduce((a, b) => a + b, 0);
				if (total > 0 && total < MIN_GROUP) {
					expect(tally.answered).toBeNull();
					return;
				}
				expect(tally.answered).toBe(total);
				const hidden = tally.cells.filter((c) => c.count === null);
				const shownSum = tally.cells.reduce((sum, c) => sum + (c.count ?? 0), 0);
				// What subtraction gives is the hidden ones together: none, or a group of the minimum.
				const rest = total - shownSum;
				expect(rest === 0 || rest >= MIN_GROUP).toBe(true);
				expect(hidden.length).not.toBe(1);
				// What is shown is exact, and never a small group.
				tally.cells.forEach((cell, i) => {
					if (cell.count !== null) expect(cell.count).toBe(counts[i]);
					if (cell.count !== null) expect(cell.count === 0 || cell.count >= MIN_GROUP).toBe(true);
				});
			})
		);
	});
});
