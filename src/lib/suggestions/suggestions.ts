// Suggested connections as the app reads them (src/lib/suggestions/README.md): the shapes the
// server's routes answer with (pb_hooks/suggestions.pb.js), and the little the page computes
// from them. The matching itself runs on the server, where the consent is
// (pb_hooks/lib/suggestions-match.js).
import type { Theme } from '$lib/vocabulary/vocabulary';
import vocabulary from '../../../pb_hooks/lib/vocabulary.json';

export type SuggestionStatus = keyof typeof vocabulary.suggestionStatuses;
/** Why the server refused a decision (lib/vocabulary.json, `suggestionErrors`). */
export type SuggestionError = keyof typeof vocabulary.suggestionErrors;
export const SUGGESTION_ERRORS = Object.keys(vocabulary.suggestionErrors) as SuggestionError[];

export const isSuggestionError = (value: unknown): value is SuggestionError =>
	typeof value === 'string' && Object.hasOwn(vocabulary.suggestionErrors, value);

/** Why a gift and a wish (or an initiative) were put together. */
export interface SuggestionEvidence {
	kind: 'wish' | 'initiative';
	/** The themes both share. */
	themes: Theme[];
	/** As the crow flies, rounded to 10 m (a resident's gift sits at her street's middle). */
	metres: number;
	/** The talks it rests on: the gift's own, then the wisher's, newest first. */
	talks: { id: string; heldAt: string; side: 'gift' | 'wish' }[];
}

/** One open suggestion as GET /api/krachtkaart/suggestions lists it for field staff. */
export interface Suggestion {
	id: string;
	status: SuggestionStatus;
	area: { id: string; name: string };
	gift: { id: string; title: string; themes: Theme[] };
	/** The wishing resident's talk (its door's street), or null for an initiative. */
	wish: { conversation: string; heldAt: string; street: string } | null;
	initiative: { id: string; title: string } | null;
	evidence: SuggestionEvidence;
}

/** What the list answers: items for staff, a count (or null under the minimum) for viewers. */
export type SuggestionsAnswer =
	{ items: Suggestion[]; open: number } | { items: null; open: number | null };

/** What accepting made: the link (null when a wisher has no asset of her own) and the task. */
export interface Accepted {
	id: string;
	link: string | null;
	followUp: string;
}

/** The shown distance: metres up to a kilometre, then kilometres with one decimal. */
export function distanceParts(metres: number): { value: number; unit: 'm' | 'km' } {
	return metres < 1000
		? { value: Math.round(metres), unit: 'm' }
		: { value: Math.round(metres / 100) / 10, unit: 'km' };
}

/** The suggestions without one that was just decided (the page shows the rest at once). */
export function without(items: readonly Suggestion[], id: string): Suggestion[] {
	return items.filter((item) => item.id !== id);
}

/** The message of a refusal, for `m[SUGGESTION_ERROR_KEYS[code]]()`. */
export const SUGGESTION_ERROR_KEYS = {
	suggestion_not_allowed: 'suggestion_error_suggestion_not_allowed',
	suggestion_invalid_id: 'suggestion_error_suggestion_invalid_id',
	suggestion_assignee_missing: 'suggestion_error_suggestion_assignee_missing',
	suggestion_due_invalid: 'suggestion_error_suggestion_due_invalid',
	suggestion_not_found: 'suggestion_error_suggestion_not_found',
	suggestion_decided: 'suggestion_error_suggestion_decided',
	suggestion_not_decided: 'suggestion_error_suggestion_not_decided',
	suggestion_assignee_outside: 'suggestion_error_suggestion_assignee_outside',
	suggestion_no_consent: 'suggestion_error_suggestion_no_consent',
	suggestion_follow_up_done: 'suggestion_error_suggestion_follow_up_done'
} as const satisfies Record<SuggestionError, string>;
