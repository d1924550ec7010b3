// Guards z-order: layers land at their place in LAYER_ORDER whatever order they are added in.
import { describe, expect, it } from 'vitest';
import type { LayerSpecification } from 'maplibre-gl';
import { LAYER_ORDER, addLayerInOrder, beforeIdFor, sortByLayerOrder } from './layer-order';

/** A tiny stand-in for maplibregl.Map's layer stack. */
function fakeMap() {
	const stack: string[] = [];
	return {
		stack,
		getLayer: (id: string) => (stack.includes(id) ? { id } : undefined),
		addLayer(layer: LayerSpecification, beforeId?: string) {
			const at = beforeId ? stack.indexOf(beforeId) : -1;
			if (at < 0) stack.push(layer.id);
			else stack.splice(at, 0, layer.id);
		},
		removeLayer(id: string) {
			stack.splice(stack.indexOf(id), 1);
		}
	};
}

const layer = (id: (typeof LAYER_ORDER)[number]) =>
	({ id, type: 'background' }) as unknown as LayerSpecification & { id: typeof id };

describe('layer order', () => {
	it('has no duplicates and keeps the raster above the offline basemap, below our data', () => {
		expect(new Set(LAYER_ORDER).size).toBe(LAYER_ORDER.length);
		const at = (id: (typeof LAYER_ORDER)[number]) => LAYER_ORDER.indexOf(id);
		expect(at('osm')).toBeGreaterThan(at('gemeenten-fill'));
		expect(at('osm')).toBeGreaterThan(at('streetlights'));
		expect(at('osm')).toBeLessThan(at('areas-fill'));
		expect(at('assets')).toBe(LAYER_ORDER.length - 1);
	});

	it('finds the nearest present layer above', () => {
		const present = new Set(['background', 'assets']);
		expect(beforeIdFor('areas-fill', (id) => present.has(id))).toBe('assets');
		expect(beforeIdFor('assets', (id) => present.has(id))).toBeUndefined();
	});

	it('stacks layers by the list whatever order they are added in', () => {
		const map = fakeMap();
		for (const id of [
			'assets',
			'background',
			'areas-line',
			'areas-fill',
			'assets-key-ring'
		] as const) {
			addLayerInOrder(map, layer(id));
		}
		expect(map.stack).toEqual([
			'background',
			'areas-fill',
			'areas-line',
			'assets-key-ring',
			'assets'
		]);
	});

	it('replaces a layer added twice', () => {
		const map = fakeMap();
		addLayerInOrder(map, layer('assets'));
		addLayerInOrder(map, layer('assets'));
		expect(map.stack).toEqual(['assets']);
	});

	it('sorts a style by the list and refuses unknown ids', () => {
		expect(sortByLayerOrder([{ id: 'osm' }, { id: 'background' }]).map((l) => l.id)).toEqual([
			'background',
			'osm'
		]);
		expect(() => sortByLayerOrder([{ id: 'nope' }])).toThrow();
	});
});
