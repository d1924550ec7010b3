// The gap analysis (witte vlekken): coverage, unmet themes, key figures, domain balance and change,
// from the server's gap input (gap-input.ts) to what the gap view shows (gap-analysis.ts). Pure:
// no DOM, no PocketBase, so it runs in a Web Worker (gaps.worker.ts) and in unit tests alike.
// City scale (120,000 units, 20,000 assets) stays well under a second because every "is there one
// within the radius" question goes to a spatial index per theme, never to a loop over all assets.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import { cellToBoundary, cellToLatLng } from 'h3-js';
import { THEMES, THEME_DOMAINS, type Theme } from '$lib/vocabulary/vocabulary';
import { CellFinder } from './cell-finder';
import {
	DEFAULT_RESOLUTION,
	type AnalysisOptions,
	type BuurtSummary,
	type Change,
	type Coverage,
	type DomainBalance,
	type GapAnalysis,
	type HexCell,
	type KeyFigureReach,
	type StreetCoverage,
	type ThemeGap,
	type UnusedStrength
} from './gap-analysis';
import {
	DEFAULT_RADIUS_M,
	type GapArea,
	type GapAsset,
	type GapInput,
	type GapUnit,
	type ThemeCounts
} from './gap-input';

// Also here, for callers that have the analysis anyway.
export { DEFAULT_RESOLUTION };

/** The mean earth radius (IUGG), in metres, for great-circle distances. */
export const EARTH_RADIUS_M = 6_371_008.8;

/** How far the analysis is, for a progress bar: a share from 0 to 1. */
export type GapProgress = (share: number) => void;

const DAY_MS = 86_400_000;
const RAD = Math.PI / 180;
const MAX_TOP_CELLS = 5;
const THEME_COUNT = THEMES.length;
/** Themes by their index in THEMES: counts are kept in arrays of THEME_COUNT, not in objects. */
const THEME_INDEX = new Map<string, number>(THEMES.map((theme, i) => [theme, i]));
/** One collator for every sort: localeCompare(…, 'nl') builds a new one per call (slow). */
const byName = new Intl.Collator('nl').compare;
/** "Within the radius" includes the radius itself, give or take a millimetre of rounding. */
const WITHIN_TOLERANCE_M = 0.001;

/**
 * Great-circle distance in metres (haversine).
 *
 * @example haversineMeters(5.12, 52.09, 5.12, 52.09 + 400 / 111_195.08) // ≈ 400
 */
export function haversineMeters(lon1: number, lat1: number, lon2: number, lat2: number): number {
	const sinLat = Math.sin(((lat2 - lat1) * RAD) / 2);
	const sinLon = Math.sin(((lon2 - lon1) * RAD) / 2);
	const h = sinLat * sinLat + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * sinLon * sinLon;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Points on a flatbush index in plain degrees, asked "is any of them within r metres of here?".
 * The box searched is the exact bounding box of the circle on the sphere (no projection error,
 * so nothing within reach is missed), and each candidate is checked by its haversine distance;
 * `collides` stops at the first one that passes.
 */
class PointIndex {
	private readonly index: Flatbush;
	private readonly lons: Float64Array;
	private readonly lats: Float64Array;
	// The current question, read by one filter made once (no closure per question).
	private queryLon = 0;
	private queryLat = 0;
	private queryRadius = 0;
	private readonly within = (i: number) =>
		haversineMeters(this.queryLon, this.queryLat, this.lons[i], this.lats[i]) <= this.queryRadius;

	constructor(lons: number[], lats: number[]) {
		this.lons = Float64Array.from(lons);
		this.lats = Float64Array.from(lats);
		this.index = new Flatbush(lons.length, 16, Float64Array);
		for (let i = 0; i < lons.length; i++) this.index.add(lons[i], lats[i], lons[i], lats[i]);
		this.index.finish();
	}

	anyWithin(lon: number, lat: number, radiusM: number): boolean {
		const angle = radiusM / EARTH_RADIUS_M;
		// A hair wider than the exact box, against rounding at its edge.
		const dLat = angle / RAD + 1e-9;
		const cosLat = Math.cos(lat * RAD);
		const dLon = cosLat > Math.sin(angle) ? Math.asin(Math.sin(angle) / cosLat) / RAD + 1e-9 : 180;
		this.queryLon = lon;
		this.queryLat = lat;
		this.queryRadius = radiusM + WITHIN_TOLERANCE_M;
		return this.index.collides(lon - dLon, lat - dLat, lon + dLon, lat + dLat, this.within);
	}
}

/** Points per theme (by index in THEMES), made into one index per theme once all are added. */
class ThemeIndex {
	private readonly lons: number[][] = THEMES.map(() => []);
	private readonly lats: number[][] = THEMES.map(() => []);
	private readonly built: (PointIndex | null)[] = THEMES.map(() => null);

	add(theme: number, lon: number, lat: number): void {
		this.lons[theme].push(lon);
		this.lats[theme].push(lat);
	}

	finish(): void {
		for (let t = 0; t < THEME_COUNT; t++) {
			if (this.lons[t].length > 0) this.built[t] = new PointIndex(this.lons[t], this.lats[t]);
		}
	}

	anyWithin(theme: number, lon: number, lat: number, radiusM: number): boolean {
		return this.built[theme]?.anyWithin(lon, lat, radiusM) ?? false;
	}
}

/** Whether a point lies in the focus, a boundary point counting as inside; bbox first. */
function focusTest(
	focus: GeoJSON.Polygon | GeoJSON.MultiPolygon | undefined
): ((lon: number, lat: number) => boolean) | null {
	if (!focus) return null;
	let west = Infinity;
	let south = Infinity;
	let east = -Infinity;
	let north = -Infinity;
	const rings = focus.type === 'Polygon' ? [focus.coordinates] : focus.coordinates;
	for (const polygon of rings) {
		// The outer ring bounds the polygon; holes lie within it.
		for (const [lon, lat] of polygon[0] ?? []) {
			if (lon < west) west = lon;
			if (lon > east) east = lon;
			if (lat < south) south = lat;
			if (lat > north) north = lat;
		}
	}
	return (lon, lat) =>
		lon >= west &&
		lon <= east &&
		lat >= south &&
		lat <= north &&
		booleanPointInPolygon([lon, lat], focus, { ignoreBoundary: false });
}

/** PocketBase writes "2026-03-01 10:00:00.000Z"; Date.parse wants the T. */
function parseTime(value: string | null | undefined): number {
	if (!value) return Number.NaN;
	return Date.parse(value.includes('T') ? value : value.replace(' ', 'T'));
}

/** The period a date-time falls in, by its UTC date as the server's SQLite compares it. */
function periodOf(value: string, period: GapInput['period']): 'now' | 'before' | null {
	const day = (value ?? '').slice(0, 10);
	if (day.length < 10) return null;
	if (day >= period.from && day < period.to) return 'now';
	if (day >= period.previousFrom && day < period.from) return 'before';
	return null;
}

function validCount(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function validPoint(lon: number, lat: number): boolean {
	return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lat) <= 90;
}

/** Theme counts kept in an array by theme index → the contract's object of raised themes only. */
function toCounts(counts: Float64Array): ThemeCounts {
	const result: ThemeCounts = {};
	for (let t = 0; t < THEME_COUNT; t++) if (counts[t] > 0) result[THEMES[t]] = counts[t];
	return result;
}

function sum(counts: Float64Array): number {
	let total = 0;
	for (let t = 0; t < THEME_COUNT; t++) total += counts[t];
	return total;
}

/**
 * One unit's themes of this period, parsed once: `theme[i]` (index in THEMES) raised `count[i]`
 * times, `unmet[i]` of them with no answer within reach. Reused for every unit (no allocation).
 */
const unitThemes = {
	length: 0,
	theme: new Int32Array(THEME_COUNT),
	count: new Float64Array(THEME_COUNT),
	unmet: new Uint8Array(THEME_COUNT),
	before: 0
};

function parseThemes(counts: ThemeCounts | undefined, into: typeof unitThemes): void {
	into.length = 0;
	if (!counts) return;
	for (const key in counts) {
		const theme = THEME_INDEX.get(key);
		const count = validCount(counts[key as Theme]);
		if (theme === undefined || count === 0) continue;
		into.theme[into.length] = theme;
		into.count[into.length] = count;
		into.unmet[into.length] = 0;
		into.length++;
	}
}

function countBefore(counts: ThemeCounts | undefined, byTheme: Float64Array): number {
	let total = 0;
	if (!counts) return total;
	for (const key in counts) {
		const theme = THEME_INDEX.get(key);
		const count = validCount(counts[key as Theme]);
		if (theme === undefined || count === 0) continue;
		byTheme[theme] += count;
		total += count;
	}
	return total;
}

/** Running sums of one buurt, street, cell or the whole: everything a row shows. */
class Tally {
	addresses = 0;
	visited = 0;
	talked = 0;
	visitedBefore = 0;
	talkedBefore = 0;
	suppressedAddresses = 0;
	lastVisitMs = -Infinity;
	lastVisit: string | null = null;
	raised = new Float64Array(THEME_COUNT);
	unmet = new Float64Array(THEME_COUNT);
	raisedBefore = 0;
	assets = 0;
	keyFigures = 0;
	sociaal = 0;
	fysiek = 0;
	newAssets = 0;
	newAssetsBefore = 0;

	addUnit(unit: GapUnit, addresses: number, lastMs: number, themes: typeof unitThemes): void {
		this.addresses += addresses;
		this.visited += validCount(unit.visited);
		this.talked += validCount(unit.talked);
		this.visitedBefore += validCount(unit.visitedBefore);
		this.talkedBefore += validCount(unit.talkedBefore);
		if (lastMs > this.lastVisitMs) {
			this.lastVisitMs = lastMs;
			this.lastVisit = unit.lastVisit;
		}
		for (let i = 0; i < themes.length; i++) {
			this.raised[themes.theme[i]] += themes.count[i];
			if (themes.unmet[i]) this.unmet[themes.theme[i]] += themes.count[i];
		}
		this.raisedBefore += themes.before;
	}

	coverage(now: number): Coverage {
		const share = (count: number) => (this.addresses > 0 ? count / this.addresses : null);
		return {
			addresses: this.addresses,
			visited: this.visited,
			talked: this.talked,
			visitedShare: share(this.visited),
			talkedShare: share(this.talked),
			visitedBefore: this.visitedBefore,
			talkedBefore: this.talkedBefore,
			lastVisit: this.lastVisit,
			daysSinceLastVisit:
				this.lastVisit === null ? null : Math.max(0, Math.floor((now - this.lastVisitMs) / DAY_MS)),
			suppressedAddresses: this.suppressedAddresses
		};
	}

	domain(): DomainBalance {
		return { sociaal: this.sociaal, fysiek: this.fysiek };
	}

	change(): Change {
		return {
			visited: this.visited,
			visitedBefore: this.visitedBefore,
			talked: this.talked,
			talkedBefore: this.talkedBefore,
			newAssets: this.newAssets,
			newAssetsBefore: this.newAssetsBefore,
			raised: sum(this.raised),
			raisedBefore: this.raisedBefore
		};
	}
}

/** A street's tally, with the address-weighted middle of its units for its point on the map. */
class StreetTally extends Tally {
	lonSum = 0;
	latSum = 0;
	weight = 0;
	/** Where a street of only hidden units is drawn: at its first unit. */
	fallback: [number, number] | null = null;

	constructor(
		readonly area: string,
		readonly street: string
	) {
		super();
	}
}

function tallyOf<K>(map: Map<K, Tally>, key: K): Tally {
	let tally = map.get(key);
	if (!tally) {
		tally = new Tally();
		map.set(key, tally);
	}
	return tally;
}

function checkedOptions(options: AnalysisOptions): { radiusM: number; resolution: number } {
	const radiusM = options.radiusM ?? DEFAULT_RADIUS_M;
	const resolution = options.resolution ?? DEFAULT_RESOLUTION;
	if (!Number.isFinite(radiusM) || radiusM <= 0) {
		throw new RangeError(`radiusM must be a positive number of metres, not ${radiusM}`);
	}
	if (!Number.isInteger(resolution) || resolution < 0 || resolution > 15) {
		throw new RangeError(`resolution must be an H3 resolution 0..15, not ${resolution}`);
	}
	if (!Number.isFinite(options.now)) throw new RangeError(`now must be a time, not ${options.now}`);
	return { radiusM, resolution };
}

/** The distinct known themes of an asset, by index. */
function assetThemes(themes: readonly string[] | undefined): number[] {
	const result: number[] = [];
	for (const theme of themes ?? []) {
		const index = THEME_INDEX.get(theme);
		if (index !== undefined && !result.includes(index)) result.push(index);
	}
	return result;
}

/** What every phase of one analysis reads: its checked options, its focus and the input's areas. */
interface Setup {
	radiusM: number;
	resolution: number;
	now: number;
	period: GapInput['period'];
	/** Whether a point lies in the focus; null: no focus, everything counts. */
	inFocus: ((lon: number, lat: number) => boolean) | null;
	areasById: Map<string, GapArea>;
}

/** The tallies of the units, phase 2's result, which the assets are counted into too. */
interface UnitTallies {
	total: Tally;
	buurten: Map<string, Tally>;
	/** In the order their first unit came: the street rows' order before sorting. */
	streets: StreetTally[];
	cells: Map<string, Tally>;
	/** Raisings of the previous period, by theme index. */
	raisedBefore: Float64Array;
	/** Where themes were raised, anywhere in the input: for the strengths nobody uses. */
	raisedWhere: ThemeIndex;
}

/** An active asset the analysis counts (in the focus), with its cell ('' when it has no point). */
type CountedAsset = { index: number; h3: string };

/**
 * The whole gap analysis of one input. Units and assets outside `options.focus` are not counted;
 * an asset anywhere in the input still answers a theme raised inside it (walking distance does
 * not stop at a drawn line), and raisings anywhere in the input still use a strength inside it.
 * It runs in phases, each a function below: the answers' index, the units' tallies, the assets'
 * tallies, the unused strengths, the key figures' reach, and the rows.
 *
 * @example
 * const analysis = analyseGaps(input, { radiusM: 500, resolution: 9, now: Date.now() });
 * analysis.buurten[0].visitedShare // 0.3: 3 of 10 addresses visited
 * analysis.themes[0] // the theme with most raisings and no asset within 500 m
 */
export function analyseGaps(
	input: GapInput,
	options: AnalysisOptions,
	onProgress?: GapProgress
): GapAnalysis {
	const { radiusM, resolution } = checkedOptions(options);
	const setup: Setup = {
		radiusM,
		resolution,
		now: options.now,
		period: input.period,
		inFocus: focusTest(options.focus),
		areasById: new Map((input.areas ?? []).map((area) => [area.id, area]))
	};
	onProgress?.(0);
	const assets = input.assets ?? [];
	const themesOf = assets.map((asset) => assetThemes(asset.themes));
	const answers = answerIndex(assets, themesOf);
	const tallies = tallyUnits(input.units ?? [], answers, setup, onProgress);
	onProgress?.(0.7);
	const { counted, themeAssets } = tallyAssets(assets, themesOf, tallies, setup);
	onProgress?.(0.8);
	const unusedStrengths = unusedStrengthsOf(
		assets,
		themesOf,
		counted,
		tallies.raisedWhere,
		radiusM
	);
	onProgress?.(0.9);
	const keyFigures = keyFigureReach(input, counted);

	const buurtRows = buurtRowsOf(tallies.buurten, setup);
	const streetRows = streetRowsOf(tallies.streets, buurtRows, setup.now);
	const cellEntries = [...tallies.cells];
	const cellRows = cellRowsOf(cellEntries);
	const themeRows = themeRowsOf(tallies, themeAssets, cellEntries);
	const { total } = tallies;
	const hasAddresses = (row: { addresses: number; suppressedAddresses?: number }) =>
		row.addresses + (row.suppressedAddresses ?? 0) > 0;
	const analysis: GapAnalysis = {
		options: { radiusM, resolution, now: setup.now, focused: !!setup.inFocus },
		aggregated: !!input.aggregated,
		minResidents: input.minResidents,
		period: { ...setup.period },
		total: {
			...total.coverage(setup.now),
			assets: total.assets,
			keyFigures: total.keyFigures,
			domain: total.domain(),
			change: total.change()
		},
		buurten: buurtRows,
		streets: streetRows,
		cells: cellRows,
		themes: themeRows,
		unusedStrengths,
		keyFigures,
		withoutKeyFigure: {
			buurten: buurtRows.filter((b) => b.keyFigures === 0 && hasAddresses(b)).map((b) => b.area),
			cells: cellRows.filter((c) => c.keyFigures === 0 && hasAddresses(c)).map((c) => c.h3)
		}
	};
	onProgress?.(1);
	return analysis;
}

/**
 * Phase 1, what answers a raised theme: the active assets' themes on an index per theme, wherever
 * they are in the input; ended assets (or ideas, paused ones) never answer.
 */
function answerIndex(assets: GapAsset[], themesOf: number[][]): ThemeIndex {
	const answers = new ThemeIndex();
	for (let a = 0; a < assets.length; a++) {
		const asset = assets[a];
		if (asset.status !== 'active' || !validPoint(asset.lon, asset.lat)) continue;
		for (const theme of themesOf[a]) answers.add(theme, asset.lon, asset.lat);
	}
	answers.finish();
	return answers;
}

/**
 * Phase 2, the units: each in the focus into the total, its buurt, its street and its cell, with
 * its raised themes marked unmet where no answer lies within the radius; a suppressed unit only
 * as addresses a viewer does not see. One pass over up to a city's 120,000 units, so it keeps the
 * last unit's buurt, street and cell (the server lists a street's units together).
 */
function tallyUnits(
	units: GapUnit[],
	answers: ThemeIndex,
	setup: Setup,
	onProgress: GapProgress | undefined
): UnitTallies {
	const { inFocus, radiusM } = setup;
	const total = new Tally();
	const buurten = new Map<string, Tally>();
	const streets = new Map<string, Map<string, StreetTally>>();
	const streetList: StreetTally[] = [];
	const cells = new Map<string, Tally>();
	const raisedBefore = new Float64Array(THEME_COUNT);
	const raisedWhere = new ThemeIndex();
	const last: {
		area?: string;
		streetName?: string;
		buurt?: Tally;
		street?: StreetTally;
		lon?: number;
		lat?: number;
		h3?: string;
		cell?: Tally;
	} = {};
	const unitCells = new CellFinder(setup.resolution);
	const progressEvery = Math.max(10_000, Math.ceil(units.length / 10));
	for (let u = 0; u < units.length; u++) {
		if (onProgress && u > 0 && u % progressEvery === 0) onProgress((0.7 * u) / units.length);
		const unit = units[u];
		const located = validPoint(unit.lon, unit.lat);
		const suppressed = !!unit.suppressed;
		parseThemes(suppressed ? undefined : unit.themes, unitThemes);
		if (located) {
			for (let i = 0; i < unitThemes.length; i++) {
				raisedWhere.add(unitThemes.theme[i], unit.lon, unit.lat);
			}
		}
		if (inFocus && !(located && inFocus(unit.lon, unit.lat))) continue;

		const addresses = validCount(unit.addresses);
		// The server lists a street's addresses together: the last unit's rows often fit again.
		const streetName = unit.street ?? '';
		if (unit.area !== last.area || streetName !== last.streetName || !last.street) {
			let byStreet = streets.get(unit.area);
			if (!byStreet) streets.set(unit.area, (byStreet = new Map()));
			let street = byStreet.get(streetName);
			if (!street) {
				street = new StreetTally(unit.area, streetName);
				byStreet.set(streetName, street);
				streetList.push(street);
			}
			last.area = unit.area;
			last.streetName = streetName;
			last.street = street;
			last.buurt = tallyOf(buurten, unit.area);
		}
		const { buurt, street } = last as { buurt: Tally; street: StreetTally };
		if (suppressed) {
			// Only how many addresses a viewer does not see: no counts, no place on the grid.
			total.suppressedAddresses += addresses;
			buurt.suppressedAddresses += addresses;
			street.suppressedAddresses += addresses;
			if (located && !street.fallback) street.fallback = [unit.lon, unit.lat];
			continue;
		}

		for (let i = 0; i < unitThemes.length; i++) {
			const answered =
				located && answers.anyWithin(unitThemes.theme[i], unit.lon, unit.lat, radiusM);
			unitThemes.unmet[i] = answered ? 0 : 1;
		}
		unitThemes.before = countBefore(unit.themesBefore, raisedBefore);
		const lastMs = unit.lastVisit ? parseTime(unit.lastVisit) : Number.NaN;
		total.addUnit(unit, addresses, lastMs, unitThemes);
		buurt.addUnit(unit, addresses, lastMs, unitThemes);
		street.addUnit(unit, addresses, lastMs, unitThemes);
		if (located) {
			// Addresses of one building share a point, those along a street mostly their cell.
			if (unit.lon !== last.lon || unit.lat !== last.lat || !last.cell) {
				last.lon = unit.lon;
				last.lat = unit.lat;
				const h3 = unitCells.cellOf(unit.lat, unit.lon);
				if (h3 !== last.h3 || !last.cell) {
					last.h3 = h3;
					last.cell = tallyOf(cells, h3);
				}
			}
			last.cell.addUnit(unit, addresses, lastMs, unitThemes);
			const weight = addresses || 1;
			street.lonSum += unit.lon * weight;
			street.latSum += unit.lat * weight;
			street.weight += weight;
		}
	}
	raisedWhere.finish();
	return { total, buurten, streets: streetList, cells, raisedBefore, raisedWhere };
}

/**
 * Phase 3, the active assets in the focus, with their domains, key figures and whether they are
 * new (created in this period or the previous one), into the total, their buurt and their cell;
 * themes counted per theme.
 * Returns the counted active assets, for the unused strengths and the key figures' reach.
 */
function tallyAssets(
	assets: GapAsset[],
	themesOf: number[][],
	tallies: UnitTallies,
	setup: Setup
): { counted: CountedAsset[]; themeAssets: Float64Array } {
	const { inFocus, areasById, period } = setup;
	const counted: CountedAsset[] = [];
	const assetCells = new CellFinder(setup.resolution);
	const themeAssets = new Float64Array(THEME_COUNT);
	for (let a = 0; a < assets.length; a++) {
		const asset = assets[a];
		// Ended, paused and ideas count nowhere, not even as new: "of which new" is never more
		// than the assets beside it (an ended one made this period was counted as new before).
		if (asset.status !== 'active') continue;
		const located = validPoint(asset.lon, asset.lat);
		if (inFocus && !(located && inFocus(asset.lon, asset.lat))) continue;
		const area = areasById.get(asset.area);
		// An asset placed on a wijk or gemeente has no buurt row; it counts in the total and grid.
		const buurt = !area || area.level === 'buurt' ? tallyOf(tallies.buurten, asset.area) : null;
		const h3 = located ? assetCells.cellOf(asset.lat, asset.lon) : '';
		const cell = located ? tallyOf(tallies.cells, h3) : null;
		const into = [tallies.total, buurt, cell].filter((t): t is Tally => t !== null);
		const created = periodOf(asset.created, period);
		const domains = asset.domain ?? [];
		const sociaal = domains.includes('sociaal');
		const fysiek = domains.includes('fysiek');
		const keyFigure = asset.kind === 'key_figure';
		for (const tally of into) {
			tally.assets++;
			if (created === 'now') tally.newAssets++;
			if (created === 'before') tally.newAssetsBefore++;
			if (sociaal) tally.sociaal++;
			if (fysiek) tally.fysiek++;
			if (keyFigure) tally.keyFigures++;
		}
		for (const theme of themesOf[a]) themeAssets[theme]++;
		counted.push({ index: a, h3 });
	}
	return { counted, themeAssets };
}

/**
 * Phase 4, strengths nobody uses: counted active assets with themes that nobody raised within the
 * radius, anywhere in the input. Those that answer nobody at all first, then by title.
 */
function unusedStrengthsOf(
	assets: GapAsset[],
	themesOf: number[][],
	counted: CountedAsset[],
	raisedWhere: ThemeIndex,
	radiusM: number
): UnusedStrength[] {
	const unused: { strength: UnusedStrength; answersNobody: boolean }[] = [];
	for (const { index } of counted) {
		const asset = assets[index];
		if (!validPoint(asset.lon, asset.lat)) continue;
		const themes = themesOf[index].filter(
			(theme) => !raisedWhere.anyWithin(theme, asset.lon, asset.lat, radiusM)
		);
		if (themes.length === 0) continue;
		unused.push({
			strength: {
				asset: asset.id,
				title: asset.title,
				kind: asset.kind,
				area: asset.area,
				themes: themes.map((theme) => THEMES[theme])
			},
			answersNobody: themes.length === themesOf[index].length
		});
	}
	unused.sort(
		(a, b) =>
			Number(b.answersNobody) - Number(a.answersNobody) ||
			byName(a.strength.title, b.strength.title)
	);
	return unused.map((u) => u.strength);
}

/**
 * The buurt rows: every buurt of the input (an empty one too), unless a focus narrows them to
 * those it holds units or assets of; by name, then code.
 */
function buurtRowsOf(buurten: Map<string, Tally>, setup: Setup): BuurtSummary[] {
	const { areasById, now } = setup;
	if (!setup.inFocus) {
		for (const area of areasById.values()) if (area.level === 'buurt') tallyOf(buurten, area.id);
	}
	const rows: BuurtSummary[] = [...buurten].map(([id, tally]) => {
		const area = areasById.get(id);
		return {
			...tally.coverage(now),
			area: id,
			code: area?.code ?? '',
			name: area?.name ?? id,
			keyFigures: tally.keyFigures,
			domain: tally.domain(),
			assets: tally.assets,
			raised: toCounts(tally.raised),
			unmet: toCounts(tally.unmet),
			change: tally.change()
		};
	});
	rows.sort((a, b) => byName(a.name, b.name) || byName(a.code, b.code));
	return rows;
}

/** The street rows, each at the address-weighted middle of its units; by buurt, then name. */
function streetRowsOf(
	streets: StreetTally[],
	buurtRows: BuurtSummary[],
	now: number
): StreetCoverage[] {
	const buurtName = new Map(buurtRows.map((b) => [b.area, b.name]));
	const rows: StreetCoverage[] = streets.map((tally) => {
		const coverage = tally.coverage(now);
		const [lon, lat] =
			tally.weight > 0
				? [tally.lonSum / tally.weight, tally.latSum / tally.weight]
				: (tally.fallback ?? [Number.NaN, Number.NaN]);
		return {
			...coverage,
			area: tally.area,
			street: tally.street,
			// A street of only hidden addresses may have had visits a viewer cannot see.
			neverVisited: coverage.lastVisit === null && coverage.addresses > 0,
			lon,
			lat
		};
	});
	rows.sort(
		(a, b) =>
			byName(buurtName.get(a.area) ?? a.area, buurtName.get(b.area) ?? b.area) ||
			byName(a.street, b.street)
	);
	return rows;
}

/** H3 cells in a fixed order, for ties. */
const byH3 = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The grid's cells with their outlines; most unmet raisings first. */
function cellRowsOf(cellEntries: [string, Tally][]): HexCell[] {
	const rows: HexCell[] = cellEntries.map(([h3, tally]) => {
		const [lat, lon] = cellToLatLng(h3);
		return {
			h3,
			lon,
			lat,
			outline: cellToBoundary(h3, true) as [number, number][],
			addresses: tally.addresses,
			visited: tally.visited,
			talked: tally.talked,
			raised: toCounts(tally.raised),
			unmet: toCounts(tally.unmet),
			unmetTotal: sum(tally.unmet),
			assets: tally.assets,
			keyFigures: tally.keyFigures,
			domain: tally.domain()
		};
	});
	rows.sort((a, b) => b.unmetTotal - a.unmetTotal || byH3(a.h3, b.h3));
	return rows;
}

/**
 * A row per theme (every one of THEMES) with the cells where it went unmet most; most unmet first,
 * then most raised, then the vocabulary's order.
 */
function themeRowsOf(
	tallies: UnitTallies,
	themeAssets: Float64Array,
	cellEntries: [string, Tally][]
): ThemeGap[] {
	const { total, raisedBefore } = tallies;
	const rows: ThemeGap[] = THEMES.map((theme, t) => {
		const raised = total.raised[t];
		const unmet = total.unmet[t];
		const topCells = cellEntries
			.filter(([, tally]) => tally.unmet[t] > 0)
			.sort(([h3a, a], [h3b, b]) => b.unmet[t] - a.unmet[t] || byH3(h3a, h3b))
			.slice(0, MAX_TOP_CELLS)
			.map(([h3]) => h3);
		return {
			theme,
			domains: THEME_DOMAINS[theme],
			raised,
			raisedBefore: raisedBefore[t],
			unmet,
			unmetShare: raised > 0 ? unmet / raised : null,
			assets: themeAssets[t],
			topCells
		};
	});
	rows.sort(
		(a, b) =>
			b.unmet - a.unmet ||
			b.raised - a.raised ||
			(THEME_INDEX.get(a.theme) ?? 0) - (THEME_INDEX.get(b.theme) ?? 0)
	);
	return rows;
}

/**
 * Phase 5, who each counted key figure reaches over links (either way) in at most two steps,
 * among the active assets of the input (wherever they are: her network does not stop at the
 * focus).
 */
function keyFigureReach(input: GapInput, countedActive: CountedAsset[]): KeyFigureReach[] {
	const assets = input.assets ?? [];
	const position = new Map<string, number>();
	for (let i = 0; i < assets.length; i++) {
		if (assets[i].status === 'active') position.set(assets[i].id, i);
	}
	const neighbours: number[][] = assets.map(() => []);
	for (const link of input.links ?? []) {
		const from = position.get(link.from);
		const to = position.get(link.to);
		if (from === undefined || to === undefined || from === to) continue;
		neighbours[from].push(to);
		neighbours[to].push(from);
	}
	// One stamp array for all searches: seen[i] === the current search's number.
	const seen = new Int32Array(assets.length).fill(-1);
	const reach: KeyFigureReach[] = [];
	for (const { index, h3 } of countedActive) {
		const figure = assets[index];
		if (figure.kind !== 'key_figure') continue;
		seen[index] = index;
		let all = 0;
		let residents = 0;
		const visit = (other: number) => {
			if (seen[other] === index) return false;
			seen[other] = index;
			all++;
			if (assets[other].resident) residents++;
			return true;
		};
		const firstStep: number[] = [];
		for (const other of neighbours[index]) if (visit(other)) firstStep.push(other);
		const direct = firstStep.length;
		for (const step of firstStep) for (const other of neighbours[step]) visit(other);
		reach.push({
			asset: figure.id,
			title: figure.title,
			area: figure.area,
			h3,
			assets: all,
			residents,
			direct
		});
	}
	reach.sort((a, b) => b.assets - a.assets || byName(a.title, b.title));
	return reach;
}
