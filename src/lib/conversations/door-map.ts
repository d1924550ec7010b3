// The walk map of "Op pad": her walk's doors as map features, each with its state on the walk
// (`doorState` of walk-list.ts, the same rule that puts a door on the list) and its street as the
// list names it, so a tap on the map finds the door in the list. Pure.
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { AddressRecord } from '$lib/addresses/addresses';
import { isSetGeoPoint, toPosition } from '$lib/geo/geopoint';
import type { LngLatBBox } from '$lib/areas/areas';
import { doorState, type Door, type DoorState } from './walk-list';

/** The states in the legend's order: what to do first, then what is settled. */
export const DOOR_STATES: readonly DoorState[] = [
	'due',
	'not_home',
	'talked',
	'declined',
	'vacant',
	'do_not_contact'
];

export interface DoorProperties {
	id: string;
	state: DoorState;
	/** The street as the walk list names it (`streetLabeller`). */
	street: string;
}

export type DoorFeature = Feature<Point, DoorProperties>;

/**
 * The doors with a location as point features (those without one cannot be drawn: the list has
 * them). `street` names each door's street as the list does.
 *
 * @example doorFeatures(doorsWithHistory(addresses, visits), streetLabeller(addresses), now, 30)
 */
export function doorFeatures(
	doors: readonly Door[],
	street: (address: AddressRecord) => string,
	now: Date,
	recentDays: number
): FeatureCollection<Point, DoorProperties> {
	const features: DoorFeature[] = [];
	for (const { address, visits } of doors) {
		if (!isSetGeoPoint(address.location)) continue;
		features.push({
			type: 'Feature',
			id: address.id,
			properties: {
				id: address.id,
				state: doorState(visits, now, recentDays),
				street: street(address)
			},
			geometry: { type: 'Point', coordinates: toPosition(address.location) }
		});
	}
	return { type: 'FeatureCollection', features };
}

/** How many doors are in each state, for the legend (every state, 0 where none). */
export function countByState(features: readonly DoorFeature[]): Record<DoorState, number> {
	const counts = Object.fromEntries(DOOR_STATES.map((s) => [s, 0])) as Record<DoorState, number>;
	for (const { properties } of features) counts[properties.state] += 1;
	return counts;
}

/**
 * The box around these doors (of one street, when given and it has located doors; else all of
 * them); null without any. A single door gets a box of its own point: the map caps the zoom.
 */
export function doorBounds(
	features: readonly DoorFeature[],
	street: string | null = null
): LngLatBBox | null {
	const ofStreet = street ? features.filter((f) => f.properties.street === street) : [];
	const shown = ofStreet.length > 0 ? ofStreet : features;
	if (shown.length === 0) return null;
	let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const { geometry } of shown) {
		const [lon, lat] = geometry.coordinates;
		w = Math.min(w, lon);
		s = Math.min(s, lat);
		e = Math.max(e, lon);
		n = Math.max(n, lat);
	}
	return [w, s, e, n];
}

/**
 * The street opened last: one open now that was not open before (`before` the previous
 * `expanded`), else the one kept. For the map to follow the list.
 *
 * @example openedStreet({ A: true }, { A: true, B: true }, 'A') // 'B'
 */
export function openedStreet(
	before: Readonly<Record<string, boolean>>,
	now: Readonly<Record<string, boolean>>,
	kept: string | null
): string | null {
	const opened = Object.keys(now).filter((street) => now[street] && !before[street]);
	return opened.at(-1) ?? kept;
}
