/// <reference path="../pb_data/types.d.ts" />
// Exports and the restore of a full export (lib/export.js):
//   GET  /api/krachtkaart/export/full                  admins and superusers: every app
//        collection as one JSON document (the app zips it: src/lib/export/full-export.ts)
//   GET  /api/krachtkaart/export/conversation-counts?areas=<id>,…  every role: conversations
//        counted per area and outcome, no group of 1 to 4 residents (viewers get only this)
//   POST /api/krachtkaart/restore/begin   superusers: { manifest: { format, version, counts } }
//   POST /api/krachtkaart/restore/part    superusers: { restoreId, collection, records } (≤ 2 MB)
//   POST /api/krachtkaart/restore/commit  superusers: { restoreId, force } writes all or nothing
// A restore comes in parts because a request body may hold 2 MB (security.pb.js); the parts wait
// in the server's memory until the commit, which refuses an instance that holds data unless
// `force`. Exports and restores are audited (who, what, how many records).
// Filtered exports of assets, areas, addresses and conversations go through the records API as
// the user (src/lib/export/), so the API rules and the field-access table apply as for any list.

routerAdd(
	'GET',
	'/api/krachtkaart/export/full',
	(e) => {
		const superuser = e.auth.isSuperuser();
		if (!superuser && e.auth.getString('role') !== 'admin') {
			throw new ForbiddenError('Alleen een beheerder maakt een volledige export.');
		}
		const { fullExportJson } = require(`${__hooks}/lib/export.js`);
		const data = fullExportJson(e.app);
		require(`${__hooks}/lib/audit.js`).writeAudit(e.app, {
			auth: e.auth,
			action: 'export',
			collection: '*',
			details: { kind: 'full', counts: data.counts }
		});
		e.response.header().set('Cache-Control', 'no-store');
		e.response.header().set('Content-Type', 'application/json');
		return e.string(200, data.body);
	},
	$apis.requireAuth('users', '_superusers'),
	$apis.gzip()
);

routerAdd(
	'GET',
	'/api/krachtkaart/export/conversation-counts',
	(e) => {
		const asked = require(`${__hooks}/lib/area-param.js`).askedAreas(e);
		const superuser = e.auth.isSuperuser();
		const role = superuser ? '' : e.auth.getString('role');
		if (!superuser && ['admin', 'coordinator', 'worker', 'viewer'].indexOf(role) < 0) {
			throw new ForbiddenError('Alleen gebruikers met een rol exporteren gesprekken.');
		}
		const counts = require(`${__hooks}/lib/export.js`).conversationCounts(e.app, {
			everything: superuser || role === 'admin',
			mine: superuser ? [] : e.auth.getStringSlice('areas'),
			asked: asked
		});
		// Counts only, no conversation or person: nothing personal is read, as the gap view's.
		require(`${__hooks}/lib/audit.js`).writeAudit(e.app, {
			auth: e.auth,
			action: 'export',
			collection: 'conversations',
			details: { kind: 'counts', areas: asked, rows: counts.areas.length }
		});
		e.response.header().set('Cache-Control', 'no-store');
		return e.json(200, counts);
	},
	$apis.requireAuth('users', '_superusers')
);

// A restore's parts wait in the server's memory (app.store(), key 'krachtkaart.restore') until
// the commit or a new begin. Handlers see nothing declared outside them, so each names the key.

routerAdd(
	'POST',
	'/api/krachtkaart/restore/begin',
	(e) => {
		const lib = require(`${__hooks}/lib/export.js`);
		const body = e.requestInfo().body || {};
		const manifest = body.manifest || {};
		if (manifest.format !== lib.FORMAT || manifest.version !== lib.VERSION) {
			throw new BadRequestError(
				`Dit is geen export van Krachtkaart (formaat ${lib.FORMAT}, versie ${lib.VERSION}).`
			);
		}
		const counts = {};
		const given = manifest.counts || {};
		for (const name in given) {
			const count = Number(given[name]);
			if (!Number.isInteger(count) || count < 0) {
				throw new BadRequestError(`manifest.counts.${name}: geen aantal.`);
			}
			counts[name] = count;
		}
		const restoreId = $security.randomStringWithAlphabet(
			20,
			'abcdefghijklmnopqrstuvwxyz0123456789'
		);
		// One restore at a time: a new begin drops the parts of an earlier one.
		e.app.store().set('krachtkaart.restore', {
			id: restoreId,
			manifest: JSON.stringify({ counts: counts }),
			parts: []
		});
		return e.json(200, { restoreId: restoreId, dataCounts: lib.dataCounts(e.app) });
	},
	$apis.requireSuperuserAuth()
);

routerAdd(
	'POST',
	'/api/krachtkaart/restore/part',
	(e) => {
		const body = e.requestInfo().body || {};
		const pending = e.app.store().get('krachtkaart.restore');
		if (!pending || pending.id !== String(body.restoreId || '')) {
			throw new BadRequestError('Onbekende restore: begin opnieuw.');
		}
		const text = require(`${__hooks}/lib/export.js`).checkPart(
			e.app,
			body.collection,
			body.records
		);
		const parts = [];
		for (let i = 0; i < pending.parts.length; i++) parts.push(pending.parts[i]);
		parts.push({ collection: String(body.collection), records: text });
		e.app
			.store()
			.set('krachtkaart.restore', { id: pending.id, manifest: pending.manifest, parts: parts });
		return e.json(200, { parts: parts.length });
	},
	$apis.requireSuperuserAuth()
);

routerAdd(
	'POST',
	'/api/krachtkaart/restore/commit',
	(e) => {
		const lib = require(`${__hooks}/lib/export.js`);
		const body = e.requestInfo().body || {};
		const pending = e.app.store().get('krachtkaart.restore');
		if (!pending || pending.id !== String(body.restoreId || '')) {
			throw new BadRequestError('Onbekende restore: begin opnieuw.');
		}
		const present = lib.dataCounts(e.app);
		if (Object.keys(present).length > 0 && body.force !== true) {
			throw new BadRequestError(
				'Deze installatie heeft al gegevens (' +
					Object.keys(present)
						.map((name) => `${name}: ${present[name]}`)
						.join(', ') +
					'). Een restore hoort in een nieuwe installatie; met force vervangt hij alles.',
				{ dataCounts: present }
			);
		}
		const manifest = JSON.parse(pending.manifest);
		const parts = [];
		for (let i = 0; i < pending.parts.length; i++) {
			parts.push({
				collection: String(pending.parts[i].collection),
				records: String(pending.parts[i].records)
			});
		}
		const auth = e.auth;
		let result = null;
		try {
			e.app.runInTransaction((txApp) => {
				result = lib.writeRestore(txApp, manifest, parts);
				require(`${__hooks}/lib/audit.js`).writeAudit(txApp, {
					auth: auth,
					action: 'restore',
					collection: '*',
					details: {
						counts: result.counts,
						replaced: present,
						danglingRelations: result.danglingRelations
					}
				});
			});
		} catch (err) {
			// All or nothing: the transaction rolled back. Say what SQLite refused, in words.
			const unique = /UNIQUE constraint failed: ([\w.]+)/.exec(String(err));
			if (unique) {
				throw new BadRequestError(
					`Er is niets hersteld: ${unique[1]} staat meer dan eens in de export (dubbele waarde).`
				);
			}
			throw err;
		} finally {
			e.app.store().remove('krachtkaart.restore');
		}
		// Cached answers of the gap view were of the data before.
		require(`${__hooks}/lib/gap-input.js`).bumpGapVersion();
		return e.json(200, result);
	},
	$apis.requireSuperuserAuth()
);
