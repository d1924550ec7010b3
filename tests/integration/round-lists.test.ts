// Guards the coordinator's changes to saved walk lists on the real server, as roundsApi sends
// them (src/lib/rounds/README.md, "The rules"): she assigns a list to a pair, sets and clears its
// last day, gives back a worker's check-out and deletes the list, which a worker may not; and
// deleting a round takes its lists, while the talks logged on them stay with their answers.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RoundDraft } from '$lib/rounds/rounds';
import { roundsApi, type RoundsApi } from '$lib/rounds/rounds.api';
import {
	createAreaTree,
	createDoorsInARow,
	firstPurpose,
	roundDraft,
	signedInUser,
	statusOf,
	superuserClient,
	unique,
	type AreaTree,
	type Door,
	type SignedInUser
} from '../support/fixtures';

let su: PocketBase;
let home: AreaTree;
let doors: Door[];
let purpose: string;
let coordinator: SignedInUser;
let worker: SignedInUser;
let secondWorker: SignedInUser;
let coordinating: RoundsApi;

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
	secondWorker = await signedInUser(su, 'worker', [home.wijk.id]);
	purpose = await firstPurpose(su);
	doors = await createDoorsInARow(su, home.buurt.id, {
		street: `Lijstenstraat ${unique()}`,
		postcode: '3500AF',
		lat: 52.004
	});
	coordinating = roundsApi(coordinator.pb);
});

const draft = (): RoundDraft =>
	roundDraft('Lijstenronde', purpose, [home.buurt.id], {
		questions: [
			{
				kind: 'text',
				textNl: 'Wat maakt de buurt fijn?',
				textEn: 'What makes the buurt nice?',
				options: [],
				personal: false
			}
		]
	});

describe('a coordinator’s saved walk lists', () => {
	it('are assigned to a pair, dated, released and deleted by her, and not deleted by a worker', async () => {
		const round = await coordinating.saveRound(draft());
		const [list] = await coordinating.saveLists(round.id, [
			{ name: 'Oost', addresses: [doors[0].id], doorCount: 1, assignees: [worker.id] }
		]);

		const paired = await coordinating.assignList(list.id, [worker.id, secondWorker.id]);
		expect(paired.assignees).toEqual([worker.id, secondWorker.id]);
		const dated = await coordinating.setListExpiry(list.id, '2027-03-20');
		expect(dated.expiresOn).toBe('2027-03-20 12:00:00.000Z');
		expect((await coordinating.setListExpiry(list.id, '')).expiresOn).toBe('');

		expect((await roundsApi(worker.pb).checkOut(list.id)).checkedOutBy).toBe(worker.id);
		const released = await coordinating.giveBack(list.id);
		expect(released.checkedOutBy).toBe('');
		expect(released.checkedOutAt).toBe('');

		// The delete rule does not match a worker: the list is not found for her, and stays.
		expect(await statusOf(roundsApi(worker.pb).deleteList(list.id))).toBe(404);
		expect((await su.collection('walk_lists').getOne(list.id)).id).toBe(list.id);
		await coordinating.deleteList(list.id);
		expect(await statusOf(su.collection('walk_lists').getOne(list.id))).toBe(404);
	});

	it('go with their round; the talks logged on them stay, with their answers', async () => {
		const round = await coordinating.saveRound(draft());
		const [list] = await coordinating.saveLists(round.id, [
			{ name: 'West', addresses: [doors[1].id], doorCount: 1, assignees: [worker.id] }
		]);
		const answers = { [round.questions[0].id]: 'De bankjes bij de vijver' };
		const talk = await worker.pb.collection('conversations').create({
			area: home.buurt.id,
			address: doors[1].id,
			worker: worker.id,
			heldAt: new Date().toISOString(),
			outcome: 'talked',
			walkList: list.id,
			answers
		});

		await coordinating.deleteRound(round.id);
		expect(await statusOf(su.collection('walk_lists').getOne(list.id))).toBe(404);
		expect(await statusOf(su.collection('round_questions').getOne(round.questions[0].id))).toBe(
			404
		);
		const kept = await su.collection('conversations').getOne(talk.id);
		expect(kept.walkList).toBe('');
		expect(kept.answers).toEqual(answers);
	});
});
