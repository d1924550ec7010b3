/// <reference path="../pb_data/types.d.ts" />
// The team without the dashboard (lib/team.js says who manages whom):
//   GET  /api/krachtkaart/team                  the members she manages (and herself): name,
//                                               e-mail, role, areas, status; nothing else
//   POST /api/krachtkaart/team/invite           { email, name, role, areas }: a new member and a
//                                               mail with a link to set her password (7 days)
//   POST /api/krachtkaart/team/{id}/resend      a new invitation mail (the older link stops)
//   POST /api/krachtkaart/team/{id}             { role?, areas? }
//   POST /api/krachtkaart/team/{id}/deactivate  she cannot sign in, her sessions end at once
//   POST /api/krachtkaart/team/{id}/reactivate  she signs in again with her password
// Each change is one transaction with its audit entries (action create or update on users,
// details.step: invite, resend, role, areas, deactivate, reactivate; ids and field names, never
// an e-mail address or text). The users rules keep role, areas, invitedAt and deactivatedAt out
// of the records API for app users (pb_migrations/1763903000_users_team.js), so these routes
// and their audit are the only way for them. Handlers run in VMs of their own: each requires
// what it needs.

routerAdd(
	'GET',
	'/api/krachtkaart/team',
	(e) => {
		const team = require(`${__hooks}/lib/team.js`);
		const members = team.teamOf(e.app, e.auth);
		e.response.header().set('Cache-Control', 'no-store');
		return e.json(200, { members: members, me: e.auth.id });
	},
	$apis.requireAuth('users', '_superusers')
);

routerAdd(
	'POST',
	'/api/krachtkaart/team/invite',
	(e) => {
		const team = require(`${__hooks}/lib/team.js`);
		const { writeAudit } = require(`${__hooks}/lib/audit.js`);
		const auth = e.auth;
		const input = team.parseInvite(e.app, auth, e.requestInfo().body);
		const inviter = auth.isSuperuser() ? '' : auth.getString('name');
		let made = null;
		e.app.runInTransaction((txApp) => {
			const member = new Record(txApp.findCollectionByNameOrId('users'));
			member.set('email', input.email);
			member.set('name', input.name);
			member.set('role', input.role);
			member.set('areas', input.areas);
			member.set('emailVisibility', false);
			member.set('verified', false);
			member.set('invitedAt', team.pbNow(Date.now()));
			// Nobody knows this password: she sets her own through the link.
			member.setRandomPassword();
			txApp.save(member);
			writeAudit(txApp, {
				auth: auth,
				action: 'create',
				collection: 'users',
				id: member.id,
				details: {
					step: 'invite',
					fields: ['email', 'name', 'role', 'areas'],
					role: input.role,
					areas: input.areas
				}
			});
			// Last: a mail that cannot be handed over undoes the whole invitation.
			team.sendInvitation(txApp, member, inviter);
			made = member;
		});
		return e.json(200, team.memberView(made));
	},
	$apis.requireAuth('users', '_superusers')
);

// The changes of one member below: lib/team.js changeMember asks whether she may be changed by
// the caller, and saves each in one transaction with its audit entries.

routerAdd(
	'POST',
	'/api/krachtkaart/team/{id}/resend',
	(e) => {
		const team = require(`${__hooks}/lib/team.js`);
		const inviter = e.auth.isSuperuser() ? '' : e.auth.getString('name');
		const view = team.changeMember(e, {
			check: (member) => {
				const status = team.statusOf(member);
				if (status === 'invited') return;
				throw new BadRequestError(
					status === 'deactivated'
						? 'Dit teamlid is gedeactiveerd: activeer haar eerst. / This member is deactivated: reactivate her first.'
						: 'Dit teamlid heeft haar wachtwoord al gekozen; een nieuw kiest ze met "Wachtwoord vergeten". / This member already chose her password; she sets a new one with "Forgot password".',
					{ status: { code: 'not_invited', message: status } }
				);
			},
			apply: (current) => {
				current.set('invitedAt', team.pbNow(Date.now()));
				// The link of the earlier mail stops working: only the newest invitation counts.
				current.refreshTokenKey();
				return [{ step: 'resend', fields: ['invitedAt', 'tokenKey'] }];
			},
			last: (txApp, current) => team.sendInvitation(txApp, current, inviter)
		});
		return e.json(200, view);
	},
	$apis.requireAuth('users', '_superusers')
);

routerAdd(
	'POST',
	'/api/krachtkaart/team/{id}',
	(e) => {
		const team = require(`${__hooks}/lib/team.js`);
		let changes = null;
		const view = team.changeMember(e, {
			check: (member) => {
				changes = team.parseChanges(e.app, e.auth, member, e.requestInfo().body);
			},
			apply: (current) => {
				const steps = [];
				if (changes.role !== undefined) {
					steps.push({
						step: 'role',
						fields: ['role'],
						from: current.getString('role'),
						to: changes.role
					});
					current.set('role', changes.role);
				}
				if (changes.areas !== undefined) {
					steps.push({
						step: 'areas',
						fields: ['areas'],
						from: current.getStringSlice('areas'),
						to: changes.areas
					});
					current.set('areas', changes.areas);
				}
				return steps;
			}
		});
		return e.json(200, view);
	},
	$apis.requireAuth('users', '_superusers')
);

routerAdd(
	'POST',
	'/api/krachtkaart/team/{id}/deactivate',
	(e) => {
		const team = require(`${__hooks}/lib/team.js`);
		const auth = e.auth;
		const view = team.changeMember(e, {
			check: (member) => {
				if (member.id === auth.id) {
					throw new ForbiddenError(
						'Je deactiveert jezelf niet; vraag een andere beheerder. / You do not deactivate yourself; ask another admin.'
					);
				}
				if (team.statusOf(member) === 'deactivated') {
					throw new BadRequestError(
						'Dit teamlid is al gedeactiveerd. / This member is already deactivated.',
						{ status: { code: 'already_deactivated', message: 'deactivated' } }
					);
				}
			},
			apply: (current) => {
				// Her tokenKey rotates in the same save (the users onRecordUpdate in users.pb.js):
				// every session she has stops at its next request.
				current.set('deactivatedAt', team.pbNow(Date.now()));
				return [{ step: 'deactivate', fields: ['deactivatedAt', 'tokenKey'] }];
			},
			committed: (app, saved) => team.dropRealtime(app, saved.id)
		});
		return e.json(200, view);
	},
	$apis.requireAuth('users', '_superusers')
);

routerAdd(
	'POST',
	'/api/krachtkaart/team/{id}/reactivate',
	(e) => {
		const team = require(`${__hooks}/lib/team.js`);
		const view = team.changeMember(e, {
			check: (member) => {
				const status = team.statusOf(member);
				if (status === 'deactivated') return;
				throw new BadRequestError(
					'Dit teamlid is niet gedeactiveerd. / This member is not deactivated.',
					{ status: { code: 'not_deactivated', message: status } }
				);
			},
			apply: (current) => {
				current.set('deactivatedAt', '');
				return [{ step: 'reactivate', fields: ['deactivatedAt'] }];
			}
		});
		return e.json(200, view);
	},
	$apis.requireAuth('users', '_superusers')
);
