// Guards the resident's own link on the real server: who may make and revoke one; the token works
// and only its hash is stored; she sees her own entry and nothing else; her corrections, a removed
// gift and a withdrawn consent land in one transaction, bad input is a 400 that names the field
// and writes nothing; withdrawing everything erases her; unknown, expired and revoked tokens get
// the same 404; the public routes are rate-limited and lock an address after failed tokens; every
// step is audited. On a server of this file (its rate limit for the links raised, its failure
// count exhausted at the end); the rate limit itself on the shared server, as migrated.
import { createHash, randomBytes } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, EMPTY_AUDIT_FILTERS, issuerOf } from '$lib/audit/audit';
import { auditApi } from '$lib/audit/audit.api';
import { peopleApi } from '$lib/people/people.api';
import { ROLES } from '$lib/pocketbase/types';
import { canIssueResidentLink, TOKEN_PATTERN, type ResidentEntry } from '$lib/resident/resident';
import { residentApi, residentLinksApi } from '$lib/resident/resident.api';
import { newRecordId } from '$lib/sync/outbox';
import {
	anonymousClient,
	createAreaTree,
	ownSuperuserClient,
	pocketbaseUrl,
	signedInUser,
	statusOf,
	superuserClient,
	unique,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';
import { startPocketBase, type RunningPocketBase } from '../support/pocketbase';

const MIJN = '/api/krachtkaart/mijn/';

let server: RunningPocketBase;
let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
let worker: SignedInUser;
let coordinator: SignedInUser;
let gemeenteCoordinator: SignedInUser;
let outsider: SignedInUser;
let outsideWorker: SignedInUser;
let viewer: SignedInUser;
let admin: SignedInUser;
let anonymous: PocketBase;

beforeAll(async () => {
	// Links of a week here, to see the setting work; the shared server keeps the default 30 days.
	server = await startPocketBase({ env: { KRACHTKAART_RESIDENT_LINK_DAYS: '7' } });
	su = await ownSuperuserClient(server.url);
	// The functional tests below open links far more than 10 times a minute: on this server only.
	const settings = await su.settings.getAll();
	const rules = (settings.rateLimits.rules as { label: string; maxRequests: number }[]).map((r) =>
		r.label === MIJN ? { ...r, maxRequests: 100_000 } : r
	);
	// Requests may name their address (X-Forwarded-For), so tests that fail tokens on purpose do it
	// from addresses of their own and never lock the address of the others.
	await su.settings.update({
		rateLimits: { ...settings.rateLimits, rules },
		trustedProxy: { headers: ['X-Forwarded-For'], useLeftmostIP: false }
	});

	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	gemeenteCoordinator = await signedInUser(su, 'coordinator', [home.gemeente.id]);
	outsider = await signedInUser(su, 'coordinator', [elsewhere.wijk.id]);
	outsideWorker = await signedInUser(su, 'worker', [elsewhere.wijk.id]);
	viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	admin = await signedInUser(su, 'admin', []);
	anonymous = anonymousClient(server.url);
});

afterAll(async () => {
	await server?.stop();
});

/** What a resident told us at the door, each piece unique so a scan can find any trace of it. */
function secrets() {
	const tag = unique();
	return {
		name: `Fenna${tag}`,
		contact: `06-${tag}`,
		notes: `Notitie over haar ${tag}`,
		gift: `Soep koken ${tag}`,
		gift2: `Fietsen maken ${tag}`,
		wish: `Een bankje ${tag}`,
		street: `Proefstraat ${tag}`
	};
}
type Secrets = ReturnType<typeof secrets>;

/**
 * A resident as the app makes her: a worker's talk with consent to her first name and contact
 * grows her person, a key-figure asset with her name, two capacity assets and links to an
 * initiative.
 */
async function resident(s: Secrets, consent = ['first_name', 'contact']) {
	const initiative = await su.collection('assets').create({
		kind: 'initiative',
		title: `Moestuin ${unique()}`,
		location: { lon: 5.005, lat: 52.005 },
		precision: 'exact',
		area: home.buurt.id,
		status: 'active'
	});
	const door = await su.collection('addresses').create({
		street: s.street,
		number: '7',
		postcode: '3500AA',
		city: 'Utrecht',
		location: { lon: 5.002, lat: 52.005 },
		area: home.buurt.id
	});
	const talk = {
		id: newRecordId(),
		area: home.buurt.id,
		address: door.id,
		worker: worker.id,
		heldAt: new Date().toISOString().replace('T', ' '),
		outcome: 'talked',
		location: { lon: 5.002, lat: 52.005 },
		locationSource: 'address',
		themes: ['eenzaamheid'],
		consent,
		resident: { firstName: s.name, contact: s.contact, isKeyFigure: true },
		gifts: [
			{ kind: 'hands', tag: s.gift, themes: ['eenzaamheid'] },
			{ kind: 'head', tag: s.gift2 }
		],
		wishes: s.wish,
		connectTo: [initiative.id],
		notes: s.notes
	};
	await worker.pb.collection('conversations').create(talk);
	const personId = (await su.collection('conversations').getOne(talk.id)).person as string;
	expect(personId).not.toBe('');
	const assets = await su.collection('assets').getFullList({
		filter: su.filter('person = {:id}', { id: personId }),
		sort: 'created'
	});
	const byTitle = (title: string) => assets.find((a) => a.title === title)!;
	return {
		personId,
		talkId: talk.id,
		door: door.id,
		initiative: initiative.id,
		keyFigure: assets.find((a) => a.kind === 'key_figure')!.id,
		gift: byTitle(s.gift).id,
		gift2: byTitle(s.gift2).id
	};
}

/** Days from now until a PocketBase date. */
const daysLeft = (date: string) => (Date.parse(date.replace(' ', 'T')) - Date.now()) / 86_400_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** A token of the right shape that nobody was given. */
const randomToken = () =>
	randomBytes(48)
		.toString('base64')
		.replace(/[^A-Za-z0-9]/g, '')
		.slice(0, 32);

const mijn = (base: string, token: string, init?: RequestInit) =>
	fetch(`${base}${MIJN}${encodeURIComponent(token)}`, init);

const auditOf = (filter: string, params: Record<string, string>) =>
	su.collection('audit_log').getFullList({ filter: su.filter(filter, params), sort: 'created' });

describe('who may make a link', () => {
	let personId: string;

	beforeAll(async () => {
		personId = (await resident(secrets())).personId;
	});

	const linksOf = async (id: string) =>
		su.collection('resident_links').getFullList({ filter: su.filter('person = {:id}', { id }) });

	it('lets admins and coordinators within her areas make one, as the app offers it; nobody else', async () => {
		const make = (pb: PocketBase) => statusOf(residentLinksApi(pb).create(personId));
		// Every role within her areas: the server answers as the app's canIssueResidentLink says.
		for (const role of ROLES) {
			const user = await signedInUser(su, role, [home.wijk.id]);
			expect(await make(user.pb), role).toBe(canIssueResidentLink(role) ? 0 : 403);
		}
		expect(await make(coordinator.pb)).toBe(0);
		expect(await make(gemeenteCoordinator.pb)).toBe(0);
		expect(await make(admin.pb)).toBe(0);
		expect(await make(worker.pb)).toBe(403);
		expect(await make(viewer.pb)).toBe(403);
		expect(await make(outsider.pb)).toBe(403);
		expect(await make(outsideWorker.pb)).toBe(403);
		// A superuser is no app user whose rights a use could check again.
		expect(await make(su)).toBe(403);
		expect(await make(anonymous)).toBe(401);
	});

	it('refuses a worker, a viewer and a superuser before anything is written', async () => {
		const { personId: fresh } = await resident(secrets());
		const auditBefore = (await auditOf('targetCollection = "resident_links"', {})).length;
		for (const pb of [worker.pb, viewer.pb, outsider.pb, outsideWorker.pb, su]) {
			const refused = await residentLinksApi(pb)
				.create(fresh)
				.then(() => null)
				.catch((error: { status: number; message: string }) => error);
			expect(refused?.status).toBe(403);
			expect(refused?.message).toMatch(/coördinator|gebied/);
		}
		expect(await linksOf(fresh)).toHaveLength(0);
		expect((await auditOf('targetCollection = "resident_links"', {})).length).toBe(auditBefore);
	});

	it('revokes for the same people only (and superusers, who may stop links but not make them)', async () => {
		const revoke = (pb: PocketBase) => statusOf(residentLinksApi(pb).revoke(personId));
		for (const role of ROLES) {
			const user = await signedInUser(su, role, [home.wijk.id]);
			expect(await revoke(user.pb), role).toBe(canIssueResidentLink(role) ? 0 : 403);
		}
		const { id } = await residentLinksApi(coordinator.pb).create(personId);
		for (const pb of [worker.pb, viewer.pb, outsider.pb, outsideWorker.pb]) {
			expect(await revoke(pb)).toBe(403);
		}
		expect(await revoke(anonymous)).toBe(401);
		// Still working after every refusal.
		expect((await su.collection('resident_links').getOne(id)).revokedAt).toBe('');
		expect(await revoke(coordinator.pb)).toBe(0);
		expect((await su.collection('resident_links').getOne(id)).revokedAt).not.toBe('');
		await residentLinksApi(admin.pb).create(personId);
		expect(await residentLinksApi(su).revoke(personId)).toEqual({ revoked: 1 });
	});

	it('answers an unknown person with 404, and a worker or viewer with 403 before looking', async () => {
		expect(await statusOf(residentLinksApi(coordinator.pb).create('zzzzzzzzzzzzzzz'))).toBe(404);
		for (const pb of [worker.pb, viewer.pb]) {
			expect(await statusOf(residentLinksApi(pb).create('zzzzzzzzzzzzzzz'))).toBe(403);
			expect(await statusOf(residentLinksApi(pb).revoke('zzzzzzzzzzzzzzz'))).toBe(403);
		}
	});

	it('lets nobody write links through the records API, and only admins and her coordinators read them', async () => {
		const { id } = await residentLinksApi(coordinator.pb).create(personId);
		for (const pb of [worker.pb, coordinator.pb, admin.pb, viewer.pb, anonymous]) {
			expect(
				await statusOf(
					pb.collection('resident_links').create({
						person: personId,
						tokenHash: sha256('x'),
						expiresAt: '2099-01-01 00:00:00.000Z'
					})
				)
			).not.toBe(0);
			expect(
				await statusOf(pb.collection('resident_links').update(id, { revokedAt: '' }))
			).not.toBe(0);
			expect(await statusOf(pb.collection('resident_links').delete(id))).not.toBe(0);
		}
		// Unfiltered: only readers may filter on `person` (pb_hooks/lib/field-access.js).
		const seen = async (pb: PocketBase) =>
			(await pb.collection('resident_links').getFullList()).filter((l) => l.person === personId)
				.length;
		expect(await seen(coordinator.pb)).toBeGreaterThan(0);
		expect(await seen(gemeenteCoordinator.pb)).toBeGreaterThan(0);
		expect(await seen(admin.pb)).toBeGreaterThan(0);
		expect(await seen(outsider.pb)).toBe(0);
		expect(await seen(worker.pb)).toBe(0);
		expect(await seen(viewer.pb)).toBe(0);
		expect(await statusOf(anonymous.collection('resident_links').getOne(id))).toBe(404);
		// The hash is hidden from those who may read links.
		const listed = await coordinator.pb.collection('resident_links').getOne(id);
		expect(listed).not.toHaveProperty('tokenHash');
		expect(await residentLinksApi(coordinator.pb).latest(personId)).toMatchObject({ id });
	});
});

describe('the token', () => {
	it('is long, url-safe, returned once with its path, stored only as its hash, for the set days', async () => {
		const { personId } = await resident(secrets());
		const made = await residentLinksApi(coordinator.pb).create(personId);
		expect(made.token).toMatch(TOKEN_PATTERN);
		expect(made.path).toBe(`/mijn/${made.token}`);
		const stored = await su.collection('resident_links').getOne(made.id);
		expect(stored.tokenHash).toBe(sha256(made.token));
		expect(JSON.stringify(stored)).not.toContain(made.token);
		expect(stored).toMatchObject({ person: personId, createdBy: coordinator.id, uses: 0 });
		// KRACHTKAART_RESIDENT_LINK_DAYS of this server.
		expect(daysLeft(stored.expiresAt)).toBeGreaterThan(6.9);
		expect(daysLeft(stored.expiresAt)).toBeLessThanOrEqual(7);

		const entry = await residentApi(anonymous).open(made.token);
		expect(entry.firstName).not.toBe('');
		const used = await su.collection('resident_links').getOne(made.id);
		expect(used.uses).toBe(1);
		expect(used.lastUsedAt).not.toBe('');
	});

	it('stops working when a new link is made, or when her links are revoked', async () => {
		const { personId } = await resident(secrets());
		const first = await residentLinksApi(admin.pb).create(personId);
		const second = await residentLinksApi(coordinator.pb).create(personId);
		expect(second.revoked).toBe(1);
		expect(await statusOf(residentApi(anonymous).open(first.token))).toBe(404);
		expect(await statusOf(residentApi(anonymous).open(second.token))).toBe(0);

		expect(await residentLinksApi(coordinator.pb).revoke(personId)).toEqual({ revoked: 1 });
		expect(await statusOf(residentApi(anonymous).open(second.token))).toBe(404);
		expect(await statusOf(residentApi(anonymous).save(second.token, { firstName: 'Anna' }))).toBe(
			404
		);
		const revoked = await su.collection('resident_links').getOne(second.id);
		expect(revoked).toMatchObject({ revokedBy: coordinator.id });
		expect(revoked.revokedAt).not.toBe('');
	});

	it('gives unknown, malformed, expired and revoked tokens the same 404', async () => {
		const { personId } = await resident(secrets());
		const expired = await residentLinksApi(coordinator.pb).create(personId);
		await su.collection('resident_links').update(expired.id, {
			expiresAt: '2020-01-01 00:00:00.000Z'
		});
		const bodies: string[] = [];
		for (const token of [randomToken(), 'short', 'x'.repeat(200), expired.token]) {
			const response = await mijn(server.url, token);
			expect(response.status).toBe(404);
			bodies.push(await response.text());
		}
		const revoked = await residentLinksApi(coordinator.pb).create(personId);
		await residentLinksApi(coordinator.pb).revoke(personId);
		const response = await mijn(server.url, revoked.token, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ firstName: 'Anna' })
		});
		expect(response.status).toBe(404);
		bodies.push(await response.text());
		expect(new Set(bodies).size).toBe(1);
		expect(JSON.parse(bodies[0]).message).toContain('Deze link werkt niet');
		expect((await su.collection('people').getOne(personId)).display_name).not.toBe('Anna');
	});
});

describe('what she sees', () => {
	it('is her own entry: name, contact, consent with dates, her assets; nothing else', async () => {
		const s = secrets();
		const made = await resident(s);
		// Someone else in her street, with a talk of her own.
		const neighbour = secrets();
		await resident(neighbour);
		const { token } = await residentLinksApi(coordinator.pb).create(made.personId);
		const response = await mijn(server.url, token);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const entry = (await response.json()) as ResidentEntry;

		expect(Object.keys(entry).sort()).toEqual(
			['assets', 'consent', 'contact', 'firstName', 'isKeyFigure', 'linkExpiresAt'].sort()
		);
		expect(entry).toMatchObject({
			firstName: s.name,
			contact: s.contact,
			isKeyFigure: true,
			consent: {
				scopes: ['first_name', 'contact'],
				running: true,
				source: 'conversation',
				// Her worker by first name only ("Test worker").
				recordedBy: 'Test'
			}
		});
		expect(entry.consent.givenAt).not.toBe('');
		expect(entry.consent.until > entry.consent.givenAt).toBe(true);
		expect(entry.assets.map((a) => a.id).sort()).toEqual(
			[made.keyFigure, made.gift, made.gift2].sort()
		);
		expect(entry.assets.find((a) => a.id === made.gift)).toEqual({
			id: made.gift,
			kind: 'capacity',
			title: s.gift,
			description: '',
			themes: ['eenzaamheid'],
			gifts: ['hands'],
			precision: 'street'
		});

		const text = JSON.stringify(entry);
		for (const secret of [s.notes, s.wish, s.street, neighbour.name, neighbour.gift]) {
			expect(text).not.toContain(secret);
		}
		for (const id of [made.personId, made.talkId, made.door, made.initiative, worker.id]) {
			expect(text).not.toContain(id);
		}
		expect(text).not.toContain('@test.krachtkaart.nl');
	});
});

describe('her changes', () => {
	it('correct her name, contact and gifts; the name follows into her key figure', async () => {
		const s = secrets();
		const made = await resident(s);
		const { token, id: linkId } = await residentLinksApi(coordinator.pb).create(made.personId);
		const result = await residentApi(anonymous).save(token, {
			firstName: `  Fenne${s.name.slice(5)} `,
			contact: 'fenne@example.nl',
			assets: [{ id: made.gift, title: 'Soep koken voor de buren', description: 'Op vrijdag' }]
		});
		expect(result.erased).toBe(false);
		const newName = `Fenne${s.name.slice(5)}`;
		if (!result.erased) {
			expect(result.entry).toMatchObject({ firstName: newName, contact: 'fenne@example.nl' });
		}
		const person = await su.collection('people').getOne(made.personId);
		expect(person).toMatchObject({ display_name: newName, contact: 'fenne@example.nl' });
		expect(await su.collection('assets').getOne(made.gift)).toMatchObject({
			title: 'Soep koken voor de buren',
			description: 'Op vrijdag'
		});
		expect((await su.collection('assets').getOne(made.keyFigure)).title).toBe(newName);

		const audit = await auditOf('targetId = {:id} && actorKind = "resident"', {
			id: made.personId
		});
		const update = audit.find((a) => a.action === 'update');
		expect(update).toMatchObject({ actor: '', targetCollection: 'people' });
		expect(update?.details).toMatchObject({ via: 'resident_link', link: linkId });
		expect(update?.details.fields).toEqual(expect.arrayContaining(['display_name', 'contact']));
		// Field names only, never what she typed.
		expect(JSON.stringify(update?.details)).not.toContain('fenne@example.nl');
	});

	it('removes a gift everywhere: the asset, its links, and the talk it grew from', async () => {
		const s = secrets();
		const made = await resident(s);
		const { token } = await residentLinksApi(coordinator.pb).create(made.personId);
		const before = await su.collection('links').getFullList({
			filter: su.filter('from = {:id}', { id: made.gift })
		});
		expect(before.length).toBe(1);
		const result = await residentApi(anonymous).save(token, {
			assets: [{ id: made.gift, remove: true }]
		});
		if (result.erased) throw new Error('not erased');
		expect(result.entry.assets.map((a) => a.id)).not.toContain(made.gift);
		expect(await statusOf(su.collection('assets').getOne(made.gift))).toBe(404);
		expect(await statusOf(su.collection('links').getOne(before[0].id))).toBe(404);
		const talk = await su.collection('conversations').getOne(made.talkId);
		expect(JSON.stringify(talk.gifts)).not.toContain(s.gift);
		expect(JSON.stringify(talk.gifts)).toContain(s.gift2);
		expect((await su.collection('assets').getOne(made.gift2)).title).toBe(s.gift2);
	});

	it('withdraws a consent: what it allowed is cleared, her name leaves her assets', async () => {
		const s = secrets();
		const made = await resident(s);
		const { token } = await residentLinksApi(coordinator.pb).create(made.personId);
		const result = await residentApi(anonymous).save(token, {
			consent: { scopes: ['contact'] },
			// Sent back unchanged, as a form does: the withdrawal still clears it.
			firstName: s.name
		});
		if (result.erased) throw new Error('not erased');
		expect(result.entry).toMatchObject({ firstName: '', contact: s.contact });
		const person = await su.collection('people').getOne(made.personId);
		expect(person.display_name).toBe('');
		expect(person.consent).toMatchObject({ scopes: ['contact'], source: 'resident_link' });
		expect(Date.parse(person.consent.givenAt)).toBeGreaterThan(Date.now() - 60_000);
		const keyFigure = await su.collection('assets').getOne(made.keyFigure);
		// Named after the street the server placed her asset in (lib/retention.js).
		expect(keyFigure.title).toBe(`Sleutelfiguur ${keyFigure.street}`);
		expect(keyFigure.title).not.toContain(s.name);
		const audit = await auditOf('targetId = {:id} && actorKind = "resident" && action = "update"', {
			id: made.personId
		});
		expect(audit.at(-1)?.details).toMatchObject({ consentWithdrawn: ['first_name'] });
	});

	it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
		const s = secrets();
		const made = await resident(s);
		const other = await resident(secrets());
		const { token } = await residentLinksApi(coordinator.pb).create(made.personId);
		const refused = async (body: unknown) => {
			const response = await mijn(server.url, token, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
			expect(response.status).toBe(400);
			const json = (await response.json()) as { data: Record<string, { code: string }> };
			return Object.keys(json.data)[0] + ':' + Object.values(json.data)[0].code;
		};
		expect(await refused({ firstName: 'Anna', notes: 'x' })).toBe('notes:unknown');
		expect(await refused({ firstName: 'x'.repeat(101) })).toBe('firstName:too_long');
		expect(await refused({ firstName: 42 })).toBe('firstName:invalid');
		expect(await refused({ assets: [{ id: other.gift, title: 'Van mij' }] })).toBe(
			'assets.0.id:invalid'
		);
		expect(await refused({ assets: [{ id: made.gift, title: ' ' }] })).toBe(
			'assets.0.title:required'
		);
		expect(await refused({ consent: { scopes: ['first_name', 'exact_location'] } })).toBe(
			'consent.scopes:not_allowed'
		);
		expect(await refused({ consent: { scopes: ['anonymous', 'first_name'] } })).toBe(
			'consent.scopes:consent_contradicts'
		);
		// Found inside the transaction, after the withdrawal had cleared her name: all rolls back.
		expect(
			await refused({
				consent: { scopes: ['anonymous'] },
				contact: '06-nieuw',
				assets: [{ id: made.gift, title: 'Nieuw' }]
			})
		).toBe('contact:consent_missing');

		const person = await su.collection('people').getOne(made.personId);
		expect(person).toMatchObject({ display_name: s.name, contact: s.contact });
		expect(person.consent.scopes).toEqual(['first_name', 'contact']);
		expect((await su.collection('assets').getOne(made.gift)).title).toBe(s.gift);
		expect((await su.collection('assets').getOne(made.keyFigure)).title).toBe(s.name);
		expect((await su.collection('assets').getOne(other.gift)).title).not.toBe('Van mij');
	});

	it('erases her when she withdraws everything, as an erasure request would', async () => {
		const s = secrets();
		const made = await resident(s);
		const { token, id: linkId } = await residentLinksApi(coordinator.pb).create(made.personId);
		expect(await residentApi(anonymous).save(token, { consent: { scopes: [] } })).toEqual({
			erased: true
		});
		expect(await statusOf(su.collection('people').getOne(made.personId))).toBe(404);
		for (const id of [made.keyFigure, made.gift, made.gift2]) {
			expect(await statusOf(su.collection('assets').getOne(id))).toBe(404);
		}
		const talk = await su.collection('conversations').getOne(made.talkId);
		expect(talk).toMatchObject({ person: '', notes: '', wishes: '', outcome: 'talked' });
		expect(await statusOf(su.collection('resident_links').getOne(linkId))).toBe(404);
		expect(await statusOf(residentApi(anonymous).open(token))).toBe(404);
		const erase = await auditOf('targetId = {:id} && action = "erase"', { id: made.personId });
		expect(erase).toHaveLength(1);
		expect(erase[0]).toMatchObject({ actorKind: 'resident', actor: '' });
		expect(erase[0].details).toMatchObject({ via: 'resident_link', assetsDeleted: 3 });
	});
});

describe('the audit trail', () => {
	it('names who made and revoked a link, and each time she opened it', async () => {
		const { personId } = await resident(secrets());
		const made = await residentLinksApi(coordinator.pb).create(personId);
		await residentApi(anonymous).open(made.token);
		await residentLinksApi(admin.pb).revoke(personId);
		const link = await auditOf('targetCollection = "resident_links" && targetId = {:id}', {
			id: made.id
		});
		expect(link.map((a) => [a.action, a.actor])).toEqual([
			['create', coordinator.id],
			['update', admin.id]
		]);
		expect(link[0].details).toMatchObject({ person: personId });
		expect(JSON.stringify(link)).not.toContain(made.token);
		const views = await auditOf('targetId = {:id} && action = "view" && actorKind = "resident"', {
			id: personId
		});
		expect(views).toHaveLength(1);
		expect(views[0].details).toMatchObject({ via: 'resident_link', link: made.id });
	});

	it('names the issuer in every entry of a use: view, change, consent change, erasure', async () => {
		// Two issuers, so the entry names the link's own, not whoever made a link last.
		for (const issuer of [coordinator, admin]) {
			const made = await resident(secrets());
			const { token, id: linkId } = await residentLinksApi(issuer.pb).create(made.personId);
			await residentApi(anonymous).open(token);
			await residentApi(anonymous).save(token, { contact: '06-12345678' });
			await residentApi(anonymous).save(token, { consent: { scopes: ['contact'] } });
			await residentApi(anonymous).save(token, { consent: { scopes: [] } });
			const uses = await auditOf('targetId = {:id} && actorKind = "resident"', {
				id: made.personId
			});
			expect(uses.map((a) => a.action)).toEqual(['view', 'update', 'update', 'erase']);
			for (const use of uses) {
				// Done by her (no account acts), on the authority of the one who issued the link.
				expect(use).toMatchObject({ actor: '', targetCollection: 'people' });
				expect(use.details).toMatchObject({
					via: 'resident_link',
					link: linkId,
					issuedBy: issuer.id
				});
			}
			expect(uses[2].details).toMatchObject({ consentWithdrawn: ['first_name'] });
		}
	});

	it('shows the issuer by name on the audit screen and in her export, through the app’s own calls', async () => {
		const made = await resident(secrets());
		const { token } = await residentLinksApi(coordinator.pb).create(made.personId);
		await residentApi(anonymous).open(token);
		await residentApi(anonymous).save(token, { contact: '06-11112222' });
		const page = await auditApi(admin.pb).list({ ...EMPTY_AUDIT_FILTERS, search: made.personId });
		const uses = page.items.filter((entry) => entry.actorKind === 'resident');
		expect(uses.map((entry) => entry.action).sort()).toEqual(['update', 'view']);
		for (const entry of uses) {
			expect(actorOf(entry)).toEqual({
				name: 'Test coordinator',
				role: 'coordinator',
				kind: 'resident'
			});
		}
		const exported = await peopleApi(coordinator.pb).exportPerson(made.personId);
		const trail = exported.audit.filter((entry) => entry.actorKind === 'resident');
		expect(trail.map((entry) => issuerOf(entry))).toEqual([coordinator.id, coordinator.id]);
		expect(exported.lookup.users[coordinator.id]).toMatchObject({ name: 'Test coordinator' });
	});
});

describe('a link is never stronger than its issuer now', () => {
	/** A fresh issuer (so changing her touches no other test) with a working link she made. */
	async function issued(role: 'coordinator' | 'admin', areas: string[]) {
		const s = secrets();
		const made = await resident(s);
		const issuer = await signedInUser(su, role, areas);
		const link = await residentLinksApi(issuer.pb).create(made.personId);
		expect(await statusOf(residentApi(anonymous).open(link.token))).toBe(0);
		return { s, made, issuer, link };
	}

	let addresses = 0;

	/**
	 * The link answers as an unknown token does, and a change through it writes nothing. From an
	 * address of its own: these failures count towards no other test's lock.
	 */
	async function expectDead(token: string, personId: string, name: string) {
		const from = { 'x-forwarded-for': `10.11.0.${++addresses}` };
		const unknown = await mijn(server.url, randomToken(), { headers: from });
		const dead = await mijn(server.url, token, { headers: from });
		expect(dead.status).toBe(404);
		expect(await dead.text()).toBe(await unknown.text());
		const post = await mijn(server.url, token, {
			method: 'POST',
			headers: { ...from, 'content-type': 'application/json' },
			body: JSON.stringify({ consent: { scopes: [] } })
		});
		expect(post.status).toBe(404);
		expect((await su.collection('people').getOne(personId)).display_name).toBe(name);
	}

	// Every way an issuer loses the right to issue this link, per role she held: her areas when
	// she made it, and what changes (read when the test runs: the areas exist by then).
	type Loss = { what: string; role: 'coordinator' | 'admin'; areas: () => string[] };
	const losses: (Loss & { change: () => Record<string, unknown> | 'deleted' })[] = [
		{
			what: 'a coordinator made worker',
			role: 'coordinator',
			areas: () => [home.wijk.id],
			change: () => ({ role: 'worker' })
		},
		{
			what: 'a coordinator made viewer',
			role: 'coordinator',
			areas: () => [home.wijk.id],
			change: () => ({ role: 'viewer' })
		},
		{
			what: 'a coordinator moved to another wijk',
			role: 'coordinator',
			areas: () => [home.wijk.id],
			change: () => ({ areas: [elsewhere.wijk.id] })
		},
		{
			what: 'a coordinator left without areas',
			role: 'coordinator',
			areas: () => [home.wijk.id],
			change: () => ({ areas: [] })
		},
		{
			what: 'a gemeente coordinator moved to another gemeente',
			role: 'coordinator',
			areas: () => [home.gemeente.id],
			change: () => ({ areas: [elsewhere.gemeente.id] })
		},
		{
			what: 'an admin made worker',
			role: 'admin',
			areas: () => [home.wijk.id],
			change: () => ({ role: 'worker' })
		},
		{
			what: 'an admin made coordinator of another wijk',
			role: 'admin',
			areas: () => [elsewhere.wijk.id],
			change: () => ({ role: 'coordinator' })
		},
		{
			what: 'a deleted coordinator',
			role: 'coordinator',
			areas: () => [home.wijk.id],
			change: () => 'deleted'
		}
	];

	for (const { what, role, areas, change } of losses) {
		it(`stops working for ${what}`, async () => {
			const { s, made, issuer, link } = await issued(role, areas());
			const changed = change();
			if (changed === 'deleted') await su.collection('users').delete(issuer.id);
			else await su.collection('users').update(issuer.id, changed);
			await expectDead(link.token, made.personId, s.name);
			expect(
				await auditOf('targetId = {:id} && actorKind = "resident" && action != "view"', {
					id: made.personId
				})
			).toHaveLength(0);
		});
	}

	it('keeps working while the issuer keeps the right, also when her areas change around it', async () => {
		const { made, issuer, link } = await issued('coordinator', [home.wijk.id]);
		// Another area added, and her own area swapped for the gemeente above it: still hers.
		await su.collection('users').update(issuer.id, { areas: [home.wijk.id, elsewhere.wijk.id] });
		expect(await statusOf(residentApi(anonymous).open(link.token))).toBe(0);
		await su.collection('users').update(issuer.id, { areas: [home.gemeente.id] });
		expect(await statusOf(residentApi(anonymous).open(link.token))).toBe(0);
		// Made admin: more rights, the link works.
		await su.collection('users').update(issuer.id, { role: 'admin', areas: [] });
		const result = await residentApi(anonymous).save(link.token, { contact: '06-87654321' });
		expect(result.erased).toBe(false);
		expect((await su.collection('people').getOne(made.personId)).contact).toBe('06-87654321');
	});

	it('stops links made before this rule by a worker or a superuser (no issuer to check)', async () => {
		const { s, made } = await issued('coordinator', [home.wijk.id]);
		await residentLinksApi(coordinator.pb).revoke(made.personId);
		// Written as the old route did: a worker's link, and a superuser's without createdBy.
		for (const createdBy of [worker.id, '']) {
			const token = randomToken();
			await su.collection('resident_links').create({
				person: made.personId,
				tokenHash: sha256(token),
				expiresAt: '2099-01-01 00:00:00.000Z',
				createdBy,
				uses: 0
			});
			await expectDead(token, made.personId, s.name);
		}
	});
});

describe('rate limits', () => {
	it('answer 429 on the shared server after 10 requests a minute from one address, valid tokens too', async () => {
		// The shared server keeps the migration's rule; only this test opens links there.
		const shared = await superuserClient();
		const settings = await shared.settings.getAll();
		expect(settings.rateLimits.rules[0]).toMatchObject({
			label: MIJN,
			maxRequests: 10,
			duration: 60,
			audience: ''
		});
		const sharedHome = await createAreaTree(shared);
		const person = await shared
			.collection('people')
			.create({ display_name: `Bea${unique()}`, area: sharedHome.buurt.id });
		const sharedCoordinator = await signedInUser(shared, 'coordinator', [sharedHome.wijk.id]);
		const { token, expiresAt } = await residentLinksApi(sharedCoordinator.pb).create(person.id);
		// 30 days without KRACHTKAART_RESIDENT_LINK_DAYS.
		expect(daysLeft(expiresAt)).toBeGreaterThan(29.9);
		expect(daysLeft(expiresAt)).toBeLessThanOrEqual(30);
		const statuses: number[] = [];
		for (let i = 0; i < 11; i++) statuses.push((await mijn(pocketbaseUrl(), randomToken())).status);
		// A fixed window that opened with the first request: the loop ends inside it.
		expect(statuses).toEqual([...Array(10).fill(404), 429]);
		expect((await mijn(pocketbaseUrl(), token)).status).toBe(429);
		const post = await mijn(pocketbaseUrl(), token, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}'
		});
		expect(post.status).toBe(429);
	});

	// Last in this file: it locks this file's server for the address of the tests.
	it('lock an address after 20 failed tokens in a quarter of an hour, for every token', async () => {
		const { personId } = await resident(secrets());
		const { token } = await residentLinksApi(coordinator.pb).create(personId);
		expect((await mijn(server.url, token)).status).toBe(200);
		let tries = 0;
		let status = 404;
		while (status === 404 && tries <= 20) {
			status = (await mijn(server.url, randomToken())).status;
			tries++;
		}
		expect(status).toBe(429);
		expect(tries).toBeLessThanOrEqual(21);
		const locked = await mijn(server.url, token);
		expect(locked.status).toBe(429);
		expect(((await locked.json()) as { message: string }).message).toContain('Te veel pogingen');
	});
});
