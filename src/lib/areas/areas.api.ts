// Reads areas. Lists ask only for the fields they use and skip the total count.
import { anyOf } from '$lib/pocketbase/filter';
import { pb } from '$lib/pocketbase/client';
import type { AreaRecord } from '$lib/pocketbase/types';
import { buurtenFilter, type AreaRef } from './areas';

const REF_FIELDS = 'id,code,name,level,parent';
const MAP_FIELDS = 'id,code,name,level,parent,geometry';

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
