// Guards the matching of gifts to wishes and to initiatives that ask for help as the server runs
// it (pb_hooks/lib/suggestions-match.js), on small fixtures: theme overlap, walking distance,
// the evidence it carries, pairs that never come back, and consent: a resident without "may be
// contacted" (scope `contact`), or whose consent ran out, is never suggested, on either side.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '$lib/vocabulary/vocabulary';
import type { SuggestionEvidence } from './suggestions';
import { hookModule } from '../../../tests/support/hook-module';

interface Point {
	lon: number;
	lat: number;
}
interface Person {
	id: string;
	consent: unknown;
	created: string;
}
interface Asset {
	id: string;
	kind: string;
	status: string;
	themes: string[];
	asksHelp?: string[];
	location: Point;
	area: string;
	person: string;
	sourceConversation: string;
}
interface Talk {
	id: string;
	heldAt: string;
	outcome: string;
	themes: string[];
	location: Point | null;
	area: string;
	person: string;
}
interface Suggestion {
	gift: string;
	giftArea: string;
	wisher: string;
	wish: string;
	initiative: string;
	area: string;
	evidence: SuggestionEvidence;
}
interface Input {
	gifts: Asset[];
	talks: Talk[];
	initiatives: Asset[];
	people: Record<string, Person>;
	sourceTalks: Record<string, { id: string; heldAt: string }>;
}

const match = hookModule('lib/suggestions-match.js') as {
	pairKey(gift: string, wisher: string, initiative: string): string;
	metresBetween(a: Point, b: Point): number;
	matchSuggestions(
		input: Input,
		options: {
			nowMs: number;
			maxMetres: number;
			consentEnds: (consent: unknown, createdMs: number) => number;
			excluded?: string[];
		}
	): Suggestion[];
};
const consent = hookModule('lib/consent.js') as {
	deadline(consent: unknown, createdMs: number, days: number): number;
};

const NOW = Date.parse('2026-12-07T12:00:00Z');
const DAY = 86_400_000;
const RETENTION_DAYS = 730;
const options = (excluded: string[] = []) => ({
	nowMs: NOW,
	maxMetres: LIMITS.suggestion.walkMetres,
	consentEnds: (c: unknown, createdMs: number) => consent.deadline(c, createdMs, RETENTION_DAYS),
	excluded
});

/** A point `metres` north of Overvecht's middle. */
const north = (metres: number): Point => ({ lon: 5.11, lat: 52.11 + metres / 111_320 });

const person = (id: string, scopes: string[], until = '2027-12-01T00:00:00.000Z'): Person => ({
	id,
	consent: { scopes, givenAt: '2026-06-01T00:00:00.000Z', until },
	created: '2026-06-01 00:00:00.000Z'
});
const gift = (fields: Partial<Asset> = {}): Asset => ({
	id: 'giftanna0000001',
	kind: 'capacity',
	status: 'active',
	themes: ['taal', 'jeugd'],
	location: north(0),
	area: 'buurt0000000001',
	person: 'anna00000000001',
	sourceConversation: 'talkanna0000001',
	...fields
});
const talk = (fields: Partial<Talk> = {}): Talk => ({
	id: 'talkbert0000001',
	heldAt: '2026-11-20 10:00:00.000Z',
	outcome: 'talked',
	themes: ['taal'],
	location: north(300),
	area: 'buurt0000000001',
	person: 'bert00000000001',
	...fields
});
const initiative = (fields: Partial<Asset> = {}): Asset => ({
	id: 'taalcafe0000001',
	kind: 'initiative',
	status: 'active',
	themes: ['taal'],
	asksHelp: ['taal'],
	location: north(500),
	area: 'buurt0000000002',
	person: '',
	sourceConversation: '',
	...fields
});
const input = (fields: Partial<Input> = {}): Input => ({
	gifts: [gift()],
	talks: [talk()],
	initiatives: [],
	people: {
		anna00000000001: person('anna00000000001', ['first_name', 'contact']),
		bert00000000001: person('bert00000000001', ['contact'])
	},
	sourceTalks: { talkanna0000001: { id: 'talkanna0000001', heldAt: '2026-11-02 09:30:00.000Z' } },
	...fields
});

describe('matchSuggestions', () => {
	it("matches a gift to a neighbour's wish with its evidence: talks and dates, themes, metres", () => {
		const [only, ...rest] = match.matchSuggestions(input(), options());
		expect(rest).toEqual([]);
		expect(only).toEqual({
			gift: 'giftanna0000001',
			giftArea: 'buurt0000000001',
			wisher: 'bert00000000001',
			wish: 'talkbert0000001',
			initiative: '',
			area: 'buurt0000000001',
			evidence: {
				kind: 'wish',
				themes: ['taal'],
				metres: 300,
				talks: [
					{ id: 'talkanna0000001', heldAt: '2026-11-02 09:30:00.000Z', side: 'gift' },
					{ id: 'talkbert0000001', heldAt: '2026-11-20 10:00:00.000Z', side: 'wish' }
				]
			}
		});
	});

	it('never suggests a resident without "may be contacted", on either side', () => {
		const firstNameOnly = (id: string) => person(id, ['first_name']);
		const noContactWisher = input({
			people: { ...input().people, bert00000000001: firstNameOnly('bert00000000001') }
		});
		expect(match.matchSuggestions(noContactWisher, options())).toEqual([]);
		const noContactGiver = input({
			people: { ...input().people, anna00000000001: firstNameOnly('anna00000000001') }
		});
		expect(match.matchSuggestions(noContactGiver, options())).toEqual([]);
		// Not even for an initiative: the giver is the one who would be contacted.
		expect(
			match.matchSuggestions(
				{ ...noContactGiver, talks: [], initiatives: [initiative()] },
				options()
			)
		).toEqual([]);
	});

	it('never suggests a resident without a person record or without any consent', () => {
		expect(match.matchSuggestions(input({ talks: [talk({ person: '' })] }), options())).toEqual([]);
		expect(match.matchSuggestions(input({ gifts: [gift({ person: '' })] }), options())).toEqual([]);
		const none = { id: 'bert00000000001', consent: null, created: '2026-06-01 00:00:00.000Z' };
		expect(
			match.matchSuggestions(
				input({ people: { ...input().people, bert00000000001: none } }),
				options()
			)
		).toEqual([]);
	});

	it('never suggests a resident whose consent has expired, and does the day before', () => {
		const until = (iso: string) =>
			input({
				people: { ...input().people, bert00000000001: person('bert00000000001', ['contact'], iso) }
			});
		expect(match.matchSuggestions(until(new Date(NOW - 1).toISOString()), options())).toEqual([]);
		expect(
			match.matchSuggestions(until(new Date(NOW + DAY).toISOString()), options())
		).toHaveLength(1);
		// Without `until`, consent runs for the retention period from when it was given.
		const old = {
			id: 'bert00000000001',
			consent: {
				scopes: ['contact'],
				givenAt: new Date(NOW - (RETENTION_DAYS + 1) * DAY).toISOString()
			},
			created: '2020-01-01 00:00:00.000Z'
		};
		expect(
			match.matchSuggestions(
				input({ people: { ...input().people, bert00000000001: old } }),
				options()
			)
		).toEqual([]);
	});

	it('needs a shared theme and a walk within the limit', () => {
		expect(
			match.matchSuggestions(input({ talks: [talk({ themes: ['groen'] })] }), options())
		).toEqual([]);
		const limit = LIMITS.suggestion.walkMetres;
		expect(
			match.matchSuggestions(input({ talks: [talk({ location: north(limit + 20) })] }), options())
		).toEqual([]);
		expect(
			match.matchSuggestions(input({ talks: [talk({ location: north(limit - 20) })] }), options())
		).toHaveLength(1);
	});

	it("does not match a resident's gift to her own wish, nor a talk that was not a talk", () => {
		const own = talk({ person: 'anna00000000001', id: 'talkanna0000002' });
		expect(match.matchSuggestions(input({ talks: [own] }), options())).toEqual([]);
		expect(
			match.matchSuggestions(input({ talks: [talk({ outcome: 'not_home' })] }), options())
		).toEqual([]);
	});

	it('makes one suggestion per wisher, naming her latest talk, with each talk as evidence', () => {
		const earlier = talk({
			id: 'talkbert0000000',
			heldAt: '2026-10-01 10:00:00.000Z',
			themes: ['jeugd'],
			location: north(700)
		});
		const [only, ...rest] = match.matchSuggestions(input({ talks: [earlier, talk()] }), options());
		expect(rest).toEqual([]);
		expect(only.wish).toBe('talkbert0000001');
		expect(only.evidence.themes.sort()).toEqual(['jeugd', 'taal']);
		expect(only.evidence.metres).toBe(300);
		expect(only.evidence.talks.map((t) => t.id)).toEqual([
			'talkanna0000001',
			'talkbert0000001',
			'talkbert0000000'
		]);
	});

	it('matches a gift to an initiative that asks for help with one of its themes', () => {
		const found = match.matchSuggestions(
			input({
				talks: [],
				initiatives: [
					initiative(),
					initiative({ id: 'moestuin0000001', asksHelp: ['groen'] }),
					initiative({ id: 'oudcafe00000001', status: 'ended' })
				]
			}),
			options()
		);
		expect(found).toEqual([
			{
				gift: 'giftanna0000001',
				giftArea: 'buurt0000000001',
				wisher: '',
				wish: '',
				initiative: 'taalcafe0000001',
				area: 'buurt0000000002',
				evidence: {
					kind: 'initiative',
					themes: ['taal'],
					metres: 500,
					talks: [{ id: 'talkanna0000001', heldAt: '2026-11-02 09:30:00.000Z', side: 'gift' }]
				}
			}
		]);
	});

	it('leaves out pairs already suggested, decided or linked', () => {
		const both = input({ initiatives: [initiative()] });
		expect(match.matchSuggestions(both, options())).toHaveLength(2);
		const dismissed = match.pairKey('giftanna0000001', 'bert00000000001', '');
		const linked = match.pairKey('giftanna0000001', '', 'taalcafe0000001');
		expect(match.matchSuggestions(both, options([dismissed])).map((s) => s.initiative)).toEqual([
			'taalcafe0000001'
		]);
		expect(match.matchSuggestions(both, options([dismissed, linked]))).toEqual([]);
	});

	it('puts more shared themes first, then the nearer', () => {
		const far = talk({
			id: 'talkcarl0000001',
			person: 'carl00000000001',
			location: north(600),
			themes: ['taal', 'jeugd']
		});
		const near = talk({ id: 'talkdora0000001', person: 'dora00000000001', location: north(100) });
		const people = {
			...input().people,
			carl00000000001: person('carl00000000001', ['contact']),
			dora00000000001: person('dora00000000001', ['contact'])
		};
		const found = match.matchSuggestions(input({ talks: [talk(), near, far], people }), options());
		expect(found.map((s) => s.wisher)).toEqual([
			'carl00000000001',
			'dora00000000001',
			'bert00000000001'
		]);
	});

	it('finds the same pairs through its grid as by comparing every pair', () => {
		// Gifts and wishes spread over 5 km, a few hundred metres apart: the grid must miss none.
		const people: Record<string, Person> = {};
		const gifts: Asset[] = [];
		const talks: Talk[] = [];
		for (let i = 0; i < 40; i++) {
			const id = `p${String(i).padStart(14, '0')}`;
			people[id] = person(id, ['contact']);
			const spot = { lon: 5.05 + ((i * 37) % 70) / 1000, lat: 52.08 + ((i * 53) % 45) / 1000 };
			if (i % 2 === 0)
				gifts.push(
					gift({ id: `g${id.slice(1)}`, person: id, location: spot, sourceConversation: '' })
				);
			else talks.push(talk({ id: `t${id.slice(1)}`, person: id, location: spot }));
		}
		const found = match.matchSuggestions(
			{ gifts, talks, initiatives: [], people, sourceTalks: {} },
			options()
		);
		let expected = 0;
		for (const g of gifts) {
			for (const t of talks) {
				if (match.metresBetween(g.location, t.location!) <= LIMITS.suggestion.walkMetres)
					expected++;
			}
		}
		expect(expected).toBeGreaterThan(5);
		expect(found).toHaveLength(expected);
		for (const s of found)
			expect(s.evidence.metres).toBeLessThanOrEqual(LIMITS.suggestion.walkMetres);
	});
});
