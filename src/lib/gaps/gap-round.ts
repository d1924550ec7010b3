// The gap view filtered to one listening round: its period, and only its doors (the addresses of
// its walk lists; without lists the doors of its streets, or of its buurten). Pure.
//
// A staff unit of the gap input is one door at its stored point, named by buurt and street but
// not by id (pb_hooks/lib/gap-input.js), so a door is found by its buurt, street and point. Doors
// that share a point and a street (flats in one building) are one key: a round has them all or
// none, as lists cut by street or by a drawn polygon do.
import type { AddressRecord } from '$lib/addresses/addresses';
import { streetLabeller } from '$lib/conversations/walk-list';
import { dayOf, type RoundRecord } from '$lib/rounds/rounds';
import type { GapUnit } from './gap-input';

/** The parts of a round the filter reads. */
export type GapRound = Pick<RoundRecord, 'areas' | 'streets' | 'startsOn' | 'endsOn'> & {
	lists: readonly { addresses: readonly string[] }[];
};

type Door = Pick<AddressRecord, 'id' | 'area' | 'street' | 'city' | 'location'>;

/** A door's (or a staff unit's) key: its buurt, street and point. */
export function doorKey(area: string, street: string, lon: number, lat: number): string {
	return `${area}|${street}|${lon.toFixed(7)}|${lat.toFixed(7)}`;
}

/**
 * The round's period as the gap input asks it: its first day up to and including its last
 * (`to` is the day after).
 *
 * @example roundGapPeriod({ startsOn: '2027-03-01 12:00:00.000Z', endsOn: '2027-03-31 12:00:00.000Z' })
 * // { from: '2027-03-01', to: '2027-04-01' }
 */
export function roundGapPeriod(round: Pick<RoundRecord, 'startsOn' | 'endsOn'>): {
	from: string;
	to: string;
} {
	const end = new Date(`${dayOf(round.endsOn)}T12:00:00Z`);
	end.setUTCDate(end.getUTCDate() + 1);
	return { from: dayOf(round.startsOn), to: end.toISOString().slice(0, 10) };
}

/**
 * The round's doors among the doors of its buurten (`addresses`): those on its lists when it has
 * lists with doors; else those of its streets (labelled as the round form labels them, over these
 * same doors), or every door of its buurten when it names none.
 */
export function roundDoors<T extends Door>(round: GapRound, addresses: readonly T[]): T[] {
	const listed = new Set(round.lists.flatMap((list) => list.addresses));
	if (listed.size > 0) return addresses.filter((address) => listed.has(address.id));
	const inAreas = addresses.filter((address) => round.areas.includes(address.area));
	const streets = round.streets ?? [];
	if (streets.length === 0) return inAreas;
	const label = streetLabeller(addresses);
	return inAreas.filter((address) => streets.includes(label(address)));
}

/**
 * The units at these doors only: door units whose buurt, street and point are one of theirs.
 * Talks without a door (no addresses) and a viewer's streets are left out: they are no door.
 */
export function unitsAtDoors(
	units: readonly GapUnit[],
	doors: readonly Pick<AddressRecord, 'area' | 'street' | 'location'>[]
): GapUnit[] {
	const keys = new Set(
		doors.map((d) => doorKey(d.area, d.street, d.location?.lon ?? 0, d.location?.lat ?? 0))
	);
	return units.filter(
		(unit) => unit.addresses > 0 && keys.has(doorKey(unit.area, unit.street, unit.lon, unit.lat))
	);
}
