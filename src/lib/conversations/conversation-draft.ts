// What a worker fills in at the door beyond the outcome: the resident's worries and wishes, her
// gifts, consent, first name or contact, key-figure mark, initiatives to connect to, people she
// named and a follow-up; checked here against the consent before it goes into the outbox, by the
// same rules the server applies (pb_hooks/lib/conversation-growth.js), so an offline worker hears
// of a problem at the door instead of days later. Pure.
import type { AssetKind, AssetRecord, GeoPoint, Gift } from '$lib/pocketbase/types';
import type { Theme } from '$lib/themes/themes';
import { distanceMeters } from './position';
import type { Consent, Outcome } from './walk-list';

export interface GiftDraft {
	kind: Gift;
	tag: string;
	themes: Theme[];
}

export const MENTION_KINDS = ['person', 'group'] as const;
export type MentionKind = (typeof MENTION_KINDS)[number];

export interface MentionDraft {
	name: string;
	kind: MentionKind;
}

export interface ConversationDraft {
	themes: Theme[];
	wishes: string;
	willingToHelp: boolean;
	consent: Consent[];
	firstName: string;
	contact: string;
	isKeyFigure: boolean;
	gifts: GiftDraft[];
	mentions: MentionDraft[];
	connectTo: string[];
	followUp: { what: string; due: string };
	language: string;
	notes: string;
}

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
		notes: ''
	};
}

/** Why a field cannot be saved; each has a message `draft_error_<code>`. */
export type DraftError =
	| 'consent_contradicts'
	| 'consent_needed_gifts'
	| 'consent_needed_first_name'
	| 'consent_needed_contact'
	| 'consent_needed_key_figure'
	| 'gift_incomplete'
	| 'mention_incomplete'
	| 'too_long'
	| 'date_invalid';

export type DraftField =
	| 'consent'
	| 'gifts'
	| 'firstName'
	| 'contact'
	| 'isKeyFigure'
	| 'mentions'
	| 'followUp'
	| 'wishes'
	| 'notes'
	| 'language';

export type DraftErrors = Partial<Record<DraftField, DraftError>>;

const LIMITS = { firstName: 100, contact: 500, wishes: 2000, notes: 10000, language: 35 } as const;
const blank = (text: string) => text.trim() === '';

/**
 * The problems of a draft for an outcome; empty when it can be saved. Only a talk carries the
 * resident's words, so for other outcomes only the notes and the follow-up count.
 *
 * @example validateDraft('talked', { ...emptyDraft(), firstName: 'Jan' }) // { firstName: 'consent_needed_first_name' }
 */
export function validateDraft(outcome: Outcome, draft: ConversationDraft): DraftErrors {
	const errors: DraftErrors = {};
	const has = (c: Consent) => draft.consent.includes(c);
	if (outcome === 'talked') {
		if (has('anonymous') && has('first_name')) errors.consent = 'consent_contradicts';
		if (draft.gifts.some((g) => blank(g.tag) || g.tag.trim().length > 200)) {
			errors.gifts = 'gift_incomplete';
		} else if (draft.gifts.length > 0 && draft.consent.length === 0) {
			errors.gifts = 'consent_needed_gifts';
		}
		if (!blank(draft.firstName) && !has('first_name'))
			errors.firstName = 'consent_needed_first_name';
		else if (draft.firstName.trim().length > LIMITS.firstName) errors.firstName = 'too_long';
		if (!blank(draft.contact) && !has('contact')) errors.contact = 'consent_needed_contact';
		else if (draft.contact.trim().length > LIMITS.contact) errors.contact = 'too_long';
		if (draft.isKeyFigure && draft.consent.length === 0) {
			errors.isKeyFigure = 'consent_needed_key_figure';
		}
		if (draft.mentions.some((m) => blank(m.name) || m.name.trim().length > 200)) {
			errors.mentions = 'mention_incomplete';
		}
		if (draft.wishes.length > LIMITS.wishes) errors.wishes = 'too_long';
		if (draft.language.length > LIMITS.language) errors.language = 'too_long';
	}
	if (draft.followUp.what.trim().length > 500) errors.followUp = 'too_long';
	else if (draft.followUp.due && !/^\d{4}-\d{2}-\d{2}$/.test(draft.followUp.due)) {
		errors.followUp = 'date_invalid';
	}
	if (draft.notes.length > LIMITS.notes) errors.notes = 'too_long';
	return errors;
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
