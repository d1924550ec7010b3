// Guards how SDK errors are classified: aborts are ignored, 401 means "sign in again".
import { describe, expect, it } from 'vitest';
import { apiErrorKind, sessionRejected } from './errors';

describe('apiErrorKind', () => {
	it('recognises auto-cancelled and aborted requests', () => {
		expect(apiErrorKind({ status: 0, isAbort: true })).toBe('aborted');
		expect(apiErrorKind(new DOMException('stop', 'AbortError'))).toBe('aborted');
	});

	it('treats a missing status as a network failure', () => {
		expect(apiErrorKind({ status: 0, isAbort: false })).toBe('network');
		expect(apiErrorKind(new TypeError('Failed to fetch'))).toBe('network');
		expect(apiErrorKind(null)).toBe('network');
	});

	it('maps HTTP statuses', () => {
		expect(apiErrorKind({ status: 400 })).toBe('invalid');
		expect(apiErrorKind({ status: 401 })).toBe('unauthorized');
		expect(apiErrorKind({ status: 403 })).toBe('forbidden');
		expect(apiErrorKind({ status: 404 })).toBe('not_found');
		expect(apiErrorKind({ status: 429 })).toBe('rate_limited');
		expect(apiErrorKind({ status: 500 })).toBe('server');
		expect(apiErrorKind({ status: 503 })).toBe('server');
	});
});

describe('sessionRejected', () => {
	it('ends the session only for a 401 to a request that carried it', () => {
		expect(sessionRejected(401, 'token-b', 'token-b')).toBe(true);
		// Sent before she signed in: no token, or the one she had before.
		expect(sessionRejected(401, '', 'token-b')).toBe(false);
		expect(sessionRejected(401, 'token-a', 'token-b')).toBe(false);
		// Signed out already: a 401 still sends her to the login page.
		expect(sessionRejected(401, '', '')).toBe(true);
		expect(sessionRejected(403, 'token-b', 'token-b')).toBe(false);
	});
});
