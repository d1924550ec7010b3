// Guards the register of purposes and legal bases (`purposes`): seeded with Krachtkaart's own,
// readable by every signed-in user and nobody anonymous, written only by admins — a rule matrix
// per role and operation against the real API rules — and only with a known legal basis.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEGAL_BASES, type PurposeRecord } from '$lib/pocketbase/types';
import {
	anonymousClient,
	createAreaTree,
	signedInUser,
	superuserClient,
	unique
} from '../support/fixtures';

type Actor = 'anonymous' | 'viewer' | 'worker' | 'coordinator' | 'admin';
type Operation = 'list' | 'view' | 'create' | 'update' | 'delete';

const ACTORS: Actor[] = ['anonymous', 'viewer', 'worker', 'coordinator', 'admin'];
const OPERATIONS: Operation[] = ['list', 'view', 'create', 'update', 'delete'];
const signedIn: Actor[] = ['viewer', 'worker', 'coordinator', 'admin'];
const ALLOWED: Record<Operation, Actor[]> = {
	list: signedIn,
	view: signedIn,
	create: ['admin'],
	update: ['admin'],
	delete: ['admin']
};

let su: PocketBase;
const clients = {} as Record<Actor, PocketBase>;

beforeAll(async () => {
	su = await superuserClient();
	const home = await createAreaTree(su);
	clients.anonymous = anonymousClient();
	clients.admin = (await signedInUser(su, 'admin', [])).pb;
	for (const role of ['coordinator', 'worker', 'viewer'] as const) {
		clients[role] = (await signedInUser(su, role, [home.wijk.id])).pb;
	}
});

/** A fresh purpose per case, so a delete or update never touches the seeded register. */
const fresh = async () =>
	(
		await su.collection('purposes').create({
			name: `Testdoel ${unique()}`,
			legalBasis: 'public_task',
			retentionDays: 365,
			active: true
		})
	).id;

/** Whether `actor` may do `operation`: true when allowed, false when refused or hidden. */
async function attempt(actor: Actor, operation: Operation): Promise<boolean> {
	const pb = clients[actor];
	const id = await fresh();
	const purposes = pb.collection('purposes');
	try {
		switch (operation) {
			case 'list': {
				const page = await purposes.getList(1, 50, { filter: pb.filter('id = {:id}', { id }) });
				return page.items.length === 1;
			}
			case 'view':
				await purposes.getOne(id);
				return true;
			case 'create': {
				const name = `Nieuw doel ${unique()}`;
				await purposes.create({ name, legalBasis: 'consent', active: true });
				return (
					(
						await su
							.collection('purposes')
							.getList(1, 1, { filter: su.filter('name = {:name}', { name }) })
					).totalItems === 1
				);
			}
			case 'update':
				await purposes.update(id, { legalBasis: 'legitimate_interest' });
				return (await su.collection('purposes').getOne(id)).legalBasis === 'legitimate_interest';
			case 'delete':
				await purposes.delete(id);
				return true;
		}
	} catch (error) {
		const status = (error as { status?: number }).status;
		// Refused (401/403), hidden (404) or, for create, refused by the rule (400).
		expect([400, 401, 403, 404]).toContain(status);
		return false;
	}
}

describe('purposes: who may do what', () => {
	const matrix = ACTORS.flatMap((actor) =>
		OPERATIONS.map((operation) => [actor, operation, ALLOWED[operation].includes(actor)] as const)
	);
	it.each(matrix)('%s %s: allowed %s', async (actor, operation, allowed) => {
		expect(await attempt(actor, operation)).toBe(allowed);
	});
});

describe('purposes: the register', () => {
	it('is seeded with the legal basis of each of Krachtkaart’s purposes', async () => {
		const seeded = await clients.viewer
			.collection('purposes')
			.getFullList<PurposeRecord>({ sort: 'name' });
		const basis = Object.fromEntries(seeded.map((p) => [p.name, p.legalBasis]));
		expect(basis).toMatchObject({
			'Voordeurgesprekken en buurtkaart': 'public_task',
			'Contact opnemen met bewoners': 'consent',
			'Sleutelfiguren en talenten met naam en plek': 'consent',
			'Vervolgafspraken en doorverwijzing': 'public_task',
			'Verantwoording: wie zag of wijzigde wat': 'legal_obligation'
		});
		const doorstep = seeded.find((p) => p.name === 'Voordeurgesprekken en buurtkaart')!;
		expect(doorstep).toMatchObject({ active: true, retentionDays: 730 });
		expect(doorstep.description).not.toBe('');
	});

	it('offers the legal bases the app knows (AVG article 6(1))', async () => {
		const collection = await su.collections.getOne('purposes');
		const field = collection.fields.find((f: { name: string }) => f.name === 'legalBasis');
		expect(field?.values).toEqual([...LEGAL_BASES]);
	});

	it('takes only a known legal basis and a whole number of days', async () => {
		for (const body of [
			{ name: `Doel ${unique()}`, legalBasis: 'because' },
			{ name: `Doel ${unique()}`, legalBasis: 'consent', retentionDays: 1.5 },
			{ name: `Doel ${unique()}` }
		]) {
			await expect(clients.admin.collection('purposes').create(body)).rejects.toMatchObject({
				status: 400
			});
		}
	});
});
