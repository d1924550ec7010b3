import { describe, expect, it } from 'vitest';
import type { AreaRecord } from '$lib/pocketbase/types';
import type { FullExport } from './backup.js';
import type { ExportApi } from './export.api';
import { ExportState, type ExportScope } from './export.svelte';

const buurt: AreaRecord = {
	id: 'b1',
	code: 'BU1',
	name: 'Noord',
	level: 'buurt',
	parent: '',
	geometry: null
};
const scope: ExportScope = { areas: [buurt], roots: ['b1'], code: 'BU1' };
const now = () => new Date('2026-11-21T10:00:00Z');

function fakeApi(overrides: Partial<ExportApi> = {}): ExportApi {
	return {
		areasUnder: async () => [buurt],
		areasById: async () => [buurt],
		allAreas: async () => [buurt],
		addressesIn: async () => [],
		conversationsIn: async () => [],
		conversationCounts: async () => ({ minResidents: 5, areas: [] }),
		fullExport: async () => {
			throw new Error('not asked');
		},
		...overrides
	};
}

describe('ExportState', () => {
	it('offers the file under a name with what, area and day, and says how many records', async () => {
		const saved: { blob: Blob; name: string }[] = [];
		const state = new ExportState(fakeApi(), (blob, name) => saved.push({ blob, name }), now);
		const result = await state.export('areas', 'csv', scope);
		expect(result).toEqual({
			kind: 'areas',
			fileName: 'krachtkaart-gebieden-BU1-2026-11-21.csv',
			count: 1
		});
		expect(saved).toHaveLength(1);
		expect(saved[0].blob.type).toBe('text/csv;charset=utf-8');
		expect(await saved[0].blob.text()).toContain('BU1;Noord;buurt');
		expect(state.done).toEqual(result);
		expect(state.running).toBeNull();
	});

	it('nothing to export: no file, and says so', async () => {
		const saved: string[] = [];
		const state = new ExportState(fakeApi(), (_, name) => saved.push(name), now);
		expect(await state.export('addresses', 'geojson', scope)).toBeNull();
		expect(saved).toEqual([]);
		expect(state.error).toBe('empty');
		expect(state.errorKind).toBe('addresses');
	});

	it('a refusal of the server: no file, the reason kept', async () => {
		const state = new ExportState(
			fakeApi({
				conversationsIn: async () => {
					throw Object.assign(new Error('forbidden'), { status: 403 });
				}
			}),
			() => {
				throw new Error('no file may be offered');
			},
			now
		);
		expect(await state.export('conversations', 'csv', scope)).toBeNull();
		expect(state.error).toBe('forbidden');
		expect(state.running).toBeNull();
	});

	it('everything as one zip, and one export at a time', async () => {
		let release: (data: FullExport) => void = () => {};
		const data: FullExport = {
			format: 'krachtkaart-export',
			version: 1,
			exportedAt: '2026-11-21T10:00:00.000Z',
			collections: [{ name: 'areas', type: 'base', fields: [], count: 1, records: [{ id: 'b1' }] }]
		};
		const saved: { blob: Blob; name: string }[] = [];
		const state = new ExportState(
			fakeApi({ fullExport: () => new Promise((resolve) => (release = resolve)) }),
			(blob, name) => saved.push({ blob, name }),
			now
		);
		const running = state.export('everything', 'csv', scope);
		expect(state.running).toBe('everything');
		expect(await state.export('areas', 'csv', scope)).toBeNull();
		release(data);
		expect(await running).toMatchObject({ fileName: 'krachtkaart-alles-2026-11-21.zip', count: 1 });
		expect(saved[0].blob.type).toBe('application/zip');
		const bytes = new Uint8Array(await saved[0].blob.arrayBuffer());
		expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // "PK"
	});

	it('exports from the area picked and all below it, or from all of hers', async () => {
		const wijk: AreaRecord = { ...buurt, id: 'w1', code: 'WK1', level: 'wijk', parent: 'g1' };
		const under: AreaRecord = { ...buurt, parent: 'w1' };
		const other: AreaRecord = { ...buurt, id: 'b2', code: 'BU2', parent: 'g1' };
		const asked: string[][] = [];
		const api = fakeApi({
			areasUnder: async (roots) => {
				asked.push([...roots]);
				return [wijk, under, other];
			}
		});
		const state = new ExportState(api, () => {}, now);
		await state.loadAreas({ role: 'coordinator', areas: ['w1', 'b2'] });
		expect(asked).toEqual([['w1', 'b2']]);
		expect(state.treeStatus).toBe('ready');
		expect(state.scope).toEqual({ areas: [wijk, under, other], roots: ['w1', 'b2'], code: null });
		state.picked = 'WK1';
		expect(state.scope).toEqual({ areas: [wijk, under], roots: ['w1'], code: 'WK1' });
	});

	it('says when her areas could not be read', async () => {
		const state = new ExportState(
			fakeApi({ allAreas: () => Promise.reject(new Error('offline')) }),
			() => {},
			now
		);
		await state.loadAreas({ role: 'admin', areas: [] });
		expect(state.treeStatus).toBe('error');
	});
});
