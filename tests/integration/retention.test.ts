// Guards retention on the real server, with the clock moved through the run's `now`: past the
// period a talk loses its notes, mentions and everything else personal and a person her name,
// contact and door, while the aggregates stay (a talk's area, address, outcome, themes, heldAt;
// her assets, renamed and at street level); renewed consent keeps them until it ends; each run
// is audited, a second one changes nothing, and only admins run it (superusers move the clock).
//
// The records here are dated 2010–2012 and the clock is set to 2012–2013, so these runs never
// touch what other test files make (all dated around today) while they run.
import { createHash } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RetentionRunResult } from '$lib/pocketbase/types';
import { newRecordId } from '$lib/sync/outbox';
import {
	anonymousClient,
	createAreaTree,
	createDoorsInARow,
	signedInUser,
	superuserClient,
	unique,
	type AreaTree,
	type Door,
	type SignedInUser
} from '../support/fixtures';

/** The clock of most runs: two years and a bit after the old talks (the period is 730 days). */
const NOW = '2012-06-01T00:00:00.000Z';
const OLD = '2010-01-15 10:00:00.000Z';

let su: PocketBase;
let home: AreaTree;
let worker: SignedInUser;
let coordinator: SignedInUser;
let admin: SignedInUser;
let viewer: SignedInUser;
let street: string;
let doors: Door[];

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	admin = await signedInUser(su, 'admin', []);
	street = `Bewaarstraat ${unique()}`;
	doors = await createDoorsInARow(su, home.buurt.id, { street, postcode: '3500AC', lat: 52.007 });
});

const run = (pb: PocketBase, body: Record<string, unknown> = {}) =>
	pb.send<RetentionRunResult>('/api/krachtkaart/retention/run', { method: 'POST', body });

/** A talk logged by the worker as the phone sends it, held at `heldAt`. */
async function talk(heldAt: string, fields: Record<string, unknown> = {}) {
	const id = newRecordId();
	await worker.pb.collection('conversations').create({
		id,
		area: home.buurt.id,
		address: doors[0].id,
		worker: worker.id,
		heldAt,
		outcome: 'talked',
		location: { lon: doors[0].lon, lat: doors[0].lat },
		locationSource: 'address',
		themes: ['eenzaamheid', 'taal'],
		...fields
	});
	return su.collection('conversations').getOne(id);
}

/** An old talk with all there is to keep: a key figure with name, contact and exact place. */
async function richTalk(heldAt: string, name: string) {
	const conversation = await talk(heldAt, {
		consent: ['first_name', 'contact', 'exact_location'],
		resident: { firstName: name, contact: '06 12121212', isKeyFigure: true },
		gifts: [{ kind: 'hands', tag: 'Koken voor de buurt' }],
		mentions: [{ kind: 'person', name: 'Henk van de bakker' }],
		wishes: 'Een bankje bij de speeltuin',
		willingToHelp: true,
		language: 'ar',
		notes: 'Zorgen om haar buurman',
		followUp: { what: `Terugbellen over het taalcafé met ${name}` }
	});
	const assets = await su.collection('assets').getFullList({
		filter: su.filter('sourceConversation = {:id}', { id: conversation.id }),
		sort: 'kind'
	});
	return { conversation, personId: conversation.person as string, assets };
}

const tasksOf = (conversationId: string) =>
	su.collection('follow_ups').getFullList({
		filter: su.filter('conversation = {:id}', { id: conversationId }),
		sort: 'created'
	});

/** What a conversation keeps for the aggregates, whatever retention does. */
const aggregates = (c: Record<string, unknown>) => ({
	area: c.area,
	address: c.address,
	worker: c.worker,
	heldAt: c.heldAt,
	outcome: c.outcome,
	themes: c.themes
});

describe('retention, with the clock moved', () => {
	it('erases notes, mentions and personal details past the period; the aggregates stay', async () => {
		const name = `Fatima${unique().slice(0, 4)}`;
		const { conversation, personId, assets } = await richTalk(OLD, name);
		expect(conversation.notes).toBe('Zorgen om haar buurman');
		const [openTask] = await tasksOf(conversation.id);
		const doneTask = await su.collection('follow_ups').create({
			conversation: conversation.id,
			area: home.buurt.id,
			what: `Langsgaan bij ${name}`,
			done: true
		});

		const result = await run(su, { now: NOW });
		expect(result).toMatchObject({
			now: NOW,
			cutoff: '2010-06-02T00:00:00.000Z',
			retentionDays: 730,
			failed: 0
		});
		expect(result.people).toBeGreaterThanOrEqual(1);
		expect(result.conversations).toBeGreaterThanOrEqual(1);

		const cleared = await su.collection('conversations').getOne(conversation.id);
		expect(aggregates(cleared)).toEqual(aggregates(conversation));
		expect(cleared).toMatchObject({
			notes: '',
			wishes: '',
			gifts: null,
			mentions: null,
			followUp: null,
			person: '',
			connectTo: [],
			consent: [],
			language: '',
			willingToHelp: false
		});
		expect(cleared.anonymisedAt).toContain('2012-06-01');

		const person = await su.collection('people').getOne(personId);
		expect(person).toMatchObject({
			display_name: '',
			contact: '',
			address: '',
			area: home.buurt.id,
			isKeyFigure: true
		});
		// Her consent keeps its dates, as proof of when it ran; it allows nothing any more.
		expect(person.consent).toMatchObject({
			scopes: [],
			givenAt: '2010-01-15T10:00:00.000Z',
			until: '2012-01-15T10:00:00.000Z'
		});
		expect(person.anonymisedAt).toContain('2012-06-01');

		// Her assets stay on the map, without her name, in the middle of the street.
		const keyFigure = await su
			.collection('assets')
			.getOne(assets.find((a) => a.kind === 'key_figure')!.id);
		expect(keyFigure).toMatchObject({
			title: `Sleutelfiguur ${street}`,
			precision: 'street',
			person: personId,
			status: 'active'
		});
		expect(keyFigure.location.lon).toBeCloseTo(doors[1].lon, 6);
		const capacity = await su
			.collection('assets')
			.getOne(assets.find((a) => a.kind === 'capacity')!.id);
		expect(capacity).toMatchObject({ title: 'Koken voor de buurt', precision: 'street' });

		// A done follow-up goes with the talk; an open one is still work to do, without her name.
		const tasks = await tasksOf(conversation.id);
		expect(tasks.map((t) => [t.id, t.what])).toEqual([
			[openTask.id, 'Terugbellen over het taalcafé met de bewoner']
		]);
		expect(doneTask.id).not.toBe(openTask.id);
		// Ticked off later, it goes at the next run.
		await su.collection('follow_ups').update(openTask.id, { done: true });
		expect((await run(su, { now: NOW })).followUps).toBeGreaterThanOrEqual(1);
		expect(await tasksOf(conversation.id)).toEqual([]);
	});

	it('keeps what renewed consent covers, until the renewed consent ends', async () => {
		const { conversation, personId } = await richTalk('2010-01-20 14:00:00.000Z', 'Samira');
		// She renewed in December 2011, until January 2013: dates long past by the real clock, so
		// the superuser records it (an app user's consent that has ended allows nothing).
		await su.collection('people').update(personId, {
			consent: {
				scopes: ['first_name', 'contact'],
				givenAt: '2011-12-01',
				until: '2013-01-15',
				source: 'in_person'
			}
		});

		await run(su, { now: NOW });
		expect(await su.collection('people').getOne(personId)).toMatchObject({
			display_name: 'Samira',
			contact: '06 12121212',
			anonymisedAt: ''
		});
		expect(await su.collection('conversations').getOne(conversation.id)).toMatchObject({
			notes: 'Zorgen om haar buurman',
			mentions: [{ kind: 'person', name: 'Henk van de bakker' }],
			person: personId
		});

		await run(su, { now: '2013-02-01T00:00:00.000Z' });
		expect(await su.collection('people').getOne(personId)).toMatchObject({
			display_name: '',
			contact: ''
		});
		const cleared = await su.collection('conversations').getOne(conversation.id);
		expect(cleared).toMatchObject({ notes: '', mentions: null, person: '' });
		expect(aggregates(cleared)).toEqual(aggregates(conversation));
	});

	it('clears an anonymous talk past the period, keeps a recent one, and ends an import without `until`', async () => {
		const old = await talk('2010-02-01 11:00:00.000Z', {
			consent: ['anonymous'],
			notes: 'Wil niet met naam',
			mentions: [{ kind: 'group', name: 'Moskee Al Fath' }]
		});
		const recent = await talk('2012-01-10 11:00:00.000Z', { notes: 'Recent gesprek' });
		// Imported with when she agreed, not until when: the period runs from givenAt.
		const imported = await su.collection('people').create({
			display_name: 'Greet',
			contact: 'greet@example.org',
			address: doors[2].id,
			area: home.buurt.id,
			consent: { scopes: ['first_name', 'contact'], givenAt: '2010-03-01', source: 'import' }
		});
		const current = await su.collection('people').create({
			display_name: 'Truus',
			area: home.buurt.id,
			consent: { scopes: ['first_name'], givenAt: '2011-03-01', source: 'import' }
		});

		await run(su, { now: NOW });
		expect(await su.collection('conversations').getOne(old.id)).toMatchObject({
			notes: '',
			mentions: null,
			consent: [],
			outcome: 'talked',
			themes: ['eenzaamheid', 'taal']
		});
		expect((await su.collection('conversations').getOne(recent.id)).notes).toBe('Recent gesprek');
		expect(await su.collection('people').getOne(imported.id)).toMatchObject({
			display_name: '',
			contact: '',
			address: ''
		});
		expect((await su.collection('people').getOne(current.id)).display_name).toBe('Truus');
	});

	it('audits every run, and a second run changes nothing', async () => {
		const { conversation, personId } = await richTalk(OLD, 'Karin');
		const first = await run(su, { now: NOW });
		const second = await run(su, { now: NOW });
		expect(second).toMatchObject({ now: NOW, people: 0, conversations: 0, failed: 0 });
		expect(first.people).toBeGreaterThanOrEqual(1);

		const runs = await su.collection('audit_log').getFullList({
			filter: su.filter('action = "retention" && targetCollection = "*" && created >= {:since}', {
				since: new Date(Date.now() - 60_000).toISOString().replace('T', ' ')
			}),
			sort: '-created'
		});
		const [latest, previous] = runs;
		expect(latest).toMatchObject({ actorKind: 'superuser', actor: '', targetId: '' });
		expect(latest.details).toMatchObject({
			now: NOW,
			retentionDays: 730,
			people: 0,
			conversations: 0,
			ids: { people: [], conversations: [] }
		});
		expect(previous.details.ids.people).toContain(personId);
		expect(previous.details.ids.conversations).toContain(conversation.id);

		const own = await su.collection('audit_log').getFullList({
			filter: su.filter('action = "retention" && targetId = {:id}', { id: personId })
		});
		expect(own).toHaveLength(1);
		expect(own[0]).toMatchObject({ targetCollection: 'people', actorKind: 'superuser' });
		expect(own[0].details.cleared).toEqual(
			expect.arrayContaining(['display_name', 'contact', 'address', 'consent.scopes'])
		);
	});
});

describe('the retention route', () => {
	it("removes residents' links that expired or were revoked, and keeps those that still open", async () => {
		const person = await su.collection('people').create({ display_name: '', area: home.buurt.id });
		const link = (fields: Record<string, string>) =>
			su.collection('resident_links').create({
				person: person.id,
				tokenHash: createHash('sha256').update(unique()).digest('hex'),
				createdBy: coordinator.id,
				...fields
			});
		const expired = await link({ expiresAt: '2012-05-01 00:00:00.000Z' });
		const revoked = await link({
			expiresAt: '2012-07-01 00:00:00.000Z',
			revokedAt: '2012-05-20 00:00:00.000Z'
		});
		const open = await link({ expiresAt: '2012-07-01 00:00:00.000Z' });

		const result = await run(su, { now: NOW });
		expect(result.residentLinks).toBe(2);
		const left = await su.collection('resident_links').getFullList({
			filter: su.filter('person = {:id}', { id: person.id })
		});
		expect(left.map((l) => l.id)).toEqual([open.id]);
		for (const gone of [expired, revoked]) {
			await expect(su.collection('resident_links').getOne(gone.id)).rejects.toMatchObject({
				status: 404
			});
		}
		expect((await run(su, { now: NOW })).residentLinks).toBe(0);
	});

	it('is for admins only', async () => {
		await expect(run(anonymousClient())).rejects.toMatchObject({ status: 401 });
		for (const user of [viewer, worker, coordinator]) {
			await expect(run(user.pb)).rejects.toMatchObject({ status: 403 });
		}
		const result = await run(admin.pb);
		expect(result.failed).toBe(0);
		expect(Math.abs(Date.parse(result.now) - Date.now())).toBeLessThan(60_000);
		const [entry] = await su.collection('audit_log').getFullList({
			filter: su.filter('action = "retention" && targetCollection = "*" && actor = {:id}', {
				id: admin.id
			})
		});
		expect(entry).toMatchObject({ actorKind: 'user', details: { now: result.now } });
	});

	it('lets only a superuser move the clock, to a real date', async () => {
		await expect(run(admin.pb, { now: NOW })).rejects.toMatchObject({ status: 403 });
		await expect(run(su, { now: 'yesterday' })).rejects.toMatchObject({
			status: 400,
			response: { data: { now: { code: 'invalid' } } }
		});
	});
});
