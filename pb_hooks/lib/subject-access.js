// Access and erasure requests (AVG articles 15 and 17): everything stored about one resident, and
// erasing it across every collection that refers to her. Used by pb_hooks/subject-access.pb.js.
//
// What refers to a person: `conversations.person` (her talks), `assets.person` (her capacity and
// key-figure assets, with their links and the assets grown from her talks), the `follow_ups` of
// her talks, and any other collection with a relation to `people` (found from the schema, so a
// collection added later is covered too). The audit trail about her records is part of the
// export; it holds ids and field names only, never her data, so erasing keeps it (who did what
// must stay accountable) and adds one `erase` entry with counts.

/** Asset kinds that are a resident herself: erased with her. Other kinds only lose the link. */
const RESIDENT_KINDS = ['capacity', 'key_figure'];
/** Conversation fields that say something about her; what stays feeds the aggregates only. */
const CONVERSATION_PERSONAL = {
	person: '',
	notes: '',
	mentions: null,
	gifts: null,
	wishes: '',
	followUp: null,
	resident: null,
	consent: [],
	willingToHelp: false,
	language: '',
	connectTo: []
};
/** At most this many audit entries in an export (a person's trail is far shorter). */
const MAX_AUDIT = 10000;

/**
 * Who may serve a request: admins (and superusers) everywhere, coordinators within their areas.
 * Throws the error to answer with; returns nothing when she may.
 * @param {core.App} app
 * @param {core.Record} auth
 * @param {core.Record | null} person null: check only the role (before looking her up)
 */
function authorize(app, auth, person) {
	if (auth.isSuperuser()) return;
	const role = auth.getString('role');
	if (role === 'admin') return;
	if (role !== 'coordinator') {
		throw new ForbiddenError(
			'Alleen coördinatoren en beheerders kunnen opvragen of wissen wat over een bewoner bewaard is.'
		);
	}
	if (person) require(`${__hooks}/lib/areas.js`).requirePersonWithinAreas(app, auth, person);
}

/**
 * The person of a request, or a 404.
 * @param {core.App} app
 * @param {string} id
 */
function findPerson(app, id) {
	if (!/^[a-z0-9]{15}$/.test(id || '')) {
		throw new NotFoundError('Deze bewoner bestaat niet (meer).');
	}
	try {
		return app.findRecordById('people', id);
	} catch {
		throw new NotFoundError('Deze bewoner bestaat niet (meer).');
	}
}

/** A record as plain data with every field, hidden ones too (an export leaves nothing out). */
function plain(record) {
	const hidden = [];
	for (const field of record.collection().fields) {
		if (field.hidden) hidden.push(field.name);
	}
	if (hidden.length > 0) record.unhide(...hidden);
	return JSON.parse(JSON.stringify(record));
}

// Sorted when asked; a collection added later may have no `created` to sort on.
const byFilter = (app, collection, filter, params, sort) =>
	app.findRecordsByFilter(collection, filter, sort === undefined ? 'created' : sort, 0, 0, params);

/**
 * The relation fields that point at `people`, beyond the two the app knows (conversations.person,
 * assets.person): { collection, field, multiple, auth }.
 * @param {core.App} app
 */
function otherReferences(app) {
	const people = app.findCollectionByNameOrId('people');
	const found = [];
	for (const collection of app.findAllCollections()) {
		if (collection.isView()) continue;
		for (const field of collection.fields) {
			if (field.type() !== 'relation' || field.collectionId !== people.id) continue;
			const known =
				(collection.name === 'conversations' || collection.name === 'assets') &&
				field.name === 'person';
			if (known) continue;
			found.push({
				collection: collection.name,
				field: field.name,
				multiple: field.isMultiple(),
				auth: collection.isAuth()
			});
		}
	}
	return found;
}

/** Records of `ref` that point at the person (a list of several: any of them is her). */
function referring(app, ref, personId) {
	// On a field of several, only `field.id ?=` compares each one (plain `field ?=` matches none).
	const filter = ref.multiple ? `${ref.field}.id ?= {:id}` : `${ref.field} = {:id}`;
	return byFilter(app, ref.collection, filter, { id: personId }, '');
}

/**
 * Everything about her as records: her talks, her assets (hers, or grown from her talks), their
 * links, the follow-ups of her talks, and what other collections hold about her.
 * @param {core.App} app
 * @param {core.Record} person
 */
function gather(app, person) {
	const conversations = byFilter(
		app,
		'conversations',
		'person = {:id}',
		{ id: person.id },
		'heldAt'
	);
	const assets = byFilter(app, 'assets', 'person = {:id}', { id: person.id });
	const assetIds = assets.map((a) => a.id);
	for (const conversation of conversations) {
		for (const asset of byFilter(app, 'assets', 'sourceConversation = {:id}', {
			id: conversation.id
		})) {
			if (assetIds.indexOf(asset.id) < 0) {
				assets.push(asset);
				assetIds.push(asset.id);
			}
		}
	}
	const links = [];
	const linkIds = [];
	for (const asset of assets) {
		for (const link of byFilter(app, 'links', 'from = {:id} || to = {:id}', { id: asset.id })) {
			if (linkIds.indexOf(link.id) < 0) {
				links.push(link);
				linkIds.push(link.id);
			}
		}
	}
	const followUps = [];
	for (const conversation of conversations) {
		for (const task of byFilter(app, 'follow_ups', 'conversation = {:id}', {
			id: conversation.id
		})) {
			followUps.push(task);
		}
	}
	const other = otherReferences(app).map((ref) => ({
		ref: ref,
		records: referring(app, ref, person.id)
	}));
	return { conversations, assets, links, followUps, other };
}

/**
 * The audit entries about her records: entries that name one of them, and lists whose ids held
 * one (only lists made since her oldest record existed can).
 * @param {core.App} app
 * @param {string[]} ids
 * @param {string} since PocketBase date of her oldest record
 */
function auditAbout(app, ids, since) {
	const rows = arrayOf(new DynamicModel({ id: '' }));
	app
		.db()
		.newQuery(
			`SELECT id FROM audit_log
			WHERE targetId IN (SELECT value FROM json_each({:ids}))
				OR (action = 'list' AND created >= {:since} AND EXISTS (
					SELECT 1 FROM json_each(CASE WHEN json_valid(details) THEN details ELSE 'null' END, '$.ids')
					WHERE value IN (SELECT value FROM json_each({:ids}))))
			ORDER BY created, id
			LIMIT {:limit}`
		)
		.bind({ ids: JSON.stringify(ids), since: since, limit: MAX_AUDIT + 1 })
		.all(rows);
	const found = rows.map((r) => r.id);
	const truncated = found.length > MAX_AUDIT;
	const records = app.findRecordsByIds('audit_log', found.slice(0, MAX_AUDIT));
	records.sort((a, b) =>
		a.getString('created') === b.getString('created')
			? a.id < b.id
				? -1
				: 1
			: a.getString('created') < b.getString('created')
				? -1
				: 1
	);
	return { entries: records.map(plain), truncated: truncated };
}

/** Names for the ids an export mentions, so the readable page needs no further requests. */
function lookups(app, data) {
	const userIds = [];
	const addressIds = [];
	const areaIds = [];
	const assetIds = [];
	const questionIds = [];
	const add = (list, id) => {
		if (typeof id === 'string' && id && list.indexOf(id) < 0) list.push(id);
	};
	const person = data.person;
	add(userIds, person.createdBy);
	add(userIds, person.consent && person.consent.recordedBy);
	add(addressIds, person.address);
	add(areaIds, person.area);
	for (const c of data.conversations) {
		add(userIds, c.worker);
		add(addressIds, c.address);
		add(areaIds, c.area);
		for (const id of c.connectTo || []) add(assetIds, id);
		// Her answers to a listening round's questions: the questions they answer.
		if (c.answers && typeof c.answers === 'object') {
			for (const id of Object.keys(c.answers)) add(questionIds, id);
		}
	}
	for (const a of data.assets) {
		add(userIds, a.createdBy);
		add(userIds, a.confirmedBy);
		add(areaIds, a.area);
	}
	for (const l of data.links) {
		add(userIds, l.createdBy);
		add(assetIds, l.from);
		add(assetIds, l.to);
	}
	for (const f of data.followUps) {
		add(userIds, f.assignee);
		add(userIds, f.createdBy);
		add(userIds, f.doneBy);
		add(areaIds, f.area);
	}
	for (const entry of data.audit) {
		add(userIds, entry.actor);
		// A resident's own entries name who issued her link (lib/resident-links.js useDetails).
		if (entry.details && typeof entry.details.issuedBy === 'string') {
			add(userIds, entry.details.issuedBy);
		}
	}

	const map = (collection, ids, pick) => {
		const out = {};
		if (ids.length === 0) return out;
		for (const record of app.findRecordsByIds(collection, ids)) out[record.id] = pick(record);
		return out;
	};
	return {
		users: map('users', userIds, (u) => ({ name: u.getString('name'), role: u.getString('role') })),
		addresses: map('addresses', addressIds, (a) => ({
			street: a.getString('street'),
			number: a.getString('number'),
			postcode: a.getString('postcode'),
			city: a.getString('city')
		})),
		areas: map('areas', areaIds, (a) => ({
			name: a.getString('name'),
			code: a.getString('code'),
			level: a.getString('level')
		})),
		assets: map('assets', assetIds, (a) => ({
			title: a.getString('title'),
			kind: a.getString('kind')
		})),
		questions: map('round_questions', questionIds, (q) => ({
			round: q.getString('round'),
			kind: q.getString('kind'),
			textNl: q.getString('textNl'),
			textEn: q.getString('textEn'),
			options: JSON.parse(q.getString('options') || 'null'),
			personal: q.getBool('personal')
		}))
	};
}

/**
 * Everything stored about a person, as one JSON document (format krachtkaart-subject-access/1).
 * @param {core.App} app
 * @param {core.Record} person
 * @param {core.Record} auth who asked
 */
function buildExport(app, person, auth) {
	const found = gather(app, person);
	const ids = [person.id]
		.concat(found.conversations.map((r) => r.id))
		.concat(found.assets.map((r) => r.id))
		.concat(found.followUps.map((r) => r.id));
	const oldest = [person]
		.concat(found.conversations)
		.concat(found.assets)
		.map((r) => r.getString('created'))
		.filter((d) => d)
		.sort()[0];
	const audit = auditAbout(app, ids, oldest || '');
	const data = {
		format: 'krachtkaart-subject-access/1',
		exportedAt: new DateTime().string(),
		exportedBy: auth.isSuperuser()
			? { id: auth.id, name: 'superuser', kind: 'superuser' }
			: { id: auth.id, name: auth.getString('name'), kind: 'user' },
		person: plain(person),
		conversations: found.conversations.map(plain),
		assets: found.assets.map(plain),
		links: found.links.map(plain),
		followUps: found.followUps.map(plain),
		other: found.other
			.filter((o) => o.records.length > 0)
			.map((o) => ({
				collection: o.ref.collection,
				field: o.ref.field,
				records: o.records.map(plain)
			})),
		audit: audit.entries,
		auditTruncated: audit.truncated
	};
	data.lookup = lookups(app, data);
	return data;
}

/** The counts an export or erasure reports (never any of her data). */
function countsOf(found) {
	return {
		conversations: found.conversations.length,
		assets: found.assets.length,
		links: found.links.length,
		followUps: found.followUps.length,
		other: found.other.reduce((n, o) => n + o.records.length, 0)
	};
}

/**
 * Erases her, in the transaction `txApp` runs in: the person goes; her talks keep only what the
 * aggregates need (area, address, when, outcome, themes, where it was logged); her capacity and
 * key-figure assets go with their links; other assets lose the link to her; the follow-ups of her
 * talks go; a record elsewhere that points at her alone goes, a list that names her among others
 * loses her. Returns the counts.
 * @param {core.App} txApp
 * @param {core.Record} person
 */
function erase(txApp, person) {
	const found = gather(txApp, person);
	const counts = {
		conversationsCleared: 0,
		assetsDeleted: 0,
		assetsUnlinked: 0,
		linksDeleted: 0,
		followUpsDeleted: 0,
		otherDeleted: 0,
		otherUnlinked: 0
	};
	for (const task of found.followUps) {
		txApp.delete(task);
		counts.followUpsDeleted++;
	}
	const erasedAssets = found.assets.filter((a) => RESIDENT_KINDS.indexOf(a.getString('kind')) >= 0);
	const erasedIds = erasedAssets.map((a) => a.id);
	// Links go with their asset (cascadeDelete); counted here, once each.
	counts.linksDeleted = found.links.filter(
		(l) => erasedIds.indexOf(l.getString('from')) >= 0 || erasedIds.indexOf(l.getString('to')) >= 0
	).length;
	for (const asset of erasedAssets) {
		txApp.delete(txApp.findRecordById('assets', asset.id));
		counts.assetsDeleted++;
	}
	for (const asset of found.assets) {
		if (erasedIds.indexOf(asset.id) >= 0 || asset.getString('person') !== person.id) continue;
		const fresh = txApp.findRecordById('assets', asset.id);
		fresh.set('person', '');
		// Only a link is removed: nothing else about the asset changes, valid or not.
		txApp.saveNoValidate(fresh);
		counts.assetsUnlinked++;
	}
	for (const conversation of found.conversations) {
		// Fresh: deleting her assets may have changed its connectTo.
		const fresh = txApp.findRecordById('conversations', conversation.id);
		for (const name in CONVERSATION_PERSONAL) {
			if (fresh.collection().fields.getByName(name)) fresh.set(name, CONVERSATION_PERSONAL[name]);
		}
		// Her answers to a round's personal questions go as well (lib/rounds.js).
		const kept = require(`${__hooks}/lib/rounds.js`).withoutPersonalAnswers(txApp, fresh);
		if (kept) fresh.set('answers', kept);
		txApp.saveNoValidate(fresh);
		counts.conversationsCleared++;
	}
	for (const o of found.other) {
		for (const record of o.records) {
			const fresh = txApp.findRecordById(o.ref.collection, record.id);
			if (o.ref.multiple || o.ref.auth) {
				fresh.set(
					o.ref.field,
					fresh.getStringSlice(o.ref.field).filter((id) => id !== person.id)
				);
				txApp.saveNoValidate(fresh);
				counts.otherUnlinked++;
			} else {
				txApp.delete(fresh);
				counts.otherDeleted++;
			}
		}
	}
	txApp.delete(txApp.findRecordById('people', person.id));
	return counts;
}

module.exports = {
	RESIDENT_KINDS,
	authorize,
	findPerson,
	buildExport,
	erase,
	countsOf,
	gather,
	otherReferences
};
