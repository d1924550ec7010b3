// Guards the round's progress reads (progressApi, and ProgressState on them) on the real server:
// a coordinator gets the round's conversations (on its lists and at its doors, in its period)
// with the worker's name where the users' rules let her read it and else none, the door's
// address and the answers; a conversation of another round's period is not read at all, one at a
// door of no list is read but not counted; a worker of the areas reads the same talks but only her
// own notes; a viewer reads no conversation.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { progressApi } from '$lib/rounds/progress.api';
import { ProgressState } from '$lib/rounds/progress.svelte';
import { roundsApi, type RoundWithParts } from '$lib/rounds/rounds.api';
import {
	createAreaTree,
	createDoorsInARow,
	firstPurpose,
	roundDraft,
	signedInUser,
	superuserClient,
	unique,
	type AreaTree,
	type Door,
	type SignedInUser
} from '../support/fixtures';

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
let doors: Door[];
let street: string;
let coordinator: SignedInUser;
let worker: SignedInUser;
let outsider: SignedInUser;
let viewer: SignedInUser;
let round: RoundWithParts;
const talks: Record<string, string> = {};

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
	// A worker of another wijk (moved there since, say): the coordinator may not read her.
	outsider = await signedInUser(su, 'worker', [elsewhere.wijk.id]);
	viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	const purpose = await firstPurpose(su);
	street = `Voortgangstraat ${unique()}`;
	doors = await createDoorsInARow(su, home.buurt.id, { street, postcode: '3500AF', lat: 52.005 });

	const rounds = roundsApi(coordinator.pb);
	const draft = (name: string, period: { startsOn: string; endsOn: string }) =>
		roundDraft(name, purpose, [home.buurt.id], {
			...period,
			themes: ['groen'],
			target: { doors: 2, talks: 2 },
			questions: [
				{
					kind: 'yesno',
					textNl: 'Kent u de buren?',
					textEn: 'Do you know the neighbours?',
					options: [],
					personal: false
				}
			]
		});
	const saved = await rounds.saveRound(
		draft('Maartronde', { startsOn: '2027-03-01', endsOn: '2027-03-31' })
	);
	const lists = await rounds.saveLists(saved.id, [
		{ name: 'Oost', addresses: [doors[0].id, doors[1].id], doorCount: 2, assignees: [worker.id] }
	]);
	round = { ...saved, lists };
	const may = await rounds.saveRound(
		draft('Meironde', { startsOn: '2027-05-01', endsOn: '2027-05-31' })
	);
	const [mayList] = await rounds.saveLists(may.id, [
		{ name: 'Mei', addresses: [doors[0].id], doorCount: 1 }
	]);

	const talk = async (key: string, fields: Record<string, unknown>) => {
		const record = await su.collection('conversations').create({
			area: home.buurt.id,
			outcome: 'talked',
			...fields
		});
		talks[key] = record.id;
	};
	await talk('onList', {
		address: doors[0].id,
		worker: worker.id,
		walkList: lists[0].id,
		heldAt: '2027-03-10 10:00:00.000Z',
		themes: ['groen'],
		answers: { [saved.questions[0].id]: true },
		notes: 'Haar eigen notitie'
	});
	await talk('atDoor', {
		address: doors[1].id,
		worker: outsider.id,
		heldAt: '2027-03-11 10:00:00.000Z',
		outcome: 'not_home',
		notes: 'Notitie van een ander'
	});
	await talk('offList', {
		address: doors[2].id,
		worker: worker.id,
		heldAt: '2027-03-12 10:00:00.000Z'
	});
	await talk('otherRound', {
		address: doors[0].id,
		worker: worker.id,
		walkList: mayList.id,
		heldAt: '2027-05-05 10:00:00.000Z',
		answers: { [may.questions[0].id]: false }
	});
	await talk('before', {
		address: doors[0].id,
		worker: worker.id,
		heldAt: '2027-02-20 10:00:00.000Z'
	});
});

describe('progressApi', () => {
	it('gives the coordinator the round’s conversations, names where she may read them', async () => {
		const found = await progressApi(coordinator.pb).roundConversations(round);
		const byId = new Map(found.map((c) => [c.id, c]));
		expect([...byId.keys()].sort()).toEqual([talks.onList, talks.atDoor, talks.offList].sort());
		expect(byId.get(talks.onList)).toMatchObject({
			worker: worker.id,
			workerName: 'Test worker',
			door: `${street} 1`,
			walkList: round.lists[0].id,
			outcome: 'talked',
			themes: ['groen'],
			answers: { [round.questions[0].id]: true },
			notes: 'Haar eigen notitie',
			farFromAddress: false
		});
		// She may not read a worker of another wijk: no name is made up, the id stays.
		const atDoor = byId.get(talks.atDoor)!;
		expect(atDoor.worker).toBe(outsider.id);
		expect(atDoor.workerName).toBeUndefined();
		expect(atDoor.notes).toBe('Notitie van een ander');
	});

	it('reads a round of many areas in slices, each talk once', async () => {
		// Ids of areas that hold none of its talks, and its buurt last: in another request.
		const many = Array.from({ length: 100 }, (_, i) => `nonearea${String(i).padStart(7, '0')}`);
		const found = await progressApi(coordinator.pb).roundConversations({
			...round,
			areas: [...many, home.buurt.id]
		});
		expect(found.map((c) => c.id).sort()).toEqual(
			[talks.onList, talks.atDoor, talks.offList].sort()
		);
	});

	it('counts only the round’s own: on its lists or at its doors, in its period', async () => {
		const state = new ProgressState(progressApi(coordinator.pb));
		await state.load(round);
		expect(state.status).toBe('ready');
		expect(state.ofRound.map((c) => c.id)).toEqual([talks.onList, talks.atDoor]);
		expect(state.progress?.round).toMatchObject({
			doors: 2,
			visited: 2,
			talked: 1,
			notHome: 1,
			talks: 1,
			contactRate: 0.5
		});
		expect(state.tally[0]).toMatchObject({
			answered: 1,
			cells: [
				{ value: 'yes', count: 1 },
				{ value: 'no', count: 0 }
			]
		});
		expect(state.workerNames((n) => `Medewerker ${n}`)).toEqual({
			[worker.id]: 'Test worker',
			[outsider.id]: 'Medewerker 1'
		});
		const csv = state.exportFile()!.text;
		expect(csv).toContain(`;Oost;${street} 1;2027-03-10 11:00;talked;groen;ja\r\n`);
		expect(csv).toContain(`;Oost;${street} 3;2027-03-11 11:00;not_home;;\r\n`);
		expect(csv).not.toContain(`${street} 5`);
	});

	it('gives a worker of the areas the same talks, with only her own notes', async () => {
		const found = await progressApi(worker.pb).roundConversations(round);
		const byId = new Map(found.map((c) => [c.id, c]));
		expect([...byId.keys()].sort()).toEqual([talks.onList, talks.atDoor, talks.offList].sort());
		expect(byId.get(talks.onList)?.notes).toBe('Haar eigen notitie');
		expect(byId.get(talks.atDoor)?.notes ?? '').toBe('');
	});

	it('gives a viewer no conversation at all', async () => {
		// The request guard refuses her a filter on fields she does not read (pb_hooks/security.pb.js).
		const status = await progressApi(viewer.pb)
			.roundConversations(round)
			.then(
				() => 0,
				(e: { status: number }) => e.status
			);
		expect(status).toBe(400);
		// And the list rule gives her none of them unasked.
		const unasked = await viewer.pb.collection('conversations').getFullList({ fields: 'id' });
		expect(unasked.filter((c) => Object.values(talks).includes(c.id))).toEqual([]);
	});
});
