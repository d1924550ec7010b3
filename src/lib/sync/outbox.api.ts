// Sends one outbox item to PocketBase: a create with the item's own id, never auto-cancelled.
// When the server refuses it, a record with that id may already be there (an earlier attempt
// arrived but its answer got lost): then the item counts as stored.
import type PocketBase from 'pocketbase';
import { apiErrorKind } from '$lib/pocketbase/errors';
import { classifySendError, type OutboxItem, type SendOutcome } from './outbox';

/** `client` is the app's (`$lib/pocketbase/client`), or a test's. */
export async function sendOutboxItem(item: OutboxItem, client: PocketBase): Promise<SendOutcome> {
	const records = client.collection(item.collection);
	try {
		await records.create({ ...item.body, id: item.id }, { requestKey: null, fields: 'id' });
		return { kind: 'stored' };
	} catch (error) {
		let storedAlready = false;
		if (apiErrorKind(error) === 'invalid') {
			storedAlready = await records.getOne(item.id, { fields: 'id', requestKey: null }).then(
				() => true,
				() => false
			);
		}
		return classifySendError(error, storedAlready);
	}
}
