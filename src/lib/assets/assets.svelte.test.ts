// Guards AssetsState with a fake AssetsApi: loading (and failing to), the filtered view and its
// counts, realtime events replacing records immutably (and ignoring other areas), writes,
// archive with undo, and links.
import { describe, expect, it } from 'vitest';
import type { LinkRecord, NewLink } from '$lib/links/links';
import type { RealtimeEvent } from '$lib/pocketbase/realtime.api';
import type { AssetRecord } from '$lib/pocketbase/types';
import type { AssetPatch, NewAsset } from './assets';
import type { AssetEvent, AssetsApi } from './assets.api';
import { AssetsState } from './assets.svelte';

function asset(id: string, fields: Partial<AssetRecord> = {}): AssetRecord {
	return {
		id,
		kind: 'initiative',
		title: `Asset ${id}`,
		themes: [],
		domain: [],
		gifts: [],
		location: { lon: 5.12, lat: 52.11 },
		precision: 'exact',
		area: 'b1',
		street: 'Wolgadreef',
		status: 'active',
		confirmedAt: '',
		confirmedBy: '',
		updated: '2025-01-01 10:00:00.000Z',
		...fields
	};
}

function link(id: string, from: string, to: string): LinkRecord {
	const at = '2025-01-01 10:00:00.000Z';
	return { id, from, to, kind: 'knows', note: '', created: at, updated: at, createdBy: 'u1' };
}

// Buurt b1 and b2 lie in wijk w1; b9 in wijk w9.
const expandIn = (buurt: string, wijk: string) => ({
	area: { id: buurt, parent: wijk, expand: { parent: { id: wijk, parent: 'g1' } } }
});

const fatima = asset('fatima', { kind: 'key_figure', title: 'Fatima' });
const garden = asset('garden', { kind: 'place', title: 'Buurttuin', status: 'idea' });
const club = asset('club', { kind: 'association', title: 'Oude club', status: 'ended' });

function fakeApi(start: { assets?: AssetRecord[]; links?: LinkRecord[] } = {}) {
	let stored = [...(start.assets ?? [fatima, garden, club])];
	let storedLinks = [...(start.links ?? [link('l1', 'fatima', 'garden')])];
	let assetListener: ((event: AssetEvent) => void) | null = null;
	let linkListener: ((event: RealtimeEvent<LinkRecord>) => void) | null = null;
	let clock = 0;
	const calls: string[] = [];
	const fail = { load: null as unknown, write: null as unknown };
	const stamp = () => `2025-02-01 10:00:00.${String(++clock).padStart(3, '0')}Z`;

	function save(id: string, patch: AssetPatch & { confirmedAt?: string }): AssetRecord {
		const current = stored.find((a) => a.id === id);
		if (!current) throw Object.assign(new Error('not found'), { status: 404 });
		const next = { ...current, ...patch, updated: stamp() };
		stored = stored.map((a) => (a.id === id ? next : a));
		return next;
	}

	const api: AssetsApi = {
		async loadMap(areaIds) {
			calls.push(`loadMap ${areaIds.join(',')}`);
			if (fail.load) throw fail.load;
			return { assets: stored, links: storedLinks };
		},
		async createAsset(body: NewAsset) {
			const record = asset(`new${++clock}`, { ...body, updated: stamp() });
			stored = [...stored, record];
			return record;
		},
		async updateAsset(id, patch) {
			calls.push(`updateAsset ${id} ${JSON.stringify(patch)}`);
			if (fail.write) throw fail.write;
			return save(id, patch);
		},
		async confirmAsset(id) {
			return save(id, { confirmedAt: '2025-02-01 10:00:00.000Z' });
		},
		async createLink(body: NewLink) {
			const record = { ...link(`link${++clock}`, body.from, body.to), ...body };
			storedLinks = [...storedLinks, record];
			return record;
		},
		async deleteLink(id) {
			calls.push(`deleteLink ${id}`);
			storedLinks = storedLinks.filter((l) => l.id !== id);
		},
		subscribeAssets(callback) {
			assetListener = callback;
			return () => (assetListener = null);
		},
		subscribeLinks(callback) {
			linkListener = callback;
			return () => (linkListener = null);
		}
	};
	return {
		api,
		calls,
		fail,
		emitAsset: (event: AssetEvent) => assetListener?.(event),
		emitLink: (event: RealtimeEvent<LinkRecord>) => linkListener?.(event),
		get listening() {
			return assetListener !== null && linkListener !== null;
		}
	};
}

async function loaded(fake = fakeApi(), areaIds = ['w1']) {
	const state = new AssetsState(fake.api);
	await state.load(areaIds);
	return { state, fake };
}

const ids = (assets: readonly { id: string }[]) => assets.map((a) => a.id);

describe('loading', () => {
	it('starts idle and empty', () => {
		const state = new AssetsState(fakeApi().api);
		expect(state.status).toBe('idle');
		expect(state.assets).toEqual([]);
		expect(state.visible).toEqual([]);
	});

	it('loads the assets of the areas and their links', async () => {
		const { state, fake } = await loaded();
		expect(state.status).toBe('ready');
		expect(ids(state.assets)).toEqual(['fatima', 'garden', 'club']);
		expect(ids(state.links)).toEqual(['l1']);
		expect(fake.calls).toEqual(['loadMap w1']);
	});

	it('shows loading while under way', async () => {
		const state = new AssetsState(fakeApi().api);
		const pending = state.load(['w1']);
		expect(state.status).toBe('loading');
		await pending;
		expect(state.status).toBe('ready');
	});

	it('reports a failed load and keeps what it had', async () => {
		const { state, fake } = await loaded();
		fake.fail.load = Object.assign(new Error('Failed to fetch'), { status: 0 });
		await state.load(['w1']);
		expect(state.status).toBe('error');
		expect(state.error).toBe('network');
		expect(ids(state.assets)).toEqual(['fatima', 'garden', 'club']);
		fake.fail.load = null;
		await state.load(['w1']);
		expect(state.status).toBe('ready');
		expect(state.error).toBeNull();
	});

	it('lets the newest of two overlapping loads win', async () => {
		const fake = fakeApi();
		const slow: AssetsApi = {
			...fake.api,
			async loadMap(areaIds) {
				if (areaIds[0] === 'old') await new Promise((resolve) => setTimeout(resolve, 20));
				return { assets: areaIds[0] === 'old' ? [club] : [fatima], links: [] };
			}
		};
		const state = new AssetsState(slow);
		const first = state.load(['old']);
		await state.load(['new']);
		await first;
		expect(ids(state.assets)).toEqual(['fatima']);
	});
});

describe('filtering', () => {
	it('hides ended assets by default and counts what is visible per kind', async () => {
		const { state } = await loaded();
		expect(ids(state.visible)).toEqual(['fatima', 'garden']);
		expect(state.counts.key_figure).toBe(1);
		expect(state.counts.place).toBe(1);
		expect(state.counts.association).toBe(0);
	});

	it('follows changes to the filter, also made in place', async () => {
		const { state } = await loaded();
		state.filter.kinds = ['place'];
		expect(ids(state.visible)).toEqual(['garden']);
		state.filter.kinds.push('key_figure');
		expect(ids(state.visible)).toEqual(['fatima', 'garden']);
		state.filter.text = 'tuin';
		expect(ids(state.visible)).toEqual(['garden']);
		state.filter = { ...state.filter, kinds: [], text: '', statuses: ['ended'] };
		expect(ids(state.visible)).toEqual(['club']);
		expect(state.counts.association).toBe(1);
		state.resetFilter();
		expect(ids(state.visible)).toEqual(['fatima', 'garden']);
	});
});

describe('realtime', () => {
	it('subscribes until stopped', async () => {
		const { state, fake } = await loaded();
		const stop = state.startLive();
		expect(fake.listening).toBe(true);
		stop();
		expect(fake.listening).toBe(false);
	});

	it('adds a created asset in a loaded area as a new list', async () => {
		const { state, fake } = await loaded();
		state.startLive();
		const before = state.assets;
		const created = asset('lib', { kind: 'institution', area: 'b2' });
		fake.emitAsset({ action: 'create', record: { ...created, expand: expandIn('b2', 'w1') } });
		expect(ids(state.assets)).toEqual(['fatima', 'garden', 'club', 'lib']);
		expect(state.assets).not.toBe(before);
		expect(before).toHaveLength(3);
		// The expansion only says where the asset is; it is not kept.
		expect(state.byId.get('lib')).toEqual(created);
		expect(state.counts.institution).toBe(1);
	});

	it('replaces an updated asset without touching the old list or record', async () => {
		const { state, fake } = await loaded();
		state.startLive();
		const before = state.assets;
		const oldFatima = state.byId.get('fatima');
		const renamed = { ...fatima, title: 'Fatima B.', updated: '2025-03-01 10:00:00.000Z' };
		fake.emitAsset({ action: 'update', record: { ...renamed, expand: expandIn('b1', 'w1') } });
		expect(state.byId.get('fatima')?.title).toBe('Fatima B.');
		expect(ids(state.assets)).toEqual(['fatima', 'garden', 'club']);
		expect(before[0]).toBe(oldFatima);
		expect(oldFatima?.title).toBe('Fatima');
	});

	it('keeps the newer copy when an older one arrives late', async () => {
		const { state, fake } = await loaded();
		state.startLive();
		const newer = { ...fatima, title: 'Newer', updated: '2025-03-02 10:00:00.000Z' };
		const older = { ...fatima, title: 'Older', updated: '2025-03-01 10:00:00.000Z' };
		fake.emitAsset({ action: 'update', record: { ...newer, expand: expandIn('b1', 'w1') } });
		fake.emitAsset({ action: 'update', record: { ...older, expand: expandIn('b1', 'w1') } });
		expect(state.byId.get('fatima')?.title).toBe('Newer');
	});

	it('removes a deleted asset and its links', async () => {
		const { state, fake } = await loaded();
		state.startLive();
		const before = state.assets;
		fake.emitAsset({ action: 'delete', record: fatima });
		expect(ids(state.assets)).toEqual(['garden', 'club']);
		expect(state.links).toEqual([]);
		expect(ids(before)).toEqual(['fatima', 'garden', 'club']);
	});

	it('ignores assets in areas that are not loaded', async () => {
		const { state, fake } = await loaded();
		state.startLive();
		const before = state.assets;
		const elsewhere = asset('far', { area: 'b9' });
		fake.emitAsset({ action: 'create', record: { ...elsewhere, expand: expandIn('b9', 'w9') } });
		fake.emitAsset({ action: 'update', record: elsewhere });
		fake.emitAsset({ action: 'delete', record: elsewhere });
		expect(state.assets).toBe(before);
	});

	it('drops an asset that moved to an area that is not loaded', async () => {
		const { state, fake } = await loaded();
		state.startLive();
		const moved = { ...garden, area: 'b9', updated: '2025-03-01 10:00:00.000Z' };
		fake.emitAsset({ action: 'update', record: { ...moved, expand: expandIn('b9', 'w9') } });
		expect(ids(state.assets)).toEqual(['fatima', 'club']);
	});

	it('takes a record without expansion when its buurt is already on the map', async () => {
		const { state, fake } = await loaded();
		state.startLive();
		fake.emitAsset({ action: 'create', record: asset('near', { area: 'b1' }) });
		expect(ids(state.assets)).toContain('near');
	});

	it('matches events against buurt ids as well as wijk ids', async () => {
		const { state, fake } = await loaded(fakeApi(), ['b2']);
		state.startLive();
		fake.emitAsset({ action: 'create', record: asset('b2asset', { area: 'b2' }) });
		expect(ids(state.assets)).toContain('b2asset');
	});

	it('follows links between loaded assets', async () => {
		const { state, fake } = await loaded();
		state.startLive();
		fake.emitLink({ action: 'create', record: link('l2', 'garden', 'fatima') });
		fake.emitLink({ action: 'create', record: link('l3', 'far1', 'far2') });
		expect(ids(state.links)).toEqual(['l1', 'l2']);
		fake.emitLink({ action: 'delete', record: link('l1', 'fatima', 'garden') });
		expect(ids(state.links)).toEqual(['l2']);
	});
});

describe('writes', () => {
	it('adds a created asset', async () => {
		const { state } = await loaded();
		const body: NewAsset = {
			kind: 'key_figure',
			title: 'Ahmed',
			location: { lon: 5.11, lat: 52.1 },
			precision: 'street',
			area: 'b1',
			status: 'active'
		};
		const created = await state.create(body);
		expect(created.title).toBe('Ahmed');
		expect(state.byId.get(created.id)).toEqual(created);
		expect(state.counts.key_figure).toBe(2);
	});

	it('does not add a created asset twice when its realtime echo arrives', async () => {
		const { state, fake } = await loaded();
		state.startLive();
		const created = await state.create({ ...garden, title: 'Tweede tuin' });
		fake.emitAsset({ action: 'create', record: { ...created, expand: expandIn('b1', 'w1') } });
		expect(state.assets.filter((a) => a.id === created.id)).toHaveLength(1);
	});

	it('updates and confirms through the api', async () => {
		const { state } = await loaded();
		const updated = await state.update('garden', { title: 'Moestuin' });
		expect(updated.title).toBe('Moestuin');
		expect(state.byId.get('garden')?.title).toBe('Moestuin');
		await state.confirm('garden');
		expect(state.byId.get('garden')?.confirmedAt).toBe('2025-02-01 10:00:00.000Z');
	});

	it('moves an asset at once, and back when the server refuses', async () => {
		const { state, fake } = await loaded();
		const moved = await state.move('fatima', { lon: 5.2, lat: 52.2 });
		expect(moved.location).toEqual({ lon: 5.2, lat: 52.2 });
		expect(fake.calls.at(-1)).toBe('updateAsset fatima {"location":{"lon":5.2,"lat":52.2}}');

		fake.fail.write = Object.assign(new Error('Forbidden'), { status: 403 });
		const refused = state.move('fatima', { lon: 6, lat: 53 }, 'b9');
		expect(state.byId.get('fatima')?.location).toEqual({ lon: 6, lat: 53 });
		await expect(refused).rejects.toThrow('Forbidden');
		expect(state.byId.get('fatima')?.location).toEqual({ lon: 5.2, lat: 52.2 });
		expect(state.byId.get('fatima')?.area).toBe('b1');
	});

	it('archives an asset and undoes it, back to the status it had', async () => {
		const { state, fake } = await loaded();
		const { undo } = await state.archive('garden');
		expect(state.byId.get('garden')?.status).toBe('ended');
		expect(ids(state.visible)).toEqual(['fatima']);
		await undo();
		expect(state.byId.get('garden')?.status).toBe('idea');
		expect(ids(state.visible)).toEqual(['fatima', 'garden']);
		expect(fake.calls.filter((c) => c.startsWith('updateAsset'))).toEqual([
			'updateAsset garden {"status":"ended"}',
			'updateAsset garden {"status":"idea"}'
		]);
	});

	it('refuses to archive an asset it does not have', async () => {
		const { state } = await loaded();
		await expect(state.archive('unknown')).rejects.toThrow(/not loaded/);
	});

	it('keeps the asset as it was when archiving fails', async () => {
		const { state, fake } = await loaded();
		fake.fail.write = Object.assign(new Error('Server'), { status: 500 });
		await expect(state.archive('fatima')).rejects.toThrow('Server');
		expect(state.byId.get('fatima')?.status).toBe('active');
	});

	it('links and unlinks assets', async () => {
		const { state, fake } = await loaded();
		const made = await state.link('garden', 'fatima', 'supports', 'Fatima helpt met water');
		expect(made).toMatchObject({ from: 'garden', to: 'fatima', kind: 'supports' });
		expect(made.note).toBe('Fatima helpt met water');
		expect(ids(state.links)).toEqual(['l1', made.id]);
		const before = state.links;
		await state.unlink('l1');
		expect(ids(state.links)).toEqual([made.id]);
		expect(ids(before)).toEqual(['l1', made.id]);
		expect(fake.calls.at(-1)).toBe('deleteLink l1');
		expect((await state.link('fatima', 'garden', 'knows')).note).toBe('');
	});
});
