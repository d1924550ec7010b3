// Guards the walk list kept in the URL: reading and writing `?lijst=`, and which list she walks
// for it (hers and not expired), with why she walks every door instead.
import { describe, expect, it } from 'vitest';
import { chosenList, listParam, listQuery, listRound } from './chosen-list';
import { roundDate, type WalkListRecord } from './rounds';

const list = (over: Partial<WalkListRecord> = {}): WalkListRecord => ({
	id: 'l1',
	round: 'r1',
	name: 'Lijst 1',
	addresses: ['a1'],
	assignees: ['u1'],
	expiresOn: roundDate('2027-03-31'),
	checkedOutBy: '',
	checkedOutAt: '',
	...over
});
const now = new Date(2027, 2, 31, 12);
const later = new Date(2027, 3, 1, 9);

describe('listParam and listQuery', () => {
	it('reads the list from the URL, none when missing or blank', () => {
		expect(listParam(new URLSearchParams('lijst=abc123'))).toBe('abc123');
		expect(listParam(new URLSearchParams('lijst=%20abc123%20'))).toBe('abc123');
		expect(listParam(new URLSearchParams('lijst='))).toBeNull();
		expect(listParam(new URLSearchParams('deur=d1'))).toBeNull();
	});

	it('writes the list into the query, keeping the other parameters, and takes it out for none', () => {
		expect(listQuery('abc123')).toBe('?lijst=abc123');
		expect(listQuery('l2', new URLSearchParams('lijst=l1&deur=d1'))).toBe('?lijst=l2&deur=d1');
		expect(listQuery(null, new URLSearchParams('lijst=l1&deur=d1'))).toBe('?deur=d1');
		expect(listQuery(null, new URLSearchParams('lijst=l1'))).toBe('');
		expect(listQuery(null)).toBe('');
	});

	it('reads back what it writes, whatever the id', () => {
		for (const id of ['abc123', 'a b&c=d', 'ë/?#']) {
			expect(listParam(new URLSearchParams(listQuery(id).slice(1)))).toBe(id);
		}
	});

	it('does not change the parameters it is given', () => {
		const params = new URLSearchParams('lijst=l1');
		listQuery(null, params);
		expect(params.get('lijst')).toBe('l1');
	});
});

describe('chosenList', () => {
	it('walks every door when no list is chosen', () => {
		expect(chosenList([list()], null, 'u1', now, 'ready')).toEqual({ list: null, missing: null });
	});

	it('walks the chosen list while it is hers and not past its last day', () => {
		const l1 = list();
		expect(chosenList([list({ id: 'l0' }), l1], 'l1', 'u1', now, 'ready')).toEqual({
			list: l1,
			missing: null
		});
		// Still shown while her lists load again.
		expect(chosenList([l1], 'l1', 'u1', now, 'loading').list).toBe(l1);
		// One without assignees is anyone's; one she checked out is hers.
		expect(chosenList([list({ assignees: [] })], 'l1', 'u2', now, 'ready').list).not.toBeNull();
		const checkedOut = list({ assignees: ['u3'], checkedOutBy: 'u2' });
		expect(chosenList([checkedOut], 'l1', 'u2', now, 'ready').list).toBe(checkedOut);
	});

	it('says why it walks every door instead: gone, expired, no longer hers, not loaded', () => {
		expect(chosenList([list()], 'l9', 'u1', now, 'ready')).toEqual({ list: null, missing: 'gone' });
		expect(chosenList([list()], 'l1', 'u1', later, 'ready')).toEqual({
			list: null,
			missing: 'expired'
		});
		expect(chosenList([list()], 'l1', 'u2', now, 'ready')).toEqual({
			list: null,
			missing: 'not_yours'
		});
		expect(chosenList([], 'l1', 'u1', now, 'error')).toEqual({ list: null, missing: 'not_loaded' });
	});

	it('gives no reason while her lists are still loading', () => {
		expect(chosenList([], 'l1', 'u1', now, 'loading')).toEqual({ list: null, missing: null });
		expect(chosenList([], 'l1', 'u1', now, 'idle')).toEqual({ list: null, missing: null });
	});
});

describe('listRound', () => {
	it("gives the list's round: its name and its questions by position", () => {
		const q = (id: string, position: number) => ({ id, position });
		const rounds = [
			{ id: 'r0', name: 'Andere', questions: [] },
			{ id: 'r1', name: 'Voorjaarsronde', questions: [q('q2', 1), q('q1', 0)] }
		];
		expect(listRound(rounds, list())).toEqual({
			walkList: 'l1',
			name: 'Voorjaarsronde',
			questions: [q('q1', 0), q('q2', 1)]
		});
		expect(listRound(rounds, list({ round: 'r9' }))).toBeUndefined();
		expect(listRound(rounds, null)).toBeUndefined();
	});
});
