// Reads and writes assets. The API rules already limit a user to her own areas; the filter
// narrows to the areas on screen.
import type { LinkRecord, NewLink } from '$lib/links/links';
import { createLink, deleteLink, listLinksIn, subscribeLinks } from '$lib/links/links.api';
import { pb } from '$lib/pocketbase/client';
import { subscribeCollection, type RealtimeEvent } from '$lib/pocketbase/realtime.api';
import type { AssetRecord, BaseRecord, UserRecord } from '$lib/pocketbase/types';
import { assetsFilter, type AssetAreaExpand, type AssetPatch, type NewAsset } from './assets';

// What the map, the filters (description) and the freshness flags (dates) need.
const MAP_FIELDS =
	'id,kind,title,description,themes,domain,gifts,location,precision,area,status,created,updated,confirmedAt,confirmedBy';

/**
 * The assets in or under the given areas, with the fields the map needs; ended ones only when
 * asked for.
 */
export async function listAssetsIn(
	areaIds: readonly string[],
	{ includeEnded = false }: { includeEnded?: boolean } = {}
): Promise<AssetRecord[]> {
	const filter = assetsFilter(areaIds, { includeEnded });
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

/** An asset with the records it refers to, as far as the user may see them. */
export type AssetDetail = AssetRecord & {
	expand?: {
		createdBy?: UserRecord;
		confirmedBy?: UserRecord;
		sourceConversation?: BaseRecord & { heldAt?: string; outcome?: string };
	};
};

/** One asset, all fields, with who made and confirmed it and the conversation it came from. */
export async function getAsset(
	id: string,
	{ expand = 'createdBy,confirmedBy,sourceConversation' }: { expand?: string } = {}
): Promise<AssetDetail> {
	return pb.collection('assets').getOne<AssetDetail>(id, { expand, requestKey: `assets:${id}` });
}

// Writes are never auto-cancelled: two quick edits must both reach the server.
export async function createAsset(body: NewAsset): Promise<AssetRecord> {
	return pb.collection('assets').create<AssetRecord>(body, { requestKey: null });
}

export async function updateAsset(id: string, patch: AssetPatch): Promise<AssetRecord> {
	return pb.collection('assets').update<AssetRecord>(id, patch, { requestKey: null });
}

/**
 * Marks the asset as still current: the server sets `confirmedAt` (now) and `confirmedBy` (the
 * signed-in user), so clients cannot backdate a confirmation. The one place that knows how.
 */
export async function confirmAsset(id: string): Promise<AssetRecord> {
	return pb.collection('assets').update<AssetRecord>(id, { confirm: true }, { requestKey: null });
}

/** An asset as realtime events bring it: with its area's parent and grandparent expanded. */
export type AssetEvent = RealtimeEvent<AssetRecord & { expand?: AssetAreaExpand }>;

/**
 * Follows asset changes made by anyone (within the API rules); returns the unsubscribe. Records
 * come with `expand: 'area.parent'`, so `areaAncestry` can tell which areas they are in.
 */
export function subscribeAssets(callback: (event: AssetEvent) => void): () => void {
	return subscribeCollection('assets', callback, { expand: 'area.parent' });
}

/** What `AssetsState` needs; tests pass a fake. */
export interface AssetsApi {
	/** Every asset in or under the areas, ended ones included (the filter may show them). */
	listAssetsIn(areaIds: readonly string[]): Promise<AssetRecord[]>;
	listLinksIn(assetIds: readonly string[]): Promise<LinkRecord[]>;
	createAsset(body: NewAsset): Promise<AssetRecord>;
	updateAsset(id: string, patch: AssetPatch): Promise<AssetRecord>;
	confirmAsset(id: string): Promise<AssetRecord>;
	createLink(body: NewLink): Promise<LinkRecord>;
	deleteLink(id: string): Promise<void>;
	subscribeAssets(callback: (event: AssetEvent) => void): () => void;
	subscribeLinks(callback: (event: RealtimeEvent<LinkRecord>) => void): () => void;
}

export const assetsApi: AssetsApi = {
	listAssetsIn: (areaIds) => listAssetsIn(areaIds, { includeEnded: true }),
	listLinksIn,
	createAsset,
	updateAsset,
	confirmAsset,
	createLink,
	deleteLink,
	subscribeAssets,
	subscribeLinks
};
