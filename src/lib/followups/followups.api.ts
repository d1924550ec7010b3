// Reads and writes follow-ups, and the coordinator's check list of conversations logged far from
// their door. Takes the client as a parameter (the app's `pb` from the (app) layout, or a test's),
// so tests/integration/follow-ups.test.ts runs exactly these queries against the real server.
// The API rules decide what a user sees; these filters only pick from that.
import type PocketBase from 'pocketbase';
import { anyOf } from '$lib/pocketbase/filter';
import type { RealtimeEvent } from '$lib/pocketbase/realtime.api';
import type { Colleague, FarTalk, FollowUp } from './followups';

/**
 * What the list shows of a follow-up's conversation and people. Only these fields: the expanded
 * conversation must never bring its notes or the resident along.
 */
const FOLLOW_UP_QUERY = {
	expand: 'conversation.address,createdBy,assignee',
	fields: [
		'id,conversation,area,what,assignee,due,done,doneAt,doneBy,createdBy,created,updated',
		'expand.conversation.id,expand.conversation.heldAt',
		'expand.conversation.expand.address.street,expand.conversation.expand.address.number',
		'expand.createdBy.id,expand.createdBy.name,expand.assignee.id,expand.assignee.name'
	].join(',')
};

/** Records in or under the areas: the buurt itself, or its wijk or gemeente. */
const inAreas = (areaIds: readonly string[]) =>
	anyOf(['area', 'area.parent', 'area.parent.parent'], areaIds, 'a');

export interface FollowUpsApi {
	/**
	 * Open follow-ups: with `assignee`, only hers; without, every open one the rules let the user
	 * see (a coordinator: all of her areas).
	 */
	listOpen(options?: { assignee?: string }): Promise<FollowUp[]>;
	/** Hers, ticked off since `since`, the last first. */
	listDone(assignee: string, since: Date): Promise<FollowUp[]>;
	/** Ticks one off (or back on); the server stamps doneAt and doneBy. */
	setDone(id: string, done: boolean): Promise<FollowUp>;
	/** Gives one to a colleague (coordinators; the rules refuse anyone else's). */
	reassign(id: string, assignee: string): Promise<FollowUp>;
	/**
	 * Workers and coordinators who share one of her areas (`areaIds`), or one above or below it
	 * (a buurt of her wijk), by name: the users the server lets her read. None without areas.
	 */
	listColleagues(areaIds: readonly string[]): Promise<Colleague[]>;
	/** Conversations in the areas since `since` logged far from their door, newest first. */
	listFarFromAddress(areaIds: readonly string[], since: Date): Promise<FarTalk[]>;
	/**
	 * Follows every change to the follow-ups she may see; returns a synchronous unsubscribe.
	 * `onlive` is called once the server has the subscription: changes from then on arrive.
	 */
	subscribe(callback: (event: RealtimeEvent<FollowUp>) => void, onlive?: () => void): () => void;
}

export function followUpsApi(client: PocketBase): FollowUpsApi {
	const followUps = () => client.collection('follow_ups');
	return {
		listOpen({ assignee } = {}) {
			return followUps().getFullList<FollowUp>({
				...FOLLOW_UP_QUERY,
				filter: assignee
					? client.filter('done = false && assignee = {:assignee}', { assignee })
					: 'done = false',
				sort: 'due,created',
				batch: 500,
				requestKey: 'followups:open'
			});
		},

		listDone(assignee, since) {
			return followUps().getFullList<FollowUp>({
				...FOLLOW_UP_QUERY,
				filter: client.filter('done = true && assignee = {:assignee} && doneAt >= {:since}', {
					assignee,
					since
				}),
				sort: '-doneAt',
				batch: 500,
				requestKey: 'followups:done'
			});
		},

		// Writes are never auto-cancelled: a tick and its undo must both reach the server.
		setDone(id, done) {
			return followUps().update<FollowUp>(id, { done }, { ...FOLLOW_UP_QUERY, requestKey: null });
		},

		reassign(id, assignee) {
			return followUps().update<FollowUp>(
				id,
				{ assignee },
				{ ...FOLLOW_UP_QUERY, requestKey: null }
			);
		},

		async listColleagues(areaIds) {
			if (areaIds.length === 0) return [];
			// The users rules (pb_migrations/1763902410_users_read_colleagues.js) let her read only
			// those who share an area with her, up or down the chain, and of them id, name and role:
			// her team is what she may read. Non-admins may filter users on those fields alone.
			return client.collection('users').getFullList<Colleague>({
				filter: '(role = "worker" || role = "coordinator")',
				fields: 'id,name,role',
				sort: 'name',
				requestKey: 'followups:colleagues'
			});
		},

		async listFarFromAddress(areaIds, since) {
			const areas = inAreas(areaIds);
			if (!areas) return [];
			return client.collection('conversations').getFullList<FarTalk>({
				filter: client.filter(`farFromAddress = true && heldAt >= {:since} && ${areas.expr}`, {
					...areas.params,
					since
				}),
				expand: 'address,worker',
				fields: [
					'id,heldAt,address,worker,distanceFromAddress,locationSource',
					'expand.address.street,expand.address.number,expand.worker.id,expand.worker.name'
				].join(','),
				sort: '-heldAt',
				batch: 500,
				requestKey: 'followups:far'
			});
		},

		subscribe(callback, onlive) {
			const pending = followUps().subscribe<FollowUp>(
				'*',
				({ action, record }) => {
					if (action === 'create' || action === 'update' || action === 'delete') {
						callback({ action, record });
					}
				},
				FOLLOW_UP_QUERY
			);
			// As in $lib/pocketbase/realtime.api.ts: the SDK reconnects by itself, and its
			// unsubscribe is async while an $effect's teardown is not.
			pending.then(() => onlive?.()).catch(() => {});
			return () => {
				void pending.then((unsubscribe) => unsubscribe()).catch(() => {});
			};
		}
	};
}
