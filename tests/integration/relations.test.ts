// Relations and authorship cannot be forged: every relation field of every area-scoped collection
// (and a custom area's `parent`), read from the live schema, is pointed outside the writer's areas
// on create and on update, and is refused with the field named before anything is written, while
// the same request pointing inside her areas goes through (so each case can fail). Authorship
// fields (the table's `authorship`, pb_hooks/lib/area-rules.js) are the server's: what a client
// sends for them is ignored. The hook: pb_hooks/records.pb.js with lib/areas.js.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { AREA_SCOPED_NAMES, areaRulesLib, freshId, makerOf } from '../support/area-records';
import {
	createAreaTree,
	signedInUser,
	statusOf,
	superuserClient,
	unique,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

interface Field {
	name: string;
	type: string;
	collectionId: string;
	maxSelect: number;
}

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
let coordinator: SignedInUser;
let worker: SignedInUser;
const point = { lon: 5.005, lat: 52.005 };
const fieldsOf = new Map<string, Field[]>();
const nameOf = new Map<string, string>();
/** Per collection a relation may point into: records inside the home areas, and outside them. */
let inside: Record<string, string>;
let outside: Record<string, string[]>;

/** One record of each kind a relation points at, in `tree`'s buurt. */
async function recordsIn(tree: AreaTree, talker: string): Promise<Record<string, string>> {
	const address = await su.collection('addresses').create({
		street: 'Teststraat',
		number: unique().slice(0, 6),
		location: point,
		area: tree.buurt.id
	});
	const list = await makerOf('walk_lists').record(su, tree.buurt.id, talker);
	return {
		areas: tree.buurt.id,
		addresses: address.id,
		rounds: (await su.collection('walk_lists').getOne(list.id)).round as string,
		walk_lists: list.id,
		// Reference data without an area: anybody's to point at, so nothing lies outside.
		purposes: (await su.collection('purposes').getFirstListItem('')).id,
		people: (await makerOf('people').record(su, tree.buurt.id, talker)).id,
		assets: (await makerOf('assets').record(su, tree.buurt.id, talker)).id,
		conversations: (await makerOf('conversations').record(su, tree.buurt.id, talker)).id
	};
}

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	worker = await signedInUser(su, 'worker', [home.buurt.id]);
	const outsideWorker = await signedInUser(su, 'worker', [elsewhere.wijk.id]);
	// Viewers see no personal data, so nothing is assigned to or logged by one.
	const homeViewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	for (const c of await su.collections.getFullList()) {
		fieldsOf.set(c.name, c.fields as unknown as Field[]);
		nameOf.set(c.id, c.name);
	}
	inside = { ...(await recordsIn(home, worker.id)), users: worker.id };
	const foreign = await recordsIn(elsewhere, outsideWorker.id);
	outside = Object.fromEntries(Object.entries(foreign).map(([name, id]) => [name, [id]]));
	outside.purposes = [];
	outside.users = [outsideWorker.id, homeViewer.id];
});

const WRITTEN = [...AREA_SCOPED_NAMES, 'areas'];
const authorshipOf = (name: string) => areaRulesLib.AREA_SCOPED[name]?.authorship ?? [];
/** The relation fields an app user writes (authorship is the server's). */
const relationsOf = (name: string) =>
	fieldsOf.get(name)!.filter((f) => f.type === 'relation' && !authorshipOf(name).includes(f.name));

/**
 * Fields whose API rule already refuses pointing outside (the rule sees the new record on create
 * and the stored one on update): refused before the hook, with the rule's own 400 or 404.
 */
const RULE_GUARDED = {
	create: [
		'people.area',
		'conversations.area',
		'assets.area',
		'follow_ups.area',
		'links.from',
		'links.to',
		'rounds.areas',
		'round_questions.round',
		'walk_lists.round'
	],
	update: ['links.from', 'links.to']
};

/** Who may write the collection at all: coordinators, except where only admins or the server do. */
function writable(name: string, operation: 'create' | 'update'): boolean {
	if (name === 'areas') return operation === 'create'; // custom areas; admins change areas
	return areaRulesLib.AREA_SCOPED[name][operation] !== null;
}

const valueFor = (field: Field, id: string) => (field.maxSelect > 1 ? [id] : id);

async function createBody(name: string): Promise<Record<string, unknown>> {
	if (name === 'areas') return { code: `C-${unique()}`, name: 'Rondom de school', level: 'custom' };
	return makerOf(name).body(su, home.buurt.id, coordinator.id);
}

async function existing(name: string): Promise<string> {
	if (name === 'areas') {
		const custom = { code: `C-${unique()}`, name: 'Rond het plein', level: 'custom' };
		return (await su.collection('areas').create({ ...custom, parent: home.buurt.id })).id;
	}
	return (await makerOf(name).record(su, home.buurt.id, worker.id)).id;
}

interface Refusal {
	status: number;
	response: { message: string; data: Record<string, { code: string; message: string }> };
}
const refusalOf = (promise: Promise<unknown>) =>
	promise.then(
		() => null,
		(e: Refusal) => e
	);

/** Refused with the field named: 403, or 400 for a new conversation (with a talk's other errors). */
function expectNamed(refusal: Refusal | null, field: string, status: number, where = field) {
	expect(refusal?.status, `${where}: ${JSON.stringify(refusal?.response)}`).toBe(status);
	expect(refusal?.response.data[field]?.code).toBe('outside_areas');
	expect(refusal?.response.message).toContain(field);
}

// Collections no app user writes through the API (the server's own, such as suggestions and
// the ladder's history) have no relation she could point outside.
const cases = () =>
	WRITTEN.filter((name) => writable(name, 'create') || writable(name, 'update')).flatMap((name) =>
		relationsOf(name).flatMap((field) =>
			outside[nameOf.get(field.collectionId)!].map((target) => ({ name, field, target }))
		)
	);

describe('every relation an app user writes stays within her areas', () => {
	it('enumerates the relation fields of every area-scoped collection from the schema', () => {
		const fields = cases().map((c) => `${c.name}.${c.field.name}`);
		expect(fields).toEqual(
			expect.arrayContaining([
				'people.address',
				'conversations.person',
				'conversations.connectTo',
				'conversations.worker',
				'assets.person',
				'assets.sourceConversation',
				'links.to',
				'follow_ups.assignee',
				'follow_ups.conversation',
				'follow_ups.area',
				'areas.parent'
			])
		);
		// Every target a relation may point at has a record inside and outside her areas.
		for (const c of cases()) expect(inside[nameOf.get(c.field.collectionId)!]).toBeTruthy();
	});

	it('on create: refused with the field named, nothing written; inside her areas it is made', async () => {
		for (const { name, field, target } of cases()) {
			if (!writable(name, 'create')) continue;
			const where = `${name}.${field.name} → ${target}`;
			const id = freshId();
			const body = { ...(await createBody(name)), id, [field.name]: valueFor(field, target) };
			const refusal = await refusalOf(coordinator.pb.collection(name).create(body));
			if (RULE_GUARDED.create.includes(`${name}.${field.name}`)) {
				expect(refusal?.status, where).toBe(400);
			} else {
				expectNamed(refusal, field.name, name === 'conversations' ? 400 : 403, where);
			}
			expect(await statusOf(su.collection(name).getOne(id)), where).toBe(404);
			const within = {
				...(await createBody(name)),
				[field.name]: valueFor(field, inside[nameOf.get(field.collectionId)!])
			};
			await expect(coordinator.pb.collection(name).create(within), where).resolves.toBeTruthy();
		}
	});

	it('on update: refused with the field named, nothing changed; inside her areas it is saved', async () => {
		for (const { name, field, target } of cases()) {
			if (!writable(name, 'update')) continue;
			const where = `${name}.${field.name} → ${target}`;
			const id = await existing(name);
			const before = await su.collection(name).getOne(id);
			const refusal = await refusalOf(
				coordinator.pb.collection(name).update(id, { [field.name]: valueFor(field, target) })
			);
			const guarded = RULE_GUARDED.update.includes(`${name}.${field.name}`);
			if (guarded) expect(refusal?.status, where).toBe(404);
			else expectNamed(refusal, field.name, 403, where);
			expect((await su.collection(name).getOne(id))[field.name], where).toEqual(before[field.name]);
			if (guarded) continue; // only an admin re-points a link
			const saved = await coordinator.pb
				.collection(name)
				.update(id, { [field.name]: valueFor(field, inside[nameOf.get(field.collectionId)!]) });
			expect(saved[field.name], where).toEqual(
				valueFor(field, inside[nameOf.get(field.collectionId)!])
			);
		}
	});

	it('a worker moves no follow-up of hers into another area, a coordinator none of her areas', async () => {
		const task = await su
			.collection('follow_ups')
			.create({ area: home.buurt.id, what: 'Nabellen', assignee: worker.id });
		for (const user of [worker, coordinator]) {
			const status = await statusOf(
				user.pb.collection('follow_ups').update(task.id, { area: elsewhere.buurt.id })
			);
			expect([403, 404]).toContain(status);
		}
		expect((await su.collection('follow_ups').getOne(task.id)).area).toBe(home.buurt.id);
	});

	it('a talk’s follow-up goes to a colleague in her areas only', async () => {
		const talk = (assignee: string) => ({
			id: freshId(),
			area: home.buurt.id,
			worker: worker.id,
			heldAt: new Date().toISOString(),
			outcome: 'come_back_later',
			followUp: { what: 'Terugkomen', assignee }
		});
		for (const assignee of outside.users) {
			const body = talk(assignee);
			expectNamed(
				await refusalOf(worker.pb.collection('conversations').create(body)),
				'followUp',
				400
			);
			expect(await statusOf(su.collection('conversations').getOne(body.id))).toBe(404);
		}
		await worker.pb.collection('conversations').create(talk(coordinator.id));
	});

	it('admins point anywhere', async () => {
		const admin = await signedInUser(su, 'admin', []);
		const id = await existing('follow_ups');
		const saved = await admin.pb
			.collection('follow_ups')
			.update(id, { area: elsewhere.buurt.id, assignee: outside.users[0] });
		expect(saved.area).toBe(elsewhere.buurt.id);
	});
});

describe('authorship fields are the server’s', () => {
	const forged = () => outside.users[0];
	const authored = () =>
		AREA_SCOPED_NAMES.flatMap((name) => authorshipOf(name).map((field) => ({ name, field })));

	it('names every relation to users that says who did it', () => {
		expect(authored().map((a) => `${a.name}.${a.field}`)).toEqual(
			expect.arrayContaining([
				'people.createdBy',
				'assets.createdBy',
				'assets.confirmedBy',
				'links.createdBy',
				'follow_ups.createdBy',
				'follow_ups.doneBy',
				'resident_links.createdBy',
				'resident_links.revokedBy'
			])
		);
	});

	it('on create: set by the server, whatever the client sends', async () => {
		for (const { name, field } of authored()) {
			const body = { ...(await createBody(name)), [field]: forged() };
			if (!writable(name, 'create')) {
				expect(await statusOf(coordinator.pb.collection(name).create(body))).toBeGreaterThanOrEqual(
					400
				);
				continue;
			}
			const made = await coordinator.pb.collection(name).create(body);
			// Hers, or nobody's yet (doneBy of an open follow-up).
			expect([coordinator.id, ''], `${name}.${field}`).toContain(made[field]);
		}
	});

	it('on update: kept as it was, whatever the client sends', async () => {
		for (const { name, field } of authored()) {
			const id = await existing(name);
			const before = await su.collection(name).getOne(id);
			const update = coordinator.pb.collection(name).update(id, { [field]: forged() });
			if (!writable(name, 'update')) {
				expect(await statusOf(update)).toBeGreaterThanOrEqual(400);
			} else {
				expect((await update)[field], `${name}.${field}`).toBe(before[field]);
			}
			expect((await su.collection(name).getOne(id))[field], `${name}.${field}`).toBe(before[field]);
		}
	});
});
