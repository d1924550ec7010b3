// Guards the audit trail: reading or changing personal data (people, conversations) leaves an
// entry with who, what and when, which no app user can change or delete.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	createAreaTree,
	signedInUser,
	superuserClient,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

let su: PocketBase;
let area: AreaTree;
let worker: SignedInUser;
let admin: SignedInUser;

beforeAll(async () => {
	su = await superuserClient();
	area = await createAreaTree(su);
	worker = await signedInUser(su, 'worker', [area.wijk.id]);
	admin = await signedInUser(su, 'admin', []);
});

/** Her consent to a first name (and more): personal fields need it (pb_hooks/people.pb.js). */
const consent = (...more: string[]) => ({
	scopes: ['first_name', ...more],
	givenAt: new Date().toISOString()
});

async function entriesFor(targetId: string) {
	return su.collection('audit_log').getFullList({
		filter: su.filter('targetId = {:targetId}', { targetId }),
		sort: 'created'
	});
}

describe('audit_log', () => {
	it('records create, view, update and delete of a person with the actor', async () => {
		const person = await worker.pb
			.collection('people')
			.create({ display_name: 'Samira', area: area.buurt.id, consent: consent('contact') });
		await worker.pb.collection('people').getOne(person.id);
		await worker.pb.collection('people').update(person.id, { contact: '06-12345678' });
		await admin.pb.collection('people').delete(person.id);

		const entries = await entriesFor(person.id);
		expect(entries.map((e) => [e.action, e.actor])).toEqual([
			['create', worker.id],
			['view', worker.id],
			['update', worker.id],
			['delete', admin.id]
		]);
		expect(entries[2].details).toEqual({ fields: ['contact'] });
		expect(entries.every((e) => e.targetCollection === 'people' && e.created)).toBe(true);
	});

	it('records a list of conversations with the ids that were read', async () => {
		const conversation = await worker.pb.collection('conversations').create({
			area: area.buurt.id,
			worker: worker.id,
			heldAt: new Date().toISOString(),
			outcome: 'talked'
		});
		await worker.pb.collection('conversations').getList(1, 20, {
			filter: worker.pb.filter('id = {:id}', { id: conversation.id })
		});
		const lists = await su.collection('audit_log').getFullList({
			filter: su.filter(
				'action = "list" && actor = {:actor} && targetCollection = "conversations"',
				{
					actor: worker.id
				}
			)
		});
		expect(lists.some((e) => (e.details as { ids: string[] }).ids.includes(conversation.id))).toBe(
			true
		);
	});

	it('cannot be changed or deleted by anyone but the server, not even an admin', async () => {
		const person = await worker.pb
			.collection('people')
			.create({ display_name: 'Kees', area: area.buurt.id, consent: consent() });
		const [entry] = await entriesFor(person.id);
		await expect(
			admin.pb.collection('audit_log').update(entry.id, { action: 'view' })
		).rejects.toMatchObject({ status: 403 });
		await expect(admin.pb.collection('audit_log').delete(entry.id)).rejects.toMatchObject({
			status: 403
		});
		await expect(
			admin.pb.collection('audit_log').create({ action: 'view', targetCollection: 'people' })
		).rejects.toMatchObject({ status: 403 });
		expect((await admin.pb.collection('audit_log').getOne(entry.id)).action).toBe('create');
	});
});
