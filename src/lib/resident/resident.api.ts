// The resident's link over the wire. Takes the client as a parameter (the app's `pb`, or a
// test's), so tests/integration/resident-links.test.ts runs exactly these calls.
// - residentApi: her own page, no account: her entry, and her changes in one request.
// - residentLinksApi: for who issues her links (admins and coordinators within her areas):
//   make a link (her older ones stop), revoke them all, and the newest one (admins and
//   coordinators; the rules hide links from everyone else).
import type PocketBase from 'pocketbase';
import type {
	ResidentEdits,
	ResidentEntry,
	ResidentLinkCreated,
	ResidentLinkRecord,
	ResidentSaveResult
} from './resident';

const mine = (token: string) => `/api/krachtkaart/mijn/${encodeURIComponent(token)}`;
const ofPerson = (id: string, revoke = false) =>
	`/api/krachtkaart/people/${encodeURIComponent(id)}/resident-link${revoke ? '/revoke' : ''}`;

export interface ResidentApi {
	/** Her entry; 404 for a link that does not work (unknown, expired, revoked alike). */
	open(token: string): Promise<ResidentEntry>;
	/** Her changes, all at once; `{ erased: true }` after WITHDRAW_ALL. */
	save(token: string, edits: ResidentEdits): Promise<ResidentSaveResult>;
}

export function residentApi(client: PocketBase): ResidentApi {
	return {
		open(token) {
			return client.send<ResidentEntry>(mine(token), { method: 'GET', requestKey: null });
		},
		// Never auto-cancelled: a change that was sent must get its answer.
		save(token, edits) {
			return client.send<ResidentSaveResult>(mine(token), {
				method: 'POST',
				body: edits,
				requestKey: null
			});
		}
	};
}

export interface ResidentLinksApi {
	create(personId: string): Promise<ResidentLinkCreated>;
	revoke(personId: string): Promise<{ revoked: number }>;
	/** Her newest link, working or not; null when none was ever made. */
	latest(personId: string): Promise<ResidentLinkRecord | null>;
}

export function residentLinksApi(client: PocketBase): ResidentLinksApi {
	return {
		create(personId) {
			return client.send<ResidentLinkCreated>(ofPerson(personId), {
				method: 'POST',
				requestKey: null
			});
		},
		revoke(personId) {
			return client.send<{ revoked: number }>(ofPerson(personId, true), {
				method: 'POST',
				requestKey: null
			});
		},
		async latest(personId) {
			const page = await client.collection('resident_links').getList<ResidentLinkRecord>(1, 1, {
				filter: client.filter('person = {:person}', { person: personId }),
				sort: '-created',
				skipTotal: true,
				requestKey: null
			});
			return page.items[0] ?? null;
		}
	};
}
