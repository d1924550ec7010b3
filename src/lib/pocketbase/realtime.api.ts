// Realtime subscriptions (server-sent events), with an unsubscribe that a Svelte `$effect` can
// return as its teardown. Events arrive only for records the API rules let the user view.
import { pb } from './client';

export type RealtimeAction = 'create' | 'update' | 'delete';

export interface RealtimeEvent<T> {
	action: RealtimeAction;
	record: T;
}

/**
 * Follows every change in a collection; returns a synchronous unsubscribe (the SDK's is async).
 *
 * @example
 * $effect(() => subscribeCollection<AssetRecord>('assets', (e) => console.log(e.action)));
 */
export function subscribeCollection<T>(
	collection: string,
	callback: (event: RealtimeEvent<T>) => void,
	options: { expand?: string } = {}
): () => void {
	const pending = pb.collection(collection).subscribe<T>(
		'*',
		(event) => {
			const action = event.action;
			if (action === 'create' || action === 'update' || action === 'delete') {
				callback({ action, record: event.record });
			}
		},
		options
	);
	// The SDK reconnects by itself; a failed first connection only means no live updates yet.
	pending.catch(() => {});
	return () => {
		void pending.then((unsubscribe) => unsubscribe()).catch(() => {});
	};
}
