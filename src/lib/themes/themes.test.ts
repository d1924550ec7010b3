// Guards the theme and domain vocabulary: every theme has a domain, the type guards accept exactly them.
import { describe, expect, it } from 'vitest';
import { DOMAINS, isDomain, isTheme, THEME_DOMAINS, THEMES } from './themes';

describe('themes', () => {
	it('gives every theme at least one domain', () => {
		for (const theme of THEMES) expect(THEME_DOMAINS[theme].length).toBeGreaterThan(0);
		expect(Object.keys(THEME_DOMAINS).sort()).toEqual([...THEMES].sort());
	});

	it('recognises themes and nothing else', () => {
		expect(isTheme('zorg_voor_elkaar')).toBe(true);
		expect(isTheme('Taal')).toBe(false);
		expect(isTheme(undefined)).toBe(false);
		expect(isTheme('taal; DROP TABLE')).toBe(false);
	});

	it('recognises the two domains and nothing else', () => {
		expect(DOMAINS.filter(isDomain)).toEqual(['sociaal', 'fysiek']);
		expect(isDomain('Sociaal')).toBe(false);
		expect(isDomain(null)).toBe(false);
	});
});
