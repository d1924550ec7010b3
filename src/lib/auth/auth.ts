// Roles and what each may see or do in the UI, and how a failed login is explained. Pure: the
// server's API rules are the real guard (pb_migrations/); these helpers only shape the UI.
import { apiErrorKind } from '$lib/pocketbase/errors';
import { ROLES, type Role, type UserRecord } from '$lib/pocketbase/types';

export { ROLES, type Role };

/** Message keys (messages/*.json) of the role names, for `m[ROLE_LABEL_KEYS[role]]()`. */
export const ROLE_LABEL_KEYS = {
	admin: 'role_admin',
	coordinator: 'role_coordinator',
	worker: 'role_worker',
	viewer: 'role_viewer'
} as const satisfies Record<Role, string>;

/** @example isRole('worker') // true */
export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Personal data (people, conversations): never for viewers (PRODUCT.md, privacy rules). */
export function canSeePersonalData(role: Role | null): boolean {
	return role === 'admin' || role === 'coordinator' || role === 'worker';
}

/** Adding and editing assets, logging conversations. */
export function canEditAssets(role: Role | null): boolean {
	return role === 'admin' || role === 'coordinator' || role === 'worker';
}

/** Assigning streets, deleting assets, exports for the wijkoverleg. */
export function canCoordinate(role: Role | null): boolean {
	return role === 'admin' || role === 'coordinator';
}

/** Users, roles, areas, imports, retention settings. */
export function canAdminister(role: Role | null): boolean {
	return role === 'admin';
}

/**
 * Reads an app user out of the SDK's auth record; `null` for anything else (no record, a
 * superuser, a record without a known role).
 *
 * @example
 * toUser({ id: 'u1', collectionName: 'users', name: 'Ans', role: 'worker', areas: ['a1'] })
 */
export function toUser(record: unknown): UserRecord | null {
	if (typeof record !== 'object' || record === null) return null;
	const r = record as Record<string, unknown>;
	if (typeof r.id !== 'string' || !r.id) return null;
	if (r.collectionName !== undefined && r.collectionName !== 'users') return null;
	if (!isRole(r.role)) return null;
	return {
		...(r as object),
		id: r.id,
		name: typeof r.name === 'string' ? r.name : '',
		role: r.role,
		areas: Array.isArray(r.areas) ? r.areas.filter((a): a is string => typeof a === 'string') : []
	};
}

/** The name to show for a user: her name, else the part of her email before the @. */
export function displayName(user: Pick<UserRecord, 'name' | 'email'>): string {
	const name = user.name.trim();
	if (name) return name;
	return user.email?.split('@')[0] ?? '';
}

export type LoginErrorKind = 'invalid' | 'network' | 'rate_limited' | 'unknown';

/** Message keys of the login errors. */
export const LOGIN_ERROR_KEYS = {
	invalid: 'login_error_invalid',
	network: 'login_error_network',
	rate_limited: 'login_error_rate_limited',
	unknown: 'login_error_unknown'
} as const satisfies Record<LoginErrorKind, string>;

/**
 * Why a login failed, in the terms the login page explains. PocketBase answers a wrong email or
 * password with 400 ("Failed to authenticate"), never saying which of the two was wrong.
 *
 * @example loginErrorKind({ status: 400 }) // 'invalid'
 */
export function loginErrorKind(error: unknown): LoginErrorKind {
	if (error instanceof NotAnAppUserError) return 'invalid';
	switch (apiErrorKind(error)) {
		case 'invalid':
		case 'not_found':
		case 'unauthorized':
		case 'forbidden':
			return 'invalid';
		case 'network':
			return 'network';
		case 'rate_limited':
			return 'rate_limited';
		default:
			return 'unknown';
	}
}

/** Thrown when the credentials are right but the account has no app role. */
export class NotAnAppUserError extends Error {
	constructor() {
		super('signed in, but the account has no Krachtkaart role');
		this.name = 'NotAnAppUserError';
	}
}

/** Session storage key of the page to return to after signing in. */
export const RETURN_PATH_KEY = 'krachtkaart:return';

/**
 * Where to go back to after signing in (a shared link opened while signed out): a path of this
 * app with its query, never another site ('//evil.example', 'https://…') or the login page.
 *
 * @example returnPath('/?kind=key_figure') // '/?kind=key_figure'
 * @example returnPath('//evil.example/') // null
 */
export function returnPath(value: unknown): string | null {
	if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return null;
	if (value.startsWith('//') || value.startsWith('/\\')) return null;
	if (value === '/login' || value.startsWith('/login?') || value.startsWith('/login/')) return null;
	return value;
}
