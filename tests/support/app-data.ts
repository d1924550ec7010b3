// Arranges data on the e2e app's server (tests/support/app-global.ts) for the e2e files: as the
// superuser, and as the worker through the superuser (impersonation), so arranging data never
// counts against the sign-in rate limit of the test runner's own address.
import type PocketBase from 'pocketbase';
import type { RecordModel } from 'pocketbase';
import { inject } from 'vitest';
import { ownSuperuserClient } from './fixtures';

/** A client of the e2e app signed in as the superuser. */
export const appSuperuser = (): Promise<PocketBase> => ownSuperuserClient(inject('appUrl'));

/** The door of the Overvecht fixture address. */
export function overvechtDoor(su: PocketBase): Promise<RecordModel> {
	const { address } = inject('overvecht');
	return su.collection('addresses').getFirstListItem(
		su.filter('street = {:street} && number = {:number}', {
			street: address.street,
			number: address.number
		})
	);
}

/** The e2e worker's record and a client acting as her for ten minutes. */
export async function asWorker(su: PocketBase): Promise<{ record: RecordModel; pb: PocketBase }> {
	const record = await su
		.collection('users')
		.getFirstListItem(su.filter('email = {:email}', { email: inject('worker').email }));
	const pb = await su.collection('users').impersonate(record.id, 600);
	pb.autoCancellation(false);
	return { record, pb };
}
