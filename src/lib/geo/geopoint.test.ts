// Guards the axis order between PocketBase geoPoints ({lon, lat}) and GeoJSON ([lon, lat]).
import { describe, expect, it } from 'vitest';
import { isSetGeoPoint, toGeoPoint, toPosition } from './geopoint';

describe('geopoint', () => {
	it('converts a geoPoint to a GeoJSON position, longitude first', () => {
		expect(toPosition({ lon: 5.1214, lat: 52.1109 })).toEqual([5.1214, 52.1109]);
	});

	it('converts a GeoJSON position back, dropping altitude', () => {
		expect(toGeoPoint([5.1214, 52.1109])).toEqual({ lon: 5.1214, lat: 52.1109 });
		expect(toGeoPoint([5.1214, 52.1109, 3])).toEqual({ lon: 5.1214, lat: 52.1109 });
	});

	it('round-trips', () => {
		const point = { lon: 4.8952, lat: 52.3702 };
		expect(toGeoPoint(toPosition(point))).toEqual(point);
	});

	it('rejects a position without numbers', () => {
		expect(() => toGeoPoint([Number.NaN, 52])).toThrow(RangeError);
		expect(() => toGeoPoint([5])).toThrow(RangeError);
	});

	it('tells an unset geoPoint (0, 0) from a real one', () => {
		expect(isSetGeoPoint({ lon: 0, lat: 0 })).toBe(false);
		expect(isSetGeoPoint(null)).toBe(false);
		expect(isSetGeoPoint({ lon: 200, lat: 52 })).toBe(false);
		expect(isSetGeoPoint({ lon: 5.12, lat: 52.11 })).toBe(true);
	});
});
