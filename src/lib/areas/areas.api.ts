// Reads areas, and a user's part of the area tree (for AreasState). Lists ask only for the
// fields they use and skip the total count.
import { anyOf } from '$lib/pocketbase/filter';
import { pb } from '$lib/pocketbase/client';
import type { AreaRecord, UserRecord } from '$lib/pocketbase/types';
import { buurtenFilter, customAreasOf, type AreaRef, type AreasBelow } from './areas';

const REF_FIELDS = 'id,code,name,level,parent';
const MAP_FIELDS = 'id,code,name,level,parent,geometry,addressCount';

/** The areas with these ids (without geometry), e.g. the areas of the signed-in user. */
export async function getAreas(ids: readonly string[]): Promise<AreaRecord[]> {
	const filter = anyOf('id', ids, 'id');
	if (!filter) return [];
	return pb.collection('areas').getFullList<AreaRecord>({
		filter: pb.filter(filter.expr, filter.params),
		fields: REF_FIELDS,
		sort: 'code',
		skipTotal: true,
		requestKey: 'areas:refs'
	});
}

/** The first gemeente by code (an admin without areas of her own starts there). */
export async function firstGemeente(): Promise<AreaRecord | null> {
	const page = await pb.collection('areas').getList<AreaRecord>(1, 1, {
		filter: 'level = "gemeente"',
		fields: REF_FIELDS,
		sort: 'code',
		skipTotal: true,
		requestKey: 'areas:first-gemeente'
	});
	return page.items[0] ?? null;
}

/**
 * Every gemeente of the instance, by code (an admin without areas of her own sees them all; at most
 * 100, as many as the snapshot routes take).
 */
export async function listGemeenten(): Promise<AreaRecord[]> {
	const page = await pb.collection('areas').getList<AreaRecord>(1, 100, {
		filter: 'level = "gemeente"',
		fields: REF_FIELDS,
		sort: 'code',
		skipTotal: true,
		requestKey: 'areas:gemeenten'
	});
	return page.items;
}

/** The buurten (with geometry) under the given areas; see `buurtenFilter`. */
export async function listBuurtenFor(roots: readonly AreaRef[]): Promise<AreaRecord[]> {
	const filter = buurtenFilter(roots);
	if (!filter) return [];
	return pb.collection('areas').getFullList<AreaRecord>({
		filter: pb.filter(filter.expr, filter.params),
		fields: MAP_FIELDS,
		sort: 'code',
		batch: 500,
		skipTotal: true,
		requestKey: 'areas:buurten'
	});
}

/** The custom areas (any signed-in user reads areas), with their outline. */
export async function listCustomAreas(): Promise<AreaRecord[]> {
	return pb.collection('areas').getFullList<AreaRecord>({
		filter: 'level = "custom"',
		fields: MAP_FIELDS,
		sort: 'name',
		skipTotal: true,
		requestKey: null
	});
}

/** The user's own areas (an admin's too: her gemeente only); an admin without any sees all. */
export async function rootsOf(user: UserRecord): Promise<AreaRecord[]> {
	const own = await getAreas(user.areas);
	if (own.length > 0 || user.role !== 'admin') return own;
	return listGemeenten();
}

/** The areas above the given ones that are not among them yet (a buurt's wijk, its gemeente). */
async function parentsOf(areas: AreaRecord[]): Promise<AreaRecord[]> {
	const known = new Set(areas.map((a) => a.id));
	const missing = [...new Set(areas.map((a) => a.parent))].filter((id) => id && !known.has(id));
	return missing.length > 0 ? getAreas(missing) : [];
}

/**
 * Everything below and above her roots: the buurten with geometry, the tree for the picker (up to
 * two levels above the buurten: wijken, then gemeenten) and her custom areas.
 */
export async function treeOf(user: UserRecord, roots: AreaRecord[]): Promise<AreasBelow> {
	const [buurten, custom] = await Promise.all([listBuurtenFor(roots), listCustomAreas()]);
	let tree = [...roots, ...buurten.filter((b) => !roots.some((r) => r.id === b.id))];
	for (let level = 0; level < 2; level++) tree = [...tree, ...(await parentsOf(tree))];
	return { buurten, tree, custom: customAreasOf(user, tree, custom) };
}

/** What AreasState needs from the outside; tests give a fake. */
export interface AreasApi {
	rootsOf(user: UserRecord): Promise<AreaRecord[]>;
	treeOf(user: UserRecord, roots: AreaRecord[]): Promise<AreasBelow>;
}

export const areasApi: AreasApi = { rootsOf, treeOf };
