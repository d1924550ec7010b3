// The team as its managers see it (pb_hooks/team.pb.js, lib/team.js): admins manage everyone,
// a coordinator the workers and viewers within her own areas, giving only those two roles and only
// her areas. Pure logic: what a manager may offer, a member's status, checking the invitation
// form before it is sent. The server checks all of it again and is the one that decides.
import type { AreaRecord, Role } from '$lib/pocketbase/types';

export type MemberStatus = 'active' | 'invited' | 'deactivated';

/** A member as GET /api/krachtkaart/team returns her: nothing else of her record. */
export interface TeamMember {
	id: string;
	name: string;
	email: string;
	role: Role;
	areas: string[];
	status: MemberStatus;
	/** PocketBase date ('' when never invited through the app). */
	invitedAt: string;
	deactivatedAt: string;
}

export interface TeamList {
	members: TeamMember[];
	/** The id of whoever asked: she is listed, but manages herself here in nothing. */
	me: string;
}

export interface Invitation {
	email: string;
	name: string;
	role: Role;
	areas: string[];
}

export interface MemberChanges {
	role?: Role;
	areas?: string[];
}

/** The roles a manager may give: an admin any, a coordinator worker and viewer. */
export function assignableRoles(managerRole: Role): Role[] {
	return managerRole === 'admin'
		? ['worker', 'viewer', 'coordinator', 'admin']
		: managerRole === 'coordinator'
			? ['worker', 'viewer']
			: [];
}

/** Whether a role manages a team at all (and so sees the Team page). */
export function managesTeam(role: Role | undefined | null): boolean {
	return role === 'admin' || role === 'coordinator';
}

/**
 * The areas a manager may give, as options: an admin every area, a coordinator her own and the
 * areas below them (as far as the chain gemeente ▸ wijk ▸ buurt goes), in the order given.
 */
export function assignableAreas(
	managerRole: Role,
	ownAreas: readonly string[],
	areas: readonly AreaRecord[]
): AreaRecord[] {
	if (managerRole === 'admin') return [...areas];
	if (managerRole !== 'coordinator') return [];
	const byId = new Map(areas.map((a) => [a.id, a]));
	const within = (area: AreaRecord): boolean => {
		let current: AreaRecord | undefined = area;
		for (let depth = 0; current && depth < 4; depth++) {
			if (ownAreas.includes(current.id)) return true;
			current = current.parent ? byId.get(current.parent) : undefined;
		}
		return false;
	};
	return areas.filter(within);
}

export type InvitationProblem = 'email' | 'role' | 'areas' | 'name';

const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** What is wrong with an invitation before it is sent, field by field (none: []). */
export function invitationProblems(invitation: Invitation, managerRole: Role): InvitationProblem[] {
	const problems: InvitationProblem[] = [];
	const email = invitation.email.trim();
	if (!email || email.length > 254 || !EMAIL.test(email)) problems.push('email');
	if (invitation.name.trim().length > 100) problems.push('name');
	if (!assignableRoles(managerRole).includes(invitation.role)) problems.push('role');
	if (invitation.role !== 'admin' && invitation.areas.length === 0) problems.push('areas');
	return problems;
}

/** The invitation as the server wants it: the address trimmed and in lower case. */
export function normalisedInvitation(invitation: Invitation): Invitation {
	return {
		...invitation,
		email: invitation.email.trim().toLowerCase(),
		name: invitation.name.trim()
	};
}

/** Only what differs from the member: the body of an update (empty: nothing to send). */
export function changesFor(
	member: TeamMember,
	role: Role,
	areas: readonly string[]
): MemberChanges {
	const changes: MemberChanges = {};
	if (role !== member.role) changes.role = role;
	const same =
		areas.length === member.areas.length && areas.every((id) => member.areas.includes(id));
	if (!same) changes.areas = [...areas];
	return changes;
}

/** Members sorted for the list: active first, then invited, then deactivated; by name or e-mail. */
export function sortedMembers(members: readonly TeamMember[]): TeamMember[] {
	const order: Record<MemberStatus, number> = { active: 0, invited: 1, deactivated: 2 };
	return [...members].sort(
		(a, b) =>
			order[a.status] - order[b.status] ||
			(a.name || a.email).localeCompare(b.name || b.email, 'nl')
	);
}

/** The token of an invitation or reset link's path (/wachtwoord/<token>), or '' if none. */
export function tokenOfPath(pathname: string): string {
	const match = /\/wachtwoord\/([A-Za-z0-9_.-]+)\/?$/.exec(pathname);
	return match ? match[1] : '';
}

/**
 * The server's explanation of a refusal in the reader's language: the team routes answer "Dutch /
 * English" (pb_hooks/lib/team.js); null when there is none (offline, a server error).
 */
export function serverMessage(error: unknown, locale: string): string | null {
	const e = (typeof error === 'object' && error !== null ? error : {}) as {
		status?: number;
		response?: { message?: unknown };
	};
	const message = e.response?.message;
	if (!e.status || e.status >= 500 || typeof message !== 'string' || !message) return null;
	const parts = message.split(' / ');
	if (parts.length < 2) return message;
	return locale === 'en' ? parts.slice(1).join(' / ') : parts[0];
}

/** The shortest password the server takes (pb_migrations/1763901600_security_hardening.js). */
export const MIN_PASSWORD = 12;

/** What is wrong with a new password and its repetition before it is sent (null: nothing). */
export function passwordProblem(password: string, repeat: string): 'short' | 'mismatch' | null {
	if ([...password].length < MIN_PASSWORD) return 'short';
	if (password !== repeat) return 'mismatch';
	return null;
}
