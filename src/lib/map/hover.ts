// Hover (mouse) and tap (touch) on a layer: highlight the feature through the `hover` feature
// state and name it in an HTML tooltip. HTML, not a symbol layer: the offline style has no
// glyph server, so the map itself cannot draw text.
import maplibregl, {
	type Map as MapLibreMap,
	type MapGeoJSONFeature,
	type MapLayerMouseEvent,
	type MapMouseEvent
} from 'maplibre-gl';
import type { LayerId } from './layer-order';

export interface HoverOptions {
	source: string;
	layer: LayerId;
	/** Tooltip content: text, or a node built with textContent (titles are user input). */
	content: (feature: MapGeoJSONFeature) => string | Node;
	/** Put the tooltip on the point feature itself instead of the pointer. */
	anchorAtPoint?: boolean;
	/** Layers drawn above this one whose own tooltip wins where they are under the pointer. */
	yieldTo?: LayerId[];
}

/** Wires hover and tap on `layer`; returns the teardown. */
export function hoverTooltip(map: MapLibreMap, options: HoverOptions): () => void {
	const { source, layer } = options;
	const tooltip = new maplibregl.Popup({
		closeButton: false,
		closeOnClick: false,
		className: 'kk-tooltip',
		offset: 14,
		maxWidth: '260px'
	});
	let hovered: string | number | undefined;

	const setHovered = (id: string | number | undefined) => {
		if (id === hovered) return;
		if (hovered !== undefined && map.getSource(source)) {
			map.setFeatureState({ source, id: hovered }, { hover: false });
		}
		hovered = id;
		if (id !== undefined && map.getSource(source))
			map.setFeatureState({ source, id }, { hover: true });
	};

	const hide = () => {
		setHovered(undefined);
		tooltip.remove();
		map.getCanvas().style.cursor = '';
	};

	const covered = (event: MapMouseEvent) => {
		const above = (options.yieldTo ?? []).filter((id) => map.getLayer(id));
		return above.length > 0 && map.queryRenderedFeatures(event.point, { layers: above }).length > 0;
	};

	const show = (event: MapLayerMouseEvent) => {
		const feature = event.features?.[0];
		if (!feature || covered(event)) {
			// The layer above shows its own tooltip (and owns the cursor).
			setHovered(undefined);
			tooltip.remove();
			return;
		}
		setHovered(feature.id);
		map.getCanvas().style.cursor = 'pointer';
		const at =
			options.anchorAtPoint && feature.geometry.type === 'Point'
				? (feature.geometry.coordinates as [number, number])
				: event.lngLat;
		const content = options.content(feature);
		if (typeof content === 'string') tooltip.setText(content);
		else tooltip.setDOMContent(content);
		tooltip.setLngLat(at).addTo(map);
	};

	// Touch screens have no hover and no mouseleave: a tap elsewhere closes the tooltip.
	const tapOutside = (event: MapMouseEvent) => {
		if (!map.getLayer(layer)) return;
		if (map.queryRenderedFeatures(event.point, { layers: [layer] }).length === 0) hide();
	};

	map.on('mousemove', layer, show);
	map.on('click', layer, show);
	map.on('mouseleave', layer, hide);
	map.on('click', tapOutside);

	return () => {
		map.off('mousemove', layer, show);
		map.off('click', layer, show);
		map.off('mouseleave', layer, hide);
		map.off('click', tapOutside);
		tooltip.remove();
	};
}
