// One ordered list of layer ids decides the z-order of the map, bottom to top, whatever order
// components mount in (after a-b-street/ltn's zorder.ts). A layer is inserted below the first
// layer that comes after it in this list and is already on the map.
import type { LayerSpecification } from 'maplibre-gl';

export const LAYER_ORDER = [
	// basemap (basemap.ts)
	'background',
	'gemeenten-fill',
	'streetlights',
	// The raster sits above our own offline basemap layers: when its tiles fail, removing it
	// uncovers them (see basemap.ts).
	'osm',
	'gemeenten-line',
	// thematic layers
	'areas-fill',
	'areas-line',
	'areas-hover-line',
	'areas-label',
	// The gap view (src/lib/gaps/GapsLayer.svelte): coverage under the hexagons, the hatching of
	// places without a key figure above both, outlines above the fills, streets and assets on top.
	// A thin network's veil over the fills, its dashed outline over every other outline (it is
	// the layer asked for last), under the points.
	'gaps-buurten-fill',
	'gaps-cells-fill',
	'gaps-nokey-buurten',
	'gaps-nokey-cells',
	'gaps-thin-fill',
	'gaps-cells-line',
	'gaps-buurten-line',
	'gaps-buurten-hover-line',
	'gaps-cells-hover-line',
	'gaps-thin-casing',
	'gaps-thin-line',
	'gaps-assets',
	'gaps-streets',
	// Cutting a round into walk lists (src/routes/(app)/rondes/[id]/ListMap.svelte): the area
	// being drawn under the doors, its outline and points above them.
	'round-drawing-fill',
	'round-doors',
	'round-drawing-line',
	'round-drawing-points',
	// The walk map of "Op pad" (src/routes/(app)/oppad/WalkMap.svelte): the door picked last under
	// the doors, so its ring shows around it; her position on top of them.
	'walk-doors-picked',
	'walk-doors',
	'walk-position-accuracy',
	'walk-position',
	// Links under the assets they join; the selected asset's links above the others.
	'links',
	'links-selected',
	'assets-clusters',
	'assets-cluster-count',
	// The selected asset's halo under its symbol; the rings around the dot, then the dot.
	'assets-selected',
	'assets-stale-ring',
	'assets-key-ring',
	'assets'
] as const;

export type LayerId = (typeof LAYER_ORDER)[number];

/**
 * The id to pass as `beforeId` when adding `id`: the nearest layer above it in LAYER_ORDER that
 * is already on the map, or undefined (add on top).
 *
 * @example
 * beforeIdFor('areas-line', (id) => id === 'assets') // 'assets'
 */
export function beforeIdFor(id: LayerId, isOnMap: (id: string) => boolean): LayerId | undefined {
	const index = LAYER_ORDER.indexOf(id);
	if (index < 0) throw new Error(`layer ${id} is not in LAYER_ORDER`);
	return LAYER_ORDER.slice(index + 1).find((above) => isOnMap(above));
}

/** Sorts layer specifications by LAYER_ORDER (for building a whole style at once). */
export function sortByLayerOrder<T extends { id: string }>(layers: readonly T[]): T[] {
	const order = LAYER_ORDER as readonly string[];
	for (const { id } of layers) {
		if (!order.includes(id)) throw new Error(`layer ${id} is not in LAYER_ORDER`);
	}
	return [...layers].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

type OrderedLayer = LayerSpecification & { id: LayerId };

/** Adds a layer at its place in LAYER_ORDER (replacing an earlier copy with the same id). */
export function addLayerInOrder(
	map: {
		getLayer(id: string): unknown;
		addLayer(layer: LayerSpecification, beforeId?: string): unknown;
		removeLayer(id: string): unknown;
	},
	layer: OrderedLayer
): void {
	if (map.getLayer(layer.id)) map.removeLayer(layer.id);
	map.addLayer(
		layer,
		beforeIdFor(layer.id, (id) => Boolean(map.getLayer(id)))
	);
}

/**
 * Removes a component's layers and source on teardown; a no-op once the map itself is removed
 * (its style is gone then, and Svelte may tear children down after the parent's effect).
 */
export function removeLayersAndSource(
	map: {
		style?: unknown;
		getLayer(id: string): unknown;
		removeLayer(id: string): unknown;
		getSource(id: string): unknown;
		removeSource(id: string): unknown;
	},
	layerIds: readonly LayerId[],
	sourceId: string
): void {
	if (!map.style) return;
	for (const id of layerIds) if (map.getLayer(id)) map.removeLayer(id);
	if (map.getSource(sourceId)) map.removeSource(sourceId);
}
