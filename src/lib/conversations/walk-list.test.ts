// Guards the walk list: which doors are due (not-home stays, a recent talk goes, do-not-contact
// never comes back), walking order (odd side up, even side down), and history newest first.
import { describe, expect, it } from 'vitest';
import type { AddressRecord } from '$lib/addresses/addresses';
import { compareWalkingOrder, isDue, walkList, type Visit } from './walk-list';

const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (days: number) =>
	new Date(now.getTime() - days * 86_400_000).toISOString().replace('T', ' ');
const visit = (address: string, outcome: Visit['outcome'], days: number): Visit => ({
	id: `${address}-${outcome}-${days}`,
	address,
	outcome,
	heldAt: daysAgo(days),
	worker: 'w1'
});
const address = (id: string, street: string, number: string) =>
	({
		id,
		street,
		number,
		postcode: '',
		city: 'Utrecht',
		location: { lon: 5, lat: 52 },
		area: 'b1'
	}) as AddressRecord;

describe('isDue', () => {
	it('keeps doors where nobody was home or they asked to come back', () => {
		expect(isDue([visit('a', 'not_home', 1), visit('a', 'come_back_later', 2)], now, 30)).toBe(
			true
		);
	});

	it('drops doors with a talk, refusal or vacancy within the period, and returns them after', () => {
		for (const outcome of ['talked', 'declined', 'vacant'] as const) {
			expect(isDue([visit('a', outcome, 29)], now, 30)).toBe(false);
			expect(isDue([visit('a', outcome, 31)], now, 30)).toBe(true);
		}
	});

	it('never returns a door that asked not to be contacted', () => {
		expect(isDue([visit('a', 'do_not_contact', 900)], now, 30)).toBe(false);
	});
});

describe('compareWalkingOrder', () => {
	it('goes up the odd side and back down the even side', () => {
		const numbers = ['2', '1', '4', '3', '12', '11', '3A', '10', 'zn'];
		expect([...numbers].sort(compareWalkingOrder)).toEqual([
			'1',
			'3',
			'3A',
			'11',
			'12',
			'10',
			'4',
			'2',
			'zn'
		]);
	});
});

describe('walkList', () => {
	it('lists the due doors by street in walking order, with their visits newest first', () => {
		const addresses = [
			address('w2', 'Wolgadreef', '2'),
			address('w1', 'Wolgadreef', '1'),
			address('w3', 'Wolgadreef', '3'),
			address('a1', 'Amazonedreef', '1'),
			address('a3', 'Amazonedreef', '3')
		];
		const visits = [
			visit('w1', 'not_home', 5),
			visit('w1', 'not_home', 1),
			visit('w3', 'talked', 3),
			visit('a3', 'do_not_contact', 400),
			visit('elsewhere', 'talked', 1)
		];
		const list = walkList(addresses, visits, now, 30);
		expect(list.map((s) => [s.street, s.doors.map((d) => d.address.number)])).toEqual([
			['Amazonedreef', ['1']],
			['Wolgadreef', ['1', '2']]
		]);
		expect(list[1].doors[0].visits.map((v) => v.heldAt)).toEqual([daysAgo(1), daysAgo(5)]);
	});

	it('is empty without addresses', () => {
		expect(walkList([], [], now, 30)).toEqual([]);
	});
});
