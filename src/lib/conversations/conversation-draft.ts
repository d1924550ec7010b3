// What a worker fills in at the door beyond the outcome: the resident's worries and wishes, her
// gifts, consent, first name or contact, key-figure mark, initiatives to connect to, people she
// named and a follow-up; checked here against the consent before it goes into the outbox, by the
// same rules, limits, field names and error codes the server applies
// (pb_hooks/lib/conversation-growth.js, both reading the vocabulary in src/lib/vocabulary), so an
// offline worker hears of a problem at the door instead of days later; and the server's refusal
// in the same terms (draftErrorsFromServer). tests/integration/conversation-agreement.test.ts
// holds the two sides together. Pure.
import type { AssetRecord, GeoPoint } from '$lib/pocketbase/types';
import {
	DATE_PATTERN,
	LIMITS,
	isConsentScope,
	isConversationError,
	isGiftKind,
	isMentionKind,
	isTheme,
	type ConsentScope,
	type ConversationError,
	type GiftKind,
	type MentionKind,
	type Outcome,
	type Theme,
	type AssetKind
} from '$lib/vocabulary/vocabulary';
import {
	isBlankAnswer,
	validateAnswer,
	type AnswerValue,
	type RoundQuestion
} from '$lib/rounds/rounds';
import { distanceMeters } from './position';

export interface GiftDraft {
	kind: GiftKind;
	tag: string;
	themes: Theme[];
}

export interface MentionDraft {
	name: string;
	kind: MentionKind;
}

export interface ConversationDraft {
	themes: Theme[];
	wishes: string;
	willingToHelp: boolean;
	consent: ConsentScope[];
	firstName: string;
	contact: string;
	isKeyFigure: boolean;
	gifts: GiftDraft[];
	mentions: MentionDraft[];
	connectTo: string[];
	followUp: { what: string; due: string };
	language: string;
	notes: string;
	/** Answers to a round's extra questions, by question id; blank ('', [], null) is no answer. */
	answers: DraftAnswers;
}

/** What the round's fieldset holds: a number input that is empty gives null. */
export type DraftAnswers = Record<string, AnswerValue | null>;

/** What the draft's checks need of a round's question. */
export type DraftQuestion = Pick<RoundQuestion, 'id' | 'kind' | 'options'>;

export function emptyDraft(): ConversationDraft {
	return {
		themes: [],
		wishes: '',
		willingToHelp: false,
		consent: [],
		firstName: '',
		contact: '',
		isKeyFigure: false,
		gifts: [],
		mentions: [],
		connectTo: [],
		followUp: { what: '', due: '' },
		language: 'nl',
		notes: '',
		answers: {}
	};
}

/**
 * Why a field cannot be saved: the vocabulary's conversation error codes, the same the server
 * answers with. Each has a message `draft_error_<code>`.
 */
export type DraftError = ConversationError;

/** The fields of the form, as the server names them in its refusals too. */
export const DRAFT_FIELDS = [
	'consent',
	'gifts',
	'firstName',
	'contact',
	'isKeyFigure',
	'mentions',
	'connectTo',
	'followUp',
	'wishes',
	'notes',
	'language',
	'themes',
	// A round's answers; the server's refusals of the talk's `walkList` are shown here too.
	'answers'
] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

export type DraftErrors = Partial<Record<DraftField, DraftError>>;

const { person: PERSON, conversation: CONVERSATION } = LIMITS;
const blank = (text: string) => text.trim() === '';
const tooLong = (text: string, max: number) => text.trim().length > max;

/**
 * The problem of each answer that cannot be stored, by question id (blank answers are none), as
 * the server names it (`answer_invalid`, `too_long`).
 *
 * @example answerProblems([{ id: 'q1', kind: 'yesno', options: null }], { q1: 'ja' }) // { q1: 'answer_invalid' }
 */
export function answerProblems(
	questions: readonly DraftQuestion[],
	answers: DraftAnswers
): Record<string, DraftError> {
	const problems: Record<string, DraftError> = {};
	for (const question of questions) {
		const value = answers[question.id];
		if (isBlankAnswer(value)) continue;
		const problem = validateAnswer(question, value);
		if (problem) problems[question.id] = problem === 'invalid' ? 'answer_invalid' : problem;
	}
	return problems;
}

/**
 * The problems of a draft for an outcome; empty when it can be saved. The rules, their order and
 * the codes are the server's (`checkExtras` in pb_hooks/lib/conversation-growth.js): the first
 * problem of a field is the one named. Only a talk carries the resident's words, so for other
 * outcomes only the notes and the follow-up count. What the phone cannot know offline (a
 * follow-up's assignee, initiatives outside her areas, whether the door is on her list) only the
 * server checks. A talk's answers to the round's `questions` are checked as the server checks
 * them, by question id; answers to questions not given are left out of the body (newConversation),
 * so they are no problem here.
 *
 * @example validateDraft('talked', { ...emptyDraft(), firstName: 'Jan' }) // { firstName: 'consent_needed_first_name' }
 */
export function validateDraft(
	outcome: Outcome,
	draft: ConversationDraft,
	questions: readonly DraftQuestion[] = []
): DraftErrors {
	const errors: DraftErrors = {};
	const fail = (field: DraftField, code: DraftError) => {
		errors[field] ??= code;
	};
	const has = (c: ConsentScope) => draft.consent.includes(c);
	if (outcome === 'talked') {
		if (!draft.consent.every(isConsentScope)) fail('consent', 'invalid');
		else if (has('anonymous') && has('first_name')) fail('consent', 'consent_contradicts');
		if (!draft.themes.every(isTheme)) fail('themes', 'unknown_theme');

		// A gift's unknown themes are left out of the body (newConversation), so they are not a problem.
		if (draft.gifts.length > CONVERSATION.gifts) fail('gifts', 'too_many');
		for (const gift of draft.gifts) {
			if (!isGiftKind(gift.kind)) fail('gifts', 'invalid');
			else if (blank(gift.tag) || tooLong(gift.tag, CONVERSATION.giftTag)) {
				fail('gifts', 'gift_incomplete');
			}
		}
		if (draft.gifts.length > 0 && draft.consent.length === 0) fail('gifts', 'consent_needed_gifts');

		if (!blank(draft.firstName) && !has('first_name'))
			fail('firstName', 'consent_needed_first_name');
		else if (tooLong(draft.firstName, PERSON.firstName)) fail('firstName', 'too_long');
		if (!blank(draft.contact) && !has('contact')) fail('contact', 'consent_needed_contact');
		else if (tooLong(draft.contact, PERSON.contact)) fail('contact', 'too_long');
		if (draft.isKeyFigure && draft.consent.length === 0) {
			fail('isKeyFigure', 'consent_needed_key_figure');
		}

		if (draft.mentions.length > CONVERSATION.mentions) fail('mentions', 'too_many');
		for (const mention of draft.mentions) {
			if (!isMentionKind(mention.kind)) fail('mentions', 'invalid');
			else if (blank(mention.name) || tooLong(mention.name, CONVERSATION.mentionName)) {
				fail('mentions', 'mention_incomplete');
			}
		}

		// The server keeps each initiative once.
		if (new Set(draft.connectTo).size > CONVERSATION.connectTo) fail('connectTo', 'too_many');
		if (tooLong(draft.wishes, CONVERSATION.wishes)) fail('wishes', 'too_long');
		if (tooLong(draft.language, CONVERSATION.language)) fail('language', 'too_long');
		// The server checks the answers in the order it holds them: PocketBase keeps a JSON object
		// with its keys sorted (Go's encoding/json), so by question id, whatever order they came in.
		const problems = answerProblems(questions, draft.answers);
		const [first] = Object.keys(problems).sort();
		if (first) fail('answers', problems[first]);
	}
	// A follow-up without words is left out (newConversation), its date with it.
	const { what, due } = draft.followUp;
	if (tooLong(what, CONVERSATION.followUpWhat)) fail('followUp', 'too_long');
	else if (!blank(what) && due && !DATE_PATTERN.test(due)) fail('followUp', 'date_invalid');
	if (tooLong(draft.notes, CONVERSATION.notes)) fail('notes', 'too_long');
	return errors;
}

const isDraftField = (field: string): field is DraftField =>
	(DRAFT_FIELDS as readonly string[]).includes(field);

/**
 * A server's refusal of a conversation in the form's terms: the `response.data` of PocketBase's
 * ClientResponseError (`{ field: { code, message } }`) as errors of the form's fields, and the
 * messages of errors on fields the form does not have (area, address, worker, …; the field's name
 * when the server gave no message). A form field with a code outside the vocabulary (one of
 * PocketBase's own) is `invalid`. The form has no field for the talk's walk list: its problems
 * (`not_on_list`, `not_your_list`, …) are shown at the answers, unless they have their own.
 *
 * @example draftErrorsFromServer({ firstName: { code: 'too_long', message: 'Voornaam: hoogstens 100 tekens.' } }) // { fields: { firstName: 'too_long' }, other: [] }
 */
export function draftErrorsFromServer(data: unknown): { fields: DraftErrors; other: string[] } {
	const fields: DraftErrors = {};
	const other: string[] = [];
	let listProblem: DraftError | undefined;
	if (!data || typeof data !== 'object' || Array.isArray(data)) return { fields, other };
	for (const [field, error] of Object.entries(data)) {
		const { code, message } = (error && typeof error === 'object' ? error : {}) as {
			code?: unknown;
			message?: unknown;
		};
		const known = isConversationError(code) ? code : 'invalid';
		if (isDraftField(field)) fields[field] = known;
		else if (field === 'walkList') listProblem = known;
		else other.push(typeof message === 'string' && message ? message : field);
	}
	if (listProblem) fields.answers ??= listProblem;
	return { fields, other };
}

/** What a talk can be connected to: groups and initiatives a resident can join or support. */
export const CONNECTABLE_KINDS: readonly AssetKind[] = [
	'initiative',
	'association',
	'place',
	'institution'
];

/**
 * The assets a talk at `door` can be connected to, nearest first; with a query, only those whose
 * title contains it (any case). Ended ones are left out.
 */
export function connectableAssets(
	assets: readonly AssetRecord[],
	door: GeoPoint | null,
	query: string,
	limit = 8
): { asset: AssetRecord; metres: number | null }[] {
	const needle = query.trim().toLocaleLowerCase('nl');
	return assets
		.filter(
			(a) =>
				CONNECTABLE_KINDS.includes(a.kind) &&
				a.status !== 'ended' &&
				(!needle || a.title.toLocaleLowerCase('nl').includes(needle))
		)
		.map((asset) => ({ asset, metres: door ? distanceMeters(door, asset.location) : null }))
		.sort((a, b) => (a.metres ?? 0) - (b.metres ?? 0) || a.asset.title.localeCompare(b.asset.title))
		.slice(0, limit);
}
