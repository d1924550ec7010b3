// Guards that the point a viewer gets of a resident's asset follows what it was computed from:
// an address of its street moved, renamed, moved to another area, added or deleted, an area's
// geometry changed, an area moved under another parent. The server recomputes `publicLocation`
// of the assets concerned in the same save (pb_hooks/addresses.pb.js, areas.pb.js), as it would
// for a new one.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	createAreaTree,
	signedInUser,
	SQUARE,
	superuserClient,
	unique,
	type AreaTree,
	type SignedInUser,
	cellMiddle,
	expectAt,
	type Point
} from '../support/fixtures';

const middleOf = (points: Point[]): Point => ({
	lon: points.reduce((sum, p) => sum + p.lon, 0) / points.length,
	lat: points.reduce((sum, p) => sum + p.lat, 0) / points.length
});

let su: PocketBase;
let home: AreaTree;
let other: AreaTree;
let worker: SignedInUser;
let viewer: SignedInUser;

beforeAll(async () => {
	su = await superuserClient();
	[home, other] = await Promise.all([createAreaTree(su), createAreaTree(su)]);
	worker = await signedInUser(su, 'worker', [home.gemeente.id]);
	viewer = await signedInUser(su, 'viewer', [home.gemeente.id]);
});

/** Where the viewer sees the asset, checked to nine decimals against where it should be. */
async function expectViewerAt(assetId: string, expected: Point) {
	expectAt((await viewer.pb.collection('assets').getOne(assetId)).location, expected);
}

const newAsset = (fields: Record<string, unknown>) =>
	worker.pb.collection('assets').create<{ id: string; street: string }>({
		kind: 'capacity',
		title: `Helpt met klussen ${unique()}`,
		gifts: ['hands'],
		status: 'active',
		...fields
	});

describe('a street-precision asset', () => {
	it('follows its street’s addresses as they move, change street or area, come and go', async () => {
		const street = `Volgstraat ${unique()}`;
		const doors: { id: string; at: Point }[] = [];
		const addDoor = async (i: number, area = home.buurt.id) => {
			const at = { lon: 5.001 + i * 0.001, lat: 52.004 };
			const door = await su.collection('addresses').create({
				street,
				number: String(i + 1),
				location: at,
				area
			});
			doors.push({ id: door.id, at });
		};
		for (let i = 0; i < 5; i++) await addDoor(i);
		const stored = { lon: 5.0031371, lat: 52.0041371 };
		const asset = await newAsset({ location: stored, precision: 'street', area: home.buurt.id });
		// In the wijk, its street's doors lie in the buurt directly below: the same middle.
		const inWijk = await newAsset({ location: stored, precision: 'street', area: home.wijk.id });
		expect([asset.street, inWijk.street]).toEqual([street, street]);
		const cell = cellMiddle(stored, 250);
		const expectBoth = async (expected: Point) => {
			await expectViewerAt(asset.id, expected);
			await expectViewerAt(inWijk.id, expected);
		};
		await expectBoth(middleOf(doors.map((d) => d.at)));

		// A door moves.
		doors[0].at = { lon: 5.0062, lat: 52.0047 };
		await su.collection('addresses').update(doors[0].id, { location: doors[0].at });
		await expectBoth(middleOf(doors.map((d) => d.at)));

		// A door turns out to lie in another area: four left, too few, so the grid cell.
		await su.collection('addresses').update(doors[4].id, { area: other.buurt.id });
		await expectBoth(cell);
		// And back.
		await su.collection('addresses').update(doors[4].id, { area: home.buurt.id });
		await expectBoth(middleOf(doors.map((d) => d.at)));

		// A door's street was misspelt: four left on the street.
		await su.collection('addresses').update(doors[1].id, { street: `${street}weg` });
		await expectBoth(cell);
		// A new door on the street: five again.
		await addDoor(7);
		const onStreet = doors.filter((_, i) => i !== 1);
		await expectBoth(middleOf(onStreet.map((d) => d.at)));
		// The misspelt one corrected: six.
		await su.collection('addresses').update(doors[1].id, { street });
		await expectBoth(middleOf(doors.map((d) => d.at)));

		// Doors demolished: down to four.
		await su.collection('addresses').delete(doors[5].id);
		await expectBoth(middleOf(doors.slice(0, 5).map((d) => d.at)));
		await su.collection('addresses').delete(doors[2].id);
		await expectBoth(cell);

		// Those who see stored points still get the stored point.
		const own = (await worker.pb.collection('assets').getOne(asset.id)).location as Point;
		expect(own).toEqual(stored);
	});

	it('follows an area moved under another parent: its streets count there now', async () => {
		const street = `Verhuisstraat ${unique()}`;
		const block = await su.collection('areas').create({
			code: `CU-${unique()}`,
			name: 'Blok',
			level: 'custom',
			parent: home.wijk.id,
			geometry: SQUARE(5.0, 52.0, 0.01)
		});
		const at: Point[] = [];
		for (let i = 0; i < 5; i++) {
			at.push({ lon: 5.002 + i * 0.0005, lat: 52.007 });
			await su.collection('addresses').create({
				street,
				number: String(i + 1),
				location: at[i],
				area: block.id
			});
		}
		const stored = { lon: 5.0031371, lat: 52.0071371 };
		const asset = await newAsset({ location: stored, precision: 'street', area: home.wijk.id });
		expect(asset.street).toBe(street);
		await expectViewerAt(asset.id, middleOf(at));

		await su.collection('areas').update(block.id, { parent: other.wijk.id });
		await expectViewerAt(asset.id, cellMiddle(stored, 250));
		await su.collection('areas').update(block.id, { parent: home.wijk.id });
		await expectViewerAt(asset.id, middleOf(at));
	});
});

describe('an area-precision asset', () => {
	it('follows its area’s geometry, and falls back to its grid cell without one', async () => {
		const area = await su.collection('areas').create({
			code: `CU-${unique()}`,
			name: 'Rondom de school',
			level: 'custom',
			parent: home.wijk.id,
			geometry: SQUARE(5.0, 52.0, 0.01)
		});
		const stored = { lon: 5.0041371, lat: 52.0081371 };
		const asset = await newAsset({
			kind: 'key_figure',
			location: stored,
			precision: 'area',
			area: area.id
		});
		await expectViewerAt(asset.id, { lon: 5.005, lat: 52.005 });

		await su.collection('areas').update(area.id, { geometry: SQUARE(5.02, 52.03, 0.02) });
		await expectViewerAt(asset.id, { lon: 5.03, lat: 52.04 });

		const multi = {
			type: 'MultiPolygon',
			coordinates: [SQUARE(5.0, 52.0, 0.01).coordinates, SQUARE(5.05, 52.05, 0.01).coordinates]
		};
		await su.collection('areas').update(area.id, { geometry: multi });
		await expectViewerAt(asset.id, { lon: 5.03, lat: 52.03 });

		await su.collection('areas').update(area.id, { geometry: null });
		await expectViewerAt(asset.id, cellMiddle(stored, 1000));

		// Another area's change leaves it be.
		await su.collection('areas').update(home.buurt.id, { geometry: SQUARE(5.0, 52.0, 0.011) });
		await expectViewerAt(asset.id, cellMiddle(stored, 1000));
	});
});
