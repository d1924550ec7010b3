// Finds residents, and serves their access and erasure requests. Takes the client as a parameter
// (the app's `pb`, or a test's), so tests/integration/subject-access.test.ts runs exactly these
// calls against the real server. The search is a POST with the text in its body
// (pb_hooks/people-search.pb.js), so no name or street ever stands in a URL or the server's
// request log; the people list rule decides whom it finds (a coordinator: her areas; never
// viewers), and every search is audited as a list of people. The export and the erasure are the
// server's (pb_hooks/subject-access.pb.js), for coordinators and admins only.
import type PocketBase from 'pocketbase';
import { searchText, type EraseResult, type PersonExport, type PersonHit } from './people';

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
			const text = searchText(query);
			if (!text) return [];
			const page = await client.send<{ items: PersonHit[] }>('/api/krachtkaart/people/search', {
				method: 'POST',
				body: { query: text },
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
