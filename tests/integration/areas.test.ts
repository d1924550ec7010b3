// Guards area input: a malformed geometry gets a clear 400 that names the problem, and nothing
// is written; valid polygons and multipolygons are stored as sent.
import { beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { SQUARE, superuserClient, unique } from '../support/fixtures';

let su: PocketBase;
beforeAll(async () => {
	su = await superuserClient();
});

async function createWith(geometry: unknown) {
	const code = `T-${unique()}`;
	try {
		await su.collection('areas').create({ code, name: 'Test', level: 'custom', geometry });
		return { code, error: null };
	} catch (error) {
		return {
			code,
			error: error as { status: number; response: { data: Record<string, { message: string }> } }
		};
	}
}

describe('area geometry', () => {
	it.each([
		['a point', { type: 'Point', coordinates: [5, 52] }, 'Polygon of MultiPolygon'],
		[
			'an open ring',
			{
				type: 'Polygon',
				coordinates: [
					[
						[5, 52],
						[5.1, 52],
						[5.1, 52.1],
						[5, 52.2]
					]
				]
			},
			'niet gesloten'
		],
		[
			'too few points',
			{
				type: 'Polygon',
				coordinates: [
					[
						[5, 52],
						[5.1, 52],
						[5, 52]
					]
				]
			},
			'minstens 4'
		],
		[
			'text coordinates',
			{
				type: 'Polygon',
				coordinates: [
					[
						['5', 52],
						[5.1, 52],
						[5.1, 52.1],
						['5', 52]
					]
				]
			},
			'getallen'
		],
		[
			'a latitude of 152',
			{
				type: 'Polygon',
				coordinates: [
					[
						[5, 152],
						[5.1, 52],
						[5.1, 52.1],
						[5, 152]
					]
				]
			},
			'WGS84'
		],
		['an empty multipolygon', { type: 'MultiPolygon', coordinates: [] }, 'geen polygonen'],
		['a string', 'POLYGON((5 52, 5.1 52, 5.1 52.1, 5 52))', 'GeoJSON']
	])('rejects %s with a message that says what is wrong', async (_name, geometry, message) => {
		const { code, error } = await createWith(geometry);
		expect(error?.status).toBe(400);
		expect(error?.response.data.geometry.message).toContain(message);
		const stored = await su
			.collection('areas')
			.getList(1, 1, { filter: su.filter('code = {:code}', { code }) });
		expect(stored.items).toHaveLength(0);
	});

	it('stores a polygon and a multipolygon as sent', async () => {
		const polygon = SQUARE(5.1, 52.1);
		const multi = {
			type: 'MultiPolygon',
			coordinates: [SQUARE(5.2, 52.2).coordinates, SQUARE(5.3, 52.3).coordinates]
		};
		for (const geometry of [polygon, multi]) {
			const { code, error } = await createWith(geometry);
			expect(error).toBeNull();
			const stored = await su
				.collection('areas')
				.getFirstListItem(su.filter('code = {:code}', { code }));
			expect(stored.geometry).toEqual(geometry);
		}
	});
});
