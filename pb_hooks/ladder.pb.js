/// <reference path="../pb_data/types.d.ts" />
// The ABCD ladder (lib/ladder.js; src/lib/ladder/README.md).
// - After every committed save or delete of what the derivation reads (assets, links,
//   conversations, follow-ups) the affected assets' derived steps are brought up to date: a row
//   in `ladder_steps` when one changed. After the commit, so a failing ladder never costs a save.
// - POST /api/krachtkaart/ladder/step: a coordinator (or admin) sets an asset's step, with a reason.
// - GET /api/krachtkaart/ladder/assets: the assets of her areas with their step (staff only).
// - GET /api/krachtkaart/ladder/counts: per buurt and step, the assets at each step and those
//   that reached it in a period, and for staff per team member; viewers get the min-5 margins only.
// - GET /api/krachtkaart/ladder/people: the residents of her areas with their step (staff who may
//   read people; audited as a list of people).
// Each derived row names the user whose save caused it (`causedBy`): a create's author (the
// record's `createdBy`, a talk's `worker`, both stamped by the server), and for an update or a
// delete the signed-in user of the request, which the request hook below hands to the after-
// commit hook through the app's store (the two run in different VMs, and a batch commits after
// its last request hook has returned).

// An update or delete request remembers who sent it, for the after-commit hook below. The store
// entry is taken by that hook; a request that fails takes it away itself.
const rememberActor = (e) => {
	const key = `ladder:actor:${e.collection.name}/${e.record.id}`;
	const user = e.auth && e.auth.collection().name === 'users' ? e.auth.id : '';
	if (!user) return e.next();
	$app.store().set(key, user);
	try {
		e.next();
	} catch (error) {
		$app.store().remove(key);
		throw error;
	}
};

// One handler for the four collections: each finds the assets its record bears on. (PocketBase
// runs a handler from its source in a VM of its own: it closes over nothing of this file.)
const syncLadderAfter = (e) => {
	e.next();
	const created = e.type === 'create';
	const record = e.record;
	const app = e.app;
	const name = record.collection().name;
	const key = `ladder:actor:${name}/${record.id}`;
	const told = $app.store().get(key);
	$app.store().remove(key);
	const causedBy = created
		? record.getString(name === 'conversations' ? 'worker' : 'createdBy')
		: String(told || '');
	const ids = [];
	const add = (id) => {
		if (id) ids.push(id);
	};
	const idsWhere = (sql, params) => {
		const rows = arrayOf(new DynamicModel({ id: '' }));
		app.db().newQuery(sql).bind(params).all(rows);
		for (const row of rows) add(row.id);
	};
	if (name === 'assets') {
		add(record.id);
		// Its kind, status or time decides its neighbours' steps too.
		idsWhere(
			'SELECT [[from]] AS id FROM links WHERE [[to]] = {:id} UNION SELECT [[to]] FROM links WHERE [[from]] = {:id}',
			{ id: record.id }
		);
	} else if (name === 'links') {
		add(record.getString('from'));
		add(record.getString('to'));
	} else {
		const conversation = name === 'conversations' ? record.id : record.getString('conversation');
		const person = name === 'conversations' ? record.getString('person') : '';
		idsWhere(
			`SELECT a.id AS id FROM assets a WHERE a.sourceConversation = {:conversation}
			 OR (a.person != '' AND a.person IN (
				SELECT person FROM conversations WHERE id = {:conversation} UNION SELECT {:person}))`,
			{ conversation, person }
		);
	}
	try {
		require(`${__hooks}/lib/ladder.js`).syncDerived(app, ids, causedBy);
	} catch (error) {
		app.logger().error('ladder: derived steps not written', 'error', String(error), 'ids', ids);
	}
};

for (const collection of ['assets', 'links', 'conversations', 'follow_ups']) {
	onRecordAfterCreateSuccess(syncLadderAfter, collection);
	onRecordAfterUpdateSuccess(syncLadderAfter, collection);
	onRecordUpdateRequest(rememberActor, collection);
}
onRecordDeleteRequest(rememberActor, 'links', 'conversations', 'follow_ups');
// A deleted asset takes its history with it (cascade); what it was linked to may step down.
onRecordAfterDeleteSuccess(syncLadderAfter, 'links', 'conversations', 'follow_ups');

// A coordinator sets an asset's step: { asset, step, reason }. Refused before anything is
// written: not signed in 401; not a coordinator or admin 403; a bad body 400 naming the field;
// an asset outside her areas 404 (as the records API answers for what she may not see).
routerAdd(
	'POST',
	'/api/krachtkaart/ladder/step',
	(e) => {
		const superuser = e.auth.isSuperuser();
		const role = superuser ? '' : e.auth.getString('role');
		if (!superuser && role !== 'coordinator' && role !== 'admin') {
			throw new ForbiddenError(
				'Alleen coördinatoren zetten een stap. / Only coordinators set a step.'
			);
		}
		const body = e.requestInfo().body || {};
		const vocabulary = require(`${__hooks}/lib/vocabulary.json`);
		const bad = (field, message) => {
			throw new BadRequestError(message, { [field]: new ValidationError('invalid', message) });
		};
		const assetId = String(body.asset || '');
		const step = String(body.step || '');
		const reason = String(body.reason || '').trim();
		if (!/^[a-z0-9]{15}$/.test(assetId)) bad('asset', 'asset: give an asset id.');
		if (!Object.prototype.hasOwnProperty.call(vocabulary.ladderSteps, step)) {
			bad('step', 'step: give a step of the ladder.');
		}
		if (reason === '' || reason.length > vocabulary.limits.ladder.reason) {
			bad('reason', `reason: say why, in 1 to ${vocabulary.limits.ladder.reason} characters.`);
		}
		let asset;
		try {
			asset = e.app.findRecordById('assets', assetId);
		} catch {
			throw new NotFoundError('Deze kracht bestaat niet. / No such asset.');
		}
		const everything = superuser || role === 'admin';
		if (
			!everything &&
			!require(`${__hooks}/lib/areas.js`).isWithinAreas(
				e.app,
				asset.getString('area'),
				e.auth.getStringSlice('areas')
			)
		) {
			throw new NotFoundError('Deze kracht bestaat niet. / No such asset.');
		}
		const ladder = require(`${__hooks}/lib/ladder.js`);
		const { writeAudit } = require(`${__hooks}/lib/audit.js`);
		const current = ladder.latestStep(e.app, asset.id, '');
		const by = superuser ? '' : e.auth.id;
		const record = new Record(e.app.findCollectionByNameOrId('ladder_steps'));
		record.load({
			asset: asset.id,
			area: asset.getString('area'),
			step,
			from: current ? current.step : '',
			source: 'set',
			setBy: by,
			causedBy: by,
			reason,
			at: new Date().toISOString().replace('T', ' ')
		});
		// The row and its audit entry in one transaction: neither is kept without the other. The
		// entry names the asset, so a resident's access request (lib/subject-access.js auditAbout)
		// shows who changed her asset's step; the history row is in `details.ladderStep`. The reason
		// stays on that row only: free text may name a resident, and the log outlives her erasure.
		e.app.runInTransaction((txApp) => {
			txApp.save(record);
			writeAudit(txApp, {
				auth: e.auth,
				action: 'update',
				collection: 'assets',
				id: asset.id,
				details: {
					fields: ['ladderStep'],
					ladderStep: record.id,
					from: current ? current.step : '',
					to: step
				}
			});
		});
		return e.json(200, {
			asset: asset.id,
			step,
			from: current ? current.step : '',
			source: 'set',
			at: record.getString('at')
		});
	},
	$apis.requireAuth('users', '_superusers')
);

// The assets of the asked areas (in or below them, and in hers) with their step now: coordinators,
// workers and admins. Viewers get 403 before any query: they see counts only.
routerAdd(
	'GET',
	'/api/krachtkaart/ladder/assets',
	(e) => {
		const superuser = e.auth.isSuperuser();
		const role = superuser ? '' : e.auth.getString('role');
		if (!superuser && ['admin', 'coordinator', 'worker'].indexOf(role) < 0) {
			throw new ForbiddenError(
				'Alleen het team ziet de krachten per stap. / Viewers see counts only.'
			);
		}
		const asked = require(`${__hooks}/lib/area-param.js`).askedAreas(e);
		const { ASKED_AND_MINE } = require(`${__hooks}/lib/areas.js`);
		const everything = superuser || role === 'admin';
		const rows = arrayOf(
			new DynamicModel({
				id: '',
				title: '',
				kind: '',
				area: '',
				person: '',
				step: '',
				source: '',
				setBy: '',
				reason: '',
				at: ''
			})
		);
		e.app
			.db()
			.newQuery(
				`WITH RECURSIVE ${ASKED_AND_MINE}
				SELECT a.id, a.title, a.kind, a.area, a.person, s.step, s.source, s.setBy, s.reason, s.at
				FROM assets a JOIN ladder_steps s ON s.id = (
					SELECT id FROM ladder_steps WHERE asset = a.id ORDER BY at DESC, created DESC, id DESC LIMIT 1)
				WHERE a.area IN (SELECT id FROM asked)
				AND ({:everything} OR a.area IN (SELECT id FROM mine))
				ORDER BY a.title LIMIT 20000`
			)
			.bind({
				asked: JSON.stringify(asked),
				mine: JSON.stringify(superuser ? [] : e.auth.getStringSlice('areas')),
				everything
			})
			.all(rows);
		return e.json(200, { assets: rows });
	},
	$apis.requireAuth('users', '_superusers'),
	$apis.gzip()
);

// Per buurt and step for a period (`from`, `to` as YYYY-MM-DD): the assets at each step at its
// end and those that reached it in it. Staff get every cell; viewers one ended calendar quarter
// and only the margins (per buurt, per step for all asked areas together), through hideGroup:
// a cross table's cells could be subtracted from its margins into a small group.
routerAdd(
	'GET',
	'/api/krachtkaart/ladder/counts',
	(e) => {
		const superuser = e.auth.isSuperuser();
		const role = superuser ? '' : e.auth.getString('role');
		if (!superuser && ['admin', 'coordinator', 'worker', 'viewer'].indexOf(role) < 0) {
			throw new ForbiddenError('Alleen gebruikers met een rol zien de ladder.');
		}
		const viewer = !superuser && role === 'viewer';
		const asked = require(`${__hooks}/lib/area-param.js`).askedAreas(e);
		const query = e.request.url.query();
		const ladder = require(`${__hooks}/lib/ladder.js`);
		const period = ladder.parsePeriod(
			String(query.get('from') || ''),
			String(query.get('to') || ''),
			viewer,
			Date.now()
		);
		const { ASKED_AND_MINE } = require(`${__hooks}/lib/areas.js`);
		const rows = arrayOf(new DynamicModel({ asset: '', area: '', step: '', at: '', causedBy: '' }));
		// Rows at the same moment in latestStep's order: the last one counted is the asset's step.
		e.app
			.db()
			.newQuery(
				`WITH RECURSIVE ${ASKED_AND_MINE}
				SELECT s.asset, s.area, s.step, s.at, s.causedBy FROM ladder_steps s
				WHERE s.at <= {:to} AND s.area IN (SELECT id FROM asked)
				AND ({:everything} OR s.area IN (SELECT id FROM mine))
				ORDER BY s.at, s.created, s.id`
			)
			.bind({
				asked: JSON.stringify(asked),
				mine: JSON.stringify(superuser ? [] : e.auth.getStringSlice('areas')),
				everything: superuser || role === 'admin',
				to: new Date(period.to).toISOString().replace('T', ' ')
			})
			.all(rows);
		const counts = ladder.ladderCounts(
			rows.map((row) => ({
				asset: row.asset,
				area: row.area,
				step: row.step,
				at: Date.parse(row.at.replace(' ', 'T')),
				causedBy: row.causedBy
			})),
			period.from,
			period.to
		);
		const areaIds = Object.keys(counts.at);
		const names = {};
		for (const id of areaIds) {
			try {
				const area = e.app.findRecordById('areas', id);
				names[id] = { code: area.getString('code'), name: area.getString('name') };
			} catch {
				names[id] = { code: '', name: '' };
			}
		}
		const answer = ladder.countsAnswer(counts, names, viewer, {
			from: String(query.get('from')),
			to: String(query.get('to'))
		});
		// Per team member, staff only: a viewer sees counts, never names. A member's name is given
		// as the users rules would (lib/areas.js isColleague); anyone else counts as unknown.
		if (!viewer) {
			const { isColleague } = require(`${__hooks}/lib/areas.js`);
			const readable = {};
			for (const id of Object.keys(counts.reachedBy)) {
				if (!id) continue;
				try {
					const user = e.app.findRecordById('users', id);
					if (superuser || role === 'admin' || isColleague(e.app, e.auth, user)) {
						readable[id] = user.getString('name');
					}
				} catch {
					// Gone since: unknown.
				}
			}
			answer.byMember = ladder.membersAnswer(counts.reachedBy, readable);
		}
		return e.json(200, answer);
	},
	$apis.requireAuth('users', '_superusers')
);

// The residents of the asked areas (in or below them, and in hers) with their step: the highest
// step of their assets she may see. Personal data: only those who may read people (coordinators,
// workers, admins; the people rules, lib/area-rules.js) get it, viewers a 403 before any query;
// the answer is audited as a list of people, as the records API's lists are (audit.pb.js).
routerAdd(
	'GET',
	'/api/krachtkaart/ladder/people',
	(e) => {
		const superuser = e.auth.isSuperuser();
		const role = superuser ? '' : e.auth.getString('role');
		if (!superuser && ['admin', 'coordinator', 'worker'].indexOf(role) < 0) {
			throw new ForbiddenError(
				'Alleen het team ziet bewoners per stap. / Viewers see counts only.'
			);
		}
		const asked = require(`${__hooks}/lib/area-param.js`).askedAreas(e);
		const { ASKED_AND_MINE } = require(`${__hooks}/lib/areas.js`);
		const ladder = require(`${__hooks}/lib/ladder.js`);
		const rows = arrayOf(new DynamicModel({ id: '', name: '', area: '', step: '' }));
		e.app
			.db()
			.newQuery(
				`WITH RECURSIVE ${ASKED_AND_MINE}
				SELECT p.id, p.display_name AS name, p.area, s.step
				FROM people p JOIN assets a ON a.person = p.id
				JOIN ladder_steps s ON s.id = (
					SELECT id FROM ladder_steps WHERE asset = a.id ORDER BY at DESC, created DESC, id DESC LIMIT 1)
				WHERE p.area IN (SELECT id FROM asked) AND p.anonymisedAt = ''
				AND ({:everything} OR (p.area IN (SELECT id FROM mine) AND a.area IN (SELECT id FROM mine)))
				LIMIT 20000`
			)
			.bind({
				asked: JSON.stringify(asked),
				mine: JSON.stringify(superuser ? [] : e.auth.getStringSlice('areas')),
				everything: superuser || role === 'admin'
			})
			.all(rows);
		const people = ladder.peopleSteps(
			rows.map((row) => ({ id: row.id, name: row.name, area: row.area, step: row.step }))
		);
		if (people.length > 0) {
			require(`${__hooks}/lib/audit.js`).writeAudit(e.app, {
				auth: e.auth,
				action: 'list',
				collection: 'people',
				details: {
					ids: people.slice(0, 500).map((p) => p.id),
					count: people.length,
					via: 'ladder'
				}
			});
		}
		// Personal data: never kept by a browser or proxy cache.
		e.response.header().set('Cache-Control', 'no-store');
		return e.json(200, { people });
	},
	$apis.requireAuth('users', '_superusers'),
	$apis.gzip()
);
