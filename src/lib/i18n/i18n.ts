// Locale helpers on top of the Paraglide runtime (strategy: localStorage ▸ baseLocale, so Dutch
// unless English was chosen; see vite.config.ts). Pure; the reactive part is LocaleState in i18n.svelte.ts.
import { baseLocale, locales, type Locale } from '$lib/paraglide/runtime.js';

export { baseLocale, locales, type Locale };

/** Message keys of each language's own name (shown in the switch's accessible label). */
export const LOCALE_NAME_KEYS = {
	nl: 'locale_name_nl',
	en: 'locale_name_en'
} as const satisfies Record<Locale, string>;

/**
 * A supported locale for any language tag, else the base locale (Dutch).
 *
 * @example
 * toSupportedLocale('en-GB') // 'en'
 * toSupportedLocale('de') // 'nl'
 */
export function toSupportedLocale(tag: unknown): Locale {
	if (typeof tag !== 'string') return baseLocale;
	const language = tag.trim().toLowerCase().split(/[-_]/)[0];
	return (locales as readonly string[]).includes(language) ? (language as Locale) : baseLocale;
}

/** The short code shown on the switch: 'NL', 'EN'. */
export function localeCode(locale: Locale): string {
	return locale.toUpperCase();
}

/**
 * A date in the locale with these Intl options ('' for no date or one that does not parse), in
 * British English for 'en' like the rest of the English texts ('neighbourhood'). Takes PocketBase
 * dates ('2025-03-03 10:00:00.000Z') as well as ISO ones.
 *
 * @example formatDateAs('2025-03-03', 'en', { month: 'long', timeZone: 'UTC' }) // 'March'
 */
export function formatDateAs(
	iso: string | undefined,
	locale: string,
	options: Intl.DateTimeFormatOptions
): string {
	if (!iso) return '';
	// PocketBase separates date and time with a space, which not every browser's Date parses.
	const time = Date.parse(iso.trim().replace(' ', 'T'));
	if (Number.isNaN(time)) return '';
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, options).format(time);
}

/**
 * A date as people read it in the locale ('3 mrt 2025' / '3 Mar 2025'); '' for no date.
 *
 * @example formatDate('2025-03-03 10:00:00.000Z', 'nl') // '3 mrt 2025'
 */
export function formatDate(iso: string | undefined, locale: Locale): string {
	return formatDateAs(iso, locale, { dateStyle: 'medium' });
}

/**
 * A whole number as people read it in the locale ('1.204' / '1,204').
 *
 * @example formatCount(1204, 'nl') // '1.204'
 */
export function formatCount(value: number, locale: Locale): string {
	return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nl-NL').format(value);
}
