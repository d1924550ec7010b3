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
