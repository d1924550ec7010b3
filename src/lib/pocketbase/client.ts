// The only place that constructs the PocketBase SDK client, and the funnel for its errors
// (after PocketBase's own UI, ui/src/utils/ApiClient.js): an aborted request is ignored, a 401
// signs the user out and sends her to the login page, everything else is for the caller to show.
import PocketBase, { type SendOptions } from 'pocketbase';
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { apiErrorKind, sessionRejected, type ApiErrorKind } from './errors';

// The built app is served by PocketBase itself, and `vite dev` proxies /api to it, so the API is
// always same-origin. (The guard only matters if this module is ever evaluated outside a browser.)
const baseUrl = typeof window === 'undefined' ? 'http://127.0.0.1:8090' : window.location.origin;

export const pb = new PocketBase(baseUrl);

/**
 * The same session (one auth store) for work in the background, the outbox's sends: a 401 there
 * must not take her off the page she is on, with a talk half typed. The outbox keeps what waits
 * and the banner asks her to sign in again when she is ready.
 */
export const backgroundPb = new PocketBase(baseUrl, pb.authStore);

// Runs for every response, also for failed ones (before the SDK throws). A 401 to a request sent
// with her current token means it was rejected (expired, revoked, user deleted): drop it once,
// then go to the login page. One sent before she signed in leaves the new session alone.
pb.afterSend = (response: Response, data: unknown, options?: SendOptions) => {
	const headers = (options?.headers ?? {}) as Record<string, string | undefined>;
	const sent = headers.Authorization ?? headers.authorization ?? '';
	if (sessionRejected(response.status, sent, pb.authStore.token)) signOutAndRedirect();
	return data;
};

function signOutAndRedirect() {
	if (pb.authStore.token) pb.authStore.clear();
	const login = resolve('/login');
	if (typeof window !== 'undefined' && window.location.pathname !== login) {
		void goto(login);
	}
}

/**
 * Funnels an error thrown by an SDK call: returns `null` when there is nothing to show (the
 * request was aborted, or a 401 that already sent the user to the login page), otherwise the
 * kind of error for the caller's message.
 *
 * @example
 * try { await listAssets(...) } catch (e) { const kind = handleApiError(e); if (kind) showError(kind) }
 */
export function handleApiError(error: unknown): ApiErrorKind | null {
	const kind = apiErrorKind(error);
	// A 401 was already handled in afterSend.
	if (kind === 'aborted' || kind === 'unauthorized') return null;
	return kind;
}
