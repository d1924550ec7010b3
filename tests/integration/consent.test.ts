// Guards a person's consent on the real server: a malformed `people.consent` is refused with the
// part named, from anyone; an app user's direct write of a first name or contact needs consent
// to it that still runs; withdrawing consent clears what it allowed (her name also off her
// key-figure asset, her door off the map); a person grown from a talk keeps her consent for the
// retention period.
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
	type Door,
	type SignedInUser
} from '../support/fixtures';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The default retention period (KRACHTKAART_RETENTION_DAYS is not set for the tests). */
const RETENTION_DAYS = 730;

let su: PocketBase;
let home: AreaTree;
let worker: SignedInUser;
let colleague: SignedInUser;
let coordinator: SignedInUser;
let street: string;
let doors: Door[];

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
	colleague = await signedInUser(su, 'worker', [home.wijk.id]);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	street = `Toestemmingstraat ${unique()}`;
	// Three doors in a row: the street's middle is no. 3's spot.
	doors = await createDoorsInARow(su, home.buurt.id, { street, postcode: '3500AB', lat: 52.006 });
});

const today = () => new Date().toISOString();

async function refused(
	promise: Promise<unknown>
): Promise<Record<string, { code: string; message: string }>> {
	const error = await promise.then(
		() => null,
		(e: {
			status: number;
			response: { data: Record<string, { code: string; message: string }> };
		}) => e
	);
	expect(error?.status).toBe(400);
	return error!.response.data;
}

/** The people of the home buurt with this first name (to prove a refused write left nothing). */
const named = (name: string) =>
	su.collection('people').getFullList({ filter: su.filter('display_name = {:name}', { name }) });

describe('the shape of a consent', () => {
	const cases: [string, unknown, string][] = [
		['a list instead of an object', ['first_name'], '(consent)'],
		[
			'an unknown part',
			{ scopes: ['anonymous'], givenAt: '2026-11-01', colour: 'red' },
			'consent.colour'
		],
		['an unknown scope', { scopes: ['everything'], givenAt: '2026-11-01' }, 'consent.scopes'],
		['a scope twice', { scopes: ['contact', 'contact'], givenAt: '2026-11-01' }, 'consent.scopes'],
		[
			'scopes that are not a list',
			{ scopes: 'first_name', givenAt: '2026-11-01' },
			'consent.scopes'
		],
		[
			'anonymous and a first name at once',
			{ scopes: ['anonymous', 'first_name'], givenAt: '2026-11-01' },
			'consent.scopes'
		],
		['scopes without when', { scopes: ['first_name'] }, 'consent.givenAt'],
		[
			'a date written the Dutch way',
			{ scopes: ['first_name'], givenAt: '23-11-2026' },
			'consent.givenAt'
		],
		[
			'a consent given in the future',
			{ scopes: ['first_name'], givenAt: '2099-01-01' },
			'consent.givenAt'
		],
		[
			'an end before its start',
			{ scopes: ['first_name'], givenAt: '2026-11-01', until: '2026-10-01' },
			'consent.until'
		],
		[
			'an end that is no date',
			{ scopes: ['first_name'], givenAt: '2026-11-01', until: 'forever' },
			'consent.until'
		],
		[
			'a recorder who does not exist',
			{ scopes: ['first_name'], givenAt: '2026-11-01', recordedBy: 'nosuchuser00000' },
			'consent.recordedBy'
		],
		[
			'an unknown source',
			{ scopes: ['first_name'], givenAt: '2026-11-01', source: 'rumour' },
			'consent.source'
		],
		[
			'a text that is not text',
			{ scopes: ['first_name'], givenAt: '2026-11-01', text: 42 },
			'consent.text'
		]
	];

	it.each(cases)(
		'refuses %s, naming the part, and writes nothing',
		async (_name, consent, part) => {
			const name = `Vorm${unique()}`;
			const data = await refused(
				worker.pb.collection('people').create({ display_name: name, area: home.buurt.id, consent })
			);
			expect(Object.keys(data)).toEqual(['consent']);
			expect(data.consent.message).toContain(part);
			expect(await named(name)).toHaveLength(0);
		}
	);

	it('refuses a malformed consent from a superuser too, and on update', async () => {
		const data = await refused(
			su.collection('people').create({ area: home.buurt.id, consent: { scopes: ['first_name'] } })
		);
		expect(data.consent.message).toContain('consent.givenAt');
		const person = await su.collection('people').create({ area: home.buurt.id });
		await refused(
			coordinator.pb
				.collection('people')
				.update(person.id, { consent: { scopes: ['x'], givenAt: today() } })
		);
		expect((await su.collection('people').getOne(person.id)).consent).toBeNull();
	});

	it('takes a complete consent, and no consent at all for a person kept without anything personal', async () => {
		const full = {
			scopes: ['first_name', 'contact', 'exact_location'],
			givenAt: '2026-11-23',
			until: '2027-11-23T00:00:00Z',
			source: 'in_person',
			text: 'Mag ik uw voornaam en nummer bewaren om u terug te bellen?'
		};
		const person = await worker.pb
			.collection('people')
			.create({ display_name: 'Yara', contact: '06 11112222', area: home.buurt.id, consent: full });
		expect(person.consent).toEqual({ ...full, recordedBy: worker.id });
		const bare = await worker.pb
			.collection('people')
			.create({ area: home.buurt.id, isKeyFigure: true });
		expect(bare.consent).toBeNull();
	});
});

describe('personal fields written directly need consent to them', () => {
	it.each([
		['a first name without any consent', { display_name: 'Anouk' }, undefined, ['display_name']],
		[
			'a first name with anonymous consent',
			{ display_name: 'Anouk' },
			['anonymous'],
			['display_name']
		],
		[
			'a contact with consent to a first name only',
			{ display_name: 'Anouk', contact: '06 1' },
			['first_name'],
			['contact']
		],
		[
			'both without consent to either',
			{ display_name: 'Anouk', contact: '06 1' },
			['exact_location'],
			['display_name', 'contact']
		]
	] as const)('refuses %s, naming the field', async (_name, fields, scopes, refusedFields) => {
		const consent = scopes ? { scopes, givenAt: today() } : null;
		const data = await refused(
			worker.pb.collection('people').create({ ...fields, area: home.buurt.id, consent })
		);
		expect(Object.keys(data).sort()).toEqual([...refusedFields].sort());
		for (const field of refusedFields) expect(data[field].code).toBe('consent_missing');
	});

	it('refuses the same for a coordinator and an admin', async () => {
		const admin = await signedInUser(su, 'admin', []);
		for (const user of [coordinator, admin]) {
			const data = await refused(
				user.pb.collection('people').create({ contact: '06 22223333', area: home.buurt.id })
			);
			expect(Object.keys(data)).toEqual(['contact']);
		}
	});

	it('refuses a first name once the consent to it has ended', async () => {
		const ended = { scopes: ['first_name'], givenAt: '2020-01-01', until: '2021-01-01' };
		const data = await refused(
			worker.pb
				.collection('people')
				.create({ display_name: 'Lotte', area: home.buurt.id, consent: ended })
		);
		expect(Object.keys(data)).toEqual(['display_name']);
	});

	it('records who took the consent and, without an end, keeps it for the retention period', async () => {
		const givenAt = '2026-11-20T09:00:00.000Z';
		const person = await worker.pb.collection('people').create({
			display_name: 'Noor',
			area: home.buurt.id,
			// What the client says about the recorder is not hers to say.
			consent: { scopes: ['first_name'], givenAt, recordedBy: colleague.id }
		});
		expect(person.consent).toEqual({
			scopes: ['first_name'],
			givenAt,
			until: new Date(Date.parse(givenAt) + RETENTION_DAYS * DAY_MS).toISOString(),
			recordedBy: worker.id
		});
		expect(person.display_name).toBe('Noor');
	});

	it('lets a contact be added on update only together with consent to it', async () => {
		const person = await worker.pb.collection('people').create({
			display_name: 'Hanna',
			area: home.buurt.id,
			consent: { scopes: ['first_name'], givenAt: today() }
		});
		const data = await refused(
			worker.pb.collection('people').update(person.id, { contact: '06 33334444' })
		);
		expect(Object.keys(data)).toEqual(['contact']);
		expect((await su.collection('people').getOne(person.id)).contact).toBe('');
		const updated = await coordinator.pb.collection('people').update(person.id, {
			contact: '06 33334444',
			consent: { scopes: ['first_name', 'contact'], givenAt: today() }
		});
		expect(updated.contact).toBe('06 33334444');
		expect(updated.consent.recordedBy).toBe(coordinator.id);
	});

	it('lets a superuser (imports, the demo) write the fields as given', async () => {
		const person = await su
			.collection('people')
			.create({ display_name: 'Import', contact: 'import@example.org', area: home.buurt.id });
		expect(person).toMatchObject({ display_name: 'Import', contact: 'import@example.org' });
	});
});

/** A talk with a key figure who agreed to name, contact and exact place, as the phone sends it. */
async function keyFigureTalk(name: string) {
	const id = newRecordId();
	await worker.pb.collection('conversations').create({
		id,
		area: home.buurt.id,
		address: doors[0].id,
		worker: worker.id,
		heldAt: '2026-11-23 10:15:00.000Z',
		outcome: 'talked',
		location: { lon: doors[0].lon, lat: doors[0].lat },
		locationSource: 'address',
		consent: ['first_name', 'contact', 'exact_location'],
		resident: { firstName: name, contact: '06 55556666', isKeyFigure: true },
		gifts: [{ kind: 'hands', tag: 'Koken voor de buurt' }]
	});
	const conversation = await su.collection('conversations').getOne(id);
	const assets = await su.collection('assets').getFullList({
		filter: su.filter('sourceConversation = {:id}', { id }),
		sort: 'kind'
	});
	return { conversation, personId: conversation.person as string, assets };
}

describe('a person grown from a talk', () => {
	it('keeps the consent of the talk, given when it was held, for the retention period', async () => {
		const { personId } = await keyFigureTalk('Fatma');
		const person = await su.collection('people').getOne(personId);
		expect(person.consent).toEqual({
			scopes: ['first_name', 'contact', 'exact_location'],
			givenAt: '2026-11-23T10:15:00.000Z',
			until: new Date(Date.parse('2026-11-23T10:15:00Z') + RETENTION_DAYS * DAY_MS).toISOString(),
			recordedBy: worker.id,
			source: 'conversation'
		});
	});
});

describe('withdrawing consent', () => {
	it('clears her name and contact, and takes her name and door off her assets', async () => {
		const name = `Zeynep${unique().slice(0, 4)}`;
		const { personId, assets } = await keyFigureTalk(name);
		const keyFigure = assets.find((a) => a.kind === 'key_figure')!;
		expect(keyFigure).toMatchObject({ title: name, precision: 'exact' });

		const updated = await worker.pb.collection('people').update(personId, {
			consent: { scopes: ['anonymous'], givenAt: today() }
		});
		expect(updated).toMatchObject({ display_name: '', contact: '', isKeyFigure: true });

		const renamed = await su.collection('assets').getOne(keyFigure.id);
		expect(renamed.title).toBe(`Sleutelfiguur ${street}`);
		expect(renamed.precision).toBe('street');
		expect(renamed.location.lon).toBeCloseTo(doors[1].lon, 6);
		expect(renamed.person).toBe(personId);
		const capacity = await su
			.collection('assets')
			.getOne(assets.find((a) => a.kind === 'capacity')!.id);
		expect(capacity).toMatchObject({ title: 'Koken voor de buurt', precision: 'street' });

		const entries = await su.collection('audit_log').getFullList({
			filter: su.filter('targetId = {:id} && action = "update"', { id: personId })
		});
		expect(entries.map((e) => e.details)).toContainEqual({
			consentWithdrawn: ['display_name', 'contact'],
			assets: 2
		});
	});

	it('clears only what it no longer allows, also when the form sends the old value back', async () => {
		const { personId } = await keyFigureTalk('Ilse');
		const updated = await worker.pb.collection('people').update(personId, {
			display_name: 'Ilse',
			contact: '06 55556666',
			consent: { scopes: ['first_name'], givenAt: today() }
		});
		expect(updated).toMatchObject({ display_name: 'Ilse', contact: '' });
	});

	it('refuses a new value the withdrawn consent does not allow', async () => {
		const { personId } = await keyFigureTalk('Merel');
		const data = await refused(
			worker.pb.collection('people').update(personId, {
				contact: '06 99990000',
				consent: { scopes: ['first_name'], givenAt: today() }
			})
		);
		expect(Object.keys(data)).toEqual(['contact']);
		expect((await su.collection('people').getOne(personId)).contact).toBe('06 55556666');
	});
});
