// Guards how SDK errors are classified: aborts are ignored, 401 means "sign in again".
import { describe, expect, it } from 'vitest';
import { apiErrorKind } from './errors';

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
