// The walk list of "Op pad": the doors of a worker's areas that are due for a visit, street by
// street in walking order, each with its history. Pure.
import type { AddressRecord } from '$lib/addresses/addresses';
import { isSetGeoPoint } from '$lib/geo/geopoint';
import type { GeoPoint } from '$lib/pocketbase/types';
import type { Outcome } from '$lib/vocabulary/vocabulary';
import { distanceMeters } from './position';

/** One earlier visit at a door, as the walk list needs it. */
export interface Visit {
	id: string;
	address: string;
	heldAt: string;
	outcome: Outcome;
	worker: string;
	/** The worker's name, when the server sent it along (`expand.worker.name`). */
	workerName?: string;
}

export interface Door {
	address: AddressRecord;
	/** Earlier visits, newest first. */
	visits: Visit[];
}

export interface WalkStreet {
	/**
	 * The street as she sees it and links to it (`?straat=`): its name, and its place after a comma
	 * when the addresses hold a street of that name in another place too (see `streetLabeller`).
	 */
	street: string;
	doors: Door[];
}

/** A talk, a refusal or a vacancy keeps a door off the walk list (and the sheets) this many days. */
export const RECENT_DAYS = 30;

/** A visit that settles a door for a while: nobody needs to ring again soon. */
const SETTLING: readonly Outcome[] = ['talked', 'declined', 'vacant'];
const DAY_MS = 86_400_000;

/** PocketBase dates ('2026-11-23 10:00:00.000Z') as ms; NaN for none. */
const time = (date: string) => Date.parse(date.replace(' ', 'T'));

/**
 * Whether a door is due: never asked not to be contacted, and no talk, refusal or vacancy in the
 * last `recentDays` days ("not home" and "come back later" keep it on the list).
 */
export function isDue(visits: readonly Visit[], now: Date, recentDays: number): boolean {
	if (visits.some((v) => v.outcome === 'do_not_contact')) return false;
	const since = now.getTime() - recentDays * DAY_MS;
	return !visits.some((v) => SETTLING.includes(v.outcome) && time(v.heldAt) >= since);
}

/**
 * Where a door stands on the walk, as the walk map colours it: asked not to be contacted (for
 * good), settled lately by a talk, a refusal or a vacancy (the latest of those in the period), or
 * due: with nobody home (or "come back later") at its latest visit in the period, or not tried
 * lately. Decided by `isDue`, so the map and the list always agree. `visits` newest first.
 */
export type DoorState = 'due' | 'not_home' | 'talked' | 'declined' | 'vacant' | 'do_not_contact';

export function doorState(visits: readonly Visit[], now: Date, recentDays: number): DoorState {
	if (visits.some((v) => v.outcome === 'do_not_contact')) return 'do_not_contact';
	const since = now.getTime() - recentDays * DAY_MS;
	const lately = visits.filter((v) => time(v.heldAt) >= since);
	if (isDue(visits, now, recentDays)) {
		const latest = lately[0]?.outcome;
		return latest === 'not_home' || latest === 'come_back_later' ? 'not_home' : 'due';
	}
	const settled = lately.find((v) => SETTLING.includes(v.outcome))?.outcome;
	return settled === 'declined' || settled === 'vacant' ? settled : 'talked';
}

/** The house number's digits and what follows ('12A' → [12, 'A']); null without digits. */
function houseNumber(number: string): [number, string] | null {
	const match = /^\s*(\d+)\s*(.*)$/.exec(number);
	return match ? [Number(match[1]), match[2].toUpperCase()] : null;
}

/**
 * Walking order within a street: up the odd side, back down the even side, so a worker never
 * crosses and recrosses the road. 1, 3, 5, ... then ..., 6, 4, 2.
 */
export function compareWalkingOrder(a: string, b: string): number {
	const ha = houseNumber(a);
	const hb = houseNumber(b);
	// Doors without a number ('zn', 'bij 12') come last, as given.
	if (!ha || !hb) return ha ? -1 : hb ? 1 : 0;
	const [na, sa] = ha;
	const [nb, sb] = hb;
	const oddA = na % 2 === 1;
	const oddB = nb % 2 === 1;
	if (oddA !== oddB) return oddA ? -1 : 1;
	const direction = oddA ? 1 : -1;
	return (na - nb) * direction || sa.localeCompare(sb) * direction;
}

const STREET_ORDER = new Intl.Collator('nl');

/**
 * How each street of these addresses is named: by its name alone, or with its place after a comma
 * when the addresses hold a street of that name in another place too. Streets are told apart by
 * name and place, so a region's two Dorpsstraten never merge into one walk; an address without a
 * place joins the street of its name when there is only one.
 *
 * @example
 * const label = streetLabeller([dorpsstraatTenBoer, dorpsstraatHaren, wolgadreef]);
 * label(dorpsstraatTenBoer) // 'Dorpsstraat, Ten Boer'
 * label(wolgadreef) // 'Wolgadreef'
 */
export function streetLabeller(
	addresses: readonly Pick<AddressRecord, 'street' | 'city'>[]
): (address: Pick<AddressRecord, 'street' | 'city'>) => string {
	const places = new Map<string, Set<string>>();
	for (const address of addresses) {
		const set = places.get(address.street) ?? new Set<string>();
		if (address.city) set.add(address.city);
		places.set(address.street, set);
	}
	return (address) => {
		const shared = (places.get(address.street)?.size ?? 0) > 1;
		return shared && address.city ? `${address.street}, ${address.city}` : address.street;
	};
}

/**
 * Every one of these addresses as a door with its visits, newest first (visits at other addresses
 * are ignored): what `walkList` picks the due doors from, and the walk map colours.
 */
export function doorsWithHistory(
	addresses: readonly AddressRecord[],
	visits: readonly Visit[]
): Door[] {
	const byAddress = new Map<string, Visit[]>();
	for (const visit of visits) {
		const list = byAddress.get(visit.address);
		if (list) list.push(visit);
		else byAddress.set(visit.address, [visit]);
	}
	return addresses.map((address) => ({
		address,
		visits: (byAddress.get(address.id) ?? []).sort((a, b) => time(b.heldAt) - time(a.heldAt))
	}));
}

/**
 * The due doors by street (streets alphabetical, doors in walking order), each with its visits
 * newest first. Visits at other addresses are ignored. A street is its name in its place;
 * `named` are the addresses whose streets decide the names (default: these; see
 * `streetLabeller`).
 */
export function walkList(
	addresses: readonly AddressRecord[],
	visits: readonly Visit[],
	now: Date,
	recentDays: number,
	named: readonly AddressRecord[] = addresses
): WalkStreet[] {
	const label = streetLabeller(named);
	const streets = new Map<string, WalkStreet>();
	for (const door of doorsWithHistory(addresses, visits)) {
		if (!isDue(door.visits, now, recentDays)) continue;
		// The name tells the streets apart: with the place wherever a name recurs.
		const name = label(door.address);
		const street = streets.get(name);
		if (street) street.doors.push(door);
		else streets.set(name, { street: name, doors: [door] });
	}
	return [...streets.values()]
		.sort((a, b) => STREET_ORDER.compare(a.street, b.street))
		.map(({ street, doors }) => ({
			street,
			doors: doors.sort((a, b) => compareWalkingOrder(a.address.number, b.address.number))
		}));
}

/**
 * Streets by how far she is from their nearest due door, nearest first, each with that distance
 * in metres; streets without a located door keep their order at the end (distance null).
 *
 * @example orderStreetsFrom(walkList(addresses, visits, now, 30), { lon: 5.1, lat: 52.1 })
 */
export function orderStreetsFrom(
	streets: readonly WalkStreet[],
	position: GeoPoint
): (WalkStreet & { distance: number | null })[] {
	const placed = streets.map((street) => {
		const distances = street.doors
			.map((door) => door.address.location)
			.filter(isSetGeoPoint)
			.map((location) => distanceMeters(position, location));
		return { ...street, distance: distances.length > 0 ? Math.min(...distances) : null };
	});
	// Array.prototype.sort is stable: equal distances and the unlocated keep their order.
	return placed.sort((a, b) =>
		a.distance === null
			? b.distance === null
				? 0
				: 1
			: b.distance === null
				? -1
				: a.distance - b.distance
	);
}

/** How much of a street was visited lately. */
export interface Coverage {
	/** Doors with at least one visit (any outcome) in the period. */
	visited: number;
	/** All its addresses, also those no longer due. */
	total: number;
}

/**
 * Coverage per street (by the street's name as `walkList` gives it) over the last `recentDays`
 * days, and over all streets together.
 *
 * @example
 * walkCoverage(addresses, visits, now, 30).streets.get('Wolgadreef') // { visited: 8, total: 20 }
 */
export function walkCoverage(
	addresses: readonly AddressRecord[],
	visits: readonly Visit[],
	now: Date,
	recentDays: number
): { streets: Map<string, Coverage>; total: Coverage } {
	const since = now.getTime() - recentDays * DAY_MS;
	const visitedLately = new Set(
		visits.filter((v) => time(v.heldAt) >= since).map((v) => v.address)
	);
	const label = streetLabeller(addresses);
	const streets = new Map<string, Coverage>();
	const total: Coverage = { visited: 0, total: 0 };
	for (const address of addresses) {
		const name = label(address);
		const street = streets.get(name) ?? { visited: 0, total: 0 };
		const visited = visitedLately.has(address.id) ? 1 : 0;
		street.visited += visited;
		street.total += 1;
		total.visited += visited;
		total.total += 1;
		streets.set(name, street);
	}
	return { streets, total };
}

/**
 * The visits in `base`, plus those in `extra` that `base` lacks (same id: `base` wins). For a
 * fresh load from the server joined with what arrived live or waits in the outbox.
 */
export function mergeVisits(base: readonly Visit[], extra: readonly Visit[]): Visit[] {
	const ids = new Set(base.map((v) => v.id));
	return [...base, ...extra.filter((v) => !ids.has(v.id))];
}

/** The visits after a live change: a created or updated visit replaces its old self; a deleted one goes. */
export function applyVisitChange(
	visits: readonly Visit[],
	action: 'create' | 'update' | 'delete',
	visit: Visit
): Visit[] {
	const others = visits.filter((v) => v.id !== visit.id);
	return action === 'delete' ? others : [...others, visit];
}
