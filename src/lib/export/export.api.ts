// What the exports read: the records API as the signed-in user (her API rules and the
// field-access table apply, as for any list; lists of conversations are audited by the server),
// the viewers' conversation counts and the admin's full export (pb_hooks/export.pb.js).
import type PocketBase from 'pocketbase';
import type { AddressRecord } from '$lib/addresses/addresses';
import { anyOf, type Filter } from '$lib/pocketbase/filter';
import type { AreaRecord } from '$lib/pocketbase/types';
import type { FullExport } from './backup.js';
import type { ConversationCounts, ConversationExportRecord } from './export';

/** Pages of this many records: fewer requests, each well under the server's limits. */
const PAGE = 1000;

export interface ExportApi {
	/** The areas that are one of `roots` or lie below them (gemeente ▸ wijk ▸ buurt), geometry optional. */
	areasUnder(roots: readonly string[], withGeometry: boolean): Promise<AreaRecord[]>;
	/** These areas' codes and names (no geometry). */
	areasById(ids: readonly string[]): Promise<AreaRecord[]>;
	/** Every area she may read (admins), geometry optional. */
	allAreas(withGeometry: boolean): Promise<AreaRecord[]>;
	addressesIn(areas: readonly string[]): Promise<AddressRecord[]>;
	conversationsIn(areas: readonly string[]): Promise<ConversationExportRecord[]>;
	/** Counted by the server per area and outcome, for `roots` and the areas below them. */
	conversationCounts(roots: readonly string[]): Promise<ConversationCounts>;
	fullExport(): Promise<FullExport>;
}

const AREA_FIELDS = 'id,code,name,level,parent,addressCount';

/** Records whose `area` is one of these areas (the caller passes the whole tree). */
function inAreas(areas: readonly string[], field = 'area'): Filter | null {
	return anyOf(field, areas, 'a');
}

export function exportApi(client: PocketBase): ExportApi {
	const areasList = (filter: Filter | null, withGeometry: boolean) =>
		client.collection('areas').getFullList<AreaRecord>({
			batch: PAGE,
			filter: filter ? client.filter(filter.expr, filter.params) : '',
			fields: withGeometry ? `${AREA_FIELDS},geometry` : AREA_FIELDS,
			sort: 'code',
			skipTotal: true,
			requestKey: null
		});
	/** Lists by area in slices: a filter holds at most a few hundred terms. */
	async function sliced<T>(areas: readonly string[], list: (slice: string[]) => Promise<T[]>) {
		const out: T[] = [];
		for (let i = 0; i < areas.length; i += 50) out.push(...(await list(areas.slice(i, i + 50))));
		return out;
	}
	return {
		areasUnder(roots, withGeometry) {
			const filter = anyOf(['id', 'parent', 'parent.parent'], roots, 'r');
			return filter ? areasList(filter, withGeometry) : Promise.resolve([]);
		},
		areasById(ids) {
			return sliced(ids, (slice) => areasList(anyOf('id', slice, 'i'), false));
		},
		allAreas(withGeometry) {
			return areasList(null, withGeometry);
		},
		addressesIn(areas) {
			return sliced(areas, (slice) => {
				const filter = inAreas(slice)!;
				return client.collection('addresses').getFullList<AddressRecord>({
					batch: PAGE,
					filter: client.filter(filter.expr, filter.params),
					fields: 'id,bagId,street,number,postcode,city,location,area',
					sort: 'street,number',
					skipTotal: true,
					requestKey: null
				});
			});
		},
		conversationsIn(areas) {
			return sliced(areas, (slice) => {
				const filter = inAreas(slice)!;
				return client.collection('conversations').getFullList<ConversationExportRecord>({
					batch: PAGE,
					filter: client.filter(filter.expr, filter.params),
					expand: 'address',
					sort: 'heldAt',
					skipTotal: true,
					requestKey: null
				});
			});
		},
		async conversationCounts(roots) {
			const all: ConversationCounts = { minResidents: 5, areas: [] };
			// The route takes up to 100 areas at a time, each with the areas below it.
			for (let i = 0; i < roots.length; i += 100) {
				const part = await client.send<ConversationCounts>(
					'/api/krachtkaart/export/conversation-counts',
					{ method: 'GET', query: { areas: roots.slice(i, i + 100).join(',') }, requestKey: null }
				);
				all.minResidents = part.minResidents;
				all.areas.push(...part.areas);
			}
			return all;
		},
		fullExport() {
			return client.send<FullExport>('/api/krachtkaart/export/full', {
				method: 'GET',
				requestKey: null
			});
		}
	};
}
