// Guards locale resolution: any language tag maps to a supported locale, Dutch by default.
import { describe, expect, it } from 'vitest';
import { LOCALE_NAME_KEYS, baseLocale, localeCode, locales, toSupportedLocale } from './i18n';

describe('i18n', () => {
	it('has Dutch as the base locale and English as the second', () => {
		expect(baseLocale).toBe('nl');
		expect([...locales].sort()).toEqual(['en', 'nl']);
		expect(Object.keys(LOCALE_NAME_KEYS).sort()).toEqual(['en', 'nl']);
	});

	it('maps language tags to a supported locale', () => {
		expect(toSupportedLocale('en')).toBe('en');
		expect(toSupportedLocale('en-GB')).toBe('en');
		expect(toSupportedLocale('NL_be')).toBe('nl');
		expect(toSupportedLocale('de')).toBe('nl');
		expect(toSupportedLocale(undefined)).toBe('nl');
	});

	it('shows short upper-case codes', () => {
		expect(localeCode('nl')).toBe('NL');
		expect(localeCode('en')).toBe('EN');
	});
});
