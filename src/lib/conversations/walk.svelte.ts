// The walk of "Op pad" as one state, shared by the walk list, the paper sheet and typing a sheet
// in: the addresses of her areas and the visits made there (loaded, live, and what waits in the
// outbox), logging a conversation at a door through the outbox, and the talks the server refused,
// to fix and send again. A page makes one; tests give it a fake WalkApi and an outbox in memory.
import type { AddressRecord } from '$lib/addresses/addresses';
import type { OutboxItem } from '$lib/sync/outbox';
import { onFirstControl } from '$lib/sync/offline-cache';
import type { OutboxState } from '$lib/sync/outbox.svelte';
import { untrack } from 'svelte';
import type { ConversationDraft } from './conversation-draft';
import type { WalkApi } from './conversations.api';
import {
	newConversation,
	type ConversationPlace,
	type NewConversation,
	type TalkRound
} from './new-conversation';
import type { Outcome } from '$lib/vocabulary/vocabulary';
import { applyVisitChange, mergeVisits, type Visit } from './walk-list';
import { queuedVisits } from './walk-sheet';

export type WalkStatus = 'loading' | 'ready' | 'error';

/** A talk the server refused, with its door when it is one of hers. */
export interface RefusedTalk {
	item: OutboxItem;
	door: AddressRecord | null;
}

export class WalkState {
	#api: WalkApi;
	#outbox: OutboxState;
	addresses = $state.raw<AddressRecord[]>([]);
	/** The server's visits, those that arrived live, and those logged here. Replaced, never mutated. */
	savedVisits = $state.raw<Visit[]>([]);
	status = $state<WalkStatus>('loading');
	/** Every visit she knows of: conversations still in the outbox count too (also after a reload offline). */
	readonly visits: Visit[];
	/** The talks the server refused, oldest first, each with its door. */
	readonly refused: RefusedTalk[];

	#areas: readonly string[] = [];
	/** Which load is the latest: an older answer that comes later is for other areas. */
	#loads = 0;
	#wasOnline = true;
	/** The areas `showAreas` asked for last. */
	#shownKey: string | null = null;

	constructor(api: WalkApi, outbox: OutboxState) {
		this.#api = api;
		this.#outbox = outbox;
		// What the server has, what waits to go, and what went since the server's copy was loaded.
		this.visits = $derived(
			mergeVisits(this.savedVisits, [...queuedVisits(outbox.items), ...outbox.receipts])
		);
		this.refused = $derived(
			outbox.rejected.map((item) => ({
				item,
				door: this.addresses.find((a) => a.id === item.body.address) ?? null
			}))
		);
	}

	/**
	 * Keeps the walk loaded for her areas (call while a page is set up): loads again only when they
	 * change, not when the session's refresh replaces the user record with the same areas. The
	 * first time a service worker takes over the page, it loads again, so the phone keeps a copy
	 * for the street without a connection.
	 */
	keepLoaded(areas: () => readonly string[]): void {
		$effect(() => {
			const list = areas();
			untrack(() => this.showAreas(list));
		});
		$effect(() => onFirstControl(() => void this.refresh()));
	}

	/** Loads the walk of these areas, unless they are the ones it shows (or is loading). */
	showAreas(areas: readonly string[]): void {
		const key = areas.join(',');
		if (key === this.#shownKey) return;
		this.#shownKey = key;
		void this.load(areas);
	}

	/**
	 * Loads the addresses and visits of these areas. What arrived live or was logged here meanwhile
	 * is kept; the server's copy wins. A failed reload keeps the list she has. The areas already
	 * shown are brought up to date in place: a refreshed session (the layout's `auth.refresh()`
	 * replaces the user record) asks for them again, and a "loading" then would hide a ready list.
	 */
	async load(areas: readonly string[]): Promise<void> {
		if (this.status === 'ready' && sameAreas(areas, this.#areas)) return this.refresh();
		const load = ++this.#loads;
		this.#areas = areas;
		this.status = 'loading';
		await this.#fetch(load);
	}

	/** Loads again what is loaded, without a "loading" in between: the list stays as it is. */
	refresh(): Promise<void> {
		return this.#fetch(++this.#loads);
	}

	async #fetch(load: number): Promise<void> {
		try {
			const { addresses, visits, kept } = await this.#api.loadWalk(this.#areas);
			if (load !== this.#loads) return;
			this.addresses = addresses;
			this.savedVisits = mergeVisits(visits, this.savedVisits);
			this.status = 'ready';
			// What the server's copy has needs no receipt any more. Not a copy kept for offline
			// use: an older one (of other areas) may be served after it, without those visits.
			if (!kept) void this.#outbox.forgetReceipts(visits.map((v) => v.id));
		} catch {
			if (load === this.#loads && this.status === 'loading') this.status = 'error';
		}
	}

	/**
	 * Follows the team's visits as they are stored (the server sends only those of her areas).
	 * Returns the teardown, for an `$effect`.
	 */
	follow(): () => void {
		return this.#api.subscribeVisits((action, visit) => {
			this.savedVisits = applyVisitChange(this.savedVisits, action, visit);
		});
	}

	/**
	 * Tells whether the browser is online (from an `$effect` on `online.current`). Live events only
	 * come while connected: when the connection returns, she catches up on what the team logged.
	 */
	connection(online: boolean | undefined): void {
		const now = online !== false;
		if (now && !this.#wasOnline) void this.refresh();
		this.#wasOnline = now;
	}

	/**
	 * Logs a conversation at a door: into the outbox (resolves once it is safely on the phone), and
	 * on the door at once. Rejects when the phone could not keep it. A talk on a round's list
	 * carries the list and its answers (`round`).
	 */
	async log(input: {
		door: AddressRecord;
		worker: string;
		outcome: Outcome;
		place: ConversationPlace;
		draft?: ConversationDraft;
		heldAt?: string;
		round?: TalkRound;
	}): Promise<OutboxItem> {
		const { door, worker, outcome, place, draft, round } = input;
		// A moment, not state: nothing reads it reactively.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const heldAt = input.heldAt ?? new Date().toISOString();
		return this.#keep(newConversation({ door, worker, heldAt, outcome, place, draft, round }));
	}

	/** Logs conversations made elsewhere (a typed-in paper sheet), one at a time. */
	async logConversation(conversation: NewConversation): Promise<OutboxItem> {
		return this.#keep(conversation);
	}

	async #keep(conversation: NewConversation): Promise<OutboxItem> {
		const item = await this.#outbox.add('conversations', conversation);
		const { address, heldAt, outcome, worker } = conversation;
		// Shown at once, and still once the outbox has sent it on.
		this.savedVisits = [...this.savedVisits, { id: item.id, address, heldAt, outcome, worker }];
		return item;
	}

	/**
	 * A refused talk, fixed in the form: it replaces the refused outbox item (same id, so the server
	 * holds it once at most) and goes out at once. Its door, worker and time stay; its place too,
	 * unless she pointed out another on the map; a talk's walk list too, with the draft's answers
	 * (the phone may not hold the round's questions: the server checks them again).
	 */
	async fix(
		item: OutboxItem,
		input: { outcome: Outcome; draft: ConversationDraft; place: ConversationPlace | null }
	): Promise<void> {
		const { body } = item;
		const door = { id: body.address, area: body.area };
		const kept: ConversationPlace =
			body.locationSource === 'map'
				? { location: this.#doorLocation(body), locationSource: 'address' }
				: { location: body.location, locationSource: body.locationSource };
		const conversation = newConversation({
			door,
			worker: body.worker,
			heldAt: body.heldAt,
			outcome: input.outcome,
			place: input.place ?? kept,
			draft: input.draft,
			round: body.walkList
				? {
						walkList: body.walkList,
						questions: Object.keys(input.draft.answers).map((id) => ({ id }))
					}
				: undefined
		});
		await this.#outbox.resubmit(item.id, conversation);
	}

	/** Where the door of a refused talk is; the talk's own place when the door is not known here. */
	#doorLocation(body: NewConversation) {
		return this.addresses.find((a) => a.id === body.address)?.location ?? body.location;
	}

	/** A refused talk sent again as it is (the server may take it now, e.g. after a rule changed). */
	resend(item: OutboxItem): Promise<void> {
		return this.#outbox.resubmit(item.id, item.body);
	}

	/** She gives up on a refused talk. */
	discard(item: OutboxItem): Promise<void> {
		return this.#outbox.discard(item.id);
	}
}

const sameAreas = (a: readonly string[], b: readonly string[]) =>
	a.length === b.length && a.every((id) => b.includes(id));
