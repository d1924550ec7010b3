// Reads and writes assets. The server limits a user to her own areas; the area ids narrow that
// to the areas on screen.
import type { LinkRecord, NewLink } from '$lib/links/links';
import { createLink, deleteLink, subscribeLinks } from '$lib/links/links.api';
import { canSeePersonalData } from '$lib/auth/auth';
import { pb } from '$lib/pocketbase/client';
import { subscribeCollection, type RealtimeEvent } from '$lib/pocketbase/realtime.api';
import type { AssetRecord, BaseRecord, Role, UserRecord } from '$lib/pocketbase/types';
import { type AssetAreaExpand, type AssetPatch, type NewAsset } from './assets';

/** What the map shows of a set of areas. */
export interface MapSnapshot {
	/** The assets in or under the areas that the user may see, ended ones included. */
	assets: AssetRecord[];
	/** The links starting at those assets. */
	links: LinkRecord[];
}

/**
 * The map of the given areas in one request to the server's snapshot
 * (pb_hooks/lib/map-snapshot.js), with the fields the map, the filters and the freshness flags
 * need: at city scale the paged records API takes seconds.
 */
export async function loadMap(areaIds: readonly string[]): Promise<MapSnapshot> {
	if (areaIds.length === 0) return { assets: [], links: [] };
	return pb.send<MapSnapshot>('/api/krachtkaart/map', {
		query: { areas: areaIds.join(',') },
		requestKey: 'map:snapshot'
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

/**
 * What an asset's detail expands: who made and confirmed it and the conversation it came from;
 * for a viewer only who confirmed it, as she gets neither its author nor its conversation
 * (pb_hooks/lib/field-access.js), and the server refuses to expand what she does not get.
 */
export function detailExpand(role: Role | null): string {
	return canSeePersonalData(role) ? 'createdBy,confirmedBy,sourceConversation' : 'confirmedBy';
}

/** One asset, all fields, with what `detailExpand` gives the role. */
export async function getAsset(id: string, role: Role | null): Promise<AssetDetail> {
	return pb
		.collection('assets')
		.getOne<AssetDetail>(id, { expand: detailExpand(role), requestKey: `assets:${id}` });
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
	loadMap(areaIds: readonly string[]): Promise<MapSnapshot>;
	createAsset(body: NewAsset): Promise<AssetRecord>;
	updateAsset(id: string, patch: AssetPatch): Promise<AssetRecord>;
	confirmAsset(id: string): Promise<AssetRecord>;
	createLink(body: NewLink): Promise<LinkRecord>;
	deleteLink(id: string): Promise<void>;
	subscribeAssets(callback: (event: AssetEvent) => void): () => void;
	subscribeLinks(callback: (event: RealtimeEvent<LinkRecord>) => void): () => void;
}

export const assetsApi: AssetsApi = {
	loadMap,
	createAsset,
	updateAsset,
	confirmAsset,
	createLink,
	deleteLink,
	subscribeAssets,
	subscribeLinks
};
