// Guards field access by role on the real server (pb_hooks/lib/field-access.js, one table): a
// field a role does not get in a response cannot be filtered or sorted on by that role, directly,
// through any relation path or in a realtime subscription; the refusal comes before any query and
// does not depend on the data; filters stay cheap (hops, back-relations, size) and list requests
// have a budget per user; what a role does not get leaves every response; the request log keeps
// nothing a user typed. The table is walked field by field, per role, so a new field or
// collection is covered the day it is added.
import { createRequire } from 'node:module';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	anonymousClient,
	createAreaTree,
	ownSuperuserClient,
	ROLES,
	signedInUser,
	superuserClient,
	unique,
	type AreaTree,
	type Role,
	type SignedInUser
} from '../support/fixtures';
import { useFetchEventSource } from '../support/event-source';
import { startPocketBase, type RunningPocketBase } from '../support/pocketbase';

type Level = 'yes' | 'no' | 'own' | 'coarse';
interface FieldAccess {
	FIELDS: Record<string, { readers: string[]; ownedBy?: string; fields: Record<string, unknown> }>;
	FILTER_LIMITS: { length: number; hops: number; joins: number };
	CHANGED_PER_REQUEST: string[];
	getsAsStored(collection: string, role: string): boolean;
	fieldLevel(collection: string, field: string, role: string): Level;
	droppedFields(
		collection: string,
		role: string,
		valueOf: (field: string) => string,
		userId: string
	): string[];
	filterPaths(filter: string): { paths: string[]; functions: string[]; error?: number };
}
const access = createRequire(import.meta.url)('../../pb_hooks/lib/field-access.js') as FieldAccess;

interface SchemaField {
	name: string;
	type: string;
	hidden?: boolean;
	collectionId?: string;
}
interface Schema {
	id: string;
	name: string;
	system: boolean;
	fields: SchemaField[];
}

/** How a request failed: its status and message (0 and '' when it did not). */
async function outcome(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
	try {
		await promise;
		return { status: 0, message: '' };
	} catch (error) {
		const e = error as { status: number; response?: { message?: string } };
		return { status: e.status, message: e.response?.message ?? '' };
	}
}

let su: PocketBase;
let home: AreaTree;
let schema: Schema[];
const users = {} as Record<Role, SignedInUser>;
/** A record of each collection in the home buurt, by collection name. */
const seeded: Record<string, string> = {};
const NOTE = `Geheim-${unique()}`;

const byId = (id: string) => schema.find((c) => c.id === id || c.name === id);
/** The relations of a collection a role gets as stored, so may expand. */
/** Relations a role may expand: hers to get, into a collection she gets as stored where its
 * records are changed per request (assets for viewers: pb_hooks/lib/asset-view.js). */
const expandable = (collection: string, role: Role) =>
	byId(collection)!
		.fields.filter((f) => {
			if (f.type !== 'relation' || access.fieldLevel(collection, f.name, role) !== 'yes') {
				return false;
			}
			const target = byId(f.collectionId ?? '')?.name ?? '';
			return !access.CHANGED_PER_REQUEST.includes(target) || access.getsAsStored(target, role);
		})
		.map((f) => f.name);
/** The collections the table is about: the app's own and `users`. */
const appCollections = () => schema.filter((c) => !c.system || c.name === 'users');

beforeAll(async () => {
	su = await superuserClient();
	schema = (await su.collections.getFullList()) as unknown as Schema[];
	home = await createAreaTree(su);
	for (const role of ROLES) users[role] = await signedInUser(su, role, [home.buurt.id]);
	const author = await signedInUser(su, 'worker', [home.buurt.id]);
	const point = { lon: 5.0021, lat: 52.0051 };
	const address = await su.collection('addresses').create({
		street: `Geheimstraat ${unique()}`,
		number: '1',
		postcode: '3500AA',
		city: 'Utrecht',
		location: point,
		area: home.buurt.id
	});
	const person = await su.collection('people').create({
		display_name: 'Anna',
		area: home.buurt.id,
		address: address.id,
		createdBy: author.id
	});
	const conversation = await su.collection('conversations').create({
		area: home.buurt.id,
		address: address.id,
		worker: author.id,
		person: person.id,
		heldAt: new Date().toISOString(),
		outcome: 'talked',
		notes: NOTE
	});
	const asset = await su.collection('assets').create({
		kind: 'capacity',
		title: 'Kan koken',
		location: point,
		precision: 'street',
		street: address.street,
		area: home.buurt.id,
		status: 'active',
		person: person.id,
		sourceConversation: conversation.id,
		createdBy: author.id
	});
	const place = await su.collection('assets').create({
		kind: 'place',
		title: 'Buurthuis',
		location: point,
		precision: 'exact',
		area: home.buurt.id,
		status: 'active',
		createdBy: author.id
	});
	const link = await su
		.collection('links')
		.create({ from: asset.id, to: place.id, kind: 'memberOf', createdBy: author.id });
	const followUp = await su.collection('follow_ups').create({
		conversation: conversation.id,
		area: home.buurt.id,
		what: 'Terugbellen',
		assignee: author.id,
		createdBy: author.id
	});
	Object.assign(seeded, {
		areas: home.buurt.id,
		addresses: address.id,
		people: person.id,
		conversations: conversation.id,
		assets: asset.id,
		links: link.id,
		follow_ups: followUp.id,
		users: author.id
	});
});

describe('the table', () => {
	it('names every field of every collection of the app, and nothing else', () => {
		const live = Object.fromEntries(
			appCollections().map((c) => [c.name, c.fields.map((f) => f.name).sort()])
		);
		const table = Object.fromEntries(
			Object.entries(access.FIELDS).map(([name, entry]) => [name, Object.keys(entry.fields).sort()])
		);
		expect(table).toEqual(live);
	});

	it('has an entry for every collection of the app: the enrich hook is bound to those alone', () => {
		// pb_hooks/field-access.pb.js binds its onRecordEnrich to Object.keys(FIELDS): a collection
		// without an entry would have nothing dropped from its responses.
		expect(Object.keys(access.FIELDS).sort()).toEqual(
			appCollections()
				.map((c) => c.name)
				.sort()
		);
	});

	it('gives no role a field PocketBase hides', () => {
		for (const collection of appCollections()) {
			for (const field of collection.fields.filter((f) => f.hidden)) {
				for (const role of ROLES) {
					expect({ field: `${collection.name}.${field.name}`, role, level: 'no' }).toEqual({
						field: `${collection.name}.${field.name}`,
						role,
						level: access.fieldLevel(collection.name, field.name, role)
					});
				}
			}
		}
	});
});

describe('filters and sorts on fields a role does not get', () => {
	/** Every (role, collection, field) whose field the role does not get as stored. */
	const hidden = () =>
		ROLES.flatMap((role) =>
			appCollections().flatMap((c) =>
				c.fields
					.filter((f) => access.fieldLevel(c.name, f.name, role) !== 'yes')
					.map((f) => ({ role, collection: c.name, field: f.name }))
			)
		);

	it('are refused, each field directly, by filter and by sort', async () => {
		const cases = hidden();
		expect(cases.length).toBeGreaterThan(100);
		const wrong: unknown[] = [];
		for (const { role, collection, field } of cases) {
			const pb = users[role].pb.collection(collection);
			for (const query of [{ filter: `${field} != "x"` }, { sort: `-${field}` }]) {
				const got = await outcome(pb.getList(1, 1, query));
				if (got.status !== 400 || !got.message.includes(field)) {
					wrong.push({ role, collection, query, ...got });
				}
			}
		}
		expect(wrong).toEqual([]);
	});

	it('are refused through every relation that leads to them, and every back-relation', async () => {
		const wrong: unknown[] = [];
		let tried = 0;
		for (const role of ROLES) {
			for (const from of appCollections()) {
				for (const relation of from.fields.filter((f) => f.type === 'relation')) {
					const target = byId(relation.collectionId ?? '');
					if (!target) continue;
					for (const field of target.fields) {
						if (access.fieldLevel(target.name, field.name, role) === 'yes') continue;
						const paths = [
							`${relation.name}.${field.name}`,
							// and back from the target, as PocketBase's back-relations allow
							`${from.name}_via_${relation.name}.id`
						];
						for (const path of paths) {
							tried++;
							const got = await outcome(
								users[role].pb
									.collection(path.includes('_via_') ? target.name : from.name)
									.getList(1, 1, {
										filter: `${path} != "x"`
									})
							);
							if (got.status !== 400) wrong.push({ role, from: from.name, path, ...got });
						}
					}
				}
			}
		}
		expect(tried).toBeGreaterThan(50);
		expect(wrong).toEqual([]);
	});

	it('answers a hidden note the same whether the guess is right or not', async () => {
		// The note starts with "Geheim-": a filter that answered yes or no would spell it.
		const worker = users.worker.pb;
		const guesses = ['notes ~ "Geheim%"', 'notes ~ "Zzz%"'];
		const answers = [];
		for (const filter of guesses) {
			answers.push(await outcome(worker.collection('conversations').getList(1, 1, { filter })));
			answers.push(
				await outcome(
					worker.collection('follow_ups').getList(1, 1, { filter: `conversation.${filter}` })
				)
			);
			answers.push(
				await outcome(
					worker.collection('conversations').getList(1, 1, { sort: 'notes', filter: '' })
				)
			);
		}
		expect(answers.every((a) => a.status === 400)).toBe(true);
		expect(answers[0]).toEqual(answers[3]);
		expect(answers[1]).toEqual(answers[4]);
		// The coordinator reads every note of her areas, so she may search them (the test can fail).
		const found = await users.coordinator.pb
			.collection('conversations')
			.getList(1, 5, { filter: su.filter('notes = {:n}', { n: NOTE }) });
		expect(found.items.map((c) => c.id)).toEqual([seeded.conversations]);
	});

	it('are refused in a realtime subscription, before any event', async () => {
		useFetchEventSource();
		// Each on a client of its own: the SDK sends a client's refused topics again with the next.
		const worker = await outcome(
			users.worker.pb
				.collection('conversations')
				.subscribe('*', () => {}, { filter: 'notes ~ "G%"' })
		);
		expect(worker.status).toBe(400);
		expect(worker.message).toContain('notes');
		const viewer = await outcome(
			users.viewer.pb.collection('assets').subscribe('*', () => {}, { filter: 'person != ""' })
		);
		expect(viewer.status).toBe(400);
		expect(viewer.message).toContain('person');
		// The coordinator reads every note: she may (the test can fail).
		const fine = await users.coordinator.pb
			.collection('conversations')
			.subscribe('*', () => {}, { filter: 'notes ~ "G%"' });
		await fine();
	});

	it('lets each role filter and sort on every field it gets', async () => {
		const wrong: unknown[] = [];
		for (const role of ROLES) {
			for (const c of appCollections()) {
				for (const f of c.fields) {
					if (access.fieldLevel(c.name, f.name, role) !== 'yes') continue;
					const got = await outcome(
						users[role].pb.collection(c.name).getList(1, 1, { sort: f.name })
					);
					if (got.status !== 0) wrong.push({ role, collection: c.name, field: f.name, ...got });
				}
			}
		}
		expect(wrong).toEqual([]);
	});
});

describe('filters stay cheap', () => {
	const refused = (collection: string, query: Record<string, string>, who: Role = 'coordinator') =>
		outcome(users[who].pb.collection(collection).getList(1, 1, query));

	it('allows the hops the app uses and refuses more', async () => {
		const three = su.filter('from.area.parent.parent = {:g}', { g: home.gemeente.id });
		expect((await refused('links', { filter: three })).status).toBe(0);
		const four = await refused('links', { filter: 'from.area.parent.parent.code = "x"' });
		expect(four.status).toBe(400);
		expect(four.message).toContain('too many relations');
		const sorted = await refused('assets', { sort: 'area.parent.parent.parent.name' });
		expect(sorted.status).toBe(400);
	});

	it('refuses back-relations, other collections, request data, comments and unknown functions', async () => {
		for (const filter of [
			'assets_via_area.title != ""',
			'@collection.people.display_name ~ "A%"',
			'@request.body.x = 1',
			'@request.headers.x = 1',
			'id = @request.auth.id',
			'kind = "place" // comment',
			'kind = {:unbound}',
			'lower(kind) = "x"',
			'geoDistance(location.lon, location.lat, geoDistance(1,2,3,4), 52) < 1',
			'"unclosed = 1'
		]) {
			const got = await refused('assets', { filter });
			expect({ filter, status: got.status }).toEqual({ filter, status: 400 });
		}
		// What the app uses is allowed.
		for (const filter of [
			su.filter('(area = {:a} || area.parent = {:a}) && kind != "place"', { a: home.buurt.id }),
			'geoDistance(location.lon, location.lat, 5.0, 52.0) < 1 && created <= @now',
			'themes:each != "x" && title:lower ~ "kan" && themes:length > 0',
			`id != "" || title ~ 'it\\'s "quoted" && notes' && true = true`
		]) {
			const got = await refused('assets', { filter });
			expect({ filter, status: got.status }).toEqual({ filter, status: 0 });
		}
	});

	it('expands what the app expands, without back-relations or deep chains', async () => {
		const coordinator = users.coordinator.pb;
		await coordinator.collection('follow_ups').getOne(seeded.follow_ups, {
			expand: 'conversation.address,createdBy,assignee'
		});
		for (const expand of ['conversations_via_address', 'conversation.address.area.parent.parent']) {
			const got = await outcome(coordinator.collection('follow_ups').getList(1, 1, { expand }));
			expect({ expand, status: got.status }).toEqual({ expand, status: 400 });
			const view = await outcome(
				coordinator.collection('follow_ups').getOne(seeded.follow_ups, { expand })
			);
			expect({ expand, status: view.status }).toEqual({ expand, status: 400 });
		}
	});

	it('reads quoted text exactly as PocketBase does', () => {
		// An escaped quote does not end the text; a backslash before a backslash still escapes.
		expect(access.filterPaths(`title = "a\\" && notes = \\"" && kind = 1`).paths).toEqual([
			'title',
			'kind'
		]);
		expect(access.filterPaths("title = 'x\\\\' || notes ~ 'y").paths).toEqual(['title', 'y']);
		expect(access.filterPaths('a = "x').error).toBeDefined();
	});

	it('refuses a filter past its size, and filters of signed-out clients', async () => {
		const long = Array.from({ length: 700 }, (_, i) => `id = "${i}"`).join(' || ');
		expect(long.length).toBeGreaterThan(access.FILTER_LIMITS.length);
		const got = await refused('assets', { filter: long });
		expect(got.status).toBe(400);
		expect(got.message).toContain('too large');
		const guest = anonymousClient();
		expect((await outcome(guest.collection('areas').getList(1, 1, { sort: 'name' }))).status).toBe(
			400
		);
	});

	it('refuses a filter or sort in a batch', async () => {
		const batch = users.coordinator.pb.createBatch();
		batch.collection('areas').delete(seeded.areas, { query: { filter: 'notes ~ "a"' } });
		const got = await outcome(batch.send());
		expect(got.status).toBe(400);
	});
});

describe('what a role does not get leaves the response', () => {
	it('for every seeded record a role may read, and every record expanded from it', async () => {
		const wrong: unknown[] = [];
		let checked = 0;
		/** Pushes what a role got of a record (as collection `name`) that it should not have. */
		const check = async (role: Role, name: string, got: Record<string, unknown>) => {
			checked++;
			const stored = await su.collection(name).getOne(String(got.id));
			const dropped = access.droppedFields(
				name,
				role,
				(field) => String(stored[field] ?? ''),
				users[role].id
			);
			const expand = (got.expand ?? {}) as Record<string, unknown>;
			for (const field of dropped) {
				if (field in got || field in expand) wrong.push({ role, collection: name, field });
			}
			for (const relation of byId(name)!.fields.filter((f) => f.type === 'relation')) {
				const target = byId(relation.collectionId ?? '')!.name;
				const value = expand[relation.name];
				for (const item of Array.isArray(value) ? value : value ? [value] : []) {
					await check(role, target, item as Record<string, unknown>);
				}
			}
		};
		for (const role of ROLES) {
			for (const [collection, id] of Object.entries(seeded)) {
				// Every relation she gets, and one level on from each (the deepest the app goes).
				const expand = expandable(collection, role).flatMap((name) => {
					const target = byId(
						byId(collection)!.fields.find((f) => f.name === name)!.collectionId!
					)!;
					return [name, ...expandable(target.name, role).map((next) => `${name}.${next}`)];
				});
				let record: Record<string, unknown>;
				try {
					record = await users[role].pb
						.collection(collection)
						.getOne(id, { expand: expand.join(',') });
				} catch (error) {
					// Not hers to read; anything else is a failure.
					expect((error as { status: number }).status).toBe(404);
					continue;
				}
				await check(role, collection, record);
			}
		}
		expect(checked).toBeGreaterThan(40);
		expect(wrong).toEqual([]);
	});

	it('refuses to expand what a role does not get, at any depth', async () => {
		const wrong: unknown[] = [];
		let tried = 0;
		for (const role of ROLES) {
			for (const [collection, id] of Object.entries(seeded)) {
				const relations = byId(collection)!.fields.filter((f) => f.type === 'relation');
				for (const relation of relations) {
					const paths = expandable(collection, role).includes(relation.name)
						? expandable(byId(relation.collectionId!)!.name, role).length === 0
							? []
							: byId(relation.collectionId!)!
									.fields.filter(
										(f) =>
											f.type === 'relation' &&
											!expandable(byId(relation.collectionId!)!.name, role).includes(f.name)
									)
									.map((f) => `${relation.name}.${f.name}`)
						: [relation.name];
					for (const expand of paths) {
						tried++;
						const got = await outcome(users[role].pb.collection(collection).getOne(id, { expand }));
						if (got.status !== 400) wrong.push({ role, collection, expand, ...got });
					}
				}
			}
		}
		expect(tried).toBeGreaterThan(20);
		expect(wrong).toEqual([]);
	});

	it('a viewer gets no ids that group a resident’s assets; staff do', async () => {
		const asViewer = await users.viewer.pb
			.collection('assets')
			.getOne(seeded.assets, { expand: 'area,confirmedBy' });
		for (const field of ['person', 'sourceConversation', 'createdBy']) {
			expect(asViewer).not.toHaveProperty(field);
		}
		expect(Object.keys(asViewer.expand ?? {})).toEqual(['area']);
		const viaLink = await outcome(
			users.viewer.pb.collection('links').getOne(seeded.links, { expand: 'from.createdBy' })
		);
		expect(viaLink.status).toBe(400);
		const asWorker = await users.worker.pb.collection('assets').getOne(seeded.assets);
		expect(asWorker.person).toBe(seeded.people);
		expect(asWorker.sourceConversation).toBe(seeded.conversations);
	});

	it('a worker gets the notes of her own conversations only', async () => {
		const other = await users.worker.pb.collection('conversations').getOne(seeded.conversations);
		expect(other).not.toHaveProperty('notes');
		const mine = await users.worker.pb.collection('conversations').create({
			area: home.buurt.id,
			address: seeded.addresses,
			worker: users.worker.id,
			heldAt: new Date().toISOString(),
			outcome: 'talked',
			notes: 'Mijn notitie'
		});
		expect(mine.notes).toBe('Mijn notitie');
		const coordinator = await users.coordinator.pb
			.collection('conversations')
			.getOne(seeded.conversations);
		expect(coordinator.notes).toBe(NOTE);
	});
});

describe('a budget of list requests per user, and a request log without typed text', () => {
	let server: RunningPocketBase;
	let own: PocketBase;
	beforeAll(async () => {
		server = await startPocketBase({ env: { KRACHTKAART_LIST_BUDGET: '5' } });
		own = await ownSuperuserClient(server.url);
	});
	afterAll(async () => server?.stop());

	it('refuses list requests past the budget, for that user only', async () => {
		const areaTree = await createAreaTree(own);
		const [first, second] = [
			await signedInUser(own, 'worker', [areaTree.buurt.id]),
			await signedInUser(own, 'worker', [areaTree.buurt.id])
		];
		const statuses = [];
		for (let i = 0; i < 7; i++) {
			statuses.push((await outcome(first.pb.collection('areas').getList(1, 1))).status);
		}
		expect(statuses).toEqual([0, 0, 0, 0, 0, 429, 429]);
		// A view is no list; another user has her own budget.
		expect((await outcome(first.pb.collection('areas').getOne(areaTree.buurt.id))).status).toBe(0);
		expect((await outcome(second.pb.collection('areas').getList(1, 1))).status).toBe(0);
	});

	it('keeps no filter text or link code in the request log', async () => {
		const areaTree = await createAreaTree(own);
		const worker = await signedInUser(own, 'worker', [areaTree.buurt.id]);
		const typed = `Zoekterm${unique()}`;
		await worker.pb
			.collection('addresses')
			.getList(1, 1, { filter: worker.pb.filter('street ~ {:s}', { s: typed }) });
		await outcome(
			worker.pb.collection('addresses').getList(1, 1, { filter: `bagId = "${typed}" //` })
		);
		const code = `Code${unique()}`;
		await outcome(fetch(`${server.url}/api/krachtkaart/mijn/${code}`));
		// The log is written in batches: wait until the requests are in it.
		let urls: string[] = [];
		for (let i = 0; i < 50; i++) {
			const logs = await own.logs.getList(1, 200, { sort: '-created' });
			urls = logs.items.map((l) => String((l.data as { url?: string }).url ?? ''));
			if (urls.some((u) => u.startsWith('/api/krachtkaart/mijn/'))) break;
			await new Promise((r) => setTimeout(r, 200));
		}
		expect(urls.filter((u) => u.startsWith('/api/collections/addresses/records')).length).toBe(2);
		expect(urls.join('\n')).not.toContain(typed);
		expect(urls.join('\n')).not.toContain(code);
		expect(urls).toContain('/api/krachtkaart/mijn/-');
	});
});
