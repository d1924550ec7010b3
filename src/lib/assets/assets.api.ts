// Reads assets. The API rules already limit a user to her own areas; the filter narrows to the
// areas on screen.
import { pb } from '$lib/pocketbase/client';
import type { AssetRecord } from '$lib/pocketbase/types';
import { assetsFilter } from './assets';

const MAP_FIELDS = 'id,kind,title,themes,domain,gifts,location,precision,area,status';

/** The current assets in or under the given areas, with the fields the map needs. */
export async function listAssetsIn(areaIds: readonly string[]): Promise<AssetRecord[]> {
	const filter = assetsFilter(areaIds);
	if (!filter) return [];
	return pb.collection('assets').getFullList<AssetRecord>({
		filter: pb.filter(filter.expr, filter.params),
		fields: MAP_FIELDS,
		sort: 'kind,title',
		batch: 1000,
		skipTotal: true,
		requestKey: 'assets:map'
	});
}
