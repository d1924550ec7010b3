/// <reference path="../pb_data/types.d.ts" />
// A resident's own link (lib/resident-links.js), made by a coordinator of her area or an admin and
// opened by her without an account:
//   POST /api/krachtkaart/people/{id}/resident-link         a new link (her older ones stop)
//   POST /api/krachtkaart/people/{id}/resident-link/revoke  all her links stop
//   GET  /api/krachtkaart/mijn/{token}                     her own entry, nothing else
//   POST /api/krachtkaart/mijn/{token}                     her corrections and consent, at once
// Making and revoking are for admins and coordinators within her areas (superusers revoke only),
// each audited; a worker gets a 403 before anything is read. A link works only while its issuer
// may still issue it. The public routes are rate-limited (10 a minute per IP,
// 1763901850_create_resident_links.js), count failed tokens per IP, and audit every use with
// actorKind "resident" and the issuer in details.issuedBy. Handlers run in VMs of their own and
// see nothing declared outside them, so each one requires what it needs.

routerAdd(
	'POST',
	'/api/krachtkaart/people/{id}/resident-link',
	(e) => {
		const links = require(`${__hooks}/lib/resident-links.js`);
		const { findPerson } = require(`${__hooks}/lib/subject-access.js`);
		const { writeAudit } = require(`${__hooks}/lib/audit.js`);
		// The role first, so nobody else even learns whether the id exists.
		links.authorizeIssuer(e.app, e.auth, null, 'issue');
		const person = findPerson(e.app, e.request.pathValue('id'));
		links.authorizeIssuer(e.app, e.auth, person, 'issue');
		const auth = e.auth;
		let made = null;
		e.app.runInTransaction((txApp) => {
			made = links.issue(txApp, findPerson(txApp, person.id), auth);
			writeAudit(txApp, {
				auth: auth,
				action: 'create',
				collection: 'resident_links',
				id: made.link.id,
				details: {
					person: person.id,
					expiresAt: made.link.getString('expiresAt'),
					revoked: made.revoked
				}
			});
		});
		// The token is in this answer only: never kept by a browser or proxy cache.
		e.response.header().set('Cache-Control', 'no-store');
		return e.json(200, {
			id: made.link.id,
			token: made.token,
			path: `/mijn/${made.token}`,
			expiresAt: made.link.getString('expiresAt'),
			revoked: made.revoked.length
		});
	},
	$apis.requireAuth('users', '_superusers')
);

routerAdd(
	'POST',
	'/api/krachtkaart/people/{id}/resident-link/revoke',
	(e) => {
		const links = require(`${__hooks}/lib/resident-links.js`);
		const { findPerson } = require(`${__hooks}/lib/subject-access.js`);
		const { writeAudit } = require(`${__hooks}/lib/audit.js`);
		links.authorizeIssuer(e.app, e.auth, null, 'revoke');
		const person = findPerson(e.app, e.request.pathValue('id'));
		links.authorizeIssuer(e.app, e.auth, person, 'revoke');
		const auth = e.auth;
		let revoked = [];
		e.app.runInTransaction((txApp) => {
			revoked = links.revokeAll(txApp, person.id, auth);
			for (const id of revoked) {
				writeAudit(txApp, {
					auth: auth,
					action: 'update',
					collection: 'resident_links',
					id: id,
					details: { person: person.id, revoked: true }
				});
			}
		});
		e.response.header().set('Cache-Control', 'no-store');
		return e.json(200, { revoked: revoked.length });
	},
	$apis.requireAuth('users', '_superusers')
);

routerAdd('GET', '/api/krachtkaart/mijn/{token}', (e) => {
	const links = require(`${__hooks}/lib/resident-links.js`);
	const { writeAudit } = require(`${__hooks}/lib/audit.js`);
	const found = links.open(e.app, e.request.pathValue('token'), e.realIP());
	const entry = links.entryOf(e.app, found.person, found.link);
	links.markUsed(e.app, found.link);
	writeAudit(e.app, {
		actorKind: 'resident',
		action: 'view',
		collection: 'people',
		id: found.person.id,
		details: links.useDetails(found.link)
	});
	e.response.header().set('Cache-Control', 'no-store');
	return e.json(200, entry);
});

routerAdd('POST', '/api/krachtkaart/mijn/{token}', (e) => {
	const links = require(`${__hooks}/lib/resident-links.js`);
	const access = require(`${__hooks}/lib/subject-access.js`);
	const { consentOf } = require(`${__hooks}/lib/consent.js`);
	const { writeAudit } = require(`${__hooks}/lib/audit.js`);
	const token = e.request.pathValue('token');
	const found = links.open(e.app, token, e.realIP());
	const consent = consentOf(found.person);
	const stored = consent && Array.isArray(consent.scopes) ? consent.scopes : [];
	const assetIds = links.herAssets(e.app, found.person.id).map((a) => a.id);
	const edits = links.parseEdits(e.requestInfo().body, stored, assetIds);
	e.response.header().set('Cache-Control', 'no-store');

	if (edits.scopes !== undefined && edits.scopes.length === 0) {
		// Everything withdrawn: she is erased, as an erasure request would (lib/subject-access.js).
		let counts = null;
		try {
			e.app.runInTransaction((txApp) => {
				const current = access.findPerson(txApp, found.person.id);
				counts = access.erase(txApp, current);
				writeAudit(txApp, {
					actorKind: 'resident',
					action: 'erase',
					collection: 'people',
					id: current.id,
					details: Object.assign(links.useDetails(found.link), counts)
				});
			});
		} catch (err) {
			e.app
				.logger()
				.error('resident link: erase failed', 'person', found.person.id, 'error', String(err));
			throw new ApiError(
				409,
				'Wissen is niet gelukt, er is niets gewist. Probeer het later opnieuw of vraag uw buurtwerker.',
				{}
			);
		}
		return e.json(200, { erased: true });
	}

	let entry = null;
	e.app.runInTransaction((txApp) => {
		// Checked again inside: revoked or erased meanwhile, nothing is written.
		const current = links.open(txApp, token, e.realIP());
		const summary = links.applyEdits(txApp, current.person, edits);
		links.markUsed(txApp, current.link);
		writeAudit(txApp, {
			actorKind: 'resident',
			action: 'update',
			collection: 'people',
			id: current.person.id,
			details: Object.assign(links.useDetails(current.link), summary)
		});
		entry = links.entryOf(txApp, txApp.findRecordById('people', current.person.id), current.link);
	});
	return e.json(200, { erased: false, entry: entry });
});

// Forget failure counts whose window is over (an address that stopped trying).
cronAdd('krachtkaartResidentLinkFailures', '*/15 * * * *', () => {
	const security = require(`${__hooks}/lib/security.js`);
	const { FAILURES_PREFIX } = require(`${__hooks}/lib/resident-links.js`);
	const store = $app.store();
	const now = Math.floor(Date.now() / 1000);
	const all = store.getAll();
	for (const key in all) {
		if (key.indexOf(FAILURES_PREFIX) === 0 && security.failuresIn(all[key], now) === 0) {
			store.remove(key);
		}
	}
});
