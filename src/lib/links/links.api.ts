// Reads and writes links. The API rules limit a user to links starting in her own areas.
import { pb } from '$lib/pocketbase/client';
import { subscribeCollection, type RealtimeEvent } from '$lib/pocketbase/realtime.api';
import { linksFilters, type LinkRecord, type NewLink } from './links';

const FIELDS = 'id,from,to,kind,note,created,updated,createdBy';
// Parallel requests when the ids take many chunks (a whole city): enough to hide latency,
// few enough not to crowd out other requests.
const PARALLEL = 4;

/** The links that start at the given assets (asked in chunks, see `linksFilters`). */
export async function listLinksIn(assetIds: readonly string[]): Promise<LinkRecord[]> {
	const filters = linksFilters(assetIds);
	const links: LinkRecord[] = [];
	for (let start = 0; start < filters.length; start += PARALLEL) {
		const pages = await Promise.all(
			filters.slice(start, start + PARALLEL).map((filter, i) =>
				pb.collection('links').getFullList<LinkRecord>({
					filter: pb.filter(filter.expr, filter.params),
					fields: FIELDS,
					sort: 'created',
					batch: 1000,
					skipTotal: true,
					// One key per chunk: the SDK cancels a request when another with its key starts.
					requestKey: `links:list:${start + i}`
				})
			)
		);
		for (const page of pages) links.push(...page);
	}
	return links;
}

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
