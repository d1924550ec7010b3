// Guards the walk's snapshot route (GET /api/krachtkaart/walk, pb_hooks/lib/walk-snapshot.js): it
// bypasses the API rules for speed, so for every role it must give exactly the addresses and the
// visits that the records API gives under the list rules, with the same values; viewers and
// anonymous callers get nothing, and the read of visits is audited.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import {
	anonymousClient,
	createAreaTree,
	signedInUser,
	superuserClient,
	unique,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

interface Walk {
	addresses: Record<string, unknown>[];
	visits: Record<string, unknown>[];
}

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
const users: Record<string, SignedInUser> = {};

const walk = (pb: PocketBase, areas: string[]) =>
	pb.send<Walk>('/api/krachtkaart/walk', { query: { areas: areas.join(',') } });

async function door(area: string, number: string) {
	return su.collection('addresses').create({
		street: `Loopstraat ${unique()}`,
		number,
		postcode: '3500AB',
		city: 'Utrecht',
		location: { lon: 5.004, lat: 52.004 },
		area
	});
}

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	users.worker = await signedInUser(su, 'worker', [home.wijk.id]);
	users.coordinator = await signedInUser(su, 'coordinator', [home.gemeente.id]);
	users.admin = await signedInUser(su, 'admin', []);
	users.viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	users.stranger = await signedInUser(su, 'worker', [elsewhere.wijk.id]);
	for (const [tree, who] of [
		[home, users.worker],
		[elsewhere, users.stranger]
	] as const) {
		for (const number of ['1', '2']) {
			const address = await door(tree.buurt.id, number);
			await who.pb.collection('conversations').create({
				id: newRecordId(),
				area: tree.buurt.id,
				address: address.id,
				worker: who.id,
				heldAt: '2026-11-20 15:00:00.000Z',
				outcome: number === '1' ? 'not_home' : 'talked'
			});
		}
	}
});

/** The same, through the records API under its rules. */
async function viaRecords(pb: PocketBase, areas: string[]): Promise<Walk> {
	const inAreas = areas
		.flatMap((id) =>
			['area', 'area.parent', 'area.parent.parent'].map((f) => pb.filter(`${f} = {:id}`, { id }))
		)
		.join(' || ');
	const addresses = await pb.collection('addresses').getFullList({
		filter: inAreas,
		fields: 'id,street,number,postcode,city,location,area'
	});
	const visits = await pb.collection('conversations').getFullList({
		filter: `address != "" && (${inAreas})`,
		expand: 'worker',
		fields: 'id,address,heldAt,outcome,worker,expand.worker.name'
	});
	return {
		addresses,
		visits: visits.map(({ expand, ...v }) => ({ ...v, workerName: expand?.worker?.name ?? '' }))
	};
}

const byId = (items: Record<string, unknown>[]) =>
	[...items].sort((a, b) => String(a.id).localeCompare(String(b.id)));

describe('the walk snapshot', () => {
	it.each(['worker', 'coordinator', 'admin', 'stranger'])(
		'gives a %s exactly what the records API gives',
		async (role) => {
			for (const areas of [
				[home.wijk.id],
				[home.gemeente.id],
				[elsewhere.buurt.id],
				[home.buurt.id, elsewhere.buurt.id]
			]) {
				const fast = await walk(users[role].pb, areas);
				const slow = await viaRecords(users[role].pb, areas);
				expect(byId(fast.addresses)).toEqual(byId(slow.addresses));
				expect(byId(fast.visits)).toEqual(byId(slow.visits));
			}
		}
	);

	it('shows a worker her own areas only, with names', async () => {
		const mine = await walk(users.worker.pb, [home.wijk.id]);
		expect(mine.visits).toHaveLength(2);
		expect(mine.visits[0]).toMatchObject({ workerName: 'Test worker', worker: users.worker.id });
		// Addresses of another wijk are readable to everyone signed in, but its visits are not hers.
		const theirs = await walk(users.worker.pb, [elsewhere.wijk.id]);
		expect(theirs.addresses).toHaveLength(2);
		expect(theirs.visits).toHaveLength(0);
	});

	it('refuses viewers, anonymous callers and bad area lists', async () => {
		await expect(walk(users.viewer.pb, [home.wijk.id])).rejects.toMatchObject({ status: 403 });
		await expect(walk(anonymousClient(), [home.wijk.id])).rejects.toMatchObject({ status: 401 });
		await expect(walk(users.worker.pb, ['not-an-id'])).rejects.toMatchObject({ status: 400 });
		await expect(walk(users.worker.pb, [])).rejects.toMatchObject({ status: 400 });
	});

	it('leaves an audit entry for the visits it gave', async () => {
		await walk(users.coordinator.pb, [home.gemeente.id]);
		const entries = await su.collection('audit_log').getFullList({
			filter: su.filter(
				'actor = {:actor} && targetCollection = "conversations" && action = "list"',
				{
					actor: users.coordinator.id
				}
			)
		});
		expect(entries.some((e) => e.details?.route === 'walk' && e.details?.count === 2)).toBe(true);
	});
});
