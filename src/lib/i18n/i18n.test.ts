// Guards locale resolution (any language tag maps to a supported locale, Dutch by default) and
// dates written the way each language writes them.
import { describe, expect, it } from 'vitest';
import {
	LOCALE_NAME_KEYS,
	baseLocale,
	formatDate,
	formatDateAs,
	localeCode,
	locales,
	toSupportedLocale
} from './i18n';

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

describe('formatDate', () => {
	it('writes PocketBase and ISO dates in the language', () => {
		expect(formatDate('2025-03-03 10:00:00.000Z', 'nl')).toBe('3 mrt 2025');
		expect(formatDate('2025-03-03T10:00:00Z', 'en')).toBe('3 Mar 2025');
	});

	it('is empty for no date or a broken one', () => {
		expect(formatDate('', 'nl')).toBe('');
		expect(formatDate(undefined, 'nl')).toBe('');
		expect(formatDate('yesterday', 'en')).toBe('');
	});
});

describe('formatDateAs', () => {
	it('formats with the options given, British English for en', () => {
		const options = { day: 'numeric', month: 'long', timeZone: 'UTC' } as const;
		expect(formatDateAs('2025-03-03 23:30:00.000Z', 'en', options)).toBe('3 March');
		expect(formatDateAs('2025-03-03', 'nl', options)).toBe('3 maart');
		expect(formatDateAs('   ', 'nl', options)).toBe('');
	});
});
