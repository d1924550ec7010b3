// Guards the privacy rules: per collection and role (and anonymous, and a worker of another
// area), who may list, view, create, update and delete — proven against the real API rules.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	anonymousClient,
	createAreaTree,
	signedInUser,
	statusOf,
	superuserClient,
	unique,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';
import { AREA_SCOPED_NAMES, areaRulesLib, freshId, makerOf } from '../support/area-records';

type Actor = 'anonymous' | 'viewer' | 'worker' | 'coordinator' | 'admin' | 'outsider';
type Operation = 'list' | 'view' | 'create' | 'update' | 'delete';

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
const clients = {} as Record<Actor, PocketBase>;
const users = {} as Record<Exclude<Actor, 'anonymous'>, SignedInUser>;

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	users.admin = await signedInUser(su, 'admin', []);
	users.coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	users.worker = await signedInUser(su, 'worker', [home.wijk.id]);
	users.viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	users.outsider = await signedInUser(su, 'worker', [elsewhere.wijk.id]);
	clients.anonymous = anonymousClient();
	for (const actor of ['admin', 'coordinator', 'worker', 'viewer', 'outsider'] as const) {
		clients[actor] = users[actor].pb;
	}
});

const point = { lon: 5.005, lat: 52.005 };
const nameConsent = { scopes: ['first_name'], givenAt: new Date().toISOString() };

/** Fresh records in the home buurt, made by the superuser, one set per test. */
async function homeRecords() {
	const buurt = home.buurt.id;
	const address = await su
		.collection('addresses')
		.create({ street: 'Teststraat', number: unique().slice(0, 6), location: point, area: buurt });
	// A first name is kept only with consent to it (pb_hooks/people.pb.js).
	const person = await su
		.collection('people')
		.create({ display_name: 'Anna', area: buurt, consent: nameConsent });
	const conversation = await su.collection('conversations').create({
		area: buurt,
		address: address.id,
		worker: users.worker.id,
		heldAt: new Date().toISOString(),
		outcome: 'talked',
		notes: 'Privé notitie'
	});
	const asset = await su.collection('assets').create({
		kind: 'initiative',
		title: 'Taalcafé',
		location: point,
		precision: 'exact',
		area: buurt,
		status: 'active'
	});
	const other = await su.collection('assets').create({
		kind: 'key_figure',
		title: 'Buurtmoeder',
		location: point,
		precision: 'street',
		area: buurt,
		status: 'active'
	});
	const link = await su.collection('links').create({ from: other.id, to: asset.id, kind: 'runs' });
	return { address, person, conversation, asset, other, link };
}

interface CollectionCase {
	collection: string;
	/** A record the operations work on (view, update, delete; list looks for it). */
	existing: () => Promise<string>;
	/** A body for create, as the given actor would send it. */
	body: (actor: Actor) => Promise<Record<string, unknown>>;
	update: Record<string, unknown>;
	allowed: Record<Operation, Actor[]>;
}

const everyone: Actor[] = ['viewer', 'worker', 'coordinator', 'admin', 'outsider'];

const cases: CollectionCase[] = [
	{
		collection: 'areas',
		// A fresh buurt each time: the delete case must not remove the buurt other tests use.
		existing: async () =>
			(
				await su.collection('areas').create({
					code: `BU-${unique()}`,
					name: 'Buurt',
					level: 'buurt',
					parent: home.wijk.id
				})
			).id,
		body: async () => ({ code: `X-${unique()}`, name: 'Nieuw gebied', level: 'buurt' }),
		update: { name: 'Hernoemd' },
		allowed: {
			list: everyone,
			view: everyone,
			create: ['admin'],
			update: ['admin'],
			delete: ['admin']
		}
	},
	{
		collection: 'addresses',
		existing: async () => (await homeRecords()).address.id,
		body: async () => ({
			street: 'Nieuwstraat',
			number: '1',
			location: point,
			area: home.buurt.id
		}),
		update: { number: '2' },
		allowed: {
			list: everyone,
			view: everyone,
			create: ['admin'],
			update: ['admin'],
			delete: ['admin']
		}
	},
	{
		collection: 'people',
		existing: async () => (await homeRecords()).person.id,
		body: async () => ({ display_name: 'Bert', area: home.buurt.id, consent: nameConsent }),
		update: { display_name: 'Bertje' },
		allowed: {
			list: ['worker', 'coordinator', 'admin'],
			view: ['worker', 'coordinator', 'admin'],
			create: ['worker', 'coordinator', 'admin'],
			update: ['worker', 'coordinator', 'admin'],
			delete: ['coordinator', 'admin']
		}
	},
	{
		collection: 'conversations',
		existing: async () => (await homeRecords()).conversation.id,
		body: async (actor) => ({
			area: home.buurt.id,
			worker: actor in users ? users[actor as keyof typeof users].id : users.worker.id,
			heldAt: new Date().toISOString(),
			outcome: 'not_home'
		}),
		update: { outcome: 'declined' },
		allowed: {
			list: ['worker', 'coordinator', 'admin'],
			view: ['worker', 'coordinator', 'admin'],
			create: ['worker', 'coordinator', 'admin'],
			update: ['worker', 'coordinator', 'admin'],
			delete: ['coordinator', 'admin']
		}
	},
	{
		collection: 'assets',
		existing: async () => (await homeRecords()).asset.id,
		body: async () => ({
			kind: 'association',
			title: 'Moestuinclub',
			location: point,
			precision: 'exact',
			area: home.buurt.id,
			status: 'active'
		}),
		update: { title: 'Moestuinclub Oost' },
		allowed: {
			list: ['viewer', 'worker', 'coordinator', 'admin'],
			view: ['viewer', 'worker', 'coordinator', 'admin'],
			create: ['worker', 'coordinator', 'admin'],
			update: ['worker', 'coordinator', 'admin'],
			delete: ['coordinator', 'admin']
		}
	},
	{
		collection: 'links',
		existing: async () => (await homeRecords()).link.id,
		body: async () => {
			const { asset, other } = await homeRecords();
			return { from: asset.id, to: other.id, kind: 'supports' };
		},
		update: { kind: 'connects' },
		allowed: {
			list: ['viewer', 'worker', 'coordinator', 'admin'],
			view: ['viewer', 'worker', 'coordinator', 'admin'],
			create: ['worker', 'coordinator', 'admin'],
			update: ['worker', 'coordinator', 'admin'],
			delete: ['worker', 'coordinator', 'admin']
		}
	},
	{
		collection: 'audit_log',
		existing: async () => {
			const { person } = await homeRecords();
			// Viewing a person as a worker writes an audit entry.
			await users.worker.pb.collection('people').getOne(person.id);
			const entry = await su
				.collection('audit_log')
				.getFirstListItem(su.filter('targetId = {:id}', { id: person.id }));
			return entry.id;
		},
		body: async () => ({ action: 'view', targetCollection: 'people' }),
		update: { action: 'delete' },
		allowed: { list: ['admin'], view: ['admin'], create: [], update: [], delete: [] }
	}
];

async function attempt(
	pb: PocketBase,
	c: CollectionCase,
	operation: Operation,
	actor: Actor
): Promise<boolean> {
	const collection = pb.collection(c.collection);
	if (operation === 'list') {
		const id = await c.existing();
		try {
			const page = await collection.getList(1, 50, {
				filter: pb.filter('id = {:id}', { id }),
				skipTotal: true
			});
			return page.items.some((item) => item.id === id);
		} catch (error) {
			return expectDenied(error);
		}
	}
	const id = operation === 'create' ? '' : await c.existing();
	const body = operation === 'create' ? await c.body(actor) : c.update;
	try {
		if (operation === 'view') await collection.getOne(id);
		if (operation === 'create') await collection.create(body);
		if (operation === 'update') await collection.update(id, body);
		if (operation === 'delete') await collection.delete(id);
		return true;
	} catch (error) {
		return expectDenied(error);
	}
}

/** A denial is a 400/403/404 from the rules; anything else is a broken test, not a denial. */
function expectDenied(error: unknown): false {
	const status = (error as { status?: number }).status;
	if (status === undefined || ![400, 401, 403, 404].includes(status)) throw error;
	return false;
}

const actors: Actor[] = ['anonymous', 'viewer', 'worker', 'coordinator', 'admin', 'outsider'];
const operations: Operation[] = ['list', 'view', 'create', 'update', 'delete'];

describe.each(cases)('$collection', (c) => {
	it.each(operations)('%s is allowed exactly for the right actors', async (operation) => {
		const outcome: Record<string, boolean> = {};
		for (const actor of actors) {
			outcome[actor] = await attempt(clients[actor], c, operation, actor);
		}
		const expected = Object.fromEntries(
			actors.map((actor) => [actor, c.allowed[operation].includes(actor)])
		);
		expect(outcome).toEqual(expected);
	});
});

describe('users', () => {
	it('anonymous cannot list users; signed-in users can', async () => {
		const anonymous = await clients.anonymous
			.collection('users')
			.getList(1, 1, { skipTotal: true });
		expect(anonymous.items).toHaveLength(0);
		const viewer = await clients.viewer.collection('users').getList(1, 5, { skipTotal: true });
		expect(viewer.items.length).toBeGreaterThan(0);
	});

	it('nobody reads another user’s email address', async () => {
		const other = await clients.viewer.collection('users').getOne(users.worker.id);
		expect(other.email).toBeFalsy();
	});

	it('a user may change her name but not her own role or areas', async () => {
		const worker = users.worker;
		const renamed = await worker.pb.collection('users').update(worker.id, { name: 'Willemijn' });
		expect(renamed.name).toBe('Willemijn');
		await expect(
			worker.pb.collection('users').update(worker.id, { role: 'admin' })
		).rejects.toMatchObject({ status: 404 });
		await expect(
			worker.pb.collection('users').update(worker.id, { areas: [elsewhere.wijk.id] })
		).rejects.toMatchObject({ status: 404 });
		const after = await su.collection('users').getOne(worker.id);
		expect(after.role).toBe('worker');
		expect(after.areas).toEqual([home.wijk.id]);
	});

	it('nobody creates users through the records API: members are invited (team.test.ts)', async () => {
		const body = {
			email: `new-${unique()}@test.krachtkaart.nl`,
			password: 'a-long-password-1',
			passwordConfirm: 'a-long-password-1',
			role: 'worker'
		};
		for (const pb of [users.admin.pb, users.coordinator.pb, clients.anonymous]) {
			await expect(pb.collection('users').create(body)).rejects.toMatchObject({ status: 403 });
		}
		const created = await su.collection('users').create(body);
		expect(created.role).toBe('worker');
	});
});

describe('server-assigned and restricted fields', () => {
	it('a worker cannot log a conversation in another worker’s name', async () => {
		await expect(
			users.worker.pb.collection('conversations').create({
				area: home.buurt.id,
				worker: users.coordinator.id,
				heldAt: new Date().toISOString(),
				outcome: 'talked'
			})
		).rejects.toMatchObject({ status: 400 });
	});

	it('createdBy is the signed-in user, whatever the client sends', async () => {
		const asset = await users.worker.pb.collection('assets').create({
			kind: 'capacity',
			title: 'Kan fietsen repareren',
			location: point,
			precision: 'street',
			area: home.buurt.id,
			status: 'active',
			createdBy: users.coordinator.id
		});
		expect(asset.createdBy).toBe(users.worker.id);
	});

	it('a worker reads notes only of her own conversations; coordinators read all', async () => {
		const { conversation } = await homeRecords();
		const own = await users.worker.pb.collection('conversations').getOne(conversation.id);
		expect(own.notes).toBe('Privé notitie');
		const colleague = await signedInUser(su, 'worker', [home.wijk.id]);
		const seenByColleague = await colleague.pb.collection('conversations').getOne(conversation.id);
		expect(seenByColleague.outcome).toBe('talked');
		expect(seenByColleague.notes).toBeUndefined();
		const seenByCoordinator = await users.coordinator.pb
			.collection('conversations')
			.getOne(conversation.id);
		expect(seenByCoordinator.notes).toBe('Privé notitie');
	});

	it('a coordinator may add a custom area but no CBS area', async () => {
		const custom = await users.coordinator.pb
			.collection('areas')
			.create({ code: `C-${unique()}`, name: 'Rondom de school', level: 'custom' });
		expect(custom.level).toBe('custom');
		await expect(
			users.coordinator.pb
				.collection('areas')
				.create({ code: `B-${unique()}`, name: 'Buurt', level: 'buurt' })
		).rejects.toMatchObject({ status: 400 });
	});

	it('nobody but an admin moves a record into an area outside her own', async () => {
		const { asset, person } = await homeRecords();
		await expect(
			users.worker.pb.collection('assets').update(asset.id, { area: elsewhere.buurt.id })
		).rejects.toMatchObject({ status: 403 });
		await expect(
			users.coordinator.pb.collection('people').update(person.id, { area: elsewhere.buurt.id })
		).rejects.toMatchObject({ status: 403 });
		expect((await su.collection('assets').getOne(asset.id)).area).toBe(home.buurt.id);
		const moved = await users.admin.pb
			.collection('assets')
			.update(asset.id, { area: elsewhere.buurt.id });
		expect(moved.area).toBe(elsewhere.buurt.id);
	});
});

describe('a user without areas', () => {
	// PocketBase compares an empty `@request.auth.areas` as "", like a gemeente's empty parent:
	// records kept on a wijk or gemeente must still stay hidden from her, in every collection of
	// the table the rules are generated from (tests/support/area-records.ts).
	const refused = (promise: Promise<unknown>) => statusOf(promise).then((s) => s >= 400);

	it.each(
		(['coordinator', 'worker', 'viewer', 'anonymous'] as const).flatMap((role) =>
			AREA_SCOPED_NAMES.map((collection) => [role, collection] as const)
		)
	)(
		'as %s, sees and changes nothing in %s kept on a buurt, wijk or gemeente',
		async (role, name) => {
			const arealess =
				role === 'anonymous' ? anonymousClient() : (await signedInUser(su, role, [])).pb;
			const maker = makerOf(name);
			const levels = [home.buurt.id, home.wijk.id, home.gemeente.id];
			const ids: string[] = [];
			for (const area of levels) ids.push((await maker.record(su, area, users.worker.id)).id);
			const records = arealess.collection(name);
			const filter = ids.map((id) => su.filter('id = {:id}', { id })).join(' || ');
			// A list she may not filter at all (400) shows her nothing either.
			const listed = await records.getFullList({ filter }).catch(() => []);
			expect(listed).toHaveLength(0);
			for (const id of ids) {
				expect(await statusOf(records.getOne(id))).toBe(404);
				expect(await refused(records.update(id, {}))).toBe(true);
				expect(await refused(records.delete(id))).toBe(true);
				await su.collection(name).getOne(id); // still there
			}
			for (const area of levels) {
				const id = freshId();
				const body = await maker.body(su, area, users.worker.id);
				expect(await refused(records.create({ ...body, id }))).toBe(true);
				expect(await statusOf(su.collection(name).getOne(id))).toBe(404);
			}
			// The same records are there for a coordinator of the gemeente (the test can fail).
			const gemeenteCoordinator = await signedInUser(su, 'coordinator', [home.gemeente.id]);
			const seen = await gemeenteCoordinator.pb.collection(name).getFullList({ filter });
			expect(seen).toHaveLength(ids.length);
			if (areaRulesLib.AREA_SCOPED[name].create !== null) {
				const body = await maker.body(su, home.wijk.id, gemeenteCoordinator.id);
				await gemeenteCoordinator.pb.collection(name).create(body);
			}
		}
	);
});
