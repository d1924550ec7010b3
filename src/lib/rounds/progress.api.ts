// Reads what a round's progress page needs from the server: the round's conversations, as the
// signed-in user may read them (the conversations' API rules: staff of their areas; viewers get
// none), with the worker's name where the users' rules let her read it and the door's address.
// The only place that calls PocketBase for progress; takes the client (the app's `pb`, or a
// test's), so tests/integration/round-progress.test.ts runs exactly these requests.
import type PocketBase from 'pocketbase';
import { anyOf, combine, readInSlices } from '$lib/pocketbase/filter';
import type { RoundConversation } from './progress';
import { dayOf, type RoundRecord } from './rounds';

/** A round's conversation with what the page shows of it. */
export interface ProgressConversation extends RoundConversation {
	/** The worker's name; undefined when the users' rules do not let her read it. */
	workerName?: string;
	/** The door as "Street 5"; '' for a talk at no door (or a door she cannot read). */
	door: string;
}

export interface ProgressApi {
	/**
	 * The conversations that may be the round's: at a door in (or below) one of its areas, or
	 * logged on one of its lists, held from the day before its start to the day after its end
	 * (a phone's calendar day is not UTC's). `conversationsOfRound` picks the round's own.
	 */
	roundConversations(
		round: Pick<RoundRecord, 'id' | 'areas' | 'startsOn' | 'endsOn'>
	): Promise<ProgressConversation[]>;
}

/** The fields the page reads: `RoundConversation`'s, the answers, and the two names. */
const FIELDS = [
	'id',
	'address',
	'worker',
	'heldAt',
	'outcome',
	'walkList',
	'farFromAddress',
	'themes',
	'gifts',
	'answers',
	'wishes',
	// Coordinators read every note; a worker only her own (the field-access table).
	'notes',
	'expand.worker.name',
	'expand.address.street',
	'expand.address.number'
].join(',');

type ConversationRecord = Omit<ProgressConversation, 'workerName' | 'door'> & {
	expand?: { worker?: { name?: string }; address?: { street?: string; number?: string } };
};

/** A PocketBase date `days` away from a stored date's day, at midnight UTC. */
function dayFrom(stored: string, days: number): string {
	const moment = new Date(`${dayOf(stored)}T00:00:00.000Z`);
	moment.setUTCDate(moment.getUTCDate() + days);
	return moment.toISOString().replace('T', ' ');
}

export function progressApi(client: PocketBase): ProgressApi {
	return {
		async roundConversations(round) {
			const onList = { expr: 'walkList.round = {:round}', params: { round: round.id } };
			const period = {
				expr: 'heldAt >= {:from} && heldAt < {:to}',
				params: { from: dayFrom(round.startsOn, -1), to: dayFrom(round.endsOn, 2) }
			};
			// A talk on one of its lists comes with every slice: kept once.
			const found = await readInSlices(round.areas, (slice) => {
				const inAreas = anyOf(['area', 'area.parent', 'area.parent.parent'], slice, 'a');
				const filter = combine('&&', period, combine('||', inAreas, onList))!;
				return client.collection('conversations').getFullList<ConversationRecord>({
					filter: client.filter(filter.expr, filter.params),
					fields: FIELDS,
					expand: 'worker,address',
					sort: 'heldAt',
					batch: 1000,
					skipTotal: true,
					requestKey: null
				});
			});
			return found.map(({ expand, ...conversation }) => {
				const name = expand?.worker?.name?.trim();
				const address = expand?.address;
				return {
					...conversation,
					door: address ? `${address.street ?? ''} ${address.number ?? ''}`.trim() : '',
					...(name ? { workerName: name } : {})
				};
			});
		}
	};
}
