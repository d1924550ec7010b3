// Guards ListCutState with a server in memory: a round's doors are cut street by street (only
// its streets when it names some, none already on a list), each list saved with whom it is for
// and its last day, and a refused save keeps the lists to try again.
import { describe, expect, it } from 'vitest';
import type { AddressRecord } from '$lib/addresses/addresses';
import { ListCutState, type CutApi } from './cut.svelte';
import type { ListDraft } from './rounds.api';

const address = (id: string, street: string, number: string): AddressRecord => ({
	id,
	street,
	number,
	postcode: '',
	city: 'Groningen',
	location: { lon: 5, lat: 52 },
	area: 'b1'
});

const DOORS = [
	address('w2', 'Wolgadreef', '2'),
	address('a1', 'Amazonedreef', '1'),
	address('w1', 'Wolgadreef', '1')
];

function server(refuse = false) {
	const saved: { roundId: string; drafts: readonly ListDraft[] }[] = [];
	const api: CutApi = {
		addressesOf: async (areaIds) => (areaIds.includes('b1') ? DOORS : []),
		assignees: async () => [{ id: 'u1', name: 'Anna' }],
		saveLists: async (roundId, drafts) => {
			if (refuse) throw Object.assign(new Error('offline'), { status: 0 });
			saved.push({ roundId, drafts });
			return [];
		}
	};
	return { api, saved };
}

describe('ListCutState', () => {
	it('cuts every street of the areas, doors in walking order, and saves whom each is for', async () => {
		const { api, saved } = server();
		const cut = new ListCutState(api);
		await cut.cut({ areas: ['b1'], streets: null });
		expect(cut.status).toBe('ready');
		expect(cut.assignees).toEqual([{ id: 'u1', name: 'Anna' }]);
		expect(cut.lists.map((l) => [l.name, l.addresses, l.doorCount])).toEqual([
			['Amazonedreef', ['a1'], 1],
			['Wolgadreef', ['w1', 'w2'], 2]
		]);

		cut.lists[1].assignees.push('u1');
		cut.lists[1].expiresOn = '2027-03-31';
		expect(await cut.save('r1')).toBe(true);
		expect(saved[0].roundId).toBe('r1');
		expect(saved[0].drafts[1]).toMatchObject({ assignees: ['u1'], expiresOn: '2027-03-31' });
		expect(cut.status).toBe('saved');
		expect(cut.lists).toEqual([]);
	});

	it('keeps only the streets a round names', async () => {
		const cut = new ListCutState(server().api);
		await cut.cut({ areas: ['b1'], streets: ['Wolgadreef'] });
		expect(cut.lists.map((l) => l.name)).toEqual(['Wolgadreef']);
	});

	it('leaves out the doors already on one of the round’s lists', async () => {
		const cut = new ListCutState(server().api);
		await cut.cut({ areas: ['b1'], streets: null, lists: [{ addresses: ['w1', 'a1'] }] });
		expect(cut.lists.map((l) => [l.name, l.addresses])).toEqual([['Wolgadreef', ['w2']]]);
	});

	it('keeps the lists and says why when the save is refused', async () => {
		const cut = new ListCutState(server(true).api);
		await cut.cut({ areas: ['b1'], streets: [] });
		expect(await cut.save('r1')).toBe(false);
		expect(cut.status).toBe('ready');
		expect(cut.error).not.toBeNull();
		expect(cut.lists).toHaveLength(2);
	});
});
