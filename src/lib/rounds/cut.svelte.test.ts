// Guards ListCutState with a server in memory: a round's doors are cut street by street (only
// its streets when it names some, none already on a list) or by a polygon drawn on the map, each
// list saved with whom it is for and its last day, and a refused save keeps the lists to try
// again. And PolygonDrawing: points tapped, undone, closed only as a polygon whose edges do not cross.
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import type { AddressRecord } from '$lib/addresses/addresses';
import { ListCutState, PolygonDrawing, type CutApi } from './cut.svelte';
import type { ListDraft } from './rounds.api';

const address = (id: string, street: string, number: string, lon = 5): AddressRecord => ({
	id,
	street,
	number,
	postcode: '',
	city: 'Groningen',
	location: { lon, lat: 52 },
	area: 'b1'
});

// The Wolgadreef lies east of the Amazonedreef (lon 5.002 against 5).
const DOORS = [
	address('w2', 'Wolgadreef', '2', 5.002),
	address('a1', 'Amazonedreef', '1'),
	address('w1', 'Wolgadreef', '1', 5.002)
];

/** A square around lon 5.001–5.003, lat 51.999–52.001: the Wolgadreef's doors, not the other. */
const EAST: Polygon = {
	type: 'Polygon',
	coordinates: [
		[
			[5.001, 51.999],
			[5.003, 51.999],
			[5.003, 52.001],
			[5.001, 52.001],
			[5.001, 51.999]
		]
	]
};
const EVERYWHERE: Polygon = {
	type: 'Polygon',
	coordinates: [
		[
			[4.9, 51.9],
			[5.1, 51.9],
			[5.1, 52.1],
			[4.9, 52.1],
			[4.9, 51.9]
		]
	]
};

function server(refuse = false) {
	const saved: { roundId: string; drafts: readonly ListDraft[] }[] = [];
	const api: CutApi = {
		addressesOf: async (areaIds) => (areaIds.includes('b1') ? DOORS : []),
		assignees: async () => [{ id: 'u1', name: 'Anna' }],
		saveLists: async (roundId, drafts) => {
			if (refuse) throw Object.assign(new Error('offline'), { status: 0 });
			saved.push({ roundId, drafts });
			return [];
		}
	};
	return { api, saved };
}

describe('ListCutState', () => {
	it('cuts every street of the areas, doors in walking order, and saves whom each is for', async () => {
		const { api, saved } = server();
		const cut = new ListCutState(api);
		await cut.cut({ areas: ['b1'], streets: null });
		expect(cut.status).toBe('ready');
		expect(cut.assignees).toEqual([{ id: 'u1', name: 'Anna' }]);
		expect(cut.lists.map((l) => [l.name, l.addresses, l.doorCount])).toEqual([
			['Amazonedreef', ['a1'], 1],
			['Wolgadreef', ['w1', 'w2'], 2]
		]);

		cut.lists[1].assignees.push('u1');
		cut.lists[1].expiresOn = '2027-03-31';
		expect(await cut.save('r1')).toBe(true);
		expect(saved[0].roundId).toBe('r1');
		expect(saved[0].drafts[1]).toMatchObject({ assignees: ['u1'], expiresOn: '2027-03-31' });
		expect(cut.status).toBe('saved');
		expect(cut.lists).toEqual([]);
	});

	it('keeps only the streets a round names', async () => {
		const cut = new ListCutState(server().api);
		await cut.cut({ areas: ['b1'], streets: ['Wolgadreef'] });
		expect(cut.lists.map((l) => l.name)).toEqual(['Wolgadreef']);
	});

	it('leaves out the doors already on one of the round’s lists', async () => {
		const cut = new ListCutState(server().api);
		await cut.cut({ areas: ['b1'], streets: null, lists: [{ addresses: ['w1', 'a1'] }] });
		expect(cut.lists.map((l) => [l.name, l.addresses])).toEqual([['Wolgadreef', ['w2']]]);
	});

	it('keeps the lists and says why when the save is refused', async () => {
		const cut = new ListCutState(server(true).api);
		await cut.cut({ areas: ['b1'], streets: [] });
		expect(await cut.save('r1')).toBe(false);
		expect(cut.status).toBe('ready');
		expect(cut.error).not.toBeNull();
		expect(cut.lists).toHaveLength(2);
	});

	it('cuts the doors inside a drawn polygon into a list, and never a door twice', async () => {
		const { api, saved } = server();
		const cut = new ListCutState(api);
		await cut.load({ areas: ['b1'], streets: null });
		expect(cut.lists).toEqual([]);
		expect(cut.free.map((d) => d.id)).toEqual(['w2', 'a1', 'w1']);

		const east = cut.cutPolygon(EAST);
		expect(east).toMatchObject({ name: 'Wolgadreef', addresses: ['w1', 'w2'], doorCount: 2 });
		expect([...cut.listed].sort()).toEqual(['w1', 'w2']);
		expect(cut.free.map((d) => d.id)).toEqual(['a1']);

		// Drawn around everything: only the door on no list yet.
		expect(cut.cutPolygon(EVERYWHERE)).toMatchObject({ addresses: ['a1'], doorCount: 1 });
		// Nothing free inside: no list.
		expect(cut.cutPolygon(EAST)).toBeNull();
		expect(cut.lists).toHaveLength(2);

		cut.lists[0].assignees = ['u1'];
		expect(await cut.save('r1')).toBe(true);
		expect(saved[0].drafts.map((d) => [d.name, d.addresses, d.assignees])).toEqual([
			['Wolgadreef', ['w1', 'w2'], ['u1']],
			['Amazonedreef', ['a1'], []]
		]);
		// Saved, the doors stay taken.
		expect(cut.free).toEqual([]);
	});

	it('cuts the streets of the doors not yet drawn into a list, and frees a dropped list’s doors', async () => {
		const cut = new ListCutState(server().api);
		await cut.load({ areas: ['b1'], streets: null });
		cut.cutPolygon(EAST);
		expect(cut.cutStreets()).toBe(1);
		expect(cut.lists.map((l) => [l.name, l.addresses])).toEqual([
			['Wolgadreef', ['w1', 'w2']],
			['Amazonedreef', ['a1']]
		]);
		cut.remove(0);
		expect(cut.free.map((d) => d.id)).toEqual(['w2', 'w1']);
	});

	it('numbers a second list of the same streets', async () => {
		const { api } = server();
		const far = address('w9', 'Wolgadreef', '9', 5.01);
		const cut = new ListCutState({ ...api, addressesOf: async () => [...DOORS, far] });
		await cut.load({ areas: ['b1'], streets: null });
		cut.cutPolygon(EAST);
		const farEast: Polygon = {
			type: 'Polygon',
			coordinates: [EAST.coordinates[0].map(([lon, lat]) => [lon + 0.008, lat])]
		};
		cut.cutPolygon(farEast);
		expect(cut.lists.map((l) => [l.name, l.addresses])).toEqual([
			['Wolgadreef', ['w1', 'w2']],
			['Wolgadreef (2)', ['w9']]
		]);
	});

	it('frees the doors of a deleted list, and leaves out a saved one’s', async () => {
		const cut = new ListCutState(server().api);
		await cut.load({ areas: ['b1'], streets: null, lists: [{ addresses: ['a1'] }] });
		expect(cut.inside(EVERYWHERE).addresses).toEqual(['w1', 'w2']);
		cut.setSavedLists([]);
		expect(cut.inside(EVERYWHERE).addresses).toEqual(['a1', 'w1', 'w2']);
	});

	it('draws only the streets a round names', async () => {
		const cut = new ListCutState(server().api);
		await cut.load({ areas: ['b1'], streets: ['Amazonedreef'] });
		expect(cut.cutPolygon(EVERYWHERE)).toMatchObject({ addresses: ['a1'] });
	});
});

describe('PolygonDrawing', () => {
	const project = ([lon, lat]: [number, number]) => ({ x: lon * 1000, y: -lat * 1000 });

	it('closes with three points, by a tap on the first; undo takes the last point back', () => {
		const drawing = new PolygonDrawing();
		drawing.add([5.001, 51.999]);
		drawing.add([5.003, 51.999]);
		expect(drawing.polygon).toBeNull();
		expect(drawing.closesAt(project([5.001, 51.999]), project)).toBe(false);
		drawing.add([5.003, 52.001]);
		expect(drawing.canClose).toBe(true);
		expect(drawing.polygon?.coordinates[0]).toEqual([
			[5.001, 51.999],
			[5.003, 51.999],
			[5.003, 52.001],
			[5.001, 51.999]
		]);
		// Within 16 pixels of the first point, not beyond.
		expect(drawing.closesAt({ x: 5001 + 10, y: -51999 + 10 }, project)).toBe(true);
		expect(drawing.closesAt({ x: 5001 + 20, y: -51999 }, project)).toBe(false);
		drawing.undo();
		expect(drawing.points).toHaveLength(2);
		expect(drawing.canClose).toBe(false);
		drawing.clear();
		expect(drawing.points).toEqual([]);
	});

	it('does not close a polygon whose edges cross', () => {
		const drawing = new PolygonDrawing();
		// A bow tie: the second edge crosses the fourth.
		for (const point of [
			[5.001, 51.999],
			[5.003, 52.001],
			[5.003, 51.999],
			[5.001, 52.001]
		] as [number, number][])
			drawing.add(point);
		expect(drawing.crossed).toBe(true);
		expect(drawing.canClose).toBe(false);
		expect(drawing.closesAt(project([5.001, 51.999]), project)).toBe(false);
	});
});
