// Guards WalkState with a fake server and an outbox in memory: a load joined with what arrived
// live or was logged meanwhile, an answer for old areas ignored, a failed reload that keeps the
// list, logging through the outbox, a catch-up when the connection returns, and a refused talk
// fixed and sent again under its own id.
import { describe, expect, it } from 'vitest';
import type { AddressRecord } from '$lib/addresses/addresses';
import type { RealtimeAction } from '$lib/pocketbase/realtime.api';
import type { OutboxItem, SendOutcome } from '$lib/sync/outbox';
import type { OutboxStore } from '$lib/sync/outbox.db';
import { memoryOutboxStore } from '$lib/sync/outbox.fixture';
import { OutboxState } from '$lib/sync/outbox.svelte';
import { emptyDraft } from './conversation-draft';
import type { WalkApi, WalkData } from './conversations.api';
import type { Visit } from './walk-list';
import { WalkState } from './walk.svelte';

const door = (id: string, number: string): AddressRecord =>
	({
		id,
		street: 'Wolgadreef',
		number,
		postcode: '3562AB',
		city: 'Utrecht',
		location: { lon: 5.1, lat: 52.1 },
		area: 'area00000000001'
	}) as AddressRecord;
const visit = (id: string, address: string, heldAt = '2026-11-20 10:00:00.000Z'): Visit => ({
	id,
	address,
	heldAt,
	outcome: 'not_home',
	worker: 'usr000000000002'
});

/** A server whose answers the test hands out one by one, and whose live events it sends. */
function fakeApi() {
	const pending: { areas: readonly string[]; answer: (data: WalkData | Error) => void }[] = [];
	let live: ((action: RealtimeAction, visit: Visit) => void) | null = null;
	const api: WalkApi = {
		loadWalk(areas) {
			return new Promise((resolve, reject) =>
				pending.push({
					areas,
					answer: (data) => (data instanceof Error ? reject(data) : resolve(data))
				})
			);
		},
		subscribeVisits(callback) {
			live = callback;
			return () => (live = null);
		}
	};
	return {
		api,
		pending,
		send: (action: RealtimeAction, v: Visit) => live?.(action, v),
		get following() {
			return live !== null;
		}
	};
}

function memoryOutbox(answer: () => SendOutcome, store: OutboxStore = memoryOutboxStore()) {
	const sent: OutboxItem[] = [];
	const outbox = new OutboxState(
		store,
		async (item) => {
			sent.push(item);
			return answer();
		},
		() => Date.now(),
		() => true
	);
	return { outbox, sent };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('WalkState', () => {
	it('joins a load with what arrived live meanwhile, and ignores an answer for old areas', async () => {
		const server = fakeApi();
		const { outbox } = memoryOutbox(() => ({ kind: 'stored' }));
		const walk = new WalkState(server.api, outbox);
		const stop = walk.follow();
		void walk.load(['old']);
		const loading = walk.load(['new']);
		expect(walk.status).toBe('loading');
		server.send('create', visit('live1', 'd1'));
		server.pending[1].answer({ addresses: [door('d1', '1')], visits: [visit('v1', 'd1')] });
		await loading;
		server.pending[0].answer({ addresses: [door('x', '9')], visits: [] });
		await settle();
		expect(walk.status).toBe('ready');
		expect(walk.addresses.map((a) => a.id)).toEqual(['d1']);
		expect(walk.visits.map((v) => v.id).sort()).toEqual(['live1', 'v1']);
		server.send('delete', visit('v1', 'd1'));
		expect(walk.visits.map((v) => v.id)).toEqual(['live1']);
		stop();
		expect(server.following).toBe(false);
	});

	it('keeps the list when a catch-up fails, and catches up only when the connection returns', async () => {
		const server = fakeApi();
		const { outbox } = memoryOutbox(() => ({ kind: 'stored' }));
		const walk = new WalkState(server.api, outbox);
		const loading = walk.load(['a']);
		server.pending[0].answer({ addresses: [door('d1', '1')], visits: [] });
		await loading;
		walk.connection(true);
		expect(server.pending).toHaveLength(1);
		walk.connection(false);
		walk.connection(true);
		expect(server.pending).toHaveLength(2);
		expect(server.pending[1].areas).toEqual(['a']);
		server.pending[1].answer(new Error('offline'));
		await settle();
		expect(walk.status).toBe('ready');
		expect(walk.addresses).toHaveLength(1);

		const failing = new WalkState(server.api, outbox);
		const first = failing.load(['a']);
		server.pending[2].answer(new Error('offline'));
		await first;
		expect(failing.status).toBe('error');
	});

	it('keeps a ready list on screen when the same areas are asked for again', async () => {
		// The sheet's effect runs again when the layout's auth refresh replaces the user record:
		// the list must not go back to "loading" (walk-sheet.e2e.ts once saw it empty after "ready").
		const server = fakeApi();
		const { outbox } = memoryOutbox(() => ({ kind: 'stored' }));
		const walk = new WalkState(server.api, outbox);
		const first = walk.load(['a', 'b']);
		server.pending[0].answer({ addresses: [door('d1', '1')], visits: [] });
		await first;
		const again = walk.load(['b', 'a']);
		expect(walk.status).toBe('ready');
		expect(walk.addresses.map((a) => a.id)).toEqual(['d1']);
		expect(server.pending[1].areas).toEqual(['a', 'b']);
		server.pending[1].answer({ addresses: [door('d1', '1'), door('d2', '2')], visits: [] });
		await again;
		expect(walk.status).toBe('ready');
		expect(walk.addresses.map((a) => a.id)).toEqual(['d1', 'd2']);

		// Other areas are another list: "loading" until it is there.
		const other = walk.load(['c']);
		expect(walk.status).toBe('loading');
		server.pending[2].answer({ addresses: [], visits: [] });
		await other;
		expect(walk.status).toBe('ready');
	});

	it('loads when her areas change, not when the same areas are asked for again', async () => {
		const server = fakeApi();
		const { outbox } = memoryOutbox(() => ({ kind: 'stored' }));
		const walk = new WalkState(server.api, outbox);
		walk.showAreas(['a']);
		expect(server.pending.map((p) => p.areas)).toEqual([['a']]);
		server.pending[0].answer({ addresses: [door('d1', '1')], visits: [] });
		await settle();
		// The session's refresh replaces the user record with the same areas: nothing to load.
		walk.showAreas(['a']);
		expect(server.pending).toHaveLength(1);
		walk.showAreas(['a', 'b']);
		expect(server.pending.map((p) => p.areas)).toEqual([['a'], ['a', 'b']]);
	});

	it("keeps a door she talked at off her list with an old copy, until the server's list has the talk", async () => {
		const server = fakeApi();
		const store = memoryOutboxStore();
		const { outbox } = memoryOutbox(() => ({ kind: 'stored' }), store);
		const walk = new WalkState(server.api, outbox);
		const d1 = door('d1', '1');
		const loading = walk.load(['a']);
		server.pending[0].answer({ addresses: [d1], visits: [] });
		await loading;
		const place = { location: d1.location, locationSource: 'address' } as const;
		const item = await walk.log({ door: d1, worker: 'usr000000000001', outcome: 'talked', place });
		await outbox.sync();
		expect(outbox.items).toEqual([]);

		// A reload without a connection: copies the service worker kept. One has the talk (kept
		// after it was sent), then an older one (of her areas before a change) has not.
		const { outbox: reloaded } = memoryOutbox(() => ({ kind: 'stored' }), store);
		await reloaded.load();
		const offline = new WalkState(server.api, reloaded);
		const talked = { ...visit(item.id, 'd1', item.body.heldAt), outcome: 'talked' as const };
		const newer = offline.load(['a']);
		server.pending[1].answer({ addresses: [d1], visits: [talked], kept: true });
		await newer;
		await settle();
		expect(store.kept.size).toBe(1);
		const older = offline.load(['a', 'b']);
		server.pending[2].answer({ addresses: [d1], visits: [], kept: true });
		await older;
		expect(offline.visits.map((v) => [v.id, v.address, v.outcome])).toEqual([
			[item.id, 'd1', 'talked']
		]);

		// The server's list has it: the receipt goes, the visit stays.
		const refreshed = offline.refresh();
		server.pending[3].answer({ addresses: [d1], visits: [talked] });
		await refreshed;
		await settle();
		expect(store.kept.size).toBe(0);
		expect(offline.visits.map((v) => v.id)).toEqual([item.id]);
	});

	it('logs a conversation through the outbox and shows it on the door at once', async () => {
		const server = fakeApi();
		const { outbox, sent } = memoryOutbox(() => ({ kind: 'retry', message: 'network' }));
		const walk = new WalkState(server.api, outbox);
		const d1 = door('d1', '1');
		const item = await walk.log({
			door: d1,
			worker: 'usr000000000001',
			outcome: 'talked',
			place: { location: d1.location, locationSource: 'address' },
			draft: { ...emptyDraft(), notes: ' Fijn ' },
			heldAt: '2026-11-23T10:00:00.000Z'
		});
		expect(item.body).toMatchObject({
			address: 'd1',
			area: d1.area,
			outcome: 'talked',
			notes: 'Fijn'
		});
		expect(walk.visits).toEqual([
			{
				id: item.id,
				address: 'd1',
				heldAt: '2026-11-23T10:00:00.000Z',
				outcome: 'talked',
				worker: 'usr000000000001'
			}
		]);
		await settle();
		expect(sent.map((i) => i.id)).toEqual([item.id]);
	});

	it('sends a refused talk again, fixed, under its own id, keeping its door, worker and time', async () => {
		const server = fakeApi();
		let answer: SendOutcome = {
			kind: 'rejected',
			message: 'Kies anoniem óf met voornaam, niet allebei.',
			fields: { consent: { code: 'consent_contradicts', message: 'Kies anoniem óf met voornaam.' } }
		};
		const { outbox, sent } = memoryOutbox(() => answer);
		const walk = new WalkState(server.api, outbox);
		const loading = walk.load(['a']);
		const d1 = door('d1', '1');
		server.pending[0].answer({ addresses: [d1], visits: [] });
		await loading;
		const draft = {
			...emptyDraft(),
			consent: ['anonymous' as const, 'first_name' as const],
			firstName: 'Jan'
		};
		const item = await walk.log({
			door: d1,
			worker: 'usr000000000001',
			outcome: 'talked',
			place: { location: { lon: 5.2, lat: 52.2 }, locationSource: 'map' },
			draft,
			heldAt: '2026-11-23T10:00:00.000Z'
		});
		await outbox.sync();
		expect(walk.refused).toEqual([{ item: outbox.rejected[0], door: d1 }]);

		answer = { kind: 'stored' };
		await walk.fix(walk.refused[0].item, {
			outcome: 'talked',
			draft: { ...draft, consent: ['first_name'] },
			place: null
		});
		await outbox.sync();
		expect(walk.refused).toEqual([]);
		expect(outbox.items).toEqual([]);
		const resent = sent.at(-1)!;
		expect(sent.map((i) => i.id)).toEqual([item.id, item.id]);
		// Pointed out on the map before, back at the door now that no place was picked.
		expect(resent.body).toMatchObject({
			address: 'd1',
			worker: 'usr000000000001',
			heldAt: '2026-11-23T10:00:00.000Z',
			consent: ['first_name'],
			resident: { firstName: 'Jan', contact: '', isKeyFigure: false },
			location: d1.location,
			locationSource: 'address'
		});
	});

	it("keeps a refused talk's walk list and the answers she fixed", async () => {
		const server = fakeApi();
		let answer: SendOutcome = {
			kind: 'rejected',
			message: 'Een antwoord past niet bij zijn vraag.',
			fields: {
				answers: { code: 'answer_invalid', message: 'Een antwoord past niet bij zijn vraag.' }
			}
		};
		const { outbox, sent } = memoryOutbox(() => answer);
		const walk = new WalkState(server.api, outbox);
		const d1 = door('d1', '1');
		const round = { walkList: 'lst000000000001', questions: [{ id: 'q1' }, { id: 'q2' }] };
		const draft = { ...emptyDraft(), answers: { q1: 'ja', q2: 'Bankjes' } };
		const item = await walk.log({
			door: d1,
			worker: 'usr000000000001',
			outcome: 'talked',
			place: { location: d1.location, locationSource: 'address' },
			draft,
			heldAt: '2026-11-23T10:00:00.000Z',
			round
		});
		expect(item.body).toMatchObject({ walkList: 'lst000000000001', answers: draft.answers });
		await outbox.sync();
		answer = { kind: 'stored' };
		await walk.fix(outbox.rejected[0], {
			outcome: 'talked',
			draft: { ...draft, answers: { q1: true, q2: ' Bankjes ' } },
			place: null
		});
		await outbox.sync();
		expect(sent.map((i) => i.id)).toEqual([item.id, item.id]);
		expect(sent.at(-1)!.body).toMatchObject({
			walkList: 'lst000000000001',
			answers: { q1: true, q2: 'Bankjes' }
		});
	});

	it('sends a refused talk again as it is, or lets it go', async () => {
		const server = fakeApi();
		let answer: SendOutcome = {
			kind: 'rejected',
			message: 'Refused',
			fields: { area: { code: 'outside_areas', message: 'Not in her areas' } }
		};
		const { outbox, sent } = memoryOutbox(() => answer);
		const walk = new WalkState(server.api, outbox);
		const d1 = door('d1', '1');
		const place = { location: d1.location, locationSource: 'address' as const };
		const first = await walk.log({ door: d1, worker: 'u1', outcome: 'not_home', place });
		const second = await walk.log({ door: d1, worker: 'u1', outcome: 'vacant', place });
		await outbox.sync();
		expect(walk.refused.map((r) => [r.item.id, r.door])).toEqual([
			[first.id, null],
			[second.id, null]
		]);

		answer = { kind: 'stored' };
		await walk.resend(walk.refused[0].item);
		await outbox.sync();
		expect(sent.at(-1)).toMatchObject({ id: first.id, body: first.body });
		await walk.discard(walk.refused[0].item);
		expect(walk.refused).toEqual([]);
		expect(outbox.items).toEqual([]);
	});
});
