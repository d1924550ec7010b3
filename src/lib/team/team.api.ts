// The team over the wire (pb_hooks/team.pb.js). Takes the client as a parameter (the app's `pb`,
// or a test's), so tests/integration/team.test.ts runs exactly these calls.
import type PocketBase from 'pocketbase';
import type { AreaRecord } from '$lib/pocketbase/types';
import type { Invitation, MemberChanges, TeamList, TeamMember } from './team';
import type { TeamStateApi } from './team.svelte';

const TEAM = '/api/krachtkaart/team';
const ofMember = (id: string, step = '') =>
	`${TEAM}/${encodeURIComponent(id)}${step ? `/${step}` : ''}`;

export interface TeamApi {
	list(): Promise<TeamList>;
	invite(invitation: Invitation): Promise<TeamMember>;
	resend(id: string): Promise<TeamMember>;
	update(id: string, changes: MemberChanges): Promise<TeamMember>;
	deactivate(id: string): Promise<TeamMember>;
	reactivate(id: string): Promise<TeamMember>;
}

export function teamApi(client: PocketBase): TeamApi {
	// Never auto-cancelled: a change that was sent must get its answer.
	const post = (path: string, body?: unknown) =>
		client.send<TeamMember>(path, { method: 'POST', body, requestKey: null });
	return {
		list: () => client.send<TeamList>(TEAM, { method: 'GET', requestKey: null }),
		invite: (invitation) => post(`${TEAM}/invite`, invitation),
		resend: (id) => post(ofMember(id, 'resend')),
		update: (id, changes) => post(ofMember(id), changes),
		deactivate: (id) => post(ofMember(id, 'deactivate')),
		reactivate: (id) => post(ofMember(id, 'reactivate'))
	};
}

/** The team calls and the areas a manager picks from (every area she may read, by code). */
export function teamStateApi(client: PocketBase): TeamStateApi {
	return {
		...teamApi(client),
		areas: () =>
			client.collection('areas').getFullList<AreaRecord>({
				fields: 'id,code,name,level,parent',
				sort: 'code',
				batch: 1000,
				skipTotal: true,
				requestKey: null
			})
	};
}

export interface PasswordApi {
	/** Sets her password with the token of an invitation or reset mail. */
	confirm(token: string, password: string): Promise<void>;
}

export function passwordApi(client: PocketBase): PasswordApi {
	return {
		async confirm(token, password) {
			await client
				.collection('users')
				.confirmPasswordReset(token, password, password, { requestKey: null });
		}
	};
}
