// Guards that the doorstep form and the server agree on every conversation: each draft of one
// table goes through the form's validateDraft and body (src/lib/conversations/conversation-draft.ts)
// and, whatever the form said, to the real server as a worker's new conversation; both must give
// the answer the table holds (accepted, or refused with the same fields and codes). So a worker
// offline never queues a talk the server will refuse, nor is stopped at the door from one it takes.
// The same for a talk's answers to a round's questions, on a walk list of that round.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	draftErrorsFromServer,
	emptyDraft,
	validateDraft,
	type ConversationDraft,
	type DraftAnswers,
	type DraftErrors
} from '$lib/conversations/conversation-draft';
import { newConversation, type TalkRound } from '$lib/conversations/new-conversation';
import type { QuestionKind } from '$lib/vocabulary/vocabulary';
import type { RoundQuestion } from '$lib/rounds/rounds';
import { makerOf } from '../support/area-records';
import { newRecordId } from '$lib/sync/outbox';
import { LIMITS, type Outcome } from '$lib/vocabulary/vocabulary';
import {
	createAreaTree,
	createDoorsInARow,
	createQuestions,
	createWalkList,
	signedInUser,
	superuserClient,
	unique,
	type AreaTree,
	type Door,
	type SignedInUser
} from '../support/fixtures';

const { person: PERSON, conversation: MAX } = LIMITS;

let su: PocketBase;
let home: AreaTree;
let worker: SignedInUser;
let door: Door;
/** More initiatives in her buurt than a talk may be connected to. */
const initiatives: string[] = [];
let foreignInitiative: string;
/** A round of her buurt with a question of every kind, in this order, and its lists. */
const KINDS: QuestionKind[] = ['text', 'choice', 'choices', 'yesno', 'number'];
const q = {} as Record<QuestionKind, string>;
let questions: RoundQuestion[];
/** Her list of the round, with the test's door on it. */
let listId: string;
/** A list of the round without the test's door. */
let listWithoutDoor: string;
/** A list of the round with the door, assigned to a colleague and not checked out. */
let colleaguesList: string;
let otherRoundQuestion: string;

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	const elsewhere = await createAreaTree(su);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
	[door] = await createDoorsInARow(su, home.buurt.id, {
		street: `Akkoordstraat ${unique()}`,
		postcode: '3500AB',
		lat: 52.006
	});
	const initiative = (area: string, title: string) =>
		su.collection('assets').create({
			kind: 'initiative',
			title,
			location: { lon: 5.005, lat: 52.006 },
			precision: 'exact',
			area,
			status: 'active'
		});
	for (let i = 0; i <= MAX.connectTo; i++) {
		initiatives.push((await initiative(home.buurt.id, `Initiatief ${i + 1}`)).id);
	}
	foreignInitiative = (await initiative(elsewhere.buurt.id, 'Elders')).id;

	// A coordinator's work, done here as the superuser: the round, its questions and its lists.
	const round = (await makerOf('rounds').record(su, home.buurt.id, '')).id;
	questions = await createQuestions(su, round, KINDS, { personal: ['text'] });
	for (const question of questions) q[question.kind] = question.id;
	const [, otherDoor] = await createDoorsInARow(su, home.buurt.id, {
		street: `Lijststraat ${unique()}`,
		postcode: '3500AC',
		lat: 52.007
	});
	const colleague = await signedInUser(su, 'worker', [home.wijk.id]);
	const list = (fields: Record<string, unknown>) => createWalkList(su, round, fields);
	listId = (await list({ addresses: [door.id], assignees: [worker.id] })).id;
	listWithoutDoor = (await list({ addresses: [otherDoor.id], assignees: [worker.id] })).id;
	colleaguesList = (await list({ addresses: [door.id], assignees: [colleague.id] })).id;
	otherRoundQuestion = (await makerOf('round_questions').record(su, home.buurt.id, '')).id;
});

const text = (length: number) => 'x'.repeat(length);
const gift = (tag = 'Klussen'): ConversationDraft['gifts'][number] => ({
	kind: 'hands',
	tag,
	themes: []
});
const mention = (name = 'Ali'): ConversationDraft['mentions'][number] => ({ name, kind: 'person' });
const times = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);
/** Casts a value the form's types would not allow, as an old or broken phone might send it. */
const unchecked = <T>(value: unknown) => value as T;

type Row = [
	name: string,
	outcome: Outcome,
	draft: Partial<ConversationDraft>,
	expected: DraftErrors
];

/** `connectTo` is filled in when the initiatives exist: n of them, the first once more if `twice`. */
const CONNECT = (n: number, twice = false) => unchecked<string[]>({ connect: n, twice });

const rows: Row[] = [
	// Accepted.
	['an empty talk', 'talked', {}, {}],
	['an empty not-home', 'not_home', {}, {}],
	[
		'a whole talk',
		'talked',
		{
			themes: ['taal', 'groen'],
			wishes: 'Een moestuin',
			willingToHelp: true,
			consent: ['first_name', 'contact'],
			firstName: 'Fatima',
			contact: '06 12345678',
			isKeyFigure: true,
			gifts: [gift('Koken'), { kind: 'head', tag: 'Taalles', themes: ['taal'] }],
			mentions: [mention('Buurtmoeders'), { name: 'Karim', kind: 'group' }],
			connectTo: CONNECT(1),
			followUp: { what: 'Terugbellen', due: '2026-12-03' },
			language: 'ar',
			notes: 'Aardig gesprek'
		},
		{}
	],
	[
		'an anonymous key figure with gifts',
		'talked',
		{ consent: ['anonymous'], isKeyFigure: true, gifts: [gift()] },
		{}
	],
	[
		'every list and text at its limit',
		'talked',
		{
			consent: ['first_name', 'contact'],
			firstName: text(PERSON.firstName),
			contact: text(PERSON.contact),
			gifts: times(MAX.gifts, () => gift(text(MAX.giftTag))),
			mentions: times(MAX.mentions, () => mention(text(MAX.mentionName))),
			followUp: { what: text(MAX.followUpWhat), due: '' },
			wishes: text(MAX.wishes),
			notes: text(MAX.notes),
			language: text(MAX.language)
		},
		{}
	],
	['as many initiatives as a talk may have', 'talked', { connectTo: CONNECT(MAX.connectTo) }, {}],
	[
		'as many initiatives as a talk may have, one of them twice (kept once)',
		'talked',
		{ connectTo: CONNECT(MAX.connectTo, true) },
		{}
	],
	[
		'texts at their limit once trimmed',
		'talked',
		{
			consent: ['first_name'],
			firstName: ` ${text(PERSON.firstName)} `,
			wishes: ` ${text(MAX.wishes)}\n`,
			notes: `\n${text(MAX.notes)} `,
			followUp: { what: ` ${text(MAX.followUpWhat)} `, due: '' }
		},
		{}
	],
	[
		'a not-home with what only a talk carries (left out) and a follow-up',
		'not_home',
		{
			firstName: 'Jan',
			isKeyFigure: true,
			gifts: [gift()],
			mentions: [mention('')],
			wishes: text(MAX.wishes + 1),
			followUp: { what: 'Na zessen terugkomen', due: '2026-12-10' },
			notes: 'Hond blaft'
		},
		{}
	],
	[
		"a gift's unknown theme (left out)",
		'talked',
		{
			consent: ['anonymous'],
			gifts: [{ kind: 'hands', tag: 'Klussen', themes: unchecked(['ruimtevaart']) }]
		},
		{}
	],
	['a blank follow-up (left out)', 'declined', { followUp: { what: '  ', due: 'morgen' } }, {}],

	// Refused: each kind of problem, just over every limit.
	[
		'anonymous and a first name at once',
		'talked',
		{ consent: ['anonymous', 'first_name'] },
		{ consent: 'consent_contradicts' }
	],
	['an unknown consent', 'talked', { consent: unchecked(['everything']) }, { consent: 'invalid' }],
	[
		'an unknown theme',
		'talked',
		{ themes: unchecked(['ruimtevaart']) },
		{ themes: 'unknown_theme' }
	],
	[
		'one gift too many',
		'talked',
		{ consent: ['anonymous'], gifts: times(MAX.gifts + 1, () => gift()) },
		{ gifts: 'too_many' }
	],
	[
		'a gift one letter too long',
		'talked',
		{ consent: ['anonymous'], gifts: [gift(text(MAX.giftTag + 1))] },
		{ gifts: 'gift_incomplete' }
	],
	[
		'a gift without words',
		'talked',
		{ consent: ['anonymous'], gifts: [gift(), gift('  ')] },
		{ gifts: 'gift_incomplete' }
	],
	[
		'a gift of an unknown kind',
		'talked',
		{ consent: ['anonymous'], gifts: [{ kind: unchecked('feet'), tag: 'Lopen', themes: [] }] },
		{ gifts: 'invalid' }
	],
	['gifts without consent', 'talked', { gifts: [gift()] }, { gifts: 'consent_needed_gifts' }],
	[
		'a gift without words and without consent: the gift first',
		'talked',
		{ gifts: [gift(' ')] },
		{ gifts: 'gift_incomplete' }
	],
	[
		'a first name without consent to it',
		'talked',
		{ consent: ['anonymous'], firstName: 'Jan' },
		{ firstName: 'consent_needed_first_name' }
	],
	[
		'a first name one letter too long',
		'talked',
		{ consent: ['first_name'], firstName: text(PERSON.firstName + 1) },
		{ firstName: 'too_long' }
	],
	[
		'a contact without consent to it',
		'talked',
		{ consent: ['first_name'], contact: 'jan@example.nl' },
		{ contact: 'consent_needed_contact' }
	],
	[
		'a contact one letter too long',
		'talked',
		{ consent: ['contact'], contact: text(PERSON.contact + 1) },
		{ contact: 'too_long' }
	],
	[
		'a key figure without consent',
		'talked',
		{ isKeyFigure: true },
		{ isKeyFigure: 'consent_needed_key_figure' }
	],
	[
		'one mention too many',
		'talked',
		{ mentions: times(MAX.mentions + 1, () => mention()) },
		{ mentions: 'too_many' }
	],
	[
		'a mention one letter too long',
		'talked',
		{ mentions: [mention(text(MAX.mentionName + 1))] },
		{ mentions: 'mention_incomplete' }
	],
	[
		'a mention without a name',
		'talked',
		{ mentions: [mention(' ')] },
		{ mentions: 'mention_incomplete' }
	],
	[
		'a mention of an unknown kind',
		'talked',
		{ mentions: [{ name: 'Ali', kind: unchecked('cat') }] },
		{ mentions: 'invalid' }
	],
	[
		'one initiative too many',
		'talked',
		{ connectTo: CONNECT(MAX.connectTo + 1) },
		{ connectTo: 'too_many' }
	],
	[
		'a follow-up one letter too long',
		'come_back_later',
		{ followUp: { what: text(MAX.followUpWhat + 1), due: '' } },
		{ followUp: 'too_long' }
	],
	[
		'a follow-up on a day that is no date',
		'talked',
		{ followUp: { what: 'Bellen', due: '3-12-2026' } },
		{ followUp: 'date_invalid' }
	],
	[
		'wishes one letter too long',
		'talked',
		{ wishes: text(MAX.wishes + 1) },
		{ wishes: 'too_long' }
	],
	['notes one letter too long', 'talked', { notes: text(MAX.notes + 1) }, { notes: 'too_long' }],
	[
		"a not-home's notes one letter too long",
		'not_home',
		{ notes: text(MAX.notes + 1) },
		{ notes: 'too_long' }
	],
	[
		'a language one letter too long',
		'talked',
		{ language: text(MAX.language + 1) },
		{ language: 'too_long' }
	],
	[
		'several problems at once',
		'talked',
		{
			firstName: 'Jan',
			gifts: times(MAX.gifts + 1, () => gift()),
			mentions: [mention('')],
			notes: text(MAX.notes + 1)
		},
		{
			firstName: 'consent_needed_first_name',
			gifts: 'too_many',
			mentions: 'mention_incomplete',
			notes: 'too_long'
		}
	]
];

/**
 * What only the server can know: the phone cannot check offline whether an initiative still exists
 * or lies in her areas, nor whether a follow-up's assignee exists. The form accepts these; the
 * server refuses them on the field the form has. (This form has no assignee yet: that row adds one
 * to the body.)
 */
const serverOnly: [
	name: string,
	draft: () => Partial<ConversationDraft>,
	extra: Record<string, unknown>,
	expected: DraftErrors
][] = [
	[
		'an initiative outside her areas',
		() => ({ connectTo: [foreignInitiative] }),
		{},
		{ connectTo: 'outside_areas' }
	],
	[
		'an initiative that does not exist',
		() => ({ connectTo: ['nosuchasset0000'] }),
		{},
		{ connectTo: 'invalid' }
	],
	[
		'a follow-up for a colleague who does not exist',
		() => ({ followUp: { what: 'Bellen', due: '' } }),
		{ followUp: { what: 'Bellen', assignee: 'nosuchuser0000' } },
		{ followUp: 'unknown_user' }
	]
];

/** A draft of the table with its placeholders filled in. */
function draftOf(fields: Partial<ConversationDraft>): ConversationDraft {
	const draft = { ...emptyDraft(), ...fields };
	const placeholder = fields.connectTo as unknown as
		{ connect?: number; twice: boolean } | undefined;
	if (placeholder?.connect !== undefined) {
		draft.connectTo = initiatives.slice(0, placeholder.connect);
		if (placeholder.twice) draft.connectTo.push(initiatives[0]);
	}
	return draft;
}

/** The server's answer to a conversation with this body, as the form's errors ({} if saved). */
/** The record the phone makes of a draft at the test's door (new-conversation.ts). */
const bodyOf = (outcome: Outcome, draft: ConversationDraft, round?: TalkRound) =>
	newConversation({
		round,
		door: { id: door.id, area: home.buurt.id },
		worker: worker.id,
		heldAt: '2026-11-23 10:15:00.000Z',
		outcome,
		place: { location: { lon: door.lon, lat: door.lat }, locationSource: 'address' },
		draft
	});

async function serverSays(outcome: Outcome, body: Record<string, unknown>): Promise<DraftErrors> {
	const conversation = {
		id: newRecordId(),
		area: home.buurt.id,
		address: door.id,
		worker: worker.id,
		heldAt: '2026-11-23 10:15:00.000Z',
		outcome,
		location: { lon: door.lon, lat: door.lat },
		locationSource: 'address',
		...body
	};
	const refusal = await worker.pb
		.collection('conversations')
		.create(conversation)
		.then(
			() => null,
			(e: { status: number; response: { data: unknown } }) => e
		);
	if (!refusal) return {};
	// A refusal, never a crash; and every problem on a field the form has.
	expect(refusal.status).toBe(400);
	const { fields, other } = draftErrorsFromServer(refusal.response.data);
	expect(other).toEqual([]);
	return fields;
}

describe('the doorstep form and the server agree', () => {
	it.each(rows)('%s (%s)', async (_name, outcome, fields, expected) => {
		const draft = draftOf(fields);
		const client = validateDraft(outcome, draft);
		const server = await serverSays(outcome, { ...bodyOf(outcome, draft) });
		expect({ client, server }).toEqual({ client: expected, server: expected });
	});

	it.each(serverOnly)('only the server knows: %s', async (_name, fields, extra, expected) => {
		const draft = draftOf({ consent: ['anonymous'], gifts: [gift()], ...fields() });
		expect(validateDraft('talked', draft)).toEqual({});
		const body = { ...bodyOf('talked', draft), ...extra };
		expect(await serverSays('talked', body)).toEqual(expected);
	});
});

/** Answers by question kind, as the table writes them; keyed by the questions' ids for the form. */
type ByKind = Partial<Record<QuestionKind, unknown>>;
const answersOf = (byKind: ByKind): DraftAnswers =>
	Object.fromEntries(
		Object.entries(byKind).map(([kind, value]) => [q[kind as QuestionKind], value])
	) as DraftAnswers;

const GOOD: ByKind = {
	text: 'Meer bankjes in het park',
	choice: 'buren',
	choices: ['school', 'kerk'],
	yesno: false,
	number: 0
};

/** Known once the questions exist (the ones of a row with several problems). */
type Expected = DraftErrors | (() => DraftErrors);

const answerRows: [name: string, answers: ByKind, expected: Expected][] = [
	// Accepted.
	['an answer to every question', GOOD, {}],
	...KINDS.map((kind): [string, ByKind, DraftErrors] => [
		`only the ${kind} question answered`,
		{ [kind]: GOOD[kind] },
		{}
	]),
	['no answers at all (the list alone)', {}, {}],
	['blank answers (left out)', { text: '  ', choices: [], number: null }, {}],
	['a text at its limit once trimmed', { text: ` ${text(LIMITS.round.answerText)} ` }, {}],
	['a negative fraction', { number: -2.5 }, {}],
	// Refused: a value that does not fit, per kind.
	['a text that is no text', { text: 42 }, { answers: 'answer_invalid' }],
	[
		'a text one letter too long',
		{ text: text(LIMITS.round.answerText + 1) },
		{ answers: 'too_long' }
	],
	['a choice that is no option', { choice: 'moskee' }, { answers: 'answer_invalid' }],
	['two options for one choice', { choice: ['buren', 'kerk'] }, { answers: 'answer_invalid' }],
	[
		'choices with one that is no option',
		{ choices: ['buren', 'moskee'] },
		{ answers: 'answer_invalid' }
	],
	['choices with one twice', { choices: ['buren', 'buren'] }, { answers: 'answer_invalid' }],
	['a yes or no in words', { yesno: 'ja' }, { answers: 'answer_invalid' }],
	['a number in words', { number: '3' }, { answers: 'answer_invalid' }],
	[
		'several problems: the first by question id, as the server stores them',
		{ ...GOOD, text: text(LIMITS.round.answerText + 1), yesno: 'ja' },
		() => ({ answers: q.text < q.yesno ? 'too_long' : 'answer_invalid' })
	]
];

/**
 * What only the server can know of a round's talk: the phone sends answers only with a list
 * (newConversation) and only to the list's round, so these bodies are an old or broken phone's;
 * whether a door is on a list or a list hers, a phone offline cannot be sure of.
 */
const answersServerOnly: [
	name: string,
	body: () => Record<string, unknown>,
	expected: DraftErrors
][] = [
	[
		'answers without a list',
		() => ({ walkList: '', answers: { [q.yesno]: true } }),
		{ answers: 'answers_without_list' }
	],
	[
		"an answer to another round's question",
		() => ({ answers: { [q.yesno]: true, [otherRoundQuestion]: 'Ja' } }),
		{ answers: 'other_round' }
	],
	['a door not on the list', () => ({ walkList: listWithoutDoor }), { answers: 'not_on_list' }],
	[
		"a colleague's list she has not checked out",
		() => ({ walkList: colleaguesList }),
		{ answers: 'not_your_list' }
	]
];

describe("the doorstep form and the server agree on a round's answers", () => {
	const onHerList = (): TalkRound => ({ walkList: listId, questions });

	it.each(answerRows)('%s', async (_name, byKind, expectedOrLater) => {
		const expected = typeof expectedOrLater === 'function' ? expectedOrLater() : expectedOrLater;
		const draft = { ...emptyDraft(), answers: answersOf(byKind) };
		const client = validateDraft('talked', draft, questions);
		const server = await serverSays('talked', { ...bodyOf('talked', draft, onHerList()) });
		expect({ client, server }).toEqual({ client: expected, server: expected });
	});

	it('a door without a talk carries its list but no answers, whatever the draft holds', async () => {
		const draft = { ...emptyDraft(), answers: answersOf({ yesno: 'ja' }) };
		expect(validateDraft('not_home', draft, questions)).toEqual({});
		const body = bodyOf('not_home', draft, onHerList());
		expect(body.walkList).toBe(onHerList().walkList);
		expect(body).not.toHaveProperty('answers');
		expect(await serverSays('not_home', { ...body })).toEqual({});
	});

	it.each(answersServerOnly)('only the server knows: %s', async (_name, extra, expected) => {
		const draft = { ...emptyDraft(), answers: answersOf(GOOD) };
		expect(validateDraft('talked', draft, questions)).toEqual({});
		const body = { ...bodyOf('talked', draft, onHerList()), ...extra() };
		expect(await serverSays('talked', body)).toEqual(expected);
	});
});
