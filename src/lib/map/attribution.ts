// The data licences (CC BY, WOF's credit request) require visible credit on every map we show;
// a map credits what it shows: each credit goes with the sources it covers, and a source that
// covers only one place (Utrecht's street lights) is credited only while that place is in view.
// The basemap's own tiles (OSM, an external style such as PDOK's) carry their credit on their
// source, which MapLibre shows while they are drawn.
import type { LngLatBBox } from '$lib/areas/areas';

export interface Credit {
	html: string;
	/** The map sources holding this data. */
	sources: readonly string[];
	/** Where the data lies, when it covers only part of the country. */
	within?: LngLatBBox;
}

const CBS_BUURTEN =
	'Wijk- en buurtgrenzen 2016: <a href="https://www.cbs.nl/">CBS</a> via <a href="https://whosonfirst.org/">Who’s On First</a> (<a href="https://whosonfirst.org/docs/licenses/">licentie</a>)';
const CBS_GEMEENTEN =
	'Gemeentegrenzen 2024: <a href="https://www.cbs.nl/">CBS</a> / <a href="https://www.pdok.nl/">PDOK</a> (<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>)';
const UTRECHT_LIGHTS =
	'Lichtmasten Utrecht 2013: <a href="https://www.utrecht.nl/">Gemeente Utrecht</a> open data';
const GEONAMES =
	'POI: <a href="https://www.geonames.org/">GeoNames</a> (<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>)';

/** The extent of static/basemap/utrecht-streetlights.geojson, rounded outwards. */
export const UTRECHT_LIGHTS_BBOX: LngLatBBox = [4.99, 52.05, 5.2, 52.135];

export const CREDITS: readonly Credit[] = [
	{ html: CBS_BUURTEN, sources: ['areas', 'gaps-buurten'] },
	{ html: CBS_GEMEENTEN, sources: ['gemeenten'] },
	{ html: UTRECHT_LIGHTS, sources: ['streetlights'], within: UTRECHT_LIGHTS_BBOX },
	// The demo's assets are placed at GeoNames points.
	{ html: GEONAMES, sources: ['assets', 'gaps-assets'] }
];

/** Every credit, for a page that lists them all (the sign-in page). */
export const DATA_ATTRIBUTION: string[] = CREDITS.map((c) => c.html);

/** A style layer as far as showing its source goes. */
export interface ShownLayer {
	source?: unknown;
	minzoom?: number;
	maxzoom?: number;
	layout?: { visibility?: unknown };
}

/**
 * The sources drawn at this zoom: those with a layer that is visible and within its zoom range.
 *
 * @example shownSources([{ source: 'streetlights', minzoom: 12.5 }], 11) // Set {}
 */
export function shownSources(layers: readonly ShownLayer[], zoom: number): Set<string> {
	const shown = new Set<string>();
	for (const layer of layers) {
		if (typeof layer.source !== 'string' || layer.layout?.visibility === 'none') continue;
		if (layer.minzoom !== undefined && zoom < layer.minzoom) continue;
		if (layer.maxzoom !== undefined && zoom >= layer.maxzoom) continue;
		shown.add(layer.source);
	}
	return shown;
}

/**
 * The credits for what is on screen: the sources shown, and for local data only when its place
 * overlaps the view.
 *
 * @example
 * creditsFor(new Set(['areas', 'streetlights']), tilburg) // [the CBS buurten credit] (no Utrecht lights)
 */
export function creditsFor(shown: ReadonlySet<string>, view: LngLatBBox): string[] {
	return CREDITS.filter(
		(c) => c.sources.some((s) => shown.has(s)) && (!c.within || overlaps(c.within, view))
	).map((c) => c.html);
}

function overlaps(a: LngLatBBox, b: LngLatBBox): boolean {
	return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
