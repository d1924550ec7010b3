// Arranges data on the e2e app's server (tests/support/app-global.ts) for the e2e files: as the
// superuser, and as the worker through the superuser (impersonation), so arranging data never
// counts against the sign-in rate limit of the test runner's own address.
import type PocketBase from 'pocketbase';
import type { RecordModel } from 'pocketbase';
import { inject } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { anonymousClient } from './fixtures';

/**
 * A client of the e2e app as the superuser, with the session of the global setup (she signs in
 * once, in tests/support/app-global.ts: password and code).
 */
export async function appSuperuser(): Promise<PocketBase> {
	const pb = anonymousClient(inject('appUrl'));
	const { token, record } = inject('appSuperuserAuth');
	pb.authStore.save(token, record);
	return pb;
}

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

/**
 * A worker's talk at the Overvecht door, made as her through the superuser, with the fields that
 * differ per test (themes, consent, resident, gifts, follow-up, notes); the person the server grew
 * from it, if any.
 */
export async function talkAtOvervecht(
	su: PocketBase,
	fields: Record<string, unknown>
): Promise<{ talkId: string; personId: string }> {
	const door = await overvechtDoor(su);
	const { address } = inject('overvecht');
	const { record, pb } = await asWorker(su);
	const talkId = newRecordId();
	await pb.collection('conversations').create({
		id: talkId,
		area: door.area,
		address: door.id,
		worker: record.id,
		heldAt: new Date().toISOString().replace('T', ' '),
		outcome: 'talked',
		location: { lon: address.lon, lat: address.lat },
		locationSource: 'address',
		...fields
	});
	return { talkId, personId: (await su.collection('conversations').getOne(talkId)).person };
}

/** Removes such a talk with what grew from it: its assets and her person (whatever is left). */
export async function removeTalk(su: PocketBase, talkId: string, personId: string): Promise<void> {
	const grown = await su.collection('assets').getFullList({
		filter: su.filter('sourceConversation = {:id}', { id: talkId })
	});
	for (const asset of grown) await su.collection('assets').delete(asset.id);
	await su
		.collection('conversations')
		.delete(talkId)
		.catch(() => {});
	if (personId)
		await su
			.collection('people')
			.delete(personId)
			.catch(() => {});
}
