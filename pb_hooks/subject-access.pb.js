/// <reference path="../pb_data/types.d.ts" />
// Access and erasure requests of a resident (lib/subject-access.js), for coordinators within her
// areas and admins; workers and viewers never, even though workers may read people:
//   GET  /api/krachtkaart/people/{id}/export  everything stored about her, as one JSON document
//   POST /api/krachtkaart/people/{id}/erase   erases her everywhere, in one transaction
// Both leave an audit entry (`export`, `erase`) with counts only. Handlers run in VMs of their
// own and see nothing declared outside them, so each one requires what it needs.

routerAdd(
	'GET',
	'/api/krachtkaart/people/{id}/export',
	(e) => {
		const access = require(`${__hooks}/lib/subject-access.js`);
		const { writeAudit } = require(`${__hooks}/lib/audit.js`);
		// The role first, so nobody else even learns whether the id exists.
		access.authorize(e.app, e.auth, null);
		const person = access.findPerson(e.app, e.request.pathValue('id'));
		access.authorize(e.app, e.auth, person);
		const data = access.buildExport(e.app, person, e.auth);
		writeAudit(e.app, {
			auth: e.auth,
			action: 'export',
			collection: 'people',
			id: person.id,
			details: {
				conversations: data.conversations.length,
				assets: data.assets.length,
				links: data.links.length,
				followUps: data.followUps.length,
				other: data.other.reduce((n, o) => n + o.records.length, 0),
				auditEntries: data.audit.length
			}
		});
		// Personal data: never kept by a browser or proxy cache.
		e.response.header().set('Cache-Control', 'no-store');
		return e.json(200, data);
	},
	$apis.requireAuth('users', '_superusers')
);

routerAdd(
	'POST',
	'/api/krachtkaart/people/{id}/erase',
	(e) => {
		const access = require(`${__hooks}/lib/subject-access.js`);
		const { writeAudit } = require(`${__hooks}/lib/audit.js`);
		access.authorize(e.app, e.auth, null);
		const person = access.findPerson(e.app, e.request.pathValue('id'));
		access.authorize(e.app, e.auth, person);
		const auth = e.auth;
		let counts = null;
		try {
			e.app.runInTransaction((txApp) => {
				// Looked up again inside: what we erase is what the transaction sees.
				const current = access.findPerson(txApp, person.id);
				counts = access.erase(txApp, current);
				writeAudit(txApp, {
					auth: auth,
					action: 'erase',
					collection: 'people',
					id: current.id,
					details: counts
				});
			});
		} catch (err) {
			// All or nothing: the transaction rolled back. Erased meanwhile by someone else?
			access.findPerson(e.app, person.id);
			e.app
				.logger()
				.error('subject-access: erase failed', 'person', person.id, 'error', String(err));
			throw new ApiError(
				409,
				'Wissen is niet gelukt, er is niets gewist: iets anders verwijst nog naar haar gegevens. Vraag de beheerder om het logboek te bekijken.',
				{}
			);
		}
		e.response.header().set('Cache-Control', 'no-store');
		return e.json(200, { erased: person.id, counts: counts });
	},
	$apis.requireAuth('users', '_superusers')
);
