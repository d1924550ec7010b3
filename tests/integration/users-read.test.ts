// Guards who reads whom among the users (pb_migrations/1763902410_users_read_colleagues.js, and
// the fields of pb_hooks/lib/field-access.js): a user reads herself and the users who share an
// area with her (the same area, or one above or below it in the gemeente ▸ wijk ▸ buurt chain),
// of them only id, name and role, however she asks (list, view, expand from another collection);
// admins read everyone, whole. A user of another wijk, another gemeente or without areas is
// neither listed nor viewable.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	createAreaTree,
	signedInUser,
	superuserClient,
	unique,
	type AreaTree,
	type Role,
	type SignedInUser
} from '../support/fixtures';
import { SQUARE } from '../support/fixtures';

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
/** A wijk beside home.wijk in the same gemeente: not above or below it. */
let siblingWijk: string;

/** Everyone else, by where they work, made once. */
let people: Record<
	| 'sameWijk'
	| 'buurtBelow'
	| 'gemeenteAbove'
	| 'siblingWijk'
	| 'otherGemeente'
	| 'noAreas'
	| 'adminElsewhere',
	SignedInUser
>;

/** The fields every record of the API carries besides its data. */
const META = ['collectionId', 'collectionName'];
/** What a non-admin gets of a colleague. */
const COLLEAGUE_FIELDS = ['id', 'name', 'role'];

/** Fails unless the record holds a colleague's fields alone: nothing expanded, no areas, no e-mail. */
function expectColleagueOnly(record: Record<string, unknown>, where: string) {
	const { expand, ...fields } = record;
	expect(expand ?? {}, where).toEqual({});
	expect(Object.keys(fields).sort(), where).toEqual([...COLLEAGUE_FIELDS, ...META].sort());
}

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	const tag = unique();
	siblingWijk = (
		await su.collection('areas').create({
			code: `WK-${tag}`,
			name: `Buurwijk ${tag}`,
			level: 'wijk',
			parent: home.gemeente.id,
			geometry: SQUARE(5.06, 52.0, 0.03)
		})
	).id;
	people = {
		sameWijk: await signedInUser(su, 'worker', [home.wijk.id]),
		buurtBelow: await signedInUser(su, 'worker', [home.buurt.id]),
		gemeenteAbove: await signedInUser(su, 'coordinator', [home.gemeente.id]),
		siblingWijk: await signedInUser(su, 'coordinator', [siblingWijk]),
		otherGemeente: await signedInUser(su, 'coordinator', [elsewhere.wijk.id]),
		noAreas: await signedInUser(su, 'worker', []),
		adminElsewhere: await signedInUser(su, 'admin', [elsewhere.gemeente.id])
	};
	// Showing her address to others is her choice in PocketBase; here it must not matter.
	for (const person of Object.values(people)) {
		await su.collection('users').update(person.id, { emailVisibility: true });
	}
});

/** The ids of `people` that `pb` lists. */
async function listedOf(pb: PocketBase, ids: string[]): Promise<Set<string>> {
	const listed = await pb.collection('users').getFullList({
		filter: ids.map((id) => `id = "${id}"`).join(' || ')
	});
	return new Set(listed.map((u) => u.id));
}

/** Whether `pb` may view the user (404 when not: the rule hides her existence). */
async function views(pb: PocketBase, id: string): Promise<boolean> {
	return pb
		.collection('users')
		.getOne(id)
		.then(
			() => true,
			(e: { status: number }) => {
				expect(e.status).toBe(404);
				return false;
			}
		);
}

/** For each non-admin role at home.wijk: who she reads and who not. */
const NON_ADMINS: Role[] = ['coordinator', 'worker', 'viewer'];
const READS: (keyof typeof people)[] = ['sameWijk', 'buurtBelow', 'gemeenteAbove'];
const DOES_NOT_READ: (keyof typeof people)[] = [
	'siblingWijk',
	'otherGemeente',
	'noAreas',
	'adminElsewhere'
];

describe('a non-admin reading users', () => {
	for (const role of NON_ADMINS) {
		it(`(${role}) reads herself and those sharing her area up or down the chain, no one else`, async () => {
			const me = await signedInUser(su, role, [home.wijk.id]);
			const all = [me.id, ...Object.values(people).map((p) => p.id)];
			const listed = await listedOf(me.pb, all);
			expect(listed.has(me.id)).toBe(true);
			for (const name of READS) {
				expect(listed.has(people[name].id), `${role} lists ${name}`).toBe(true);
				expect(await views(me.pb, people[name].id), `${role} views ${name}`).toBe(true);
			}
			for (const name of DOES_NOT_READ) {
				expect(listed.has(people[name].id), `${role} lists ${name}`).toBe(false);
				expect(await views(me.pb, people[name].id), `${role} views ${name}`).toBe(false);
			}
		});

		it(`(${role}) gets only id, name and role of the others, all of her own record`, async () => {
			const me = await signedInUser(su, role, [home.wijk.id]);
			const ids = [me.id, ...READS.map((name) => people[name].id)];
			// Asked for everything. Expanding areas, which she gets of herself only, is refused
			// before any query (pb_hooks/lib/field-access.js).
			const filter = ids.map((id) => `id = "${id}"`).join(' || ');
			await expect(
				me.pb.collection('users').getFullList({ filter, expand: 'areas' })
			).rejects.toMatchObject({ status: 400 });
			const listed = await me.pb.collection('users').getFullList({ filter });
			expect(listed).toHaveLength(ids.length);
			for (const user of listed) {
				if (user.id === me.id) {
					expect(user).toMatchObject({ role, areas: [home.wijk.id] });
					expect(user.email).toMatch(/@test\.krachtkaart\.nl$/);
				} else {
					expectColleagueOnly(user, user.id);
				}
			}
			for (const name of READS) {
				const one = await me.pb.collection('users').getOne(people[name].id);
				expectColleagueOnly(one, name);
				await expect(
					me.pb.collection('users').getOne(people[name].id, { expand: 'areas' })
				).rejects.toMatchObject({ status: 400 });
			}
		});
	}

	it('from a buurt, reads the wijk’s and the gemeente’s people above her', async () => {
		const me = await signedInUser(su, 'worker', [home.buurt.id]);
		const wijkCoordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
		const listed = await listedOf(me.pb, [
			wijkCoordinator.id,
			people.gemeenteAbove.id,
			people.siblingWijk.id
		]);
		expect([...listed].sort()).toEqual([wijkCoordinator.id, people.gemeenteAbove.id].sort());
	});

	it('without areas, reads herself alone (an empty list matches no one)', async () => {
		const me = await signedInUser(su, 'coordinator', []);
		const all = [me.id, ...Object.values(people).map((p) => p.id)];
		expect([...(await listedOf(me.pb, all))]).toEqual([me.id]);
	});

	it('sees only id, name and role of a colleague expanded from another collection', async () => {
		const me = await signedInUser(su, 'coordinator', [home.wijk.id]);
		const address = await su.collection('addresses').create({
			street: 'Leesstraat',
			number: '1',
			postcode: '3500AA',
			city: 'Utrecht',
			location: { lon: 5.002, lat: 52.005 },
			area: home.buurt.id
		});
		const talk = await su.collection('conversations').create({
			area: home.buurt.id,
			address: address.id,
			worker: people.buurtBelow.id,
			heldAt: new Date().toISOString().replace('T', ' '),
			outcome: 'not_home',
			location: { lon: 5.002, lat: 52.005 },
			locationSource: 'address'
		});
		const seen = await me.pb.collection('conversations').getOne(talk.id, { expand: 'worker' });
		expectColleagueOnly(seen.expand?.worker as Record<string, unknown>, 'expand.worker');
		// Her areas one level down are refused before any query, not merely dropped.
		await expect(
			me.pb.collection('conversations').getOne(talk.id, { expand: 'worker,worker.areas' })
		).rejects.toMatchObject({ status: 400 });
	});
});

describe('an admin reading users', () => {
	it('reads everyone, with their areas and e-mail', async () => {
		const admin = await signedInUser(su, 'admin', [home.gemeente.id]);
		const ids = Object.values(people).map((p) => p.id);
		const listed = await admin.pb.collection('users').getFullList({
			filter: ids.map((id) => `id = "${id}"`).join(' || ')
		});
		expect(listed.map((u) => u.id).sort()).toEqual([...ids].sort());
		for (const user of listed) {
			expect(user.areas, user.id).toBeInstanceOf(Array);
			expect(user.email, user.id).toMatch(/@test\.krachtkaart\.nl$/);
		}
	});
});
