// Guards the one builder of a conversation's record: the visit itself, a talk whole and trimmed
// (the resident only when there is something to keep), only notes and a follow-up for a door
// without a talk, and a refused record read back into the form's draft.
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
