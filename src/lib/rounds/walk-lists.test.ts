// Guards cutting a round's doors into walk lists (per street, inside a drawn polygon, in walking
// order, with their door counts), a list's expiry, its check-out state and who may take it, the
// doors taken by others, her lists first, the walk narrowed to a list and a talk's round there.
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AddressRecord } from '$lib/addresses/addresses';
import { roundDate } from './rounds';
import {
	canCheckOut,
	canGiveBack,
	checkoutState,
	cutByPolygon,
	cutByStreet,
	doorsOnList,
	listExpired,
	mayWalk,
	myListsFirst,
	takenDoors,
	talkRoundAt,
	type ListWithRound
} from './walk-lists';

const address = (
	id: string,
	street: string,
	number: string,
	lon = 5,
	lat = 52,
	city = 'Groningen'
): AddressRecord => ({
	id,
	street,
	number,
	postcode: '',
	city,
	location: { lon, lat },
	area: 'b1'
});

describe('cutByStreet', () => {
	it('makes one list per street, streets alphabetical, doors in walking order, counted', () => {
		const lists = cutByStreet([
			address('w2', 'Wolgadreef', '2'),
			address('a1', 'Amazonedreef', '1'),
			address('w3', 'Wolgadreef', '3'),
			address('w1', 'Wolgadreef', '1'),
			address('w4', 'Wolgadreef', '4'),
			address('wz', 'Wolgadreef', 'zn')
		]);
		expect(lists).toEqual([
			{ name: 'Amazonedreef', addresses: ['a1'], doorCount: 1 },
			// Up the odd side, down the even side, doors without a number last.
			{ name: 'Wolgadreef', addresses: ['w1', 'w3', 'w4', 'w2', 'wz'], doorCount: 5 }
		]);
	});

	it('keeps streets of the same name in two places apart, named with their place', () => {
		const lists = cutByStreet([
			address('t1', 'Dorpsstraat', '1', 5, 52, 'Ten Boer'),
			address('h1', 'Dorpsstraat', '1', 5, 52, 'Haren'),
			address('t2', 'Dorpsstraat', '3', 5, 52, 'Ten Boer')
		]);
		expect(lists.map(({ name, doorCount }) => [name, doorCount])).toEqual([
			['Dorpsstraat, Haren', 1],
			['Dorpsstraat, Ten Boer', 2]
		]);
	});

	it('takes the street names it is given', () => {
		expect(cutByStreet([address('x', 'Wolgadreef', '1')], () => 'Eigen naam')).toEqual([
			{ name: 'Eigen naam', addresses: ['x'], doorCount: 1 }
		]);
	});

	it('cuts nothing from no doors', () => {
		expect(cutByStreet([])).toEqual([]);
	});
});

describe('cutByPolygon', () => {
	// A square from (5.0, 52.0) to (5.1, 52.1).
	const square: Polygon = {
		type: 'Polygon',
		coordinates: [
			[
				[5, 52],
				[5.1, 52],
				[5.1, 52.1],
				[5, 52.1],
				[5, 52]
			]
		]
	};

	it('keeps the doors inside (edge included), by street, in walking order', () => {
		const list = cutByPolygon(
			[
				address('w4', 'Wolgadreef', '4', 5.05, 52.05),
				address('w1', 'Wolgadreef', '1', 5.05, 52.05),
				address('out', 'Wolgadreef', '3', 5.2, 52.05),
				address('edge', 'Amazonedreef', '7', 5, 52.05),
				address('nowhere', 'Amazonedreef', '9', 0, 0)
			],
			square
		);
		expect(list).toEqual({
			name: 'Amazonedreef / Wolgadreef',
			addresses: ['edge', 'w1', 'w4'],
			doorCount: 3
		});
	});

	it('finds nothing outside', () => {
		expect(cutByPolygon([address('x', 'Wolgadreef', '1', 6, 53)], square)).toEqual({
			name: '',
			addresses: [],
			doorCount: 0
		});
	});
});

const list = (over: Partial<ListWithRound> = {}): ListWithRound => ({
	id: 'l1',
	round: 'r1',
	name: 'Lijst 1',
	addresses: ['a1', 'a2'],
	assignees: [],
	expiresOn: roundDate('2027-03-31'),
	checkedOutBy: '',
	checkedOutAt: '',
	...over
});
const before = new Date(2027, 2, 31, 23, 59);
const after = new Date(2027, 3, 1, 0, 1);

describe('listExpired', () => {
	it('holds through its last day and expires the day after; without one, never', () => {
		expect(listExpired(list(), before)).toBe(false);
		expect(listExpired(list(), after)).toBe(true);
		expect(listExpired(list({ expiresOn: '' }), new Date(2099, 0, 1))).toBe(false);
	});
});

describe('checkoutState', () => {
	it('is free, mine or taken by whom checked it out', () => {
		expect(checkoutState(list(), 'u1', before)).toBe('free');
		expect(checkoutState(list({ checkedOutBy: 'u1' }), 'u1', before)).toBe('mine');
		expect(checkoutState(list({ checkedOutBy: 'u2' }), 'u1', before)).toBe('taken');
	});

	it('is expired after its last day, whoever holds it', () => {
		expect(checkoutState(list({ checkedOutBy: 'u2' }), 'u1', after)).toBe('expired');
		expect(checkoutState(list(), 'u1', after)).toBe('expired');
	});
});

describe('canCheckOut', () => {
	it('lets an assignee take a free or her own list, never one taken', () => {
		const mine = { assignees: ['u1', 'u3'] };
		expect(canCheckOut(list(mine), 'u1', undefined, before)).toBe(true);
		expect(canCheckOut(list({ ...mine, checkedOutBy: 'u1' }), 'u1', undefined, before)).toBe(true);
		expect(canCheckOut(list({ ...mine, checkedOutBy: 'u3' }), 'u1', undefined, before)).toBe(false);
	});

	it('lets nobody take a list past its last day (the server answers 409 expired)', () => {
		const mine = { assignees: ['u1', 'u3'] };
		expect(canCheckOut(list(mine), 'u1', undefined, after)).toBe(false);
		expect(canCheckOut(list({ ...mine, checkedOutBy: 'u3' }), 'u1', undefined, after)).toBe(false);
		expect(canCheckOut(list({ expiresOn: '' }), 'u1', undefined, after)).toBe(true);
	});

	it('keeps an assigned list from anyone else', () => {
		expect(canCheckOut(list({ assignees: ['u2'] }), 'u1', ['b1'], before)).toBe(false);
		expect(canCheckOut(list({ assignees: ['u2'] }), 'u1', ['b1'], after)).toBe(false);
	});

	it('lets anyone of its areas take a list without assignees', () => {
		const inB1 = list({ expand: { round: { areas: ['b1', 'b2'] } } });
		expect(canCheckOut(inB1, 'u1', ['b2'], before)).toBe(true);
		expect(canCheckOut(inB1, 'u1', ['b9'], before)).toBe(false);
		// Her areas given but the round's unknown: refused, not guessed.
		expect(canCheckOut(list(), 'u1', ['b1'], before)).toBe(false);
		// Her areas not given: the lists she reads are of her areas.
		expect(canCheckOut(list(), 'u1', undefined, before)).toBe(true);
	});
});

describe('canGiveBack', () => {
	it('only her own list', () => {
		expect(canGiveBack(list({ checkedOutBy: 'u1' }), 'u1')).toBe(true);
		expect(canGiveBack(list({ checkedOutBy: 'u2' }), 'u1')).toBe(false);
		expect(canGiveBack(list(), '')).toBe(false);
	});
});

describe('takenDoors', () => {
	it("holds the doors of others' checked-out lists that have not expired", () => {
		const lists = [
			list({ id: 'l1', addresses: ['a1', 'a2'], checkedOutBy: 'u2' }),
			list({ id: 'l2', addresses: ['b1'], checkedOutBy: 'u1' }),
			list({ id: 'l3', addresses: ['c1'] }),
			list({ id: 'l4', addresses: ['d1'], checkedOutBy: 'u3', expiresOn: roundDate('2027-03-30') })
		];
		expect(takenDoors(lists, 'u1', before)).toEqual(new Set(['a1', 'a2']));
		expect(takenDoors(lists, 'u1', after)).toEqual(new Set());
	});
});

describe('myListsFirst', () => {
	it('puts lists assigned to her, then those she checked out, then the rest, each by name', () => {
		const lists = [
			list({ name: 'Lijst 10' }),
			list({ name: 'Lijst 3', checkedOutBy: 'u1' }),
			list({ name: 'Lijst 2' }),
			list({ name: 'Lijst 9', assignees: ['u1'] }),
			list({ name: 'Lijst 4', assignees: ['u2', 'u1'], checkedOutBy: 'u1' }),
			list({ name: 'Lijst 1', assignees: ['u2'], checkedOutBy: 'u2' })
		];
		expect(myListsFirst(lists, 'u1').map((l) => l.name)).toEqual([
			'Lijst 4',
			'Lijst 9',
			'Lijst 3',
			'Lijst 1',
			'Lijst 2',
			'Lijst 10'
		]);
		expect(lists[0].name).toBe('Lijst 10');
	});
});

describe('mayWalk', () => {
	it('lets her walk a list without assignees, one assigned to her, or one she checked out', () => {
		expect(mayWalk(list(), 'u1')).toBe(true);
		expect(mayWalk(list({ assignees: ['u1', 'u3'] }), 'u1')).toBe(true);
		expect(mayWalk(list({ assignees: ['u2'], checkedOutBy: 'u1' }), 'u1')).toBe(true);
	});

	it("not another's list she has not checked out", () => {
		expect(mayWalk(list({ assignees: ['u2'] }), 'u1')).toBe(false);
		expect(mayWalk(list({ assignees: ['u2'], checkedOutBy: 'u2' }), 'u1')).toBe(false);
	});
});

describe('doorsOnList', () => {
	const doors = [address('a1', 'Wolgadreef', '1'), address('a2', 'Wolgadreef', '2')];
	const other = address('x9', 'Maasdreef', '9');

	it('keeps only the doors of the chosen list', () => {
		expect(doorsOnList([...doors, other], list()).map((a) => a.id)).toEqual(['a1', 'a2']);
	});

	it('keeps every door when no list is chosen', () => {
		expect(doorsOnList([...doors, other], null)).toHaveLength(3);
	});
});

describe('talkRoundAt', () => {
	const q = (id: string, position: number) => ({ id, position });
	const rounds = [
		{ id: 'r0', questions: [q('other', 0)] },
		{ id: 'r1', questions: [q('second', 2), q('first', 1)] }
	];

	it("gives the list and its round's questions by position for a door on the list", () => {
		expect(talkRoundAt(rounds, list(), 'a2')).toEqual({
			walkList: 'l1',
			questions: [q('first', 1), q('second', 2)]
		});
	});

	it('gives none for a door off the list, without a list, or when the round is not loaded', () => {
		expect(talkRoundAt(rounds, list(), 'x9')).toBeUndefined();
		expect(talkRoundAt(rounds, null, 'a1')).toBeUndefined();
		expect(talkRoundAt(rounds, list({ round: 'gone' }), 'a1')).toBeUndefined();
	});
});
