// Links between assets: who knows whom, who runs or supports what. The network that ABCD builds
// on, drawn as lines between assets on the map. Pure.
import type { FeatureCollection, LineString } from 'geojson';
import { isSetGeoPoint, toPosition } from '$lib/geo/geopoint';
import type { AssetRecord } from '$lib/pocketbase/types';

/** Values of `links.kind`, see 1763900700_create_links.js. */
export const LINK_KINDS = ['knows', 'memberOf', 'runs', 'supports', 'connects'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** `links`: a directed link from one asset to another (from `runs` to, from `memberOf` to). */
export interface LinkRecord {
	id: string;
	/** Id of the asset the link starts at. */
	from: string;
	/** Id of the asset the link points to. */
	to: string;
	kind: LinkKind;
	note: string;
	created: string;
	updated: string;
	createdBy: string;
}

/** What the client sends to create a link (`createdBy` is set by the server). */
export interface NewLink {
	from: string;
	to: string;
	kind: LinkKind;
	note: string;
}

/** @example isLinkKind('runs') // true */
export function isLinkKind(value: unknown): value is LinkKind {
	return typeof value === 'string' && (LINK_KINDS as readonly string[]).includes(value);
}

export interface LinkOf {
	link: LinkRecord;
	/** The asset at the other end. */
	otherId: string;
	/** 'out' when the asset is the link's `from`, 'in' when it is its `to`. */
	direction: 'out' | 'in';
}

/**
 * The links of one asset, both ways, in the order given.
 *
 * @example
 * linksOf('a1', [{ id: 'l1', from: 'a1', to: 'a2', kind: 'runs', ... }])
 * // [{ link: { id: 'l1', ... }, otherId: 'a2', direction: 'out' }]
 */
export function linksOf(assetId: string, links: readonly LinkRecord[]): LinkOf[] {
	const result: LinkOf[] = [];
	for (const link of links) {
		if (link.from === assetId) result.push({ link, otherId: link.to, direction: 'out' });
		else if (link.to === assetId) result.push({ link, otherId: link.from, direction: 'in' });
	}
	return result;
}

export interface LinkFeatureProperties {
	/** The record id again: MapLibre's `promoteId: 'id'` reads it from the properties. */
	id: string;
	kind: LinkKind;
}

export type LinkFeatureCollection = FeatureCollection<LineString, LinkFeatureProperties>;

/**
 * Links as lines from one asset's location to the other's. Links whose ends are not among the
 * given assets (another area, filtered out) or have no location are left out.
 *
 * @example
 * linksToLineFeatures(links, new Map(assets.map((a) => [a.id, a])))
 * // { type: 'FeatureCollection', features: [{ id: 'l1', geometry: { type: 'LineString',
 * //   coordinates: [[5.11, 52.11], [5.12, 52.12]] }, properties: { id: 'l1', kind: 'runs' } }] }
 */
export function linksToLineFeatures(
	links: readonly LinkRecord[],
	assetsById: ReadonlyMap<string, AssetRecord>
): LinkFeatureCollection {
	const features: LinkFeatureCollection['features'] = [];
	for (const link of links) {
		const from = assetsById.get(link.from)?.location;
		const to = assetsById.get(link.to)?.location;
		if (!isSetGeoPoint(from) || !isSetGeoPoint(to)) continue;
		features.push({
			type: 'Feature',
			id: link.id,
			properties: { id: link.id, kind: link.kind },
			geometry: { type: 'LineString', coordinates: [toPosition(from), toPosition(to)] }
		});
	}
	return { type: 'FeatureCollection', features };
}

export type LinkProblem = 'self' | 'duplicate';

/**
 * Why a link cannot be made, or null: an asset cannot link to itself, and the same link (same
 * ends and kind) exists only once (the server has a unique index on from, to, kind).
 *
 * @example linkProblem('a1', 'a1', 'knows', []) // 'self'
 */
export function linkProblem(
	from: string,
	to: string,
	kind: LinkKind,
	links: readonly LinkRecord[]
): LinkProblem | null {
	if (from === to) return 'self';
	if (links.some((l) => l.from === from && l.to === to && l.kind === kind)) return 'duplicate';
	return null;
}
