// Guards where a conversation is said to be held (a fresh, accurate GPS fix, else the address),
// distances between points, and how they read.
import { describe, expect, it } from 'vitest';
import {
	conversationLocation,
	distanceMeters,
	formatDistance,
	isUsableFix,
	positionProblem,
	toFix,
	type Fix
} from './position';

const now = Date.parse('2026-11-23T12:00:00Z');
const door = { location: { lon: 5.1, lat: 52.1 } };
const fix = (accuracy: number, ageMs: number): Fix => ({
	point: { lon: 5.1003, lat: 52.1002 },
	accuracy,
	at: now - ageMs
});

describe('conversationLocation', () => {
	it('uses a fix younger than two minutes and accurate to 100 m', () => {
		expect(conversationLocation(door, fix(12, 30_000), now)).toEqual({
			location: { lon: 5.1003, lat: 52.1002 },
			locationSource: 'gps'
		});
		expect(conversationLocation(door, fix(100, 119_999), now).locationSource).toBe('gps');
	});

	it("falls back to the address's location for no fix, an old one or an imprecise one", () => {
		for (const given of [null, fix(12, 120_000), fix(101, 0)]) {
			expect(conversationLocation(door, given, now)).toEqual({
				location: door.location,
				locationSource: 'address'
			});
		}
	});

	it('copies the fix, so a later fix cannot change a stored body', () => {
		const given = fix(5, 0);
		const { location } = conversationLocation(door, given, now);
		expect(location).not.toBe(given.point);
		expect(isUsableFix(given, now)).toBe(true);
	});
});

describe('toFix and positionProblem', () => {
	it('reads a browser position', () => {
		expect(
			toFix({ coords: { longitude: 5.1, latitude: 52.1, accuracy: 8 }, timestamp: now })
		).toEqual({ point: { lon: 5.1, lat: 52.1 }, accuracy: 8, at: now });
	});

	it('tells a refused permission from a missing signal', () => {
		expect([1, 2, 3].map(positionProblem)).toEqual(['denied', 'unavailable', 'unavailable']);
	});
});

describe('distanceMeters', () => {
	it('is about 111 m per 0.001° of latitude, and shorter per degree of longitude up north', () => {
		const north = distanceMeters({ lon: 5, lat: 52 }, { lon: 5, lat: 52.001 });
		expect(north).toBeCloseTo(111.2, 0);
		const east = distanceMeters({ lon: 5, lat: 52 }, { lon: 5.001, lat: 52 });
		expect(east).toBeCloseTo(111.2 * Math.cos((52 * Math.PI) / 180), 0);
		expect(distanceMeters({ lon: 5, lat: 52 }, { lon: 5, lat: 52 })).toBe(0);
	});

	it('agrees with the haversine formula within 0.1% across a city', () => {
		const a = { lon: 5.08, lat: 52.06 };
		const b = { lon: 5.13, lat: 52.12 };
		const rad = Math.PI / 180;
		const h =
			Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
			Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
		const haversine = 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
		expect(Math.abs(distanceMeters(a, b) - haversine) / haversine).toBeLessThan(0.001);
	});
});

describe('formatDistance', () => {
	it('says metres to the ten below a kilometre, kilometres with a decimal above', () => {
		expect(formatDistance(87, 'en')).toBe('90 m');
		expect(formatDistance(3, 'en')).toBe('10 m');
		expect(formatDistance(994, 'nl')).toBe('990 m');
		expect(formatDistance(1234, 'nl')).toBe('1,2 km');
		expect(formatDistance(1234, 'en')).toBe('1.2 km');
	});
});
