// Guards the gap view's state: a new distance analyses again without fetching, a new area fetches,
// a later request wins over an earlier one that answers last, and errors say which step failed.
import { describe, expect, it, vi } from 'vitest';
import type { UserRecord } from '$lib/pocketbase/types';
import type { GapAnalysis } from './gap-analysis';
import type { GapInput } from './gap-input';
import type { GapAreas, GapsApi } from './gaps.api';
import { GapsState } from './gaps.svelte';

const user = { id: 'u1', role: 'coordinator', areas: ['w1'] } as unknown as UserRecord;
const areas = {
	roots: [{ id: 'w1', code: 'WK1', name: 'Wijk', level: 'wijk', parent: '', geometry: null }],
	buurten: [],
	tree: []
} as unknown as GapAreas;
const input = (tag: string) => ({ tag }) as unknown as GapInput;
const period = { from: '2026-09-01', to: '2026-12-02' };
const scope = (ids: string[]) => ({ areaIds: ids, area: null });

function fakeApi(overrides: Partial<GapsApi> = {}) {
	const api: GapsApi = {
		loadAreas: vi.fn(async () => areas),
		fetchInput: vi.fn(async (ids: readonly string[]) => input(ids.join(','))),
		analyse: vi.fn(async (given: GapInput, options, onProgress) => {
			onProgress(0.5);
			return { from: given, radius: options.radiusM } as unknown as GapAnalysis;
		}),
		...overrides
	};
	return api;
}

describe('GapsState', () => {
	it('fetches once per area and period, and analyses again for a new distance', async () => {
		const api = fakeApi();
		const gaps = new GapsState(api);
		await gaps.loadAreas(user);
		expect(gaps.areasReady).toBe(true);
		await gaps.analyse(scope(['w1']), period, 500, 0);
		expect(gaps.status).toBe('ready');
		expect(gaps.progress).toBe(1);
		await gaps.analyse(scope(['w1']), period, 800, 0);
		expect(api.fetchInput).toHaveBeenCalledTimes(1);
		expect(gaps.analysis).toEqual({ from: input('w1'), radius: 800 });
		await gaps.analyse(scope(['b1']), period, 800, 0);
		expect(api.fetchInput).toHaveBeenCalledTimes(2);
		expect(gaps.input).toEqual(input('b1'));
	});

	it('keeps the latest request when an earlier one answers last', async () => {
		let release: (value: GapInput) => void = () => {};
		const api = fakeApi({
			fetchInput: vi.fn(async (ids: readonly string[]) =>
				ids[0] === 'slow' ? new Promise<GapInput>((resolve) => (release = resolve)) : input('fast')
			)
		});
		const gaps = new GapsState(api);
		const slow = gaps.analyse(scope(['slow']), period, 500, 0);
		await gaps.analyse(scope(['fast']), period, 500, 0);
		release(input('slow'));
		await slow;
		expect(gaps.input).toEqual(input('fast'));
		expect(api.analyse).toHaveBeenCalledTimes(1);
	});

	it('says which step failed', async () => {
		const gaps = new GapsState(
			fakeApi({
				fetchInput: vi.fn(async () => {
					throw Object.assign(new Error('offline'), { status: 0 });
				})
			})
		);
		await gaps.analyse(scope(['w1']), period, 500, 0);
		expect(gaps.status).toBe('error');
		expect(gaps.error).toEqual({ step: 'input', kind: 'network' });

		const broken = new GapsState(
			fakeApi({
				analyse: vi.fn(async () => {
					throw new Error('worker failed');
				})
			})
		);
		vi.spyOn(console, 'error').mockImplementation(() => {});
		await broken.analyse(scope(['w1']), period, 500, 0);
		expect(broken.error).toEqual({ step: 'analysis', kind: 'server' });
	});

	it('has nothing to analyse without areas', async () => {
		const api = fakeApi();
		const gaps = new GapsState(api);
		await gaps.analyse(scope([]), period, 500, 0);
		expect(gaps.status).toBe('ready');
		expect(gaps.analysis).toBeNull();
		expect(api.fetchInput).not.toHaveBeenCalled();
	});
});
