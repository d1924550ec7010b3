// Guards links between assets: both directions of an asset's links, lines only between known and
// located ends, and what may not be linked.
import { describe, expect, it } from 'vitest';
import { assetsById } from '$lib/assets/assets';
import type { AssetRecord } from '$lib/pocketbase/types';
import {
	LINK_KINDS,
	isLinkKind,
	linkProblem,
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
		street: 'Wolgadreef',
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
