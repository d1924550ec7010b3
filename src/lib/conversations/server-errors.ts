// What the server said of a refused conversation, as the form's own errors: the server keys its
// validation errors by the form's field names (`DraftField`) with codes that have a message
// `draft_error_<code>`, so a refused talk shows its problems at the fields, in her language.
// Anything else (an unknown field or code, an older server) is kept as the server said it. Pure.
//
// Interim: helper "vocab" writes `draftErrorsFromServer` in conversation-draft.ts with this same
// signature; this file goes once that lands.
import type { DraftError, DraftErrors, DraftField } from './conversation-draft';

const DRAFT_FIELDS = [
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
	'themes'
] as const;

const DRAFT_ERRORS: readonly DraftError[] = [
	'consent_contradicts',
	'consent_needed_gifts',
	'consent_needed_first_name',
	'consent_needed_contact',
	'consent_needed_key_figure',
	'gift_incomplete',
	'mention_incomplete',
	'too_long',
	'date_invalid'
];

const isDraftField = (name: string): name is DraftField & (typeof DRAFT_FIELDS)[number] =>
	(DRAFT_FIELDS as readonly string[]).includes(name);
const isDraftError = (code: string): code is DraftError =>
	(DRAFT_ERRORS as readonly string[]).includes(code);

/**
 * The form's errors in a server's refusal (PocketBase's `data`: `{ field: { code, message } }`),
 * and the messages of what no field of the form can show.
 *
 * @example
 * draftErrorsFromServer({ consent: { code: 'consent_contradicts', message: 'Kies anoniem óf…' } })
 * // { fields: { consent: 'consent_contradicts' }, other: [] }
 */
export function draftErrorsFromServer(data: unknown): { fields: DraftErrors; other: string[] } {
	const fields: DraftErrors = {};
	const other: string[] = [];
	if (!data || typeof data !== 'object') return { fields, other };
	for (const [name, problem] of Object.entries(data as Record<string, unknown>)) {
		const { code = '', message = '' } =
			problem && typeof problem === 'object'
				? (problem as { code?: string; message?: string })
				: { message: String(problem ?? '') };
		if (isDraftField(name) && isDraftError(code)) fields[name] = code;
		else other.push(message || code || name);
	}
	return { fields, other };
}

/** Message keys of the form's fields, to name them where the form is not open. */
export const DRAFT_FIELD_LABEL_KEYS = {
	consent: 'log_consent',
	gifts: 'log_gifts',
	firstName: 'log_first_name',
	contact: 'log_contact',
	isKeyFigure: 'log_key_figure',
	mentions: 'log_mentions',
	connectTo: 'log_connect',
	followUp: 'log_follow_up',
	wishes: 'log_wishes',
	notes: 'log_notes',
	language: 'log_language',
	themes: 'log_themes'
} as const satisfies Record<(typeof DRAFT_FIELDS)[number], string>;
