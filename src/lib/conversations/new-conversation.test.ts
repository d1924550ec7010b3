// Guards the one builder of a conversation's record: the visit itself, a talk whole and trimmed
// (the resident only when there is something to keep), only notes and a follow-up for a door
// without a talk, a talk on a round's list with its answers, and a refused record read back into
// the form's draft.
import { describe, expect, it } from 'vitest';
import { emptyDraft, type ConversationDraft } from './conversation-draft';
import { draftOfConversation, newConversation } from './new-conversation';

const draft = (fields: Partial<ConversationDraft>): ConversationDraft => ({
	...emptyDraft(),
	...fields
});
const door = { id: 'adr000000000001', area: 'area00000000001' };
const place = { location: { lon: 5.1, lat: 52.1 }, locationSource: 'gps' as const };
const visit = {
	area: 'area00000000001',
	address: 'adr000000000001',
	worker: 'usr000000000001',
	heldAt: '2026-11-23T10:00:00.000Z',
	location: { lon: 5.1, lat: 52.1 },
	locationSource: 'gps'
};
const at = { door, worker: 'usr000000000001', heldAt: '2026-11-23T10:00:00.000Z', place };

describe('newConversation', () => {
	it('is the visit alone without a draft', () => {
		expect(newConversation({ ...at, outcome: 'not_home' })).toEqual({
			...visit,
			outcome: 'not_home'
		});
	});

	it('keeps a talk whole, trimmed, with the resident only when there is something to keep', () => {
		const body = newConversation({
			...at,
			outcome: 'talked',
			draft: draft({
				themes: ['taal'],
				consent: ['first_name'],
				firstName: ' Fatima ',
				isKeyFigure: true,
				gifts: [{ kind: 'hands', tag: ' Koken ', themes: ['zorg_voor_elkaar'] }],
				mentions: [{ name: ' Buurtmoeders ', kind: 'group' }],
				connectTo: ['abc123def456ghi'],
				followUp: { what: ' Bellen ', due: '2026-12-03' },
				notes: ' Aardig gesprek '
			})
		});
		expect(body).toEqual({
			...visit,
			outcome: 'talked',
			themes: ['taal'],
			wishes: '',
			willingToHelp: false,
			consent: ['first_name'],
			language: 'nl',
			gifts: [{ kind: 'hands', tag: 'Koken', themes: ['zorg_voor_elkaar'] }],
			mentions: [{ name: 'Buurtmoeders', kind: 'group' }],
			connectTo: ['abc123def456ghi'],
			resident: { firstName: 'Fatima', contact: '', isKeyFigure: true },
			followUp: { what: 'Bellen', due: '2026-12-03' },
			notes: 'Aardig gesprek'
		});
		expect(newConversation({ ...at, outcome: 'talked', draft: emptyDraft() })).toMatchObject({
			resident: null,
			followUp: null
		});
	});

	it('keeps only notes and the follow-up for a door without a talk', () => {
		expect(
			newConversation({
				...at,
				outcome: 'come_back_later',
				draft: draft({
					firstName: 'Jan',
					themes: ['taal'],
					followUp: { what: 'Na zessen', due: '' }
				})
			})
		).toEqual({ ...visit, outcome: 'come_back_later', notes: '', followUp: { what: 'Na zessen' } });
	});
});

describe('newConversation on a round', () => {
	const round = {
		walkList: 'lst000000000001',
		questions: [{ id: 'q1' }, { id: 'q2' }, { id: 'q3' }]
	};

	it("puts the list and the round's answers on a talk: trimmed, blank and others left out", () => {
		const body = newConversation({
			...at,
			outcome: 'talked',
			round,
			draft: draft({ answers: { q1: ' Bankjes ', q2: [], q3: false, other: 'x', q4: null } })
		});
		expect(body).toMatchObject({
			walkList: 'lst000000000001',
			answers: { q1: 'Bankjes', q3: false }
		});
		expect(Object.keys(body.answers ?? {})).toEqual(['q1', 'q3']);
	});

	it('sends no answers when none is left, and for a door without a talk the list alone', () => {
		const talk = newConversation({
			...at,
			outcome: 'talked',
			round,
			draft: draft({ answers: { q1: ' ' } })
		});
		expect(talk.walkList).toBe('lst000000000001');
		expect(talk).not.toHaveProperty('answers');
		const notHome = newConversation({
			...at,
			outcome: 'not_home',
			round,
			draft: draft({ answers: { q1: 'Bankjes' } })
		});
		expect(notHome.walkList).toBe('lst000000000001');
		expect(notHome).not.toHaveProperty('answers');
		// One tap for "niet thuis" (no draft) on a list: the list counts it too.
		expect(newConversation({ ...at, outcome: 'not_home', round })).toEqual({
			...newConversation({ ...at, outcome: 'not_home' }),
			walkList: 'lst000000000001'
		});
		// Without a round a talk carries no answers, whatever the draft holds.
		const plain = newConversation({
			...at,
			outcome: 'talked',
			draft: draft({ answers: { q1: 'x' } })
		});
		expect(plain).not.toHaveProperty('answers');
		expect(plain).not.toHaveProperty('walkList');
	});
});

describe('draftOfConversation', () => {
	it('reads a talk back into the draft it was made of (trimmed)', () => {
		const original = draft({
			themes: ['taal', 'groen'],
			wishes: 'Een bankje',
			willingToHelp: true,
			consent: ['first_name', 'contact'],
			firstName: 'Fatima',
			contact: '06 12345678',
			isKeyFigure: true,
			gifts: [{ kind: 'heart', tag: 'Luisteren', themes: ['eenzaamheid'] }],
			mentions: [{ name: 'Ahmed', kind: 'person' }],
			connectTo: ['abc123def456ghi'],
			followUp: { what: 'Bellen', due: '2026-12-03' },
			language: 'ar',
			notes: 'Aardig gesprek'
		});
		const body = newConversation({ ...at, outcome: 'talked', draft: original });
		expect(draftOfConversation(body)).toEqual(original);
		expect(
			draftOfConversation(
				newConversation({ ...at, outcome: 'talked', draft: draft({ notes: ' x ' }) })
			)
		).toEqual(draft({ notes: 'x' }));
	});

	it("reads a talk's answers back, so a refused talk reopened keeps them", () => {
		const original = draft({ answers: { q1: 'Bankjes', q2: ['a', 'b'], q3: 4 } });
		const body = newConversation({
			...at,
			outcome: 'talked',
			round: { walkList: 'lst000000000001', questions: [{ id: 'q1' }, { id: 'q2' }, { id: 'q3' }] },
			draft: original
		});
		const back = draftOfConversation(body);
		expect(back).toEqual(original);
		// A copy: changing the form does not change the outbox's body.
		(back.answers.q2 as string[]).push('c');
		expect(body.answers?.q2).toEqual(['a', 'b']);
	});

	it('reads a bare visit as an empty draft, and drops a follow-up assignee the form cannot show', () => {
		expect(draftOfConversation(newConversation({ ...at, outcome: 'not_home' }))).toEqual(
			emptyDraft()
		);
		const assigned = {
			...newConversation({ ...at, outcome: 'not_home' }),
			followUp: { what: 'Bellen', assignee: 'nobody000000000' }
		};
		expect(draftOfConversation(assigned).followUp).toEqual({ what: 'Bellen', due: '' });
	});
});
