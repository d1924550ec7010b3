// Guards "Kaart offline" as she goes through it: all her buurten ticked, the plan following the
// ticks, the estimate before the download, progress while it runs, a stop that keeps what came
// and a download that continues, the record after it and after removing; a deployment with only
// our own basemap has nothing to download, and an unreachable style says so.
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { basemapDataUrls, parseTileJson, prepareStyle } from './basemap';
import type { OfflineAreaApi, Progress } from './offline-area.api';
import type { OfflineAreaRecord, OfflinePlan } from './offline-area';
import { OfflineAreaState, type OfflineSource } from './offline-area.svelte';

const data = basemapDataUrls('https://kaart.example.nl/');
const square = (lon: number): Polygon => ({
	type: 'Polygon',
	coordinates: [
		[
			[lon, 52.11],
			[lon + 0.005, 52.11],
			[lon + 0.005, 52.113],
			[lon, 52.113],
			[lon, 52.11]
		]
	]
});
const style = prepareStyle(
	{
		version: 8,
		sources: { brt: { type: 'vector', url: 'https://t.example/tiles.json' } },
		layers: [{ id: 'land', type: 'fill', source: 'brt', 'source-layer': 'land' }]
	},
	{
		styleUrl: 'https://t.example/style.json',
		tileJson: {
			'https://t.example/tiles.json': parseTileJson(
				{ tiles: ['https://t.example/{z}/{x}/{y}.pbf'], maxzoom: 17 },
				'https://t.example/tiles.json'
			)
		}
	},
	data
);
const source: OfflineSource = {
	style,
	buurten: [
		{ id: 'a', name: 'Taagdreef', geometry: square(5.1) },
		{ id: 'b', name: 'Wolgadreef', geometry: square(5.2) }
	]
};

/** The API as the state sees it: downloads report progress and can be stopped mid-way. */
function fakeApi() {
	let kept: OfflineAreaRecord | null = null;
	let gate: (() => void) | null = null;
	const downloads: OfflinePlan[] = [];
	const api: OfflineAreaApi = {
		estimate: async (plan) => ({ bytes: plan.tiles.length * 20_000, freeBytes: 5e9 }),
		download: (plan, areas, onProgress, signal) =>
			new Promise((resolve, reject) => {
				downloads.push(plan);
				const total = plan.tiles.length;
				const half: Progress = { done: Math.floor(total / 2), total, bytes: 1000, failed: 0 };
				onProgress(half);
				signal.addEventListener('abort', () => reject(new DOMException('stop', 'AbortError')));
				gate = () => {
					kept = {
						styleUrl: 'https://t.example/style.json',
						areas,
						tiles: total,
						failed: 0,
						bytes: 2000,
						savedAt: '2026-12-07T10:00:00.000Z'
					};
					resolve(kept);
				};
			}),
		remove: async () => {
			kept = null;
		},
		record: () => kept
	};
	return { api, downloads, finish: () => gate?.() };
}

describe('OfflineAreaState', () => {
	it('ticks every buurt, follows the ticks, estimates, downloads with progress, stops and continues', async () => {
		const { api, downloads, finish } = fakeApi();
		const state = new OfflineAreaState(api);
		expect(state.kept).toBeNull();
		await state.load(async () => source);
		expect(state.phase).toEqual({ step: 'choose' });
		expect([...state.chosen]).toEqual(['a', 'b']);
		const both = state.plan.tiles.length;
		state.toggle('b');
		expect(state.plan.tiles.length).toBeLessThan(both);
		expect(state.plan.tiles.length).toBeGreaterThan(0);

		await state.estimate();
		expect(state.phase).toEqual({
			step: 'estimated',
			estimate: { bytes: state.plan.tiles.length * 20_000, freeBytes: 5e9 }
		});

		const first = state.download();
		expect(state.phase.step).toBe('downloading');
		state.stop();
		await first;
		expect(state.phase).toMatchObject({
			step: 'stopped',
			progress: { total: state.plan.tiles.length }
		});

		const second = state.download();
		finish();
		await second;
		expect(state.phase).toMatchObject({ step: 'done', record: { areas: ['Taagdreef'] } });
		expect(state.kept?.areas).toEqual(['Taagdreef']);
		expect(downloads).toHaveLength(2);

		await state.remove();
		expect(state.kept).toBeNull();
		expect(state.phase).toEqual({ step: 'choose' });
	});

	it('has nothing to download with our own basemap, and says when the style cannot be read', async () => {
		const own = new OfflineAreaState(fakeApi().api);
		await own.load(async () => ({ ...source, style: null }));
		expect(own.phase).toEqual({ step: 'own-basemap' });
		expect(own.plan.tiles).toEqual([]);

		const unreachable = new OfflineAreaState(fakeApi().api);
		await unreachable.load(async () => {
			throw new TypeError('Failed to fetch');
		});
		expect(unreachable.phase).toEqual({ step: 'unreachable' });
	});

	it('downloads nothing without a ticked buurt', async () => {
		const { api, downloads } = fakeApi();
		const state = new OfflineAreaState(api);
		await state.load(async () => source);
		state.toggle('a');
		state.toggle('b');
		expect(state.plan.tiles).toEqual([]);
		await state.estimate();
		await state.download();
		expect(state.phase).toEqual({ step: 'choose' });
		expect(downloads).toEqual([]);
	});
});
