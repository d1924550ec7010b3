// The "Taken" page as one state over the layout's FollowUpsState: her follow-ups grouped by when
// they are due (moving on at midnight), the coordinator's team list with its filter by colleague,
// and the notice after a tick, an undo or a reassignment (with the undo of a tick). The page
// makes one; tests give the FollowUpsState a fake FollowUpsApi.
import { apiErrorKind } from '$lib/pocketbase/errors';
import { assigneesOf, compareByDue, groupByDue, type FollowUp } from './followups';
import type { FollowUpsState } from './followups.svelte';

/** The team filter's value for "everyone" ('' is "nobody yet"). */
export const EVERYONE = '*';

/** What the last step did, for the page's toast; `undo` after a tick. */
export type TaskNotice =
	| { kind: 'ticked'; what: string; undo: () => void }
	| { kind: 'reopened'; what: string }
	| { kind: 'reassigned'; what: string; name: string }
	/** The server said no (gone, or no longer hers): the list is as it was. */
	| { kind: 'refused' }
	| { kind: 'failed' };

export class TasksState {
	/** The groups move on at midnight, also when the page stays open (see `advance`). Replaced by
	 * each tick of the clock, never mutated. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced, never mutated
	now = $state.raw(new Date(0));
	teamFilter = $state(EVERYONE);
	notice = $state.raw<TaskNotice | null>(null);

	#followUps: FollowUpsState;
	#clock: () => Date;

	readonly groups: ReturnType<typeof groupByDue<FollowUp>>;
	readonly teamAssignees: ReturnType<typeof assigneesOf>;
	/** Back to everyone once the chosen colleague has no open ones left. */
	readonly shownFor: string;
	readonly teamShown: FollowUp[];

	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a clock: each call a new moment, never state
	constructor(followUps: FollowUpsState, clock: () => Date = () => new Date()) {
		this.#followUps = followUps;
		this.#clock = clock;
		this.now = clock();
		this.groups = $derived(groupByDue(followUps.mine, this.now));
		this.teamAssignees = $derived(assigneesOf(followUps.team));
		this.shownFor = $derived(
			this.teamAssignees.some((a) => a.id === this.teamFilter) ? this.teamFilter : EVERYONE
		);
		this.teamShown = $derived(
			followUps.team
				.filter((f) => this.shownFor === EVERYONE || f.assignee === this.shownFor)
				.sort(compareByDue)
		);
	}

	/** Moves the clock on; the page calls it every minute. */
	advance() {
		this.now = this.#clock();
	}

	tick(item: FollowUp) {
		this.#followUps.setDone(item, true).catch((error) => this.#failed(error));
		this.notice = { kind: 'ticked', what: item.what, undo: () => this.reopen(item) };
	}

	reopen(item: FollowUp) {
		this.#followUps.setDone(item, false).catch((error) => this.#failed(error));
		this.notice = { kind: 'reopened', what: item.what };
	}

	reassign(item: FollowUp, assignee: string) {
		const name = this.#followUps.colleagues.find((c) => c.id === assignee)?.name ?? '';
		this.#followUps.reassign(item, assignee).catch((error) => this.#failed(error));
		this.notice = { kind: 'reassigned', what: item.what, name };
	}

	dismiss() {
		this.notice = null;
	}

	#failed(error: unknown) {
		const kind = apiErrorKind(error);
		// A 401 already went to the login page (src/lib/pocketbase/client.ts).
		if (kind === 'unauthorized' || kind === 'aborted') return;
		const refused = kind === 'forbidden' || kind === 'not_found' || kind === 'invalid';
		this.notice = { kind: refused ? 'refused' : 'failed' };
	}
}
