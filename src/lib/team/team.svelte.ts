// The team page as runes state: the members a manager manages, the areas she may give, and each
// step (invite, resend, change, deactivate, reactivate) with its outcome. Made by the page
// (nothing else needs it); tests inject a fake API. The server decides; this keeps what it said.
import { apiErrorKind } from '$lib/pocketbase/errors';
import type { AreaRecord } from '$lib/pocketbase/types';
import type { Invitation, MemberChanges, TeamMember } from './team';
import type { TeamApi } from './team.api';

export type TeamStep = 'invite' | 'resend' | 'update' | 'deactivate' | 'reactivate';

/** What the last step did, for the notice (with undo after a deactivation). */
export interface TeamOutcome {
	step: TeamStep;
	member: TeamMember;
}

/** Why a step or the load failed: the server's words when it gave any, else the kind. */
export interface TeamFailure {
	step: TeamStep | 'load';
	error: unknown;
	kind: ReturnType<typeof apiErrorKind>;
}

export interface TeamStateApi extends TeamApi {
	/** Every area she may read (the picker narrows them to what she may give). */
	areas(): Promise<AreaRecord[]>;
}

export class TeamState {
	members = $state.raw<TeamMember[]>([]);
	me = $state('');
	areas = $state.raw<AreaRecord[]>([]);
	status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
	/** The member (or 'invite') a step is under way for; one at a time. */
	busy = $state<string | null>(null);
	outcome = $state.raw<TeamOutcome | null>(null);
	failure = $state.raw<TeamFailure | null>(null);

	#api: TeamStateApi;

	constructor(api: TeamStateApi) {
		this.#api = api;
	}

	async load(): Promise<void> {
		this.status = 'loading';
		this.failure = null;
		try {
			const [list, areas] = await Promise.all([this.#api.list(), this.#api.areas()]);
			this.members = list.members;
			this.me = list.me;
			this.areas = areas;
			this.status = 'ready';
		} catch (error) {
			this.status = 'error';
			this.failure = { step: 'load', error, kind: apiErrorKind(error) };
		}
	}

	invite(invitation: Invitation): Promise<boolean> {
		return this.#run('invite', 'invite', () => this.#api.invite(invitation));
	}

	resend(id: string): Promise<boolean> {
		return this.#run('resend', id, () => this.#api.resend(id));
	}

	update(id: string, changes: MemberChanges): Promise<boolean> {
		return this.#run('update', id, () => this.#api.update(id, changes));
	}

	deactivate(id: string): Promise<boolean> {
		return this.#run('deactivate', id, () => this.#api.deactivate(id));
	}

	reactivate(id: string): Promise<boolean> {
		return this.#run('reactivate', id, () => this.#api.reactivate(id));
	}

	dismiss(): void {
		this.outcome = null;
		this.failure = null;
	}

	async #run(step: TeamStep, key: string, call: () => Promise<TeamMember>): Promise<boolean> {
		if (this.busy) return false;
		this.busy = key;
		this.failure = null;
		this.outcome = null;
		try {
			const member = await call();
			const known = this.members.some((m) => m.id === member.id);
			this.members = known
				? this.members.map((m) => (m.id === member.id ? member : m))
				: [...this.members, member];
			this.outcome = { step, member };
			return true;
		} catch (error) {
			this.failure = { step, error, kind: apiErrorKind(error) };
			return false;
		} finally {
			this.busy = null;
		}
	}
}
