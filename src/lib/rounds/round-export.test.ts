// Guards the round's answers as CSV: one row per conversation of the round (its period, its lists
// or doors), the list it counts for, readable answers (option labels, ja/nee, numbers with a
// decimal comma) under the question's text in her language, personal columns marked, and fields
// quoted and guarded against Excel formulas.
import { describe, expect, it } from 'vitest';
import type { ProgressConversation } from './progress.api';
import { roundAnswersCsv, roundExportFileName } from './round-export';
import { roundDate, type RoundQuestion } from './rounds';

const round = {
	name: 'Voorjaar; Selwerd',
	startsOn: roundDate('2027-03-01'),
	endsOn: roundDate('2027-03-31'),
	lists: [
		{ id: 'L1', name: 'Oost', addresses: ['a1', 'a2'] },
		{ id: 'L2', name: 'West', addresses: ['b1'] }
	]
};

const question = (
	id: string,
	kind: RoundQuestion['kind'],
	fields: Partial<RoundQuestion> = {}
): RoundQuestion => ({
	id,
	round: 'r1',
	position: 1,
	kind,
	textNl: `Vraag ${id}`,
	textEn: `Question ${id}`,
	options: null,
	personal: false,
	...fields
});

const questions = [
	question('q1', 'yesno', { textNl: 'Kent u de buren?', textEn: 'Know the neighbours?' }),
	question('q2', 'choices', {
		textNl: 'Wat mist u?',
		textEn: 'What do you miss?',
		options: [
			{ value: 'groen', nl: 'Groen', en: 'Green' },
			{ value: 'bank', nl: 'Bankjes', en: 'Benches' }
		]
	}),
	question('q3', 'number', { textNl: 'Hoe lang woont u hier?', textEn: 'How long here?' }),
	question('q4', 'text', { textNl: 'Uw idee', textEn: 'Your idea', personal: true })
];

const talk = (
	id: string,
	address: string,
	heldAt: string,
	fields: Partial<ProgressConversation> = {}
): ProgressConversation => ({
	id,
	address,
	worker: 'u1',
	heldAt,
	outcome: 'talked',
	walkList: '',
	farFromAddress: false,
	door: `Dreef ${id}`,
	...fields
});

const conversations = [
	talk('2', 'b1', '2027-03-12 10:00:00.000Z', {
		outcome: 'not_home',
		walkList: 'L2'
	}),
	talk('1', 'a1', '2027-03-10 10:00:00.000Z', {
		walkList: 'L1',
		themes: ['groen', 'taal'],
		answers: { q1: true, q2: ['bank', 'groen'], q3: 2.5, q4: '=HYPERLINK("x") "ja"' }
	}),
	// Not on a list, at a door of one: counts for that list.
	talk('3', 'a2', '2027-03-11 10:00:00.000Z', { answers: { q1: false, q3: 'veel' } }),
	// Before the round, and at a door of no list: not the round's.
	talk('4', 'a1', '2027-02-27 10:00:00.000Z', { answers: { q1: true } }),
	talk('5', 'z9', '2027-03-11 10:00:00.000Z', { answers: { q1: true } })
];

const lines = (csv: string) =>
	csv
		.replace(/^\uFEFF/, '')
		.split('\r\n')
		.slice(0, -1);

describe('roundAnswersCsv', () => {
	it('writes one row per conversation of the round, oldest first, answers readable', () => {
		const csv = roundAnswersCsv(round, questions, conversations, {
			label: (group, value) => (group === 'outcome' && value === 'talked' ? 'Gesproken' : undefined)
		});
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(lines(csv)).toEqual([
			"Ronde;Looplijst;Adres;Datum en tijd;Uitkomst;Thema's;Kent u de buren?;Wat mist u?;Hoe lang woont u hier?;Uw idee (persoonsgegeven)",
			'"Voorjaar; Selwerd";Oost;Dreef 1;2027-03-10 11:00;Gesproken;groen, taal;ja;Bankjes, Groen;2,5;"\'=HYPERLINK(""x"") ""ja"""',
			// A number answer that is no number is left empty rather than shown wrong.
			'"Voorjaar; Selwerd";Oost;Dreef 3;2027-03-11 11:00;Gesproken;;nee;;;',
			'"Voorjaar; Selwerd";West;Dreef 2;2027-03-12 11:00;not_home;;;;;'
		]);
	});

	it('writes the headers, labels and yes/no in English', () => {
		const csv = roundAnswersCsv(round, questions, conversations.slice(1, 2), { locale: 'en' });
		expect(lines(csv)[0]).toBe(
			'Round;Walk list;Address;Date and time;Outcome;Themes;Know the neighbours?;What do you miss?;How long here?;Your idea (personal data)'
		);
		expect(lines(csv)[1]).toContain(';yes;Benches, Green;2,5;');
	});

	it('writes only the headers for a round without conversations', () => {
		expect(lines(roundAnswersCsv(round, [], []))).toEqual([
			"Ronde;Looplijst;Adres;Datum en tijd;Uitkomst;Thema's"
		]);
	});
});

describe('roundExportFileName', () => {
	it('names the file by the round and the day', () => {
		expect(roundExportFileName('Voorjaar; Selwerd-Noord', new Date('2027-03-20T10:00:00Z'))).toBe(
			'krachtkaart-ronde-Voorjaar-Selwerd-Noord-2027-03-20.csv'
		);
		expect(roundExportFileName('Één!', new Date('2027-03-20T10:00:00Z'))).toBe(
			'krachtkaart-ronde-Één-2027-03-20.csv'
		);
	});
});
