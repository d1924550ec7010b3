// Guards the gap view's state: a new distance analyses again without fetching, a new area fetches,
// a later request wins over an earlier one that answers last, errors say which step failed, and
// the areas to pick from are the shared AreasState's (custom areas included).
import { describe, expect, it, vi } from 'vitest';
import type { AreasApi } from '$lib/areas/areas.api';
import { AreasState } from '$lib/areas/areas.svelte';
import type { AreaRecord, UserRecord } from '$lib/pocketbase/types';
import type { GapAnalysis } from './gap-analysis';
import type { GapInput, GapUnit } from './gap-input';
import type { GapsApi } from './gaps.api';
import { GapsState } from './gaps.svelte';

const user = { id: 'u1', role: 'coordinator', areas: ['w1'] } as unknown as UserRecord;
const wijk = { id: 'w1', code: 'WK1', name: 'Wijk', level: 'wijk', parent: '', geometry: null };
const custom = {
	id: 'c1',
	code: 'C1',
	name: 'Eigen',
	level: 'custom',
	parent: 'w1',
	geometry: null
};

function fakeAreasApi(overrides: Partial<AreasApi> = {}): AreasApi {
	return {
		rootsOf: vi.fn(async () => [wijk as AreaRecord]),
		treeOf: vi.fn(async () => ({
			buurten: [],
			tree: [wijk as AreaRecord],
			custom: [custom as AreaRecord]
		})),
		...overrides
	};
}

async function loadedAreas(api = fakeAreasApi()) {
	const areas = new AreasState(api);
	await areas.load(user);
	return areas;
}
const input = (tag: string) => ({ tag }) as unknown as GapInput;
const period = { from: '2026-09-01', to: '2026-12-02' };
const scope = (ids: string[]) => ({ areaIds: ids, area: null });

function fakeApi(overrides: Partial<GapsApi> = {}) {
	const api: GapsApi = {
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
		const gaps = new GapsState(api, await loadedAreas());
		expect(gaps.areas.tree.map((a) => a.id)).toEqual(['w1', 'c1']);
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

	it('analyses only the units a narrowing keeps, without fetching again', async () => {
		const api = fakeApi({
			fetchInput: vi.fn(
				async () => ({ units: [{ street: 'a' }, { street: 'b' }] }) as unknown as GapInput
			)
		});
		const gaps = new GapsState(api, await loadedAreas());
		await gaps.analyse(scope(['w1']), period, 500, 0);
		const onlyB = (units: readonly GapUnit[]) => units.filter((u) => u.street === 'b');
		await gaps.analyse(scope(['w1']), period, 500, 0, onlyB);
		expect(api.fetchInput).toHaveBeenCalledTimes(1);
		expect(api.analyse).toHaveBeenLastCalledWith(
			{ units: [{ street: 'b' }] },
			expect.anything(),
			expect.anything(),
			expect.anything()
		);
		// The input stays all that was fetched: the map's assets come from it.
		expect(gaps.input?.units).toHaveLength(2);
	});

	it('keeps the latest request when an earlier one answers last', async () => {
		let release: (value: GapInput) => void = () => {};
		const api = fakeApi({
			fetchInput: vi.fn(async (ids: readonly string[]) =>
				ids[0] === 'slow' ? new Promise<GapInput>((resolve) => (release = resolve)) : input('fast')
			)
		});
		const gaps = new GapsState(api, await loadedAreas());
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
			}),
			await loadedAreas()
		);
		await gaps.analyse(scope(['w1']), period, 500, 0);
		expect(gaps.status).toBe('error');
		expect(gaps.error).toEqual({ step: 'input', kind: 'network' });

		const broken = new GapsState(
			fakeApi({
				analyse: vi.fn(async () => {
					throw new Error('worker failed');
				})
			}),
			await loadedAreas()
		);
		vi.spyOn(console, 'error').mockImplementation(() => {});
		await broken.analyse(scope(['w1']), period, 500, 0);
		expect(broken.error).toEqual({ step: 'analysis', kind: 'server' });

		const noAreas = new GapsState(
			fakeApi(),
			await loadedAreas(
				fakeAreasApi({
					rootsOf: vi.fn(async () => {
						throw Object.assign(new Error('offline'), { status: 0 });
					})
				})
			)
		);
		expect(noAreas.status).toBe('error');
		expect(noAreas.error).toEqual({ step: 'areas', kind: 'network' });
	});

	it('has nothing to analyse without areas', async () => {
		const api = fakeApi();
		const gaps = new GapsState(api, await loadedAreas());
		await gaps.analyse(scope([]), period, 500, 0);
		expect(gaps.status).toBe('ready');
		expect(gaps.analysis).toBeNull();
		expect(api.fetchInput).not.toHaveBeenCalled();
	});

	it('finds the thin networks in the input it has, without names when the input is a viewer’s', async () => {
		const square = {
			type: 'Polygon',
			coordinates: [
				[
					[5, 52],
					[5.01, 52],
					[5.01, 52.01],
					[5, 52]
				]
			]
		};
		const buurt = {
			...wijk,
			id: 'b1',
			code: 'BU1',
			name: 'Noord',
			level: 'buurt',
			geometry: square
		};
		const areas = await loadedAreas(
			fakeAreasApi({
				treeOf: vi.fn(async () => ({
					buurten: [buurt as AreaRecord],
					tree: [wijk as AreaRecord, buurt as AreaRecord],
					custom: []
				}))
			})
		);
		// Five assets in b1, four hanging on Kees.
		const ids = ['kees', 'a', 'b', 'c', 'd'];
		const thinInput = (aggregated: boolean) =>
			({
				aggregated,
				assets: ids.map((id) => ({
					id,
					kind: 'capacity',
					title: id === 'kees' ? 'Kees' : id,
					area: 'b1',
					themes: [],
					status: 'active'
				})),
				links: ids.slice(1).map((id) => ({ from: 'kees', to: id }))
			}) as unknown as GapInput;
		const analysed = (aggregated: boolean) =>
			fakeApi({
				fetchInput: vi.fn(async () => thinInput(aggregated)),
				analyse: vi.fn(
					async () => ({ buurten: [{ area: 'b1', code: 'BU1', name: 'Noord' }] }) as GapAnalysis
				)
			});

		const gaps = new GapsState(analysed(false), areas);
		expect(gaps.thin(false)).toEqual([]);
		await gaps.analyse(scope(['b1']), period, 500, 0);
		const staff = gaps.thin(false);
		expect(staff.map((t) => t.connector?.label)).toEqual(['Kees']);
		expect(gaps.thinMapData(staff).features.map((f) => f.properties.connector)).toEqual(['Kees']);
		expect(gaps.thin(true).map((t) => t.connector)).toEqual([{ label: null, groups: null }]);

		const viewer = new GapsState(analysed(true), areas);
		await viewer.analyse(scope(['b1']), period, 500, 0);
		// The input is a viewer's: no name, whatever the page asks.
		expect(viewer.thin(false)).toEqual([
			expect.objectContaining({
				id: 'b1',
				nodes: 5,
				links: null,
				connector: { label: null, groups: null }
			})
		]);
	});
});
