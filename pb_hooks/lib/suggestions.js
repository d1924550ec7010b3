// Suggested connections on the server (src/lib/suggestions/README.md): what the routes of
// suggestions.pb.js do. The matching is lib/suggestions-match.js (pure); this reads its input
// from the database, keeps `connection_suggestions` in step with it, and decides them.
// The reads bypass the API rules (SQL, like lib/map-snapshot.js), so they repeat them: her areas
// and those two levels below (lib/areas.js ASKED_AND_MINE), both ends of a pair within them.

const VOCABULARY = require(`${__hooks}/lib/vocabulary.json`);
const LIMITS = VOCABULARY.limits.suggestion;
const DATE_PATTERN = new RegExp(VOCABULARY.datePattern);
const ID = /^[a-z0-9]{15}$/;
/** Viewers get the number of open suggestions only from this many on (the min-5 rule). */
const MIN_COUNT = 5;

/**
 * A refusal with its code (lib/vocabulary.json `suggestionErrors`) as PocketBase reports field
 * errors: { data: { [field]: { code, message } } }.
 */
function refuse(status, field, code, nl, en) {
	const data = {};
	data[field] = new ValidationError(code, `${nl} / ${en}`);
	if (status === 403) throw new ForbiddenError(`${nl} / ${en}`, data);
	if (status === 404) throw new NotFoundError(`${nl} / ${en}`, data);
	if (status === 400) throw new BadRequestError(`${nl} / ${en}`, data);
	throw new ApiError(status, `${nl} / ${en}`, data);
}

/**
 * Who asks, before any query: `everything` (admins, superusers), `staff` (coordinators and
 * workers: the suggestions themselves), `viewer` (a count), or a 403 for a user without a role.
 * @param {core.Record} auth
 */
function callerOf(auth) {
	if (auth.isSuperuser()) return { kind: 'everything', role: '', id: '', mine: [] };
	const role = auth.getString('role');
	const mine = auth.getStringSlice('areas');
	if (role === 'admin') return { kind: 'everything', role, id: auth.id, mine };
	if (role === 'coordinator' || role === 'worker')
		return { kind: 'staff', role, id: auth.id, mine };
	if (role === 'viewer') return { kind: 'viewer', role, id: auth.id, mine };
	return refuse(
		403,
		'role',
		'suggestion_not_allowed',
		'Alleen gebruikers met een rol zien voorstellen.',
		'Only users with a role see suggestions.'
	);
}

/**
 * A decision's input, checked before any query: a coordinator or admin (or superuser), a record
 * id, and for `accept` the worker who makes the introduction and an optional due day.
 * @param {core.RequestEvent} e
 * @param {'accept' | 'dismiss' | 'reopen'} decision
 */
function parseDecision(e, decision) {
	const caller = callerOf(e.auth);
	if (caller.kind !== 'everything' && caller.role !== 'coordinator') {
		refuse(
			403,
			'role',
			'suggestion_not_allowed',
			'Alleen coördinatoren beslissen over voorstellen.',
			'Only coordinators decide on suggestions.'
		);
	}
	const id = String(e.request.pathValue('id') || '');
	if (!ID.test(id)) {
		refuse(400, 'id', 'suggestion_invalid_id', 'Geen geldig voorstel.', 'Not a suggestion id.');
	}
	const input = { auth: e.auth, caller, id, assignee: '', due: '' };
	if (decision !== 'accept') return input;
	const body = e.requestInfo().body || {};
	input.assignee = typeof body.assignee === 'string' ? body.assignee : '';
	if (!ID.test(input.assignee)) {
		refuse(
			400,
			'assignee',
			'suggestion_assignee_missing',
			'Kies wie de kennismaking regelt.',
			'Choose who makes the introduction.'
		);
	}
	const due = body.due === undefined || body.due === null ? '' : String(body.due);
	if (due !== '' && !DATE_PATTERN.test(due)) {
		refuse(
			400,
			'due',
			'suggestion_due_invalid',
			'De datum moet JJJJ-MM-DD zijn.',
			'The date must be YYYY-MM-DD.'
		);
	}
	input.due = due === '' ? '' : `${due.slice(0, 10)} 12:00:00.000Z`;
	return input;
}

/** The ids of her areas and of those up to two levels below them. */
function areaSet(app, caller) {
	if (caller.kind === 'everything') return null;
	const { ASKED_AND_MINE } = require(`${__hooks}/lib/areas.js`);
	const rows = arrayOf(new DynamicModel({ id: '' }));
	app
		.db()
		.newQuery(`WITH RECURSIVE ${ASKED_AND_MINE} SELECT DISTINCT id FROM mine`)
		.bind({ asked: '[]', mine: JSON.stringify(caller.mine) })
		.all(rows);
	return rows.map((row) => row.id);
}

const json = (field) => `json(coalesce(nullif(${field}, ''), 'null'))`;

/** One JSON array from SQL, of rows `columns` of `table` that fit `where` within `areas`. */
function rowsOf(app, table, columns, where, areas) {
	const row = new DynamicModel({ body: '' });
	app
		.db()
		.newQuery(
			`SELECT json_group_array(json_object(${columns})) AS body FROM ${table}
			WHERE ${where} AND ({:everything} OR area IN (SELECT value FROM json_each({:areas})))`
		)
		.bind({ everything: areas === null ? 1 : 0, areas: JSON.stringify(areas || []) })
		.one(row);
	return JSON.parse(row.body || '[]');
}

/** Rows of `table` by id, as a map. */
function byId(app, table, columns, ids) {
	const row = new DynamicModel({ body: '' });
	app
		.db()
		.newQuery(
			`SELECT json_group_array(json_object(${columns})) AS body FROM ${table}
			WHERE id IN (SELECT value FROM json_each({:ids}))`
		)
		.bind({ ids: JSON.stringify(ids) })
		.one(row);
	const found = {};
	for (const item of JSON.parse(row.body || '[]')) found[item.id] = item;
	return found;
}

const ASSET = `'id', id, 'kind', kind, 'status', status, 'themes', ${json('themes')},
	'asksHelp', ${json('asksHelp')}, 'location', ${json('location')}, 'area', area,
	'person', person, 'sourceConversation', sourceConversation`;

/** The matching's input within `areas` (null: everywhere). */
function inputWithin(app, areas) {
	const gifts = rowsOf(app, 'assets', ASSET, "kind = 'capacity' AND person != ''", areas);
	const initiatives = rowsOf(
		app,
		'assets',
		ASSET,
		"kind = 'initiative' AND asksHelp NOT IN ('', '[]')",
		areas
	);
	const talks = rowsOf(
		app,
		'conversations',
		`'id', id, 'heldAt', heldAt, 'outcome', outcome, 'themes', ${json('themes')},
		'location', ${json('location')}, 'area', area, 'person', person`,
		"outcome = 'talked' AND person != '' AND themes NOT IN ('', '[]')",
		areas
	);
	const personIds = gifts.map((g) => g.person).concat(talks.map((t) => t.person));
	const people = byId(
		app,
		'people',
		`'id', id, 'consent', ${json('consent')}, 'created', created`,
		personIds
	);
	const sourceTalks = byId(
		app,
		'conversations',
		"'id', id, 'heldAt', heldAt",
		gifts.map((g) => g.sourceConversation).filter((id) => id !== '')
	);
	return { gifts, initiatives, talks, people, sourceTalks };
}

/** The stored suggestions whose both ends lie within `areas` (null: all). */
function storedWithin(app, areas) {
	const row = new DynamicModel({ body: '' });
	app
		.db()
		.newQuery(
			`SELECT json_group_array(json_object('id', s.id, 'gift', s.gift, 'wisher', s.wisher,
				'initiative', s.initiative, 'wish', s.wish, 'area', s.area, 'status', s.status,
				'evidence', ${json('s.evidence')})) AS body
			FROM connection_suggestions s JOIN assets g ON g.id = s.gift
			WHERE {:everything} OR (s.area IN (SELECT value FROM json_each({:areas}))
				AND g.area IN (SELECT value FROM json_each({:areas})))`
		)
		.bind({ everything: areas === null ? 1 : 0, areas: JSON.stringify(areas || []) })
		.one(row);
	return JSON.parse(row.body || '[]');
}

/** Pairs already joined by a link, either way: a gift and an initiative need no suggestion. */
function linkedPairs(app, giftIds) {
	const { pairKey } = require(`${__hooks}/lib/suggestions-match.js`);
	const rows = arrayOf(new DynamicModel({ a: '', b: '' }));
	app
		.db()
		.newQuery(
			`SELECT [from] AS a, [to] AS b FROM links WHERE [from] IN (SELECT value FROM json_each({:ids}))
			UNION SELECT [to] AS a, [from] AS b FROM links WHERE [to] IN (SELECT value FROM json_each({:ids}))`
		)
		.bind({ ids: JSON.stringify(giftIds) })
		.all(rows);
	return rows.map((row) => pairKey(row.a, '', row.b));
}

/** When a consent ends, by lib/consent.js's one rule. */
function consentEnds() {
	const consent = require(`${__hooks}/lib/consent.js`);
	const days = consent.retentionDays();
	return (value, createdMs) => consent.deadline(value, createdMs, days);
}

/**
 * Brings the open suggestions within her areas in step with what matches now, in one
 * transaction: new pairs are added as open, open ones whose pair no longer matches (a consent
 * withdrawn or run out, a theme or a point changed, an asset ended) are removed, the evidence of
 * the others is renewed. Decided pairs stay as they are and are never proposed again.
 * @returns {any[]} the stored suggestions within her areas afterwards
 */
function refresh(app, areas) {
	const { matchSuggestions, pairKey } = require(`${__hooks}/lib/suggestions-match.js`);
	app.runInTransaction((txApp) => {
		const input = inputWithin(txApp, areas);
		const stored = storedWithin(txApp, areas);
		const decided = stored
			.filter((s) => s.status !== 'open')
			.map((s) => pairKey(s.gift, s.wisher, s.initiative));
		const excluded = decided.concat(
			linkedPairs(
				txApp,
				input.gifts.map((g) => g.id)
			)
		);
		const found = matchSuggestions(input, {
			nowMs: Date.now(),
			maxMetres: LIMITS.walkMetres,
			consentEnds: consentEnds(),
			excluded
		}).slice(0, LIMITS.perRequest);
		const open = {};
		for (const s of stored)
			if (s.status === 'open') open[pairKey(s.gift, s.wisher, s.initiative)] = s;
		const collection = txApp.findCollectionByNameOrId('connection_suggestions');
		for (const match of found) {
			const key = pairKey(match.gift, match.wisher, match.initiative);
			const existing = open[key];
			delete open[key];
			if (
				existing &&
				existing.wish === match.wish &&
				existing.area === match.area &&
				JSON.stringify(existing.evidence) === JSON.stringify(match.evidence)
			) {
				continue;
			}
			const record = existing
				? txApp.findRecordById('connection_suggestions', existing.id)
				: new Record(collection);
			record.load({
				gift: match.gift,
				wisher: match.wisher,
				wish: match.wish,
				initiative: match.initiative,
				area: match.area,
				evidence: match.evidence,
				status: 'open'
			});
			txApp.save(record);
		}
		for (const key in open) {
			txApp.delete(txApp.findRecordById('connection_suggestions', open[key].id));
		}
	});
	return storedWithin(app, areas);
}

/**
 * GET /api/krachtkaart/suggestions: staff get the open suggestions within their areas with what
 * the page shows (the gift's title and themes, the wish's talk date and street, the initiative's
 * title, the evidence), never a name or a note; viewers the number of open ones, or null below
 * MIN_COUNT.
 * @param {core.App} app
 * @param {core.Record} auth
 */
function listFor(app, auth) {
	const caller = callerOf(auth);
	const areas = areaSet(app, caller);
	const open = refresh(app, areas).filter((s) => s.status === 'open');
	if (caller.kind === 'viewer') {
		return { items: null, open: open.length >= MIN_COUNT ? open.length : null };
	}
	const assets = byId(
		app,
		'assets',
		`'id', id, 'title', title, 'themes', ${json('themes')}`,
		open.map((s) => s.gift).concat(open.map((s) => s.initiative).filter((id) => id !== ''))
	);
	const talks = byId(
		app,
		'conversations',
		`'id', id, 'heldAt', heldAt, 'street', coalesce((SELECT street FROM addresses WHERE addresses.id = conversations.address), '')`,
		open.map((s) => s.wish).filter((id) => id !== '')
	);
	const areaNames = byId(
		app,
		'areas',
		"'id', id, 'name', name",
		open.map((s) => s.area)
	);
	const items = open.map((s) => {
		const gift = assets[s.gift] || { id: s.gift, title: '', themes: [] };
		const initiative = s.initiative ? assets[s.initiative] : null;
		const talk = s.wish ? talks[s.wish] : null;
		return {
			id: s.id,
			status: s.status,
			area: { id: s.area, name: (areaNames[s.area] || { name: '' }).name },
			gift: { id: gift.id, title: gift.title, themes: gift.themes || [] },
			wish: talk ? { conversation: talk.id, heldAt: talk.heldAt, street: talk.street } : null,
			initiative: initiative ? { id: initiative.id, title: initiative.title } : null,
			evidence: s.evidence
		};
	});
	if (items.length > 0) {
		// The list tells which talks carry a wish: read like a list of conversations (walk.pb.js).
		require(`${__hooks}/lib/audit.js`).writeAudit(app, {
			auth: auth,
			action: 'list',
			collection: 'conversations',
			details: { route: 'suggestions', count: items.length }
		});
	}
	const rank = (s) => [s.evidence.themes.length, -s.evidence.metres];
	items.sort(
		(a, b) => rank(b)[0] - rank(a)[0] || rank(b)[1] - rank(a)[1] || (a.id < b.id ? -1 : 1)
	);
	return { items, open: items.length };
}

/** The suggestion, if both its ends lie within her areas; a 404 otherwise (as if it were not). */
function findMine(app, input) {
	let record = null;
	try {
		record = app.findRecordById('connection_suggestions', input.id);
	} catch {
		// Reported below.
	}
	if (record && input.caller.kind !== 'everything') {
		const { isWithinAreas } = require(`${__hooks}/lib/areas.js`);
		const gift = app.findRecordById('assets', record.getString('gift'));
		const inside = (area) => {
			try {
				return isWithinAreas(app, area, input.caller.mine);
			} catch {
				return false;
			}
		};
		if (!inside(record.getString('area')) || !inside(gift.getString('area'))) record = null;
	}
	if (!record) {
		refuse(
			404,
			'id',
			'suggestion_not_found',
			'Dit voorstel bestaat niet in je gebieden.',
			'There is no such suggestion in your areas.'
		);
	}
	return record;
}

function requireStatus(record, wanted) {
	const status = record.getString('status');
	if (wanted === 'open' && status !== 'open') {
		refuse(
			409,
			'status',
			'suggestion_decided',
			'Over dit voorstel is al besloten.',
			'This suggestion was decided already.'
		);
	}
	if (wanted === 'decided' && status === 'open') {
		refuse(
			409,
			'status',
			'suggestion_not_decided',
			'Dit voorstel staat nog open.',
			'This suggestion is still open.'
		);
	}
}

/** Whether both residents may still be contacted (the consent may have changed since). */
function requireConsent(app, record) {
	const { mayBeContacted } = require(`${__hooks}/lib/suggestions-match.js`);
	const gift = app.findRecordById('assets', record.getString('gift'));
	const ids = [gift.getString('person'), record.getString('wisher')].filter((id) => id !== '');
	const people = byId(
		app,
		'people',
		`'id', id, 'consent', ${json('consent')}, 'created', created`,
		ids
	);
	const ends = consentEnds();
	const allowed =
		gift.getString('person') !== '' &&
		ids.every((id) => mayBeContacted(people[id], Date.now(), ends));
	if (!allowed) {
		refuse(
			409,
			'consent',
			'suggestion_no_consent',
			'De bewoner wil niet meer benaderd worden.',
			'The resident no longer agrees to be contacted.'
		);
	}
	return gift;
}

/** The worker must be a worker or coordinator of the suggestion's area (or above it). */
function requireAssignee(app, record, assigneeId) {
	const { isWithinAreas } = require(`${__hooks}/lib/areas.js`);
	let fits = false;
	try {
		const user = app.findRecordById('users', assigneeId);
		const role = user.getString('role');
		fits =
			(role === 'worker' || role === 'coordinator') &&
			!user.getString('deactivatedAt') &&
			isWithinAreas(app, record.getString('area'), user.getStringSlice('areas'));
	} catch {
		// No such user, or an area gone: she does not fit.
	}
	if (!fits) {
		refuse(
			400,
			'assignee',
			'suggestion_assignee_outside',
			'Kies een buurtwerker of coördinator van dit gebied.',
			'Choose a worker or coordinator of this area.'
		);
	}
}

/**
 * The wisher's own asset to link the gift to: her capacity or key-figure asset, the newest.
 * None when she has none: a wish is not an asset, and the map shows what a neighbourhood has,
 * so accepting makes the follow-up only (src/lib/suggestions/README.md).
 */
function wisherAsset(app, wisher) {
	const found = app.findRecordsByFilter(
		'assets',
		"person = {:wisher} && (kind = 'capacity' || kind = 'key_figure') && status != 'ended'",
		'-created',
		1,
		0,
		{ wisher }
	);
	return found.length > 0 ? found[0] : null;
}

function nlDay(pbDate) {
	const [y, m, d] = String(pbDate).slice(0, 10).split('-');
	return `${Number(d)}-${Number(m)}-${y}`;
}

/** The follow-up's text for the worker: who meets whom, about what (no names). */
function followUpText(gift, record, target) {
	const evidence = JSON.parse(record.getString('evidence') || '{}');
	const themes = (evidence.themes || []).join(', ');
	const other = target
		? target.getString('title')
		: `de bewoner uit het gesprek van ${nlDay(
				(evidence.talks || []).filter((t) => t.side === 'wish').map((t) => t.heldAt)[0] || ''
			)}`;
	return `Kennismaking regelen: "${gift.getString('title')}" met ${other} (${themes}).`.slice(
		0,
		500
	);
}

/**
 * Accepts a suggestion: a `connects` link from the gift to the initiative or to the wisher's own
 * asset, a follow-up for the chosen worker (at the wish's talk, or the gift's for an initiative),
 * and the decision, with its audit entry, in one transaction.
 */
function accept(app, input) {
	const record = findMine(app, input);
	requireStatus(record, 'open');
	const gift = requireConsent(app, record);
	requireAssignee(app, record, input.assignee);
	const made = { id: record.id, link: null, followUp: '' };
	app.runInTransaction((txApp) => {
		const initiativeId = record.getString('initiative');
		const target = initiativeId
			? txApp.findRecordById('assets', initiativeId)
			: wisherAsset(txApp, record.getString('wisher'));
		let linkId = '';
		if (target) {
			const existing = txApp.findRecordsByFilter(
				'links',
				"from = {:from} && to = {:to} && kind = 'connects'",
				'',
				1,
				0,
				{ from: gift.id, to: target.id }
			);
			if (existing.length === 0) {
				const link = new Record(txApp.findCollectionByNameOrId('links'));
				link.load({
					from: gift.id,
					to: target.id,
					kind: 'connects',
					note: 'Voorgestelde verbinding',
					createdBy: input.caller.id
				});
				txApp.save(link);
				linkId = link.id;
			}
			made.link = existing.length > 0 ? existing[0].id : linkId;
		}
		const task = new Record(txApp.findCollectionByNameOrId('follow_ups'));
		task.load({
			conversation: record.getString('wish') || gift.getString('sourceConversation'),
			area: record.getString('area'),
			what: followUpText(gift, record, initiativeId ? target : null),
			assignee: input.assignee,
			due: input.due,
			createdBy: input.caller.id
		});
		txApp.save(task);
		made.followUp = task.id;
		// Only a link this made is undone with it (reopen).
		record.set('link', linkId);
		record.set('followUp', task.id);
		decide(txApp, record, input, 'accepted');
	});
	return made;
}

function decide(txApp, record, input, status) {
	const { writeAudit } = require(`${__hooks}/lib/audit.js`);
	record.set('status', status);
	record.set('decidedBy', status === 'open' ? '' : input.caller.id);
	record.set('decidedAt', status === 'open' ? '' : new Date().toISOString().replace('T', ' '));
	if (status === 'open') {
		record.set('link', '');
		record.set('followUp', '');
	}
	txApp.save(record);
	writeAudit(txApp, {
		auth: input.auth,
		action: 'update',
		collection: 'connection_suggestions',
		id: record.id,
		details: { step: status === 'open' ? 'reopen' : status, fields: ['status'] }
	});
}

/** Dismisses a suggestion: it stays, dismissed, so its pair is never proposed again. */
function dismiss(app, input) {
	const record = findMine(app, input);
	requireStatus(record, 'open');
	app.runInTransaction((txApp) => decide(txApp, record, input, 'dismissed'));
	return { id: record.id };
}

/**
 * Undoes a decision while that is cheap: a dismissed one opens again; an accepted one too, with
 * the link and the follow-up it made removed, as long as the follow-up is not done.
 */
function reopen(app, input) {
	const record = findMine(app, input);
	requireStatus(record, 'decided');
	const taskId = record.getString('followUp');
	let task = null;
	if (taskId) {
		try {
			task = app.findRecordById('follow_ups', taskId);
		} catch {
			task = null;
		}
	}
	if (task && task.getBool('done')) {
		refuse(
			409,
			'followUp',
			'suggestion_follow_up_done',
			'De kennismaking is al gedaan.',
			'The introduction was done already.'
		);
	}
	app.runInTransaction((txApp) => {
		if (task) txApp.delete(txApp.findRecordById('follow_ups', task.id));
		const linkId = record.getString('link');
		if (linkId) {
			try {
				txApp.delete(txApp.findRecordById('links', linkId));
			} catch {
				// Removed by hand since: nothing to undo.
			}
		}
		decide(txApp, record, input, 'open');
	});
	return { id: record.id };
}

module.exports = { MIN_COUNT, callerOf, parseDecision, listFor, accept, dismiss, reopen };
