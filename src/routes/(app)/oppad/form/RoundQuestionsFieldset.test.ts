// Guards the round's questions in the doorstep form: each kind its own control, in her language,
// with a label, and an answer's problem at its question (rendered on the server, as Svelte does).
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import RoundQuestionsFieldset from './RoundQuestionsFieldset.svelte';

const options = [
	{ value: 'buren', nl: 'Buren', en: 'Neighbours' },
	{ value: 'school', nl: 'School', en: 'School' }
];
const question = (id: string, kind: 'text' | 'choice' | 'choices' | 'yesno' | 'number') => ({
	id,
	kind,
	textNl: `Vraag ${kind}`,
	textEn: `Question ${kind}`,
	options: kind === 'choice' || kind === 'choices' ? options : null
});
const questions = [
	question('qtext', 'text'),
	question('qchoice', 'choice'),
	question('qchoices', 'choices'),
	question('qyesno', 'yesno'),
	question('qnumber', 'number')
];

describe('RoundQuestionsFieldset', () => {
	it('asks each question by its kind', () => {
		const { body } = render(RoundQuestionsFieldset, {
			props: { questions, answers: { qchoices: ['school'] }, errors: {} }
		});
		expect(body).toMatch(/<input type="text"[^>]*data-testid="round-answer-qtext"/);
		expect(body).toMatch(
			/<input type="radio" name="round-qchoice"[^>]*data-testid="round-answer-qchoice-buren"/
		);
		expect(body).toMatch(
			/<input type="checkbox" checked[^>]*data-testid="round-answer-qchoices-school"/
		);
		expect(body).toMatch(/<input type="checkbox"[^>]*data-testid="round-answer-qchoices-buren"/);
		expect(body).toMatch(/name="round-qyesno"[^>]*data-testid="round-answer-qyesno-yes"/);
		expect(body).toMatch(/<input type="number"[^>]*data-testid="round-answer-qnumber"/);
		expect(body).toContain('<legend>Vraag choice</legend>');
		expect(body).not.toContain('round-problem-');
	});

	it('speaks her language, and shows a problem at its question', () => {
		const dutchFirst = getLocale;
		overwriteGetLocale(() => 'en');
		try {
			const { body } = render(RoundQuestionsFieldset, {
				props: { questions, answers: { qyesno: 'ja' }, errors: { answers: 'answer_invalid' } }
			});
			expect(body).toContain('<legend>Question yesno</legend>');
			expect(body).toContain('Neighbours');
			expect(body).toMatch(/data-testid="round-problem-qyesno"/);
			expect(body).not.toContain('conversation-error-answers');
		} finally {
			overwriteGetLocale(dutchFirst);
		}
	});

	it('shows a refusal no answer explains below the questions', () => {
		const { body } = render(RoundQuestionsFieldset, {
			props: { questions, answers: {}, errors: { answers: 'not_on_list' } }
		});
		expect(body).toContain('data-testid="conversation-error-answers"');
	});
});
