// Guards a round's questions on a paper sheet: numbered by position, in her language, option codes.
import { describe, expect, it } from 'vitest';
import { optionCode, paperQuestions } from './paper-questions';

const words = { yes: 'ja', no: 'nee' };
const question = (over: Record<string, unknown>) => ({
	id: 'q',
	position: 0,
	kind: 'text' as const,
	textNl: 'Vraag',
	textEn: 'Question',
	options: null,
	...over
});

describe('optionCode', () => {
	it('codes options A to Z, then AA, AB, never twice the same', () => {
		expect([0, 1, 25, 26, 27, 51, 52].map(optionCode)).toEqual([
			'A',
			'B',
			'Z',
			'AA',
			'AB',
			'AZ',
			'BA'
		]);
		const codes = Array.from({ length: 200 }, (_, i) => optionCode(i));
		expect(new Set(codes).size).toBe(200);
	});
});

describe('paperQuestions', () => {
	const questions = [
		question({
			id: 'q2',
			position: 2,
			kind: 'choices',
			textNl: 'Wat doe je graag?',
			textEn: '',
			options: [
				{ value: 'koken', nl: 'Koken', en: 'Cooking' },
				{ value: 'tuin', nl: '', en: 'Gardening' }
			]
		}),
		question({ id: 'q0', position: 0, kind: 'yesno', textNl: 'Ken je je buren?' }),
		question({ id: 'q1', position: 1, kind: 'number', textNl: 'Hoe lang woon je hier?' })
	];

	it('numbers them by position, with boxes for yes/no and options and none for a number', () => {
		expect(paperQuestions(questions, false, words)).toEqual([
			{
				id: 'q0',
				number: 1,
				text: 'Ken je je buren?',
				kind: 'yesno',
				boxes: [
					{ code: 'ja', label: 'ja' },
					{ code: 'nee', label: 'nee' }
				]
			},
			{ id: 'q1', number: 2, text: 'Hoe lang woon je hier?', kind: 'number', boxes: [] },
			{
				id: 'q2',
				number: 3,
				text: 'Wat doe je graag?',
				kind: 'choices',
				boxes: [
					{ code: 'A', label: 'Koken' },
					{ code: 'B', label: 'Gardening' }
				]
			}
		]);
	});

	it('speaks English where there is English, else Dutch', () => {
		const [, , choices] = paperQuestions(questions, true, { yes: 'yes', no: 'no' });
		expect(choices.text).toBe('Wat doe je graag?');
		expect(choices.boxes.map((b) => b.label)).toEqual(['Cooking', 'Gardening']);
		expect(paperQuestions(questions, true, words)[0].text).toBe('Question');
	});
});
