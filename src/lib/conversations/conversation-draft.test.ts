// Guards the doorstep form's rules: nothing personal without the consent for it, complete gifts
// and mentions, and the initiatives a talk can be connected to. (The body that goes into the
// outbox: new-conversation.test.ts.)
import { describe, expect, it } from 'vitest';
import type { AssetRecord } from '$lib/pocketbase/types';
import {
	connectableAssets,
	emptyDraft,
	validateDraft,
	type ConversationDraft
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

	it('ignores what only a talk carries when nobody talked', () => {
		expect(validateDraft('not_home', draft({ firstName: 'Jan', gifts: [] }))).toEqual({});
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
