// Guards the team routes (pb_hooks/team.pb.js, lib/team.js) on the real server, per role: admins
// manage everyone; a coordinator only workers and viewers within her areas, giving only those
// roles and her areas; a coordinator of another area, workers, viewers and anonymous visitors
// nothing, refused before anything is written. The invitation mail's link sets her password and
// she signs in; a resend stops the older link; deactivation ends a session at once and she cannot
// sign in until reactivated; every step leaves an audit entry with who and for whom, no e-mail.
import PocketBase, { ClientResponseError } from 'pocketbase';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { teamApi, passwordApi } from '$lib/team/team.api';
import { tokenOfPath, type TeamMember } from '$lib/team/team';
import { useFetchEventSource } from '../support/event-source';
import { mailsTo, nextMailTo, signInWithPassword } from '../support/mail-drop';
import {
	anonymousClient,
	createAreaTree,
	signedInUser,
	statusOf,
	superuserClient,
	unique,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
let admin: SignedInUser;
let coordinator: SignedInUser;
let otherCoordinator: SignedInUser;
let worker: SignedInUser;
let viewer: SignedInUser;
let outsideWorker: SignedInUser;
let mailDir: string;

const NEW_PASSWORD = 'een-goed-wachtwoord-42';

beforeAll(async () => {
	useFetchEventSource();
	su = await superuserClient();
	mailDir = inject('mailDir');
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	admin = await signedInUser(su, 'admin', []);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	otherCoordinator = await signedInUser(su, 'coordinator', [elsewhere.wijk.id]);
	worker = await signedInUser(su, 'worker', [home.buurt.id]);
	viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	outsideWorker = await signedInUser(su, 'worker', [elsewhere.buurt.id]);
});

const newEmail = () => `invitee-${unique()}@test.krachtkaart.nl`;

/** Audit entries about a user, oldest first. */
async function auditOf(id: string) {
	return su.collection('audit_log').getFullList({
		filter: su.filter('targetCollection = "users" && targetId = {:id}', { id }),
		sort: 'created'
	});
}

/** The token in the newest invitation mail to `email` not among `seen`. */
async function invitationToken(email: string, seen: string[] = []): Promise<string> {
	const mail = await nextMailTo(mailDir, email, seen);
	const href = /href="([^"]+\/wachtwoord\/[^"]+)"/.exec(mail.html);
	expect(href, mail.html).not.toBeNull();
	return tokenOfPath(new URL(href![1]).pathname);
}

async function userByEmail(email: string) {
	return su.collection('users').getFullList({ filter: su.filter('email = {:email}', { email }) });
}

describe('who may see and manage the team', () => {
	it('workers, viewers and anonymous visitors get nothing, before anything is looked up', async () => {
		const email = newEmail();
		for (const pb of [worker.pb, viewer.pb]) {
			const api = teamApi(pb);
			expect(await statusOf(api.list())).toBe(403);
			expect(
				await statusOf(api.invite({ email, name: 'X', role: 'worker', areas: [home.buurt.id] }))
			).toBe(403);
			expect(await statusOf(api.update(outsideWorker.id, { role: 'viewer' }))).toBe(403);
			expect(await statusOf(api.deactivate(outsideWorker.id))).toBe(403);
			expect(await statusOf(api.resend('nosuchid0000000'))).toBe(403);
		}
		const anonymous = teamApi(anonymousClient());
		expect(await statusOf(anonymous.list())).toBe(401);
		expect(await statusOf(anonymous.invite({ email, name: 'X', role: 'worker', areas: [] }))).toBe(
			401
		);
		expect(await userByEmail(email)).toHaveLength(0);
	});

	it('an admin lists everyone, with e-mail, role, areas and status', async () => {
		const { members, me } = await teamApi(admin.pb).list();
		expect(me).toBe(admin.id);
		const ids = members.map((m) => m.id);
		for (const u of [admin, coordinator, otherCoordinator, worker, viewer, outsideWorker]) {
			expect(ids).toContain(u.id);
		}
		const w = members.find((m) => m.id === worker.id)!;
		expect(w).toMatchObject({ role: 'worker', areas: [home.buurt.id], status: 'active' });
		expect(w.email).toMatch(/@test\.krachtkaart\.nl$/);
		expect(Object.keys(w).sort()).toEqual(
			['id', 'name', 'email', 'role', 'areas', 'status', 'invitedAt', 'deactivatedAt'].sort()
		);
	});

	it('a coordinator lists herself and the workers and viewers within her areas only', async () => {
		const { members } = await teamApi(coordinator.pb).list();
		const ids = members.map((m) => m.id);
		expect(ids).toContain(coordinator.id);
		expect(ids).toContain(worker.id);
		expect(ids).toContain(viewer.id);
		for (const other of [admin, otherCoordinator, outsideWorker])
			expect(ids).not.toContain(other.id);
		const { members: theirs } = await teamApi(otherCoordinator.pb).list();
		expect(theirs.map((m) => m.id)).toContain(outsideWorker.id);
		expect(theirs.map((m) => m.id)).not.toContain(worker.id);
	});

	it('a coordinator of another area changes nothing of this team, and learns nothing', async () => {
		const api = teamApi(otherCoordinator.pb);
		for (const attempt of [
			() => api.update(worker.id, { role: 'viewer' }),
			() => api.update(worker.id, { areas: [elsewhere.buurt.id] }),
			() => api.deactivate(worker.id),
			() => api.reactivate(worker.id),
			() => api.resend(worker.id),
			() => api.update('nosuchid0000000', { role: 'viewer' })
		]) {
			expect(await statusOf(attempt())).toBe(403);
		}
		const after = await su.collection('users').getOne(worker.id);
		expect(after).toMatchObject({ role: 'worker', areas: [home.buurt.id], deactivatedAt: '' });
	});

	it('a coordinator manages no admin or coordinator, and never herself', async () => {
		const api = teamApi(coordinator.pb);
		const gemeenteCoordinator = await signedInUser(su, 'coordinator', [home.buurt.id]);
		expect(await statusOf(api.update(gemeenteCoordinator.id, { role: 'worker' }))).toBe(403);
		expect(await statusOf(api.deactivate(gemeenteCoordinator.id))).toBe(403);
		expect(await statusOf(api.deactivate(admin.id))).toBe(403);
		expect(await statusOf(api.update(coordinator.id, { areas: [home.gemeente.id] }))).toBe(403);
	});

	it('app users no longer set role, areas or the team fields through the records API', async () => {
		for (const body of [
			{ role: 'admin' },
			{ areas: [elsewhere.wijk.id] },
			{ deactivatedAt: new Date().toISOString() },
			{ invitedAt: new Date().toISOString() }
		]) {
			expect(await statusOf(admin.pb.collection('users').update(worker.id, body))).toBe(404);
			expect(await statusOf(worker.pb.collection('users').update(worker.id, body))).toBe(404);
		}
		const renamed = await admin.pb.collection('users').update(worker.id, { name: 'Wil' });
		expect(renamed.name).toBe('Wil');
		const after = await su.collection('users').getOne(worker.id);
		expect(after).toMatchObject({ role: 'worker', areas: [home.buurt.id], deactivatedAt: '' });
	});
});

describe('invitations', () => {
	it('a coordinator invites a worker in her areas; the mail sets her password and she signs in', async () => {
		const email = newEmail();
		const member = await teamApi(coordinator.pb).invite({
			email: `  ${email.toUpperCase()} `,
			name: 'Fatima',
			role: 'worker',
			areas: [home.buurt.id]
		});
		expect(member).toMatchObject({
			email,
			name: 'Fatima',
			role: 'worker',
			areas: [home.buurt.id],
			status: 'invited'
		});
		const token = await invitationToken(email);
		expect(token).not.toBe('');

		// Not before she chose her password: nobody knows the one she was made with.
		await passwordApi(anonymousClient()).confirm(token, NEW_PASSWORD);
		const pb = anonymousClient();
		const auth = await pb.collection('users').authWithPassword(email, NEW_PASSWORD);
		expect(auth.record.id).toBe(member.id);
		// The link works once.
		expect(
			await statusOf(passwordApi(anonymousClient()).confirm(token, 'nog-een-wachtwoord-1'))
		).toBe(400);
		const listed = (await teamApi(coordinator.pb).list()).members.find((m) => m.id === member.id);
		expect(listed?.status).toBe('active');

		const entries = await auditOf(member.id);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			actor: coordinator.id,
			actorKind: 'user',
			action: 'create',
			details: {
				step: 'invite',
				role: 'worker',
				areas: [home.buurt.id],
				fields: ['email', 'name', 'role', 'areas']
			}
		});
		expect(JSON.stringify(entries[0].details)).not.toContain('@');
	});

	it('refuses what a coordinator may not give, and bad input, naming it, writing nothing', async () => {
		const api = teamApi(coordinator.pb);
		const cases: [Parameters<typeof api.invite>[0], number, string][] = [
			[
				{ email: newEmail(), name: '', role: 'coordinator', areas: [home.buurt.id] },
				403,
				'coordinator'
			],
			[{ email: newEmail(), name: '', role: 'admin', areas: [home.buurt.id] }, 403, 'admin'],
			[{ email: newEmail(), name: '', role: 'worker', areas: [elsewhere.buurt.id] }, 403, 'Buurt'],
			[{ email: newEmail(), name: '', role: 'worker', areas: [home.gemeente.id] }, 403, 'Gemeente'],
			[{ email: newEmail(), name: '', role: 'worker', areas: [] }, 400, 'gebied'],
			[
				{ email: 'not-an-address', name: '', role: 'worker', areas: [home.buurt.id] },
				400,
				'e-mail'
			],
			[
				{ email: newEmail(), name: '', role: 'boss' as 'worker', areas: [home.buurt.id] },
				400,
				'rol'
			],
			[
				{ email: newEmail(), name: '', role: 'worker', areas: ['nosuchid0000000'] },
				400,
				'bestaat niet'
			]
		];
		for (const [invitation, status, named] of cases) {
			const error = await api.invite(invitation).catch((e: ClientResponseError) => e);
			expect(error, JSON.stringify(invitation)).toBeInstanceOf(ClientResponseError);
			expect((error as ClientResponseError).status, JSON.stringify(invitation)).toBe(status);
			expect((error as ClientResponseError).message).toContain(named);
			if (invitation.email.includes('@')) {
				expect(await userByEmail(invitation.email)).toHaveLength(0);
				expect(mailsTo(mailDir, invitation.email)).toHaveLength(0);
			}
		}
		// An address that has an account already.
		const existing = await su.collection('users').getOne(worker.id);
		expect(
			await statusOf(
				api.invite({ email: existing.email, name: '', role: 'worker', areas: [home.buurt.id] })
			)
		).toBe(400);
	});

	it('an admin invites any role, a resend stops the older link, and both are audited', async () => {
		const email = newEmail();
		const api = teamApi(admin.pb);
		const member = await api.invite({
			email,
			name: '',
			role: 'coordinator',
			areas: [home.wijk.id]
		});
		const first = await invitationToken(email);
		const seen = mailsTo(mailDir, email).map((m) => m.file);
		await api.resend(member.id);
		const second = await invitationToken(email, seen);
		expect(second).not.toBe(first);
		expect(await statusOf(passwordApi(anonymousClient()).confirm(first, NEW_PASSWORD))).toBe(400);
		await passwordApi(anonymousClient()).confirm(second, NEW_PASSWORD);
		// A coordinator: her password, then the mailed code.
		const auth = await signInWithPassword(anonymousClient(), email, NEW_PASSWORD, mailDir);
		expect(auth.record.id).toBe(member.id);
		// Active now: nothing to resend.
		expect(await statusOf(api.resend(member.id))).toBe(400);
		const steps = (await auditOf(member.id)).map((e) => [e.actor, e.details.step]);
		expect(steps).toEqual([
			[admin.id, 'invite'],
			[admin.id, 'resend']
		]);
	});
});

describe('changing, deactivating and reactivating members', () => {
	it('a coordinator changes a worker to viewer and her areas within her own; each is audited', async () => {
		const member = await signedInUser(su, 'worker', [home.buurt.id]);
		const api = teamApi(coordinator.pb);
		expect(await statusOf(api.update(member.id, { role: 'coordinator' }))).toBe(403);
		expect(await statusOf(api.update(member.id, { areas: [elsewhere.buurt.id] }))).toBe(403);
		expect(await statusOf(api.update(member.id, { areas: [] }))).toBe(400);
		expect(await statusOf(api.update(member.id, { role: 'worker' }))).toBe(400);
		expect(await statusOf(api.update(member.id, { name: 'x' } as never))).toBe(400);
		expect(await auditOf(member.id)).toHaveLength(0);

		const changed = await api.update(member.id, { role: 'viewer', areas: [home.wijk.id] });
		expect(changed).toMatchObject({ role: 'viewer', areas: [home.wijk.id] });
		const entries = await auditOf(member.id);
		expect(entries.map((e) => [e.actor, e.action, e.details])).toEqual([
			[coordinator.id, 'update', { step: 'role', fields: ['role'], from: 'worker', to: 'viewer' }],
			[
				coordinator.id,
				'update',
				{ step: 'areas', fields: ['areas'], from: [home.buurt.id], to: [home.wijk.id] }
			]
		]);
	});

	it('an admin makes a coordinator, but never changes her own role or deactivates herself', async () => {
		const member = await signedInUser(su, 'worker', [elsewhere.buurt.id]);
		const api = teamApi(admin.pb);
		expect((await api.update(member.id, { role: 'coordinator' })).role).toBe('coordinator');
		expect(await statusOf(api.update(admin.id, { role: 'worker', areas: [home.wijk.id] }))).toBe(
			403
		);
		expect(await statusOf(api.deactivate(admin.id))).toBe(403);
		expect(await statusOf(api.update('nosuchid0000000', { role: 'viewer' }))).toBe(404);
	});

	it('deactivation ends her session at once and she cannot sign in; reactivated, she can', async () => {
		const email = newEmail();
		const member = await teamApi(coordinator.pb).invite({
			email,
			name: 'Bram',
			role: 'worker',
			areas: [home.buurt.id]
		});
		await passwordApi(anonymousClient()).confirm(await invitationToken(email), NEW_PASSWORD);
		const session = anonymousClient();
		await session.collection('users').authWithPassword(email, NEW_PASSWORD);
		await session.collection('areas').getList(1, 1);

		const deactivated: TeamMember = await teamApi(coordinator.pb).deactivate(member.id);
		expect(deactivated.status).toBe('deactivated');
		// The token she holds stops working at once.
		expect(await statusOf(session.collection('users').authRefresh())).toBe(401);
		expect(await statusOf(session.collection('users').getOne(member.id))).toBe(404);
		// And she cannot sign in again, with her right password.
		expect(
			await statusOf(anonymousClient().collection('users').authWithPassword(email, NEW_PASSWORD))
		).toBe(403);
		expect(await statusOf(teamApi(coordinator.pb).deactivate(member.id))).toBe(400);

		const back = await teamApi(coordinator.pb).reactivate(member.id);
		expect(back.status).toBe('active');
		const again = await anonymousClient().collection('users').authWithPassword(email, NEW_PASSWORD);
		expect(again.record.id).toBe(member.id);
		expect(await statusOf(teamApi(coordinator.pb).reactivate(member.id))).toBe(400);

		const steps = (await auditOf(member.id)).map((e) => [
			e.actor,
			e.details.step,
			e.details.fields
		]);
		expect(steps).toEqual([
			[coordinator.id, 'invite', ['email', 'name', 'role', 'areas']],
			[coordinator.id, 'deactivate', ['deactivatedAt', 'tokenKey']],
			[coordinator.id, 'reactivate', ['deactivatedAt']]
		]);
	});

	it('deactivation ends her realtime connection too: no change reaches her after it', async () => {
		const member = await signedInUser(su, 'worker', [home.buurt.id]);
		const seen: string[] = [];
		await member.pb.collection('areas').subscribe('*', (e) => seen.push(e.record.id));
		const before = await su
			.collection('areas')
			.update(home.buurt.id, { name: `Buurt ${unique()}` });
		await expect.poll(() => seen.includes(before.id), { timeout: 5000 }).toBe(true);
		seen.length = 0;

		await teamApi(coordinator.pb).deactivate(member.id);
		await su.collection('areas').update(home.buurt.id, { name: `Buurt ${unique()}` });
		await new Promise((r) => setTimeout(r, 1000));
		expect(seen).toEqual([]);
		member.pb.realtime.unsubscribe().catch(() => {});
	});

	it('a deactivated member sets no password through a link either', async () => {
		const email = newEmail();
		const member = await teamApi(admin.pb).invite({
			email,
			name: '',
			role: 'viewer',
			areas: [home.buurt.id]
		});
		const token = await invitationToken(email);
		await teamApi(admin.pb).deactivate(member.id);
		// Her tokenKey rotated: the invitation's link stopped with it.
		expect(await statusOf(passwordApi(anonymousClient()).confirm(token, NEW_PASSWORD))).toBe(400);
		// A new "forgot password" mail does not help her either.
		const seen = mailsTo(mailDir, email).map((m) => m.file);
		await anonymousClient().collection('users').requestPasswordReset(email);
		const mail = await nextMailTo(mailDir, email, seen);
		const reset = tokenOfPath(new URL(/href="([^"]+)"/.exec(mail.html)![1]).pathname);
		expect(reset).not.toBe('');
		const error = await passwordApi(anonymousClient())
			.confirm(reset, NEW_PASSWORD)
			.catch((e: ClientResponseError) => e);
		expect((error as ClientResponseError).status).toBe(400);
		expect((error as ClientResponseError).message).toContain('gedeactiveerd');
	});

	it('a superuser deactivating in the dashboard ends her sessions too', async () => {
		const member = await signedInUser(su, 'viewer', [home.buurt.id]);
		await member.pb.collection('areas').getList(1, 1);
		await su.collection('users').update(member.id, { deactivatedAt: new Date().toISOString() });
		expect(await statusOf(member.pb.collection('users').authRefresh())).toBe(401);
	});
});
