// Guards the asset kinds (colours, label keys), records → GeoJSON (feature id = record id,
// lon/lat order) and the area filter for the map.
import { describe, expect, it } from 'vitest';
import { ASSET_KIND_VALUES } from '$lib/pocketbase/types';
import nl from '../../../messages/nl.json';
import en from '../../../messages/en.json';
import {
	ASSET_KINDS,
	assetToFeature,
	assetsFilter,
	assetsToFeatureCollection,
	countByKind,
	kindInfo
} from './assets';

const asset = {
	id: 'x1',
	kind: 'key_figure' as const,
	title: 'Fatima',
	status: 'active' as const,
	precision: 'street' as const,
	area: 'b1',
	location: { lon: 5.1185, lat: 52.10998 }
};

describe('asset kinds', () => {
	it('covers every kind of the schema exactly once, with distinct colours', () => {
		expect(ASSET_KINDS.map((k) => k.kind).sort()).toEqual([...ASSET_KIND_VALUES].sort());
		expect(new Set(ASSET_KINDS.map((k) => k.color)).size).toBe(ASSET_KINDS.length);
		expect(kindInfo('place')?.color).toMatch(/^#[0-9a-f]{6}$/);
		expect(kindInfo('unknown')).toBeUndefined();
	});

	it('has a Dutch and an English label for every kind', () => {
		for (const { labelKey } of ASSET_KINDS) {
			expect(nl).toHaveProperty(labelKey);
			expect(en).toHaveProperty(labelKey);
		}
	});
});

describe('assetToFeature', () => {
	it('makes a point feature with the record id, longitude first', () => {
		expect(assetToFeature(asset)).toEqual({
			type: 'Feature',
			id: 'x1',
			properties: {
				id: 'x1',
				kind: 'key_figure',
				title: 'Fatima',
				status: 'active',
				precision: 'street',
				area: 'b1'
			},
			geometry: { type: 'Point', coordinates: [5.1185, 52.10998] }
		});
	});

	it('skips assets without a location', () => {
		const collection = assetsToFeatureCollection([
			asset,
			{ ...asset, id: 'x2', location: { lon: 0, lat: 0 } }
		]);
		expect(collection.features.map((f) => f.id)).toEqual(['x1']);
	});

	it('counts assets per kind', () => {
		const counts = countByKind([asset, asset, { kind: 'place' }]);
		expect(counts.key_figure).toBe(2);
		expect(counts.place).toBe(1);
		expect(counts.business).toBe(0);
	});
});

describe('assetsFilter', () => {
	it('looks in, under and two levels under each area, leaving out ended assets', () => {
		expect(assetsFilter(['w1'])).toEqual({
			expr: '(status != "ended" && (area = {:r0} || area.parent = {:r0} || area.parent.parent = {:r0}))',
			params: { r0: 'w1' }
		});
	});

	it('is null without areas', () => {
		expect(assetsFilter([])).toBeNull();
	});
});
