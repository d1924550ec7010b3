// Guards the round form: every field labelled, the form's and the server's errors shown at their
// field (a question's text, an option's code) in her language, and an option row only for a
// choice question (rendered on the server, as Svelte does).
import { render } from 'svelte/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { AreaRecord, PurposeRecord } from '$lib/pocketbase/types';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { draftOfRound, validateRoundDraft, type RoundDraft } from '$lib/rounds/rounds';
import RoundForm from './RoundForm.svelte';

const locale = getLocale;
afterEach(() => overwriteGetLocale(locale));

const buurten = [{ id: 'b1', name: 'Selwerd-Noord' }] as AreaRecord[];
const purposes = [{ id: 'p1', name: 'Buurtgesprekken' }] as PurposeRecord[];

const draft: RoundDraft = {
	...draftOfRound(),
	name: '',
	startsOn: '2027-03-10',
	endsOn: '2027-03-01',
	questions: [
		{
			kind: 'choice',
			textNl: '',
			textEn: 'What?',
			options: [
				{ value: 'a', nl: 'A', en: 'A' },
				{ value: 'a', nl: 'B', en: 'B' }
			],
			personal: false
		}
	]
};

const renderForm = (errors = validateRoundDraft(draft)) =>
	render(RoundForm, {
		props: { initial: draft, buurten, purposes, errors, saving: false, onsave: () => {} }
	}).body;

describe('RoundForm', () => {
	it('shows the form’s errors at their fields, in Dutch', () => {
		overwriteGetLocale(() => 'nl');
		const body = renderForm();
		expect(body).toMatch(/id="round-name-error"[^>]*>[^<]*Vul dit in\./);
		expect(body).toMatch(/id="round-ends-error"[^>]*>[^<]*De laatste dag ligt vóór de eerste\./);
		expect(body).toMatch(/id="round-q0-nl-error"[^>]*>[^<]*Vul dit in\./);
		expect(body).toMatch(/id="round-q0-o1-value-error"[^>]*>[^<]*Deze code komt al voor\./);
		expect(body).not.toContain('round-q0-o0-value-error');
		expect(body).toContain('id="round-areas-error"');
		expect(body).toContain('Selwerd-Noord');
		expect(body).toContain('Buurtgesprekken');
	});

	it('shows a server error in English for an English user, and options only for a choice', () => {
		overwriteGetLocale(() => 'en');
		const body = render(RoundForm, {
			props: {
				initial: { ...draft, questions: [{ ...draft.questions[0], kind: 'text' }] },
				buurten,
				purposes,
				errors: { areas: 'outside_areas' },
				saving: false,
				onsave: () => {}
			}
		}).body;
		expect(body).toMatch(/id="round-areas-error"[^>]*>[^<]*This lies outside your areas\./);
		expect(body).not.toContain('data-testid="round-question-options"');
	});
});
