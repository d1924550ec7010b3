// A round's extra questions on a paper walk sheet: numbered, in her language, each with the boxes
// to tick (a choice's options coded A, B, C…; yes and no) or a line to write on. Pure.
import type { QuestionKind } from '$lib/vocabulary/vocabulary';
import type { RoundQuestion } from './rounds';

export interface PaperBox {
	/** What is printed in or beside the box: 'A', 'B'… for options, the word for yes and no. */
	code: string;
	label: string;
}

export interface PaperQuestion {
	id: string;
	/** 1, 2, …: the sheet's own numbering ('V1'). */
	number: number;
	text: string;
	kind: QuestionKind;
	/** Boxes to tick; none for text and number (a line to write on). */
	boxes: PaperBox[];
}

/** A, B, … Z, then AA, AB…: never two options with one code. */
export function optionCode(index: number): string {
	const letter = String.fromCharCode(65 + (index % 26));
	return index < 26 ? letter : optionCode(Math.floor(index / 26) - 1) + letter;
}

/**
 * The questions as the sheet prints them, by position: her language's text (the other one when it
 * is blank), a choice's options coded A, B, C…, yes and no as `words` says them.
 *
 * @example paperQuestions([{ kind: 'choice', textNl: 'Wat?', options: [{ value: 'g', nl: 'Groen', en: 'Green' }], ... }], false, words)
 * // [{ id, number: 1, text: 'Wat?', kind: 'choice', boxes: [{ code: 'A', label: 'Groen' }] }]
 */
export function paperQuestions(
	questions: readonly Pick<
		RoundQuestion,
		'id' | 'position' | 'kind' | 'textNl' | 'textEn' | 'options'
	>[],
	english: boolean,
	words: { yes: string; no: string }
): PaperQuestion[] {
	const say = (nl: string, en: string) => (english ? en || nl : nl || en);
	return [...questions]
		.sort((a, b) => a.position - b.position)
		.map((q, i) => ({
			id: q.id,
			number: i + 1,
			text: say(q.textNl, q.textEn),
			kind: q.kind,
			boxes:
				q.kind === 'yesno'
					? [
							{ code: words.yes, label: words.yes },
							{ code: words.no, label: words.no }
						]
					: q.kind === 'choice' || q.kind === 'choices'
						? (q.options ?? []).map((o, j) => ({ code: optionCode(j), label: say(o.nl, o.en) }))
						: []
		}));
}
