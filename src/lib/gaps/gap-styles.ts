// Paint of the gap view's layers, as typed constants: coverage by visited share, hexagons by
// unmet themes, hatching where no key figure is known, never-visited streets, assets, thin
// networks.
import type {
	CircleLayerSpecification,
	ExpressionSpecification,
	FillLayerSpecification,
	LineLayerSpecification
} from 'maplibre-gl';
import { GAP_COLORS } from './gap-view';

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];

/** The hatch image's name (added by GapsLayer with `hatchImage`). */
export const HATCH_IMAGE = 'gaps-hatch';

/** Colour steps as a MapLibre `step` over a property: below the first step `below`. */
function steps(
	property: string,
	below: string,
	stops: readonly (readonly [number, string])[]
): ExpressionSpecification {
	return [
		'step',
		['get', property],
		below,
		...stops.flatMap(([at, color]) => [at, color])
	] as unknown as ExpressionSpecification;
}

export const COVERAGE_FILL_PAINT: FillLayerSpecification['paint'] = {
	'fill-color': [
		'case',
		['<', ['get', 'share'], 0],
		GAP_COLORS.noAddresses,
		steps('share', GAP_COLORS.coverage[0][1], GAP_COLORS.coverage.slice(1))
	],
	'fill-opacity': ['case', hovered, 0.75, 0.55]
};

export const BUURT_LINE_PAINT: LineLayerSpecification['paint'] = {
	'line-color': '#2d5b7a',
	'line-opacity': 0.8,
	'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.8, 14, 1.6, 17, 2.5]
};

export const BUURT_HOVER_LINE_PAINT: LineLayerSpecification['paint'] = {
	'line-color': '#1d4763',
	'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2, 14, 3, 17, 4],
	'line-opacity': ['case', hovered, 1, 0]
};

export const CELLS_FILL_PAINT: FillLayerSpecification['paint'] = {
	'fill-color': steps('score', '#ffffff', GAP_COLORS.unmet),
	// Cells without a gap stay faint but can still be hovered for their numbers.
	'fill-opacity': [
		'case',
		['>', ['get', 'score'], 0],
		['case', hovered, 0.9, 0.72],
		['case', hovered, 0.35, 0.08]
	]
};

export const CELLS_LINE_PAINT: LineLayerSpecification['paint'] = {
	'line-color': GAP_COLORS.cellLine,
	'line-opacity': 0.35,
	'line-width': 0.6
};

export const CELLS_HOVER_LINE_PAINT: LineLayerSpecification['paint'] = {
	'line-color': GAP_COLORS.cellLine,
	'line-width': 2.5,
	'line-opacity': ['case', hovered, 1, 0]
};

export const NO_KEY_FIGURE_FILTER: ExpressionSpecification = [
	'==',
	['get', 'withoutKeyFigure'],
	true
];

export const HATCH_PAINT: FillLayerSpecification['paint'] = {
	'fill-pattern': HATCH_IMAGE,
	'fill-opacity': 0.8
};

export const NEVER_VISITED_PAINT: CircleLayerSpecification['paint'] = {
	'circle-color': GAP_COLORS.neverVisited,
	'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 3.5, 14, 6, 17, 9],
	'circle-stroke-color': '#ffffff',
	'circle-stroke-width': 2
};

export const GAP_ASSETS_PAINT: CircleLayerSpecification['paint'] = {
	'circle-color': ['case', ['get', 'keyFigure'], GAP_COLORS.keyFigure, GAP_COLORS.asset],
	'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 1.8, 14, 3, 17, 4.5],
	'circle-stroke-color': '#ffffff',
	'circle-stroke-width': 1
};

// A thin network: a faint veil to hover and tap, and a dashed outline on a white casing, above
// the fills and the hexagons' lines so it stays readable over them.
export const THIN_FILL_PAINT: FillLayerSpecification['paint'] = {
	'fill-color': GAP_COLORS.thin,
	'fill-opacity': ['case', hovered, 0.18, 0.06]
};

export const THIN_CASING_PAINT: LineLayerSpecification['paint'] = {
	'line-color': GAP_COLORS.thinCasing,
	'line-opacity': 0.9,
	'line-width': ['interpolate', ['linear'], ['zoom'], 10, 3.5, 14, 5.5, 17, 7.5]
};

export const THIN_LINE_PAINT: LineLayerSpecification['paint'] = {
	'line-color': GAP_COLORS.thin,
	'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.8, 14, 3, 17, 4],
	'line-dasharray': [2, 1.5]
};

/**
 * Diagonal stripes as RGBA pixels for `map.addImage` (no sprite: the offline style has none).
 *
 * @example hatchImage(8).data.length // 256 (8 × 8 pixels × 4 bytes)
 */
export function hatchImage(size = 8): { width: number; height: number; data: Uint8Array } {
	const data = new Uint8Array(size * size * 4);
	const [r, g, b] = [0x3b, 0x3b, 0x3b];
	for (let y = 0; y < size; y++)
		for (let x = 0; x < size; x++) {
			// One stripe per tile, wrapping, so tiles join into continuous diagonals.
			if ((x + y) % size > 1) continue;
			const at = (y * size + x) * 4;
			data.set([r, g, b, 200], at);
		}
	return { width: size, height: size, data };
}
