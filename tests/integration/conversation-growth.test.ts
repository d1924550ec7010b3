// Guards how a conversation adds to the map on the real server: gifts become capacity assets at
// the precision the consent allows, a key figure gets a person and an asset, "connect to" makes
// links, a follow-up lands in the assignee's list, a talk far from its door is flagged, anything
// the consent does not allow is refused with the field named, and a refused or resent
// conversation writes nothing at all.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import {
	createAreaTree,
	createDoorsInARow,
	signedInUser,
	superuserClient,
	unique,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
let worker: SignedInUser;
let colleague: SignedInUser;
let coordinator: SignedInUser;
let viewer: SignedInUser;
let street: string;
let door: { id: string; lon: number; lat: number };
let initiative: string;
let foreignInitiative: string;

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
	colleague = await signedInUser(su, 'worker', [home.wijk.id]);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	street = `Teststraat ${unique()}`;
	// Three doors in a row, 0.001° of longitude (about 70 m) apart: the street's middle is no.3.
	[door] = await createDoorsInARow(su, home.buurt.id, { street, postcode: '3500AA', lat: 52.005 });
	const make = (area: string, title: string) =>
		su.collection('assets').create({
			kind: 'initiative',
			title,
			location: { lon: 5.005, lat: 52.005 },
			precision: 'exact',
			area,
			status: 'active'
		});
	initiative = (await make(home.buurt.id, 'Moestuin')).id;
	foreignInitiative = (await make(elsewhere.buurt.id, 'Elders')).id;
});

function talk(fields: Record<string, unknown> = {}) {
	return {
		id: newRecordId(),
		area: home.buurt.id,
		address: door.id,
		worker: worker.id,
		heldAt: '2026-11-23 10:15:00.000Z',
		outcome: 'talked',
		location: { lon: door.lon, lat: door.lat },
		locationSource: 'address',
		themes: ['eenzaamheid'],
		...fields
	};
}

const bySource = (id: string, kind?: string) =>
	su.collection('assets').getFullList({
		filter: kind
			? su.filter('sourceConversation = {:id} && kind = {:kind}', { id, kind })
			: su.filter('sourceConversation = {:id}', { id }),
		sort: 'title'
	});

type FieldErrors = Record<string, { code: string; message: string }>;

async function refused(promise: Promise<unknown>): Promise<FieldErrors> {
	const error = await promise.then(
		() => null,
		(e: { status: number; response: { data: FieldErrors } }) => e
	);
	expect(error?.status).toBe(400);
	return error!.response.data;
}

describe('a conversation grows the map', () => {
	it('turns gifts into capacity assets in the middle of the street without exact consent', async () => {
		const body = talk({
			consent: ['anonymous'],
			gifts: [
				{ kind: 'hands', tag: 'Fietsen repareren', themes: ['sport'] },
				{ kind: 'head', tag: 'Taalles geven' }
			]
		});
		await worker.pb.collection('conversations').create(body);
		const assets = await bySource(body.id);
		expect(assets.map((a) => [a.kind, a.title, a.gifts, a.precision])).toEqual([
			['capacity', 'Fietsen repareren', ['hands'], 'street'],
			['capacity', 'Taalles geven', ['head'], 'street']
		]);
		const [first] = assets;
		expect(first.themes).toEqual(['sport']);
		expect(first.person).toBe('');
		expect(first.createdBy).toBe(worker.id);
		expect(first.confirmedBy).toBe(worker.id);
		expect(first.street).toBe(street);
		// The middle of nos. 1, 3 and 5: no. 3's spot, not the resident's own door (no. 1).
		expect(first.location.lon).toBeCloseTo(5.003, 6);
		expect(first.location.lat).toBeCloseTo(52.005, 6);
		// Anonymous: no person is kept at all.
		const conversation = await su.collection('conversations').getOne(body.id);
		expect(conversation.person).toBe('');
		expect(conversation.resident).toBeNull();
	});

	it('never puts a gift at her house when her door is the only one in its street', async () => {
		const alone = await su.collection('addresses').create({
			street: `Eenzaamhof ${unique()}`,
			number: '1',
			location: { lon: 5.0071, lat: 52.0043 },
			area: home.buurt.id
		});
		const body = talk({
			address: alone.id,
			location: { lon: 5.0071, lat: 52.0043 },
			consent: ['anonymous'],
			gifts: [{ kind: 'hands', tag: 'Klussen' }]
		});
		await worker.pb.collection('conversations').create(body);
		const [asset] = await bySource(body.id);
		expect(asset.precision).toBe('street');
		// The middle of a 250 m grid cell: near, but not the door.
		expect([asset.location.lon, asset.location.lat]).not.toEqual([5.0071, 52.0043]);
		expect(Math.abs(asset.location.lat - 52.0043)).toBeLessThan(250 / 111_195);
		expect(Math.abs(asset.location.lon - 5.0071)).toBeLessThan(250 / 111_195 / Math.cos(0.908));
	});

	it('puts a gift at the door with consent to an exact location', async () => {
		const body = talk({
			consent: ['anonymous', 'exact_location'],
			gifts: [{ kind: 'heart', tag: 'Luisterend oor' }]
		});
		await worker.pb.collection('conversations').create(body);
		const [asset] = await bySource(body.id);
		expect(asset.precision).toBe('exact');
		expect(asset.location).toEqual({ lon: door.lon, lat: door.lat });
	});

	it('keeps a key figure as a person and an asset, linked to the initiatives she joins', async () => {
		const body = talk({
			consent: ['first_name', 'contact'],
			resident: { firstName: 'Fatima', contact: '06 12345678', isKeyFigure: true },
			gifts: [{ kind: 'hands', tag: 'Koken voor de buurt' }],
			connectTo: [initiative]
		});
		await worker.pb.collection('conversations').create(body);
		const conversation = await su.collection('conversations').getOne(body.id);
		expect(conversation.person).not.toBe('');
		expect(conversation.resident).toBeNull();
		const person = await su.collection('people').getOne(conversation.person);
		expect(person).toMatchObject({
			display_name: 'Fatima',
			contact: '06 12345678',
			isKeyFigure: true,
			address: door.id,
			area: home.buurt.id,
			createdBy: worker.id
		});
		expect(person.consent).toMatchObject({ scopes: ['first_name', 'contact'] });

		const [keyFigure] = await bySource(body.id, 'key_figure');
		expect(keyFigure).toMatchObject({
			title: 'Fatima',
			person: person.id,
			themes: ['eenzaamheid']
		});
		const [capacity] = await bySource(body.id, 'capacity');
		expect(capacity.person).toBe(person.id);
		const links = await su.collection('links').getFullList({
			filter: su.filter('to = {:to} && (from = {:a} || from = {:b})', {
				to: initiative,
				a: keyFigure.id,
				b: capacity.id
			})
		});
		expect(links.map((l) => l.kind)).toEqual(['supports', 'supports']);
		// Her name and the rest of the person are not for viewers; the assets are.
		await expect(viewer.pb.collection('people').getOne(person.id)).rejects.toMatchObject({
			status: 404
		});
		expect((await viewer.pb.collection('assets').getOne(keyFigure.id)).title).toBe('Fatima');
	});

	it('lands a follow-up in the list of the colleague it is for, who ticks it off', async () => {
		const body = talk({
			followUp: { what: 'Bellen over de taalcafé', assignee: colleague.id, due: '2026-12-01' }
		});
		await worker.pb.collection('conversations').create(body);
		const mine = await colleague.pb.collection('follow_ups').getFullList({
			filter: colleague.pb.filter('conversation = {:id}', { id: body.id })
		});
		expect(mine).toHaveLength(1);
		expect(mine[0]).toMatchObject({
			what: 'Bellen over de taalcafé',
			assignee: colleague.id,
			done: false,
			createdBy: worker.id
		});
		expect(mine[0].due).toContain('2026-12-01');
		const done = await colleague.pb
			.collection('follow_ups')
			.update(mine[0].id, { done: true, doneBy: worker.id });
		expect(done.done).toBe(true);
		expect(done.doneBy).toBe(colleague.id);
		expect(done.doneAt).not.toBe('');
		// Viewers never see follow-ups.
		expect((await viewer.pb.collection('follow_ups').getList(1, 10)).items).toHaveLength(0);
	});

	it('gives the follow-up to the worker herself when nobody else is named', async () => {
		const body = talk({
			outcome: 'come_back_later',
			themes: [],
			followUp: { what: 'Donderdagavond terug' }
		});
		await worker.pb.collection('conversations').create(body);
		const [task] = await worker.pb.collection('follow_ups').getFullList({
			filter: worker.pb.filter('conversation = {:id}', { id: body.id })
		});
		expect(task.assignee).toBe(worker.id);
	});

	it('flags a talk logged far from its door, and measures the distance', async () => {
		const near = talk({
			location: { lon: door.lon + 0.0005, lat: door.lat },
			locationSource: 'gps'
		});
		const far = talk({
			location: { lon: door.lon + 0.01, lat: door.lat },
			locationSource: 'gps',
			farFromAddress: false
		});
		await worker.pb.collection('conversations').create(near);
		await worker.pb.collection('conversations').create(far);
		const a = await su.collection('conversations').getOne(near.id);
		const b = await su.collection('conversations').getOne(far.id);
		expect(a.farFromAddress).toBe(false);
		expect(a.distanceFromAddress).toBeGreaterThan(30);
		expect(a.distanceFromAddress).toBeLessThan(40);
		expect(b.farFromAddress).toBe(true);
		expect(b.distanceFromAddress).toBeGreaterThan(600);
		// A client's own say is ignored on update too.
		const updated = await coordinator.pb
			.collection('conversations')
			.update(far.id, { farFromAddress: false });
		expect(updated.farFromAddress).toBe(true);
	});
});

describe('what the consent does not allow is refused, and nothing is written', () => {
	// The fields and codes are the doorstep form's (src/lib/conversations/conversation-draft.ts);
	// conversation-agreement.test.ts holds the form and the server to the same answers.
	const cases: [string, Record<string, unknown>, string, string][] = [
		[
			'a first name without consent to it',
			{ consent: ['anonymous'], resident: { firstName: 'Jan' } },
			'firstName',
			'consent_needed_first_name'
		],
		[
			'a contact without consent to it',
			{ consent: ['first_name'], resident: { firstName: 'Jan', contact: 'jan@example.nl' } },
			'contact',
			'consent_needed_contact'
		],
		[
			'gifts without any consent',
			{ consent: [], gifts: [{ kind: 'hands', tag: 'Klussen' }] },
			'gifts',
			'consent_needed_gifts'
		],
		[
			'a key figure without any consent',
			{ consent: [], resident: { isKeyFigure: true } },
			'isKeyFigure',
			'consent_needed_key_figure'
		],
		[
			'anonymous and a first name at once',
			{ consent: ['anonymous', 'first_name'] },
			'consent',
			'consent_contradicts'
		],
		[
			'gifts at a door nobody opened',
			{ outcome: 'not_home', consent: ['anonymous'], gifts: [{ kind: 'hands', tag: 'Klussen' }] },
			'gifts',
			'not_talked'
		],
		[
			'a gift of an unknown kind',
			{ consent: ['anonymous'], gifts: [{ kind: 'feet', tag: 'Lopen' }] },
			'gifts',
			'invalid'
		],
		[
			'a gift without words',
			{ consent: ['anonymous'], gifts: [{ kind: 'hands', tag: '   ' }] },
			'gifts',
			'gift_incomplete'
		],
		[
			'a gift with an unknown theme',
			{
				consent: ['anonymous'],
				gifts: [{ kind: 'hands', tag: 'Klussen', themes: ['ruimtevaart'] }]
			},
			'gifts',
			'unknown_theme'
		],
		[
			'a mention without a name',
			{ mentions: [{ kind: 'person', name: '' }] },
			'mentions',
			'mention_incomplete'
		],
		['a follow-up without what', { followUp: { what: '' } }, 'followUp', 'invalid'],
		[
			'a follow-up for nobody',
			{ followUp: { what: 'Bellen', assignee: 'nosuchuser0000' } },
			'followUp',
			'unknown_user'
		],
		[
			'a link outside her areas',
			{
				consent: ['anonymous'],
				gifts: [{ kind: 'hands', tag: 'Klussen' }],
				connectTo: ['FOREIGN']
			},
			'connectTo',
			'outside_areas'
		]
	];

	it.each(cases)('%s', async (_name, fields, field, code) => {
		const body = talk(fields.connectTo ? { ...fields, connectTo: [foreignInitiative] } : fields);
		const data = await refused(worker.pb.collection('conversations').create(body));
		expect(Object.keys(data)).toContain(field);
		expect(data[field].code).toBe(code);
		// Text the phone can show as it is, as for PocketBase's own field errors.
		expect(typeof data[field].message).toBe('string');
		expect(data[field].message.length).toBeGreaterThan(10);
		await expect(su.collection('conversations').getOne(body.id)).rejects.toMatchObject({
			status: 404
		});
		expect(await bySource(body.id)).toHaveLength(0);
		const tasks = await su.collection('follow_ups').getFullList({
			filter: su.filter('conversation = {:id}', { id: body.id })
		});
		expect(tasks).toHaveLength(0);
	});

	it('rolls everything back when the conversation itself is refused after the person was made', async () => {
		const before = (await su.collection('people').getList(1, 1)).totalItems;
		// The person is made first; the conversation then fails PocketBase's own validation (a
		// location source it does not know, which the hook leaves to PocketBase).
		const body = talk({
			consent: ['first_name'],
			resident: { firstName: 'Ans', isKeyFigure: true },
			locationSource: 'teleport'
		});
		expect(Object.keys(await refused(worker.pb.collection('conversations').create(body)))).toEqual([
			'locationSource'
		]);
		expect((await su.collection('people').getList(1, 1)).totalItems).toBe(before);
	});

	it('grows only once when the same conversation is sent again', async () => {
		const body = talk({
			consent: ['anonymous'],
			gifts: [{ kind: 'hands', tag: 'Tuinieren' }],
			followUp: { what: 'Tuin laten zien' }
		});
		await worker.pb.collection('conversations').create(body);
		await refused(worker.pb.collection('conversations').create(body));
		expect(await bySource(body.id)).toHaveLength(1);
		const tasks = await su.collection('follow_ups').getFullList({
			filter: su.filter('conversation = {:id}', { id: body.id })
		});
		expect(tasks).toHaveLength(1);
	});
});
