// A new conversation as the phone sends it to `conversations`: made in one place (the walk's form,
// a one-tap "niet thuis", a typed-in paper sheet), kept in the outbox as it is, and read back into
// the form when the server refused it, so the worker can fix it. Pure.
import type { AddressRecord } from '$lib/addresses/addresses';
import { answersForRound, type Answers, type RoundQuestion } from '$lib/rounds/rounds';
import type { GeoPoint } from '$lib/pocketbase/types';
import {
	isTheme,
	type ConsentScope,
	type GiftKind,
	type MentionKind,
	type Outcome,
	type Theme
} from '$lib/vocabulary/vocabulary';
import { emptyDraft, type ConversationDraft } from './conversation-draft';
import type { LocationSource } from './position';

export interface NewGift {
	kind: GiftKind;
	tag: string;
	themes: Theme[];
}

export interface NewMention {
	name: string;
	kind: MentionKind;
}

/** What the consent lets the server keep of the resident (it becomes a person, never stored here). */
export interface NewResident {
	firstName: string;
	contact: string;
	isKeyFigure: boolean;
}

export interface NewFollowUp {
	what: string;
	/** 'YYYY-MM-DD' */
	due?: string;
	/** A colleague's user id; the form never sets it, the server checks it. */
	assignee?: string;
}

/** What a talk adds to a visit: the resident's own words and what the consent allows. */
export interface TalkFields {
	themes: Theme[];
	wishes: string;
	willingToHelp: boolean;
	consent: ConsentScope[];
	language: string;
	gifts: NewGift[];
	mentions: NewMention[];
	connectTo: string[];
	resident: NewResident | null;
}

/** A conversation's record as the outbox sends it (its id is the outbox item's). */
export interface NewConversation extends Partial<TalkFields> {
	area: string;
	address: string;
	worker: string;
	/** ISO date and time. */
	heldAt: string;
	outcome: Outcome;
	location: GeoPoint;
	locationSource: LocationSource;
	notes?: string;
	followUp?: NewFollowUp | null;
	/** The walk list a talk was held on (`walk_lists` id): a talk of a round. */
	walkList?: string;
	/** Its answers to the round's questions, by question id (only with a `walkList`). */
	answers?: Answers;
}

/** The round a visit belongs to: the list she walks and its round's questions (asked of a talk). */
export interface TalkRound {
	walkList: string;
	questions: readonly Pick<RoundQuestion, 'id'>[];
}

/** Where a conversation took place and how that is known (`conversationLocation`, or the map). */
export interface ConversationPlace {
	location: GeoPoint;
	locationSource: LocationSource;
}

const blank = (text: string) => text.trim() === '';

/**
 * The record of a conversation at a door. Without a draft (one tap, a paper sheet) it is the
 * visit alone; with one, its blank parts are left out, and for anything but a talk only the notes
 * and the follow-up stay. A visit on a round's list (`round`) carries the list, whatever its
 * outcome, so the list's progress counts a "niet thuis" too; a talk also its answers to that
 * round's questions (`answersForRound`: others and blank ones left out; none: no `answers`).
 *
 * @example
 * newConversation({ door, worker: 'u1', heldAt: '2026-11-23T13:30:00.000Z', outcome: 'not_home',
 *   place: { location: door.location, locationSource: 'address' } })
 * // { area: door.area, address: door.id, worker: 'u1', heldAt: '2026-11-23T13:30:00.000Z',
 * //   outcome: 'not_home', location: door.location, locationSource: 'address' }
 */
export function newConversation(input: {
	door: Pick<AddressRecord, 'id' | 'area'>;
	worker: string;
	heldAt: string;
	outcome: Outcome;
	place: ConversationPlace;
	draft?: ConversationDraft;
	round?: TalkRound;
}): NewConversation {
	const { door, worker, heldAt, outcome, place, draft, round } = input;
	const visit: NewConversation = {
		area: door.area,
		address: door.id,
		worker,
		heldAt,
		outcome,
		location: place.location,
		locationSource: place.locationSource,
		...(round ? { walkList: round.walkList } : {})
	};
	if (!draft) return visit;
	const followUp = blank(draft.followUp.what)
		? null
		: {
				what: draft.followUp.what.trim(),
				...(draft.followUp.due ? { due: draft.followUp.due } : {})
			};
	const common = { ...visit, notes: draft.notes.trim(), followUp };
	if (outcome !== 'talked') return common;
	const talk = { ...common, ...talkFields(draft) };
	if (!round) return talk;
	const answers = answersForRound(round.questions, draft.answers);
	return Object.keys(answers).length > 0 ? { ...talk, answers } : talk;
}

function talkFields(draft: ConversationDraft): TalkFields {
	const firstName = draft.firstName.trim();
	const contact = draft.contact.trim();
	return {
		themes: [...draft.themes],
		wishes: draft.wishes.trim(),
		willingToHelp: draft.willingToHelp,
		consent: [...draft.consent],
		language: draft.language.trim(),
		gifts: draft.gifts.map((g) => ({
			kind: g.kind,
			tag: g.tag.trim(),
			themes: g.themes.filter(isTheme)
		})),
		mentions: draft.mentions.map((m) => ({ name: m.name.trim(), kind: m.kind })),
		connectTo: [...draft.connectTo],
		resident:
			firstName || contact || draft.isKeyFigure
				? { firstName, contact, isKeyFigure: draft.isKeyFigure }
				: null
	};
}

/**
 * The form's draft of a conversation, to fix one the server refused: what `newConversation` made
 * of a draft, read back. A follow-up's assignee has no place in the form and is dropped; the
 * talk's walk list is the caller's to keep (it is no part of the draft), its answers are.
 *
 * @example draftOfConversation(newConversation({ ..., draft })) // a draft equal to `draft`, trimmed
 */
export function draftOfConversation(conversation: NewConversation): ConversationDraft {
	const empty = emptyDraft();
	const resident = conversation.resident ?? null;
	return {
		themes: [...(conversation.themes ?? [])],
		wishes: conversation.wishes ?? '',
		willingToHelp: conversation.willingToHelp ?? false,
		consent: [...(conversation.consent ?? [])],
		firstName: resident?.firstName ?? '',
		contact: resident?.contact ?? '',
		isKeyFigure: resident?.isKeyFigure ?? false,
		gifts: (conversation.gifts ?? []).map((g) => ({ ...g, themes: [...g.themes] })),
		mentions: (conversation.mentions ?? []).map((m) => ({ ...m })),
		connectTo: [...(conversation.connectTo ?? [])],
		followUp: {
			what: conversation.followUp?.what ?? '',
			due: conversation.followUp?.due ?? ''
		},
		language: conversation.language ?? empty.language,
		notes: conversation.notes ?? '',
		answers: Object.fromEntries(
			Object.entries(conversation.answers ?? {}).map(([id, v]) => [
				id,
				Array.isArray(v) ? [...v] : v
			])
		)
	};
}
