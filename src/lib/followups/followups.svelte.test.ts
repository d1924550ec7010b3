// Guards FollowUpsState with a server in memory: a worker loads only hers, a coordinator her
// team's too; a tick shows at once, reaches the server, and its undo follows it in order; a
// refused write puts things back; realtime brings new ones for her and ignores echoes of her
// own writes while they are under way.
import { describe, expect, it, vi } from 'vitest';
import type { RealtimeEvent } from '$lib/pocketbase/realtime.api';
import type { FollowUp } from './followups';
import type { FollowUpsApi } from './followups.api';
import { FollowUpsState, type FollowUpsUser } from './followups.svelte';
import { followUp } from './followups.fixture';

const NOW = new Date('2026-11-25T10:00:00Z');
const worker: FollowUpsUser = { id: 'me', role: 'worker', areas: ['w1'] };
const coordinator: FollowUpsUser = { id: 'me', role: 'coordinator', areas: ['w1'] };

/** A server in memory; `hold()` keeps the next writes waiting until `release()`. */
function fakeServer(records: FollowUp[]) {
	const stored = new Map(records.map((r) => [r.id, r]));
	const calls: string[] = [];
	let listener: ((event: RealtimeEvent<FollowUp>) => void) | null = null;
	let live: (() => void) | null = null;
	let refuse = false;
	let held: (() => void)[] | null = null;
	let clock = 0;
	const wait = () => (held ? new Promise<void>((go) => held!.push(go)) : Promise.resolve());
	const save = async (id: string, patch: Partial<FollowUp>) => {
		calls.push(`${id}:${JSON.stringify(patch.expand ? { assignee: patch.assignee } : patch)}`);
		await wait();
		if (refuse) throw Object.assign(new Error('Not found'), { status: 404 });
		clock += 1;
		const before = stored.get(id)!;
		const done = patch.done ?? before.done;
		const next: FollowUp = {
			...before,
			...patch,
			doneAt: done ? (done === before.done ? before.doneAt : '2026-11-25 10:00:00.000Z') : '',
			doneBy: done ? 'me' : '',
			updated: `2026-11-25 10:00:0${clock}.000Z`
		};
		stored.set(id, next);
		return next;
	};
	const api: FollowUpsApi = {
		async listOpen({ assignee } = {}) {
			calls.push(`listOpen:${assignee ?? 'all'}`);
			return [...stored.values()].filter((f) => !f.done && (!assignee || f.assignee === assignee));
		},
		async listDone(assignee) {
			return [...stored.values()].filter((f) => f.done && f.assignee === assignee);
		},
		setDone: (id, done) => save(id, { done }),
		// The real server answers with the new assignee expanded (FOLLOW_UP_QUERY).
		reassign: (id, assignee) =>
			save(id, { assignee, expand: { assignee: { id: assignee, name: `Naam ${assignee}` } } }),
		async listColleagues() {
			return [
				{ id: 'me', name: 'Cora', role: 'coordinator' },
				{ id: 'u2', name: 'Wendy', role: 'worker' }
			];
		},
		async listFarFromAddress() {
			return [];
		},
		subscribe(callback, onlive) {
			listener = callback;
			live = onlive ?? null;
			return () => (listener = null);
		}
	};
	return {
		api,
		calls,
		stored,
		emit: (event: RealtimeEvent<FollowUp>) => listener?.(event),
		/** The server confirms the subscription. */
		confirm: () => live?.(),
		get listening() {
			return listener !== null;
		},
		refuse: (yes = true) => (refuse = yes),
		hold: () => (held = []),
		release: () => {
			const waiting = held ?? [];
			held = null;
			for (const go of waiting) go();
		}
	};
}

const ids = (list: FollowUp[]) => list.map((f) => f.id);
/** The loaded record with this id, as the page hands it over. */
const item = (state: FollowUpsState, id: string) =>
	[...state.open, ...state.done].find((f) => f.id === id)!;
/** Lets queued promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('FollowUpsState', () => {
	it('loads only hers for a worker', async () => {
		const server = fakeServer([followUp('a'), followUp('b', { assignee: 'u2' })]);
		const state = new FollowUpsState(server.api, () => NOW);
		await state.load(worker);
		expect(server.calls).toContain('listOpen:me');
		expect(ids(state.mine)).toEqual(['a']);
		expect(state.team).toEqual([]);
		expect(state.status).toBe('ready');
	});

	it('loads the team’s open ones for a coordinator, apart from hers', async () => {
		const server = fakeServer([followUp('a'), followUp('b', { assignee: 'u2' })]);
		const state = new FollowUpsState(server.api, () => NOW);
		await state.load(coordinator);
		expect(server.calls).toContain('listOpen:all');
		expect(ids(state.mine)).toEqual(['a']);
		expect(ids(state.team)).toEqual(['b']);
	});

	it('says when loading failed', async () => {
		const server = fakeServer([]);
		server.api.listOpen = async () => {
			throw Object.assign(new Error('offline'), { status: 0 });
		};
		const state = new FollowUpsState(server.api, () => NOW);
		await state.load(worker);
		expect(state.status).toBe('error');
		expect(state.error).toBe('network');
	});

	it('ticks one off at once, then keeps what the server answered', async () => {
		const server = fakeServer([followUp('a')]);
		const state = new FollowUpsState(server.api, () => NOW);
		await state.load(worker);
		server.hold();
		const saving = state.setDone(item(state, 'a'), true);
		// Before the server answered.
		expect(state.mine).toEqual([]);
		expect(ids(state.done)).toEqual(['a']);
		server.release();
		await saving;
		expect(state.done[0]).toEqual(server.stored.get('a'));
		expect(state.done[0].doneBy).toBe('me');
	});

	it('sends an undo only after the tick it undoes, and ends open', async () => {
		const server = fakeServer([followUp('a')]);
		const state = new FollowUpsState(server.api, () => NOW);
		await state.load(worker);
		server.hold();
		const tick = state.setDone(item(state, 'a'), true);
		const undo = state.setDone(item(state, 'a'), false);
		expect(ids(state.mine)).toEqual(['a']);
		await settle();
		// The undo waits for the tick: only one request has gone out.
		expect(server.calls.filter((c) => c.startsWith('a:'))).toEqual(['a:{"done":true}']);
		server.release();
		await tick;
		server.release();
		await undo;
		expect(server.calls.filter((c) => c.startsWith('a:'))).toEqual([
			'a:{"done":true}',
			'a:{"done":false}'
		]);
		expect(server.stored.get('a')?.done).toBe(false);
		expect(ids(state.mine)).toEqual(['a']);
		expect(state.done).toEqual([]);
	});

	it('puts a refused tick back and says so', async () => {
		const server = fakeServer([followUp('a')]);
		const state = new FollowUpsState(server.api, () => NOW);
		await state.load(worker);
		server.refuse();
		await expect(state.setDone(item(state, 'a'), true)).rejects.toMatchObject({ status: 404 });
		expect(ids(state.mine)).toEqual(['a']);
		expect(state.done).toEqual([]);
	});

	it('lets a coordinator hand one to a colleague, and takes it back when refused', async () => {
		const server = fakeServer([followUp('a'), followUp('b')]);
		const state = new FollowUpsState(server.api, () => NOW);
		await state.load(coordinator);
		await state.loadCoordination(coordinator);
		expect(state.colleagues.map((c) => c.name)).toEqual(['Cora', 'Wendy']);
		await state.reassign(item(state, 'a'), 'u2');
		expect(ids(state.mine)).toEqual(['b']);
		expect(ids(state.team)).toEqual(['a']);
		expect(state.team[0].expand?.assignee?.name).toBe('Naam u2');
		server.refuse();
		await expect(state.reassign(item(state, 'b'), 'u2')).rejects.toBeDefined();
		expect(ids(state.mine)).toEqual(['b']);
	});

	it('lets a coordinator tick off a team member’s, and undo it though it left both lists', async () => {
		const server = fakeServer([followUp('t', { assignee: 'u2' })]);
		const state = new FollowUpsState(server.api, () => NOW);
		await state.load(coordinator);
		const theirs = item(state, 't');
		await state.setDone(theirs, true);
		expect(state.team).toEqual([]);
		expect(state.done).toEqual([]);
		await state.setDone(theirs, false);
		expect(ids(state.team)).toEqual(['t']);
		expect(server.stored.get('t')?.done).toBe(false);
	});

	it('shows a new one for her as it arrives, and stops listening on teardown', async () => {
		const server = fakeServer([]);
		const state = new FollowUpsState(server.api, () => NOW);
		await state.load(worker);
		const stop = state.startLive();
		server.emit({ action: 'create', record: followUp('new') });
		server.emit({ action: 'create', record: followUp('theirs', { assignee: 'u2' }) });
		expect(ids(state.mine)).toEqual(['new']);
		server.emit({ action: 'delete', record: followUp('new') });
		expect(state.mine).toEqual([]);
		stop();
		expect(server.listening).toBe(false);
	});

	it('loads again once the server has the subscription: a change made before it came as no event', async () => {
		const server = fakeServer([followUp('a')]);
		const state = new FollowUpsState(server.api, () => NOW);
		await state.load(worker);
		state.startLive();
		expect(state.live).toBe(false);
		server.stored.set('b', followUp('b'));
		server.confirm();
		expect(state.live).toBe(true);
		await vi.waitFor(() => expect(ids(state.mine)).toEqual(['a', 'b']));
	});

	it('ignores the echo of a write still under way', async () => {
		const server = fakeServer([followUp('a')]);
		const state = new FollowUpsState(server.api, () => NOW);
		await state.load(worker);
		state.startLive();
		server.hold();
		const tick = state.setDone(item(state, 'a'), true);
		const undo = state.setDone(item(state, 'a'), false);
		// The tick's echo, arriving while the undo is still waiting.
		server.emit({
			action: 'update',
			record: followUp('a', {
				done: true,
				doneAt: '2026-11-25 10:00:00.000Z',
				updated: '2026-11-25 10:00:05.000Z'
			})
		});
		expect(ids(state.mine)).toEqual(['a']);
		server.release();
		await tick;
		server.release();
		await undo;
		expect(ids(state.mine)).toEqual(['a']);
	});
});
