// Reads what "Op pad" needs: the addresses of the areas and the visits made there, and follows
// the team's new visits live. New conversations are not written here but through the outbox
// (src/lib/sync), offline or not.
import type { AddressRecord } from '$lib/addresses/addresses';
import { pb } from '$lib/pocketbase/client';
import { isKeptAnswer } from '$lib/sync/offline-cache';
import { anyOf } from '$lib/pocketbase/filter';
import { subscribeCollection, type RealtimeAction } from '$lib/pocketbase/realtime.api';
import type { MentionSource } from './mentions';
import type { Visit } from './walk-list';

/** A conversation as far as a visit needs it, with its worker's name expanded. */
type VisitRecord = Omit<Visit, 'workerName'> & { expand?: { worker?: { name?: string } } };

function toVisit({ id, address, heldAt, outcome, worker, expand }: VisitRecord): Visit {
	const workerName = expand?.worker?.name;
	return { id, address, heldAt, outcome, worker, ...(workerName ? { workerName } : {}) };
}

/** What a walk needs of the areas: their addresses and the visits made there. */
export interface WalkData {
	addresses: AddressRecord[];
	visits: Visit[];
	/** An older copy the service worker kept, served without a connection. */
	kept?: boolean;
}

/**
 * The addresses in or under the areas and their visits, with the workers' names, in one request
 * (`GET /api/krachtkaart/walk`, pb_hooks/walk.pb.js); the service worker keeps the last answer
 * for a walk without a connection. A newer load with the same `requestKey` cancels an older one
 * still under way (the walk's own reloads); other readers of the doors (the round's streets and
 * lists, the gap view) pass their own key, so they never cancel each other.
 */
export async function loadWalk(
	areaIds: readonly string[],
	requestKey = 'walk:snapshot'
): Promise<WalkData> {
	if (areaIds.length === 0) return { addresses: [], visits: [] };
	let kept = false;
	const data = await pb.send<WalkData>('/api/krachtkaart/walk', {
		query: { areas: areaIds.join(',') },
		requestKey,
		fetch: async (url, config) => {
			const response = await fetch(url, config);
			kept = isKeptAnswer(response);
			return response;
		}
	});
	// An empty name means the worker's account is gone: say nothing rather than ''.
	return {
		addresses: data.addresses,
		visits: data.visits.map(({ workerName, ...visit }) =>
			workerName ? { ...visit, workerName } : visit
		),
		...(kept ? { kept } : {})
	};
}

/**
 * The conversations of the last `days` in or under the areas in which residents named people or
 * groups, with their street, for the tally of names (`mentions.ts`). For coordinators and
 * workers: the list rule keeps viewers out.
 */
export async function listMentionsIn(
	areaIds: readonly string[],
	days: number,
	now = new Date()
): Promise<MentionSource[]> {
	const areas = anyOf(['area', 'area.parent', 'area.parent.parent'], areaIds, 'a');
	if (!areas) return [];
	const since = new Date(now.getTime() - days * 86_400_000).toISOString().replace('T', ' ');
	const records = await pb.collection('conversations').getFullList<{
		id: string;
		heldAt: string;
		mentions: MentionSource['mentions'];
		expand?: { address?: { street?: string } };
	}>({
		// The JSON text holds `"name"` only when someone was named.
		filter: pb.filter(`mentions ~ '"name"' && heldAt >= {:since} && ${areas.expr}`, {
			...areas.params,
			since
		}),
		expand: 'address',
		fields: 'id,heldAt,mentions,expand.address.street',
		batch: 1000,
		requestKey: 'mentions'
	});
	return records.map(({ id, heldAt, mentions, expand }) => ({
		id,
		heldAt,
		mentions,
		street: expand?.address?.street ?? ''
	}));
}

/**
 * Follows the team's visits as they are stored (only those the list rule lets her see: her
 * areas); returns the unsubscribe, for an `$effect`'s teardown. Conversations at no door are
 * left out.
 *
 * @example $effect(() => subscribeVisits((action, visit) => console.log(action, visit.address)));
 */
export function subscribeVisits(callback: (action: RealtimeAction, visit: Visit) => void) {
	return subscribeCollection<VisitRecord>(
		'conversations',
		({ action, record }) => {
			if (record.address) callback(action, toVisit(record));
		},
		{ expand: 'worker' }
	);
}

/** What `WalkState` reads from the server; tests give it their own. */
export interface WalkApi {
	loadWalk(areaIds: readonly string[]): Promise<WalkData>;
	subscribeVisits(callback: (action: RealtimeAction, visit: Visit) => void): () => void;
}

/** The walk's reads from the app's PocketBase. */
export const walkApi: WalkApi = { loadWalk, subscribeVisits };
