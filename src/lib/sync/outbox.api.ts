// Sends one outbox item to PocketBase: a create with the item's own id, never auto-cancelled.
// When the server refuses it, a record with that id may already be there (an earlier attempt
// arrived but its answer got lost): then the item counts as stored.
//
// PocketBase takes a request with an expired or revoked token as a guest's, so a lost login shows
// as a refusal (400), not as a 401. An expired token is therefore never sent, and before a refusal
// is believed the session is checked: if it is gone, the item waits for a new login instead.
import type PocketBase from 'pocketbase';
import { apiErrorKind } from '$lib/pocketbase/errors';
import { classifySendError, type OutboxItem, type SendOutcome } from './outbox';

/** `client` is the app's (`$lib/pocketbase/client`), or a test's. */
export async function sendOutboxItem(item: OutboxItem, client: PocketBase): Promise<SendOutcome> {
	if (!client.authStore.isValid) return { kind: 'unauthorized' };
	const records = client.collection(item.collection);
	try {
		await records.create({ ...item.body, id: item.id }, { requestKey: null, fields: 'id' });
		return { kind: 'stored' };
	} catch (error) {
		const kind = apiErrorKind(error);
		let storedAlready = false;
		if (kind === 'invalid') {
			storedAlready = await records.getOne(item.id, { fields: 'id', requestKey: null }).then(
				() => true,
				() => false
			);
		}
		if (!storedAlready && (kind === 'invalid' || kind === 'forbidden')) {
			if (!(await sessionHolds(client))) return { kind: 'unauthorized' };
		}
		return classifySendError(error, storedAlready);
	}
}

/** Whether the server still takes the stored login (a refresh; only a 401 says no). */
async function sessionHolds(client: PocketBase): Promise<boolean> {
	const collection = client.authStore.record?.collectionName ?? 'users';
	return client
		.collection(collection)
		.authRefresh({ requestKey: null })
		.then(
			() => true,
			(error) => apiErrorKind(error) !== 'unauthorized'
		);
}
