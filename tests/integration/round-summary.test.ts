// Guards the rounds' summary on the real server (GET /api/krachtkaart/rounds/summary,
// pb_hooks/lib/round-summary.js), per role: a viewer sees the rounds all of whose areas are hers,
// an ended round's counts with small ones hidden (min-5, also against subtraction) and nothing
// personal (no conversation, note, worker, door or text answer; personal questions uncounted), a
// running or just-ended round without figures; workers, coordinators and admins get the same
// aggregates (admins every round); no audit entry is written; refusals come before any query.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { summaryApi, type RoundSummaries, type RoundSummary } from '$lib/rounds/summary.api';
import {
	anonymousClient,
	createAreaTree,
	createQuestions,
	createRound,
	createWalkList,
	signedInUser,
	statusOf,
	superuserClient,
	unique,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

const NOTE = `Geheime notitie ${unique()}`;
const TEXT = `Geheim antwoord ${unique()}`;
const HELD = '2026-01-10 10:00:00.000Z';
const DAY_MS = 86400000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
const users = {} as Record<
	'viewer' | 'worker' | 'coordinator' | 'admin' | 'outsider',
	SignedInUser
>;
const rounds = {} as Record<'ended' | 'running' | 'justEnded' | 'far' | 'spanning', string>;
const questions = {} as Record<'yesno' | 'choice' | 'text' | 'number', string>;
const doorIds: string[] = [];
const conversationIds: string[] = [];

async function makeDoors(buurt: string, count: number): Promise<string[]> {
	const street = `Telstraat ${unique()}`;
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const door = await su.collection('addresses').create({
			street,
			number: String(i + 1),
			postcode: '3500AE',
			city: 'Utrecht',
			location: { lon: 5.001 + i * 0.0001, lat: 52.005 },
			area: buurt
		});
		ids.push(door.id);
	}
	return ids;
}

async function makeRound(name: string, areas: string[], startsOn: string, endsOn: string) {
	const round = await createRound(su, {
		name,
		areas,
		startsOn: `${startsOn} 12:00:00.000Z`,
		endsOn: `${endsOn} 12:00:00.000Z`,
		themes: ['groen', 'taal']
	});
	return round.id;
}

async function makeList(round: string, addresses: string[]) {
	return (await createWalkList(su, round, { name: 'Alles', addresses })).id;
}

/** A visit on a list at a door; talks carry themes and answers. */
async function visit(
	list: string,
	door: string,
	outcome: string,
	fields: Record<string, unknown> = {}
) {
	const made = await su.collection('conversations').create({
		area: home.buurt.id,
		address: door,
		worker: users.worker.id,
		heldAt: HELD,
		outcome,
		walkList: list,
		...fields
	});
	conversationIds.push(made.id);
}

const summary = (pb: PocketBase, areas?: string[]) => summaryApi(pb).fetchSummaries(areas);
const find = (answer: RoundSummaries, id: string) => answer.rounds.find((r) => r.id === id);

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	users.viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	users.worker = await signedInUser(su, 'worker', [home.wijk.id]);
	users.coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	users.admin = await signedInUser(su, 'admin', []);
	users.outsider = await signedInUser(su, 'viewer', [elsewhere.wijk.id]);
	doorIds.push(...(await makeDoors(home.buurt.id, 22)));

	rounds.ended = await makeRound('Voorjaarsronde', [home.buurt.id], '2026-01-05', '2026-01-30');
	const kinds = ['yesno', 'choice', 'text', 'number'] as const;
	const made = await createQuestions(su, rounds.ended, kinds, {
		options: ['a', 'b', 'c'].map((value) => ({ value, nl: value, en: value })),
		personal: ['number']
	});
	for (const [i, kind] of kinds.entries()) questions[kind] = made[i].id;
	const list = await makeList(rounds.ended, doorIds);
	// 14 talks: yes 12, no 2; a 8, b 5, c 1; texts; groen 10, taal 3, jeugd 6, wonen 2.
	for (let i = 0; i < 14; i++) {
		const themes = [
			...(i < 10 ? ['groen'] : []),
			...(i < 3 ? ['taal'] : []),
			...(i >= 8 ? ['jeugd'] : []),
			...(i < 2 ? ['wonen'] : [])
		];
		await visit(list, doorIds[i], 'talked', {
			themes,
			notes: i === 0 ? NOTE : '',
			answers: {
				[questions.yesno]: i < 12,
				[questions.choice]: i < 8 ? 'a' : i < 13 ? 'b' : 'c',
				[questions.text]: `${TEXT} ${i}`,
				...(i < 6 ? { [questions.number]: i } : {})
			}
		});
	}
	// 5 not home, 1 declined; a door not home first and talked to later counts as talked.
	for (let i = 14; i < 19; i++) await visit(list, doorIds[i], 'not_home');
	await visit(list, doorIds[19], 'declined');
	await visit(list, doorIds[0], 'not_home', { heldAt: '2026-01-09 10:00:00.000Z' });
	// After the round: not counted.
	await visit(list, doorIds[20], 'talked', { heldAt: '2026-02-02 10:00:00.000Z' });

	const today = Date.now();
	rounds.running = await makeRound(
		'Loopt nu',
		[home.buurt.id],
		dayOf(today - DAY_MS),
		dayOf(today + 30 * DAY_MS)
	);
	const runningList = await makeList(rounds.running, doorIds);
	for (let i = 0; i < 6; i++) {
		await visit(runningList, doorIds[i], 'talked', { heldAt: new Date(today).toISOString() });
	}
	rounds.justEnded = await makeRound(
		'Net klaar',
		[home.buurt.id],
		dayOf(today - 20 * DAY_MS),
		dayOf(today - 2 * DAY_MS)
	);
	rounds.far = await makeRound('Elders', [elsewhere.buurt.id], '2026-01-05', '2026-01-30');
	rounds.spanning = await makeRound(
		'Over de grens',
		[home.buurt.id, elsewhere.buurt.id],
		'2026-01-05',
		'2026-01-30'
	);
});

describe('a viewer', () => {
	let answer: RoundSummaries;
	let ended: RoundSummary;
	beforeAll(async () => {
		answer = await summary(users.viewer.pb);
		ended = find(answer, rounds.ended)!;
	});

	it('sees the rounds all of whose areas are hers, newest start first', () => {
		const ids = answer.rounds.map((r) => r.id);
		expect(ids).toEqual(expect.arrayContaining([rounds.ended, rounds.running, rounds.justEnded]));
		expect(ids).not.toContain(rounds.far);
		expect(ids).not.toContain(rounds.spanning);
		expect(ids.indexOf(rounds.running)).toBeLessThan(ids.indexOf(rounds.ended));
		expect(answer.minGroup).toBe(5);
	});

	it('sees an ended round’s name, period, themes, doors and questions', () => {
		expect(ended).toMatchObject({
			name: 'Voorjaarsronde',
			startsOn: '2026-01-05',
			endsOn: '2026-01-30',
			status: 'ended',
			figuresFrom: '2026-02-06',
			areas: [{ id: home.buurt.id, name: expect.stringContaining('Buurt') }],
			themes: ['groen', 'taal'],
			doors: 22
		});
		expect(ended.questions.map((q) => [q.kind, q.textNl, q.personal])).toEqual([
			['yesno', 'Vraag yesno', false],
			['choice', 'Vraag choice', false],
			['text', 'Vraag text', false],
			['number', 'Vraag number', true]
		]);
	});

	it('sees its counts with the small ones hidden, also from subtraction', () => {
		// 20 doors visited: 14 talked, 5 not home, 1 declined; the 1 is hidden with the 5.
		expect(ended.figures).toMatchObject({ visited: 20, talked: 14, notHome: null, other: null });
		// taal 3 hidden; jeugd 6 listed; wonen 2 not listed at all.
		expect(ended.figures!.themes).toEqual([
			{ theme: 'groen', count: 10, listenedFor: true },
			{ theme: 'taal', count: null, listenedFor: true },
			{ theme: 'jeugd', count: 6, listenedFor: false }
		]);
		expect(ended.figures!.answers).toEqual([
			{
				question: questions.yesno,
				kind: 'yesno',
				answered: 14,
				// 2 no: showing 12 of 14 would tell it, so both are hidden.
				cells: [
					{ value: 'yes', count: null },
					{ value: 'no', count: null }
				]
			},
			{
				question: questions.choice,
				kind: 'choice',
				answered: 14,
				cells: [
					{ value: 'a', count: 8 },
					{ value: 'b', count: null },
					{ value: 'c', count: null }
				]
			},
			{ question: questions.text, kind: 'text', answered: 14, cells: [] }
		]);
	});

	it('gets nothing personal: no talk, note, worker, door or text answer', () => {
		const text = JSON.stringify(answer);
		for (const secret of [NOTE, TEXT, users.worker.id, ...conversationIds, ...doorIds]) {
			expect(text).not.toContain(secret);
		}
	});

	it('sees no figures of a running round, nor of one that ended days ago', () => {
		expect(find(answer, rounds.running)).toMatchObject({ status: 'running', figures: null });
		expect(find(answer, rounds.justEnded)).toMatchObject({ status: 'ended', figures: null });
	});

	it('narrows by area, but never beyond her own', async () => {
		const mine = await summary(users.viewer.pb, [home.buurt.id]);
		expect(mine.rounds.map((r) => r.id)).toContain(rounds.ended);
		expect((await summary(users.viewer.pb, [elsewhere.buurt.id])).rounds).toEqual([]);
		expect((await summary(users.outsider.pb)).rounds.map((r) => r.id)).toEqual([rounds.far]);
	});

	it('leaves no audit entry', async () => {
		const entries = await su.collection('audit_log').getFullList({
			filter: su.filter('actor = {:actor}', { actor: users.viewer.id })
		});
		expect(entries).toEqual([]);
	});
});

describe('other roles', () => {
	it('give workers and coordinators the same aggregates, and admins every round', async () => {
		const viewer = await summary(users.viewer.pb);
		for (const role of ['worker', 'coordinator'] as const) {
			const theirs = await summary(users[role].pb);
			expect(theirs.rounds).toEqual(viewer.rounds);
		}
		const admin = await summary(users.admin.pb);
		expect(find(admin, rounds.ended)).toEqual(find(viewer, rounds.ended));
		expect(admin.rounds.map((r) => r.id)).toEqual(
			expect.arrayContaining([rounds.far, rounds.spanning])
		);
		// The figures do not depend on who asks or which areas: a round spanning two has its own.
		const narrowed = await summary(users.admin.pb, [elsewhere.wijk.id]);
		expect(narrowed.rounds.map((r) => r.id).sort()).toEqual([rounds.far, rounds.spanning].sort());
	});
});

describe('refusals, before any query', () => {
	it('answers 401 to someone not signed in', async () => {
		expect(await statusOf(summary(anonymousClient()))).toBe(401);
	});

	it('answers 400 naming `areas` when it is no list of ids', async () => {
		for (const areas of ['nope', `${home.buurt.id},x`, Array(101).fill(home.buurt.id).join(',')]) {
			const refused = await users.viewer.pb
				.send('/api/krachtkaart/rounds/summary', { query: { areas }, requestKey: null })
				.then(
					() => null,
					(e: { status: number; response: { data: Record<string, { code: string }> } }) => e
				);
			expect(refused?.status).toBe(400);
			expect(refused?.response.data.areas?.code).toBe('invalid');
		}
	});
});
