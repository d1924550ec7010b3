// Reads what "Op pad" needs: the addresses of the areas and the visits made there, and follows
// the team's new visits live. New conversations are not written here but through the outbox
// (src/lib/sync), offline or not.
import type { AddressRecord } from '$lib/addresses/addresses';
import { pb } from '$lib/pocketbase/client';
import { anyOf } from '$lib/pocketbase/filter';
import { subscribeCollection, type RealtimeAction } from '$lib/pocketbase/realtime.api';
import type { Visit } from './walk-list';

/** A conversation as far as a visit needs it, with its worker's name expanded. */
type VisitRecord = Omit<Visit, 'workerName'> & { expand?: { worker?: { name?: string } } };

function toVisit({ id, address, heldAt, outcome, worker, expand }: VisitRecord): Visit {
	const workerName = expand?.worker?.name;
	return { id, address, heldAt, outcome, worker, ...(workerName ? { workerName } : {}) };
}

/** Records in or under the areas: the buurt itself, or its wijk or gemeente. */
function inAreas(areaIds: readonly string[]) {
	return anyOf(['area', 'area.parent', 'area.parent.parent'], areaIds, 'a');
}

export async function listAddressesIn(areaIds: readonly string[]): Promise<AddressRecord[]> {
	const filter = inAreas(areaIds);
	if (!filter) return [];
	return pb.collection('addresses').getFullList<AddressRecord>({
		filter: pb.filter(filter.expr, filter.params),
		fields: 'id,street,number,postcode,city,location,area',
		batch: 1000,
		requestKey: 'walk:addresses'
	});
}

export async function listVisitsIn(areaIds: readonly string[]): Promise<Visit[]> {
	const filter = inAreas(areaIds);
	if (!filter) return [];
	const records = await pb.collection('conversations').getFullList<VisitRecord>({
		filter: pb.filter(`address != "" && (${filter.expr})`, filter.params),
		// Users are readable by every signed-in user: the history can say who knocked.
		expand: 'worker',
		fields: 'id,address,heldAt,outcome,worker,expand.worker.name',
		batch: 1000,
		requestKey: 'walk:visits'
	});
	return records.map(toVisit);
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
