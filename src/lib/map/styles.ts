// Paint of every layer, as typed constants and small tested functions: the look of the map is
// decided here, not inside components.
import type {
	BackgroundLayerSpecification,
	CircleLayerSpecification,
	DataDrivenPropertyValueSpecification,
	ExpressionSpecification,
	FillLayerSpecification,
	LineLayerSpecification,
	RasterLayerSpecification
} from 'maplibre-gl';
import { ASSET_KINDS, UNKNOWN_KIND_COLOR, type AssetKindInfo } from '$lib/assets/assets';

/** Basemap and boundary colours: quiet, so the assets stand out. */
export const MAP_COLORS = {
	background: '#e9ece8',
	land: '#f6f6f2',
	gemeenteLine: '#a9b1ab',
	streetlight: '#a7aca9',
	buurtLine: '#2d5b7a',
	buurtFill: '#2d5b7a',
	buurtHover: '#1d4763',
	assetStroke: '#ffffff',
	keyFigureRing: '#7a2e00'
} as const;

export const BACKGROUND_PAINT: BackgroundLayerSpecification['paint'] = {
	'background-color': MAP_COLORS.background
};

export const GEMEENTEN_FILL_PAINT: FillLayerSpecification['paint'] = {
	'fill-color': MAP_COLORS.land
};

export const GEMEENTEN_LINE_PAINT: LineLayerSpecification['paint'] = {
	'line-color': MAP_COLORS.gemeenteLine,
	'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.5, 12, 1.2, 16, 2]
};

/** The street-light masts of Utrecht are dense enough to trace the streets from zoom ~13. */
export const STREETLIGHTS_MINZOOM = 12.5;
export const STREETLIGHTS_PAINT: CircleLayerSpecification['paint'] = {
	'circle-color': MAP_COLORS.streetlight,
	'circle-radius': ['interpolate', ['linear'], ['zoom'], 12.5, 0.6, 14, 1.2, 16, 2, 18, 3.5],
	'circle-opacity': ['interpolate', ['linear'], ['zoom'], 12.5, 0, 13.5, 0.9]
};

export const OSM_RASTER_PAINT: RasterLayerSpecification['paint'] = {
	// Slightly washed out, so our boundaries and dots read first.
	'raster-saturation': -0.35,
	'raster-opacity': 0.9
};

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];

export const AREAS_FILL_PAINT: FillLayerSpecification['paint'] = {
	'fill-color': MAP_COLORS.buurtFill,
	'fill-opacity': ['case', hovered, 0.16, 0.04]
};

export const AREAS_LINE_PAINT: LineLayerSpecification['paint'] = {
	'line-color': MAP_COLORS.buurtLine,
	'line-opacity': 0.75,
	'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.8, 14, 1.6, 17, 2.5]
};

/** A thicker outline on top of the hovered buurt only. */
export const AREAS_HOVER_LINE_PAINT: LineLayerSpecification['paint'] = {
	'line-color': MAP_COLORS.buurtHover,
	'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2, 14, 3, 17, 4],
	'line-opacity': ['case', hovered, 1, 0]
};

/**
 * A `match` expression giving each asset kind its colour.
 *
 * @example
 * kindColorExpression([{ kind: 'place', color: '#009e73', labelKey: 'asset_kind_place' }])
 * // ['match', ['get', 'kind'], 'place', '#009e73', '#6b7280']
 */
export function kindColorExpression(
	kinds: readonly AssetKindInfo[] = ASSET_KINDS,
	fallback: string = UNKNOWN_KIND_COLOR
): ExpressionSpecification {
	if (kinds.length === 0) return ['literal', fallback] as unknown as ExpressionSpecification;
	const pairs = kinds.flatMap((k) => [k.kind, k.color]);
	return ['match', ['get', 'kind'], ...pairs, fallback] as unknown as ExpressionSpecification;
}

const isKeyFigure: ExpressionSpecification = ['==', ['get', 'kind'], 'key_figure'];

/**
 * Circle radius by zoom; key figures larger. (A zoom `interpolate` must be the outermost
 * expression, so the kind test sits inside each stop.)
 */
export function assetRadius(
	base: number,
	keyFigure: number
): DataDrivenPropertyValueSpecification<number> {
	return [
		'interpolate',
		['linear'],
		['zoom'],
		10,
		['case', isKeyFigure, keyFigure * 0.6, base * 0.6],
		14,
		['case', isKeyFigure, keyFigure, base],
		18,
		['case', isKeyFigure, keyFigure * 1.5, base * 1.5]
	];
}

export const ASSETS_PAINT: CircleLayerSpecification['paint'] = {
	'circle-color': kindColorExpression(),
	'circle-radius': assetRadius(5.5, 8),
	'circle-stroke-color': MAP_COLORS.assetStroke,
	'circle-stroke-width': ['case', ['boolean', ['feature-state', 'hover'], false], 3, 1.5]
};

/** The ring around key figures: an empty circle just outside the dot. */
export const KEY_FIGURE_RING_FILTER: ExpressionSpecification = isKeyFigure;
export const KEY_FIGURE_RING_PAINT: CircleLayerSpecification['paint'] = {
	'circle-opacity': 0,
	'circle-radius': assetRadius(0, 11.5),
	'circle-stroke-color': MAP_COLORS.keyFigureRing,
	'circle-stroke-width': 2
};
