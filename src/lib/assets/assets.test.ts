// Guards the asset kinds (colours, label keys), records → GeoJSON (feature id = record id,
// lon/lat order), which areas a realtime record is in, which assets lie within a bounding box,
// and the list order.
import { describe, expect, it } from 'vitest';

import nl from '../../../messages/nl.json';
import en from '../../../messages/en.json';
import type { AssetRecord } from '$lib/pocketbase/types';
import {
	ASSET_KINDS,
	areaAncestry,
	assetToFeature,
	assetsById,
	assetsInBounds,
	assetsToFeatureCollection,
	countByKind,
	kindInfo,
	sortForList
} from './assets';
import { ASSET_KIND_VALUES } from '$lib/vocabulary/vocabulary';

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

describe('areaAncestry', () => {
	it('reads the area, its parent and grandparent from an expanded record', () => {
		const expanded = {
			area: 'b1',
			expand: { area: { id: 'b1', parent: 'w1', expand: { parent: { id: 'w1', parent: 'g1' } } } }
		};
		expect(areaAncestry(expanded)).toEqual(['b1', 'w1', 'g1']);
	});

	it('stops where the expansion or the hierarchy stops', () => {
		expect(areaAncestry({ area: 'b1' })).toEqual(['b1']);
		expect(areaAncestry({ area: 'w1', expand: { area: { id: 'w1', parent: 'g1' } } })).toEqual([
			'w1',
			'g1'
		]);
		expect(areaAncestry({ area: 'g1', expand: { area: { id: 'g1', parent: '' } } })).toEqual([
			'g1'
		]);
		expect(areaAncestry({ area: '' })).toEqual([]);
	});
});

describe('assetsInBounds', () => {
	const at = (id: string, lon: number, lat: number) =>
		({ ...asset, id, location: { lon, lat } }) as AssetRecord;
	const inside = at('in', 5.1, 52.1);
	const west = at('west', 5.0, 52.1);
	const northEast = at('ne', 5.2, 52.2);
	const outside = at('out', 5.3, 52.1);
	const south = at('south', 5.1, 51.99);
	const unset = at('unset', 0, 0);
	const all = [inside, west, northEast, outside, south, unset];
	const ids = (assets: AssetRecord[]) => assets.map((a) => a.id);

	it('keeps the assets inside, edges included', () => {
		expect(ids(assetsInBounds(all, [5.0, 52.0, 5.2, 52.2]))).toEqual(['in', 'west', 'ne']);
	});

	it('leaves out assets without a location, and finds nothing in nothing', () => {
		expect(assetsInBounds([unset], [-180, -90, 180, 90])).toEqual([]);
		expect(assetsInBounds([], [5.0, 52.0, 5.2, 52.2])).toEqual([]);
		expect(assetsInBounds(all, [6, 53, 7, 54])).toEqual([]);
	});

	it('handles a point-sized box and one across the antimeridian', () => {
		expect(ids(assetsInBounds(all, [5.1, 52.1, 5.1, 52.1]))).toEqual(['in']);
		const fiji = at('fiji', 179.5, -17);
		const samoa = at('samoa', -172, -13.8);
		expect(ids(assetsInBounds([fiji, samoa, inside], [170, -20, -170, -10]))).toEqual([
			'fiji',
			'samoa'
		]);
	});
});

describe('assetsById', () => {
	it('indexes assets by id', () => {
		const byId = assetsById([asset as AssetRecord, { ...asset, id: 'x2' } as AssetRecord]);
		expect(byId.get('x2')?.id).toBe('x2');
		expect(byId.size).toBe(2);
	});
});

describe('sortForList', () => {
	const asset = (kind: string, title: string) =>
		({ id: title, kind, title }) as unknown as AssetRecord;

	it('puts kinds in legend order, then titles in Dutch alphabetical order', () => {
		const sorted = sortForList([
			asset('place', 'Bibliotheek'),
			asset('capacity', 'Frans'),
			asset('capacity', 'émile'),
			asset('future_kind', 'Aap'),
			asset('key_figure', 'Zeynep'),
			asset('capacity', 'Egbert')
		]);
		expect(sorted.map((a) => a.title)).toEqual([
			'Zeynep',
			'Egbert',
			'émile',
			'Frans',
			'Bibliotheek',
			'Aap'
		]);
	});

	it('returns a copy and leaves the input as it was', () => {
		const input = [asset('place', 'B'), asset('key_figure', 'A')];
		const sorted = sortForList(input);
		expect(sorted).not.toBe(input);
		expect(input.map((a) => a.title)).toEqual(['B', 'A']);
	});
});
