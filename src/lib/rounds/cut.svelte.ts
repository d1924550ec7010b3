// Cutting a round into walk lists as runes state: the round's doors (only its streets, when it
// names some), cut street by street or by a polygon she draws on the map, each list with whom it
// is for (a worker or a pair) and its last day, then saved in one batch. A door on one of the
// round's lists, saved or drafted, is cut into no other: nobody should ring a door twice.
// `PolygonDrawing` holds the polygon being drawn. Tests inject a fake CutApi.
import { kinks } from '@turf/kinks';
import { polygon as turfPolygon } from '@turf/helpers';
import type { Polygon } from 'geojson';
import { apiErrorKind, type ApiErrorKind } from '$lib/pocketbase/errors';
import type { AddressRecord } from '$lib/addresses/addresses';
import { streetLabeller } from '$lib/conversations/walk-list';
import { LIMITS } from '$lib/vocabulary/vocabulary';
import type { RoundRecord, WalkListRecord } from './rounds';
import type { ListDraft } from './rounds.api';
import { cutByPolygon, cutByStreet, type WalkListDraft } from './walk-lists';

/** Someone a list can be for. */
export interface Assignee {
	id: string;
	name: string;
}

export interface CutApi {
	/** The doors in or under the areas. */
	addressesOf(areaIds: readonly string[]): Promise<AddressRecord[]>;
	/** The active workers and coordinators of her team. */
	assignees(): Promise<Assignee[]>;
	saveLists(roundId: string, drafts: readonly ListDraft[]): Promise<WalkListRecord[]>;
}

export type CutStatus = 'idle' | 'loading' | 'ready' | 'saving' | 'saved' | 'error';

/** A cut list as she edits it: every field set. */
export type CutList = Required<ListDraft>;

/** Where a door stands: on no list, on one of the round's lists (saved or drafted), or in the drawing. */
export type DoorState = 'free' | 'listed' | 'drawing';

type RoundToCut = Pick<RoundRecord, 'areas' | 'streets'> & {
	lists?: readonly { addresses: string[] }[];
};

export class ListCutState {
	/** The lists cut, with whom each is for and its last day; edited in place by the form. */
	lists = $state<CutList[]>([]);
	assignees = $state.raw<Assignee[]>([]);
	/** The round's doors (only its streets, when it names some). */
	doors = $state.raw<AddressRecord[]>([]);
	status = $state<CutStatus>('idle');
	/** Why the last load or save failed; null when it did not. */
	error = $state<ApiErrorKind | null>(null);

	/** The doors on the round's saved lists. */
	#saved = $state.raw<readonly string[]>([]);
	/** Doors on a saved or drafted list. */
	readonly listed: ReadonlySet<string> = $derived(
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- derived anew, never mutated
		new Set([...this.#saved, ...this.lists.flatMap((list) => list.addresses)])
	);
	/** The doors on no list yet: what the next cut may take. */
	readonly free: AddressRecord[] = $derived(this.doors.filter((d) => !this.listed.has(d.id)));

	#api: CutApi;
	#label: (address: Pick<AddressRecord, 'street' | 'city'>) => string = streetLabeller([]);

	constructor(api: CutApi) {
		this.#api = api;
	}

	/** Loads the round's doors and the team, and starts with no drafted lists. */
	async load(round: RoundToCut): Promise<void> {
		this.status = 'loading';
		this.error = null;
		try {
			const [addresses, assignees] = await Promise.all([
				this.#api.addressesOf(round.areas),
				this.#api.assignees()
			]);
			// Labelled as the whole of its areas needs: the names the round's `streets` hold.
			const label = streetLabeller(addresses);
			const streets = round.streets ?? [];
			this.#label = label;
			this.doors = addresses.filter(
				(address) => streets.length === 0 || streets.includes(label(address))
			);
			this.setSavedLists(round.lists ?? []);
			this.assignees = assignees;
			this.lists = [];
			this.status = 'ready';
		} catch (error) {
			this.status = 'error';
			this.error = apiErrorKind(error);
		}
	}

	/** Loads the round (see `load`) and cuts its free doors street by street. */
	async cut(round: RoundToCut): Promise<void> {
		await this.load(round);
		if (this.status === 'ready') this.cutStreets();
	}

	/** The round's saved lists changed (saved, deleted): their doors are taken, the rest free. */
	setSavedLists(lists: readonly { addresses: string[] }[]): void {
		this.#saved = lists.flatMap((list) => list.addresses);
	}

	/** Adds a list per street of the free doors. The number of lists added. */
	cutStreets(): number {
		const drafts = cutByStreet(this.free, this.#label);
		this.#add(drafts);
		return drafts.length;
	}

	/** The free doors inside a polygon, as they would be cut (not added). */
	inside(polygon: Polygon): WalkListDraft {
		return cutByPolygon(this.free, polygon, this.#label);
	}

	/** Adds a list of the free doors inside the polygon drawn. The list added, or null: none inside. */
	cutPolygon(polygon: Polygon): CutList | null {
		const draft = this.inside(polygon);
		if (draft.doorCount === 0) return null;
		this.#add([draft]);
		return this.lists[this.lists.length - 1];
	}

	/** Drops a drafted list: its doors are free again. */
	remove(index: number): void {
		this.lists.splice(index, 1);
	}

	/** Whether another assignee may be added to the list at this index. */
	canAssignMore(index: number): boolean {
		return (this.lists[index]?.assignees.length ?? 0) < LIMITS.round.assignees;
	}

	/** Saves the lists in one batch (all or nothing). True when saved. */
	async save(roundId: string): Promise<boolean> {
		this.status = 'saving';
		this.error = null;
		try {
			await this.#api.saveLists(roundId, $state.snapshot(this.lists));
			this.#saved = [...this.#saved, ...this.lists.flatMap((list) => list.addresses)];
			this.lists = [];
			this.status = 'saved';
			return true;
		} catch (error) {
			this.status = 'ready';
			this.error = apiErrorKind(error);
			return false;
		}
	}

	#add(drafts: readonly WalkListDraft[]): void {
		// Two lists of one name confuse a walker: a later one is numbered ('Wolgadreef (2)').
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup within this call
		const names = new Set(this.lists.map((list) => list.name));
		for (const draft of drafts) {
			let name = draft.name;
			for (let n = 2; names.has(name); n++) name = `${draft.name} (${n})`;
			names.add(name);
			this.lists.push({ ...draft, name, assignees: [], expiresOn: '' });
		}
	}
}

/** Pixels within which a tap on the first point closes the polygon. */
export const CLOSE_PIXELS = 16;

/**
 * The polygon she draws by tapping the map: its points ([lon, lat]), the last one undone, closed
 * by a tap on the first point or "Klaar" once it has three points and its edges do not cross.
 */
export class PolygonDrawing {
	points = $state.raw<[number, number][]>([]);

	/** The polygon of the points so far (closed back to the first); null under three points. */
	readonly polygon: Polygon | null = $derived(
		this.points.length < 3 ? null : turfPolygon([[...this.points, this.points[0]]]).geometry
	);
	/** Whether its edges cross each other (no inside then that anyone could walk). */
	readonly crossed: boolean = $derived(
		this.polygon !== null && kinks(this.polygon).features.length > 0
	);
	readonly canClose: boolean = $derived(this.polygon !== null && !this.crossed);

	add(point: [number, number]): void {
		this.points = [...this.points, point];
	}

	undo(): void {
		this.points = this.points.slice(0, -1);
	}

	clear(): void {
		this.points = [];
	}

	/**
	 * Whether a tap at this screen position closes the polygon: it can close, and the tap is
	 * within `CLOSE_PIXELS` of the first point (`project` gives a point's screen position).
	 */
	closesAt(
		tap: { x: number; y: number },
		project: (point: [number, number]) => { x: number; y: number }
	): boolean {
		if (!this.canClose) return false;
		const first = project(this.points[0]);
		return Math.hypot(first.x - tap.x, first.y - tap.y) <= CLOSE_PIXELS;
	}
}
