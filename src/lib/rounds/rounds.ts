// Listening rounds (rondes): the records as the app reads them (README.md, "The data model"), a
// round's status by date, the round form's checks, and a talk's answers to a round's extra
// questions. Pure. The answer rule is the one the server holds in its hooks; keep them alike.
import type { BaseRecord } from '$lib/pocketbase/types';
import {
	LIMITS,
	isQuestionKind,
	isTheme,
	type ConversationError,
	type QuestionKind,
	type Theme
} from '$lib/vocabulary/vocabulary';

/** What a round aims for; either may be left out. */
export interface RoundTarget {
	/** Doors visited. */
	doors?: number;
	/** Talks held. */
	talks?: number;
}

/** `rounds`. Dates are PocketBase dates; their day is the date part ('2027-03-01 12:00:00.000Z'). */
export interface RoundRecord extends BaseRecord {
	name: string;
	/** Id of the `purposes` record consent is asked for. */
	purpose: string;
	startsOn: string;
	endsOn: string;
	/** Ids of the target `areas` (buurten). */
	areas: string[];
	/** Street labels as `streetLabeller` makes them; null or empty: every street of the areas. */
	streets: string[] | null;
	/** The themes it listens for ([] for none). */
	themes: Theme[];
	target: RoundTarget | null;
	createdBy: string;
	isDemo?: boolean;
}

/** One option of a choice or choices question: the stored value and its label in both languages. */
export interface QuestionOption {
	value: string;
	nl: string;
	en: string;
}

/** `round_questions`. */
export interface RoundQuestion extends BaseRecord {
	round: string;
	position: number;
	kind: QuestionKind;
	textNl: string;
	textEn: string;
	/** For choice and choices; null (or []) for the other kinds. */
	options: QuestionOption[] | null;
	/** Its answers are personal data: retention clears them with the talk's other personal parts. */
	personal: boolean;
}

/** `walk_lists`. */
export interface WalkListRecord extends BaseRecord {
	round: string;
	name: string;
	/** Ids of its doors (`addresses`); the door count is their number. */
	addresses: string[];
	/** Ids of the `users` it is meant for: a worker or a pair; [] for anyone of its areas. */
	assignees: string[];
	/** The last day it holds (a PocketBase date), or '' for no end. */
	expiresOn: string;
	/** Id of the user who checked it out, or ''. */
	checkedOutBy: string;
	checkedOutAt: string;
}

/** An answer as stored in a talk's `answers`: text, choice, choices, yesno, number. */
export type AnswerValue = string | string[] | boolean | number;

/** A talk's `answers`: question id ▸ value. */
export type Answers = Record<string, AnswerValue>;

export type RoundStatus = 'planned' | 'running' | 'ended';

/** A local calendar day as 'YYYY-MM-DD'. */
export function localDay(moment: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

/**
 * The day of a stored date: its date part. The app writes a day as noon UTC
 * (`roundDate`), as follow-ups do, so the date part is the day that was picked.
 *
 * @example dayOf('2027-03-01 12:00:00.000Z') // '2027-03-01'
 */
export function dayOf(value: string): string {
	return value.trim().slice(0, 10);
}

/**
 * A picked day ('YYYY-MM-DD') as the PocketBase date to store: noon UTC, which is that same day
 * wherever in Europe the phone is.
 *
 * @example roundDate('2027-03-01') // '2027-03-01 12:00:00.000Z'
 */
export function roundDate(day: string): string {
	return `${day} 12:00:00.000Z`;
}

/**
 * Whether a round is still to come, running or over on `today` (the phone's calendar day; both
 * its first and last day count as running).
 *
 * @example roundStatus({ startsOn: '2027-03-01 12:00:00.000Z', endsOn: '2027-03-31 12:00:00.000Z' }, new Date(2027, 2, 31)) // 'running'
 */
export function roundStatus(
	round: Pick<RoundRecord, 'startsOn' | 'endsOn'>,
	today: Date
): RoundStatus {
	const day = localDay(today);
	if (day < dayOf(round.startsOn)) return 'planned';
	if (day > dayOf(round.endsOn)) return 'ended';
	return 'running';
}

/** Whether a local calendar day falls within a round's period, first and last day included. */
export function inPeriod(round: Pick<RoundRecord, 'startsOn' | 'endsOn'>, day: string): boolean {
	return day >= dayOf(round.startsOn) && day <= dayOf(round.endsOn);
}

/** Why the round form refuses a field. */
export const ROUND_ERRORS = [
	'required',
	'too_long',
	'too_many',
	'too_few',
	'duplicate',
	'date_invalid',
	'ends_before_start',
	'unknown_theme',
	'invalid',
	// The server's alone: an area (or the round's) that is not hers (403 from the hooks).
	'outside_areas'
] as const;
export type RoundError = (typeof ROUND_ERRORS)[number];

/** An extra question as the round form holds it. */
export interface QuestionDraft {
	/** The stored question it edits; none for a new one. */
	id?: string;
	kind: QuestionKind;
	textNl: string;
	textEn: string;
	/** Used for choice and choices only; ignored for the other kinds. */
	options: QuestionOption[];
	personal: boolean;
}

/** The round form. Days are 'YYYY-MM-DD' (an `<input type="date">`), '' when not picked. */
export interface RoundDraft {
	name: string;
	purpose: string;
	startsOn: string;
	endsOn: string;
	areas: string[];
	/**
	 * The target streets, as `streetLabeller` labels them; [] for every street of the areas.
	 * Left out: the stored streets stay as they are.
	 */
	streets?: string[];
	themes: Theme[];
	target: RoundTarget;
	questions: QuestionDraft[];
}

export interface OptionErrors {
	value?: RoundError;
	nl?: RoundError;
	en?: RoundError;
}

export interface QuestionErrors {
	kind?: RoundError;
	textNl?: RoundError;
	textEn?: RoundError;
	/** The number of options. */
	options?: RoundError;
	/** Per option, by its index. */
	option?: Record<number, OptionErrors>;
}

/** The round form's errors per field; `question` per question, by its index. Empty: valid. */
export type RoundDraftErrors = Partial<
	Record<
		| 'name'
		| 'purpose'
		| 'startsOn'
		| 'endsOn'
		| 'areas'
		| 'streets'
		| 'themes'
		| 'target'
		| 'questions',
		RoundError
	>
> & { question?: Record<number, QuestionErrors> };

const ROUND = LIMITS.round;
const KINDS_WITH_OPTIONS: readonly QuestionKind[] = ['choice', 'choices'];

/** A text's problem: blank, or over `max` characters once trimmed. */
function textError(text: string, max: number): RoundError | undefined {
	const trimmed = text.trim();
	if (trimmed === '') return 'required';
	if (trimmed.length > max) return 'too_long';
	return undefined;
}

/** Whether 'YYYY-MM-DD' is a day of the calendar (not 2027-02-30). */
function isDay(day: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
	if (!match) return false;
	const [year, month, date] = match.slice(1).map(Number);
	const moment = new Date(Date.UTC(year, month - 1, date));
	return moment.getUTCMonth() === month - 1 && moment.getUTCDate() === date;
}

const isCount = (value: unknown) =>
	value === undefined || (typeof value === 'number' && Number.isInteger(value) && value >= 0);

function validateQuestion(question: QuestionDraft): QuestionErrors {
	const errors: QuestionErrors = {};
	if (!isQuestionKind(question.kind)) errors.kind = 'invalid';
	const nl = textError(question.textNl, ROUND.questionText);
	if (nl) errors.textNl = nl;
	const en = textError(question.textEn, ROUND.questionText);
	if (en) errors.textEn = en;
	if (!KINDS_WITH_OPTIONS.includes(question.kind)) return errors;

	if (question.options.length < 2) errors.options = 'too_few';
	else if (question.options.length > ROUND.options) errors.options = 'too_many';
	const option: Record<number, OptionErrors> = {};
	const seen = new Set<string>();
	question.options.forEach((choice, index) => {
		const found: OptionErrors = {};
		const value = choice.value.trim();
		const valueError = textError(choice.value, ROUND.optionText);
		if (valueError) found.value = valueError;
		// The later of two equal values is the one to change.
		else if (seen.has(value)) found.value = 'duplicate';
		seen.add(value);
		const nlError = textError(choice.nl, ROUND.optionText);
		if (nlError) found.nl = nlError;
		const enError = textError(choice.en, ROUND.optionText);
		if (enError) found.en = enError;
		if (Object.keys(found).length > 0) option[index] = found;
	});
	if (Object.keys(option).length > 0) errors.option = option;
	return errors;
}

/**
 * The round form's problems, per field, with a code each; an empty object when it can be saved.
 * Name and purpose required, the name at most `LIMITS.round.name` characters (trimmed); both days
 * real days, the last not before the first; at least one area; street labels not blank and at
 * most twice `LIMITS.round.name` (as the server holds them); known themes; target counts whole
 * and not negative; at most `LIMITS.round.questions` questions, each of a known kind with an NL
 * and an EN text of at most `LIMITS.round.questionText`; a choice or choices question 2 to
 * `LIMITS.round.options` options, each with a value (unique within the question) and both
 * labels, of at most `LIMITS.round.optionText`.
 *
 * @example validateRoundDraft({ ...draft, name: '', endsOn: '2027-02-01', startsOn: '2027-03-01' })
 * // { name: 'required', endsOn: 'ends_before_start' }
 */
export function validateRoundDraft(draft: RoundDraft): RoundDraftErrors {
	const errors: RoundDraftErrors = {};
	const name = textError(draft.name, ROUND.name);
	if (name) errors.name = name;
	if (draft.purpose.trim() === '') errors.purpose = 'required';

	const startsOn = draft.startsOn.trim();
	const endsOn = draft.endsOn.trim();
	if (startsOn === '') errors.startsOn = 'required';
	else if (!isDay(startsOn)) errors.startsOn = 'date_invalid';
	if (endsOn === '') errors.endsOn = 'required';
	else if (!isDay(endsOn)) errors.endsOn = 'date_invalid';
	else if (!errors.startsOn && endsOn < startsOn) errors.endsOn = 'ends_before_start';

	if (draft.areas.length === 0) errors.areas = 'required';
	if (draft.streets?.some((street) => textError(street, ROUND.name * 2)))
		errors.streets = 'invalid';
	if (!draft.themes.every(isTheme)) errors.themes = 'unknown_theme';
	if (!isCount(draft.target.doors) || !isCount(draft.target.talks)) errors.target = 'invalid';

	if (draft.questions.length > ROUND.questions) errors.questions = 'too_many';
	const question: Record<number, QuestionErrors> = {};
	draft.questions.forEach((q, index) => {
		const found = validateQuestion(q);
		if (Object.keys(found).length > 0) question[index] = found;
	});
	if (Object.keys(question).length > 0) errors.question = question;
	return errors;
}

const optionValues = (question: Pick<RoundQuestion, 'options'>) =>
	new Set((question.options ?? []).map((option) => option.value));

/**
 * Whether a value can be stored as the answer to a question: null when it can, else the
 * conversation error code the server answers with too. Text: a string of at most
 * `LIMITS.round.answerText` characters once trimmed. Choice: one of its option values. Choices:
 * a list of its option values, none twice. Yesno: true or false. Number: a finite number.
 * A blank answer ('' or []) passes: `answersForRound` leaves it out.
 *
 * @example validateAnswer({ kind: 'yesno', options: null }, 'ja') // 'invalid'
 * @example validateAnswer({ kind: 'choices', options }, ['groen', 'groen']) // 'invalid'
 */
export function validateAnswer(
	question: Pick<RoundQuestion, 'kind' | 'options'>,
	value: unknown
): ConversationError | null {
	switch (question.kind) {
		case 'text':
			if (typeof value !== 'string') return 'invalid';
			return value.trim().length > ROUND.answerText ? 'too_long' : null;
		case 'choice':
			return typeof value === 'string' && optionValues(question).has(value) ? null : 'invalid';
		case 'choices': {
			if (!Array.isArray(value)) return 'invalid';
			const values = optionValues(question);
			const fits = value.every((v) => typeof v === 'string' && values.has(v));
			return fits && new Set(value).size === value.length ? null : 'invalid';
		}
		case 'yesno':
			return typeof value === 'boolean' ? null : 'invalid';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value) ? null : 'invalid';
		default:
			return 'invalid';
	}
}

/** Whether an answer says nothing: missing, blank text or no choices. */
export function isBlankAnswer(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.length === 0;
	return false;
}

/**
 * The `answers` to store with a talk: only this round's questions, blank answers left out,
 * texts trimmed ({} when nothing is left: send no `answers` then, as a talk without a list must).
 *
 * @example answersForRound(questions, { q1: '  ja ', q2: '', q3: [], other: true }) // { q1: 'ja' }
 */
export function answersForRound(
	questions: readonly Pick<RoundQuestion, 'id'>[],
	answers: Readonly<Record<string, AnswerValue | null | undefined>>
): Answers {
	const kept: Answers = {};
	for (const { id } of questions) {
		const value = answers[id];
		if (value === undefined || value === null || isBlankAnswer(value)) continue;
		kept[id] = typeof value === 'string' ? value.trim() : value;
	}
	return kept;
}

/**
 * The round form's draft: empty for a new round, else the stored round with its questions (days
 * as 'YYYY-MM-DD', every list and option copied, so editing the form never touches the record).
 *
 * @example draftOfRound().name // ''
 */
export function draftOfRound(
	round?: Omit<RoundRecord, keyof BaseRecord | 'createdBy'> & { questions: RoundQuestion[] }
): RoundDraft {
	if (!round) {
		return {
			name: '',
			purpose: '',
			startsOn: '',
			endsOn: '',
			areas: [],
			streets: [],
			themes: [],
			target: {},
			questions: []
		};
	}
	return {
		name: round.name,
		purpose: round.purpose,
		startsOn: dayOf(round.startsOn),
		endsOn: dayOf(round.endsOn),
		areas: [...round.areas],
		streets: [...(round.streets ?? [])],
		themes: [...round.themes],
		target: { ...round.target },
		questions: round.questions.map((q) => ({
			id: q.id,
			kind: q.kind,
			textNl: q.textNl,
			textEn: q.textEn,
			options: (q.options ?? []).map((option) => ({ ...option })),
			personal: q.personal
		}))
	};
}
