// The contract of the gap analysis (gaps.ts, run in gaps.worker.ts): what the gap view, its
// table, the CSV and the A4 report show. Every figure carries the numbers behind it, so a hover
// or a table cell can explain itself.

import type { Domain, Theme } from '$lib/vocabulary/vocabulary';
import type { ThemeCounts } from './gap-input';

/**
 * The default H3 resolution of the hexagon grid: about 0.1 km² per hexagon. Here, not in gaps.ts,
 * so a page can read it without bundling the analysis (and h3-js), which runs in the worker.
 */
export const DEFAULT_RESOLUTION = 9;

export interface AnalysisOptions {
	/** Walking distance within which an asset answers a theme (metres, default 500). */
	radiusM: number;
	/** H3 resolution of the hexagon grid (default 9: about 0.1 km², 170 m edges). */
	resolution: number;
	/**
	 * Only units and assets inside this geometry count (a custom area, or any area drawn on the
	 * map); none: everything in the input.
	 */
	focus?: GeoJSON.Polygon | GeoJSON.MultiPolygon;
	/** "Now", for days since the last visit (ms since epoch). */
	now: number;
}

/** Coverage of a buurt or a street; shares are 0..1, null when there are no addresses. */
export interface Coverage {
	addresses: number;
	visited: number;
	talked: number;
	visitedShare: number | null;
	talkedShare: number | null;
	visitedBefore: number;
	talkedBefore: number;
	lastVisit: string | null;
	daysSinceLastVisit: number | null;
	/** Addresses whose counts a viewer may not see (fewer than 5 residents); not in the shares. */
	suppressedAddresses: number;
}

export interface StreetCoverage extends Coverage {
	area: string;
	street: string;
	/** No conversation ever at any of its addresses: stands out on the map and in the table. */
	neverVisited: boolean;
	lon: number;
	lat: number;
}

export interface DomainBalance {
	sociaal: number;
	fysiek: number;
}

/** This period against the previous one (as long, just before). */
export interface Change {
	visited: number;
	visitedBefore: number;
	talked: number;
	talkedBefore: number;
	/** Of the active assets, those created in the period, and those created in the previous one. */
	newAssets: number;
	newAssetsBefore: number;
	raised: number;
	raisedBefore: number;
}

export interface BuurtSummary extends Coverage {
	area: string;
	code: string;
	name: string;
	/** Active key figures (assets of kind key_figure) in the buurt. */
	keyFigures: number;
	/** Active assets in the buurt, by the domains they serve (an asset of both counts in both). */
	domain: DomainBalance;
	assets: number;
	raised: ThemeCounts;
	unmet: ThemeCounts;
	change: Change;
}

/** One hexagon of the grid: everything in it, and the themes nobody answers within reach. */
export interface HexCell {
	h3: string;
	lon: number;
	lat: number;
	/** The outline, closed ([lon, lat], first = last), for the map layer. */
	outline: [number, number][];
	addresses: number;
	visited: number;
	talked: number;
	/** Themes raised in talks in the cell this period. */
	raised: ThemeCounts;
	/** Of those, raised where no active asset with the theme lies within the radius. */
	unmet: ThemeCounts;
	/** Sum of unmet: the cell's gap score, for ranking and the map's colour. */
	unmetTotal: number;
	assets: number;
	keyFigures: number;
	domain: DomainBalance;
}

export interface ThemeGap {
	theme: Theme;
	domains: readonly Domain[];
	/** Times raised in talks this period, and in the previous period. */
	raised: number;
	raisedBefore: number;
	/** Of `raised`, where no active asset with the theme lies within the radius. */
	unmet: number;
	unmetShare: number | null;
	/** Active assets offering the theme. */
	assets: number;
	/** The cells with most unmet raisings of this theme, biggest first (at most 5). */
	topCells: string[];
}

/** An active asset offering themes that nobody raised within the radius this period. */
export interface UnusedStrength {
	asset: string;
	title: string;
	kind: string;
	area: string;
	themes: Theme[];
}

/** A key figure and who is linked to her within two steps (links either way). */
export interface KeyFigureReach {
	asset: string;
	title: string;
	area: string;
	h3: string;
	/** Assets within two steps, herself not counted. */
	assets: number;
	/** Of those, assets of residents (capacities and key figures with a person). */
	residents: number;
	direct: number;
}

export interface GapAnalysis {
	options: Omit<AnalysisOptions, 'focus'> & { focused: boolean };
	aggregated: boolean;
	minResidents: number;
	period: { from: string; to: string; previousFrom: string };
	total: Coverage & { assets: number; keyFigures: number; domain: DomainBalance; change: Change };
	buurten: BuurtSummary[];
	streets: StreetCoverage[];
	cells: HexCell[];
	/** Every theme, biggest unmet first. */
	themes: ThemeGap[];
	unusedStrengths: UnusedStrength[];
	keyFigures: KeyFigureReach[];
	/** Buurten (ids) and cells (h3) with addresses but no active key figure. */
	withoutKeyFigure: { buurten: string[]; cells: string[] };
}
