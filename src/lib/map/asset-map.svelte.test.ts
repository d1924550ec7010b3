// Guards the asset map's state: it starts from the URL, opening an asset unfolds the sheet (not
// while adding one), the query keeps the view, an area is looked up before the map is there, adding
// places in her buurten only and opens the new asset with a toast, and moving the open asset keeps
// it in her buurten (into the buurt it now lies in).
import { describe, expect, it } from 'vitest';
import type { AreasApi } from '$lib/areas/areas.api';
import { AreasState } from '$lib/areas/areas.svelte';
import { newDraft } from '$lib/assets/asset-form';
import type { AssetsApi } from '$lib/assets/assets.api';
import { AssetsState } from '$lib/assets/assets.svelte';
import { DEFAULT_FILTER, copyFilter } from '$lib/assets/filters';
import type { AreaRecord, AssetRecord, UserRecord } from '$lib/pocketbase/types';
import { AssetMapState } from './asset-map.svelte';
import { readUrlState } from './url-state';

const square = (lon: number, lat: number) => ({
	type: 'Polygon' as const,
	coordinates: [
		[
			[lon, lat],
			[lon + 0.01, lat],
			[lon + 0.01, lat + 0.01],
			[lon, lat + 0.01],
			[lon, lat]
		]
	]
});
const area = (id: string, level: AreaRecord['level'], parent: string, lon?: number) => ({
	id,
	code: id.toUpperCase(),
	name: `Area ${id}`,
	level,
	parent,
	geometry: lon === undefined ? null : square(lon, 52)
});
const wijk = area('w1', 'wijk', '');
const west = area('b1', 'buurt', 'w1', 5.0);
const east = area('b2', 'buurt', 'w1', 5.01);
const user = { id: 'u1', role: 'worker', areas: ['w1'] } as unknown as UserRecord;
const ID = 'aaaaaaaaaaaaaa1';

const areasApi: AreasApi = {
	rootsOf: async () => [wijk],
	treeOf: async () => ({ buurten: [west, east], tree: [wijk, west, east], custom: [] })
};

function asset(id: string, fields: Partial<AssetRecord> = {}): AssetRecord {
	return {
		id,
		kind: 'initiative',
		title: `Asset ${id}`,
		themes: [],
		domain: [],
		gifts: [],
		location: { lon: 5.005, lat: 52.005 },
		precision: 'exact',
		area: 'b1',
		street: '',
		status: 'active',
		confirmedAt: '',
		confirmedBy: '',
		updated: '2025-01-01 10:00:00.000Z',
		...fields
	};
}

/** A server of one asset: creates get an id, updates are applied. */
function assetsApi(): AssetsApi {
	let stored = [asset(ID)];
	return {
		loadMap: async () => ({ assets: stored, links: [] }),
		createAsset: async (body) => {
			const record = asset('new000000000001', { ...body, title: body.title });
			stored = [...stored, record];
			return record;
		},
		updateAsset: async (id, patch) => {
			const next = { ...stored.find((a) => a.id === id)!, ...patch, updated: '2025-02-01' };
			stored = stored.map((a) => (a.id === id ? next : a));
			return next;
		},
		confirmAsset: async () => asset(ID),
		createLink: async () => {
			throw new Error('not here');
		},
		deleteLink: async () => {},
		subscribeAssets: () => () => {},
		subscribeLinks: () => () => {}
	};
}

async function setup(query = '') {
	const areas = new AreasState(areasApi);
	await areas.load(user);
	const assets = new AssetsState(assetsApi());
	await assets.load(['w1']);
	const map = new AssetMapState(readUrlState(new URLSearchParams(query)), assets, areas);
	return { map, assets };
}

describe('AssetMapState', () => {
	it('starts from the URL: the open asset (sheet unfolded), area and position', async () => {
		const { map } = await setup(`asset=${ID}&area=W1&at=52.1,5.1&z=14`);
		expect(map.selectedId).toBe(ID);
		expect(map.selected?.title).toBe(`Asset ${ID}`);
		expect(map.sheetExpanded).toBe(true);
		expect(map.areaCode).toBe('W1');
		expect(map.initialCamera).toEqual({ center: [5.1, 52.1], zoom: 14 });
		const query = new URLSearchParams(map.query(copyFilter(DEFAULT_FILTER)));
		expect(query.get('asset')).toBe(ID);
		expect(query.get('area')).toBe('W1');
	});

	it('opens and closes an asset, but not while one is being added', async () => {
		const { map } = await setup();
		expect(map.sheetExpanded).toBe(false);
		map.select(ID);
		expect(map.selectedId).toBe(ID);
		expect(map.sheetExpanded).toBe(true);
		map.mode = 'edit';
		map.close();
		expect(map.selectedId).toBeNull();
		expect(map.mode).toBe('view');
		map.startAdding();
		expect(map.sheetExpanded).toBe(false);
		map.select(ID);
		expect(map.selectedId).toBeNull();
	});

	it('looks an area up before the map is there', async () => {
		const { map } = await setup();
		expect(map.pickArea('B2')).toEqual([5.01, 52, 5.02, 52.01]);
		expect(map.areaCode).toBe('B2');
	});

	it('adds an asset in her buurten only, then opens it with a toast', async () => {
		const { map, assets } = await setup();
		map.startAdding();
		expect(map.place({ lon: 6, lat: 52.005 })).toBe(false);
		expect(map.adding.refused).toBe(true);
		expect(map.place({ lon: 5.015, lat: 52.005 })).toBe(true);
		expect(map.sheetExpanded).toBe(true);
		await map.create({ ...newDraft('initiative'), title: 'Buurttuin' });
		expect(map.adding.step).toBeNull();
		expect(map.selectedId).toBe('new000000000001');
		expect(assets.byId.get('new000000000001')?.area).toBe('b2');
		expect(map.toast?.message).toContain('Buurttuin');
	});

	it('moves the open asset within her buurten, into the buurt it now lies in', async () => {
		const { map, assets } = await setup();
		map.select(ID);
		expect(map.moveSelected({ lon: 6, lat: 52.005 })).toBe(false);
		expect(map.toast?.tone).toBe('error');
		expect(map.moveSelected({ lon: 5.015, lat: 52.005 })).toBe(true);
		expect(assets.byId.get(ID)?.area).toBe('b2');
	});
});
