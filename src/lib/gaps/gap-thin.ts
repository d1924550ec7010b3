// The gap view's "Dun netwerk" layer: per buurt whether its network is thin (network.ts's
// `thinNetworks`: fewer than one link per asset, or one asset holding it together), on the graph
// of the assets and links the gap input already holds (no second load), as map features and the
// details that say why. Viewers get no names: no connector's label, no figure of 1 to 4 links,
// and no buurt of fewer than 5 assets. Pure.
import type { Feature, FeatureCollection } from 'geojson';
import { DEFAULT_FILTER, copyFilter } from '$lib/assets/filters';
import { writeUrlState } from '$lib/map/url-state';
import {
	SMALL_COUNT,
	buildNetwork,
	suppressSmall,
	thinNetworks,
	type NetworkAsset,
	type NetworkGraph
} from '$lib/network/network';
import type { AreaGeometry } from '$lib/pocketbase/types';
import type { GapInput } from './gap-input';

/**
 * The network of the gap input: its assets (ended ones left out by `buildNetwork`) and its links,
 * which carry no id or kind there (an edge's `kinds` stays empty).
 */
export function gapNetwork(input: Pick<GapInput, 'assets' | 'links'>): NetworkGraph {
	const assets = input.assets.map(
		// The server sends the stored kind and status as text; they are the vocabulary's.
		(a) =>
			({
				id: a.id,
				kind: a.kind,
				title: a.title,
				area: a.area,
				themes: a.themes,
				status: a.status
			}) as NetworkAsset
	);
	const links = input.links.map((l) => ({ id: `${l.from}>${l.to}`, from: l.from, to: l.to }));
	return buildNetwork(assets, links);
}

/** A buurt whose network is thin, and why, as much as the one who looks may know. */
export interface ThinBuurt {
	id: string;
	code: string;
	name: string;
	/** Its assets (for a viewer always at least SMALL_COUNT). */
	nodes: number;
	/** The links between them; null: 1 to 4 (viewers). */
	links: number | null;
	/** Fewer than one link per asset. */
	fewLinks: boolean;
	/**
	 * One asset holds it together: its name and into how many groups the buurt's network falls
	 * apart without it (both null for a viewer); null when no one asset does.
	 */
	connector: { label: string | null; groups: number | null } | null;
}

export interface ThinOptions {
	/** A viewer: no names, no small counts, no buurt of fewer than SMALL_COUNT assets. */
	forViewer: boolean;
}

/**
 * The buurten (in their order) whose network is thin. For a viewer without the connector's name
 * and the groups, links of 1 to 4 as null, and buurten of fewer than 5 assets left out.
 *
 * @example
 * thinBuurten(graph, [{ area: 'b1', code: 'BU1', name: 'Noord' }], { forViewer: false })
 * // [{ id: 'b1', …, nodes: 4, links: 3, fewLinks: true, connector: { label: 'Kees', groups: 3 } }]
 */
export function thinBuurten(
	graph: NetworkGraph,
	buurten: readonly { area: string; code: string; name: string }[],
	{ forViewer }: ThinOptions
): ThinBuurt[] {
	const byId = new Map(buurten.map((b) => [b.area, b]));
	const result: ThinBuurt[] = [];
	for (const network of thinNetworks(
		graph,
		buurten.map((b) => b.area)
	)) {
		if (network.reasons.length === 0) continue;
		if (forViewer && network.nodes < SMALL_COUNT) continue;
		const buurt = byId.get(network.buurt)!;
		const holds = network.reasons.find((r) => r.kind === 'one_connector');
		result.push({
			id: buurt.area,
			code: buurt.code,
			name: buurt.name,
			nodes: network.nodes,
			links: forViewer ? suppressSmall(network.links) : network.links,
			fewLinks: network.reasons.some((r) => r.kind === 'few_links'),
			connector: holds
				? forViewer
					? { label: null, groups: null }
					: { label: holds.label, groups: holds.groups }
				: null
		});
	}
	return result;
}

export interface ThinFeatureProperties {
	id: string;
	name: string;
	fewLinks: boolean;
	holds: boolean;
	/** The connector's name; '' when none, or for a viewer. */
	connector: string;
}

/** The thin buurten with their geometry, for the layer; buurten without a geometry left out. */
export function thinFeatures(
	thin: readonly ThinBuurt[],
	geometryOf: (id: string) => AreaGeometry | null | undefined
): FeatureCollection<AreaGeometry, ThinFeatureProperties> {
	const features: Feature<AreaGeometry, ThinFeatureProperties>[] = [];
	for (const buurt of thin) {
		const geometry = geometryOf(buurt.id);
		if (!geometry) continue;
		features.push({
			type: 'Feature',
			id: buurt.id,
			geometry,
			properties: {
				id: buurt.id,
				name: buurt.name,
				fewLinks: buurt.fewLinks,
				holds: buurt.connector !== null,
				connector: buurt.connector?.label ?? ''
			}
		});
	}
	return { type: 'FeatureCollection', features };
}

/**
 * The network page's query for a buurt: the map's URL keys (url-state.ts), only the area.
 *
 * @example networkQuery('BU03440311') // 'area=BU03440311'
 */
export function networkQuery(code: string): string {
	return writeUrlState({
		center: null,
		zoom: null,
		area: code,
		filter: copyFilter(DEFAULT_FILTER),
		selected: null
	}).toString();
}
