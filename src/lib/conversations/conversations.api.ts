// Reads what "Op pad" needs: the addresses of the areas and the visits made there, and follows
// the team's new visits live. New conversations are not written here but through the outbox
// (src/lib/sync), offline or not.
import type { AddressRecord } from '$lib/addresses/addresses';
import { pb } from '$lib/pocketbase/client';
import { subscribeCollection, type RealtimeAction } from '$lib/pocketbase/realtime.api';
import type { Visit } from './walk-list';

/** A conversation as far as a visit needs it, with its worker's name expanded. */
type VisitRecord = Omit<Visit, 'workerName'> & { expand?: { worker?: { name?: string } } };

function toVisit({ id, address, heldAt, outcome, worker, expand }: VisitRecord): Visit {
	const workerName = expand?.worker?.name;
	return { id, address, heldAt, outcome, worker, ...(workerName ? { workerName } : {}) };
}

/** What a walk needs of the areas: their addresses and the visits made there. */
export interface WalkData {
	addresses: AddressRecord[];
	visits: Visit[];
}

/**
 * The addresses in or under the areas and their visits, with the workers' names, in one request
 * (`GET /api/krachtkaart/walk`, pb_hooks/walk.pb.js); the service worker keeps the last answer
 * for a walk without a connection.
 */
export async function loadWalk(areaIds: readonly string[]): Promise<WalkData> {
	if (areaIds.length === 0) return { addresses: [], visits: [] };
	const data = await pb.send<WalkData>('/api/krachtkaart/walk', {
		query: { areas: areaIds.join(',') },
		requestKey: 'walk:snapshot'
	});
	// An empty name means the worker's account is gone: say nothing rather than ''.
	return {
		addresses: data.addresses,
		visits: data.visits.map(({ workerName, ...visit }) =>
			workerName ? { ...visit, workerName } : visit
		)
	};
}

/**
 * Follows the team's visits as they are stored (only those the list rule lets her see: her
 * areas); returns the unsubscribe, for an `$effect`'s teardown. Conversations at no door are
 * left out.
 *
 * @example $effect(() => subscribeVisits((action, visit) => console.log(action, visit.address)));
 */
export function subscribeVisits(callback: (action: RealtimeAction, visit: Visit) => void) {
	return subscribeCollection<VisitRecord>(
		'conversations',
		({ action, record }) => {
			if (record.address) callback(action, toVisit(record));
		},
		{ expand: 'worker' }
	);
}
