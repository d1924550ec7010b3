// Guards the asset form: a resident is never placed exactly by default, validation per field,
// drafts to request bodies, the server's field errors read in the form's terms, and the label key
// of a stored value.
import { describe, expect, it } from 'vitest';
import type { AssetRecord } from '$lib/pocketbase/types';
import {
	GIFT_LABEL_KEYS,
	LIMITS,
	THEME_LABEL_KEYS,
	ASSET_KIND_VALUES
} from '$lib/vocabulary/vocabulary';
import {
	defaultPrecision,
	draftFromAsset,
	draftToNewAsset,
	draftToPatch,
	fieldErrorsFromApi,
	hasLabel,
	newDraft,
	validateDraft,
	type AssetDraft
} from './asset-form';

describe('defaults', () => {
	it('shows a resident (a talent, a key figure) at street level, never exactly by default', () => {
		expect(defaultPrecision('capacity')).toBe('street');
		expect(newDraft('capacity').precision).toBe('street');
		expect(defaultPrecision('key_figure')).toBe('street');
		for (const kind of ASSET_KIND_VALUES) {
			if (kind !== 'capacity' && kind !== 'key_figure')
				expect(defaultPrecision(kind)).toBe('exact');
		}
	});

	it('starts active and empty', () => {
		expect(newDraft('place')).toEqual({
			kind: 'place',
			title: '',
			description: '',
			themes: [],
			domain: [],
			gifts: [],
			asksHelp: [],
			precision: 'exact',
			status: 'active'
		});
	});
});

describe('validateDraft', () => {
	const valid: AssetDraft = { ...newDraft('initiative'), title: 'Moestuin' };

	it('accepts a draft with a title', () => {
		expect(validateDraft(valid)).toEqual({});
	});

	it('needs a title that is not only spaces and not too long', () => {
		expect(validateDraft({ ...valid, title: '   ' })).toEqual({ title: 'required' });
		expect(validateDraft({ ...valid, title: 'x'.repeat(LIMITS.asset.title) })).toEqual({});
		expect(validateDraft({ ...valid, title: 'x'.repeat(LIMITS.asset.title + 1) })).toEqual({
			title: 'too_long'
		});
	});

	it('limits the description and refuses values outside the vocabulary', () => {
		const bad = {
			...valid,
			description: 'x'.repeat(LIMITS.asset.description + 1),
			kind: 'villain',
			status: 'gone',
			precision: 'gps',
			themes: ['taal', 'magic'],
			domain: ['digital'],
			gifts: ['feet']
		} as unknown as AssetDraft;
		expect(validateDraft(bad)).toEqual({
			description: 'too_long',
			kind: 'required',
			status: 'invalid',
			precision: 'invalid',
			themes: 'invalid',
			domain: 'invalid',
			gifts: 'invalid'
		});
	});
});

describe('drafts and bodies', () => {
	const record: AssetRecord = {
		id: 'a1',
		kind: 'key_figure',
		title: 'Fatima',
		description: 'Spil',
		themes: ['taal'],
		domain: ['sociaal'],
		gifts: ['heart'],
		location: { lon: 5.1, lat: 52.1 },
		precision: 'street',
		area: 'b1',
		street: 'Wolgadreef',
		status: 'active',
		confirmedAt: '',
		confirmedBy: ''
	};

	it('copies a record into a draft without sharing lists', () => {
		const draft = draftFromAsset(record);
		draft.themes.push('groen');
		expect(record.themes).toEqual(['taal']);
		expect(draftFromAsset({ ...record, description: undefined }).description).toBe('');
	});

	it('trims text for the request and places a new asset', () => {
		const draft = { ...draftFromAsset(record), title: '  Fatima B. ', description: ' x ' };
		expect(draftToPatch(draft)).toMatchObject({ title: 'Fatima B.', description: 'x' });
		expect(draftToNewAsset(draft, { lon: 5.2, lat: 52.2 }, 'b7')).toEqual({
			kind: 'key_figure',
			title: 'Fatima B.',
			description: 'x',
			themes: ['taal'],
			domain: ['sociaal'],
			gifts: ['heart'],
			asksHelp: [],
			precision: 'street',
			status: 'active',
			location: { lon: 5.2, lat: 52.2 },
			area: 'b7'
		});
	});

	it("keeps an initiative's call for help, and clears it for another kind", () => {
		const initiative = {
			...newDraft('initiative'),
			title: 'Taalcafé',
			asksHelp: ['taal' as const]
		};
		expect(draftToPatch(initiative).asksHelp).toEqual(['taal']);
		expect(draftToPatch({ ...initiative, kind: 'place' }).asksHelp).toEqual([]);
		expect(validateDraft({ ...initiative, asksHelp: ['Taal' as never] })).toEqual({
			asksHelp: 'invalid'
		});
	});
});

describe('fieldErrorsFromApi', () => {
	it('reads PocketBase field errors for the fields of the form', () => {
		const error = {
			status: 400,
			response: {
				data: {
					title: { code: 'validation_required', message: 'Cannot be blank.' },
					description: { code: 'validation_max_text_constraint', message: 'Too long' },
					kind: { code: 'validation_invalid_value', message: 'Invalid value' },
					area: { code: 'validation_required', message: 'Missing' }
				}
			}
		};
		expect(fieldErrorsFromApi(error)).toEqual({
			title: 'required',
			description: 'too_long',
			kind: 'invalid'
		});
	});

	it('is empty for anything else', () => {
		expect(fieldErrorsFromApi(null)).toEqual({});
		expect(fieldErrorsFromApi(new Error('network'))).toEqual({});
		expect(fieldErrorsFromApi({ response: { data: 'oops' } })).toEqual({});
	});
});

describe('hasLabel', () => {
	it('knows a value of the vocabulary', () => {
		expect(hasLabel(GIFT_LABEL_KEYS, 'heart')).toBe(true);
		expect(hasLabel(THEME_LABEL_KEYS, 'zorg_voor_elkaar')).toBe(true);
	});

	it('gives none for a value outside it, an inherited name included', () => {
		expect(hasLabel(GIFT_LABEL_KEYS, 'feet')).toBe(false);
		expect(hasLabel(GIFT_LABEL_KEYS, '')).toBe(false);
		expect(hasLabel(THEME_LABEL_KEYS, 'constructor')).toBe(false);
		expect(hasLabel(THEME_LABEL_KEYS, 'toString')).toBe(false);
	});
});
