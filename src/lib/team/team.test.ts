// Guards the team page's pure logic: what a manager may offer (roles, areas within hers), the
// invitation checked before sending, only real changes sent, the server's words in her language.
import { describe, expect, it } from 'vitest';
import type { AreaRecord } from '$lib/pocketbase/types';
import {
	assignableAreas,
	assignableRoles,
	changesFor,
	invitationProblems,
	managesTeam,
	normalisedInvitation,
	passwordProblem,
	serverMessage,
	sortedMembers,
	tokenOfPath,
	type TeamMember
} from './team';

const area = (id: string, level: AreaRecord['level'], parent = ''): AreaRecord => ({
	id,
	code: id,
	name: id,
	level,
	parent,
	geometry: null
});
const AREAS = [
	area('g1', 'gemeente'),
	area('w1', 'wijk', 'g1'),
	area('b1', 'buurt', 'w1'),
	area('w2', 'wijk', 'g1'),
	area('b2', 'buurt', 'w2')
];
const member = (over: Partial<TeamMember> = {}): TeamMember => ({
	id: 'u1',
	name: 'Fatima',
	email: 'f@example.org',
	role: 'worker',
	areas: ['b1'],
	status: 'active',
	invitedAt: '',
	deactivatedAt: '',
	...over
});

describe('team', () => {
	it('offers admins every role and area, coordinators workers, viewers and their own areas', () => {
		expect(assignableRoles('admin')).toEqual(['worker', 'viewer', 'coordinator', 'admin']);
		expect(assignableRoles('coordinator')).toEqual(['worker', 'viewer']);
		expect(assignableRoles('worker')).toEqual([]);
		expect(managesTeam('coordinator')).toBe(true);
		expect(managesTeam('viewer')).toBe(false);
		expect(assignableAreas('admin', [], AREAS)).toHaveLength(5);
		expect(assignableAreas('coordinator', ['w1'], AREAS).map((a) => a.id)).toEqual(['w1', 'b1']);
		expect(assignableAreas('worker', ['w1'], AREAS)).toEqual([]);
	});

	it('checks an invitation field by field before it is sent', () => {
		const ok = { email: ' F@Example.org ', name: 'F', role: 'worker' as const, areas: ['b1'] };
		expect(invitationProblems(ok, 'coordinator')).toEqual([]);
		expect(normalisedInvitation(ok)).toMatchObject({ email: 'f@example.org', name: 'F' });
		expect(
			invitationProblems({ email: 'nope', name: '', role: 'coordinator', areas: [] }, 'coordinator')
		).toEqual(['email', 'role', 'areas']);
		expect(invitationProblems({ ...ok, role: 'admin', areas: [] }, 'admin')).toEqual([]);
		expect(invitationProblems({ ...ok, name: 'x'.repeat(101) }, 'admin')).toEqual(['name']);
	});

	it('sends only what changed', () => {
		expect(changesFor(member(), 'worker', ['b1'])).toEqual({});
		expect(changesFor(member(), 'viewer', ['b1'])).toEqual({ role: 'viewer' });
		expect(changesFor(member(), 'worker', ['b2', 'b1'])).toEqual({ areas: ['b2', 'b1'] });
	});

	it('lists active members first, then invited, then deactivated', () => {
		const list = sortedMembers([
			member({ id: 'a', name: 'Zoë', status: 'deactivated' }),
			member({ id: 'b', name: 'Bram', status: 'invited' }),
			member({ id: 'c', name: 'Anna' })
		]);
		expect(list.map((m) => m.id)).toEqual(['c', 'b', 'a']);
	});

	it('reads the token of a link, the server’s words in her language, and a new password', () => {
		expect(tokenOfPath('/wachtwoord/abc.DEF-1_2')).toBe('abc.DEF-1_2');
		expect(tokenOfPath('/mijn/abc')).toBe('');
		const error = { status: 403, response: { message: 'Niet jouw team. / Not your team.' } };
		expect(serverMessage(error, 'nl')).toBe('Niet jouw team.');
		expect(serverMessage(error, 'en')).toBe('Not your team.');
		expect(serverMessage({ status: 0 }, 'nl')).toBeNull();
		expect(serverMessage({ status: 500, response: { message: 'x' } }, 'nl')).toBeNull();
		expect(passwordProblem('kort', 'kort')).toBe('short');
		expect(passwordProblem('een-lang-wachtwoord', 'anders-wachtwoord')).toBe('mismatch');
		expect(passwordProblem('een-lang-wachtwoord', 'een-lang-wachtwoord')).toBeNull();
	});
});
