import { describe, expect, it } from 'vitest';
import { readUrlState } from '$lib/map/url-state';
import type { AreaGeometry } from '$lib/pocketbase/types';
import type { GapAsset, GapInput } from './gap-input';
import { gapNetwork, networkQuery, thinBuurten, thinFeatures } from './gap-thin';

function asset(id: string, area: string, title = id, status = 'active'): GapAsset {
	return {
		id,
		kind: 'capacity',
		title,
		lon: 5,
		lat: 52,
		area,
		themes: [],
		domain: [],
		status,
		created: '2026-01-01 10:00:00.000Z',
		resident: false
	};
}

const link = (from: string, to: string) => ({ from, to });

// b1 (6 assets): Kees holds three others together, and one pair apart: 4 links for 6 assets.
// b2 (3 assets): a chain through Els: 2 links for 3 assets, Els holds it.
// b3 (5 assets): a ring of 5, 5 links: not thin.
// b4 (1 asset): says nothing. b5: an ended asset and one active one: says nothing either.
const INPUT: Pick<GapInput, 'assets' | 'links'> = {
	assets: [
		asset('kees', 'b1', 'Kees de Verbinder'),
		asset('k1', 'b1'),
		asset('k2', 'b1'),
		asset('k3', 'b1'),
		asset('p1', 'b1'),
		asset('p2', 'b1'),
		asset('els', 'b2', 'Els'),
		asset('e1', 'b2'),
		asset('e2', 'b2'),
		...['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => asset(id, 'b3')),
		asset('alone', 'b4'),
		asset('gone', 'b5', 'gone', 'ended'),
		asset('left', 'b5')
	],
	links: [
		link('kees', 'k1'),
		link('k2', 'kees'),
		link('kees', 'k3'),
		// The same pair twice, once either way: one edge.
		link('p1', 'p2'),
		link('p2', 'p1'),
		link('e1', 'els'),
		link('els', 'e2'),
		link('r1', 'r2'),
		link('r2', 'r3'),
		link('r3', 'r4'),
		link('r4', 'r5'),
		link('r5', 'r1'),
		link('gone', 'left'),
		// To an asset of another area, not loaded: left out.
		link('k1', 'elsewhere')
	]
};

const BUURTEN = ['b1', 'b2', 'b3', 'b4', 'b5'].map((area, i) => ({
	area,
	code: `BU${i + 1}`,
	name: `Buurt ${i + 1}`
}));

describe('gapNetwork', () => {
	it('builds the graph of the gap input: ended assets and unknown ends left out, pairs once', () => {
		const graph = gapNetwork(INPUT);
		expect(graph.order).toBe(INPUT.assets.length - 1);
		expect(graph.hasNode('gone')).toBe(false);
		expect(graph.size).toBe(11);
		expect(graph.areNeighbors('p1', 'p2')).toBe(true);
		// The gap input's links say no kind.
		expect(graph.getEdgeAttribute(graph.edge('kees', 'k1')!, 'kinds')).toEqual([]);
		expect(graph.getNodeAttribute('kees', 'label')).toBe('Kees de Verbinder');
	});
});

describe('thinBuurten', () => {
	const graph = gapNetwork(INPUT);

	it('gives staff every thin buurt with why, the connector by name', () => {
		expect(thinBuurten(graph, BUURTEN, { forViewer: false })).toEqual([
			{
				id: 'b1',
				code: 'BU1',
				name: 'Buurt 1',
				nodes: 6,
				links: 4,
				fewLinks: true,
				connector: { label: 'Kees de Verbinder', groups: 3 }
			},
			{
				id: 'b2',
				code: 'BU2',
				name: 'Buurt 2',
				nodes: 3,
				links: 2,
				fewLinks: true,
				connector: { label: 'Els', groups: 2 }
			}
		]);
	});

	it('gives a viewer no names and no buurt of fewer than 5 assets', () => {
		const thin = thinBuurten(graph, BUURTEN, { forViewer: true });
		expect(thin).toEqual([
			{
				id: 'b1',
				code: 'BU1',
				name: 'Buurt 1',
				nodes: 6,
				// 4 links could point at someone: not given.
				links: null,
				fewLinks: true,
				connector: { label: null, groups: null }
			}
		]);
		expect(JSON.stringify(thin)).not.toContain('Kees');
	});

	it('gives a viewer counts of 0 and from 5 up', () => {
		const big: Pick<GapInput, 'assets' | 'links'> = {
			assets: ['h', 'a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => asset(id, 'b1')),
			links: [link('h', 'a'), link('h', 'b'), link('h', 'c'), link('h', 'd'), link('h', 'e')]
		};
		const [row] = thinBuurten(gapNetwork(big), BUURTEN, { forViewer: true });
		expect(row).toMatchObject({ nodes: 8, links: 5, fewLinks: true });
		const none = { assets: big.assets, links: [] };
		expect(thinBuurten(gapNetwork(none), BUURTEN, { forViewer: true })).toEqual([
			expect.objectContaining({ nodes: 8, links: 0, fewLinks: true, connector: null })
		]);
	});

	it('says nothing of buurten it is not asked about', () => {
		expect(thinBuurten(graph, [BUURTEN[1]], { forViewer: false }).map((t) => t.id)).toEqual(['b2']);
	});
});

describe('thinFeatures', () => {
	const square: AreaGeometry = {
		type: 'Polygon',
		coordinates: [
			[
				[5, 52],
				[5.01, 52],
				[5.01, 52.01],
				[5, 52]
			]
		]
	};
	const geometryOf = (id: string) => (id === 'b2' ? null : square);

	it('draws the thin buurten that have a geometry, the connector only for staff', () => {
		const graph = gapNetwork(INPUT);
		const staff = thinFeatures(thinBuurten(graph, BUURTEN, { forViewer: false }), geometryOf);
		expect(staff.features).toEqual([
			{
				type: 'Feature',
				id: 'b1',
				geometry: square,
				properties: {
					id: 'b1',
					name: 'Buurt 1',
					fewLinks: true,
					holds: true,
					connector: 'Kees de Verbinder'
				}
			}
		]);
		const viewer = thinFeatures(thinBuurten(graph, BUURTEN, { forViewer: true }), geometryOf);
		expect(viewer.features.map((f) => f.properties)).toEqual([
			{ id: 'b1', name: 'Buurt 1', fewLinks: true, holds: true, connector: '' }
		]);
	});
});

describe('networkQuery', () => {
	it('asks the network page for the buurt by its code, as the map URL reads it', () => {
		expect(networkQuery('BU03440311')).toBe('area=BU03440311');
		expect(readUrlState(new URLSearchParams(networkQuery('BU03440311'))).area).toBe('BU03440311');
	});
});
