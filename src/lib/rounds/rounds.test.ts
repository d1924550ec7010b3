// Guards a round's status by the phone's calendar day, the round form's checks (fields, period,
// questions and their options), the form's draft of a stored round, the answer rule per question kind and the answers a talk keeps.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '$lib/vocabulary/vocabulary';
import {
	answersForRound,
	dayOf,
	draftOfRound,
	inPeriod,
	roundDate,
	roundStatus,
	validateAnswer,
	validateRoundDraft,
	type QuestionDraft,
	type RoundDraft
} from './rounds';

const round = { startsOn: roundDate('2027-03-01'), endsOn: roundDate('2027-03-31') };

describe('roundStatus', () => {
	it('is planned before the first day, running through the last, ended after', () => {
		expect(roundStatus(round, new Date(2027, 1, 28, 23, 59))).toBe('planned');
		expect(roundStatus(round, new Date(2027, 2, 1, 0, 0))).toBe('running');
		expect(roundStatus(round, new Date(2027, 2, 31, 23, 59))).toBe('running');
		expect(roundStatus(round, new Date(2027, 3, 1, 0, 0))).toBe('ended');
	});

	it('reads a stored day by its date part, and a round of one day runs that day', () => {
		expect(dayOf('2027-03-01 12:00:00.000Z')).toBe('2027-03-01');
		const oneDay = { startsOn: roundDate('2027-03-05'), endsOn: roundDate('2027-03-05') };
		expect(roundStatus(oneDay, new Date(2027, 2, 5, 8))).toBe('running');
		expect(inPeriod(oneDay, '2027-03-05')).toBe(true);
		expect(inPeriod(oneDay, '2027-03-06')).toBe(false);
	});
});

const question = (over: Partial<QuestionDraft> = {}): QuestionDraft => ({
	kind: 'choice',
	textNl: 'Wat is uw favoriete plek?',
	textEn: 'What is your favourite place?',
	options: [
		{ value: 'park', nl: 'Het park', en: 'The park' },
		{ value: 'plein', nl: 'Het plein', en: 'The square' }
	],
	personal: false,
	...over
});

const draft = (over: Partial<RoundDraft> = {}): RoundDraft => ({
	name: 'Voorjaar Selwerd-Noord',
	purpose: 'p1',
	startsOn: '2027-03-01',
	endsOn: '2027-03-31',
	areas: ['b1'],
	themes: ['groen'],
	target: { doors: 200 },
	questions: [question()],
	...over
});

describe('validateRoundDraft', () => {
	it('passes a complete round', () => {
		expect(validateRoundDraft(draft())).toEqual({});
	});

	it('needs a name within the limit, a purpose and an area', () => {
		expect(validateRoundDraft(draft({ name: '  ', purpose: '', areas: [] }))).toEqual({
			name: 'required',
			purpose: 'required',
			areas: 'required'
		});
		expect(validateRoundDraft(draft({ name: 'x'.repeat(LIMITS.round.name) }))).toEqual({});
		expect(validateRoundDraft(draft({ name: 'x'.repeat(LIMITS.round.name + 1) }))).toEqual({
			name: 'too_long'
		});
	});

	it('needs a real period whose end is not before its start', () => {
		expect(validateRoundDraft(draft({ startsOn: '', endsOn: '2027-02-30' }))).toEqual({
			startsOn: 'required',
			endsOn: 'date_invalid'
		});
		expect(validateRoundDraft(draft({ startsOn: '2027-03-02', endsOn: '2027-03-01' }))).toEqual({
			endsOn: 'ends_before_start'
		});
		expect(validateRoundDraft(draft({ startsOn: '2027-03-01', endsOn: '2027-03-01' }))).toEqual({});
	});

	it('refuses unknown themes and a target that is no whole count', () => {
		expect(
			validateRoundDraft(draft({ themes: ['Groen' as 'groen'], target: { talks: -1 } }))
		).toEqual({ themes: 'unknown_theme', target: 'invalid' });
		expect(validateRoundDraft(draft({ target: { doors: 2.5 } }))).toEqual({ target: 'invalid' });
	});

	it('holds at most the limit of questions, each with both texts within the limit', () => {
		const many = Array.from({ length: LIMITS.round.questions + 1 }, () => question());
		expect(validateRoundDraft(draft({ questions: many }))).toEqual({ questions: 'too_many' });
		const long = 'x'.repeat(LIMITS.round.questionText + 1);
		expect(
			validateRoundDraft(
				draft({ questions: [question(), question({ kind: 'text', textNl: '', textEn: long })] })
			)
		).toEqual({ question: { 1: { textNl: 'required', textEn: 'too_long' } } });
	});

	it('gives a choice 2 to the limit of options with unique values and both labels', () => {
		const option = (value: string) => ({ value, nl: value, en: value });
		expect(
			validateRoundDraft(draft({ questions: [question({ options: [option('a')] })] }))
		).toEqual({ question: { 0: { options: 'too_few' } } });
		const tooMany = Array.from({ length: LIMITS.round.options + 1 }, (_, i) => option(`o${i}`));
		expect(
			validateRoundDraft(draft({ questions: [question({ kind: 'choices', options: tooMany })] }))
		).toEqual({ question: { 0: { options: 'too_many' } } });
		const long = 'x'.repeat(LIMITS.round.optionText + 1);
		const options = [
			option('a'),
			{ value: 'a', nl: 'A', en: '' },
			{ value: ' ', nl: long, en: 'B' }
		];
		expect(validateRoundDraft(draft({ questions: [question({ options })] }))).toEqual({
			question: {
				0: {
					option: {
						1: { value: 'duplicate', en: 'required' },
						2: { value: 'required', nl: 'too_long' }
					}
				}
			}
		});
	});

	it('ignores options on kinds that have none', () => {
		expect(
			validateRoundDraft(draft({ questions: [question({ kind: 'yesno', options: [] })] }))
		).toEqual({});
	});
});

describe('validateAnswer', () => {
	const options = [
		{ value: 'park', nl: 'Park', en: 'Park' },
		{ value: 'plein', nl: 'Plein', en: 'Square' }
	];

	it('takes text as a string within the limit once trimmed', () => {
		const text = { kind: 'text' as const, options: null };
		expect(validateAnswer(text, 'Meer bankjes')).toBeNull();
		expect(validateAnswer(text, ` ${'x'.repeat(LIMITS.round.answerText)} `)).toBeNull();
		expect(validateAnswer(text, 'x'.repeat(LIMITS.round.answerText + 1))).toBe('too_long');
		expect(validateAnswer(text, 12)).toBe('invalid');
	});

	it('takes one option value for a choice, distinct option values for choices', () => {
		expect(validateAnswer({ kind: 'choice', options }, 'park')).toBeNull();
		expect(validateAnswer({ kind: 'choice', options }, 'bos')).toBe('invalid');
		expect(validateAnswer({ kind: 'choice', options }, ['park'])).toBe('invalid');
		expect(validateAnswer({ kind: 'choices', options }, ['park', 'plein'])).toBeNull();
		expect(validateAnswer({ kind: 'choices', options }, ['park', 'park'])).toBe('invalid');
		expect(validateAnswer({ kind: 'choices', options }, ['bos'])).toBe('invalid');
		expect(validateAnswer({ kind: 'choices', options }, 'park')).toBe('invalid');
	});

	it('takes a boolean for yes/no and a finite number for a number', () => {
		expect(validateAnswer({ kind: 'yesno', options: null }, false)).toBeNull();
		expect(validateAnswer({ kind: 'yesno', options: null }, 'ja')).toBe('invalid');
		expect(validateAnswer({ kind: 'number', options: null }, -3.5)).toBeNull();
		expect(validateAnswer({ kind: 'number', options: null }, Number.NaN)).toBe('invalid');
		expect(validateAnswer({ kind: 'number', options: null }, Infinity)).toBe('invalid');
		expect(validateAnswer({ kind: 'number', options: null }, '4')).toBe('invalid');
	});
});

describe('answersForRound', () => {
	it("keeps only the round's questions, without blank answers, texts trimmed", () => {
		const questions = [{ id: 'q1' }, { id: 'q2' }, { id: 'q3' }, { id: 'q4' }, { id: 'q5' }];
		expect(
			answersForRound(questions, {
				q1: '  bankjes ',
				q2: '   ',
				q3: [],
				q4: false,
				q5: 0,
				other: 'van een andere ronde'
			})
		).toEqual({ q1: 'bankjes', q4: false, q5: 0 });
		expect(answersForRound(questions, { q2: '', q3: null })).toEqual({});
	});
});

describe('draftOfRound', () => {
	const stored = {
		name: 'Voorjaar Selwerd',
		purpose: 'p1',
		startsOn: roundDate('2027-03-01'),
		endsOn: roundDate('2027-03-31'),
		areas: ['b1'],
		streets: null,
		themes: ['groen' as const],
		target: null,
		questions: [
			{
				id: 'q1',
				collectionId: 'c',
				collectionName: 'round_questions',
				created: '',
				updated: '',
				round: 'r1',
				position: 0,
				kind: 'choice' as const,
				textNl: 'Wat?',
				textEn: 'What?',
				options: [{ value: 'a', nl: 'A', en: 'A' }],
				personal: true
			}
		]
	};

	it('is empty for a new round, and a valid one only once filled in', () => {
		const empty = draftOfRound();
		expect(empty).toEqual({
			name: '',
			purpose: '',
			startsOn: '',
			endsOn: '',
			areas: [],
			streets: [],
			themes: [],
			target: {},
			questions: []
		});
		expect(validateRoundDraft(empty)).toMatchObject({ name: 'required', areas: 'required' });
	});

	it('gives a stored round back as the days picked, with copies of its lists', () => {
		const draft = draftOfRound(stored);
		expect(draft).toMatchObject({ startsOn: '2027-03-01', endsOn: '2027-03-31', target: {} });
		expect(draft.questions).toEqual([
			{
				id: 'q1',
				kind: 'choice',
				textNl: 'Wat?',
				textEn: 'What?',
				options: [{ value: 'a', nl: 'A', en: 'A' }],
				personal: true
			}
		]);
		draft.areas.push('b2');
		draft.questions[0].options[0].nl = 'B';
		expect(stored.areas).toEqual(['b1']);
		expect(stored.questions[0].options[0].nl).toBe('A');
	});

	it('carries the stored streets (none stored: every street), as a copy', () => {
		expect(draftOfRound(stored).streets).toEqual([]);
		const named = { ...stored, streets: ['Wolgadreef', 'Kerkstraat, Utrecht'] };
		const draft = draftOfRound(named);
		expect(draft.streets).toEqual(['Wolgadreef', 'Kerkstraat, Utrecht']);
		draft.streets!.push('Amazonedreef');
		expect(named.streets).toHaveLength(2);
		expect(validateRoundDraft({ ...draft, name: 'R' })).not.toHaveProperty('streets');
	});
});

describe('validateRoundDraft: streets', () => {
	it('refuses a blank street label or one longer than the server keeps', () => {
		const long = 'x'.repeat(LIMITS.round.name * 2 + 1);
		expect(validateRoundDraft(draft({ streets: ['Wolgadreef', ' '] })).streets).toBe('invalid');
		expect(validateRoundDraft(draft({ streets: [long] })).streets).toBe('invalid');
		expect(validateRoundDraft(draft({ streets: ['Wolgadreef'] }))).toEqual({});
		expect(validateRoundDraft(draft({ streets: undefined }))).toEqual({});
	});
});
