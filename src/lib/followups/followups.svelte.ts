// The signed-in user's follow-ups as runes state, shared through context: created in the (app)
// layout (its nav badge counts hers) and read by the to-do page. Loaded once per user, kept
// current by realtime events; a tick shows at once and is undone when the server refuses it.
// Tests inject a fake FollowUpsApi.
import { createContext } from 'svelte';
import { canCoordinate, canSeePersonalData } from '$lib/auth/auth';
import { apiErrorKind, type ApiErrorKind } from '$lib/pocketbase/errors';
import type { Role } from '$lib/pocketbase/types';
import {
	DONE_DAYS,
	applyChange,
	daysBefore,
	toPbDate,
	type Colleague,
	type FarTalk,
	type FollowUp,
	type FollowUpLists,
	type FollowUpScope
} from './followups';
import type { FollowUpsApi } from './followups.api';

export type FollowUpsStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Who the lists are for. */
export interface FollowUpsUser {
	id: string;
	role: Role;
	areas: readonly string[];
}

export class FollowUpsState {
	/** Open follow-ups: hers, and her team's for a coordinator. Replaced, never mutated. */
	open = $state.raw<FollowUp[]>([]);
	/** Hers, ticked off in the last DONE_DAYS days, the last first. Replaced, never mutated. */
	done = $state.raw<FollowUp[]>([]);
	status = $state<FollowUpsStatus>('idle');
	/** Why the last load failed; null when it did not. */
	error = $state<ApiErrorKind | null>(null);
	/** For coordinators: who a follow-up can go to, and the talks to check (`loadCoordination`). */
	colleagues = $state.raw<Colleague[]>([]);
	farTalks = $state.raw<FarTalk[]>([]);
	coordinationStatus = $state<FollowUpsStatus>('idle');
	/** The server sends her changes as they happen (`startLive`, once it has the subscription). */
	live = $state(false);

	#scope = $state.raw<FollowUpScope | null>(null);
	/** Her own open ones (the nav badge's number). */
	readonly mine: FollowUp[] = $derived(this.open.filter((f) => f.assignee === this.#scope?.userId));
	/** The team's open ones that are not hers (coordinators only). */
	readonly team: FollowUp[] = $derived(
		this.#scope?.team ? this.open.filter((f) => f.assignee !== this.#scope?.userId) : []
	);

	#api: FollowUpsApi;
	#now: () => Date;
	#loads = 0;
	/** Who the lists were last loaded for: a live connection catches up for her. */
	#user: FollowUpsUser | null = null;
	// Bookkeeping of the writes, never shown: plain Maps on purpose.
	/** Writes under way per id: meanwhile its realtime echoes wait for the writes' own answers. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- not state, see above
	#pending = new Map<string, number>();
	/** Writes per id, one after the other: a tick and its undo must reach the server in order. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- not state, see above
	#queue = new Map<string, Promise<unknown>>();

	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a clock: each call a new moment, never state
	constructor(api: FollowUpsApi, now: () => Date = () => new Date()) {
		this.#api = api;
		this.#now = now;
	}

	/** Loads her open and recently done follow-ups (and her team's, for a coordinator). */
	async load(user: FollowUpsUser): Promise<void> {
		const load = ++this.#loads;
		this.#user = user;
		// Viewers have none, and the server refuses them any question about follow-ups.
		if (!canSeePersonalData(user.role)) {
			this.#scope = null;
			this.open = [];
			this.done = [];
			this.status = 'ready';
			return;
		}
		const scope: FollowUpScope = { userId: user.id, team: canCoordinate(user.role) };
		if (this.#scope?.userId !== scope.userId || this.#scope.team !== scope.team) {
			this.open = [];
			this.done = [];
		}
		this.#scope = scope;
		this.status = 'loading';
		this.error = null;
		try {
			const since = daysBefore(this.#now(), DONE_DAYS);
			const [open, done] = await Promise.all([
				this.#api.listOpen(scope.team ? {} : { assignee: user.id }),
				this.#api.listDone(user.id, since)
			]);
			if (load !== this.#loads) return;
			this.open = open;
			this.done = done;
			this.status = 'ready';
		} catch (error) {
			if (load !== this.#loads) return;
			this.status = 'error';
			this.error = apiErrorKind(error);
		}
	}

	/** For a coordinator's page: her colleagues, and the talks logged far from their door. */
	async loadCoordination(user: FollowUpsUser): Promise<void> {
		if (!canCoordinate(user.role)) return;
		this.coordinationStatus = 'loading';
		try {
			const since = daysBefore(this.#now(), DONE_DAYS);
			const [colleagues, farTalks] = await Promise.all([
				this.#api.listColleagues(user.areas),
				this.#api.listFarFromAddress(user.areas, since)
			]);
			this.colleagues = colleagues;
			this.farTalks = farTalks;
			this.coordinationStatus = 'ready';
		} catch {
			this.coordinationStatus = 'error';
		}
	}

	/**
	 * Follows changes made by anyone. Call in an $effect and return the result as its teardown.
	 * Lists loaded before the server had the subscription load again once it has: what changed in
	 * between came as no event.
	 */
	startLive(): () => void {
		this.live = false;
		const stop = this.#api.subscribe(
			(event) => {
				if (this.#pending.has(event.record.id)) return;
				this.#apply(event.action, event.record);
			},
			() => {
				this.live = true;
				if (this.#user && this.status === 'ready') void this.load(this.#user);
			}
		);
		return () => {
			this.live = false;
			stop();
		};
	}

	/**
	 * Ticks one off (`done`) or puts it back. Moves at once; back where it was when the server
	 * refuses (then the error is thrown for the caller's message). Takes the record, not its id:
	 * a team member's ticked off leaves both lists, and its undo must still know it.
	 */
	setDone(item: FollowUp, done: boolean): Promise<void> {
		const before = this.#current(item);
		// Shown as the server will have it; `updated` stays, so the server's answer replaces it.
		const shown: FollowUp = { ...before, done, doneAt: done ? toPbDate(this.#now()) : '' };
		return this.#write(before, shown, () => this.#api.setDone(item.id, done));
	}

	/** Gives one to a colleague (coordinators); moves at once, back when refused. */
	reassign(item: FollowUp, assignee: string): Promise<void> {
		const before = this.#current(item);
		const colleague = this.colleagues.find((c) => c.id === assignee);
		const shown: FollowUp = {
			...before,
			assignee,
			expand: {
				...before.expand,
				assignee: colleague && { id: colleague.id, name: colleague.name }
			}
		};
		return this.#write(before, shown, () => this.#api.reassign(item.id, assignee));
	}

	/** Our latest copy of a record (the caller's may be older). */
	#current(item: FollowUp): FollowUp {
		return [...this.open, ...this.done].find((f) => f.id === item.id) ?? item;
	}

	#write(before: FollowUp, shown: FollowUp, send: () => Promise<FollowUp>): Promise<void> {
		const id = before.id;
		this.#place(shown, true);
		this.#pending.set(id, (this.#pending.get(id) ?? 0) + 1);
		const previous = this.#queue.get(id) ?? Promise.resolve();
		const write = previous
			.catch(() => {})
			.then(send)
			.then(
				(saved) => this.#place(saved),
				(error: unknown) => {
					this.#place(before, true);
					throw error;
				}
			)
			.finally(() => {
				const left = (this.#pending.get(id) ?? 1) - 1;
				if (left > 0) return void this.#pending.set(id, left);
				this.#pending.delete(id);
				this.#queue.delete(id);
			});
		this.#queue.set(id, write);
		return write;
	}

	/** Puts a record where it belongs; `force` also over a newer copy (our own optimistic one). */
	#place(record: FollowUp, force = false): void {
		if (force) {
			const lists = this.#lists();
			this.#set({
				open: lists.open.filter((f) => f.id !== record.id),
				done: lists.done.filter((f) => f.id !== record.id)
			});
		}
		this.#apply('update', record);
	}

	#apply(action: 'create' | 'update' | 'delete', record: FollowUp): void {
		const scope = this.#scope;
		if (!scope) return;
		const before = this.#lists();
		const after = applyChange(before, { action, record }, scope, this.#now());
		if (after !== before) this.#set(after);
	}

	#lists(): FollowUpLists {
		return { open: this.open, done: this.done };
	}

	#set({ open, done }: FollowUpLists): void {
		if (open !== this.open) this.open = open;
		if (done !== this.done) this.done = done;
	}
}

export const [getFollowUpsState, setFollowUpsState] = createContext<FollowUpsState>();
