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

/** Personal data (people, conversations): never for viewers (docs/product.md, privacy rules). */
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

/** `expired`: the time to type the mailed code ran out; the password step starts again. */
export type LoginErrorKind = 'invalid' | 'expired' | 'network' | 'rate_limited' | 'unknown';

/** Message keys of the login errors. */
export const LOGIN_ERROR_KEYS = {
	invalid: 'login_error_invalid',
	expired: 'login_error_expired',
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

// The second step for coordinators and admins: after the right password PocketBase answers 401
// with an `mfaId` instead of a token, and a code mailed to her completes the sign-in
// (pb_migrations/1763901800_users_mfa_otp.js).

/** Digits of the mailed code (the users collection's `otp.length`). */
export const CODE_LENGTH = 6;

/** Seconds before another code may be asked for (the server allows 20 a minute per address). */
export const RESEND_COOLDOWN_SECONDS = 30;

/**
 * The `mfaId` of PocketBase's answer to a right password that needs the second step, else null
 * (a wrong password, a 401 of an expired session).
 *
 * @example mfaIdOf({ status: 401, response: { mfaId: 'abc123def456ghi' } }) // 'abc123def456ghi'
 * @example mfaIdOf({ status: 400, response: {} }) // null
 */
export function mfaIdOf(error: unknown): string | null {
	if (typeof error !== 'object' || error === null) return null;
	const e = error as { status?: unknown; response?: unknown };
	if (e.status !== 401 || typeof e.response !== 'object' || e.response === null) return null;
	const mfaId = (e.response as { mfaId?: unknown }).mfaId;
	return typeof mfaId === 'string' && mfaId.length > 0 ? mfaId : null;
}

/**
 * The digits of a typed or pasted code, at most CODE_LENGTH: spaces, dashes and the like go.
 *
 * @example codeDigits(' 123 456 ') // '123456'
 */
export function codeDigits(input: string): string {
	return input.replace(/\D+/g, '').slice(0, CODE_LENGTH);
}

/** @example isCompleteCode('123456') // true */
export function isCompleteCode(code: string): boolean {
	return new RegExp(`^\\d{${CODE_LENGTH}}$`).test(code);
}

/**
 * Whole seconds until another code may be asked for; 0 when it may.
 *
 * @example resendWaitSeconds(1_000, 11_000) // 20
 */
export function resendWaitSeconds(
	sentAt: number,
	now: number,
	cooldownSeconds = RESEND_COOLDOWN_SECONDS
): number {
	const left = cooldownSeconds * 1000 - (now - sentAt);
	return left > 0 ? Math.ceil(left / 1000) : 0;
}

/**
 * `incomplete`: not six digits; `wrong`: a wrong or expired code (PocketBase tells them apart to
 * nobody); `too_many`: five wrong codes, a new one is needed; `expired`: the password step is too
 * long ago; `rate_limited`: new codes asked for too often.
 */
export type CodeErrorKind =
	'incomplete' | 'wrong' | 'too_many' | 'expired' | 'rate_limited' | 'network' | 'unknown';

/** Message keys of the code step's errors. */
export const CODE_ERROR_KEYS = {
	incomplete: 'login_code_error_incomplete',
	wrong: 'login_code_error_wrong',
	too_many: 'login_code_error_too_many',
	expired: 'login_error_expired',
	rate_limited: 'login_error_rate_limited',
	network: 'login_error_network',
	unknown: 'login_error_unknown'
} as const satisfies Record<CodeErrorKind, string>;

/**
 * Why the code was refused. PocketBase answers a wrong or expired code with 400 "Invalid or
 * expired OTP", an mfaId past its time with 400 "Invalid or expired MFA session.", five wrong
 * codes in three minutes with 429.
 *
 * @example codeErrorKind({ status: 400, message: 'Invalid or expired OTP' }) // 'wrong'
 * @example codeErrorKind({ status: 400, message: 'Invalid or expired MFA session.' }) // 'expired'
 */
export function codeErrorKind(error: unknown): CodeErrorKind {
	const kind = apiErrorKind(error);
	if (kind === 'network') return 'network';
	if (kind === 'rate_limited') return 'too_many';
	if (kind === 'invalid' || kind === 'not_found') {
		const message = String((error as { message?: unknown }).message ?? '');
		return /\bMFA\b/.test(message) ? 'expired' : 'wrong';
	}
	// A 401 here is a new mfaId: the password step no longer counts.
	if (kind === 'unauthorized') return 'expired';
	return 'unknown';
}
