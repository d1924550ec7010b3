// Guards access and erasure requests on the real server: the export holds everything stored
// about a resident (every collection that refers to her, her notes, who saw or changed her
// records); erasing her leaves nothing anywhere that refers to her or holds her name, contact or
// notes, while the aggregates stay; only admins and coordinators within her areas may do either;
// both are audited with counts, never her data.
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_AUDIT_FILTERS } from '$lib/audit/audit';
import { auditApi } from '$lib/audit/audit.api';
import type { PersonExport } from '$lib/people/people';
import { peopleApi } from '$lib/people/people.api';
import { newRecordId } from '$lib/sync/outbox';
import {
	PASSWORD,
	anonymousClient,
	createAreaTree,
	ownSuperuserClient,
	signedInUser,
	statusOf,
	superuserClient,
	unique,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';
import { signInWithPassword } from '../support/mail-drop';
import { startPocketBase, type RunningPocketBase } from '../support/pocketbase';

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
let worker: SignedInUser;
let coordinator: SignedInUser;
let gemeenteCoordinator: SignedInUser;
let outsider: SignedInUser;
let viewer: SignedInUser;
let admin: SignedInUser;
let initiative: string;

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	gemeenteCoordinator = await signedInUser(su, 'coordinator', [home.gemeente.id]);
	outsider = await signedInUser(su, 'coordinator', [elsewhere.wijk.id]);
	viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	admin = await signedInUser(su, 'admin', []);
	initiative = (
		await su.collection('assets').create({
			kind: 'initiative',
			title: `Moestuin ${unique()}`,
			location: { lon: 5.005, lat: 52.005 },
			precision: 'exact',
			area: home.buurt.id,
			status: 'active'
		})
	).id;
});

/** What a resident told us, each piece unique to her so a scan can find any trace of it. */
function secrets() {
	const tag = unique();
	return {
		name: `Fenna${tag}`,
		contact: `06-${tag}`,
		notes: `Notitie over haar ${tag}`,
		notes2: `Tweede bezoek ${tag}`,
		gift: `Soep koken ${tag}`,
		wish: `Een bankje ${tag}`,
		mention: `Buurman ${tag}`,
		followUp: `Terugbellen ${tag}`,
		street: `Proefstraat ${tag}`
	};
}

type Secrets = ReturnType<typeof secrets>;

/**
 * A resident as the app makes her: a worker's talk with consent and a first name grows her
 * person, a key-figure and a capacity asset, links to an initiative and a follow-up; a second
 * visit, an initiative she runs, and her trail in the audit log (a view, a search, an update).
 */
async function resident(s: Secrets) {
	const door = await su.collection('addresses').create({
		street: s.street,
		number: '7',
		postcode: '3500AA',
		city: 'Utrecht',
		location: { lon: 5.002, lat: 52.005 },
		area: home.buurt.id
	});
	const first = {
		id: newRecordId(),
		area: home.buurt.id,
		address: door.id,
		worker: worker.id,
		heldAt: '2026-11-23 10:15:00.000Z',
		outcome: 'talked',
		location: { lon: 5.002, lat: 52.005 },
		locationSource: 'address',
		themes: ['eenzaamheid', 'groen'],
		consent: ['first_name', 'contact'],
		resident: { firstName: s.name, contact: s.contact, isKeyFigure: true },
		gifts: [{ kind: 'hands', tag: s.gift }],
		wishes: s.wish,
		willingToHelp: true,
		mentions: [{ kind: 'person', name: s.mention }],
		connectTo: [initiative],
		followUp: { what: s.followUp, due: '2026-12-01' },
		language: 'nl',
		notes: s.notes
	};
	await worker.pb.collection('conversations').create(first);
	const personId = (await su.collection('conversations').getOne(first.id)).person as string;
	expect(personId).not.toBe('');
	const second = await su.collection('conversations').create({
		area: home.buurt.id,
		address: door.id,
		worker: worker.id,
		person: personId,
		heldAt: '2026-12-02 15:00:00.000Z',
		outcome: 'talked',
		themes: ['taal'],
		notes: s.notes2
	});
	const runs = await su.collection('assets').create({
		kind: 'initiative',
		title: `Buurtsoep ${unique()}`,
		location: { lon: 5.003, lat: 52.005 },
		precision: 'exact',
		area: home.buurt.id,
		status: 'active',
		person: personId
	});
	// Her trail: a worker reads her, a coordinator finds her, a worker changes her.
	await worker.pb.collection('people').getOne(personId);
	expect((await peopleApi(coordinator.pb).search(s.name)).map((p) => p.id)).toEqual([personId]);
	await worker.pb.collection('people').update(personId, { isKeyFigure: true });
	return { personId, conversations: [first.id, second.id], runs: runs.id, door: door.id };
}

describe('who may ask', () => {
	let personId: string;

	beforeAll(async () => {
		personId = (await resident(secrets())).personId;
	});

	it('gives the export to admins and coordinators within her areas, and nobody else', async () => {
		const exportAs = (pb: PocketBase) => statusOf(peopleApi(pb).exportPerson(personId));
		expect(await exportAs(coordinator.pb)).toBe(0);
		expect(await exportAs(gemeenteCoordinator.pb)).toBe(0);
		expect(await exportAs(admin.pb)).toBe(0);
		expect(await exportAs(su)).toBe(0);
		expect(await exportAs(outsider.pb)).toBe(403);
		expect(await exportAs(worker.pb)).toBe(403);
		expect(await exportAs(viewer.pb)).toBe(403);
		expect(await exportAs(anonymousClient())).toBe(401);
	});

	it('answers an unknown person with 404 and a plain Dutch message', async () => {
		const error = await peopleApi(coordinator.pb)
			.exportPerson('zzzzzzzzzzzzzzz')
			.catch((e: { status: number; message: string }) => e);
		expect(error).toMatchObject({ status: 404, message: 'Deze bewoner bestaat niet (meer).' });
		expect(await statusOf(peopleApi(coordinator.pb).exportPerson('../../x'))).toBe(404);
		expect(await statusOf(peopleApi(coordinator.pb).erase('zzzzzzzzzzzzzzz'))).toBe(404);
		// Someone who may not ask learns nothing about which ids exist.
		expect(await statusOf(peopleApi(worker.pb).exportPerson('zzzzzzzzzzzzzzz'))).toBe(403);
	});

	it('refuses erasure to workers, viewers, other areas and anonymous, and keeps her', async () => {
		for (const pb of [worker.pb, viewer.pb, outsider.pb]) {
			expect(await statusOf(peopleApi(pb).erase(personId))).toBe(403);
		}
		expect(await statusOf(peopleApi(anonymousClient()).erase(personId))).toBe(401);
		const error = await peopleApi(worker.pb)
			.erase(personId)
			.catch((e: { message: string }) => e);
		expect(error).toMatchObject({ message: expect.stringContaining('coördinatoren') });
		expect((await su.collection('people').getOne(personId)).id).toBe(personId);
	});
});

describe('the export', () => {
	let s: Secrets;
	let made: Awaited<ReturnType<typeof resident>>;
	let data: PersonExport;

	beforeAll(async () => {
		s = secrets();
		made = await resident(s);
		data = await peopleApi(coordinator.pb).exportPerson(made.personId);
	});

	it('holds her person record with consent, and her talks with every field, notes too', () => {
		expect(data.format).toBe('krachtkaart-subject-access/1');
		expect(data.exportedBy).toMatchObject({ id: coordinator.id, kind: 'user' });
		expect(data.person).toMatchObject({
			id: made.personId,
			display_name: s.name,
			contact: s.contact,
			isKeyFigure: true,
			address: made.door,
			area: home.buurt.id
		});
		expect(data.person.consent).toMatchObject({ scopes: ['first_name', 'contact'] });
		expect(data.conversations.map((c) => c.id)).toEqual(made.conversations);
		const [first, second] = data.conversations;
		expect(first).toMatchObject({
			notes: s.notes,
			wishes: s.wish,
			willingToHelp: true,
			consent: ['first_name', 'contact'],
			mentions: [{ kind: 'person', name: s.mention }],
			gifts: [{ kind: 'hands', tag: s.gift }],
			followUp: { what: s.followUp, due: '2026-12-01' },
			language: 'nl',
			connectTo: [initiative]
		});
		expect(second.notes).toBe(s.notes2);
	});

	it('holds her assets, their links and the follow-ups of her talks', () => {
		expect(data.assets.map((a) => a.kind).sort()).toEqual(['capacity', 'initiative', 'key_figure']);
		expect(data.assets.find((a) => a.kind === 'key_figure')?.title).toBe(s.name);
		expect(data.assets.find((a) => a.kind === 'capacity')?.title).toBe(s.gift);
		expect(data.links).toHaveLength(2);
		expect(data.links.every((l) => l.to === initiative && l.kind === 'supports')).toBe(true);
		expect(data.followUps.map((f) => [f.what, f.conversation])).toEqual([
			[s.followUp, made.conversations[0]]
		]);
		// Names for what it mentions: the worker, her door, the initiative at the links' end.
		expect(data.lookup.users[worker.id]?.name).toBe('Test worker');
		expect(data.lookup.addresses[made.door]).toMatchObject({ street: s.street, number: '7' });
		expect(data.lookup.areas[home.buurt.id]?.name).toContain('Buurt');
		expect(data.lookup.assets[initiative]?.kind).toBe('initiative');
	});

	it('covers every collection that refers to her', async () => {
		const people = await su.collections.getOne('people');
		const referring = (await su.collections.getFullList())
			.filter((c) => c.type !== 'view')
			.flatMap((c) =>
				c.fields
					.filter((f) => f.type === 'relation' && f.collectionId === people.id)
					.map((f) => ({ collection: c.name, field: f.name }))
			);
		expect(referring).toEqual(
			expect.arrayContaining([
				{ collection: 'conversations', field: 'person' },
				{ collection: 'assets', field: 'person' }
			])
		);
		for (const { collection, field } of referring) {
			const stored = await su.collection(collection).getFullList({
				filter: su.filter(`${field}.id ?= {:id}`, { id: made.personId }),
				fields: 'id'
			});
			const exported =
				collection === 'conversations'
					? data.conversations
					: collection === 'assets'
						? data.assets
						: data.other
								.filter((o) => o.collection === collection && o.field === field)
								.flatMap((o) => o.records);
			const ids = exported.map((r) => r.id);
			for (const record of stored) expect(ids).toContain(record.id);
		}
	});

	it('shows who saw or changed her records, and when', () => {
		const trail = data.audit.map((e) => [e.action, e.targetCollection, e.actor]);
		expect(trail).toEqual(
			expect.arrayContaining([
				['create', 'people', worker.id],
				['create', 'conversations', worker.id],
				['view', 'people', worker.id],
				['list', 'people', coordinator.id],
				['update', 'people', worker.id]
			])
		);
		expect(data.audit.every((e) => e.created)).toBe(true);
		const list = data.audit.find((e) => e.action === 'list');
		expect((list?.details as { ids: string[] }).ids).toContain(made.personId);
		expect(data.lookup.users[coordinator.id]?.name).toBe('Test coordinator');
	});

	it('is audited as an export by the coordinator, with counts and none of her data', async () => {
		const [entry] = await su.collection('audit_log').getFullList({
			filter: su.filter('action = "export" && targetId = {:id} && actor = {:actor}', {
				id: made.personId,
				actor: coordinator.id
			})
		});
		expect(entry).toMatchObject({
			targetCollection: 'people',
			details: { conversations: 2, assets: 3, links: 2, followUps: 1 }
		});
		const text = JSON.stringify(entry);
		for (const secret of [s.name, s.contact, s.notes]) expect(text).not.toContain(secret);
	});
});

/** Every record of every collection, as text: where a trace of her could hide. */
async function everything(client: PocketBase): Promise<string> {
	const parts: string[] = [];
	for (const collection of await client.collections.getFullList()) {
		if (collection.type === 'view') continue;
		const records = await client.collection(collection.name).getFullList({ batch: 1000 });
		parts.push(JSON.stringify(records));
	}
	return parts.join('\n');
}

describe('erasure', () => {
	let s: Secrets;
	let made: Awaited<ReturnType<typeof resident>>;
	let neighbour: { conversation: string; asset: string };
	let before: PersonExport;
	let result: Awaited<ReturnType<ReturnType<typeof peopleApi>['erase']>>;

	beforeAll(async () => {
		s = secrets();
		made = await resident(s);
		// A neighbour's talk and gift on the same street: not hers, so it stays as it is.
		const talk = {
			id: newRecordId(),
			area: home.buurt.id,
			address: made.door,
			worker: worker.id,
			heldAt: '2026-11-24 10:00:00.000Z',
			outcome: 'talked',
			consent: ['anonymous'],
			gifts: [{ kind: 'head', tag: `Rekenen ${unique()}` }],
			notes: 'Buurvrouw, niet de bewoner'
		};
		await worker.pb.collection('conversations').create(talk);
		const [gift] = await su.collection('assets').getFullList({
			filter: su.filter('sourceConversation = {:id}', { id: talk.id })
		});
		neighbour = { conversation: talk.id, asset: gift.id };
		before = await peopleApi(coordinator.pb).exportPerson(made.personId);
		result = await peopleApi(coordinator.pb).erase(made.personId);
	});

	it('reports what went', () => {
		expect(result).toEqual({
			erased: made.personId,
			counts: {
				conversationsCleared: 2,
				assetsDeleted: 2,
				assetsUnlinked: 1,
				linksDeleted: 2,
				followUpsDeleted: 1,
				otherDeleted: 0,
				otherUnlinked: 0
			}
		});
	});

	it('leaves nothing that refers to her', async () => {
		expect(await statusOf(su.collection('people').getOne(made.personId))).toBe(404);
		for (const collection of ['conversations', 'assets']) {
			const left = await su.collection(collection).getFullList({
				filter: su.filter('person = {:id}', { id: made.personId })
			});
			expect(left).toHaveLength(0);
		}
		for (const asset of before.assets.filter((a) => a.kind !== 'initiative')) {
			expect(await statusOf(su.collection('assets').getOne(asset.id))).toBe(404);
		}
		for (const link of before.links) {
			expect(await statusOf(su.collection('links').getOne(link.id))).toBe(404);
		}
		for (const task of before.followUps) {
			expect(await statusOf(su.collection('follow_ups').getOne(task.id))).toBe(404);
		}
		expect(await statusOf(peopleApi(coordinator.pb).exportPerson(made.personId))).toBe(404);
		expect(await peopleApi(coordinator.pb).search(s.name)).toEqual([]);
	});

	it('leaves no trace of her name, contact, notes or words in any collection', async () => {
		const all = await everything(su);
		for (const secret of [
			s.name,
			s.contact,
			s.notes,
			s.notes2,
			s.gift,
			s.wish,
			s.mention,
			s.followUp
		]) {
			expect(all).not.toContain(secret);
		}
	});

	it('keeps the aggregates: where and when her talks were, how they went, their themes', async () => {
		const [first, second] = await Promise.all(
			made.conversations.map((id) => su.collection('conversations').getOne(id))
		);
		expect(first).toMatchObject({
			area: home.buurt.id,
			address: made.door,
			heldAt: '2026-11-23 10:15:00.000Z',
			outcome: 'talked',
			themes: ['eenzaamheid', 'groen'],
			person: '',
			notes: '',
			wishes: '',
			mentions: null,
			gifts: null,
			followUp: null,
			consent: [],
			connectTo: []
		});
		expect(second).toMatchObject({ outcome: 'talked', themes: ['taal'], notes: '', person: '' });
		// The initiative she ran stays, without her; so does the one her links pointed to.
		expect(await su.collection('assets').getOne(made.runs)).toMatchObject({ person: '' });
		expect((await su.collection('assets').getOne(initiative)).id).toBe(initiative);
		// Her neighbour's talk and gift are untouched.
		const talk = await su.collection('conversations').getOne(neighbour.conversation);
		expect(talk.notes).toBe('Buurvrouw, niet de bewoner');
		expect((await su.collection('assets').getOne(neighbour.asset)).id).toBe(neighbour.asset);
	});

	it('is audited as an erasure with counts, and her earlier trail stays', async () => {
		const entries = await su.collection('audit_log').getFullList({
			filter: su.filter('targetId = {:id}', { id: made.personId }),
			sort: 'created'
		});
		const erase = entries.find((e) => e.action === 'erase');
		expect(erase).toMatchObject({
			actor: coordinator.id,
			targetCollection: 'people',
			details: result.counts
		});
		expect(entries.map((e) => e.action)).toEqual(
			expect.arrayContaining(['create', 'view', 'update', 'export', 'erase'])
		);
		// Admins read it in the app.
		const seen = await admin.pb.collection('audit_log').getFullList({
			filter: admin.pb.filter('action = "erase" && targetId = {:id}', { id: made.personId })
		});
		expect(seen).toHaveLength(1);
	});

	it("is found on the admin audit screen by the app's own queries, and by nobody else", async () => {
		const filters = { ...EMPTY_AUDIT_FILTERS, search: made.personId, collection: 'people' };
		const erased = await auditApi(admin.pb).list({ ...filters, action: 'erase' });
		expect(erased.items.map((e) => [e.action, e.actor, e.expand?.actor?.name])).toEqual([
			['erase', coordinator.id, 'Test coordinator']
		]);
		// Newest first, a page at a time, without counting: pages of two through her whole trail.
		const seen: string[] = [];
		let page = await auditApi(admin.pb, 2).list(filters);
		seen.push(...page.items.map((e) => e.id));
		while (page.hasMore) {
			const last = page.items.at(-1)!;
			page = await auditApi(admin.pb, 2).list(filters, { created: last.created, id: last.id });
			seen.push(...page.items.map((e) => e.id));
		}
		const all = await su.collection('audit_log').getFullList({
			filter: su.filter('targetCollection = "people" && (targetId = {:id} || details ~ {:id})', {
				id: made.personId
			}),
			sort: '-created,-id'
		});
		expect(seen).toEqual(all.map((e) => e.id));
		expect(seen.length).toBeGreaterThan(4);
		// The list rule: admins only; everyone else reads nothing, and may not even ask about
		// its fields (pb_hooks/lib/field-access.js).
		for (const pb of [coordinator.pb, worker.pb, viewer.pb]) {
			await expect(auditApi(pb).list(filters)).rejects.toMatchObject({ status: 400 });
			expect(await pb.collection('audit_log').getFullList()).toEqual([]);
		}
	});

	it('may be done by an admin too', async () => {
		const other = await resident(secrets());
		const done = await peopleApi(admin.pb).erase(other.personId);
		expect(done.counts.conversationsCleared).toBe(2);
		expect(await statusOf(su.collection('people').getOne(other.personId))).toBe(404);
	});
});

// A collection added later that points at people (a resident's personal link, say) is found from
// the schema: exported, and its records go with her. On a server of its own, so the extra
// collection never shows up in other test files' view of the schema.
describe('a collection added later', () => {
	let server: RunningPocketBase;
	let own: PocketBase;

	beforeAll(async () => {
		server = await startPocketBase();
		own = await ownSuperuserClient(server.url);
	}, 60_000);

	afterAll(async () => {
		await server?.stop();
	});

	it('is exported and erased with her', async () => {
		const area = await createAreaTree(own);
		const email = `coordinator-${unique()}@test.krachtkaart.nl`;
		await own.collection('users').create({
			email,
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			name: 'Coördinator',
			role: 'coordinator',
			areas: [area.wijk.id]
		});
		const asCoordinator = anonymousClient(server.url);
		await signInWithPassword(asCoordinator, email, PASSWORD, server.mailDir);
		await own.collections.create({
			name: 'resident_cards',
			type: 'base',
			fields: [
				{ name: 'person', type: 'relation', collectionId: 'kk_people', maxSelect: 1 },
				{ name: 'token', type: 'text' }
			]
		});
		await own.collections.create({
			name: 'groups',
			type: 'base',
			fields: [
				{ name: 'members', type: 'relation', collectionId: 'kk_people', maxSelect: 10 },
				{ name: 'title', type: 'text' }
			]
		});
		const person = await own
			.collection('people')
			.create({ display_name: 'Ilse', area: area.buurt.id });
		const neighbour = await own
			.collection('people')
			.create({ display_name: 'Jan', area: area.buurt.id });
		const card = await own.collection('resident_cards').create({ person: person.id, token: 'x1' });
		const group = await own
			.collection('groups')
			.create({ members: [person.id, neighbour.id], title: 'Koor' });

		const data = await peopleApi(asCoordinator).exportPerson(person.id);
		expect(data.other.map((o) => [o.collection, o.field, o.records.map((r) => r.id)])).toEqual(
			expect.arrayContaining([
				['resident_cards', 'person', [card.id]],
				['groups', 'members', [group.id]]
			])
		);

		const result = await peopleApi(asCoordinator).erase(person.id);
		expect(result.counts).toMatchObject({ otherDeleted: 1, otherUnlinked: 1 });
		expect(await statusOf(own.collection('resident_cards').getOne(card.id))).toBe(404);
		expect((await own.collection('groups').getOne(group.id)).members).toEqual([neighbour.id]);
		expect((await own.collection('people').getOne(neighbour.id)).display_name).toBe('Jan');
	});

	it('erases all or nothing: a step that fails leaves her as she was', async () => {
		const area = await createAreaTree(own);
		const person = await own
			.collection('people')
			.create({ display_name: 'Marja', contact: '06-98765432', area: area.buurt.id });
		const talk = await own.collection('conversations').create({
			area: area.buurt.id,
			worker: (await own.collection('users').getFirstListItem('role = "coordinator"')).id,
			person: person.id,
			heldAt: '2026-11-23 10:15:00.000Z',
			outcome: 'talked',
			notes: 'Wil graag helpen'
		});
		const gift = await own.collection('assets').create({
			kind: 'capacity',
			title: 'Naaien',
			location: { lon: 5.005, lat: 52.005 },
			precision: 'street',
			area: area.buurt.id,
			status: 'active',
			person: person.id
		});
		// A record that must keep pointing at her asset: deleting it fails halfway.
		await own.collections.create({
			name: 'asset_photos',
			type: 'base',
			fields: [
				{
					name: 'asset',
					type: 'relation',
					collectionId: 'kk_assets',
					maxSelect: 1,
					required: true,
					cascadeDelete: false
				}
			]
		});
		const photo = await own.collection('asset_photos').create({ asset: gift.id });

		const error = await own
			.send(`/api/krachtkaart/people/${person.id}/erase`, { method: 'POST' })
			.catch((e: { status: number; message: string }) => e);
		expect(error).toMatchObject({ status: 409, message: expect.stringContaining('niets gewist') });
		expect(await own.collection('people').getOne(person.id)).toMatchObject({
			display_name: 'Marja'
		});
		expect(await own.collection('conversations').getOne(talk.id)).toMatchObject({
			person: person.id,
			notes: 'Wil graag helpen'
		});
		expect((await own.collection('assets').getOne(gift.id)).id).toBe(gift.id);
		const erased = await own.collection('audit_log').getFullList({
			filter: own.filter('action = "erase" && targetId = {:id}', { id: person.id })
		});
		expect(erased).toHaveLength(0);

		await own.collection('asset_photos').delete(photo.id);
		await own.send(`/api/krachtkaart/people/${person.id}/erase`, { method: 'POST' });
		expect(await statusOf(own.collection('people').getOne(person.id))).toBe(404);
	});
});
