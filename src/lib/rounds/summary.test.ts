// Guards the rounds' summary as the server makes it (pb_hooks/lib/round-summary.js, for viewers
// and everyone else): its answers' tally is the app's answerTally on any input, its door and
// theme counts are the app's roundProgress figures, and what it shows keeps the min-5 rule, also
// against subtraction; a round gets figures only once it has ended and settled.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	LIMITS,
	THEMES,
	type Outcome,
	type QuestionKind,
	type Theme
} from '$lib/vocabulary/vocabulary';
import { MIN_GROUP, answerTally, roundProgress, type RoundConversation } from './progress';
import { roundDate, type Answers, type QuestionOption } from './rounds';
import { hookModule } from '../../../tests/support/hook-module';

type Question = { id: string; kind: QuestionKind; options: QuestionOption[] | null };
type Talk = Pick<RoundConversation, 'address' | 'outcome' | 'heldAt' | 'themes' | 'answers'>;
interface SummaryFigures {
	visited: number | null;
	talked: number | null;
	notHome: number | null;
	other: number | null;
	themes: { theme: Theme; count: number | null; listenedFor: boolean }[];
	answers: ReturnType<typeof answerTally>;
}
const server = hookModule('lib/round-summary.js') as {
	MIN_GROUP: number;
	answerTally: typeof answerTally;
	doorFigures(talks: Talk[]): { visited: number; talked: number; notHome: number; other: number };
	themeCounts(talks: Talk[], listened: Theme[]): { theme: Theme; count: number }[];
	summaryFigures(
		listened: Theme[],
		questions: (Question & { personal: boolean })[],
		talks: Talk[]
	): SummaryFigures;
	roundStatus(
		startsOn: string,
		endsOn: string,
		today: string
	): { status: string; figuresFrom: string; settled: boolean };
};

const VALUES = ['a', 'b', 'c', 'd', 'e'];
const optionsOf = (values: string[]) => values.map((value) => ({ value, nl: value, en: value }));

/** Questions of every kind, ids q0, q1, …; choice options from VALUES. */
const questionsArb = fc
	.array(
		fc.record({
			kind: fc.constantFrom<QuestionKind>('text', 'choice', 'choices', 'yesno', 'number'),
			values: fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 2, maxLength: 5 }),
			personal: fc.boolean()
		}),
		{ minLength: 1, maxLength: 4 }
	)
	.map((drafts) =>
		drafts.map(({ kind, values, personal }, i) => ({
			id: `q${i}`,
			kind,
			options: kind === 'choice' || kind === 'choices' ? optionsOf(values) : null,
			personal
		}))
	);

/** Answers that fit, blank ones, and ones that fit no question or the wrong one. */
const answerArb = fc.oneof(
	{ arbitrary: fc.constantFrom('a', 'b', 'c', 'e'), weight: 6 },
	{ arbitrary: fc.boolean(), weight: 3 },
	{ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 2 },
	{ arbitrary: fc.integer({ min: -3, max: 130 }), weight: 2 },
	{ arbitrary: fc.subarray(VALUES, { maxLength: 3 }), weight: 3 },
	{
		arbitrary: fc.constantFrom(
			'',
			'  ',
			'x',
			'Meer groen',
			'y'.repeat(LIMITS.round.answerText + 1),
			` ${'y'.repeat(LIMITS.round.answerText)} `
		),
		weight: 1
	},
	{ arbitrary: fc.constantFrom(null, Number.NaN, Infinity, 2.5, ['a', 'a'], ['x'], {}), weight: 1 }
);

const THEME_POOL = THEMES.slice(0, 5) as Theme[];
const OUTCOMES: Outcome[] = ['talked', 'talked', 'not_home', 'declined', 'come_back_later'];

/** Conversations in March 2027 (mid-day, so the same day on any phone) at doors d0–d7 or none. */
const talksArb = fc.array(
	fc.record({
		address: fc.constantFrom('d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', ''),
		outcome: fc.constantFrom(...OUTCOMES),
		day: fc.integer({ min: 1, max: 31 }),
		minute: fc.integer({ min: 0, max: 59 }),
		themes: fc.subarray(THEME_POOL),
		answers: fc.dictionary(fc.constantFrom('q0', 'q1', 'q2', 'q3', 'q9'), answerArb)
	}),
	{ maxLength: 60 }
);

function conversationsOf(
	drafts: {
		address: string;
		outcome: Outcome;
		day: number;
		minute: number;
		themes: Theme[];
		answers: Record<string, unknown>;
	}[]
): RoundConversation[] {
	return drafts.map((draft, i) => ({
		id: `c${i}`,
		address: draft.address,
		worker: 'w1',
		heldAt: `2027-03-${String(draft.day).padStart(2, '0')} 11:${String(draft.minute).padStart(2, '0')}:00.000Z`,
		outcome: draft.outcome,
		walkList: 'L1',
		farFromAddress: false,
		themes: draft.themes,
		answers: draft.outcome === 'talked' ? (draft.answers as Answers) : null
	}));
}

const round = {
	startsOn: roundDate('2027-03-01'),
	endsOn: roundDate('2027-03-31'),
	themes: ['groen', 'taal'] as Theme[],
	target: null
};
const lists = [
	{
		id: 'L1',
		addresses: ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'],
		assignees: [],
		checkedOutBy: ''
	}
];
const repeat = <T>(value: T, times: number) => Array.from({ length: times }, () => value);

describe('the server’s summary agrees with the app', () => {
	it('uses the same smallest group', () => {
		expect(server.MIN_GROUP).toBe(MIN_GROUP);
	});

	it('tallies answers exactly as the app’s answerTally, on any input', () => {
		fc.assert(
			fc.property(
				questionsArb,
				talksArb,
				fc.integer({ min: 1, max: 6 }),
				(questions, drafts, min) => {
					const talks = conversationsOf(drafts);
					const app = answerTally(questions, talks, min);
					expect(server.answerTally(questions, talks, min)).toEqual(app);
					expect(server.answerTally(questions, talks)).toEqual(answerTally(questions, talks));
				}
			),
			{ numRuns: 300 }
		);
	});

	it('hides small counts as the app does, for any counts of a question’s options', () => {
		fc.assert(
			fc.property(
				fc.array(fc.nat(12), { minLength: 2, maxLength: 6 }),
				fc.constantFrom<QuestionKind>('choice', 'choices'),
				(counts, kind) => {
					const question = {
						id: 'q',
						kind,
						options: optionsOf(counts.map((_, i) => `o${i}`))
					};
					const talks = counts.flatMap((n, i) =>
						repeat({ answers: { q: kind === 'choice' ? `o${i}` : [`o${i}`] } }, n)
					);
					expect(server.answerTally([question], talks)).toEqual(answerTally([question], talks));
				}
			),
			{ numRuns: 500 }
		);
	});

	it('counts a text by its trimmed length, as the app checks it', () => {
		const text = { id: 'q', kind: 'text' as const, options: null };
		const max = LIMITS.round.answerText;
		const talks = [
			...repeat({ answers: { q: ` ${'y'.repeat(max)} ` } }, MIN_GROUP),
			{ answers: { q: 'y'.repeat(max + 1) } }
		];
		expect(server.answerTally([text], talks)).toEqual(answerTally([text], talks));
		expect(server.answerTally([text], talks)[0].answered).toBe(MIN_GROUP);
	});

	it('counts doors and themes as the app’s roundProgress does', () => {
		fc.assert(
			fc.property(talksArb, (drafts) => {
				const talks = conversationsOf(drafts);
				const app = roundProgress(round, lists, talks).round;
				const doors = server.doorFigures(talks);
				expect(doors).toEqual({
					visited: app.visited,
					talked: app.talked,
					notHome: app.notHome,
					other: app.declined + app.other
				});
				expect(server.themeCounts(talks, round.themes)).toEqual(app.themes);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('what the summary shows keeps the min-5 rule', () => {
	const small = (n: number | null) => n !== null && n > 0 && n < MIN_GROUP;

	it('never shows a small count, nor one that follows from a total by subtraction', () => {
		fc.assert(
			fc.property(questionsArb, talksArb, (questions, drafts) => {
				const talks = conversationsOf(drafts);
				const figures = server.summaryFigures(round.themes, questions, talks);
				const raw = server.doorFigures(talks);
				const parts = [figures.talked, figures.notHome, figures.other];
				expect([figures.visited, ...parts].some(small)).toBe(false);
				if (figures.visited === null) {
					expect(parts).toEqual([null, null, null]);
				} else {
					expect(figures.visited).toBe(raw.visited);
					// What the visited minus the shown parts gives is the hidden together: 0 or a group.
					const rest = figures.visited - parts.reduce<number>((sum, n) => sum + (n ?? 0), 0);
					expect(rest === 0 || rest >= MIN_GROUP).toBe(true);
					expect(parts.filter((n) => n === null).length).not.toBe(1);
				}
				for (const theme of figures.themes) {
					expect(small(theme.count)).toBe(false);
					if (!theme.listenedFor) expect(theme.count).toBeGreaterThanOrEqual(MIN_GROUP);
				}
				// Personal questions are left out; a text question is only counted.
				expect(figures.answers.map((a) => a.question)).toEqual(
					questions.filter((q) => !q.personal).map((q) => q.id)
				);
				for (const tally of figures.answers) {
					expect(small(tally.answered)).toBe(false);
					expect(tally.cells.some((cell) => small(cell.count))).toBe(false);
					if (tally.kind === 'text') expect(tally.cells).toEqual([]);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('shows a door count when the group is big enough, and hides a small one with another', () => {
		const door = (i: number, outcome: Outcome) => ({
			address: `d${i}`,
			outcome,
			heldAt: '2027-03-02 10:00:00.000Z',
			themes: outcome === 'talked' ? (['groen'] as Theme[]) : [],
			answers: null
		});
		const talks = [
			...repeat(0, 12).map((_, i) => door(i, 'talked')),
			...repeat(0, 6).map((_, i) => door(20 + i, 'not_home')),
			door(30, 'declined')
		];
		const figures = server.summaryFigures(['groen', 'taal'], [], talks);
		// One declined: hidden with the smallest other, not home (6).
		expect(figures).toMatchObject({ visited: 19, talked: 12, notHome: null, other: null });
		expect(figures.themes).toEqual([
			{ theme: 'groen', count: 12, listenedFor: true },
			{ theme: 'taal', count: 0, listenedFor: true }
		]);
		expect(server.summaryFigures([], [], talks.slice(0, 4))).toMatchObject({
			visited: null,
			talked: null
		});
	});
});

describe('roundStatus', () => {
	it('is planned, running (first and last day included) or ended, with figures a week on', () => {
		const status = (today: string) => server.roundStatus('2027-03-01', '2027-03-31', today);
		expect(status('2027-02-28')).toMatchObject({ status: 'planned', settled: false });
		expect(status('2027-03-01').status).toBe('running');
		expect(status('2027-03-31').status).toBe('running');
		expect(status('2027-04-01')).toEqual({
			status: 'ended',
			figuresFrom: '2027-04-07',
			settled: false
		});
		expect(status('2027-04-07')).toMatchObject({ status: 'ended', settled: true });
	});
});
