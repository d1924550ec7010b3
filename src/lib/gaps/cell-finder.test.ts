// Guards CellFinder: whatever the order of the points (along a street, scattered, on a cell's
// corners and edges, at other resolutions), it gives exactly the cell h3-js gives.
import fc from 'fast-check';
import { cellToBoundary, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { CellFinder } from './cell-finder';

const UTRECHT = { lat: 52.09, lon: 5.12 };

describe('CellFinder', () => {
	it('gives the cell of h3 for doors along a street, one after the other', () => {
		const finder = new CellFinder(9);
		for (let i = 0; i < 5000; i++) {
			const lat = UTRECHT.lat + Math.sin(i / 300) * 0.01;
			const lon = UTRECHT.lon + i * 0.00012;
			expect(finder.cellOf(lat, lon)).toBe(latLngToCell(lat, lon, 9));
		}
	});

	it('gives the cell of h3 on the corners and edges of a cell, and a hair either side', () => {
		const finder = new CellFinder(9);
		const middle = latLngToCell(UTRECHT.lat, UTRECHT.lon, 9);
		const corners = cellToBoundary(middle);
		finder.cellOf(UTRECHT.lat, UTRECHT.lon);
		for (let i = 0; i < corners.length; i++) {
			const [aLat, aLon] = corners[i];
			const [bLat, bLon] = corners[(i + 1) % corners.length];
			for (const t of [0, 0.25, 0.5, 0.999]) {
				for (const nudge of [-1e-9, 0, 1e-9, 1e-7, 1e-6, 2e-6]) {
					const lat = aLat + (bLat - aLat) * t + nudge;
					const lon = aLon + (bLon - aLon) * t - nudge;
					expect(finder.cellOf(lat, lon)).toBe(latLngToCell(lat, lon, 9));
					// Back inside first, so the next point is judged against the middle cell again.
					finder.cellOf(UTRECHT.lat, UTRECHT.lon);
				}
			}
		}
	});

	it('gives the cell of h3 for any points, at any resolution', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 5, max: 12 }),
				fc.array(
					fc.record({
						lat: fc.double({ min: 50.7, max: 53.6, noNaN: true }),
						lon: fc.double({ min: 3.3, max: 7.3, noNaN: true })
					}),
					{ minLength: 1, maxLength: 60 }
				),
				(resolution, points) => {
					const finder = new CellFinder(resolution);
					// Each point, then a neighbour a few metres off: the cheap path gets used.
					for (const { lat, lon } of points) {
						for (const [dLat, dLon] of [
							[0, 0],
							[0.00003, 0.00005]
						]) {
							const at = { lat: lat + dLat, lon: lon + dLon };
							expect(finder.cellOf(at.lat, at.lon)).toBe(latLngToCell(at.lat, at.lon, resolution));
						}
					}
				}
			),
			{ numRuns: 300 }
		);
	});
});
