/**
 * The themes (thema's) an asset offers or a resident cares about, with the domain they usually
 * belong to. The values are stored in `assets.themes` and `conversations.themes`; the migrations
 * hold the same list (tests/integration/schema-contract.test.ts keeps the two equal).
 */
export const THEMES = [
	'eenzaamheid',
	'jeugd',
	'taal',
	'armoede',
	'groen',
	'veiligheid',
	'wonen',
	'werk',
	'gezondheid',
	'cultuur',
	'sport',
	'energie',
	'zorg_voor_elkaar'
] as const;

export type Theme = (typeof THEMES)[number];
export const DOMAINS = ['sociaal', 'fysiek'] as const;
export type Domain = (typeof DOMAINS)[number];

/** The domain a theme usually belongs to; some belong to both (e.g. veiligheid, wonen). */
export const THEME_DOMAINS: Record<Theme, readonly Domain[]> = {
	eenzaamheid: ['sociaal'],
	jeugd: ['sociaal'],
	taal: ['sociaal'],
	armoede: ['sociaal'],
	groen: ['fysiek'],
	veiligheid: ['sociaal', 'fysiek'],
	wonen: ['sociaal', 'fysiek'],
	werk: ['sociaal'],
	gezondheid: ['sociaal'],
	cultuur: ['sociaal'],
	sport: ['sociaal', 'fysiek'],
	energie: ['fysiek'],
	zorg_voor_elkaar: ['sociaal']
};

/**
 * Narrows an unknown value to a theme.
 * @example isTheme('taal') // true
 * @example isTheme('Taal') // false
 */
export function isTheme(value: unknown): value is Theme {
	return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

/**
 * Narrows an unknown value to a domain.
 * @example isDomain('fysiek') // true
 */
export function isDomain(value: unknown): value is Domain {
	return typeof value === 'string' && (DOMAINS as readonly string[]).includes(value);
}
