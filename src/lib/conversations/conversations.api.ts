// Reads what "Op pad" needs: the addresses of the areas and the visits made there. New
// conversations are not written here but through the outbox (src/lib/sync), offline or not.
import type { AddressRecord } from '$lib/addresses/addresses';
import { pb } from '$lib/pocketbase/client';
import { anyOf } from '$lib/pocketbase/filter';
import type { Visit } from './walk-list';

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
	return pb.collection('conversations').getFullList<Visit>({
		filter: pb.filter(`address != "" && (${filter.expr})`, filter.params),
		fields: 'id,address,heldAt,outcome,worker',
		batch: 1000,
		requestKey: 'walk:visits'
	});
}
