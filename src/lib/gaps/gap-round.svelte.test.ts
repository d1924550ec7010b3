// Guards the gap view's round state: her rounds, the picked round's doors (loaded once per round,
// the latest pick winning), and what the view asks for a round.
import { describe, expect, it, vi } from 'vitest';
import type { AddressRecord } from '$lib/addresses/addresses';
import type { RoundWithParts } from '$lib/rounds/rounds.api';
import type { GapUnit } from './gap-input';
import { GapRoundState, type GapRoundsApi } from './gap-round.svelte';

const door = (id: string, area: string, street: string, lon: number) =>
	({ id, area, street, city: 'Utrecht', number: '1', location: { lon, lat: 52 } }) as AddressRecord;

const round = (id: string, over: Partial<RoundWithParts> = {}) =>
	({
		id,
		updated: '2027-02-01 10:00:00.000Z',
		name: id,
		areas: ['b1'],
		streets: ['Wolgadreef'],
		startsOn: '2027-03-01 12:00:00.000Z',
		endsOn: '2027-03-31 12:00:00.000Z',
		lists: [],
		questions: [],
		...over
	}) as unknown as RoundWithParts;

const doors = [door('a1', 'b1', 'Wolgadreef', 5.1), door('a2', 'b1', 'Amazonedreef', 5.2)];

function fakeApi(over: Partial<GapRoundsApi> = {}): GapRoundsApi {
	return {
		listRounds: vi.fn(async () => [round('r1'), round('r2')]),
		addressesOf: vi.fn(async () => doors),
		...over
	};
}

describe('GapRoundState', () => {
	it('loads her rounds and finds one by id', async () => {
		const state = new GapRoundState(fakeApi());
		await state.load(['w1']);
		expect(state.status).toBe('ready');
		expect(state.find('r2')?.id).toBe('r2');
		expect(state.find('nope')).toBeUndefined();
		expect(state.find(null)).toBeUndefined();
	});

	it('loads the picked round’s doors once, and narrows the view to them', async () => {
		const api = fakeApi();
		const state = new GapRoundState(api);
		const r1 = round('r1');
		await state.pick(r1);
		await state.pick(r1);
		expect(api.addressesOf).toHaveBeenCalledTimes(1);
		expect(state.doorsStatus).toBe('ready');
		expect(state.doors?.map((d) => d.id)).toEqual(['a1']);
		const request = state.requestFor(r1);
		expect(request.areaIds).toEqual(['b1']);
		expect(request.period).toEqual({ from: '2027-03-01', to: '2027-04-01' });
		const unit = (street: string, lon: number) =>
			({ area: 'b1', street, lon, lat: 52, addresses: 1 }) as GapUnit;
		expect(request.narrow([unit('Wolgadreef', 5.1), unit('Amazonedreef', 5.2)])).toEqual([
			unit('Wolgadreef', 5.1)
		]);
		await state.pick(undefined);
		expect(state.doors).toBeNull();
		expect(state.doorsStatus).toBe('idle');
	});

	it('keeps the latest pick, and says when the doors fail', async () => {
		let release: (found: AddressRecord[]) => void = () => {};
		const api = fakeApi({
			addressesOf: vi
				.fn()
				.mockImplementationOnce(() => new Promise((resolve) => (release = resolve)))
				.mockImplementationOnce(async () => doors)
				.mockImplementation(() => Promise.reject({ status: 0 }))
		});
		const state = new GapRoundState(api);
		const slow = state.pick(round('r1'));
		await state.pick(round('r2', { streets: ['Amazonedreef'] }));
		release([door('x', 'b1', 'Wolgadreef', 5.1)]);
		await slow;
		expect(state.doors?.map((d) => d.id)).toEqual(['a2']);
		await state.pick(round('r3'));
		expect(state.doorsStatus).toBe('error');
		expect(state.error).toBe('network');
	});
});
