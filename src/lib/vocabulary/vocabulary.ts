// Krachtkaart's vocabulary as the app reads it: themes and their domains, consent scopes,
// outcomes, gift, mention and asset kinds, the limits of a conversation, a person and an asset, and the
// error codes of a conversation. The values live in one JSON file that the PocketBase hooks read
// too (pb_hooks/lib/vocabulary.json); see README.md. Each list there is an object keyed by its
// values, so TypeScript keeps the keys as literal unions (`Theme`, `ConsentScope`, `Outcome`)
// without a second copy here.
import vocabulary from '../../../pb_hooks/lib/vocabulary.json';

/** The keys of an object in the JSON, in their order, typed as the literal union they are. */
const keysOf = <T extends object>(values: T) => Object.keys(values) as (keyof T & string)[];

/** Whether `value` is one of an object's own keys, narrowed to them. */
const isKeyOf =
	<T extends object>(values: T) =>
	(value: unknown): value is keyof T & string =>
		typeof value === 'string' && Object.hasOwn(values, value);

export type Theme = keyof typeof vocabulary.themes;
export type Domain = keyof typeof vocabulary.domains;
export type ConsentScope = keyof typeof vocabulary.consentScopes;
export type Outcome = keyof typeof vocabulary.outcomes;
export type GiftKind = keyof typeof vocabulary.giftKinds;
export type MentionKind = keyof typeof vocabulary.mentionKinds;
/** What an asset is: a resident's capacity, a key figure, an association, ... */
export type AssetKind = keyof typeof vocabulary.assetKinds;
/** How a listening round's extra question is answered. */
export type QuestionKind = keyof typeof vocabulary.questionKinds;
/** A step of the ABCD ladder, lowest first: gift found ▸ asked ▸ connected ▸ contributing ▸ initiative started. */
export type LadderStep = keyof typeof vocabulary.ladderSteps;
/** Where a step on the ladder came from: derived by the server, or set by a coordinator. */
export type LadderSource = keyof typeof vocabulary.ladderSources;
/** Why the server (or the form, before it) refuses a field of a conversation. */
export type ConversationError = keyof typeof vocabulary.conversationErrors;

/** The themes (thema's) an asset offers or a resident cares about, in the order offered. */
export const THEMES: readonly Theme[] = keysOf(vocabulary.themes);
export const DOMAINS: readonly Domain[] = keysOf(vocabulary.domains);
/** The kinds of asset, in the order the map's legend and counts show them. */
export const ASSET_KIND_VALUES: readonly AssetKind[] = keysOf(vocabulary.assetKinds);
/** The kinds of a round's extra question, in the order the round form offers them. */
export const QUESTION_KINDS: readonly QuestionKind[] = keysOf(vocabulary.questionKinds);
/** The steps of the ABCD ladder, lowest first (src/lib/ladder/README.md). */
export const LADDER_STEPS: readonly LadderStep[] = keysOf(vocabulary.ladderSteps);
export const LADDER_SOURCES: readonly LadderSource[] = keysOf(vocabulary.ladderSources);
/** What a resident agreed to keep; none at all means nothing personal is kept. */
export const CONSENT_SCOPES: readonly ConsentScope[] = keysOf(vocabulary.consentScopes);
/** How a visit at a door ended, in the order the walk offers them ("not home" first). */
export const OUTCOMES: readonly Outcome[] = keysOf(vocabulary.outcomes);
/** Head, heart and hands: the kinds of gift (talent) a resident offers. */
export const GIFT_KINDS: readonly GiftKind[] = keysOf(vocabulary.giftKinds);
/** Whom a resident named: a person or a group. */
export const MENTION_KINDS: readonly MentionKind[] = keysOf(vocabulary.mentionKinds);
export const CONVERSATION_ERRORS: readonly ConversationError[] = keysOf(
	vocabulary.conversationErrors
);

/** The domains a theme usually belongs to; some belong to both (e.g. veiligheid, wonen). */
export const THEME_DOMAINS = vocabulary.themes as Readonly<Record<Theme, readonly Domain[]>>;

/** Limits (characters of trimmed text, or items of a list) the server holds and the form checks. */
export const LIMITS = vocabulary.limits;

/** A date as a follow-up's `due` must start: YYYY-MM-DD. */
export const DATE_PATTERN = new RegExp(vocabulary.datePattern);

/**
 * Narrows an unknown value to a theme.
 * @example isTheme('taal') // true
 * @example isTheme('Taal') // false
 */
export const isTheme = isKeyOf(vocabulary.themes);
/** @example isDomain('fysiek') // true */
export const isDomain = isKeyOf(vocabulary.domains);
/** @example isConsentScope('first_name') // true */
export const isConsentScope = isKeyOf(vocabulary.consentScopes);
/** @example isOutcome('talked') // true */
export const isOutcome = isKeyOf(vocabulary.outcomes);
/** @example isGiftKind('hands') // true */
export const isGiftKind = isKeyOf(vocabulary.giftKinds);
/** @example isMentionKind('group') // true */
export const isMentionKind = isKeyOf(vocabulary.mentionKinds);
export const isQuestionKind = isKeyOf(vocabulary.questionKinds);
/** @example isLadderStep('asked') // true */
export const isLadderStep = isKeyOf(vocabulary.ladderSteps);
/** @example isConversationError('too_many') // true */
export const isConversationError = isKeyOf(vocabulary.conversationErrors);

// Message keys of the values, for `m[KEYS[value]]()` (messages/*.json). Each `satisfies` a record
// of its whole union, so a value added to the JSON fails the type check until it has a label.

export const THEME_LABEL_KEYS = {
	eenzaamheid: 'theme_eenzaamheid',
	jeugd: 'theme_jeugd',
	taal: 'theme_taal',
	armoede: 'theme_armoede',
	groen: 'theme_groen',
	veiligheid: 'theme_veiligheid',
	wonen: 'theme_wonen',
	werk: 'theme_werk',
	gezondheid: 'theme_gezondheid',
	cultuur: 'theme_cultuur',
	sport: 'theme_sport',
	energie: 'theme_energie',
	zorg_voor_elkaar: 'theme_zorg_voor_elkaar'
} as const satisfies Record<Theme, string>;

export const DOMAIN_LABEL_KEYS = {
	sociaal: 'domain_sociaal',
	fysiek: 'domain_fysiek'
} as const satisfies Record<Domain, string>;

export const CONSENT_LABEL_KEYS = {
	anonymous: 'consent_anonymous',
	first_name: 'consent_first_name',
	contact: 'consent_contact',
	exact_location: 'consent_exact_location'
} as const satisfies Record<ConsentScope, string>;

export const OUTCOME_LABEL_KEYS = {
	not_home: 'outcome_not_home',
	talked: 'outcome_talked',
	declined: 'outcome_declined',
	come_back_later: 'outcome_come_back_later',
	vacant: 'outcome_vacant',
	do_not_contact: 'outcome_do_not_contact'
} as const satisfies Record<Outcome, string>;

export const GIFT_LABEL_KEYS = {
	head: 'asset_gift_head',
	heart: 'asset_gift_heart',
	hands: 'asset_gift_hands'
} as const satisfies Record<GiftKind, string>;

export const MENTION_LABEL_KEYS = {
	person: 'log_mention_person',
	group: 'log_mention_group'
} as const satisfies Record<MentionKind, string>;

export const QUESTION_KIND_LABEL_KEYS = {
	text: 'question_kind_text',
	choice: 'question_kind_choice',
	choices: 'question_kind_choices',
	yesno: 'question_kind_yesno',
	number: 'question_kind_number'
} as const satisfies Record<QuestionKind, string>;

export const LADDER_STEP_LABEL_KEYS = {
	gift_found: 'ladder_step_gift_found',
	asked: 'ladder_step_asked',
	connected: 'ladder_step_connected',
	contributing: 'ladder_step_contributing',
	initiative_started: 'ladder_step_initiative_started'
} as const satisfies Record<LadderStep, string>;
