// A round's answers as CSV for Dutch Excel (the CSV of src/lib/gaps/csv.ts: byte order mark,
// `;`, CRLF, text Excel would run as a formula guarded): one row per conversation of the round
// (`conversationsOfRound`), with the round, its list, the door, when, how it went and the themes,
// then one column per extra question, its text in the user's language, its answers readable
// (option labels, ja/nee). The coordinator may read every answer, personal ones too: their
// columns say so in the header. Pure: the caller has read the round, its lists and conversations.
import { toCsv, type CsvCell } from '$lib/gaps/csv';
import { dutchMoment } from '$lib/export/export';
import type { ProgressConversation } from './progress.api';
import { conversationsOfRound, listOfConversation } from './progress';
import {
	isBlankAnswer,
	validateAnswer,
	type RoundQuestion,
	type RoundRecord,
	type WalkListRecord
} from './rounds';

export type RoundExportLocale = 'nl' | 'en';

export interface RoundExportOptions {
	/** Headers, question texts, option labels and yes/no in Dutch (default) or English. */
	locale?: RoundExportLocale;
	/** A theme's or an outcome's text in the UI's language; undefined: the stored value. */
	label?: (group: 'theme' | 'outcome', value: string) => string | undefined;
}

const HEADERS = {
	round: { nl: 'Ronde', en: 'Round' },
	list: { nl: 'Looplijst', en: 'Walk list' },
	door: { nl: 'Adres', en: 'Address' },
	heldAt: { nl: 'Datum en tijd', en: 'Date and time' },
	outcome: { nl: 'Uitkomst', en: 'Outcome' },
	themes: { nl: "Thema's", en: 'Themes' },
	personal: { nl: '(persoonsgegeven)', en: '(personal data)' },
	yes: { nl: 'ja', en: 'yes' },
	no: { nl: 'nee', en: 'no' }
} as const satisfies Record<string, Record<RoundExportLocale, string>>;

type ExportQuestion = Pick<
	RoundQuestion,
	'id' | 'kind' | 'textNl' | 'textEn' | 'options' | 'personal'
>;

type ExportConversation = Pick<
	ProgressConversation,
	'heldAt' | 'outcome' | 'themes' | 'answers' | 'walkList' | 'address' | 'door'
>;

/** An answer as its reader reads it: option labels, ja/nee, the number or the text. */
function answerText(question: ExportQuestion, value: unknown, locale: RoundExportLocale): CsvCell {
	// Only answers that fit their question (the server checked them; a question changed since
	// may no longer fit): what does not fit is left empty rather than shown wrong.
	if (isBlankAnswer(value) || validateAnswer(question, value) !== null) return '';
	const option = (v: string) => {
		const found = (question.options ?? []).find((o) => o.value === v);
		return (found && (locale === 'en' ? found.en || found.nl : found.nl)) || v;
	};
	switch (question.kind) {
		case 'yesno':
			return HEADERS[value ? 'yes' : 'no'][locale];
		case 'choice':
			return option(value as string);
		case 'choices':
			return (value as string[]).map(option).join(', ');
		case 'number':
			return value as number;
		default:
			return (value as string).trim();
	}
}

/** A question's column header: its text in her language, marked when its answers are personal. */
export function questionHeader(question: ExportQuestion, locale: RoundExportLocale): string {
	const text = (locale === 'en' ? question.textEn || question.textNl : question.textNl).trim();
	return question.personal ? `${text} ${HEADERS.personal[locale]}` : text;
}

/**
 * The round's answers as a CSV file's text: one row per conversation of the round, oldest first.
 *
 * @example roundAnswersCsv(round, questions, conversations, { locale: 'nl' }) // '\uFEFFRonde;Looplijst;Adres;…;Kent u de buren?\r\nVoorjaar;Oost;Dreef 1;2027-03-02 11:00;Gesproken;Groen;ja\r\n'
 */
export function roundAnswersCsv(
	round: Pick<RoundRecord, 'name' | 'startsOn' | 'endsOn'> & {
		lists: readonly Pick<WalkListRecord, 'id' | 'name' | 'addresses'>[];
	},
	questions: readonly ExportQuestion[],
	conversations: readonly ExportConversation[],
	options: RoundExportOptions = {}
): string {
	const locale = options.locale ?? 'nl';
	const label = (group: 'theme' | 'outcome', value: string) =>
		options.label?.(group, value) ?? value;
	const listName = new Map(round.lists.map((list) => [list.id, list.name]));
	const rows: CsvCell[][] = [
		[
			...(['round', 'list', 'door', 'heldAt', 'outcome', 'themes'] as const).map(
				(key) => HEADERS[key][locale]
			),
			...questions.map((question) => questionHeader(question, locale))
		]
	];
	const ofRound = conversationsOfRound(round, round.lists, conversations);
	// Oldest first, as a paper log reads; PocketBase's dates sort as text.
	ofRound.sort((a, b) => (a.heldAt < b.heldAt ? -1 : a.heldAt > b.heldAt ? 1 : 0));
	for (const conversation of ofRound) {
		const list = listOfConversation(round.lists, conversation);
		rows.push([
			round.name,
			list ? (listName.get(list) ?? '') : '',
			conversation.door,
			dutchMoment(conversation.heldAt),
			label('outcome', conversation.outcome),
			(conversation.themes ?? []).map((theme) => label('theme', theme)).join(', '),
			...questions.map((question) =>
				answerText(question, conversation.answers?.[question.id], locale)
			)
		]);
	}
	return toCsv(rows);
}

/**
 * The export's file name: the round's name made safe, and the day.
 *
 * @example roundExportFileName('Voorjaar Selwerd', new Date('2027-03-20')) // 'krachtkaart-ronde-Voorjaar-Selwerd-2027-03-20.csv'
 */
export function roundExportFileName(name: string, now: Date): string {
	const safe = name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'ronde';
	return `krachtkaart-ronde-${safe}-${now.toISOString().slice(0, 10)}.csv`;
}
