// What an SDK error means to the app. Pure, so the rules are tested without a server; client.ts
// acts on the result (ignore, sign out, show a message).

/** The parts of the SDK's `ClientResponseError` we look at (duck-typed: tests need no SDK). */
export interface ApiErrorLike {
	status?: number;
	isAbort?: boolean;
}

export type ApiErrorKind =
	| 'aborted'
	| 'network'
	| 'invalid'
	| 'unauthorized'
	| 'forbidden'
	| 'not_found'
	| 'rate_limited'
	| 'server';

/**
 * Classifies an error thrown by the PocketBase SDK.
 *
 * @example
 * apiErrorKind({ status: 0, isAbort: true }) // 'aborted' (auto-cancelled, a newer request won)
 * apiErrorKind({ status: 0 }) // 'network' (offline or server down)
 * apiErrorKind({ status: 401 }) // 'unauthorized' (token expired or revoked)
 */
export function apiErrorKind(error: unknown): ApiErrorKind {
	const e = (typeof error === 'object' && error !== null ? error : {}) as ApiErrorLike;
	if (e.isAbort) return 'aborted';
	if (error instanceof DOMException && error.name === 'AbortError') return 'aborted';
	const status = typeof e.status === 'number' ? e.status : 0;
	if (status === 0) return 'network';
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'not_found';
	if (status === 429) return 'rate_limited';
	if (status >= 400 && status < 500) return 'invalid';
	return 'server';
}

/**
 * Whether a response means her current session was rejected: a 401 to a request sent with the
 * token she holds now. A 401 to a request sent before she signed in (no token, or an older one)
 * says nothing about the new session and must not end it: such a late answer once signed her
 * out right after signing in.
 *
 * @example sessionRejected(401, '', 'new-token') // false: sent before she signed in
 */
export function sessionRejected(status: number, sentToken: string, currentToken: string): boolean {
	return status === 401 && sentToken === currentToken;
}
