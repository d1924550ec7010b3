// Guards the shared vocabulary (pb_hooks/lib/vocabulary.json) as both sides read it: its lists keep
// their order, every theme has known domains, every limit is a count, every value has a label and
// every conversation error a message in Dutch and English, and the type guards accept exactly the
// values.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
	CONSENT_LABEL_KEYS,
	CONSENT_SCOPES,
	CONVERSATION_ERRORS,
	DATE_PATTERN,
	DOMAIN_LABEL_KEYS,
	DOMAINS,
	GIFT_KINDS,
	GIFT_LABEL_KEYS,
	LIMITS,
	MENTION_KINDS,
	MENTION_LABEL_KEYS,
	QUESTION_KIND_LABEL_KEYS,
	QUESTION_KINDS,
	OUTCOME_LABEL_KEYS,
	OUTCOMES,
	THEME_DOMAINS,
	THEME_LABEL_KEYS,
	THEMES,
	LADDER_STEP_LABEL_KEYS,
	LADDER_STEPS,
	isConsentScope,
	isConversationError,
	isLadderStep,
	isDomain,
	isOutcome,
	isTheme
} from './vocabulary';

const messages = (locale: string): Record<string, string> =>
	JSON.parse(readFileSync(new URL(`../../../messages/${locale}.json`, import.meta.url), 'utf8'));

describe('the vocabulary', () => {
	it('is the file the hooks require', () => {
		// The hooks run `require(`${__hooks}/lib/vocabulary.json`)`; Node's require reads it alike.
		const hooks = createRequire(import.meta.url)('../../../pb_hooks/lib/vocabulary.json');
		expect(Object.keys(hooks.consentScopes)).toEqual(CONSENT_SCOPES);
		expect(Object.keys(hooks.themes)).toEqual(THEMES);
		expect(hooks.limits).toEqual(LIMITS);
	});

	it('keeps its lists in their order: no value an object would sort first', () => {
		const lists = [
			THEMES,
			DOMAINS,
			CONSENT_SCOPES,
			OUTCOMES,
			GIFT_KINDS,
			MENTION_KINDS,
			LADDER_STEPS
		];
		for (const list of [...lists, CONVERSATION_ERRORS]) {
			for (const value of list) expect(value).toMatch(/^[a-z][a-z_]*$/);
		}
		expect(OUTCOMES[0]).toBe('not_home');
		expect(CONSENT_SCOPES).toEqual(['anonymous', 'first_name', 'contact', 'exact_location']);
	});

	it('gives every theme one or both known domains', () => {
		for (const theme of THEMES) {
			expect(THEME_DOMAINS[theme].length).toBeGreaterThan(0);
			for (const domain of THEME_DOMAINS[theme]) expect(DOMAINS).toContain(domain);
		}
		expect(Object.keys(THEME_DOMAINS).sort()).toEqual([...THEMES].sort());
	});

	it('holds limits that are counts', () => {
		const all = [LIMITS.person, LIMITS.asset, LIMITS.conversation, LIMITS.ladder].flatMap(
			Object.values
		);
		for (const limit of all) expect(Number.isInteger(limit) && limit > 0).toBe(true);
	});

	it('has a message for every conversation error, in Dutch and English', () => {
		for (const locale of ['nl', 'en']) {
			const texts = messages(locale);
			for (const code of CONVERSATION_ERRORS) {
				expect(texts[`draft_error_${code}`], `${locale}: draft_error_${code}`).toBeTruthy();
			}
		}
	});

	it('labels every value in Dutch and English', () => {
		const labels = [
			[THEMES, THEME_LABEL_KEYS],
			[DOMAINS, DOMAIN_LABEL_KEYS],
			[CONSENT_SCOPES, CONSENT_LABEL_KEYS],
			[OUTCOMES, OUTCOME_LABEL_KEYS],
			[GIFT_KINDS, GIFT_LABEL_KEYS],
			[MENTION_KINDS, MENTION_LABEL_KEYS],
			[QUESTION_KINDS, QUESTION_KIND_LABEL_KEYS],
			[LADDER_STEPS, LADDER_STEP_LABEL_KEYS]
		] as const;
		for (const locale of ['nl', 'en']) {
			const texts = messages(locale);
			for (const [values, keys] of labels) {
				expect(Object.keys(keys).sort()).toEqual([...values].sort());
				for (const key of Object.values(keys)) expect(texts[key], `${locale}: ${key}`).toBeTruthy();
			}
		}
	});

	it('takes a day as YYYY-MM-DD, with or without a time', () => {
		expect(DATE_PATTERN.test('2026-12-03')).toBe(true);
		expect(DATE_PATTERN.test('2026-12-03 12:00:00.000Z')).toBe(true);
		expect(DATE_PATTERN.test('3-12-2026')).toBe(false);
		expect(DATE_PATTERN.test('morgen')).toBe(false);
	});

	it('recognises its values and nothing else', () => {
		expect(isTheme('zorg_voor_elkaar')).toBe(true);
		expect(isTheme('Taal')).toBe(false);
		expect(isTheme(undefined)).toBe(false);
		expect(isTheme('taal; DROP TABLE')).toBe(false);
		expect(DOMAINS.filter(isDomain)).toEqual(['sociaal', 'fysiek']);
		expect(isDomain('Sociaal')).toBe(false);
		expect(isDomain(null)).toBe(false);
		expect(isConsentScope('exact_location')).toBe(true);
		expect(isConsentScope('everything')).toBe(false);
		expect(isOutcome('talked')).toBe(true);
		expect(isOutcome('toString')).toBe(false);
		expect(isConversationError('too_many')).toBe(true);
		expect(isConversationError(undefined)).toBe(false);
		expect(isLadderStep('initiative_started')).toBe(true);
		expect(isLadderStep('hasOwnProperty')).toBe(false);
	});

	it('orders the ladder from a gift found to an initiative started', () => {
		expect(LADDER_STEPS).toEqual([
			'gift_found',
			'asked',
			'connected',
			'contributing',
			'initiative_started'
		]);
	});
});
