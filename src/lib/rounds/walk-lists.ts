// Walk lists (looplijsten): cutting a round's doors into lists, by street or by a polygon drawn on
// the map, and who may take which list. The check-out rules are the server's (README.md, "The
// rules"); here they decide what "Op pad" offers and shows. Pure.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import type { AddressRecord } from '$lib/addresses/addresses';
import { compareWalkingOrder, streetLabeller } from '$lib/conversations/walk-list';
import { isSetGeoPoint, toPosition } from '$lib/geo/geopoint';
import {
	dayOf,
	localDay,
	type RoundQuestion,
	type RoundRecord,
	type WalkListRecord
} from './rounds';

/** A list as cut, before the coordinator names, assigns and saves it. */
export interface WalkListDraft {
	name: string;
	/** Address ids in walking order. */
	addresses: string[];
	doorCount: number;
}

type Door = Pick<AddressRecord, 'id' | 'street' | 'number' | 'city'>;
type Label = (address: Pick<AddressRecord, 'street' | 'city'>) => string;

const NAME_ORDER = new Intl.Collator('nl', { numeric: true });

/** Doors grouped by street label (streets alphabetical), each street in walking order. */
function byStreet<T extends Door>(doors: readonly T[], label: Label): [string, T[]][] {
	const streets = new Map<string, T[]>();
	for (const door of doors) {
		const name = label(door);
		const street = streets.get(name);
		if (street) street.push(door);
		else streets.set(name, [door]);
	}
	return [...streets.entries()]
		.sort(([a], [b]) => NAME_ORDER.compare(a, b))
		.map(([name, street]) => [
			name,
			street.sort((a, b) => compareWalkingOrder(a.number, b.number))
		]);
}

const draftOf = (name: string, doors: readonly Door[]): WalkListDraft => ({
	name,
	addresses: doors.map((door) => door.id),
	doorCount: doors.length
});

/**
 * One list per street, named by the street (as `streetLabeller` names it: with its place where
 * the name recurs elsewhere), its doors in walking order; streets alphabetical. `label` names the
 * streets (default: as these addresses need).
 *
 * @example cutByStreet(addresses) // [{ name: 'Wolgadreef', addresses: ['a1', 'a3', 'a2'], doorCount: 3 }, ...]
 */
export function cutByStreet(
	addresses: readonly AddressRecord[],
	label: Label = streetLabeller(addresses)
): WalkListDraft[] {
	return byStreet(addresses, label).map(([name, doors]) => draftOf(name, doors));
}

/**
 * The doors inside a polygon drawn on the map (its edge counts as inside), street by street
 * (alphabetical), each street in walking order, as one list named by its streets ('Amazonedreef /
 * Wolgadreef'). Doors without a location are left out: nobody can tell where they are.
 *
 * @example cutByPolygon(addresses, drawn) // { name: 'Wolgadreef', addresses: ['a1', 'a2'], doorCount: 2 }
 */
export function cutByPolygon(
	addresses: readonly AddressRecord[],
	polygon: Polygon | MultiPolygon,
	label: Label = streetLabeller(addresses)
): WalkListDraft {
	const inside = addresses.filter(
		(address) =>
			isSetGeoPoint(address.location) &&
			booleanPointInPolygon(toPosition(address.location), polygon, { ignoreBoundary: false })
	);
	const streets = byStreet(inside, label);
	return draftOf(
		streets.map(([name]) => name).join(' / '),
		streets.flatMap(([, doors]) => doors)
	);
}

/**
 * Whether a list is past its last day (the phone's calendar day is after `expiresOn`); a list
 * without one never expires.
 *
 * @example listExpired({ expiresOn: '2027-03-31 12:00:00.000Z' }, new Date(2027, 3, 1)) // true
 */
export function listExpired(list: Pick<WalkListRecord, 'expiresOn'>, now: Date): boolean {
	return list.expiresOn.trim() !== '' && localDay(now) > dayOf(list.expiresOn);
}

/**
 * Free: nobody has it. Mine: I checked it out. Taken: someone else did. Expired: past its last
 * day, whoever holds it; anyone who may take it may take it again (as a free list).
 */
export type CheckoutState = 'free' | 'mine' | 'taken' | 'expired';

type CheckoutList = Pick<WalkListRecord, 'checkedOutBy' | 'expiresOn'>;

/** @example checkoutState({ checkedOutBy: 'u2', expiresOn: '' }, 'u1', now) // 'taken' */
export function checkoutState(list: CheckoutList, me: string, now: Date): CheckoutState {
	if (listExpired(list, now)) return 'expired';
	if (!list.checkedOutBy) return 'free';
	return list.checkedOutBy === me ? 'mine' : 'taken';
}

/** A list with its round's areas, as read with `expand: 'round'`. */
export type ListWithRound = WalkListRecord & {
	expand?: { round?: Pick<RoundRecord, 'areas'> };
};

/**
 * Whether a worker may check a list out to herself (the server's rule): it is free or already
 * hers, and not expired (a list past its last day is done: 409 `expired`); and she is one of its assignees, or, when it has none, one of its areas' workers
 * (its round's areas meet `myAreas`). Without `myAreas` the areas are not checked here: the
 * lists she can read are already of her areas. With them, a list whose round was not expanded is
 * refused, not guessed.
 *
 * @example canCheckOut({ ...list, assignees: ['u2'] }, 'u1', undefined, now) // false
 */
export function canCheckOut(
	list: ListWithRound,
	me: string,
	myAreas: readonly string[] | undefined,
	now: Date
): boolean {
	const state = checkoutState(list, me, now);
	if (state === 'taken' || state === 'expired') return false;
	if (list.assignees.length > 0) return list.assignees.includes(me);
	if (myAreas === undefined) return true;
	const areas = list.expand?.round?.areas ?? [];
	return areas.some((area) => myAreas.includes(area));
}

/** Whether she may give a list back: it is checked out to her (expired or not). */
export function canGiveBack(list: Pick<WalkListRecord, 'checkedOutBy'>, me: string): boolean {
	return list.checkedOutBy !== '' && list.checkedOutBy === me;
}

/**
 * The doors on lists someone else has checked out and that have not expired: "Op pad" shows them
 * as taken, so two organisations do not knock twice.
 *
 * @example takenDoors([{ ...list, addresses: ['a1'], checkedOutBy: 'u2' }], 'u1', now) // Set { 'a1' }
 */
export function takenDoors(
	lists: readonly (CheckoutList & Pick<WalkListRecord, 'addresses'>)[],
	me: string,
	now: Date
): Set<string> {
	const taken = new Set<string>();
	for (const list of lists) {
		if (checkoutState(list, me, now) !== 'taken') continue;
		for (const address of list.addresses) taken.add(address);
	}
	return taken;
}

/**
 * Her lists first: those assigned to her, then those she checked out, then the rest; each group
 * by name ('Lijst 2' before 'Lijst 10'). A new array.
 */
export function myListsFirst<T extends Pick<WalkListRecord, 'name' | 'assignees' | 'checkedOutBy'>>(
	lists: readonly T[],
	me: string
): T[] {
	const group = (list: T) =>
		list.assignees.includes(me) ? 0 : list.checkedOutBy !== '' && list.checkedOutBy === me ? 1 : 2;
	return [...lists].sort((a, b) => group(a) - group(b) || NAME_ORDER.compare(a.name, b.name));
}

/**
 * Whether a worker may log talks on a list (the server's `not_your_list` rule): it has no
 * assignees, she is one of them, or she checked it out.
 *
 * @example mayWalk({ assignees: ['u2'], checkedOutBy: '' }, 'u1') // false
 */
export function mayWalk(
	list: Pick<WalkListRecord, 'assignees' | 'checkedOutBy'>,
	me: string
): boolean {
	return list.assignees.length === 0 || list.assignees.includes(me) || list.checkedOutBy === me;
}

/**
 * The walk narrowed to one list: the addresses that are its doors, in the order given. No list
 * (null): all of them, as they are.
 *
 * @example doorsOnList([a1, a2, a3], { addresses: ['a3', 'a1'] }) // [a1, a3]
 */
export function doorsOnList<T extends Pick<AddressRecord, 'id'>>(
	addresses: readonly T[],
	list: Pick<WalkListRecord, 'addresses'> | null
): readonly T[] {
	if (!list) return addresses;
	const ids = new Set(list.addresses);
	return addresses.filter((address) => ids.has(address.id));
}

/**
 * The round a talk at this door belongs to, as the form and `walk.log` take it: the chosen list
 * and its round's questions by position. None when no list is chosen, the door is not one of its
 * doors (the server would refuse its answers: `not_on_list`) or its round is not loaded.
 *
 * @example talkRoundAt(rounds, list, 'a1') // { walkList: list.id, questions: [q1, q2] }
 */
export function talkRoundAt<Q extends Pick<RoundQuestion, 'position'>>(
	rounds: readonly (Pick<RoundRecord, 'id'> & { questions: readonly Q[] })[],
	list: Pick<WalkListRecord, 'id' | 'round' | 'addresses'> | null,
	doorId: string
): { walkList: string; questions: Q[] } | undefined {
	if (!list || !list.addresses.includes(doorId)) return undefined;
	const round = rounds.find((r) => r.id === list.round);
	if (!round) return undefined;
	const questions = [...round.questions].sort((a, b) => a.position - b.position);
	return { walkList: list.id, questions };
}
