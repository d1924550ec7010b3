// Finds residents, and serves their access and erasure requests. Takes the client as a parameter
// (the app's `pb`, or a test's), so tests/integration/subject-access.test.ts runs exactly these
// calls against the real server. The API rules decide whom a search can find (a coordinator: her
// areas; never viewers), and every search is audited as a list of people; the export and the
// erasure are the server's (pb_hooks/subject-access.pb.js), for coordinators and admins only.
import type PocketBase from 'pocketbase';
import {
	SEARCH_LIMIT,
	searchFilter,
	type EraseResult,
	type PersonExport,
	type PersonHit
} from './people';

const route = (id: string, action: 'export' | 'erase') =>
	`/api/krachtkaart/people/${encodeURIComponent(id)}/${action}`;

export interface PeopleApi {
	/** Residents whose first name, contact, street or postcode match every word; [] for too little. */
	search(query: string): Promise<PersonHit[]>;
	/** Everything stored about her (admins, and coordinators within her areas). */
	exportPerson(id: string): Promise<PersonExport>;
	/** Erases her everywhere, in one transaction; the counts of what went. */
	erase(id: string): Promise<EraseResult>;
}

export function peopleApi(client: PocketBase): PeopleApi {
	return {
		async search(query) {
			const filter = searchFilter(query);
			if (!filter) return [];
			const page = await client.collection('people').getList<PersonHit>(1, SEARCH_LIMIT, {
				filter: client.filter(filter.expr, filter.params),
				sort: 'display_name,-created',
				expand: 'address,area',
				fields:
					'id,display_name,contact,isKeyFigure,address,area,created,updated,' +
					'expand.address.street,expand.address.number,expand.address.postcode,expand.area.name',
				skipTotal: true,
				requestKey: 'people:search'
			});
			return page.items;
		},

		exportPerson(id) {
			return client.send<PersonExport>(route(id, 'export'), {
				method: 'GET',
				requestKey: null
			});
		},

		// Never auto-cancelled: an erasure that was sent must get its answer.
		erase(id) {
			return client.send<EraseResult>(route(id, 'erase'), { method: 'POST', requestKey: null });
		}
	};
}
