// Guards what the asset layer draws: only located assets, each flagged stale or not, and the
// check that decides whether the map needs new data at all.
import { describe, expect, it } from 'vitest';
import type { AssetRecord } from '$lib/pocketbase/types';
import { assetMapFeatures, sameRecords } from './features';

const now = new Date('2025-06-30T12:00:00Z');

function asset(id: string, fields: Partial<AssetRecord> = {}): AssetRecord {
	return {
		id,
		kind: 'initiative',
		title: id,
		themes: [],
		domain: [],
		gifts: [],
		location: { lon: 5.12, lat: 52.11 },
		precision: 'exact',
		area: 'b1',
		street: 'Wolgadreef',
		status: 'active',
		confirmedAt: '2025-06-01 12:00:00.000Z',
		confirmedBy: 'u1',
		...fields
	};
}

describe('assetMapFeatures', () => {
	it('flags assets not confirmed for staleAfterDays as stale', () => {
		const fresh = asset('fresh');
		const old = asset('old', { confirmedAt: '2024-01-01 12:00:00.000Z' });
		const ended = asset('ended', { status: 'ended', confirmedAt: '2020-01-01 12:00:00.000Z' });
		const collection = assetMapFeatures([fresh, old, ended], now, 180);
		expect(collection.features.map((f) => [f.id, f.properties.stale])).toEqual([
			['fresh', false],
			['old', true],
			['ended', false]
		]);
		expect(collection.features[0]).toEqual({
			type: 'Feature',
			id: 'fresh',
			properties: {
				id: 'fresh',
				kind: 'initiative',
				title: 'fresh',
				status: 'active',
				precision: 'exact',
				area: 'b1',
				stale: false
			},
			geometry: { type: 'Point', coordinates: [5.12, 52.11] }
		});
	});

	it('leaves out assets without a location', () => {
		const nowhere = asset('nowhere', { location: { lon: 0, lat: 0 } });
		expect(assetMapFeatures([nowhere], now, 180).features).toEqual([]);
	});
});

describe('sameRecords', () => {
	it('is true only for the same records in the same order', () => {
		const a = asset('a');
		const b = asset('b');
		expect(sameRecords([a, b], [a, b])).toBe(true);
		expect(sameRecords([], [])).toBe(true);
		expect(sameRecords([a, b], [b, a])).toBe(false);
		expect(sameRecords([a, b], [a, { ...b }])).toBe(false);
		expect(sameRecords([a], [a, b])).toBe(false);
	});
});
