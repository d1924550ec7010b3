// Guards the app's rounds requests (roundsApi) on the real server: a coordinator saves a round
// with two questions in one batch and cuts two lists; a worker lists them, checks one out, a
// second worker is refused (409 taken), the first gives it back; a refused round is saved not at
// all and its field errors come back as the form's.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RoundDraft } from '$lib/rounds/rounds';
import { LIMITS } from '$lib/vocabulary/vocabulary';
import { RoundRefused, roundsApi, type RoundsApi } from '$lib/rounds/rounds.api';
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
let purpose: string;
let coordinator: SignedInUser;
let worker: SignedInUser;
let secondWorker: SignedInUser;

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
	secondWorker = await signedInUser(su, 'worker', [home.wijk.id]);
	purpose = await firstPurpose(su);
	doors = await createDoorsInARow(su, home.buurt.id, {
		street: `Rondestraat ${unique()}`,
		postcode: '3500AE',
		lat: 52.004
	});
});

const draft = (fields: Partial<RoundDraft> = {}): RoundDraft =>
	roundDraft('Voorjaarsronde', purpose, [home.buurt.id], {
		target: { doors: 40 },
		questions: [
			{
				kind: 'yesno',
				textNl: 'Kent u de buren?',
				textEn: 'Do you know the neighbours?',
				options: [],
				personal: false
			},
			{
				kind: 'choice',
				textNl: 'Wat mist u?',
				textEn: 'What do you miss?',
				options: [
					{ value: 'groen', nl: 'Groen', en: 'Green' },
					{ value: 'bankjes', nl: 'Bankjes', en: 'Benches' }
				],
				personal: true
			}
		],
		...fields
	});

describe('roundsApi', () => {
	let coordinating: RoundsApi;
	beforeAll(() => {
		coordinating = roundsApi(coordinator.pb);
	});

	it('saves a round with its questions and lists, which a worker checks out and gives back', async () => {
		const round = await coordinating.saveRound(draft());
		expect(round.startsOn).toBe('2027-03-01 12:00:00.000Z');
		expect(round.createdBy).toBe(coordinator.id);
		expect(round.questions.map((q) => [q.position, q.kind])).toEqual([
			[1, 'yesno'],
			[2, 'choice']
		]);
		const [east, west] = await coordinating.saveLists(round.id, [
			{
				name: 'Oost',
				addresses: [doors[0].id],
				doorCount: 1,
				assignees: [worker.id, secondWorker.id]
			},
			{ name: 'West', addresses: [doors[1].id], doorCount: 1, expiresOn: '2027-03-31' }
		]);
		expect(west.expiresOn).toBe('2027-03-31 12:00:00.000Z');

		const asWorker = roundsApi(worker.pb);
		const seen = (await asWorker.listRounds([home.wijk.id])).find((r) => r.id === round.id);
		expect(seen?.questions.map((q) => q.textNl)).toEqual(['Kent u de buren?', 'Wat mist u?']);
		expect(seen?.lists.map((l) => l.name)).toEqual(['Oost', 'West']);
		expect(seen?.lists[0].expand?.round?.areas).toEqual([home.buurt.id]);

		const out = await asWorker.checkOut(east.id);
		expect(out.checkedOutBy).toBe(worker.id);
		const refused = await roundsApi(secondWorker.pb)
			.checkOut(east.id)
			.then(
				() => null,
				(e: { status: number; response: { data: Record<string, { code: string }> } }) => e
			);
		expect(refused?.status).toBe(409);
		expect(Object.values(refused?.response.data ?? {}).map((e) => e.code)).toContain('taken');
		const back = await asWorker.giveBack(east.id);
		expect(back.checkedOutBy).toBe('');
		expect((await roundsApi(secondWorker.pb).checkOut(east.id)).checkedOutBy).toBe(secondWorker.id);
	});

	it('updates a round: an edited question keeps its id, a dropped one goes, a new one comes', async () => {
		const round = await coordinating.saveRound(draft());
		const [first] = round.questions;
		const saved = await coordinating.saveRound(
			draft({
				name: round.name,
				questions: [
					{ ...draft().questions[0], id: first.id, textNl: 'Kent u uw buren?' },
					{
						kind: 'number',
						textNl: 'Hoe lang woont u hier?',
						textEn: 'How long here?',
						options: [],
						personal: false
					}
				]
			}),
			{ ...round, lists: [] }
		);
		expect(saved.questions.map((q) => [q.id === first.id, q.textNl, q.position])).toEqual([
			[true, 'Kent u uw buren?', 1],
			[false, 'Hoe lang woont u hier?', 2]
		]);
		const stored = await su
			.collection('round_questions')
			.getFullList({ filter: su.filter('round = {:id}', { id: round.id }) });
		expect(stored).toHaveLength(2);
	});

	it('saves nothing of a refused round and names the field as the form does', async () => {
		const name = `Half ${unique()}`;
		const refused = await coordinating
			.saveRound(
				draft({
					name,
					questions: [
						draft().questions[0],
						// A choice of one option: the server refuses it (the form would have too).
						{ ...draft().questions[1], options: [{ value: 'x', nl: 'x', en: 'x' }] }
					]
				})
			)
			.then(
				() => null,
				(e: unknown) => e
			);
		expect(refused).toBeInstanceOf(RoundRefused);
		expect((refused as RoundRefused).errors).toEqual({ question: { 1: { options: 'invalid' } } });
		const rounds = await su
			.collection('rounds')
			.getFullList({ filter: su.filter('name = {:name}', { name }) });
		expect(rounds).toEqual([]);
	});

	it('names the round’s own fields as the form does: too long a name, areas not hers', async () => {
		const refusal = (fields: Partial<RoundDraft>) =>
			coordinating.saveRound(draft(fields)).then(
				() => null,
				(e: unknown) => e as RoundRefused
			);
		const long = await refusal({ name: 'x'.repeat(LIMITS.round.name + 1) });
		expect(long).toBeInstanceOf(RoundRefused);
		expect(long?.errors).toEqual({ name: 'too_long' });
		// Moving her round partly outside her areas: the hook names the field (403).
		const round = await coordinating.saveRound(draft());
		const outside = await coordinating
			.saveRound(draft({ name: round.name, areas: [home.buurt.id, elsewhere.buurt.id] }), {
				...round,
				lists: []
			})
			.then(
				() => null,
				(e: unknown) => e as RoundRefused
			);
		expect(outside).toBeInstanceOf(RoundRefused);
		expect(outside?.errors).toEqual({ areas: 'outside_areas' });
		expect(outside?.status).toBe(403);
		// A new round outside them: the create rule refuses it, naming no field.
		const created = await refusal({ areas: [elsewhere.buurt.id] });
		expect(created).not.toBeInstanceOf(RoundRefused);
		expect(created).toMatchObject({ status: 400 });
	});

	it('lists the rounds of many areas in slices, each once, with its questions and lists', async () => {
		const saved = await coordinating.saveRound(draft());
		await coordinating.saveLists(saved.id, [
			{ name: 'Lijst A', addresses: [doors[0].id], doorCount: 1, assignees: [], expiresOn: '' }
		]);
		// Areas that hold none of it, and hers last: read in another request than the first.
		const many = Array.from({ length: 100 }, (_, i) => `nonearea${String(i).padStart(7, '0')}`);
		const listed = await coordinating.listRounds([...many, home.wijk.id, home.wijk.id]);
		const found = listed.filter((round) => round.id === saved.id);
		expect(found).toHaveLength(1);
		expect(found[0].questions.map((q) => q.textNl)).toEqual(['Kent u de buren?', 'Wat mist u?']);
		expect(found[0].lists.map((list) => list.name)).toEqual(['Lijst A']);
		const starts = listed.map((round) => round.startsOn);
		expect(starts).toEqual([...starts].sort().reverse());
	});

	it('deletes a round with its lists', async () => {
		const round = await coordinating.saveRound(draft());
		const [list] = await coordinating.saveLists(round.id, [
			{ name: 'Alles', addresses: doors.map((d) => d.id), doorCount: doors.length }
		]);
		await coordinating.deleteRound(round.id);
		await expect(su.collection('walk_lists').getOne(list.id)).rejects.toMatchObject({
			status: 404
		});
	});
});
