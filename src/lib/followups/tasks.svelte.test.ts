// Guards TasksState over a real FollowUpsState with a server in memory: her follow-ups grouped by
// due day, a tick with its undo notice, a refused tick told as refused, and the coordinator's team
// filter falling back to everyone once the colleague has none left.
import { describe, expect, it } from 'vitest';
import type { FollowUp } from './followups';
import type { FollowUpsApi } from './followups.api';
import { FollowUpsState } from './followups.svelte';
import { EVERYONE, TasksState } from './tasks.svelte';
import { followUp } from './followups.fixture';

const NOW = new Date('2026-11-25T10:00:00Z');

function fakeApi(records: FollowUp[], refuse = false): FollowUpsApi {
	const stored = new Map(records.map((r) => [r.id, r]));
	const save = async (id: string, patch: Partial<FollowUp>) => {
		if (refuse) throw Object.assign(new Error('Not found'), { status: 404 });
		const next = { ...stored.get(id)!, ...patch, updated: '2026-11-25 10:00:01.000Z' };
		stored.set(id, next);
		return next;
	};
	return {
		listOpen: async () => [...stored.values()].filter((f) => !f.done),
		listDone: async () => [...stored.values()].filter((f) => f.done),
		setDone: (id, done) => save(id, { done }),
		reassign: (id, assignee) => save(id, { assignee }),
		listColleagues: async () => [{ id: 'u2', name: 'Wendy', role: 'worker' }],
		listFarFromAddress: async () => [],
		subscribe: () => () => {}
	};
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TasksState', () => {
	it('groups her follow-ups by due day and ticks one off with an undo', async () => {
		const followUps = new FollowUpsState(
			fakeApi([
				followUp('a', { due: '2026-11-20 12:00:00.000Z' }),
				followUp('b', { due: '2026-11-25 12:00:00.000Z' })
			]),
			() => NOW
		);
		await followUps.load({ id: 'me', role: 'worker', areas: ['w1'] });
		const tasks = new TasksState(followUps, () => NOW);
		expect(tasks.groups.map((g) => g.group)).toEqual(['overdue', 'today']);

		tasks.tick(followUps.mine[0]);
		expect(tasks.notice).toMatchObject({ kind: 'ticked', what: 'Taak a' });
		await settle();
		expect(followUps.mine.map((f) => f.id)).toEqual(['b']);

		if (tasks.notice?.kind !== 'ticked') throw new Error('no undo');
		tasks.notice.undo();
		expect(tasks.notice).toMatchObject({ kind: 'reopened', what: 'Taak a' });
	});

	it('tells a refused tick apart', async () => {
		const followUps = new FollowUpsState(fakeApi([followUp('a')], true), () => NOW);
		await followUps.load({ id: 'me', role: 'worker', areas: ['w1'] });
		const tasks = new TasksState(followUps, () => NOW);
		tasks.tick(followUps.mine[0]);
		await settle();
		await settle();
		expect(tasks.notice).toEqual({ kind: 'refused' });
	});

	it("filters the team's list by colleague, back to everyone when she has none left", async () => {
		const followUps = new FollowUpsState(
			fakeApi([followUp('a', { assignee: 'u2' }), followUp('b', { assignee: 'u3' })]),
			() => NOW
		);
		const cora = { id: 'me', role: 'coordinator' as const, areas: ['w1'] };
		await followUps.load(cora);
		await followUps.loadCoordination(cora);
		const tasks = new TasksState(followUps, () => NOW);
		tasks.teamFilter = 'u2';
		expect(tasks.teamShown.map((f) => f.id)).toEqual(['a']);

		tasks.reassign(tasks.teamShown[0], 'u3');
		expect(tasks.notice).toEqual({ kind: 'reassigned', what: 'Taak a', name: '' });
		await settle();
		expect(tasks.shownFor).toBe(EVERYONE);
		expect(tasks.teamShown.map((f) => f.id)).toEqual(['a', 'b']);
	});
});
