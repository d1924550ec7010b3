// The server's routes for suggested connections (pb_hooks/suggestions.pb.js). Takes the client,
// so the integration tests run the app's own requests.
import type PocketBase from 'pocketbase';
import type { Accepted, SuggestionsAnswer } from './suggestions';

const BASE = '/api/krachtkaart/suggestions';

export function suggestionsApi(client: PocketBase) {
	const decide = (id: string, decision: 'dismiss' | 'reopen') =>
		client.send<{ id: string }>(`${BASE}/${encodeURIComponent(id)}/${decision}`, {
			method: 'POST'
		});
	return {
		/** The open suggestions in her areas (the server matches first); a count for viewers. */
		list: () => client.send<SuggestionsAnswer>(BASE, { method: 'GET' }),
		/** A link and a follow-up for `assignee`, who makes the introduction. */
		accept: (id: string, choice: { assignee: string; due?: string }) =>
			client.send<Accepted>(`${BASE}/${encodeURIComponent(id)}/accept`, {
				method: 'POST',
				body: choice
			}),
		/** Never proposed again (unless reopened). */
		dismiss: (id: string) => decide(id, 'dismiss'),
		/** Undoes an accept (its link and follow-up go) or a dismiss. */
		reopen: (id: string) => decide(id, 'reopen')
	};
}

export type SuggestionsApi = ReturnType<typeof suggestionsApi>;
