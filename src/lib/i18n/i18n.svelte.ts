// The current locale as runes state. Paraglide messages read the locale when called, not
// reactively, so the root layout re-renders the app under `{#key locale.current}` after a switch.
import { createContext } from 'svelte';
import { getLocale, setLocale, type Locale } from '$lib/paraglide/runtime.js';

export class LocaleState {
	current = $state<Locale>(getLocale());

	/** Switches language without a page reload (the SPA must also work offline, where a reload
	 * could fail); Paraglide still stores the choice in localStorage. */
	set(locale: Locale): void {
		if (locale === this.current) return;
		setLocale(locale, { reload: false });
		this.current = locale;
	}
}

export const [getLocaleState, setLocaleState] = createContext<LocaleState>();
