// Guards the resident page's pure logic: a draft starts from her entry, only what she changed is
// sent, the scopes follow her choices (gifts kept without a name, an exact place only if she had
// agreed to it), her edits are checked as the server checks them, the server's 400 lands on the
// field it names, and what a save takes away is known before it is sent.
import { describe, expect, it } from 'vitest';
import {
	TOKEN_PATTERN,
	draftOf,
	editsOf,
	formatDay,
	isValid,
	linkState,
	losesSomething,
	lossesOf,
	problemsOfError,
	residentUrl,
	scopesOf,
	validateDraft,
	type ResidentEntry
} from './resident';
import { LIMITS } from '$lib/vocabulary/vocabulary';

const entry = (overrides: Partial<ResidentEntry> = {}): ResidentEntry => ({
	firstName: 'Fenna',
	contact: '06-12345678',
	isKeyFigure: false,
	consent: {
		scopes: ['first_name', 'contact'],
		running: true,
		givenAt: '2026-11-23T10:15:00.000Z',
		until: '2028-11-22T10:15:00.000Z',
		source: 'conversation',
		recordedBy: 'Wendy'
	},
	assets: [
		{
			id: 'asset0000000001',
			kind: 'capacity',
			title: 'Soep koken',
			description: '',
			themes: ['eenzaamheid'],
			gifts: ['hands'],
			precision: 'street'
		},
		{
			id: 'asset0000000002',
			kind: 'capacity',
			title: 'Fietsen maken',
			description: 'Op zaterdag',
			themes: [],
			gifts: ['hands'],
			precision: 'street'
		}
	],
	linkExpiresAt: '2026-12-31T11:00:00.000Z',
	...overrides
});

describe('draftOf and editsOf', () => {
	it('start from her entry and send nothing when nothing changed', () => {
		const e = entry();
		const draft = draftOf(e);
		expect(draft).toMatchObject({ firstName: 'Fenna', keepName: true, keepContact: true });
		expect(draft.keepExact).toBe(false);
		expect(editsOf(e, draft)).toBeNull();
	});

	it('send only what changed, trimmed', () => {
		const e = entry();
		const draft = draftOf(e);
		draft.firstName = ' Fenne ';
		draft.assets[1].description = 'Op zaterdag en zondag ';
		draft.assets[0].remove = true;
		expect(editsOf(e, draft)).toEqual({
			firstName: 'Fenne',
			assets: [
				{ id: 'asset0000000001', remove: true },
				{ id: 'asset0000000002', description: 'Op zaterdag en zondag' }
			]
		});
	});

	it('withdraw a scope without sending the value it clears', () => {
		const e = entry();
		const draft = draftOf(e);
		draft.keepContact = false;
		draft.contact = '06-99999999';
		expect(editsOf(e, draft)).toEqual({ consent: { scopes: ['first_name'] } });
	});
});

describe('scopesOf', () => {
	it('keeps her gifts without a name once name and contact go', () => {
		const e = entry();
		expect(scopesOf(e, { ...draftOf(e), keepName: false, keepContact: false })).toEqual([
			'anonymous'
		]);
	});

	it('keeps an exact place only when she had agreed to it at the door', () => {
		const e = entry();
		expect(scopesOf(e, { ...draftOf(e), keepExact: true })).toEqual(['first_name', 'contact']);
		const exact = entry({
			consent: { ...entry().consent, scopes: ['first_name', 'exact_location'] }
		});
		expect(scopesOf(exact, draftOf(exact))).toEqual(['first_name', 'exact_location']);
		expect(scopesOf(exact, { ...draftOf(exact), keepExact: false })).toEqual(['first_name']);
	});

	it('lets her give a first name she did not give at the door', () => {
		const e = entry({ firstName: '', consent: { ...entry().consent, scopes: ['anonymous'] } });
		const draft = { ...draftOf(e), keepName: true, firstName: 'Fenna' };
		expect(editsOf(e, draft)).toEqual({ consent: { scopes: ['first_name'] }, firstName: 'Fenna' });
	});
});

describe('validateDraft', () => {
	it('finds nothing wrong in her entry as it is', () => {
		const e = entry();
		expect(validateDraft(e, draftOf(e))).toEqual({});
		expect(isValid(validateDraft(e, draftOf(e)))).toBe(true);
	});

	it('refuses a new name or contact without the consent for it', () => {
		const e = entry();
		const draft = { ...draftOf(e), keepName: false, firstName: 'Anna' };
		expect(validateDraft(e, draft)).toEqual({ firstName: 'needs_consent' });
		// Left as it was: withdrawing clears it, nothing to refuse.
		expect(validateDraft(e, { ...draftOf(e), keepName: false })).toEqual({});
		expect(validateDraft(e, { ...draftOf(e), keepContact: false, contact: 'x@y.nl' })).toEqual({
			contact: 'needs_consent'
		});
	});

	it('refuses names and titles that are too long or empty, per asset', () => {
		const e = entry();
		const draft = draftOf(e);
		draft.firstName = 'x'.repeat(LIMITS.person.firstName + 1);
		draft.assets[0].title = '  ';
		draft.assets[1].title = 'y'.repeat(LIMITS.asset.title + 1);
		const problems = validateDraft(e, draft);
		expect(problems).toEqual({
			firstName: 'too_long',
			assets: { asset0000000001: { title: 'required' }, asset0000000002: { title: 'too_long' } }
		});
		expect(isValid(problems)).toBe(false);
		// A gift she removes needs no title.
		draft.assets[0].remove = true;
		expect(validateDraft(e, draft).assets).toEqual({ asset0000000002: { title: 'too_long' } });
	});
});

describe('lossesOf', () => {
	it('names what a save takes away, and nothing for a plain correction', () => {
		const e = entry();
		const correction = { ...draftOf(e), firstName: 'Fenne' };
		expect(losesSomething(lossesOf(e, correction))).toBe(false);
		const draft = draftOf(e);
		draft.keepName = false;
		draft.contact = '';
		draft.assets[1].remove = true;
		expect(lossesOf(e, draft)).toEqual({
			name: true,
			contact: true,
			exact: false,
			removed: ['Fietsen maken']
		});
	});
});

describe('problemsOfError', () => {
	it('puts a server 400 on the field it names', () => {
		const ids = ['asset0000000001', 'asset0000000002'];
		expect(problemsOfError({ firstName: { code: 'consent_missing' } }, ids)).toEqual({
			firstName: 'needs_consent'
		});
		expect(problemsOfError({ 'assets.1.title': { code: 'required' } }, ids)).toEqual({
			assets: { asset0000000002: { title: 'required' } }
		});
		expect(problemsOfError({ contact: { code: 'odd' } }, ids)).toEqual({ contact: 'invalid' });
		expect(problemsOfError({ 'consent.scopes': { code: 'invalid' } }, ids)).toBeNull();
		expect(problemsOfError(null, ids)).toBeNull();
	});
});

describe('links', () => {
	it('builds her URL and tells a working link from an expired or revoked one', () => {
		expect(residentUrl('https://kaart.example.nl/', '/mijn/abc')).toBe(
			'https://kaart.example.nl/mijn/abc'
		);
		const now = new Date('2026-12-01T12:00:00Z');
		expect(linkState({ expiresAt: '2026-12-31 11:00:00.000Z', revokedAt: '' }, now)).toBe('active');
		expect(linkState({ expiresAt: '2026-11-30 11:00:00.000Z', revokedAt: '' }, now)).toBe(
			'expired'
		);
		expect(
			linkState({ expiresAt: '2026-12-31 11:00:00.000Z', revokedAt: '2026-12-01 10:00:00Z' }, now)
		).toBe('revoked');
		expect(TOKEN_PATTERN.test('Wr9ccJH9PsagncUBzE1YfA8gi64v7wQ2')).toBe(true);
		expect(TOKEN_PATTERN.test('Wr9ccJH9PsagncUBzE1YfA8gi64v7wQ')).toBe(false);
	});

	it('writes the day on the card in Dutch or English', () => {
		expect(formatDay('2026-12-31 11:09:28.704Z', 'nl')).toBe('31 december 2026');
		expect(formatDay('2026-12-31T11:09:28.704Z', 'en')).toBe('31 December 2026');
		expect(formatDay('', 'nl')).toBe('');
	});
});
