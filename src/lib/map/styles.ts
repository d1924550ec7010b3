// Paint of every layer, as typed constants and small tested functions: the look of the map is
// decided here, not inside components.
import type {
	BackgroundLayerSpecification,
	CircleLayerSpecification,
	DataDrivenPropertyValueSpecification,
	ExpressionSpecification,
	FillLayerSpecification,
	LineLayerSpecification,
	RasterLayerSpecification,
	SymbolLayerSpecification
} from 'maplibre-gl';
import { ASSET_KINDS, UNKNOWN_KIND_COLOR, type AssetKindInfo } from '$lib/assets/assets';
import type { AssetKind } from '$lib/vocabulary/vocabulary';

/** Basemap and boundary colours: quiet, so the assets stand out. */
export const MAP_COLORS = {
	background: '#e9ece8',
	land: '#f6f6f2',
	gemeenteLine: '#a9b1ab',
	streetlight: '#a7aca9',
	buurtLine: '#2d5b7a',
	buurtFill: '#2d5b7a',
	buurtHover: '#1d4763',
	keyFigureRing: '#7a2e00',
	staleRing: '#6f777c',
	selected: '#163a50',
	link: '#2d5b7a'
} as const;

/**
 * The font of the map's own text. No style of ours names a glyphs URL, so MapLibre draws the
 * letters itself with the phone's own sans-serif (TinySDF): they show without any network. A
 * style with glyphs that lack this font falls back to the same local drawing.
 */
export const MAP_FONT = ['Noto Sans Bold'];
export const MAP_FONT_REGULAR = ['Noto Sans Regular'];

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

/** Area names from this zoom on: a buurt is a few streets wide there, so its name fits. */
export const AREA_LABEL_MINZOOM = 12;

/** An area's name inside it (MapLibre puts it where the area is widest), never over an asset. */
export const AREA_LABEL_LAYOUT: SymbolLayerSpecification['layout'] = {
	'text-field': ['get', 'name'],
	'text-font': MAP_FONT_REGULAR,
	'text-size': ['interpolate', ['linear'], ['zoom'], AREA_LABEL_MINZOOM, 11, 16, 14],
	'text-max-width': 8,
	'text-padding': 6
};

export const AREA_LABEL_PAINT: SymbolLayerSpecification['paint'] = {
	'text-color': MAP_COLORS.buurtHover,
	'text-halo-color': '#ffffff',
	'text-halo-width': 1.5
};

const isKeyFigure: ExpressionSpecification = ['==', ['get', 'kind'], 'key_figure'];
const isStale: ExpressionSpecification = ['boolean', ['get', 'stale'], false];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/**
 * How each kind is drawn besides its colour (the map has no glyphs for icons or letters): size,
 * outline colour and width, and whether the dot is hollow (white inside, coloured outline). Key
 * figures are the largest and get a ring of their own (KEY_FIGURE_RING_PAINT).
 */
export interface KindSymbol {
	/** Radius at zoom 14, in pixels. */
	radius: number;
	/** Outline colour of a filled dot; a hollow dot's outline has the kind's colour. */
	stroke: string;
	strokeWidth: number;
	hollow: boolean;
}

const WHITE = '#ffffff';
const DARK = '#1c2a33';

export const KIND_SYMBOLS: Record<AssetKind, KindSymbol> = {
	key_figure: { radius: 8, stroke: WHITE, strokeWidth: 2, hollow: false },
	institution: { radius: 7.5, stroke: WHITE, strokeWidth: 2.5, hollow: false },
	initiative: { radius: 6.5, stroke: DARK, strokeWidth: 1.5, hollow: false },
	place: { radius: 6.5, stroke: WHITE, strokeWidth: 3, hollow: true },
	association: { radius: 6, stroke: WHITE, strokeWidth: 3, hollow: true },
	business: { radius: 5, stroke: DARK, strokeWidth: 1.5, hollow: false },
	capacity: { radius: 4.5, stroke: WHITE, strokeWidth: 1.5, hollow: false }
};

/** The ring around a key figure: this far outside its dot. */
export const KEY_FIGURE_RING_GAP = 3.5;

/** Fill and outline colour of a kind's symbol as drawn (hollow: white inside). */
export function symbolColors(info: AssetKindInfo): { fill: string; stroke: string } {
	const symbol = KIND_SYMBOLS[info.kind];
	return symbol.hollow
		? { fill: WHITE, stroke: info.color }
		: { fill: info.color, stroke: symbol.stroke };
}

/**
 * A `match` on the kind giving each kind's value, the fallback for kinds the app does not know.
 *
 * @example kindMatch((info) => KIND_SYMBOLS[info.kind].radius, 5) // ['match', ['get', 'kind'], 'key_figure', 8, ..., 5]
 */
export function kindMatch<T extends string | number>(
	value: (info: AssetKindInfo) => T,
	fallback: T,
	kinds: readonly AssetKindInfo[] = ASSET_KINDS
): ExpressionSpecification {
	if (kinds.length === 0) return ['literal', fallback] as unknown as ExpressionSpecification;
	const pairs = kinds.flatMap((k) => [k.kind, value(k)]);
	return ['match', ['get', 'kind'], ...pairs, fallback] as unknown as ExpressionSpecification;
}

/** The outer radius of a kind's symbol at zoom 14: dot, half its outline, a key figure's ring. */
export function outerRadius(kind: AssetKind): number {
	const symbol = KIND_SYMBOLS[kind];
	return (
		symbol.radius + symbol.strokeWidth / 2 + (kind === 'key_figure' ? KEY_FIGURE_RING_GAP + 1 : 0)
	);
}

/**
 * Circle radius by zoom (smaller when zoomed out, larger when zoomed in), from a radius at zoom
 * 14 per kind. (A zoom `interpolate` must be the outermost expression, so the kind `match` sits
 * inside each stop.)
 */
export function zoomedRadius(
	radiusAt14: (info: AssetKindInfo) => number,
	fallback: number
): DataDrivenPropertyValueSpecification<number> {
	const radius = kindMatch(radiusAt14, fallback);
	return [
		'interpolate',
		['linear'],
		['zoom'],
		10,
		['*', 0.6, radius],
		14,
		radius,
		18,
		['*', 1.5, radius]
	];
}

/** Everything drawn per asset is unclustered points only (clusters have `point_count`). */
export const UNCLUSTERED_FILTER: ExpressionSpecification = ['!', ['has', 'point_count']];
export const CLUSTER_FILTER: ExpressionSpecification = ['has', 'point_count'];

/**
 * Zoom up to which nearby assets merge into clusters: a whole city clusters, a wijk on a desktop
 * screen (zoom 12 and closer) shows every asset alone.
 */
export const CLUSTER_MAX_ZOOM = 11;
export const CLUSTER_RADIUS = 44;

export const ASSETS_PAINT: CircleLayerSpecification['paint'] = {
	'circle-color': kindMatch((info) => symbolColors(info).fill, UNKNOWN_KIND_COLOR),
	'circle-radius': zoomedRadius((info) => KIND_SYMBOLS[info.kind].radius, 5),
	'circle-stroke-color': kindMatch((info) => symbolColors(info).stroke, WHITE),
	'circle-stroke-width': [
		'+',
		kindMatch((info) => KIND_SYMBOLS[info.kind].strokeWidth, 1.5),
		['case', hovered, 1.5, 0]
	],
	// Stale assets fade: still there, but due for a check.
	'circle-opacity': ['case', isStale, 0.45, 1],
	'circle-stroke-opacity': ['case', isStale, 0.6, 1]
};

/** The ring around key figures: an empty circle just outside the dot. */
export const KEY_FIGURE_RING_FILTER: ExpressionSpecification = [
	'all',
	UNCLUSTERED_FILTER,
	isKeyFigure
];
export const KEY_FIGURE_RING_PAINT: CircleLayerSpecification['paint'] = {
	'circle-opacity': 0,
	'circle-radius': zoomedRadius((info) => KIND_SYMBOLS[info.kind].radius + KEY_FIGURE_RING_GAP, 0),
	'circle-stroke-color': MAP_COLORS.keyFigureRing,
	'circle-stroke-width': 2,
	'circle-stroke-opacity': ['case', isStale, 0.5, 1]
};

/** Stale assets: a grey ring around the whole symbol. */
export const STALE_RING_FILTER: ExpressionSpecification = ['all', UNCLUSTERED_FILTER, isStale];
export const STALE_RING_PAINT: CircleLayerSpecification['paint'] = {
	'circle-opacity': 0,
	'circle-radius': zoomedRadius((info) => outerRadius(info.kind) + 2.5, 8),
	'circle-stroke-color': MAP_COLORS.staleRing,
	'circle-stroke-width': 1.5
};

/** The selected asset: a halo under its symbol (feature state `selected`). */
export const SELECTED_PAINT: CircleLayerSpecification['paint'] = {
	'circle-color': MAP_COLORS.selected,
	'circle-opacity': ['case', selected, 0.2, 0],
	'circle-radius': zoomedRadius((info) => outerRadius(info.kind) + 7, 12),
	'circle-stroke-color': MAP_COLORS.selected,
	'circle-stroke-width': 3,
	'circle-stroke-opacity': ['case', selected, 1, 0]
};

/**
 * Counts at which a cluster grows and darkens: the size and colour say "a few", "tens",
 * "hundreds", the number on it how many (`text` is its colour: at least 4.5:1 on `color`).
 */
export const CLUSTER_STEPS = [
	{ from: 0, radius: 13, color: '#8db3cb', text: '#0b1d29' },
	{ from: 10, radius: 17, color: '#5a8fb2', text: '#0b1d29' },
	{ from: 50, radius: 22, color: '#2f6b91', text: '#ffffff' },
	{ from: 200, radius: 27, color: '#1d4763', text: '#ffffff' }
] as const;

function clusterStep(value: (step: (typeof CLUSTER_STEPS)[number]) => string | number) {
	const [first, ...rest] = CLUSTER_STEPS;
	return [
		'step',
		['get', 'point_count'],
		value(first),
		...rest.flatMap((step) => [step.from, value(step)])
	] as unknown as ExpressionSpecification;
}

const KEY_FIGURE_COLOR = ASSET_KINDS.find((k) => k.kind === 'key_figure')?.color ?? WHITE;
const hasKeyFigures: ExpressionSpecification = ['>', ['get', 'keyFigures'], 0];

export const CLUSTER_PAINT: CircleLayerSpecification['paint'] = {
	'circle-color': clusterStep((step) => step.color),
	'circle-radius': clusterStep((step) => step.radius),
	'circle-opacity': 0.9,
	// A cluster with key figures in it has an outline in their colour.
	'circle-stroke-color': ['case', hasKeyFigures, KEY_FIGURE_COLOR, WHITE],
	'circle-stroke-width': ['case', hasKeyFigures, 2.5, 2]
};

/** A cluster's count on it ("12", "1.2k"), always shown: the count is why it is there. */
export const CLUSTER_COUNT_LAYOUT: SymbolLayerSpecification['layout'] = {
	'text-field': ['get', 'point_count_abbreviated'],
	'text-font': MAP_FONT,
	'text-size': clusterStep((step) => (step.radius < 17 ? 11 : 13)),
	'text-allow-overlap': true,
	'text-ignore-placement': true
};

export const CLUSTER_COUNT_PAINT: SymbolLayerSpecification['paint'] = {
	'text-color': clusterStep((step) => step.text)
};

/** Links between assets: thin dashed lines, once the assets show one by one. */
export const LINKS_MINZOOM = CLUSTER_MAX_ZOOM + 1;
export const LINKS_PAINT: LineLayerSpecification['paint'] = {
	'line-color': MAP_COLORS.link,
	'line-opacity': 0.4,
	'line-width': ['interpolate', ['linear'], ['zoom'], 14, 1.2, 18, 2.5],
	'line-dasharray': [2, 1.5]
};

/** The links of the selected asset (feature state `selected`): solid and strong, at any zoom. */
export const LINKS_SELECTED_PAINT: LineLayerSpecification['paint'] = {
	'line-color': MAP_COLORS.selected,
	'line-opacity': ['case', selected, 0.95, 0],
	'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2.5, 18, 5]
};
