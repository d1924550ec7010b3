// Guards the street picker's state: streets with gap figures, without them when the gap input
// fails, nothing for no buurten, and the latest load winning.
import { describe, expect, it, vi } from 'vitest';
import type { AddressRecord } from '$lib/addresses/addresses';
import type { GapUnit } from '$lib/gaps/gap-input';
import { StreetPickerState, type StreetsApi } from './round-streets.svelte';

const door = (id: string, area: string, street: string) =>
	({
		id,
		area,
		street,
		city: 'Utrecht',
		number: '1',
		location: { lon: 5, lat: 52 }
	}) as AddressRecord;
const unit = (area: string, street: string) =>
	({ area, street, addresses: 1, visited: 0, lastVisit: null }) as GapUnit;

function fakeApi(over: Partial<StreetsApi> = {}): StreetsApi {
	return {
		addressesOf: vi.fn(async (ids: readonly string[]) =>
			ids.map((id) => door(`a-${id}`, id, `Straat ${id}`))
		),
		gapUnitsOf: vi.fn(async (ids: readonly string[]) => ids.map((id) => unit(id, `Straat ${id}`))),
		...over
	};
}

describe('StreetPickerState', () => {
	it('loads the streets of the buurten with their gap figures of the last months', async () => {
		const api = fakeApi();
		const state = new StreetPickerState(api);
		await state.load(['b1', 'b2'], () => new Date(2027, 2, 15));
		expect(state.status).toBe('ready');
		expect(state.choices.map((c) => [c.label, c.doors, c.neverVisited])).toEqual([
			['Straat b1', 1, true],
			['Straat b2', 1, true]
		]);
		expect(api.gapUnitsOf).toHaveBeenCalledWith(['b1', 'b2'], {
			from: '2026-12-15',
			to: '2027-03-16'
		});
	});

	it('shows the streets without figures when the gap input fails, and an error when the doors do', async () => {
		const state = new StreetPickerState(
			fakeApi({ gapUnitsOf: () => Promise.reject({ status: 0 }) })
		);
		await state.load(['b1']);
		expect(state.status).toBe('ready');
		expect(state.gapMissing).toBe(true);
		expect(state.choices[0].neverVisited).toBeNull();

		const broken = new StreetPickerState(
			fakeApi({ addressesOf: () => Promise.reject({ status: 0 }) })
		);
		await broken.load(['b1']);
		expect(broken.status).toBe('error');
		expect(broken.error).toBe('network');

		// Cancelled by another request for the walk snapshot: an error to retry, never a wait.
		const cancelled = new StreetPickerState(
			fakeApi({ addressesOf: () => Promise.reject({ status: 0, isAbort: true }) })
		);
		await cancelled.load(['b1']);
		expect(cancelled.status).toBe('error');
	});

	it('has no streets without buurten, and the latest load wins', async () => {
		let release: (doors: AddressRecord[]) => void = () => {};
		const api = fakeApi({
			addressesOf: vi
				.fn()
				.mockImplementationOnce(() => new Promise((resolve) => (release = resolve)))
				.mockImplementation(async () => [door('a2', 'b2', 'Nieuw')])
		});
		const state = new StreetPickerState(api);
		const slow = state.load(['b1']);
		await state.load(['b2']);
		release([door('a1', 'b1', 'Oud')]);
		await slow;
		expect(state.choices.map((c) => c.label)).toEqual(['Nieuw']);
		await state.load([]);
		expect(state.status).toBe('idle');
		expect(state.choices).toEqual([]);
	});
});
