// Guards which API reads the service worker keeps for a walk without a connection: what a worker
// needs in the street, and nothing else (no people, no audit log, no writes' paths).
import { describe, expect, it } from 'vitest';
import { isOfflineRead } from './offline-cache';

describe('isOfflineRead', () => {
	it.each([
		'/api/krachtkaart/config',
		'/api/krachtkaart/map',
		'/api/krachtkaart/walk',
		'/api/collections/areas/records',
		'/api/collections/addresses/records',
		'/api/collections/conversations/records',
		'/api/collections/follow_ups/records',
		'/api/collections/rounds/records',
		'/api/collections/round_questions/records',
		'/api/collections/walk_lists/records'
	])('keeps %s', (path) => {
		expect(isOfflineRead(path)).toBe(true);
	});

	it.each([
		'/api/collections/people/records',
		'/api/collections/audit_log/records',
		'/api/collections/users/auth-refresh',
		'/api/collections/conversations/records/abc123def456ghi',
		'/api/krachtkaart/walk/extra',
		'/api/collections/walk_lists/records/abc123def456ghi'
	])('leaves %s to the network', (path) => {
		expect(isOfflineRead(path)).toBe(false);
	});
});
