// Guards the doorstep form's rules: nothing personal without the consent for it, complete gifts
// and mentions, the server's limits, a server's refusal read back into the form's fields, and the
// initiatives a talk can be connected to. The body that goes into the outbox:
// new-conversation.test.ts. Agreement with the real server: tests/integration/conversation-agreement.test.ts.
import { describe, expect, it } from 'vitest';
import type { AssetRecord } from '$lib/pocketbase/types';
import { LIMITS } from '$lib/vocabulary/vocabulary';
import {
	connectableAssets,
	draftErrorsFromServer,
	answerProblems,
	emptyDraft,
	validateDraft,
	type DraftQuestion,
	type ConversationDraft,
	type GiftDraft,
	type MentionDraft
} from './conversation-draft';

const draft = (fields: Partial<ConversationDraft>): ConversationDraft => ({
	...emptyDraft(),
	...fields
});

describe('validateDraft', () => {
	it('accepts an empty talk and an empty not-home', () => {
		expect(validateDraft('talked', emptyDraft())).toEqual({});
		expect(validateDraft('not_home', emptyDraft())).toEqual({});
	});

	it('wants consent before a first name, a contact, gifts or a key figure', () => {
		expect(
			validateDraft(
				'talked',
				draft({
					firstName: 'Jan',
					contact: '06 1234',
					isKeyFigure: true,
					gifts: [{ kind: 'hands', tag: 'Klussen', themes: [] }]
				})
			)
		).toEqual({
			firstName: 'consent_needed_first_name',
			contact: 'consent_needed_contact',
			isKeyFigure: 'consent_needed_key_figure',
			gifts: 'consent_needed_gifts'
		});
		expect(
			validateDraft(
				'talked',
				draft({
					consent: ['first_name', 'contact'],
					firstName: 'Jan',
					contact: '06 1234',
					isKeyFigure: true,
					gifts: [{ kind: 'hands', tag: 'Klussen', themes: [] }]
				})
			)
		).toEqual({});
	});

	it('lets an anonymous resident give gifts and be a key figure, without a name', () => {
		const anonymous = draft({
			consent: ['anonymous'],
			isKeyFigure: true,
			gifts: [{ kind: 'heart', tag: 'Luisteren', themes: [] }]
		});
		expect(validateDraft('talked', anonymous)).toEqual({});
		expect(validateDraft('talked', { ...anonymous, firstName: 'Jan' })).toEqual({
			firstName: 'consent_needed_first_name'
		});
	});

	it('refuses anonymous and a first name at once', () => {
		expect(validateDraft('talked', draft({ consent: ['anonymous', 'first_name'] }))).toEqual({
			consent: 'consent_contradicts'
		});
	});

	it('wants words for every gift and a name for every mention', () => {
		expect(
			validateDraft(
				'talked',
				draft({
					consent: ['anonymous'],
					gifts: [{ kind: 'hands', tag: '  ', themes: [] }],
					mentions: [{ name: '', kind: 'person' }]
				})
			)
		).toEqual({ gifts: 'gift_incomplete', mentions: 'mention_incomplete' });
	});

	it('checks the follow-up date and the lengths', () => {
		expect(
			validateDraft('come_back_later', draft({ followUp: { what: 'Terug', due: '1-12-2026' } }))
		).toEqual({ followUp: 'date_invalid' });
		expect(
			validateDraft('talked', draft({ firstName: 'x'.repeat(101), consent: ['first_name'] }))
		).toEqual({ firstName: 'too_long' });
		expect(
			validateDraft('talked', draft({ followUp: { what: 'x'.repeat(501), due: '' } }))
		).toEqual({
			followUp: 'too_long'
		});
	});

	it("holds the lists to the server's limits", () => {
		const { gifts, mentions, connectTo } = LIMITS.conversation;
		const gift: GiftDraft = { kind: 'hands', tag: 'Klussen', themes: [] };
		const mention: MentionDraft = { name: 'Ali', kind: 'person' };
		const ids = (n: number) =>
			Array.from({ length: n }, (_, i) => `asset${String(i).padStart(10, '0')}`);
		const full = draft({
			consent: ['anonymous'],
			gifts: Array(gifts).fill(gift),
			mentions: Array(mentions).fill(mention),
			connectTo: ids(connectTo)
		});
		expect(validateDraft('talked', full)).toEqual({});
		expect(
			validateDraft('talked', {
				...full,
				gifts: [...full.gifts, gift],
				mentions: [...full.mentions, mention],
				connectTo: ids(connectTo + 1)
			})
		).toEqual({ gifts: 'too_many', mentions: 'too_many', connectTo: 'too_many' });
		// The server keeps an initiative once, however often it is sent.
		expect(validateDraft('talked', { ...full, connectTo: [...ids(connectTo), ids(1)[0]] })).toEqual(
			{}
		);
	});

	it('names a gift or mention of an unknown kind, and unknown themes, invalid', () => {
		expect(
			validateDraft(
				'talked',
				draft({
					consent: ['anonymous'],
					themes: ['taal', 'Taal' as 'taal'],
					gifts: [{ kind: 'feet' as 'hands', tag: 'Lopen', themes: [] }],
					mentions: [{ name: 'Ali', kind: 'cat' as 'person' }]
				})
			)
		).toEqual({ themes: 'unknown_theme', gifts: 'invalid', mentions: 'invalid' });
	});

	it('counts lengths as the server gets them: trimmed', () => {
		const { wishes, notes, language } = LIMITS.conversation;
		const padded = (n: number) => ` ${'x'.repeat(n)} `;
		expect(
			validateDraft(
				'talked',
				draft({ wishes: padded(wishes), notes: padded(notes), language: padded(language) })
			)
		).toEqual({});
		expect(
			validateDraft(
				'talked',
				draft({
					wishes: padded(wishes + 1),
					notes: padded(notes + 1),
					language: padded(language + 1)
				})
			)
		).toEqual({ wishes: 'too_long', notes: 'too_long', language: 'too_long' });
	});

	it("ignores a blank follow-up's date: the follow-up is left out", () => {
		expect(validateDraft('declined', draft({ followUp: { what: ' ', due: 'morgen' } }))).toEqual(
			{}
		);
	});

	it('ignores what only a talk carries when nobody talked', () => {
		expect(validateDraft('not_home', draft({ firstName: 'Jan', gifts: [] }))).toEqual({});
	});
});

describe("a round's answers", () => {
	const options = [
		{ value: 'buren', nl: 'Buren', en: 'Neighbours' },
		{ value: 'school', nl: 'School', en: 'School' }
	];
	const questions: DraftQuestion[] = [
		{ id: 'qtext', kind: 'text', options: null },
		{ id: 'qchoice', kind: 'choice', options },
		{ id: 'qchoices', kind: 'choices', options },
		{ id: 'qyesno', kind: 'yesno', options: null },
		{ id: 'qnumber', kind: 'number', options: null }
	];
	const good = {
		qtext: 'Meer bankjes',
		qchoice: 'buren',
		qchoices: ['buren', 'school'],
		qyesno: false,
		qnumber: 0
	};

	it('accepts fitting and blank answers, and ignores answers to questions not given', () => {
		expect(validateDraft('talked', draft({ answers: good }), questions)).toEqual({});
		const blank = { qtext: ' ', qchoice: '', qchoices: [], qyesno: null, qnumber: null };
		expect(validateDraft('talked', draft({ answers: blank }), questions)).toEqual({});
		expect(validateDraft('talked', draft({ answers: { qyesno: 'ja' } }))).toEqual({});
	});

	it('names the first answer that does not fit by question id, as the server does', () => {
		const wrong = { qtext: 'x'.repeat(LIMITS.round.answerText + 1), qyesno: 'ja' };
		expect(answerProblems(questions, wrong)).toEqual({
			qtext: 'too_long',
			qyesno: 'answer_invalid'
		});
		expect(validateDraft('talked', draft({ answers: wrong }), questions)).toEqual({
			answers: 'too_long'
		});
		for (const [id, value] of [
			['qchoice', 'kerk'],
			['qchoices', ['buren', 'buren']],
			['qyesno', 'ja'],
			['qnumber', Number.NaN]
		] as const) {
			expect(
				validateDraft('talked', draft({ answers: { ...good, [id]: value } }), questions)
			).toEqual({
				answers: 'answer_invalid'
			});
		}
		const trimmed = { qtext: ` ${'x'.repeat(LIMITS.round.answerText)} ` };
		expect(validateDraft('talked', draft({ answers: trimmed }), questions)).toEqual({});
	});

	it('checks answers only for a talk: other outcomes leave them out', () => {
		expect(validateDraft('not_home', draft({ answers: { qyesno: 'ja' } }), questions)).toEqual({});
	});

	it('goes by question id, not by the order of the questions', () => {
		const reversed = [...questions].reverse();
		const wrong = { qtext: 'x'.repeat(LIMITS.round.answerText + 1), qchoice: 'kerk' };
		expect(validateDraft('talked', draft({ answers: wrong }), reversed)).toEqual({
			answers: 'answer_invalid'
		});
	});
});

describe('draftErrorsFromServer', () => {
	it("puts the server's codes on the form's fields and keeps the rest as messages", () => {
		expect(
			draftErrorsFromServer({
				firstName: { code: 'consent_needed_first_name', message: 'Een voornaam …' },
				connectTo: { code: 'validation_missing_rel_records', message: 'Failed to find…' },
				followUp: { code: 'unknown_user', message: 'Vervolg: die collega bestaat niet.' },
				area: { code: 'outside_areas', message: 'Wijst naar iets buiten je eigen gebieden' },
				address: {}
			})
		).toEqual({
			fields: {
				firstName: 'consent_needed_first_name',
				connectTo: 'invalid',
				followUp: 'unknown_user'
			},
			other: ['Wijst naar iets buiten je eigen gebieden', 'address']
		});
	});

	it('reads anything else as no field errors', () => {
		for (const data of [undefined, null, 'fout', [], {}]) {
			expect(draftErrorsFromServer(data)).toEqual({ fields: {}, other: [] });
		}
	});

	it("shows the walk list's problems at the answers, unless the answers have their own", () => {
		const list = { walkList: { code: 'not_on_list', message: 'Deze deur …' } };
		expect(draftErrorsFromServer(list)).toEqual({ fields: { answers: 'not_on_list' }, other: [] });
		expect(
			draftErrorsFromServer({
				...list,
				answers: { code: 'other_round', message: 'Een antwoord …' }
			})
		).toEqual({ fields: { answers: 'other_round' }, other: [] });
		expect(
			draftErrorsFromServer({ walkList: { code: 'validation_missing_rel_records', message: '…' } })
		).toEqual({ fields: { answers: 'invalid' }, other: [] });
	});
});

describe('connectableAssets', () => {
	const asset = (
		id: string,
		kind: AssetRecord['kind'],
		lon: number,
		fields: Partial<AssetRecord> = {}
	) =>
		({
			id,
			kind,
			title: `Kracht ${id}`,
			location: { lon, lat: 52.1 },
			status: 'active',
			...fields
		}) as AssetRecord;
	const door = { lon: 5.1, lat: 52.1 };

	it('lists initiatives, associations, places and institutions, nearest first', () => {
		const found = connectableAssets(
			[
				asset('far', 'initiative', 5.11),
				asset('near', 'association', 5.101),
				asset('talent', 'capacity', 5.1),
				asset('gone', 'initiative', 5.1, { status: 'ended' })
			],
			door,
			''
		);
		expect(found.map((f) => f.asset.id)).toEqual(['near', 'far']);
		expect(found[0].metres).toBeGreaterThan(60);
		expect(found[0].metres).toBeLessThan(75);
	});

	it('finds by a part of the title, in any case', () => {
		const found = connectableAssets(
			[asset('a', 'initiative', 5.1, { title: 'Moestuin Wolgadreef' }), asset('b', 'place', 5.1)],
			door,
			'moestuin'
		);
		expect(found.map((f) => f.asset.id)).toEqual(['a']);
	});
});
