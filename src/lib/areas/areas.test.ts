// Guards area records → GeoJSON (feature id = record id), their bbox, which buurten a user's
// areas cover, which buurt holds a point, and the area picker's tree.
import { describe, expect, it } from 'vitest';
import type { AreaRecord } from '$lib/pocketbase/types';
import {
	areaAt,
	areaOptions,
	areaToFeature,
	areasBbox,
	areasToFeatureCollection,
	areasUnder,
	buurtenFilter
} from './areas';

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

describe('areaAt', () => {
	const west = buurt('west', square(5.0, 52.0, 0.01));
	const east = buurt('east', square(5.01, 52.0, 0.01));
	const multi = buurt('multi', {
		type: 'MultiPolygon',
		coordinates: [square(6.0, 52.0, 0.01).coordinates, square(6.1, 52.0, 0.01).coordinates]
	});

	it('finds the area containing the point', () => {
		expect(areaAt({ lon: 5.005, lat: 52.005 }, [west, east])?.id).toBe('west');
		expect(areaAt({ lon: 5.015, lat: 52.005 }, [west, east])?.id).toBe('east');
		expect(areaAt({ lon: 6.105, lat: 52.005 }, [west, multi])?.id).toBe('multi');
	});

	it('is null outside every area and skips areas without geometry', () => {
		expect(areaAt({ lon: 5.5, lat: 52.005 }, [west, east])).toBeNull();
		expect(areaAt({ lon: 5.005, lat: 52.005 }, [buurt('none', null)])).toBeNull();
		expect(areaAt({ lon: 5.005, lat: 52.005 }, [])).toBeNull();
	});
});

const ref = (id: string, name: string, level: AreaRecord['level'], parent = '') => ({
	id,
	code: id.toUpperCase(),
	name,
	level,
	parent
});

describe('areasUnder', () => {
	const areas = [
		ref('g1', 'Utrecht', 'gemeente'),
		ref('w1', 'Overvecht', 'wijk', 'g1'),
		ref('w2', 'Noordoost', 'wijk', 'g1'),
		ref('b1', 'Zamenhofdreef', 'buurt', 'w1'),
		ref('b2', 'Tigrisdreef', 'buurt', 'w1'),
		ref('b3', 'Tuinwijk', 'buurt', 'w2')
	];
	const ids = (list: { id: string }[]) => list.map((a) => a.id);

	it('gives the area itself and what lies one or two levels below', () => {
		expect(ids(areasUnder({ id: 'w1' }, areas))).toEqual(['w1', 'b1', 'b2']);
		expect(ids(areasUnder({ id: 'g1' }, areas))).toEqual(['g1', 'w1', 'w2', 'b1', 'b2', 'b3']);
		expect(ids(areasUnder({ id: 'b3' }, areas))).toEqual(['b3']);
		expect(ids(areasUnder({ id: 'nope' }, areas))).toEqual([]);
	});
});

describe('areaOptions', () => {
	it('lists each area followed by the areas below it, siblings by name', () => {
		const options = areaOptions([
			ref('b2', 'Zamenhofdreef', 'buurt', 'w1'),
			ref('b1', 'Taag- en Rubicondreef', 'buurt', 'w1'),
			ref('w1', 'Overvecht', 'wijk', 'g1'),
			ref('b3', 'Tuinwijk-Oost', 'buurt', 'w2'),
			ref('w2', 'Noordoost', 'wijk', 'g1'),
			ref('g1', 'Utrecht', 'gemeente')
		]);
		expect(options.map((o) => `${o.depth} ${o.name}`)).toEqual([
			'0 Utrecht',
			'1 Noordoost',
			'2 Tuinwijk-Oost',
			'1 Overvecht',
			'2 Taag- en Rubicondreef',
			'2 Zamenhofdreef'
		]);
		expect(options[0]).toEqual({
			id: 'g1',
			code: 'G1',
			name: 'Utrecht',
			level: 'gemeente',
			depth: 0
		});
	});

	it('makes an area whose parent is missing a root, and survives a cycle', () => {
		expect(areaOptions([ref('b1', 'Losse buurt', 'buurt', 'elsewhere')])).toEqual([
			{ id: 'b1', code: 'B1', name: 'Losse buurt', level: 'buurt', depth: 0 }
		]);
		const cycle = [ref('a', 'A', 'custom', 'b'), ref('b', 'B', 'custom', 'a')];
		expect(areaOptions(cycle)).toEqual([]);
	});
});
