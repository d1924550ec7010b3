// The import's vocabulary equals the app's (kinds, themes, their labels in both languages), and
// matches codes and labels in any case.
import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json';
import nl from '../../../messages/nl.json';
import { ASSET_KINDS } from '$lib/assets/assets';
import { THEMES as APP_THEMES } from '$lib/vocabulary/vocabulary';
import { KINDS, THEMES, kindOf, themeOf } from './vocabulary.js';

const messages = {
	nl: nl as unknown as Record<string, string>,
	en: en as unknown as Record<string, string>
};

describe('the import vocabulary', () => {
	it('is the app’s, with its labels', () => {
		expect(Object.keys(KINDS).sort()).toEqual(ASSET_KINDS.map((k) => k.kind).sort());
		expect(Object.keys(THEMES)).toEqual([...APP_THEMES]);
		for (const [code, labels] of Object.entries(KINDS)) {
			expect(labels.nl).toBe(messages.nl[`asset_kind_${code}`]);
			expect(labels.en).toBe(messages.en[`asset_kind_${code}`]);
		}
		for (const [code, labels] of Object.entries(THEMES)) {
			expect(labels.nl).toBe(messages.nl[`theme_${code}`]);
			expect(labels.en).toBe(messages.en[`theme_${code}`]);
		}
	});

	it('matches codes and labels in either language, in any case', () => {
		expect(kindOf('Bewonersinitiatief')).toBe('initiative');
		expect(kindOf('initiative')).toBe('initiative');
		expect(kindOf('KEY FIGURE')).toBe('key_figure');
		expect(themeOf('Taal')).toBe('taal');
		expect(themeOf('caring for each other')).toBe('zorg_voor_elkaar');
		expect(kindOf('Kerk')).toBeNull();
	});
});
