// An admin's full export of the instance and its restore into a fresh one (pb_hooks/export.pb.js),
// and the conversation counts viewers may export.
//
// The full export holds every app collection (every collection that is not PocketBase's own),
// record by record, every field as stored, geometry included, built by SQLite as JSON (at city
// scale the JS VM would spend minutes on it). Left out: users' password hashes and token keys
// (a restored user sets a new password through "forgot password") and uploaded files (an avatar's
// file name is kept out too, as the file is not in the export).
//
// The restore writes the records with SQL, as they were: the same ids, dates, relations and
// server-set fields, and no hook runs (a hook would grow assets from conversations again, stamp
// new dates or write audit entries for the records being restored). It runs in one transaction:
// every collection is emptied and filled, the counts are checked against the export's manifest,
// and anything wrong rolls all of it back.

const FORMAT = 'krachtkaart-export';
const VERSION = 1;
/** Collections a migration fills, so a fresh instance has records in them: not "data" yet. */
const SEEDED = ['purposes'];
/**
 * Collections of short-lived secrets, tied to the instance that made them: never exported, not
 * "data" (a fresh `npm start` makes a first-admin link before anything is restored), and emptied
 * by a restore (the restored admins sign in; a link of before the restore no longer works).
 */
const TRANSIENT = ['setup_tokens'];
/** Fields never exported: secrets of auth collections. */
const SECRET_FIELDS = ['password', 'tokenKey'];

/**
 * The app's own collections (base and auth; views are derived), by name.
 * @param {core.App} app
 * @returns {core.Collection[]}
 */
function appCollections(app) {
	const out = [];
	const all = app.findAllCollections('base', 'auth');
	for (let i = 0; i < all.length; i++) {
		const collection = all[i];
		if (!collection.system && collection.name.charAt(0) !== '_') out.push(collection);
	}
	out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return out;
}

/**
 * A collection's fields: name, type and whether it holds a list (multiple relation, select, file).
 * @param {core.Collection} collection
 * @returns {{ name: string, type: string, multiple: boolean }[]}
 */
function fieldsOf(collection) {
	const out = [];
	const fields = collection.fields;
	for (let i = 0; i < fields.length; i++) {
		const field = fields[i];
		const type = field.type();
		const multiple =
			(type === 'relation' || type === 'select' || type === 'file') && field.isMultiple();
		out.push({ name: field.name, type: type, multiple: multiple });
	}
	return out;
}

/** Whether a field is left out of the export. @param {{ name: string, type: string }} field */
function isLeftOut(field) {
	return (
		field.type === 'password' || field.type === 'file' || SECRET_FIELDS.indexOf(field.name) >= 0
	);
}

const quoted = (name) => '[[' + name + ']]';

/**
 * The SQL expression that gives one stored field as JSON, as the records API would.
 * @param {{ name: string, type: string, multiple: boolean }} field
 */
function jsonOfField(field) {
	const column = quoted(field.name);
	if (field.type === 'json' || field.type === 'geoPoint' || field.multiple) {
		return `json(coalesce(nullif(${column}, ''), 'null'))`;
	}
	if (field.type === 'bool') return `CASE WHEN ${column} THEN json('true') ELSE json('false') END`;
	return column;
}

/**
 * One collection as a JSON array text, built by SQLite.
 * @param {core.App} app @param {core.Collection} collection
 */
function collectionJson(app, collection) {
	const fields = fieldsOf(collection).filter((field) => !isLeftOut(field));
	// json_object takes at most 127 arguments in some SQLite builds: 50 fields a piece, patched.
	const pieces = [];
	for (let i = 0; i < fields.length; i += 50) {
		const args = fields
			.slice(i, i + 50)
			.map((field) => `'${field.name}', ${jsonOfField(field)}`)
			.join(', ');
		pieces.push(`json_object(${args})`);
	}
	let object = pieces[0] || 'json_object()';
	for (let i = 1; i < pieces.length; i++) object = `json_patch(${object}, ${pieces[i]})`;
	const row = new DynamicModel({ body: '', count: 0 });
	app
		.db()
		.newQuery(
			`SELECT coalesce(json_group_array(json(${object})), '[]') AS body, count(*) AS count
			FROM (SELECT * FROM ${quoted(collection.name)} ORDER BY [[id]])`
		)
		.one(row);
	return { body: row.body, count: row.count };
}

/**
 * The full export as one JSON text:
 * `{ format, version, exportedAt, collections: [{ name, type, fields, count, records }] }`.
 * @param {core.App} app
 * @returns {{ body: string, counts: Record<string, number> }}
 */
function fullExportJson(app) {
	const parts = [];
	/** @type {Record<string, number>} */
	const counts = {};
	const collections = appCollections(app).filter((c) => TRANSIENT.indexOf(c.name) < 0);
	for (const collection of collections) {
		const data = collectionJson(app, collection);
		counts[collection.name] = data.count;
		const head = {
			name: collection.name,
			type: collection.type,
			fields: fieldsOf(collection).filter((field) => !isLeftOut(field)),
			count: data.count
		};
		const headText = JSON.stringify(head);
		parts.push(headText.slice(0, -1) + ',"records":' + data.body + '}');
	}
	const head = JSON.stringify({
		format: FORMAT,
		version: VERSION,
		exportedAt: new Date().toISOString()
	});
	return { body: head.slice(0, -1) + ',"collections":[' + parts.join(',') + ']}', counts: counts };
}

/**
 * Record counts of the app collections that hold data (SEEDED ones aside): all 0 on a fresh
 * instance.
 * @param {core.App} app
 * @returns {Record<string, number>}
 */
function dataCounts(app) {
	/** @type {Record<string, number>} */
	const counts = {};
	for (const collection of appCollections(app)) {
		if (SEEDED.indexOf(collection.name) >= 0 || TRANSIENT.indexOf(collection.name) >= 0) continue;
		const row = new DynamicModel({ count: 0 });
		app
			.db()
			.newQuery(`SELECT count(*) AS count FROM ${quoted(collection.name)}`)
			.one(row);
		if (row.count > 0) counts[collection.name] = row.count;
	}
	return counts;
}

/**
 * The SQL expression that gives one field's stored value from a record in `json_each`'s `value`.
 * @param {{ name: string, type: string, multiple: boolean }} field
 */
function storedOfField(field) {
	const path = `'$.${field.name}'`;
	if (field.type === 'password') return `'!' || lower(hex(randomblob(16)))`;
	if (field.name === 'tokenKey') return `lower(hex(randomblob(25)))`;
	if (field.type === 'file') return field.multiple ? `'[]'` : `''`;
	if (field.multiple) return `coalesce(value -> ${path}, '[]')`;
	if (field.type === 'json' || field.type === 'geoPoint') {
		return `coalesce(value -> ${path}, 'null')`;
	}
	if (field.type === 'bool') return `CASE WHEN value ->> ${path} THEN 1 ELSE 0 END`;
	if (field.type === 'number') return `coalesce(value ->> ${path}, 0)`;
	return `coalesce(value ->> ${path}, '')`;
}

/**
 * Checks one part of a restore against the instance's schema before anything is written: the
 * collection exists and every field a record holds is one of its fields.
 * @param {core.App} app
 * @param {unknown} collectionName @param {unknown} records
 * @returns {string} the records as JSON text
 */
function checkPart(app, collectionName, records) {
	const name = String(collectionName || '');
	const known = {};
	for (const collection of appCollections(app)) known[collection.name] = collection;
	const collection = TRANSIENT.indexOf(name) < 0 ? known[name] : null;
	if (!collection) {
		throw new BadRequestError(
			`Collectie "${name}" bestaat niet in deze installatie: is de export van een andere versie van Krachtkaart?`
		);
	}
	if (!Array.isArray(records)) {
		throw new BadRequestError(`${name}: "records" moet een lijst zijn.`);
	}
	const fields = {};
	for (const field of fieldsOf(collection)) fields[field.name] = true;
	const text = JSON.stringify(records);
	const list = JSON.parse(text);
	for (let i = 0; i < list.length; i++) {
		const record = list[i];
		if (!record || typeof record !== 'object' || Array.isArray(record)) {
			throw new BadRequestError(`${name}, record ${i + 1}: geen object.`);
		}
		if (typeof record.id !== 'string' || !/^[a-z0-9_]{1,50}$/.test(record.id)) {
			throw new BadRequestError(`${name}, record ${i + 1}: geen geldige id.`);
		}
		for (const key in record) {
			if (!fields[key]) {
				throw new BadRequestError(
					`${name}.${key} (record ${record.id}) is geen veld in deze installatie: is de export van een andere versie van Krachtkaart?`
				);
			}
		}
	}
	return text;
}

/**
 * Writes a restore's records in the transaction `txApp`: empties every app collection, inserts
 * the parts, checks the counts against the manifest. Throws (and so rolls back) on anything wrong.
 * @param {core.App} txApp
 * @param {{ counts: Record<string, number> }} manifest
 * @param {{ collection: string, records: string }[]} parts records as JSON array texts
 * @returns {{ counts: Record<string, number>, danglingRelations: string[] }}
 */
function writeRestore(txApp, manifest, parts) {
	const collections = appCollections(txApp);
	const byName = {};
	for (const collection of collections) byName[collection.name] = collection;
	for (const name in manifest.counts) {
		if (!byName[name]) {
			throw new BadRequestError(
				`Collectie "${name}" bestaat niet in deze installatie: is de export van een andere versie van Krachtkaart?`
			);
		}
	}
	for (const collection of collections) {
		txApp
			.db()
			.newQuery(`DELETE FROM ${quoted(collection.name)}`)
			.execute();
	}
	for (const part of parts) {
		const collection = byName[part.collection];
		const fields = fieldsOf(collection);
		const columns = fields.map((field) => quoted(field.name)).join(', ');
		const values = fields.map(storedOfField).join(', ');
		txApp
			.db()
			.newQuery(
				`INSERT INTO ${quoted(collection.name)} (${columns}) SELECT ${values} FROM json_each({:records})`
			)
			.bind({ records: part.records })
			.execute();
	}
	/** @type {Record<string, number>} */
	const counts = {};
	for (const collection of collections) {
		const row = new DynamicModel({ count: 0 });
		txApp
			.db()
			.newQuery(`SELECT count(*) AS count FROM ${quoted(collection.name)}`)
			.one(row);
		counts[collection.name] = row.count;
		const expected = manifest.counts[collection.name];
		if (expected === undefined) {
			if (SEEDED.indexOf(collection.name) < 0 && row.count > 0) {
				throw new BadRequestError(`${collection.name}: niet in de export, toch records.`);
			}
		} else if (row.count !== expected) {
			throw new BadRequestError(
				`${collection.name}: de export noemt ${expected} records, er kwamen er ${row.count} aan. Is het bestand compleet?`
			);
		}
	}
	return { counts: counts, danglingRelations: danglingRelations(txApp, collections) };
}

/**
 * Relation fields that point at a record that does not exist, as `collection.field: n`. Empty
 * after a restore of a consistent export.
 * @param {core.App} app @param {core.Collection[]} collections
 */
function danglingRelations(app, collections) {
	const out = [];
	const names = {};
	for (const collection of collections) names[collection.id] = collection.name;
	for (const collection of collections) {
		const fields = collection.fields;
		for (let i = 0; i < fields.length; i++) {
			const field = fields[i];
			if (field.type() !== 'relation' || !names[field.collectionId]) continue;
			const table = quoted(collection.name);
			const target = quoted(names[field.collectionId]);
			const column = quoted(field.name);
			const sql = field.isMultiple()
				? `SELECT count(*) AS count FROM ${table} t, json_each(CASE WHEN json_valid(t.${column}) THEN t.${column} ELSE '[]' END) j
					WHERE j.value NOT IN (SELECT id FROM ${target})`
				: `SELECT count(*) AS count FROM ${table} WHERE ${column} != '' AND ${column} NOT IN (SELECT id FROM ${target})`;
			const row = new DynamicModel({ count: 0 });
			app.db().newQuery(sql).one(row);
			if (row.count > 0) out.push(`${collection.name}.${field.name}: ${row.count}`);
		}
	}
	return out;
}

/** Viewers see no group of fewer residents than this (as the gap view: lib/gap-input.js). */
const MIN_RESIDENTS = 5;

/**
 * Conversations counted per area and outcome, for everyone with a role (viewers: only this):
 * the residents (distinct doors; a talk at no door counts as one) and the conversations. A cell
 * of 1 to 4 residents is not shown (null). No total per area: a door visited with two outcomes
 * counts in both cells, so a total of distinct residents minus the cells would count the
 * residents visited more than once, a group that may be smaller than 5. Each cell depends only
 * on its own area's conversations, not on which areas were asked, so no two answers difference
 * into a hidden one.
 * @param {core.App} app
 * @param {{ everything: boolean, mine: string[], asked: string[] }} scope as the map's snapshot
 * @returns {{ areas: { area: string, code: string, name: string, level: string, outcomes: { outcome: string, residents: number | null, conversations: number | null }[] }[], minResidents: number }}
 */
function conversationCounts(app, scope) {
	const { ASKED_AND_MINE } = require(`${__hooks}/lib/areas.js`);
	const rows = arrayOf(
		new DynamicModel({
			area: '',
			code: '',
			name: '',
			level: '',
			outcome: '',
			residents: 0,
			conversations: 0
		})
	);
	app
		.db()
		.newQuery(
			`WITH RECURSIVE ${ASKED_AND_MINE}
			SELECT c.area AS area, a.code AS code, a.name AS name, a.level AS level, c.outcome AS outcome,
				count(DISTINCT CASE WHEN c.address != '' THEN c.address ELSE c.id END) AS residents,
				count(*) AS conversations
			FROM conversations c JOIN areas a ON a.id = c.area
			WHERE c.area IN (SELECT id FROM asked) AND ({:everything} OR c.area IN (SELECT id FROM mine))
			GROUP BY c.area, c.outcome
			ORDER BY a.code, a.name, c.area, c.outcome`
		)
		.bind({
			asked: JSON.stringify(scope.asked),
			mine: JSON.stringify(scope.mine),
			everything: scope.everything ? 1 : 0
		})
		.all(rows);
	const areas = [];
	const byArea = {};
	for (const row of rows) {
		let entry = byArea[row.area];
		if (!entry) {
			entry = { area: row.area, code: row.code, name: row.name, level: row.level, outcomes: [] };
			byArea[row.area] = entry;
			areas.push(entry);
		}
		const shown = row.residents >= MIN_RESIDENTS;
		entry.outcomes.push({
			outcome: row.outcome,
			residents: shown ? row.residents : null,
			conversations: shown ? row.conversations : null
		});
	}
	return { areas: areas, minResidents: MIN_RESIDENTS };
}

module.exports = {
	FORMAT,
	VERSION,
	SEEDED,
	TRANSIENT,
	appCollections,
	fullExportJson,
	dataCounts,
	checkPart,
	writeRestore,
	conversationCounts,
	MIN_RESIDENTS
};
