// Guards the shared areas state: her roots come first (the map starts loading assets on them),
// then the buurten, tree and custom areas; no roots is 'empty'; a failure says its kind; a newer
// load wins. (`follow` needs effects, which the unit project's server build of Svelte does not
// run: the map and gap e2e tests cover it.)
import { describe, expect, it, vi } from 'vitest';
import type { AreaRecord, UserRecord } from '$lib/pocketbase/types';
import type { AreasBelow } from './areas';
import type { AreasApi } from './areas.api';
import { AreasState } from './areas.svelte';

const square = (lon: number, lat: number, size: number) => ({
	type: 'Polygon' as const,
	coordinates: [
		[
			[lon, lat],
			[lon + size, lat],
			[lon + size, lat + size],
			[lon, lat + size],
			[lon, lat]
		]
	]
});
const area = (
	id: string,
	level: AreaRecord['level'],
	parent = '',
	geometry: AreaRecord['geometry'] = null
): AreaRecord => ({ id, code: id.toUpperCase(), name: `Area ${id}`, level, parent, geometry });

const gemeente = area('g1', 'gemeente');
const wijk = area('w1', 'wijk', 'g1');
const west = area('b1', 'buurt', 'w1', square(5.0, 52.0, 0.01));
const east = area('b2', 'buurt', 'w1', square(5.01, 52.0, 0.01));
const user = (areas: string[], role = 'worker') =>
	({ id: 'u1', role, areas }) as unknown as UserRecord;

function fakeApi(overrides: Partial<AreasApi> = {}): AreasApi {
	return {
		rootsOf: vi.fn(async (u: UserRecord) => (u.areas.includes('w1') ? [wijk] : [])),
		treeOf: vi.fn(async () => ({
			buurten: [west, east],
			tree: [wijk, west, east, gemeente],
			custom: []
		})),
		...overrides
	};
}

describe('AreasState', () => {
	it('loads her roots, buurten and tree, and answers from them', async () => {
		const areas = new AreasState(fakeApi());
		await areas.load(user(['w1']));
		expect(areas.status).toBe('ready');
		expect(areas.roots).toEqual([wijk]);
		expect(areas.options.map((o) => `${o.depth} ${o.id}`)).toEqual([
			'0 g1',
			'1 w1',
			'2 b1',
			'2 b2'
		]);
		expect(areas.name('b2')).toBe('Area b2');
		expect(areas.name('nope')).toBe('');
		expect(areas.buurtAt({ lon: 5.015, lat: 52.005 })?.id).toBe('b2');
		expect(areas.buurtAt({ lon: 6, lat: 52.005 })).toBeNull();
		expect(areas.boundsOf('B1')).toEqual([5.0, 52.0, 5.01, 52.01]);
		expect(areas.boundsOf(null)?.[2]).toBeCloseTo(5.02);
	});

	it('sets her roots before the rest has loaded', async () => {
		let release: () => void = () => {};
		const areas = new AreasState(
			fakeApi({
				treeOf: vi.fn(
					() =>
						new Promise<AreasBelow>((resolve) => {
							release = () => resolve({ buurten: [west], tree: [wijk, west], custom: [] });
						})
				)
			})
		);
		const loading = areas.load(user(['w1']));
		await vi.waitFor(() => expect(areas.roots).toEqual([wijk]));
		expect(areas.status).toBe('loading');
		release();
		await loading;
		expect(areas.status).toBe('ready');
	});

	it('is empty without areas, and says why a load failed', async () => {
		const api = fakeApi();
		const areas = new AreasState(api);
		await areas.load(user([]));
		expect(areas.status).toBe('empty');
		expect(api.treeOf).not.toHaveBeenCalled();

		const failing = new AreasState(
			fakeApi({
				rootsOf: vi.fn(async () => {
					throw Object.assign(new Error('offline'), { status: 0 });
				})
			})
		);
		await failing.load(user(['w1']));
		expect(failing.status).toBe('error');
		expect(failing.error).toBe('network');
	});

	it('keeps the newer load when an older one answers last', async () => {
		let release: (roots: AreaRecord[]) => void = () => {};
		const areas = new AreasState(
			fakeApi({
				rootsOf: vi.fn((u: UserRecord) =>
					u.areas[0] === 'slow'
						? new Promise<AreaRecord[]>((resolve) => (release = resolve))
						: Promise.resolve([])
				)
			})
		);
		const slow = areas.load(user(['slow']));
		await areas.load(user(['fast']));
		release([wijk]);
		await slow;
		expect(areas.status).toBe('empty');
		expect(areas.roots).toEqual([]);
	});
});
