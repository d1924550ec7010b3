// Guards links between assets: both directions of an asset's links, lines only between known and
// located ends, what may not be linked, and the chunked request filters.
import PocketBase from 'pocketbase';
import { describe, expect, it } from 'vitest';
import { assetsById } from '$lib/assets/assets';
import type { AssetRecord } from '$lib/pocketbase/types';
import {
	LINK_KINDS,
	isLinkKind,
	linkProblem,
	linksFilters,
	linksOf,
	linksToLineFeatures,
	type LinkRecord
} from './links';

function link(
	id: string,
	from: string,
	to: string,
	kind: LinkRecord['kind'] = 'knows'
): LinkRecord {
	return {
		id,
		from,
		to,
		kind,
		note: '',
		created: '2025-01-01 10:00:00.000Z',
		updated: '2025-01-01 10:00:00.000Z',
		createdBy: 'u1'
	};
}

function asset(id: string, lon: number, lat: number): AssetRecord {
	return {
		id,
		kind: 'key_figure',
		title: id,
		themes: [],
		domain: [],
		gifts: [],
		location: { lon, lat },
		precision: 'exact',
		area: 'b1',
		status: 'active',
		confirmedAt: '',
		confirmedBy: ''
	};
}

const runs = link('l1', 'fatima', 'taalcafe', 'runs');
const member = link('l2', 'ahmed', 'fatima', 'memberOf');
const other = link('l3', 'ahmed', 'taalcafe', 'supports');

describe('link kinds', () => {
	it('are the five kinds of the schema', () => {
		expect(LINK_KINDS).toEqual(['knows', 'memberOf', 'runs', 'supports', 'connects']);
		expect(LINK_KINDS.every(isLinkKind)).toBe(true);
		expect(isLinkKind('member_of')).toBe(false);
	});
});

describe('linksOf', () => {
	it('finds outgoing and incoming links with the asset at the other end', () => {
		expect(linksOf('fatima', [runs, member, other])).toEqual([
			{ link: runs, otherId: 'taalcafe', direction: 'out' },
			{ link: member, otherId: 'ahmed', direction: 'in' }
		]);
		expect(linksOf('taalcafe', [runs, member, other]).map((l) => l.direction)).toEqual([
			'in',
			'in'
		]);
	});

	it('is empty for an asset without links', () => {
		expect(linksOf('nobody', [runs, member])).toEqual([]);
		expect(linksOf('fatima', [])).toEqual([]);
	});
});

describe('linksToLineFeatures', () => {
	const byId = assetsById([
		asset('fatima', 5.11, 52.11),
		asset('taalcafe', 5.12, 52.12),
		asset('nowhere', 0, 0)
	]);

	it('draws a line from one asset to the other, longitude first, with the link id', () => {
		expect(linksToLineFeatures([runs], byId)).toEqual({
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					id: 'l1',
					properties: { id: 'l1', kind: 'runs' },
					geometry: {
						type: 'LineString',
						coordinates: [
							[5.11, 52.11],
							[5.12, 52.12]
						]
					}
				}
			]
		});
	});

	it('skips links whose ends are unknown or have no location', () => {
		const toNowhere = link('l4', 'fatima', 'nowhere');
		const collection = linksToLineFeatures([member, other, runs, toNowhere], byId);
		expect(collection.features.map((f) => f.id)).toEqual(['l1']);
		expect(linksToLineFeatures([runs], new Map()).features).toEqual([]);
	});
});

describe('linkProblem', () => {
	it('refuses a link to itself and the same link twice, in the same direction', () => {
		expect(linkProblem('fatima', 'fatima', 'knows', [])).toBe('self');
		expect(linkProblem('fatima', 'taalcafe', 'runs', [runs])).toBe('duplicate');
		expect(linkProblem('fatima', 'taalcafe', 'supports', [runs])).toBeNull();
		expect(linkProblem('taalcafe', 'fatima', 'runs', [runs])).toBeNull();
	});
});

describe('linksFilters', () => {
	it('asks for the links of the assets in chunks, values as parameters', () => {
		expect(linksFilters(['a1', 'a2', 'a3', 'a2'], 2)).toEqual([
			{ expr: '(from = {:f0} || from = {:f1})', params: { f0: 'a1', f1: 'a2' } },
			{ expr: '(from = {:f0})', params: { f0: 'a3' } }
		]);
		expect(linksFilters([])).toEqual([]);
	});

	it('keeps a full chunk of ids within a GET request that proxies accept', () => {
		const ids = Array.from({ length: 250 }, (_, i) => `id${String(i).padStart(13, '0')}`);
		const filters = linksFilters(ids);
		expect(filters).toHaveLength(3);
		const pb = new PocketBase('http://127.0.0.1:1');
		const query = new URLSearchParams({ filter: pb.filter(filters[0].expr, filters[0].params) });
		expect(query.toString().length).toBeLessThan(6000);
	});
});
