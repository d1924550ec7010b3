/// <reference path="../pb_data/types.d.ts" />
// The first run of a new instance (lib/setup.js):
//   POST /api/krachtkaart/setup/link        superusers: a one-time link for the first admin, while
//                                           no admin exists (`npm start` prints it); 409 after
//   GET  /api/krachtkaart/setup/t/{token}   what the link is for (and the gemeenten to pick from)
//   POST /api/krachtkaart/setup/t/{token}   first admin + her gemeente's areas, or her password
//   POST /api/krachtkaart/setup/run         superusers (`npm run setup`): a gemeente's areas and an
//                                           admin, with a password link unless a password is given
//   POST /api/krachtkaart/setup/gemeente    admins and superusers: one more gemeente's areas
// An unknown, used or expired token gets the same 404, with no hint why. Everything is checked
// before any write, each change is written in one transaction and audited. Handlers run in VMs
// of their own and see nothing declared outside them, so each one requires what it needs.

routerAdd(
	'POST',
	'/api/krachtkaart/setup/link',
	(e) => {
		const setup = require(`${__hooks}/lib/setup.js`);
		const { writeAudit } = require(`${__hooks}/lib/audit.js`);
		if (setup.adminExists(e.app)) {
			return e.json(409, {
				status: 409,
				message: 'Er is al een beheerder. / An admin exists already.',
				data: {}
			});
		}
		let made = null;
		e.app.runInTransaction((txApp) => {
			made = setup.issueToken(txApp, 'first_admin');
			writeAudit(txApp, {
				auth: e.auth,
				action: 'create',
				collection: 'setup_tokens',
				id: made.record.id,
				details: { kind: 'first_admin', expiresAt: made.record.getString('expiresAt') }
			});
		});
		e.response.header().set('Cache-Control', 'no-store');
		return e.json(200, {
			token: made.token,
			path: `/setup/${made.token}`,
			expiresAt: made.record.getString('expiresAt')
		});
	},
	$apis.requireSuperuserAuth()
);

routerAdd('GET', '/api/krachtkaart/setup/t/{token}', (e) => {
	const setup = require(`${__hooks}/lib/setup.js`);
	const record = setup.openToken(e.app, e.request.pathValue('token'));
	const kind = record.getString('kind');
	const answer = { kind: kind, expiresAt: record.getString('expiresAt') };
	if (kind === 'first_admin') {
		answer.index = setup.publicIndex();
	} else {
		const user = e.app.findRecordById('users', record.getString('user'));
		answer.email = user.email();
		answer.name = user.getString('name');
	}
	e.response.header().set('Cache-Control', 'no-store');
	return e.json(200, answer);
});

routerAdd('POST', '/api/krachtkaart/setup/t/{token}', (e) => {
	const setup = require(`${__hooks}/lib/setup.js`);
	const { passwordProblem } = require(`${__hooks}/lib/security.js`);
	const { writeAudit } = require(`${__hooks}/lib/audit.js`);
	const token = e.request.pathValue('token');
	const record = setup.openToken(e.app, token);
	const body = e.requestInfo().body || {};
	e.response.header().set('Cache-Control', 'no-store');

	if (record.getString('kind') === 'password') {
		const user = e.app.findRecordById('users', record.getString('user'));
		const problems = setup.setupProblems(
			{ email: user.email(), password: body.password, passwordConfirm: body.passwordConfirm },
			passwordProblem,
			{ needName: false, needEmail: false }
		);
		if (Object.keys(problems).length > 0) throw setup.badRequest(problems);
		e.app.runInTransaction((txApp) => {
			const current = setup.openToken(txApp, token);
			const admin = txApp.findRecordById('users', user.id);
			admin.setPassword(body.password);
			txApp.save(admin);
			current.set('usedAt', setup.pbDate(Date.now()));
			txApp.save(current);
			writeAudit(txApp, {
				actorKind: 'system',
				action: 'update',
				collection: 'users',
				id: admin.id,
				details: { fields: ['password'], via: 'setup link', setupToken: current.id }
			});
		});
		return e.json(200, { email: user.email() });
	}

	// The first admin and her gemeente.
	const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
	const problems = setup.setupProblems(
		{
			name: body.name,
			email: email,
			password: body.password,
			passwordConfirm: body.passwordConfirm
		},
		passwordProblem
	);
	const found = setup.findGemeente(setup.readIndex(), String(body.gemeente || ''));
	if (!found.gemeente) {
		problems.gemeente = 'Kies een gemeente uit de lijst. / Pick a gemeente from the list.';
	}
	if (!problems.email) {
		let taken;
		try {
			e.app.findAuthRecordByEmail('users', email);
			taken = true;
		} catch {
			taken = false;
		}
		if (taken) {
			problems.email =
				'Dit e-mailadres heeft al een account. / This e-mail address has an account already.';
		}
	}
	if (Object.keys(problems).length > 0) throw setup.badRequest(problems);

	let result = null;
	let adminId = '';
	e.app.runInTransaction((txApp) => {
		// Again inside the transaction: two tabs sending at once make one admin.
		const current = setup.openToken(txApp, token);
		result = setup.loadGemeente(txApp, found.gemeente);
		const admin = new Record(txApp.findCollectionByNameOrId('users'));
		admin.set('name', String(body.name).trim());
		admin.setEmail(email);
		admin.setPassword(body.password);
		admin.setVerified(true);
		admin.set('role', 'admin');
		admin.set('areas', [result.gemeente.id]);
		txApp.save(admin);
		adminId = admin.id;
		current.set('usedAt', setup.pbDate(Date.now()));
		txApp.save(current);
		writeAudit(txApp, {
			actorKind: 'system',
			action: 'create',
			collection: 'users',
			id: admin.id,
			details: { role: 'admin', via: 'setup link', setupToken: current.id }
		});
		writeAudit(txApp, {
			auth: admin,
			action: 'create',
			collection: 'areas',
			id: result.gemeente.id,
			details: {
				via: 'setup',
				gemeente: result.gemeente.code,
				created: result.created,
				existing: result.existing
			}
		});
	});
	return e.json(200, { id: adminId, email: email, areas: result });
});

routerAdd(
	'POST',
	'/api/krachtkaart/setup/run',
	(e) => {
		const setup = require(`${__hooks}/lib/setup.js`);
		const { passwordProblem } = require(`${__hooks}/lib/security.js`);
		const { writeAudit } = require(`${__hooks}/lib/audit.js`);
		const body = e.requestInfo().body || {};
		const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
		const withPassword = typeof body.password === 'string' && body.password !== '';
		const problems = {};
		const found = setup.findGemeente(setup.readIndex(), String(body.gemeente || ''));
		if (!found.gemeente) {
			problems.gemeente = found.ambiguous.length
				? `Meer gemeenten passen / several gemeenten fit: ${found.ambiguous.slice(0, 10).join(', ')}`
				: `Geen gemeente met die naam of CBS-code / no gemeente of that name or CBS code: ${body.gemeente}`;
		}
		const details = setup.setupProblems(
			{
				email: email,
				password: withPassword ? body.password : 'Unused-but-valid-1',
				passwordConfirm: withPassword ? body.password : 'Unused-but-valid-1'
			},
			passwordProblem,
			{ needName: false, needEmail: true }
		);
		if (details.email) problems.email = details.email;
		if (withPassword && details.password) problems.password = details.password;
		let existing = null;
		if (!problems.email) {
			try {
				existing = e.app.findAuthRecordByEmail('users', email);
			} catch {
				existing = null;
			}
			if (existing && existing.getString('role') !== 'admin') {
				problems.email =
					`Dit account bestaat al met de rol ${existing.getString('role')}; wijzig de rol bij Team. / ` +
					`This account exists with role ${existing.getString('role')}; change it under Team.`;
			}
		}
		if (Object.keys(problems).length > 0) throw setup.badRequest(problems);

		let answer = null;
		e.app.runInTransaction((txApp) => {
			const result = setup.loadGemeente(txApp, found.gemeente);
			writeAudit(txApp, {
				auth: e.auth,
				action: 'create',
				collection: 'areas',
				id: result.gemeente.id,
				details: {
					via: 'npm run setup',
					gemeente: result.gemeente.code,
					created: result.created,
					existing: result.existing
				}
			});
			let admin = existing ? txApp.findRecordById('users', existing.id) : null;
			const created = !admin;
			const changed = [];
			if (!admin) {
				admin = new Record(txApp.findCollectionByNameOrId('users'));
				admin.set('name', String(body.name || email.split('@')[0]).slice(0, 200));
				admin.setEmail(email);
				admin.setVerified(true);
				admin.set('role', 'admin');
				admin.set('areas', [result.gemeente.id]);
				// Nobody knows this one: she sets her own through the link.
				admin.setPassword(withPassword ? body.password : $security.randomString(40));
			} else {
				const areas = admin.getStringSlice('areas');
				if (areas.indexOf(result.gemeente.id) < 0) {
					admin.set('areas', areas.concat([result.gemeente.id]));
					changed.push('areas');
				}
				if (withPassword) {
					admin.setPassword(body.password);
					changed.push('password');
				}
			}
			if (created || changed.length > 0) {
				txApp.save(admin);
				writeAudit(txApp, {
					auth: e.auth,
					action: created ? 'create' : 'update',
					collection: 'users',
					id: admin.id,
					details: created
						? { role: 'admin', via: 'npm run setup' }
						: { fields: changed, via: 'npm run setup' }
				});
			}
			let link = null;
			if (!withPassword) {
				const made = setup.issueToken(txApp, 'password', admin.id);
				writeAudit(txApp, {
					auth: e.auth,
					action: 'create',
					collection: 'setup_tokens',
					id: made.record.id,
					details: {
						kind: 'password',
						user: admin.id,
						expiresAt: made.record.getString('expiresAt')
					}
				});
				link = {
					token: made.token,
					path: `/setup/${made.token}`,
					expiresAt: made.record.getString('expiresAt')
				};
			}
			answer = {
				areas: result,
				admin: { id: admin.id, email: email, created: created, passwordSet: withPassword },
				link: link
			};
		});
		e.response.header().set('Cache-Control', 'no-store');
		return e.json(200, answer);
	},
	$apis.requireSuperuserAuth()
);

routerAdd(
	'POST',
	'/api/krachtkaart/setup/gemeente',
	(e) => {
		const setup = require(`${__hooks}/lib/setup.js`);
		const { writeAudit } = require(`${__hooks}/lib/audit.js`);
		const auth = e.auth;
		if (!auth.isSuperuser() && auth.getString('role') !== 'admin') {
			throw new ForbiddenError('Alleen beheerders. / Admins only.');
		}
		const body = e.requestInfo().body || {};
		const found = setup.findGemeente(setup.readIndex(), String(body.gemeente || ''));
		if (!found.gemeente) {
			throw setup.badRequest({
				gemeente: 'Geen gemeente met die naam of CBS-code. / No gemeente of that name or CBS code.'
			});
		}
		let result = null;
		e.app.runInTransaction((txApp) => {
			result = setup.loadGemeente(txApp, found.gemeente);
			writeAudit(txApp, {
				auth: auth,
				action: 'create',
				collection: 'areas',
				id: result.gemeente.id,
				details: {
					via: 'setup',
					gemeente: result.gemeente.code,
					created: result.created,
					existing: result.existing
				}
			});
		});
		return e.json(200, result);
	},
	$apis.requireAuth('users', '_superusers')
);
