// The installed app: where it opens, and the one message the page sends its service worker.
import type { Role } from '$lib/pocketbase/types';

/** The manifest's start_url (static/manifest.webmanifest): how the app knows it was opened from its icon. */
export const APP_START_URL = '/?bron=app';

/**
 * Where the app, opened from its icon on a phone, takes her: a worker straight to "Op pad", anyone
 * else to the map (without the marker). Null when this is not such an opening, or who she is is
 * not known yet (signed out: the login page comes back here afterwards).
 *
 * @example appStartPath(new URL('https://x/?bron=app'), 'worker') // '/oppad'
 */
export function appStartPath(url: URL, role: Role | null | undefined): '/oppad' | '/' | null {
	if (url.pathname !== '/' || url.searchParams.get('bron') !== 'app' || !role) return null;
	return role === 'worker' ? '/oppad' : '/';
}

/** Tells a waiting service worker to take over (the page decides when: after her tap). */
export const SKIP_WAITING = { type: 'SKIP_WAITING' } as const;

export function isSkipWaiting(data: unknown): boolean {
	return (
		typeof data === 'object' &&
		data !== null &&
		(data as { type?: unknown }).type === 'SKIP_WAITING'
	);
}
