// Guards the gap layers' hatching: diagonal stripes that join across tiles.
import { describe, expect, it } from 'vitest';
import { hatchImage } from './gap-styles';

describe('hatchImage', () => {
	it('draws a diagonal stripe that wraps, transparent elsewhere', () => {
		const { width, height, data } = hatchImage(8);
		expect([width, height, data.length]).toEqual([8, 8, 256]);
		const alpha = (x: number, y: number) => data[(y * 8 + x) * 4 + 3];
		expect(alpha(0, 0)).toBeGreaterThan(0);
		expect(alpha(7, 1)).toBeGreaterThan(0); // (7 + 1) % 8 = 0: the stripe wraps
		expect(alpha(3, 0)).toBe(0);
	});
});
