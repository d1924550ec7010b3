// Suggested connections on the real server (src/lib/suggestions/README.md), through the app's own
// requests (suggestionsApi): a gift is matched to a neighbour's wish and to an initiative that asks
// for help, never to a resident without consent to be contacted or whose consent ran out; who
// sees what per role (a viewer a count at most, a worker or a coordinator of another area
// nothing); accepting makes the link and the follow-up in one go; a dismissed pair never returns;
// refusals carry their codes.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { suggestionsApi } from '$lib/suggestions/suggestions.api';
import type { Suggestion } from '$lib/suggestions/suggestions';
import {
	createAreaTree,
	signedInUser,
	superuserClient,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

interface Refusal {
	status: number;
	response: { data: Record<string, { code: string }> };
}
/** The status and code of a refused request, or [200, ''] when it went through. */
const refusal = (promise: Promise<unknown>) =>
	promise.then(
		() => [200, ''] as const,
		(e: Refusal) => [e.status, Object.values(e.response.data ?? {})[0]?.code ?? ''] as const
	);

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
let coordinator: SignedInUser;
let worker: SignedInUser;
let viewer: SignedInUser;
let outsideWorker: SignedInUser;
let outsideCoordinator: SignedInUser;
const ids = {} as Record<
	| 'anna'
	| 'bert'
	| 'cora'
	| 'dirk'
	| 'gift'
	| 'bertAsset'
	| 'taalcafe'
	| 'bertTalk'
	| 'coraTalk'
	| 'dirkTalk'
	| 'annaTalk',
	string
>;

const point = (lonOffsetMetres: number) => ({
	lon: 5.002 + lonOffsetMetres / (111_320 * Math.cos((52.005 * Math.PI) / 180)),
	lat: 52.005
});

async function person(scopes: string[], until = '2030-01-01T00:00:00.000Z') {
	const consent = { scopes, givenAt: '2026-01-05T10:00:00.000Z', until, source: 'conversation' };
	return (await su.collection('people').create({ area: home.buurt.id, consent })).id;
}

async function talk(personId: string, themes: string[], metres: number, heldAt: string) {
	return (
		await su.collection('conversations').create({
			area: home.buurt.id,
			worker: worker.id,
			person: personId,
			heldAt,
			outcome: 'talked',
			themes,
			location: point(metres)
		})
	).id;
}

async function asset(fields: Record<string, unknown>) {
	return (
		await su.collection('assets').create({
			precision: 'street',
			area: home.buurt.id,
			status: 'active',
			...fields
		})
	).id;
}

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
	viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	outsideWorker = await signedInUser(su, 'worker', [elsewhere.wijk.id]);
	outsideCoordinator = await signedInUser(su, 'coordinator', [elsewhere.wijk.id]);

	ids.anna = await person(['first_name', 'contact']);
	ids.bert = await person(['contact']);
	// Cora said her name may be kept, not that she may be contacted; Dirk's consent ran out.
	ids.cora = await person(['first_name']);
	ids.dirk = await person(['contact'], '2026-02-01T00:00:00.000Z');

	ids.annaTalk = await talk(ids.anna, [], 0, '2026-11-02 09:30:00.000Z');
	ids.bertTalk = await talk(ids.bert, ['taal', 'groen'], 150, '2026-11-20 10:00:00.000Z');
	ids.coraTalk = await talk(ids.cora, ['taal'], 100, '2026-11-21 10:00:00.000Z');
	ids.dirkTalk = await talk(ids.dirk, ['taal'], 50, '2026-11-22 10:00:00.000Z');
	ids.gift = await asset({
		kind: 'capacity',
		title: 'Nederlandse les geven',
		themes: ['taal'],
		location: point(0),
		person: ids.anna,
		sourceConversation: ids.annaTalk
	});
	// Bert's own talent (another theme): the wish's link goes to it.
	ids.bertAsset = await asset({
		kind: 'capacity',
		title: 'Fietsen repareren',
		themes: ['sport'],
		location: point(150),
		person: ids.bert
	});
	ids.taalcafe = await asset({
		kind: 'initiative',
		title: 'Taalcafé De Klop',
		themes: ['taal', 'cultuur'],
		asksHelp: ['taal'],
		precision: 'exact',
		location: point(400)
	});
});

const mine = (items: Suggestion[] | null) =>
	(items ?? []).filter((s) => s.gift.id === ids.gift).sort((a, b) => a.id.localeCompare(b.id));

describe('the suggestions of her areas', () => {
	it('match the gift to the wish and to the initiative, with their evidence, and to nobody else', async () => {
		const { items } = await suggestionsApi(coordinator.pb).list();
		const found = mine(items);
		expect(found).toHaveLength(2);
		const wish = found.find((s) => s.wish !== null)!;
		expect(wish).toMatchObject({
			status: 'open',
			area: { id: home.buurt.id },
			gift: { id: ids.gift, title: 'Nederlandse les geven', themes: ['taal'] },
			wish: { conversation: ids.bertTalk, heldAt: '2026-11-20 10:00:00.000Z' },
			initiative: null,
			evidence: {
				kind: 'wish',
				themes: ['taal'],
				metres: 150,
				talks: [
					{ id: ids.annaTalk, heldAt: '2026-11-02 09:30:00.000Z', side: 'gift' },
					{ id: ids.bertTalk, heldAt: '2026-11-20 10:00:00.000Z', side: 'wish' }
				]
			}
		});
		const help = found.find((s) => s.initiative !== null)!;
		expect(help).toMatchObject({
			initiative: { id: ids.taalcafe, title: 'Taalcafé De Klop' },
			wish: null,
			evidence: { kind: 'initiative', themes: ['taal'], metres: 400 }
		});
		// Cora (no consent to contact) and Dirk (consent ran out) are in none of them.
		const talks = found.flatMap((s) => s.evidence.talks.map((t) => t.id));
		expect(talks).not.toContain(ids.coraTalk);
		expect(talks).not.toContain(ids.dirkTalk);
		// Nothing that names a resident: no people ids, names or notes in the answer.
		const text = JSON.stringify(found);
		for (const id of [ids.anna, ids.bert, ids.cora, ids.dirk]) expect(text).not.toContain(id);
		// Read as a list of conversations, in the audit log.
		const [entry] = await su.collection('audit_log').getFullList({
			filter: su.filter('actor = {:me} && action = "list" && targetCollection = "conversations"', {
				me: coordinator.id
			})
		});
		expect(entry.details).toMatchObject({ route: 'suggestions' });
	});

	it('are read by a worker of the area too, and by nobody outside it', async () => {
		expect(mine((await suggestionsApi(worker.pb).list()).items)).toHaveLength(2);
		expect(mine((await suggestionsApi(outsideWorker.pb).list()).items)).toEqual([]);
		expect(mine((await suggestionsApi(outsideCoordinator.pb).list()).items)).toEqual([]);
		const stored = (client: PocketBase) =>
			client
				.collection('connection_suggestions')
				.getFullList({ filter: su.filter('gift = {:gift}', { gift: ids.gift }) });
		expect(await stored(coordinator.pb)).toHaveLength(2);
		expect(await stored(worker.pb)).toHaveLength(2);
		expect(await stored(outsideCoordinator.pb)).toEqual([]);
		expect(await stored(outsideWorker.pb)).toEqual([]);
	});

	it('give a viewer a count at most, never the suggestions', async () => {
		const answer = await suggestionsApi(viewer.pb).list();
		// Two open ones are fewer than five: not even the count.
		expect(answer).toEqual({ items: null, open: null });
		const records = await viewer.pb.collection('connection_suggestions').getFullList();
		expect(records).toEqual([]);
	});

	it('cannot be written through the records API, not even by their coordinator', async () => {
		const [open] = mine((await suggestionsApi(coordinator.pb).list()).items);
		const update = coordinator.pb
			.collection('connection_suggestions')
			.update(open.id, { status: 'dismissed' });
		expect((await refusal(update))[0]).toBeGreaterThanOrEqual(400);
		const create = coordinator.pb.collection('connection_suggestions').create({
			gift: ids.gift,
			initiative: ids.taalcafe,
			area: home.buurt.id,
			status: 'open'
		});
		expect((await refusal(create))[0]).toBeGreaterThanOrEqual(400);
	});
});

describe('deciding', () => {
	it('is refused with its code before anything is read or written', async () => {
		const [open] = mine((await suggestionsApi(coordinator.pb).list()).items);
		expect(
			await refusal(suggestionsApi(worker.pb).accept(open.id, { assignee: worker.id }))
		).toEqual([403, 'suggestion_not_allowed']);
		expect(await refusal(suggestionsApi(viewer.pb).dismiss(open.id))).toEqual([
			403,
			'suggestion_not_allowed'
		]);
		expect(await refusal(suggestionsApi(coordinator.pb).dismiss('not-an-id'))).toEqual([
			400,
			'suggestion_invalid_id'
		]);
		expect(await refusal(suggestionsApi(coordinator.pb).accept(open.id, { assignee: '' }))).toEqual(
			[400, 'suggestion_assignee_missing']
		);
		expect(
			await refusal(
				suggestionsApi(coordinator.pb).accept(open.id, { assignee: worker.id, due: 'morgen' })
			)
		).toEqual([400, 'suggestion_due_invalid']);
		expect(
			await refusal(suggestionsApi(coordinator.pb).accept(open.id, { assignee: outsideWorker.id }))
		).toEqual([400, 'suggestion_assignee_outside']);
		expect(
			await refusal(
				suggestionsApi(outsideCoordinator.pb).accept(open.id, { assignee: outsideWorker.id })
			)
		).toEqual([404, 'suggestion_not_found']);
		expect(await refusal(suggestionsApi(outsideCoordinator.pb).dismiss(open.id))).toEqual([
			404,
			'suggestion_not_found'
		]);
		// Still open, and nothing was made.
		expect((await su.collection('connection_suggestions').getOne(open.id)).status).toBe('open');
	});

	it('accepting makes the link and the follow-up in one go, for the chosen worker', async () => {
		const api = suggestionsApi(coordinator.pb);
		const wish = mine((await api.list()).items).find((s) => s.wish !== null)!;
		const made = await api.accept(wish.id, { assignee: worker.id, due: '2026-12-20' });

		expect(made.link).not.toBeNull();
		const link = await su.collection('links').getOne(made.link!);
		expect(link).toMatchObject({ from: ids.gift, to: ids.bertAsset, kind: 'connects' });
		const task = await su.collection('follow_ups').getOne(made.followUp);
		expect(task).toMatchObject({
			assignee: worker.id,
			conversation: ids.bertTalk,
			area: home.buurt.id,
			createdBy: coordinator.id,
			done: false
		});
		expect(task.what).toContain('Nederlandse les geven');
		expect(task.due).toContain('2026-12-20');
		const stored = await su.collection('connection_suggestions').getOne(wish.id);
		expect(stored).toMatchObject({
			status: 'accepted',
			decidedBy: coordinator.id,
			link: made.link,
			followUp: made.followUp
		});
		// The worker finds it among her tasks.
		const hers = await worker.pb
			.collection('follow_ups')
			.getFullList({ filter: su.filter('assignee = {:me} && done = false', { me: worker.id }) });
		expect(hers.map((t) => t.id)).toContain(made.followUp);

		// Decided once: a second accept makes nothing more.
		expect(await refusal(api.accept(wish.id, { assignee: worker.id }))).toEqual([
			409,
			'suggestion_decided'
		]);
		const links = await su
			.collection('links')
			.getFullList({ filter: su.filter('from = {:gift}', { gift: ids.gift }) });
		expect(links).toHaveLength(1);
		expect(mine((await api.list()).items).map((s) => s.id)).not.toContain(wish.id);
	});

	it('a dismissed pair never comes back, until reopened', async () => {
		const api = suggestionsApi(coordinator.pb);
		const help = mine((await api.list()).items).find((s) => s.initiative !== null)!;
		await api.dismiss(help.id);
		for (let i = 0; i < 2; i++) {
			expect(mine((await api.list()).items)).toEqual([]);
		}
		const stored = await su.collection('connection_suggestions').getFullList({
			filter: su.filter('gift = {:gift} && initiative = {:i}', { gift: ids.gift, i: ids.taalcafe })
		});
		expect(stored.map((s) => s.status)).toEqual(['dismissed']);

		await api.reopen(help.id);
		expect(mine((await api.list()).items).map((s) => s.id)).toEqual([help.id]);
		expect(await refusal(api.reopen(help.id))).toEqual([409, 'suggestion_not_decided']);
	});

	it('an accept undone removes its link and follow-up', async () => {
		const api = suggestionsApi(coordinator.pb);
		const help = mine((await api.list()).items).find((s) => s.initiative !== null)!;
		const made = await api.accept(help.id, { assignee: worker.id });
		expect((await su.collection('links').getOne(made.link!)).to).toBe(ids.taalcafe);
		await api.reopen(help.id);
		expect(await refusal(su.collection('links').getOne(made.link!))).toEqual([404, '']);
		expect(await refusal(su.collection('follow_ups').getOne(made.followUp))).toEqual([404, '']);
	});

	it('stops suggesting a resident as soon as she withdraws consent to be contacted', async () => {
		const api = suggestionsApi(coordinator.pb);
		expect(mine((await api.list()).items)).toHaveLength(1);
		await su.collection('people').update(ids.anna, {
			consent: {
				scopes: ['first_name'],
				givenAt: '2026-01-05T10:00:00.000Z',
				source: 'conversation'
			}
		});
		expect(mine((await api.list()).items)).toEqual([]);
	});
});

describe('a wisher without an asset of her own', () => {
	it('gets the introduction as a follow-up, and no line on the map', async () => {
		const fleur = await person(['contact']);
		const eva = await person(['first_name', 'contact']);
		const evaTalk = await talk(eva, ['werk'], 300, '2026-11-25 15:00:00.000Z');
		const gift = await asset({
			kind: 'capacity',
			title: 'Sollicitatiebrieven nakijken',
			themes: ['werk'],
			location: point(250),
			person: fleur
		});
		const api = suggestionsApi(coordinator.pb);
		const found = (await api.list()).items!.filter((s) => s.gift.id === gift);
		expect(found.map((s) => s.wish?.conversation)).toEqual([evaTalk]);
		expect(found[0].evidence).toMatchObject({ kind: 'wish', themes: ['werk'], metres: 50 });

		const made = await api.accept(found[0].id, { assignee: worker.id });
		expect(made.link).toBeNull();
		const task = await su.collection('follow_ups').getOne(made.followUp);
		expect(task).toMatchObject({ assignee: worker.id, conversation: evaTalk });
		expect(task.what).toContain('de bewoner uit het gesprek van 25-11-2026');
		const links = await su
			.collection('links')
			.getFullList({ filter: su.filter('from = {:gift} || to = {:gift}', { gift }) });
		expect(links).toEqual([]);
	});
});
