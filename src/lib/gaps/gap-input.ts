// The contract of `GET /api/krachtkaart/gaps` (pb_hooks/gaps.pb.js): what the gap analysis
// (gaps.ts, run in a worker) starts from. The server builds it with SQLite in one query and keeps
// people's details out of it; viewers get only units of at least MIN_RESIDENTS residents.

import type { Domain, Theme } from '$lib/vocabulary/vocabulary';

/** Viewers never see a figure about fewer residents than this (in a unit, cell or buurt). */
export const MIN_RESIDENTS = 5;

/** The default walking distance within which an asset answers a theme, in metres. */
export const DEFAULT_RADIUS_M = 500;

/** Theme counts, only themes raised at least once. */
export type ThemeCounts = Partial<Record<Theme, number>>;

/**
 * Doors, as the analysis counts them. For coordinators, workers and admins one unit is one
 * address at its own point. For viewers one unit is a street within a buurt, at the middle of its
 * addresses, and only when at least MIN_RESIDENTS of its addresses had a talk in either period
 * (or none did); the rest of a buurt's streets are folded into one unit per buurt (`street` '')
 * at the buurt's middle, itself left out below MIN_RESIDENTS. So totals stay true where shown.
 *
 * Counts come only from conversations the caller may list (viewers: those of her own areas);
 * every address of the asked areas is a unit, as addresses are readable by everyone signed in.
 * A talk logged without an address (GPS only) does not count for coverage, but for staff its
 * themes do: one extra unit per such talk at its own point, in its own area, with `addresses` 0,
 * all counts 0 and `lastVisit` null. Viewers never get those (they have no street to be folded
 * into). Periods are whole days in UTC.
 */
export interface GapUnit {
	lon: number;
	lat: number;
	/** The buurt (areas id) the addresses lie in. */
	area: string;
	/** The street name; '' for a viewer's folded rest of a buurt. */
	street: string;
	/** Addresses in the unit (the coverage denominator). */
	addresses: number;
	/** Addresses with at least one conversation in the period, any outcome. */
	visited: number;
	/** Addresses with at least one talk (`outcome` talked) in the period. */
	talked: number;
	/** The same two for the previous period (as long, just before). */
	visitedBefore: number;
	talkedBefore: number;
	/**
	 * The latest conversation at any of its addresses, ever: ISO date-time
	 * (`2026-02-10T10:00:00.000Z`; for viewers the day only, `2026-02-10T00:00:00.000Z`), or null.
	 */
	lastVisit: string | null;
	/** Themes residents raised in talks in the period, and in the previous period. */
	themes: ThemeCounts;
	themesBefore: ThemeCounts;
	/**
	 * Viewers only: the rest of a buurt with too few residents to show. Only `addresses` is
	 * given (the counts are 0), so shares can say how many addresses they leave out.
	 */
	suppressed?: boolean;
}

/** An asset as the analysis needs it: at the point the caller may see (viewers: the public one). */
export interface GapAsset {
	id: string;
	kind: string;
	title: string;
	lon: number;
	lat: number;
	area: string;
	themes: Theme[];
	domain: Domain[];
	status: string;
	created: string;
	/** Belongs to a resident (`person` set): counted as a resident in a key figure's reach. */
	resident: boolean;
}

export interface GapLink {
	from: string;
	to: string;
}

export interface GapArea {
	id: string;
	code: string;
	name: string;
	level: 'gemeente' | 'wijk' | 'buurt' | 'custom';
	parent: string;
}

export interface GapInput {
	/** True for viewers: units are streets and buurten of at least MIN_RESIDENTS residents. */
	aggregated: boolean;
	minResidents: number;
	/**
	 * The period asked (from inclusive, to exclusive, YYYY-MM-DD) and the one before it; for
	 * viewers whole calendar quarters (see the README's viewers).
	 */
	period: { from: string; to: string; previousFrom: string };
	/** The asked areas and every area under them (two levels), without geometry. */
	areas: GapArea[];
	units: GapUnit[];
	/** Active and ended assets in the areas; `status` tells them apart. */
	assets: GapAsset[];
	/** Links that start or end at one of `assets`. */
	links: GapLink[];
}
