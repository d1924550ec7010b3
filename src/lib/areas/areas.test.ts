// Guards area records → GeoJSON (feature id = record id), their bbox, and which buurten a
// user's areas cover.
import { describe, expect, it } from 'vitest';
import type { AreaRecord } from '$lib/pocketbase/types';
import { areaToFeature, areasBbox, areasToFeatureCollection, buurtenFilter } from './areas';

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

const buurt = (id: string, geometry: AreaRecord['geometry']): AreaRecord => ({
	id,
	code: `BU${id}`,
	name: `Buurt ${id}`,
	level: 'buurt',
	parent: 'w1',
	geometry
});

describe('areaToFeature', () => {
	it('uses the record id as feature id and property', () => {
		const feature = areaToFeature(buurt('a1', square(5.1, 52.1, 0.01)));
		expect(feature).toEqual({
			type: 'Feature',
			id: 'a1',
			properties: { id: 'a1', code: 'BUa1', name: 'Buurt a1', level: 'buurt' },
			geometry: square(5.1, 52.1, 0.01)
		});
	});

	it('skips areas without a polygon', () => {
		expect(areaToFeature(buurt('a1', null))).toBeNull();
		const point = { type: 'Point', coordinates: [5, 52] } as unknown as AreaRecord['geometry'];
		expect(areaToFeature(buurt('a2', point))).toBeNull();
	});

	it('builds a FeatureCollection of the drawable areas', () => {
		const collection = areasToFeatureCollection([buurt('a1', square(5, 52, 1)), buurt('a2', null)]);
		expect(collection.type).toBe('FeatureCollection');
		expect(collection.features.map((f) => f.id)).toEqual(['a1']);
	});
});

describe('areasBbox', () => {
	it('spans all areas, MultiPolygons included', () => {
		const multi = {
			type: 'MultiPolygon' as const,
			coordinates: [square(5.2, 52.0, 0.05).coordinates, square(4.9, 52.3, 0.05).coordinates]
		};
		const box = areasBbox([
			buurt('a1', square(5.1, 52.1, 0.01)),
			buurt('a2', multi),
			buurt('a3', null)
		]);
		expect(box).not.toBeNull();
		const [w, s, e, n] = box!;
		expect(w).toBeCloseTo(4.9);
		expect(s).toBeCloseTo(52.0);
		expect(e).toBeCloseTo(5.25);
		expect(n).toBeCloseTo(52.35);
	});

	it('is null without geometry', () => {
		expect(areasBbox([])).toBeNull();
		expect(areasBbox([buurt('a1', null)])).toBeNull();
	});
});

describe('buurtenFilter', () => {
	it('finds the buurten of a wijk through parent', () => {
		expect(buurtenFilter([{ id: 'w1', level: 'wijk' }])).toEqual({
			expr: '(level = "buurt" && (parent = {:w0}))',
			params: { w0: 'w1' }
		});
	});

	it('finds the buurten of a gemeente through parent.parent', () => {
		expect(buurtenFilter([{ id: 'g1', level: 'gemeente' }])).toEqual({
			expr: '(level = "buurt" && (parent.parent = {:g0}))',
			params: { g0: 'g1' }
		});
	});

	it('takes a buurt or custom area as itself, and combines levels', () => {
		const filter = buurtenFilter([
			{ id: 'b1', level: 'buurt' },
			{ id: 'c1', level: 'custom' },
			{ id: 'w1', level: 'wijk' },
			{ id: 'g1', level: 'gemeente' }
		]);
		expect(filter).toEqual({
			expr: '((id = {:a0} || id = {:a1}) || (level = "buurt" && ((parent = {:w0}) || (parent.parent = {:g0}))))',
			params: { a0: 'b1', a1: 'c1', w0: 'w1', g0: 'g1' }
		});
	});

	it('is null when there is nothing to look up', () => {
		expect(buurtenFilter([])).toBeNull();
	});
});
