// The setup link over the wire (pb_hooks/setup.pb.js). Takes the client as a parameter (the
// app's `pb`, or a test's). No account: the token is the permission, checked on every request.
import type PocketBase from 'pocketbase';
import type { FirstAdminDone, SetupInfo } from './setup';

const of = (token: string) => `/api/krachtkaart/setup/t/${encodeURIComponent(token)}`;

export interface FirstAdminBody {
	name: string;
	email: string;
	password: string;
	passwordConfirm: string;
	/** A CBS code, e.g. GM0014. */
	gemeente: string;
}

export interface SetupApi {
	/** What the link is for; 404 for a link that does not work (unknown, used, expired alike). */
	open(token: string): Promise<SetupInfo>;
	/** The first admin and her gemeente's areas, at once. */
	createFirstAdmin(token: string, body: FirstAdminBody): Promise<FirstAdminDone>;
	/** An admin made by `npm run setup` sets her password. */
	setPassword(
		token: string,
		body: { password: string; passwordConfirm: string }
	): Promise<{ email: string }>;
}

export function setupApi(client: PocketBase): SetupApi {
	// Never auto-cancelled: a change that was sent must get its answer.
	return {
		open: (token) => client.send<SetupInfo>(of(token), { method: 'GET', requestKey: null }),
		createFirstAdmin: (token, body) =>
			client.send<FirstAdminDone>(of(token), { method: 'POST', body, requestKey: null }),
		setPassword: (token, body) =>
			client.send<{ email: string }>(of(token), { method: 'POST', body, requestKey: null })
	};
}
