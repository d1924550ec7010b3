// A conversation body for the outbox tests: a door, a worker and a time, with what a test adds.
import type { NewConversation } from '$lib/conversations/new-conversation';
import type { Outcome } from '$lib/vocabulary/vocabulary';

export const conversation = (outcome: Outcome, fields: Partial<NewConversation> = {}) => ({
	area: 'area00000000001',
	address: 'adr000000000001',
	worker: 'usr000000000001',
	heldAt: '2026-11-23T10:00:00.000Z',
	outcome,
	location: { lon: 5.1, lat: 52.1 },
	locationSource: 'address' as const,
	...fields
});
