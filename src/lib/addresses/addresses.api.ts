// Reads addresses: the search behind "find an address" when adding an asset.
import { pb } from '$lib/pocketbase/client';
import { addressSearchFilter, compareAddresses, type AddressRecord } from './addresses';

const FIELDS = 'id,street,number,postcode,city,location,area';

/**
 * The first addresses matching what was typed ("Zamenhofdreef 12"), in house-number order; an
 * empty list when too little was typed. A newer search cancels an older one still under way.
 * With `within`, only the addresses in or below those areas (her own: another gemeente's
 * Dorpsstraat is not offered); none: every address.
 */
export async function searchAddresses(
	text: string,
	limit = 8,
	within: readonly string[] = []
): Promise<AddressRecord[]> {
	const filter = addressSearchFilter(text, within);
	if (!filter) return [];
	const page = await pb.collection('addresses').getList<AddressRecord>(1, limit, {
		filter: pb.filter(filter.expr, filter.params),
		fields: FIELDS,
		sort: 'street,number',
		skipTotal: true,
		requestKey: 'addresses:search'
	});
	return [...page.items].sort(compareAddresses);
}
