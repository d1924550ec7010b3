// Guards TeamState with a fake API: a step replaces the member with the server's answer and says
// what it did; a refusal keeps the list as it was and keeps why; one step at a time.
import { describe, expect, it } from 'vitest';
import type { TeamMember } from './team';
import { TeamState, type TeamStateApi } from './team.svelte';

const fatima: TeamMember = {
	id: 'u1',
	name: 'Fatima',
	email: 'f@example.org',
	role: 'worker',
	areas: ['b1'],
	status: 'active',
	invitedAt: '',
	deactivatedAt: ''
};

function fakeApi(refuse = false): TeamStateApi {
	const answer = async (member: TeamMember) => {
		if (refuse) throw { status: 403, response: { message: 'Nee. / No.' } };
		return member;
	};
	return {
		list: async () => ({ members: [fatima], me: 'me' }),
		areas: async () => [],
		invite: (inv) => answer({ ...fatima, id: 'u2', email: inv.email, status: 'invited' }),
		resend: () => answer({ ...fatima }),
		update: (_id, changes) => answer({ ...fatima, ...changes }),
		deactivate: () => answer({ ...fatima, status: 'deactivated' }),
		reactivate: () => answer({ ...fatima })
	};
}

describe('TeamState', () => {
	it('loads, invites and deactivates, keeping the server’s answer', async () => {
		const team = new TeamState(fakeApi());
		await team.load();
		expect(team.status).toBe('ready');
		expect(team.me).toBe('me');
		expect(
			await team.invite({ email: 'n@example.org', name: '', role: 'viewer', areas: ['b1'] })
		).toBe(true);
		expect(team.members.map((m) => m.id)).toEqual(['u1', 'u2']);
		expect(team.outcome?.step).toBe('invite');
		await team.deactivate('u1');
		expect(team.members[0].status).toBe('deactivated');
		expect(team.outcome).toMatchObject({ step: 'deactivate', member: { id: 'u1' } });
		expect(team.busy).toBeNull();
	});

	it('keeps the list and the reason when the server refuses, one step at a time', async () => {
		const team = new TeamState(fakeApi(true));
		await team.load();
		const first = team.update('u1', { role: 'viewer' });
		expect(await team.deactivate('u1')).toBe(false);
		expect(await first).toBe(false);
		expect(team.members[0].role).toBe('worker');
		expect(team.failure).toMatchObject({ step: 'update', kind: 'forbidden' });
		team.dismiss();
		expect(team.failure).toBeNull();
	});
});
