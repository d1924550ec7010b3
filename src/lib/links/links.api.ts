// Writes links and follows them live (the map snapshot, src/lib/assets/assets.api.ts, reads
// them). The API rules limit a user to links starting in her own areas.
import { pb } from '$lib/pocketbase/client';
import { subscribeCollection, type RealtimeEvent } from '$lib/pocketbase/realtime.api';
import type { LinkRecord, NewLink } from './links';

const FIELDS = 'id,from,to,kind,note,created,updated,createdBy';

/** Creates a link; the server sets `createdBy`. */
export async function createLink(body: NewLink): Promise<LinkRecord> {
	return pb.collection('links').create<LinkRecord>(body, { fields: FIELDS, requestKey: null });
}

export async function deleteLink(id: string): Promise<void> {
	await pb.collection('links').delete(id, { requestKey: null });
}

/**
 * Follows link changes made by anyone (within the API rules); returns the unsubscribe.
 *
 * @example $effect(() => subscribeLinks((e) => console.log(e.action, e.record.kind)));
 */
export function subscribeLinks(callback: (event: RealtimeEvent<LinkRecord>) => void): () => void {
	return subscribeCollection<LinkRecord>('links', callback);
}
