// Listening rounds on the real server (src/lib/rounds/README.md, "The rules"): who may list, view,
// create, change and delete rounds, questions and walk lists (rules: pb_hooks/lib/area-rules.js;
// hooks: pb_hooks/rounds.pb.js with lib/rounds.js), a worker's check-out and give-back, a talk's
// answers (pb_hooks/conversations.pb.js), that viewers reach neither the lists nor the answers
// through a filter, and that retention clears the answers to personal questions.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { makerOf } from '../support/area-records';
import {
	anonymousClient,
	createAreaTree,
	createDoorsInARow,
	createQuestions,
	createRound,
	createWalkList,
	CHOICE_OPTIONS,
	signedInUser,
	statusOf,
	superuserClient,
	unique,
	type AreaTree,
	type Door,
	type SignedInUser
} from '../support/fixtures';

type Actor =
	'admin' | 'coordinator' | 'otherCoordinator' | 'worker' | 'outsider' | 'viewer' | 'guest';
type Operation = 'list' | 'view' | 'create' | 'update' | 'delete';
const ACTORS: Actor[] = [
	'admin',
	'coordinator',
	'otherCoordinator',
	'worker',
	'outsider',
	'viewer',
	'guest'
];
const COLLECTIONS = ['rounds', 'round_questions', 'walk_lists'] as const;

interface Refusal {
	status: number;
	response: { message: string; data: Record<string, { code: string; message: string }> };
}
const refusalOf = (promise: Promise<unknown>) =>
	promise.then(
		() => null,
		(e: Refusal) => e
	);

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
let doors: Door[];
const users = {} as Record<Exclude<Actor, 'guest'>, SignedInUser>;
let pairWorker: SignedInUser;
const client = (actor: Actor) => (actor === 'guest' ? anonymousClient() : users[actor].pb);

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	users.admin = await signedInUser(su, 'admin', []);
	users.coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	users.otherCoordinator = await signedInUser(su, 'coordinator', [elsewhere.wijk.id]);
	users.worker = await signedInUser(su, 'worker', [home.wijk.id]);
	users.outsider = await signedInUser(su, 'worker', [elsewhere.wijk.id]);
	users.viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	pairWorker = await signedInUser(su, 'worker', [home.buurt.id]);
	doors = await createDoorsInARow(su, home.buurt.id, {
		street: `Luisterstraat ${unique()}`,
		postcode: '3500AD',
		lat: 52.004
	});
});

const allowed: Record<Operation, Actor[]> = {
	list: ['admin', 'coordinator', 'worker'],
	view: ['admin', 'coordinator', 'worker'],
	create: ['admin', 'coordinator'],
	update: ['admin', 'coordinator'],
	delete: ['admin', 'coordinator']
};

const updates: Record<(typeof COLLECTIONS)[number], Record<string, unknown>> = {
	rounds: { name: 'Luisterronde voorjaar' },
	round_questions: { textNl: 'Wat mist u het meest?' },
	walk_lists: { name: 'Lijst Oost' }
};

/** Whether an actor may do an operation on a fresh record of the home buurt. */
async function attempt(
	name: (typeof COLLECTIONS)[number],
	operation: Operation,
	actor: Actor
): Promise<boolean> {
	const maker = makerOf(name);
	const records = client(actor).collection(name);
	const denied = (error: { status?: number }) => {
		if (![400, 401, 403, 404].includes(error.status ?? 0)) throw error;
		return false;
	};
	if (operation === 'create') {
		const body = await maker.body(su, home.buurt.id, '');
		return records.create(body).then(() => true, denied);
	}
	const { id } = await maker.record(su, home.buurt.id, '');
	if (operation === 'list') {
		return records
			.getList(1, 10, { filter: `id = "${id}"` })
			.then((page) => page.items.some((item) => item.id === id), denied);
	}
	if (operation === 'view') return records.getOne(id).then(() => true, denied);
	if (operation === 'update') return records.update(id, updates[name]).then(() => true, denied);
	return records.delete(id).then(() => true, denied);
}

describe.each(COLLECTIONS)('%s per role', (name) => {
	it.each(['list', 'view', 'create', 'update', 'delete'] as Operation[])(
		'%s is allowed exactly for the right actors',
		async (operation) => {
			const outcome: Record<string, boolean> = {};
			for (const actor of ACTORS) outcome[actor] = await attempt(name, operation, actor);
			const expected = Object.fromEntries(
				ACTORS.map((actor) => [actor, allowed[operation].includes(actor)])
			);
			expect(outcome).toEqual(expected);
		}
	);
});

describe('a round in two coordinators’ areas', () => {
	async function spanning() {
		const round = await createRound(su, {
			name: 'Over de grens',
			startsOn: '2026-01-01 00:00:00.000Z',
			endsOn: '2026-02-01 00:00:00.000Z',
			areas: [home.buurt.id, elsewhere.buurt.id]
		});
		const question = await su
			.collection('round_questions')
			.create({ round: round.id, kind: 'yesno', textNl: 'Kent u de buren?' });
		const list = await createWalkList(su, round.id, { name: 'Grens' });
		return { round, question, list };
	}

	it('is read by the coordinators and workers of either area', async () => {
		const { round, list } = await spanning();
		for (const actor of ['coordinator', 'otherCoordinator', 'worker', 'outsider'] as const) {
			await expect(users[actor].pb.collection('rounds').getOne(round.id)).resolves.toBeTruthy();
			await expect(users[actor].pb.collection('walk_lists').getOne(list.id)).resolves.toBeTruthy();
		}
	});

	it('is changed and deleted by neither coordinator, only by an admin', async () => {
		const { round, question, list } = await spanning();
		for (const actor of ['coordinator', 'otherCoordinator'] as const) {
			const pb = users[actor].pb;
			const refused = await refusalOf(pb.collection('rounds').update(round.id, { name: 'Mijn' }));
			expect(refused?.status).toBe(403);
			expect(refused?.response.data.areas?.code).toBe('outside_areas');
			expect(await statusOf(pb.collection('rounds').delete(round.id))).toBe(403);
			expect(
				await statusOf(pb.collection('round_questions').update(question.id, { textNl: 'x' }))
			).toBe(403);
			expect(await statusOf(pb.collection('round_questions').delete(question.id))).toBe(403);
			expect(await statusOf(pb.collection('walk_lists').update(list.id, { name: 'x' }))).toBe(403);
			expect(await statusOf(pb.collection('walk_lists').delete(list.id))).toBe(403);
			const addQuestion = pb
				.collection('round_questions')
				.create({ round: round.id, kind: 'text', textNl: 'Nog iets?' });
			expect(await statusOf(addQuestion)).toBe(403);
			const addList = pb.collection('walk_lists').create({ round: round.id, name: 'Nieuw' });
			expect(await statusOf(addList)).toBe(403);
		}
		expect((await su.collection('rounds').getOne(round.id)).name).toBe('Over de grens');
		const admin = users.admin.pb;
		await admin.collection('rounds').update(round.id, { name: 'Samen' });
		await admin.collection('walk_lists').delete(list.id);
		expect((await su.collection('rounds').getOne(round.id)).name).toBe('Samen');
	});

	it('is not made by a coordinator who adds an area outside hers to her own round', async () => {
		const { id } = await makerOf('rounds').record(su, home.buurt.id, '');
		const pb = users.coordinator.pb;
		const refused = await refusalOf(
			pb.collection('rounds').update(id, { 'areas+': elsewhere.buurt.id })
		);
		expect(refused?.status).toBe(403);
		expect(refused?.response.data.areas?.code).toBe('outside_areas');
		expect((await su.collection('rounds').getOne(id)).areas).toEqual([home.buurt.id]);
		// Her own wijk is fine (the test can fail).
		await pb.collection('rounds').update(id, { 'areas+': home.wijk.id });
	});
});

describe('a round’s own checks', () => {
	it('refuses an end before the start, options that do not fit, and an eleventh question', async () => {
		const pb = users.coordinator.pb;
		const body = await makerOf('rounds').body(su, home.buurt.id, '');
		const backwards = await refusalOf(
			pb.collection('rounds').create({ ...body, endsOn: '2025-12-01 00:00:00.000Z' })
		);
		expect(backwards?.response.data.endsOn?.code).toBe('invalid');
		const round = await pb.collection('rounds').create(body);
		const question = (fields: Record<string, unknown>) =>
			pb.collection('round_questions').create({ round: round.id, textNl: 'Vraag', ...fields });
		for (const options of [
			[{ value: 'a', nl: 'A' }],
			[
				{ value: 'a', nl: 'A' },
				{ value: 'a', nl: 'B' }
			],
			'a,b'
		]) {
			const refused = await refusalOf(question({ kind: 'choice', options }));
			expect(refused?.response.data.options?.code, JSON.stringify(options)).toBe('invalid');
		}
		expect(
			(await refusalOf(question({ kind: 'yesno', options: [{ value: 'a', nl: 'A' }] })))?.response
				.data.options?.code
		).toBe('invalid');
		const two = [
			{ value: 'a', nl: 'A', en: 'A' },
			{ value: 'b', nl: 'B', en: 'B' }
		];
		await question({ kind: 'choices', options: two });
		for (let i = 1; i < 10; i++) await question({ kind: 'text' });
		const eleventh = await refusalOf(question({ kind: 'text' }));
		expect(eleventh?.response.data.round?.code).toBe('too_many');
	});

	it('refuses a list with a door outside its round’s areas', async () => {
		const { id: round } = await makerOf('rounds').record(su, home.buurt.id, '');
		const [far] = await createDoorsInARow(su, elsewhere.buurt.id, {
			street: `Verweg ${unique()}`,
			postcode: '3500AE',
			lat: 52.003
		});
		const pb = users.admin.pb;
		const refused = await refusalOf(
			pb.collection('walk_lists').create({ round, name: 'L', addresses: [doors[0].id, far.id] })
		);
		expect(refused?.response.data.addresses?.code).toBe('outside_areas');
		await pb.collection('walk_lists').create({ round, name: 'L', addresses: [doors[0].id] });
	});
});

describe('checking a walk list out and giving it back', () => {
	async function list(fields: Record<string, unknown> = {}) {
		const { id: round } = await makerOf('rounds').record(su, home.buurt.id, '');
		return createWalkList(su, round, {
			name: 'Lijst',
			addresses: doors.map((d) => d.id),
			expiresOn: '2099-01-01 00:00:00.000Z',
			...fields
		});
	}
	const lists = (user: SignedInUser) => user.pb.collection('walk_lists');
	const stored = (id: string) => su.collection('walk_lists').getOne(id);

	it('an assignee checks her list out to herself, and gives it back', async () => {
		const { id } = await list({ assignees: [users.worker.id] });
		const out = await lists(users.worker).update(id, { checkOut: true });
		expect(out.checkedOutBy).toBe(users.worker.id);
		expect(out.checkedOutAt).not.toBe('');
		// Again: already hers.
		await lists(users.worker).update(id, { checkOut: true });
		const back = await lists(users.worker).update(id, { giveBack: true });
		expect(back.checkedOutBy).toBe('');
		expect(back.checkedOutAt).toBe('');
	});

	it('a worker who is not an assignee cannot check it out', async () => {
		const { id } = await list({ assignees: [users.worker.id] });
		const refused = await refusalOf(lists(pairWorker).update(id, { checkOut: true }));
		expect(refused?.status).toBe(403);
		expect(refused?.response.data.assignees?.code).toBe('not_assigned');
		expect((await stored(id)).checkedOutBy).toBe('');
	});

	it('anyone of its areas checks out a list without assignees, unless another has it', async () => {
		const { id } = await list();
		await lists(pairWorker).update(id, { checkOut: true });
		const taken = await refusalOf(lists(users.worker).update(id, { checkOut: true }));
		expect(taken?.status).toBe(409);
		expect(taken?.response.data.checkedOutBy?.code).toBe('taken');
		expect((await stored(id)).checkedOutBy).toBe(pairWorker.id);
		// Nor may she give back what is not hers.
		const notHers = await refusalOf(lists(users.worker).update(id, { giveBack: true }));
		expect(notHers?.response.data.checkedOutBy?.code).toBe('not_yours');
		expect((await stored(id)).checkedOutBy).toBe(pairWorker.id);
	});

	it('a list past its expiry day is done: nobody checks it out, its holder may give it back', async () => {
		const { id } = await list();
		await lists(pairWorker).update(id, { checkOut: true });
		await su.collection('walk_lists').update(id, { expiresOn: '2020-01-01 00:00:00.000Z' });
		for (const user of [users.worker, pairWorker, users.coordinator]) {
			const refused = await refusalOf(lists(user).update(id, { checkOut: true }));
			expect(refused?.status).toBe(409);
			expect(refused?.response.data.expiresOn?.code).toBe('expired');
		}
		expect((await stored(id)).checkedOutBy).toBe(pairWorker.id);
		const given = await lists(pairWorker).update(id, { giveBack: true });
		expect(given.checkedOutBy).toBe('');
		// A new last day, and it is walked again.
		await lists(users.coordinator).update(id, { expiresOn: '2100-01-01 00:00:00.000Z' });
		expect((await lists(users.worker).update(id, { checkOut: true })).checkedOutBy).toBe(
			users.worker.id
		);
	});

	it('a worker changes nothing else, and the refusal names the field', async () => {
		const { id } = await list({ assignees: [users.worker.id] });
		for (const body of [
			{ name: 'Mijn lijst' },
			{ checkOut: true, name: 'Mijn lijst' },
			{ checkOut: true, assignees: [users.worker.id, pairWorker.id] },
			{ expiresOn: '2100-01-01 00:00:00.000Z' }
		]) {
			const refused = await refusalOf(lists(users.worker).update(id, body));
			const field = Object.keys(body).find((key) => key !== 'checkOut')!;
			expect(refused?.status, field).toBe(403);
			expect(refused?.response.data[field]?.code, field).toBe('not_allowed');
			expect(refused?.response.message).toContain(field);
		}
		// Without check-out or give-back nothing is hers to change, not even checkedOutBy.
		const forged = await refusalOf(lists(users.worker).update(id, { checkedOutBy: pairWorker.id }));
		expect(forged?.status).toBe(403);
		const after = await stored(id);
		expect(after.name).toBe('Lijst');
		expect(after.checkedOutBy).toBe('');
	});

	it('a forged checkedOutBy becomes the one who checks out', async () => {
		const { id } = await list();
		const out = await lists(users.worker).update(id, {
			checkOut: true,
			checkedOutBy: pairWorker.id
		});
		expect(out.checkedOutBy).toBe(users.worker.id);
	});

	it('workers elsewhere and viewers cannot check it out; a coordinator gives anyone’s back', async () => {
		const { id } = await list();
		for (const actor of ['outsider', 'viewer'] as const) {
			expect(await statusOf(lists(users[actor]).update(id, { checkOut: true })), actor).toBe(404);
		}
		expect(await statusOf(anonymousClient().collection('walk_lists').update(id, {}))).toBe(404);
		expect((await stored(id)).checkedOutBy).toBe('');
		await lists(users.worker).update(id, { checkOut: true });
		const back = await lists(users.coordinator).update(id, { giveBack: true });
		expect(back.checkedOutBy).toBe('');
	});
});

describe('a talk’s answers', () => {
	let round: string;
	let listId: string;
	const q = {} as Record<'text' | 'choice' | 'choices' | 'yesno' | 'number', string>;
	let otherRoundQuestion: string;

	beforeAll(async () => {
		round = (await makerOf('rounds').record(su, home.buurt.id, '')).id;
		const kinds = ['text', 'choice', 'choices', 'yesno', 'number'] as const;
		const made = await createQuestions(su, round, kinds, { personal: ['text'] });
		for (const question of made) q[question.kind] = question.id;
		listId = (
			await createWalkList(su, round, {
				name: 'Eerste twee',
				addresses: [doors[0].id, doors[1].id],
				assignees: [users.worker.id]
			})
		).id;
		const other = await makerOf('round_questions').record(su, home.buurt.id, '');
		otherRoundQuestion = other.id;
	});

	const good = () => ({
		[q.text]: 'Meer bankjes in het park',
		[q.choice]: 'buren',
		[q.choices]: ['school', 'kerk'],
		[q.yesno]: true,
		[q.number]: 3
	});

	function talk(fields: Record<string, unknown> = {}, by: SignedInUser = users.worker) {
		return by.pb.collection('conversations').create({
			area: home.buurt.id,
			address: doors[0].id,
			worker: by.id,
			heldAt: new Date().toISOString(),
			outcome: 'talked',
			walkList: listId,
			answers: good(),
			...fields
		});
	}

	async function expectRefused(
		fields: Record<string, unknown>,
		field: string,
		code: string,
		by?: SignedInUser
	) {
		const refused = await refusalOf(talk(fields, by));
		expect(refused?.status, JSON.stringify(fields)).toBe(400);
		expect(refused?.response.data[field]?.code, JSON.stringify(refused?.response)).toBe(code);
	}

	it('are kept when every one fits its question of the list’s round', async () => {
		const made = await talk();
		expect(made.answers).toEqual(good());
		expect(made.walkList).toBe(listId);
		// An empty set of answers on the list is a talk like any other.
		await talk({ answers: {} });
	});

	it('are refused for a question of another round', async () => {
		await expectRefused(
			{ answers: { ...good(), [otherRoundQuestion]: true } },
			'answers',
			'other_round'
		);
		await expectRefused({ answers: { nietbestaand1234: 'x' } }, 'answers', 'other_round');
	});

	it('are refused without a walk list', async () => {
		await expectRefused({ walkList: '' }, 'answers', 'answers_without_list');
	});

	it.each([
		['text', 5, 'answer_invalid'],
		['text', 'x'.repeat(501), 'too_long'],
		['choice', 'markt', 'answer_invalid'],
		['choice', ['buren'], 'answer_invalid'],
		['choices', ['school', 'school'], 'answer_invalid'],
		['choices', 'school', 'answer_invalid'],
		['choices', ['school', 'markt'], 'answer_invalid'],
		['yesno', 'ja', 'answer_invalid'],
		['number', '3', 'answer_invalid'],
		['number', null, 'answer_invalid']
	] as const)('a %s answer %j is refused (%s)', async (kind, value, code) => {
		await expectRefused({ answers: { ...good(), [q[kind]]: value } }, 'answers', code);
	});

	it('are refused for a door that is not on the list, and on a talk that was none', async () => {
		await expectRefused({ address: doors[2].id }, 'walkList', 'not_on_list');
		await expectRefused({ address: '' }, 'walkList', 'not_on_list');
		await expectRefused({ outcome: 'not_home' }, 'answers', 'not_talked');
	});

	it('are refused from a worker who is no assignee of the list', async () => {
		await expectRefused({}, 'walkList', 'not_your_list', pairWorker);
		// The coordinator of the area logs on any list of it (the test can fail).
		await talk({}, users.coordinator);
		// And a list without assignees is anyone's of its areas.
		const open = await createWalkList(su, round, { name: 'Open', addresses: [doors[0].id] });
		await talk({ walkList: open.id }, pairWorker);
	});

	it('stay checked when a talk is changed', async () => {
		const made = await talk();
		const pb = users.worker.pb.collection('conversations');
		const refused = await refusalOf(
			pb.update(made.id, { answers: { [otherRoundQuestion]: false } })
		);
		expect(refused?.response.data.answers?.code).toBe('other_round');
		const moved = await refusalOf(pb.update(made.id, { address: doors[2].id }));
		expect(moved?.response.data.walkList?.code).toBe('not_on_list');
		const saved = await pb.update(made.id, { answers: { [q.yesno]: false } });
		expect(saved.answers).toEqual({ [q.yesno]: false });
	});

	it('to personal questions go at retention; the others stay for the round', async () => {
		const made = await talk({ heldAt: '2020-01-01 10:00:00.000Z' });
		await users.admin.pb.send('/api/krachtkaart/retention/run', { method: 'POST', body: {} });
		const after = await su.collection('conversations').getOne(made.id);
		const kept = good();
		delete kept[q.text];
		expect(after.answers).toEqual(kept);
		expect(after.anonymisedAt).not.toBe('');
	});

	it('are in a resident’s export with their questions, and her personal ones go when she is erased', async () => {
		const person = await su.collection('people').create({ area: home.buurt.id });
		const made = await su.collection('conversations').create({
			area: home.buurt.id,
			address: doors[0].id,
			worker: users.worker.id,
			person: person.id,
			heldAt: new Date().toISOString(),
			outcome: 'talked',
			walkList: listId,
			answers: good()
		});
		const data = await users.coordinator.pb.send(`/api/krachtkaart/people/${person.id}/export`, {});
		expect(data.conversations[0].answers).toEqual(good());
		expect(data.lookup.questions[q.choice]).toMatchObject({
			kind: 'choice',
			options: CHOICE_OPTIONS,
			round
		});
		expect(data.lookup.questions[q.text].personal).toBe(true);
		await users.coordinator.pb.send(`/api/krachtkaart/people/${person.id}/erase`, {
			method: 'POST'
		});
		const kept = good();
		delete kept[q.text];
		expect((await su.collection('conversations').getOne(made.id)).answers).toEqual(kept);
	});
});

describe('viewers reach neither lists nor answers', () => {
	const asked = (pb: PocketBase, collection: string, filter: string) =>
		statusOf(pb.collection(collection).getList(1, 1, { filter }));

	it.each([
		['conversations', 'answers ~ "bankjes"'],
		['conversations', 'walkList.round != ""'],
		['assets', 'sourceConversation.answers ~ "bankjes"'],
		['assets', 'sourceConversation.walkList.checkedOutBy != ""'],
		['walk_lists', 'addresses.id != ""'],
		['rounds', 'name != ""'],
		['round_questions', 'personal = true'],
		['addresses', 'walk_lists_via_addresses.checkedOutBy != ""'],
		['areas', 'rounds_via_areas.name != ""']
	])('%s filtered on %s is refused for a viewer', async (collection, filter) => {
		expect(await asked(users.viewer.pb, collection, filter)).toBe(400);
	});

	it('while a worker of the area may ask about them (the test can fail)', async () => {
		for (const [collection, filter] of [
			['conversations', 'answers ~ "bankjes"'],
			['conversations', 'walkList.round != ""'],
			['walk_lists', 'addresses.id != ""']
		]) {
			expect(await asked(users.worker.pb, collection, filter), filter).toBe(0);
		}
	});

	it('nor expand them', async () => {
		const expand = users.viewer.pb
			.collection('assets')
			.getList(1, 1, { expand: 'sourceConversation.walkList' });
		expect(await statusOf(expand)).toBe(400);
	});
});
