// What the gap view (witte-vlekken) makes of an analysis: its settings in the URL, the period
// asked, the map's features and colours, sorting and change arrows for the table. Pure.
import { bbox as turfBbox } from '@turf/bbox';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { areasBbox, bboxUnder, type LngLatBBox } from '$lib/areas/areas';
import type { AreaGeometry, AreaRecord } from '$lib/pocketbase/types';
import { THEMES, isTheme, type Theme } from '$lib/vocabulary/vocabulary';
import type { GapAnalysis, HexCell, StreetCoverage, ThemeGap } from './gap-analysis';
import { CSV_TABLES, type CsvTable } from './csv';
import { DEFAULT_RADIUS_M, type GapAsset, type ThemeCounts } from './gap-input';

/**
 * The periods to pick from. Viewers get them as whole calendar quarters (1, 2 or 4): the server
 * refuses them anything else (VIEWER_PERIOD_MONTHS in pb_hooks/lib/gap-input.js, the same list;
 * tests/integration/gaps-api.test.ts asks each).
 */
export const PERIOD_MONTHS = [3, 6, 12] as const;
export type PeriodMonths = (typeof PERIOD_MONTHS)[number];
export const DEFAULT_MONTHS: PeriodMonths = 3;
export const MIN_RADIUS_M = 100;
export const MAX_RADIUS_M = 2000;

/** The map's switchable layers, in the order of the layer switch. */
export const GAP_LAYER_GROUPS = [
	'coverage',
	'cells',
	'keyFigures',
	'streets',
	'assets',
	'thin'
] as const;
export type GapLayerGroup = (typeof GAP_LAYER_GROUPS)[number];
/** What a first visit shows: every layer but the key-figure hatching and the thin networks. */
export const DEFAULT_LAYERS: readonly GapLayerGroup[] = ['coverage', 'cells', 'streets', 'assets'];
export const DEFAULT_TAB: CsvTable = 'buurten';

export interface GapViewSettings {
	/** Area code (gemeente, wijk, buurt or custom); null: all the user's areas. */
	area: string | null;
	months: PeriodMonths;
	radiusM: number;
	/** Only this theme on the hexagons and in the figures; null: every theme. */
	theme: Theme | null;
	/** The layers shown, in GAP_LAYER_GROUPS order. */
	layers: GapLayerGroup[];
	/** The table's open tab (what the CSV holds). */
	tab: CsvTable;
	/**
	 * A listening round's id (`ronde`): its period and its doors only (staff; viewers read no
	 * rounds); null: none.
	 */
	round: string | null;
	/**
	 * The buurten table leaves out buurten without addresses (farmland, industry, water): nothing
	 * to visit there, and their empty rows bury the buurten that need a visit. `empty=show` in
	 * the URL shows them.
	 */
	hideEmpty: boolean;
}

const AREA_CODE = /^[A-Za-z0-9_-]{1,40}$/;
const WHOLE = /^\d{1,5}$/;

/**
 * Reads the view's settings from the query string; bad or unknown values give the defaults (all
 * areas, 3 months, 500 m, every theme, the default layers, the buurten tab, no round, buurten
 * without addresses hidden). A distance outside
 * 100–2000 m is clamped.
 *
 * @example
 * readGapSettings(new URLSearchParams('area=WK034403&months=6&radius=9000&theme=taal&tab=themes'))
 * // { area: 'WK034403', months: 6, radiusM: 2000, theme: 'taal',
 * //   layers: ['coverage', 'cells', 'streets', 'assets'], tab: 'themes' }
 */
export function readGapSettings(params: URLSearchParams): GapViewSettings {
	const area = params.get('area');
	const months = Number(params.get('months'));
	const radius = params.get('radius');
	const theme = params.get('theme');
	const tab = params.get('tab');
	const round = params.get('ronde');
	return {
		area: area !== null && AREA_CODE.test(area) ? area : null,
		months: (PERIOD_MONTHS as readonly number[]).includes(months)
			? (months as PeriodMonths)
			: DEFAULT_MONTHS,
		radiusM: radius !== null && WHOLE.test(radius) ? clampRadius(Number(radius)) : DEFAULT_RADIUS_M,
		theme: isTheme(theme) ? theme : null,
		layers: readLayers(params.get('layers')),
		tab: (CSV_TABLES as readonly string[]).includes(tab ?? '') ? (tab as CsvTable) : DEFAULT_TAB,
		round: round !== null && AREA_CODE.test(round) ? round : null,
		hideEmpty: params.get('empty') !== 'show'
	};
}

/** `layers=coverage,cells` → those groups in their order; '' → none; missing or unknown → default. */
function readLayers(value: string | null): GapLayerGroup[] {
	if (value === null) return [...DEFAULT_LAYERS];
	const asked = value.split(',').filter((v) => v !== '');
	if (asked.some((v) => !(GAP_LAYER_GROUPS as readonly string[]).includes(v))) {
		return [...DEFAULT_LAYERS];
	}
	return GAP_LAYER_GROUPS.filter((group) => asked.includes(group));
}

const sameLayers = (a: readonly GapLayerGroup[], b: readonly GapLayerGroup[]) =>
	a.length === b.length && a.every((group) => b.includes(group));

/** The settings as a query string, defaults left out; `readGapSettings` gives them back. */
export function writeGapSettings(settings: GapViewSettings): URLSearchParams {
	const params = new URLSearchParams();
	if (settings.area !== null && AREA_CODE.test(settings.area)) params.set('area', settings.area);
	if (settings.months !== DEFAULT_MONTHS) params.set('months', String(settings.months));
	const radius = clampRadius(settings.radiusM);
	if (radius !== DEFAULT_RADIUS_M) params.set('radius', String(radius));
	if (settings.theme) params.set('theme', settings.theme);
	const layers = GAP_LAYER_GROUPS.filter((group) => settings.layers.includes(group));
	if (!sameLayers(layers, DEFAULT_LAYERS)) params.set('layers', layers.join(','));
	if (settings.tab !== DEFAULT_TAB) params.set('tab', settings.tab);
	if (settings.round !== null && AREA_CODE.test(settings.round))
		params.set('ronde', settings.round);
	if (!settings.hideEmpty) params.set('empty', 'show');
	return params;
}

/**
 * The rows of the buurten table: without the buurten that have no addresses when `hideEmpty`.
 *
 * @example buurtRows([{ addresses: 0 }, { addresses: 12 }], true) // [{ addresses: 12 }]
 */
export function buurtRows<T extends { addresses: number }>(
	rows: readonly T[],
	hideEmpty: boolean
): T[] {
	return hideEmpty ? rows.filter((row) => row.addresses > 0) : [...rows];
}

/** A walking distance within 100–2000 m, whole metres; anything unreadable is the default. */
export function clampRadius(metres: number): number {
	if (!Number.isFinite(metres)) return DEFAULT_RADIUS_M;
	return Math.min(MAX_RADIUS_M, Math.max(MIN_RADIUS_M, Math.round(metres)));
}

function isoDay(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * "The last N months" up to and including today, as the gap input asks it (from inclusive, to
 * exclusive, local days). A day that does not exist N months back (31 May − 3 months) becomes the
 * last day of that month.
 *
 * @example periodFor(3, new Date(2026, 11, 1)) // { from: '2026-09-01', to: '2026-12-02' }
 */
export function periodFor(months: number, now: Date): { from: string; to: string } {
	const start = new Date(now.getFullYear(), now.getMonth() - months, 1);
	const lastDay = new Date(start.getFullYear(), start.getMonth() + 1, 0).getDate();
	start.setDate(Math.min(now.getDate(), lastDay));
	const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
	return { from: isoDay(start), to: isoDay(end) };
}

/**
 * A viewer's "last N months": the last N / 3 whole calendar quarters in UTC, ending where the
 * current quarter began (as the server counts them), so no two periods she can ask differ by less
 * than a quarter of talks.
 *
 * @example quarterPeriodFor(6, new Date(Date.UTC(2026, 11, 7))) // { from: '2026-04-01', to: '2026-10-01' }
 */
export function quarterPeriodFor(months: number, now: Date): { from: string; to: string } {
	const quarterMonth = Math.floor(now.getUTCMonth() / 3) * 3;
	const day = (monthsBack: number) =>
		new Date(Date.UTC(now.getUTCFullYear(), quarterMonth - monthsBack, 1))
			.toISOString()
			.slice(0, 10);
	return { from: day(months), to: day(0) };
}

/**
 * The period a user asks for these months: whole quarters for a viewer (the server refuses her any
 * other period: issue 11, class 5), else the months up to and including today.
 *
 * @example periodForRole('viewer', 3, new Date('2026-12-07')) // { from: '2026-07-01', to: '2026-10-01' }
 */
export function periodForRole(
	role: string | undefined,
	months: number,
	now: Date
): { from: string; to: string } {
	return (role === 'viewer' ? quarterPeriodFor : periodFor)(months, now);
}

// ---- numbers -------------------------------------------------------------------------------

/** How a figure moved against the previous period. */
export type Trend = 'up' | 'down' | 'same';

/** @example trend(5, 3) // 'up' */
export function trend(now: number, before: number): Trend {
	return now > before ? 'up' : now < before ? 'down' : 'same';
}

/** The arrow for a trend, for the table and the report. */
export const TREND_ARROW: Record<Trend, string> = { up: '▲', down: '▼', same: '=' };

/**
 * A share as a whole percentage, or '–' without a denominator.
 * @example percent(0.3) // '30%'
 */
export function percent(share: number | null): string {
	return share === null ? '–' : `${Math.round(share * 100)}%`;
}

/** The count of one theme, or of all themes when `theme` is null. */
export function themeCount(counts: ThemeCounts, theme: Theme | null): number {
	if (theme) return counts[theme] ?? 0;
	let total = 0;
	for (const value of Object.values(counts)) total += value ?? 0;
	return total;
}

/** The themes of a count, biggest first, e.g. for a popup: [['taal', 4], ['jeugd', 1]]. */
export function themesByCount(counts: ThemeCounts): [Theme, number][] {
	return THEMES.filter((t) => (counts[t] ?? 0) > 0)
		.map((t): [Theme, number] => [t, counts[t] ?? 0])
		.sort((a, b) => b[1] - a[1]);
}

/** Whole days since an ISO date-time, or null. */
export function daysSince(iso: string | null, now: number): number | null {
	if (!iso) return null;
	const at = Date.parse(iso.replace(' ', 'T'));
	return Number.isNaN(at) ? null : Math.max(0, Math.floor((now - at) / 86_400_000));
}

// ---- streets to plan a round for ------------------------------------------------------------

/** A street is least covered when fewer than this share of its doors were visited in the period. */
export const LEAST_COVERED_SHARE = 0.25;

/** Whether a visited share (of a street's doors, in the period) is among the least covered. */
export function isLeastCovered(visitedShare: number | null): boolean {
	return visitedShare !== null && visitedShare < LEAST_COVERED_SHARE;
}

/** Which streets of the table a round is planned with. */
export type PlanStreets = 'never' | 'least';

/**
 * The streets of the table to plan a round with (by buurt and name, as the round's URL takes
 * them): those nobody ever visited, or the least covered (`isLeastCovered`, never visited
 * included). A viewer's folded rest of a buurt (no street name) is none.
 *
 * @example planStreets(analysis.streets, 'never') // [{ area: 'b1', street: 'Amazonedreef' }]
 */
export function planStreets(
	streets: readonly Pick<
		StreetCoverage,
		'area' | 'street' | 'addresses' | 'neverVisited' | 'visitedShare'
	>[],
	which: PlanStreets
): { area: string; street: string }[] {
	return streets
		.filter((s) => s.street !== '' && s.addresses > 0)
		.filter((s) => (which === 'never' ? s.neverVisited : isLeastCovered(s.visitedShare)))
		.map(({ area, street }) => ({ area, street }));
}

// ---- sorting -------------------------------------------------------------------------------

export type SortValue = number | string | null;
export interface Sort {
	column: string;
	descending: boolean;
}

/**
 * Rows sorted by a value; nulls (no figure) always last, strings by Dutch collation, ties keep
 * their order.
 *
 * @example sortRows([{ n: 1 }, { n: null }, { n: 3 }], (r) => r.n, true) // 3, 1, null
 */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, descending: boolean) {
	return rows
		.map((row, index) => ({ row, index, value: value(row) }))
		.sort((a, b) => {
			if (a.value === null || b.value === null) {
				return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
			}
			const order =
				typeof a.value === 'number' && typeof b.value === 'number'
					? a.value - b.value
					: String(a.value).localeCompare(String(b.value), 'nl');
			return (descending ? -order : order) || a.index - b.index;
		})
		.map((entry) => entry.row);
}

// ---- the map -------------------------------------------------------------------------------

/** Colours of the gap layers: coverage from red (nobody visited) to green, gaps in purple. */
export const GAP_COLORS = {
	/** Coverage steps, lowest first: [from share, colour]. */
	coverage: [
		[0, '#d7301f'],
		[0.2, '#fc8d59'],
		[0.4, '#fdcc8a'],
		[0.6, '#a6d96a'],
		[0.8, '#1a9641']
	] as const,
	noAddresses: '#c9ced1',
	neverVisited: '#e6007e',
	/** Unmet raisings in a cell, by count: [from count, colour]. */
	unmet: [
		[1, '#dadaeb'],
		[2, '#9e9ac8'],
		[4, '#6a51a3'],
		[8, '#3f007d']
	] as const,
	cellLine: '#54278f',
	hatch: '#3b3b3b',
	asset: '#1f4e6b',
	keyFigure: '#7a2e00',
	/**
	 * A thin network's outline: near-black dashes on a white casing. It differs from every other
	 * layer by its pattern and lightness, not its hue, so colour blindness does not hide it.
	 */
	thin: '#111111',
	thinCasing: '#ffffff'
} as const;

export interface BuurtFeatureProperties {
	id: string;
	name: string;
	/** Visited share 0..1, or -1 without addresses (GeoJSON properties cannot hold null well). */
	share: number;
	withoutKeyFigure: boolean;
}

/**
 * The buurten of the analysis with their geometry, for the coverage layer; buurten without a
 * geometry are left out.
 */
export function buurtFeatures(
	analysis: Pick<GapAnalysis, 'buurten' | 'withoutKeyFigure'>,
	geometryOf: (id: string) => AreaGeometry | null | undefined
): FeatureCollection<AreaGeometry, BuurtFeatureProperties> {
	const without = new Set(analysis.withoutKeyFigure.buurten);
	const features: Feature<AreaGeometry, BuurtFeatureProperties>[] = [];
	for (const buurt of analysis.buurten) {
		const geometry = geometryOf(buurt.area);
		if (!geometry) continue;
		features.push({
			type: 'Feature',
			id: buurt.area,
			geometry,
			properties: {
				id: buurt.area,
				name: buurt.name,
				share: buurt.visitedShare ?? -1,
				withoutKeyFigure: without.has(buurt.area)
			}
		});
	}
	return { type: 'FeatureCollection', features };
}

export interface CellFeatureProperties {
	id: string;
	/** Unmet raisings of the chosen theme (or all themes). */
	score: number;
	withoutKeyFigure: boolean;
}

/** The hexagons as polygons, scored by the chosen theme's unmet raisings (or all of them). */
export function cellFeatures(
	analysis: Pick<GapAnalysis, 'cells' | 'withoutKeyFigure'>,
	theme: Theme | null
): FeatureCollection<Polygon, CellFeatureProperties> {
	const without = new Set(analysis.withoutKeyFigure.cells);
	return {
		type: 'FeatureCollection',
		features: analysis.cells.map((cell: HexCell) => ({
			type: 'Feature',
			id: cell.h3,
			geometry: { type: 'Polygon', coordinates: [cell.outline] },
			properties: {
				id: cell.h3,
				score: theme ? (cell.unmet[theme] ?? 0) : cell.unmetTotal,
				withoutKeyFigure: without.has(cell.h3)
			}
		}))
	};
}

/** Streets nobody ever visited, as points at their middle (named in the tooltip). */
export function neverVisitedFeatures(
	analysis: Pick<GapAnalysis, 'streets'>
): FeatureCollection<Point, { id: string; street: string; addresses: number }> {
	return {
		type: 'FeatureCollection',
		features: analysis.streets
			.filter((s) => s.neverVisited && s.street !== '' && s.addresses > 0)
			.map((s) => {
				const id = `${s.area}|${s.street}`;
				return {
					type: 'Feature',
					id,
					geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
					properties: { id, street: s.street, addresses: s.addresses }
				};
			})
	};
}

/** Active assets as small dots (the chosen theme's only, when one is chosen); key figures flagged. */
export function assetFeatures(
	assets: readonly GapAsset[],
	theme: Theme | null
): FeatureCollection<Point, { id: string; title: string; keyFigure: boolean }> {
	return {
		type: 'FeatureCollection',
		features: assets
			.filter((a) => a.status === 'active' && (!theme || a.themes.includes(theme)))
			.map((a) => ({
				type: 'Feature',
				id: a.id,
				geometry: { type: 'Point', coordinates: [a.lon, a.lat] },
				properties: { id: a.id, title: a.title, keyFigure: a.kind === 'key_figure' }
			}))
	};
}

// ---- themes --------------------------------------------------------------------------------

/** Which layer groups show: those of `layers`. */
export function layerVisibility(layers: readonly GapLayerGroup[]): Record<GapLayerGroup, boolean> {
	return Object.fromEntries(
		GAP_LAYER_GROUPS.map((group) => [group, layers.includes(group)])
	) as Record<GapLayerGroup, boolean>;
}

/** The gap map's sources (GapsLayer's props): empty buurten, cells and streets until analysed. */
export function gapMapData(
	analysis: GapAnalysis | null,
	geometryOf: (id: string) => AreaGeometry | null | undefined,
	assets: readonly GapAsset[],
	theme: Theme | null
) {
	const empty = { type: 'FeatureCollection' as const, features: [] };
	return {
		buurten: analysis ? buurtFeatures(analysis, geometryOf) : empty,
		cells: analysis ? cellFeatures(analysis, theme) : empty,
		streets: analysis ? neverVisitedFeatures(analysis) : empty,
		assets: assetFeatures(assets, theme)
	};
}

/** Themes that residents raised, biggest unmet first (then most raised); the chosen one alone. */
export function rankedThemeGaps(themes: readonly ThemeGap[], theme: Theme | null): ThemeGap[] {
	return themes
		.filter((t) => (theme ? t.theme === theme : t.raised > 0 || t.raisedBefore > 0))
		.sort((a, b) => b.unmet - a.unmet || b.raised - a.raised);
}

// ---- export --------------------------------------------------------------------------------

/**
 * A file name for an export: the area's name made safe, and the date.
 * @example exportFileName('Witte vlekken', 'Taag- en Rubicondreef', '2026-12-01', 'csv')
 * // 'witte-vlekken-taag-en-rubicondreef-2026-12-01.csv'
 */
export function exportFileName(prefix: string, area: string, day: string, extension: string) {
	const slug = (text: string) =>
		text
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '');
	return `${[slug(prefix), slug(area), day].filter(Boolean).join('-')}.${extension}`;
}

// ---- the area asked --------------------------------------------------------------------------

export interface ScopeArea {
	id: string;
	code: string;
	name: string;
	level: string;
	geometry: AreaGeometry | null;
}

export interface GapScope {
	/** The areas to ask the server for (1 to 100 ids). */
	areaIds: string[];
	/** A custom area's own outline: only what lies inside counts. */
	focus?: AreaGeometry;
	/** The picked area, or null for all the user's areas. */
	area: ScopeArea | null;
}

/** The [west, south, east, north] around a polygon or multipolygon. */
export function geometryBbox(geometry: AreaGeometry): [number, number, number, number] {
	const [west, south, east, north] = turfBbox(geometry);
	return [west, south, east, north];
}

function bboxesTouch(a: number[], b: number[]): boolean {
	return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/**
 * What to ask the server for: the picked gemeente, wijk or buurt itself; for a custom area the
 * buurten whose box touches its box, with its outline as the analysis' focus; without a pick the
 * user's own areas. At most 100 ids (the server's limit).
 *
 * @example
 * gapScope('EIGEN1', areas, buurten, ['w1']) // { areaIds: ['b1', 'b2'], focus: {…}, area: {…} }
 */
export function gapScope(
	code: string | null,
	areas: readonly ScopeArea[],
	buurten: readonly ScopeArea[],
	roots: readonly string[]
): GapScope {
	const area = code ? (areas.find((a) => a.code === code) ?? null) : null;
	if (!area) return { areaIds: roots.slice(0, 100), area: null };
	if (area.level !== 'custom' || !area.geometry) return { areaIds: [area.id], area };
	const box = geometryBbox(area.geometry);
	const touched = buurten
		.filter((b) => b.level === 'buurt' && b.geometry && bboxesTouch(geometryBbox(b.geometry), box))
		.map((b) => b.id);
	return { areaIds: touched.slice(0, 100), focus: area.geometry, area };
}

/** The box to fit the map to: the scope's buurten (or a custom area's own outline), else all. */
export function scopeBounds(
	scope: GapScope,
	areas: { buurten: readonly AreaRecord[]; tree: readonly AreaRecord[] }
): LngLatBBox | null {
	const area = scope.area;
	if (area?.level === 'custom' && area.geometry) return areasBbox([area as AreaRecord]);
	return bboxUnder(area as AreaRecord | null, areas.tree, areas.buurten);
}
