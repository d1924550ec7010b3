// The round form's street picker: the streets of the chosen buurten with their doors, and how
// each stands in the gap view (never visited, the share of doors visited in the period), so a
// coordinator can pick the never visited or least covered ones at once. Pure.
import type { FeatureCollection, Point } from 'geojson';
import type { AddressRecord } from '$lib/addresses/addresses';
import type { LngLatBBox } from '$lib/areas/areas';
import { isSetGeoPoint, toPosition } from '$lib/geo/geopoint';
import { streetLabeller } from '$lib/conversations/walk-list';
import type { GapUnit } from '$lib/gaps/gap-input';
import { isLeastCovered } from '$lib/gaps/gap-view';
import type { StreetPick } from './round-url';

/** A street to pick, under its label as a round stores it. */
export interface StreetChoice {
	/** As `streetLabeller` names it (with its place where the name recurs elsewhere). */
	label: string;
	doors: number;
	/** Its buurt and street name as the gap view names it (`area|street`), once each. */
	keys: string[];
	/** Doors visited in the period, and whether any door ever was; null without gap figures. */
	visited: number | null;
	neverVisited: boolean | null;
	/** Visited ÷ doors in the period; null without gap figures. */
	visitedShare: number | null;
	/** Its located doors, [lon, lat], for the map. */
	points: [number, number][];
}

const streetKey = (area: string, street: string) => `${area}|${street}`;
const NAME_ORDER = new Intl.Collator('nl', { numeric: true });

/**
 * The streets of these doors, alphabetical, with their door counts; with the gap input's units
 * (one per door for staff) also their coverage: visited in the period, and never visited when no
 * door of it has a last visit. A street whose doors the units do not cover has no figures.
 *
 * @example streetChoices(addresses, units)[0] // { label: 'Amazonedreef', doors: 12, visited: 0, neverVisited: true, visitedShare: 0, … }
 */
export function streetChoices(
	addresses: readonly AddressRecord[],
	units?: readonly GapUnit[] | null
): StreetChoice[] {
	const label = streetLabeller(addresses);
	const streets = new Map<
		string,
		{ doors: number; keys: Set<string>; points: [number, number][] }
	>();
	for (const address of addresses) {
		const name = label(address);
		const street = streets.get(name) ?? { doors: 0, keys: new Set<string>(), points: [] };
		street.doors += 1;
		street.keys.add(streetKey(address.area, address.street));
		if (isSetGeoPoint(address.location)) street.points.push(toPosition(address.location));
		streets.set(name, street);
	}
	const coverage = new Map<string, { doors: number; visited: number; ever: boolean }>();
	for (const unit of units ?? []) {
		if (unit.addresses === 0 || unit.street === '') continue;
		const key = streetKey(unit.area, unit.street);
		const found = coverage.get(key) ?? { doors: 0, visited: 0, ever: false };
		found.doors += unit.addresses;
		found.visited += unit.visited;
		found.ever ||= unit.lastVisit !== null;
		coverage.set(key, found);
	}
	return [...streets.entries()]
		.sort(([a], [b]) => NAME_ORDER.compare(a, b))
		.map(([name, street]) => {
			const keys = [...street.keys];
			const figures = keys.map((key) => coverage.get(key));
			const known = units != null && figures.every(Boolean);
			const doors = known ? figures.reduce((sum, f) => sum + f!.doors, 0) : 0;
			const visited = known ? figures.reduce((sum, f) => sum + f!.visited, 0) : null;
			return {
				label: name,
				doors: street.doors,
				keys,
				visited,
				neverVisited: known ? figures.every((f) => !f!.ever) : null,
				visitedShare: known && doors > 0 ? visited! / doors : null,
				points: street.points
			};
		});
}

/** The labels of the streets nobody ever visited. */
export function neverVisitedLabels(choices: readonly StreetChoice[]): string[] {
	return choices.filter((c) => c.neverVisited === true).map((c) => c.label);
}

/** The labels of the least covered streets (as the gap view counts them: `isLeastCovered`). */
export function leastCoveredLabels(choices: readonly StreetChoice[]): string[] {
	return choices
		.filter((c) => c.visitedShare !== null && isLeastCovered(c.visitedShare))
		.map((c) => c.label);
}

/** The labels of the streets the gap view named (its buurt and street name). */
export function labelsOfPicks(
	choices: readonly StreetChoice[],
	picks: readonly StreetPick[]
): string[] {
	const wanted = new Set(picks.map((p) => streetKey(p.area, p.street)));
	return choices.filter((c) => c.keys.some((key) => wanted.has(key))).map((c) => c.label);
}

/**
 * The streets whose label or name holds the filter's text (case and accents aside); all for a
 * blank filter.
 */
export function filterStreets(choices: readonly StreetChoice[], filter: string): StreetChoice[] {
	const fold = (text: string) =>
		text
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase();
	const wanted = fold(filter.trim());
	if (wanted === '') return [...choices];
	return choices.filter((c) => fold(c.label).includes(wanted));
}

/** A door on the street map: its street's label, whether that street is chosen, never visited. */
export interface StreetDoorProperties {
	label: string;
	chosen: boolean;
	never: boolean;
}

/**
 * The located doors of the streets as map points, each marked with its street and whether that
 * street is chosen (`streets`) or never visited.
 */
export function streetDoorFeatures(
	choices: readonly StreetChoice[],
	streets: readonly string[]
): FeatureCollection<Point, StreetDoorProperties> {
	const chosen = new Set(streets);
	return {
		type: 'FeatureCollection',
		features: choices.flatMap((choice) =>
			choice.points.map((coordinates) => ({
				type: 'Feature' as const,
				geometry: { type: 'Point' as const, coordinates },
				properties: {
					label: choice.label,
					chosen: chosen.has(choice.label),
					never: choice.neverVisited === true
				}
			}))
		)
	};
}

/** The box around the streets' located doors, or null when none is located. */
export function streetsBbox(choices: readonly StreetChoice[]): LngLatBBox | null {
	const points = choices.flatMap((choice) => choice.points);
	if (points.length === 0) return null;
	const lons = points.map(([lon]) => lon);
	const lats = points.map(([, lat]) => lat);
	return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}
