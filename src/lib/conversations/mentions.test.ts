// Guards the tally of names residents mention: one name however it is typed, once per
// conversation, most-heard first, with the streets where it came up.
import { describe, expect, it } from 'vitest';
import { mentionKey, tallyMentions, type MentionSource } from './mentions';

const talk = (
	id: string,
	street: string,
	heldAt: string,
	...names: [string, 'person' | 'group'][]
): MentionSource => ({
	id,
	street,
	heldAt,
	mentions: names.map(([name, kind]) => ({ name, kind }))
});

describe('mentionKey', () => {
	it('takes case, spaces and accents aside, but not the kind', () => {
		expect(mentionKey('  José de  Vries', 'person')).toBe(mentionKey('jose de vries', 'person'));
		expect(mentionKey('Buurtmoeders', 'group')).not.toBe(mentionKey('Buurtmoeders', 'person'));
	});
});

describe('tallyMentions', () => {
	it('counts a name once per conversation and puts the most heard first', () => {
		const tally = tallyMentions([
			talk('a', 'Wolgadreef', '2026-11-01 10:00:00.000Z', ['Ans', 'person'], ['ans', 'person']),
			talk(
				'b',
				'Amazonedreef',
				'2026-11-03 10:00:00.000Z',
				['Ans ', 'person'],
				['Buurtmoeders', 'group']
			),
			talk('c', 'Amazonedreef', '2026-11-02 10:00:00.000Z', ['ANS', 'person']),
			talk('d', 'Wolgadreef', '2026-11-04 10:00:00.000Z', ['Buurtvader Ahmed', 'person'])
		]);
		expect(tally[0]).toEqual({
			name: 'Ans',
			kind: 'person',
			conversations: 3,
			streets: ['Amazonedreef', 'Wolgadreef'],
			lastHeldAt: '2026-11-03 10:00:00.000Z'
		});
		// Ties: the latest first.
		expect(tally.slice(1).map((t) => [t.name, t.conversations])).toEqual([
			['Buurtvader Ahmed', 1],
			['Buurtmoeders', 1]
		]);
	});

	it('takes the spelling heard most often', () => {
		const tally = tallyMentions([
			talk('a', 'X', '1', ['Fatima el Amrani', 'person']),
			talk('b', 'X', '2', ['fatima el amrani', 'person']),
			talk('c', 'X', '3', ['Fatima el Amrani', 'person'])
		]);
		expect(tally.map((t) => [t.name, t.conversations])).toEqual([['Fatima el Amrani', 3]]);
	});

	it('skips blank names and conversations without mentions', () => {
		expect(
			tallyMentions([
				{ id: 'a', street: '', heldAt: '1', mentions: null },
				talk('b', '', '2', ['  ', 'person'])
			])
		).toEqual([]);
	});
});
