// Retention (AVG article 5(1)(e)): personal data goes once the retention period has passed,
// unless the resident renewed her consent. Run nightly by pb_hooks/retention.pb.js and on demand
// by an admin (POST /api/krachtkaart/retention/run); each run is idempotent and audited.
//
// The period is KRACHTKAART_RETENTION_DAYS (default 730), the one source (lib/consent.js).
// - A person whose consent has ended (`consent.until`, else givenAt or her creation plus the
//   period) is anonymised in place: display_name, contact and address go, her consent keeps its
//   dates but no scopes, `anonymisedAt` says when. The record stays, so her assets stay on the map
//   at the precision a resident without consent gets: a key-figure asset titled with her name
//   becomes "Sleutelfiguur <straat>", her name leaves titles and descriptions, an exact point
//   moves to the middle of her street; her name also leaves the follow-ups of her talks.
// - A conversation held before now minus the period loses everything personal (notes, wishes,
//   gifts, mentions, follow-up, language, consent, the link to the person, the answers to a
//   round's questions marked `personal`) unless its person's
//   consent runs beyond now; it keeps its area, address, worker, heldAt, outcome, themes and
//   where it was logged, for the aggregates. Done follow-ups of such a talk go; open ones stay
//   (live work, without her name) and go at the first run after they are ticked off.
// - The audit log keeps its entries KRACHTKAART_AUDIT_RETENTION_DAYS (default 1095, see
//   auditRetentionDays); older ones are deleted here, the only deletion of audit_log there is
//   (its API rules stay null: append-only for every caller), and the run says how many went in
//   an audit entry of its own.
// Records are handled in small transactions, so a first run over years of data never holds the
// database for long; a record that fails is logged, counted and tried again at the next run.

/** What a conversation past retention is left with: these are cleared, the rest stays. */
const CONVERSATION_CLEARED = {
	notes: '',
	wishes: '',
	gifts: null,
	mentions: null,
	followUp: null,
	resident: null,
	person: '',
	connectTo: [],
	consent: [],
	language: '',
	willingToHelp: false
};
const BATCH = 100;
/** At most this many ids per collection in the run's audit entry. */
const MAX_IDS = 500;

/**
 * Three years by default. The BIO (Baseline Informatiebeveiliging Overheid, 12.4.1) asks
 * municipalities to log who read or changed personal data and to keep those logs safe, and leaves
 * the term to them (the IBD's guidance on logging: set it per purpose). The purpose here is
 * accountability: answering a resident who asks who saw her data (AVG article 15) over the years
 * a team works in her street, and looking into an incident or complaint found late. Longer is not
 * needed for that, and the log is itself personal data of the staff it names (AVG 5(1)(e)).
 */
const DEFAULT_AUDIT_RETENTION_DAYS = 1095;
/** Audit entries deleted per statement, so a first run over years never holds the database long. */
const AUDIT_DELETE_BATCH = 5000;

/**
 * The audit log's retention in days: KRACHTKAART_AUDIT_RETENTION_DAYS when it is a positive whole
 * number, else DEFAULT_AUDIT_RETENTION_DAYS.
 * @returns {number}
 */
function auditRetentionDays() {
	const raw = String($os.getenv('KRACHTKAART_AUDIT_RETENTION_DAYS') || '').trim();
	const days = /^[0-9]+$/.test(raw) ? Number(raw) : 0;
	return days > 0 ? days : DEFAULT_AUDIT_RETENTION_DAYS;
}

/**
 * Deletes the audit entries made before `cutoff` (a PocketBase date), in SQL and in batches;
 * returns how many went.
 * @param {core.App} app
 * @param {string} cutoff
 */
function deleteOldAuditEntries(app, cutoff) {
	let removed = 0;
	for (;;) {
		const result = app
			.db()
			.newQuery(
				`DELETE FROM audit_log WHERE id IN
					(SELECT id FROM audit_log WHERE created < {:cutoff} LIMIT ${AUDIT_DELETE_BATCH})`
			)
			.bind({ cutoff: cutoff })
			.execute();
		const n = result.rowsAffected();
		removed += n;
		if (n < AUDIT_DELETE_BATCH) return removed;
	}
}

/** A JSON column's value at `path`, or NULL when the column holds no valid JSON. */
const jsonAt = (column, path) =>
	`(CASE WHEN json_valid(${column}) THEN json_extract(${column}, '${path}') END)`;
/** A JSON (or multi-select, or multi-relation) column that holds something. */
const holds = (column) => `COALESCE(${column}, '') NOT IN ('', 'null', '[]', '{}', '""')`;
const hasScopes = (column) => `COALESCE(json_array_length(${jsonAt(column, '$.scopes')}), 0) > 0`;

/**
 * SQL: the talk holds an answer to a question marked `personal` (or to one that is gone, whose
 * kind nobody can tell any more); lib/rounds.js withoutPersonalAnswers clears the same ones.
 */
const PERSONAL_ANSWERS = (column) => `EXISTS (SELECT 1 FROM json_each(
	CASE WHEN json_valid(COALESCE(${column}, '')) AND json_type(${column}) = 'object'
		THEN ${column} ELSE '{}' END) a
	LEFT JOIN round_questions q ON q.id = a.key WHERE q.id IS NULL OR q.personal = 1)`;

const { pbDate } = require(`${__hooks}/lib/consent.js`);

function idsOf(app, sql, params) {
	const rows = arrayOf(new DynamicModel({ id: '' }));
	app.db().newQuery(sql).bind(params).all(rows);
	return rows.map((r) => r.id);
}

/** People with something personal left whose consent has ended at `now`. */
function expiredPeople(app, nowIso, days) {
	return idsOf(
		app,
		`SELECT id FROM people
		WHERE (display_name != '' OR contact != '' OR COALESCE(address, '') != '' OR ${hasScopes('consent')})
			AND julianday({:now}) >= COALESCE(
				julianday(${jsonAt('consent', '$.until')}),
				julianday(${jsonAt('consent', '$.givenAt')}, {:plus}),
				julianday(created, {:plus}))
		ORDER BY created`,
		{ now: nowIso, plus: `+${days} days` }
	);
}

/** Conversations held before the cutoff with something personal left, not renewed. */
function expiredConversations(app, nowIso, cutoff) {
	return idsOf(
		app,
		`SELECT c.id AS id FROM conversations c LEFT JOIN people p ON p.id = c.person
		WHERE c.heldAt != '' AND c.heldAt < {:cutoff}
			AND NOT (p.id IS NOT NULL AND ${hasScopes('p.consent')}
				AND COALESCE(julianday(${jsonAt('p.consent', '$.until')}), 0) > julianday({:now}))
			AND (c.notes != '' OR c.wishes != '' OR COALESCE(c.language, '') != ''
				OR c.willingToHelp = 1 OR COALESCE(c.person, '') != ''
				OR ${holds('c.gifts')} OR ${holds('c.mentions')} OR ${holds('c.followUp')}
				OR ${holds('c.connectTo')} OR ${holds('c.consent')} OR ${holds('c.resident')}
				OR ${PERSONAL_ANSWERS('c.answers')})
		ORDER BY c.heldAt`,
		{ now: nowIso, cutoff: cutoff }
	);
}

const isWordChar = (ch) =>
	ch !== undefined && (ch.toLowerCase() !== ch.toUpperCase() || /[0-9]/.test(ch));

/** Where `name` occurs in `text` as a word of its own (any case, accents included), or -1s. */
function nameAt(text, name) {
	const found = [];
	const lower = text.toLowerCase();
	const target = name.toLowerCase();
	for (let i = lower.indexOf(target); i >= 0; i = lower.indexOf(target, i + target.length)) {
		if (!isWordChar(text[i - 1]) && !isWordChar(text[i + target.length])) found.push(i);
	}
	return found;
}

/**
 * `text` with every whole-word `name` replaced.
 * @example replaceName('Fatima kookt, vraag fatima', 'Fatima', 'de bewoner') // 'de bewoner kookt, vraag de bewoner'
 */
function replaceName(text, name, replacement) {
	const at = nameAt(text, name);
	let out = text;
	for (let k = at.length - 1; k >= 0; k--) {
		out = out.slice(0, at[k]) + replacement + out.slice(at[k] + name.length);
	}
	return out;
}

/**
 * Takes a resident's name and exact point off her assets: a key figure titled with her name is
 * renamed "Sleutelfiguur <straat>", her name leaves other titles and descriptions, and with
 * `exact` an exact point moves to the middle of her street (when it has another door; else to the
 * middle of a grid cell, at `area` precision). Used when she is past retention and when she withdraws consent (pb_hooks/people.pb.js).
 * Returns how many assets changed.
 * @param {core.App} app
 * @param {string} personId
 * @param {{ name: string, street: string, streetArea: string, exact: boolean }} what
 */
function neutraliseAssets(app, personId, what) {
	const { streetMiddle, cellMiddle, AREA_CELL_M } = require(`${__hooks}/lib/precision.js`);
	const name = (what.name || '').trim();
	let changed = 0;
	const assets = app.findRecordsByFilter('assets', 'person = {:id}', 'created', 0, 0, {
		id: personId
	});
	for (const asset of assets) {
		let touched = false;
		if (name.length >= 2) {
			const title = asset.getString('title');
			if (nameAt(title, name).length > 0) {
				const street = asset.getString('street') || what.street || '';
				asset.set(
					'title',
					asset.getString('kind') === 'key_figure'
						? `Sleutelfiguur ${street}`.trim()
						: replaceName(title, name, 'Bewoner')
				);
				touched = true;
			}
			const description = asset.getString('description');
			if (nameAt(description, name).length > 0) {
				asset.set('description', replaceName(description, name, 'de bewoner'));
				touched = true;
			}
		}
		if (what.exact && asset.getString('precision') === 'exact') {
			// A street of her door alone has its middle at her house: that is no middle.
			const middle =
				streetMiddle(app, what.street, what.streetArea, 2) ||
				streetMiddle(app, asset.getString('street'), asset.getString('area'), 2);
			if (middle) {
				asset.set('location', middle);
				asset.set('precision', 'street');
			} else {
				const point = asset.get('location');
				asset.set('location', cellMiddle({ lon: point.lon, lat: point.lat }, AREA_CELL_M));
				asset.set('precision', 'area');
			}
			touched = true;
		}
		if (touched) {
			// Only these fields change: nothing else about the asset is judged, valid or not.
			app.saveNoValidate(asset);
			changed++;
		}
	}
	return changed;
}

/** The street and area of a person's door, for what is named or placed after it. */
function doorOf(app, person) {
	const addressId = person.getString('address');
	if (!addressId) return { street: '', streetArea: '' };
	try {
		const address = app.findRecordById('addresses', addressId);
		return { street: address.getString('street'), streetArea: address.getString('area') };
	} catch {
		return { street: '', streetArea: '' };
	}
}

/** Anonymises one person past retention; returns the fields cleared and the assets changed. */
function anonymisePerson(app, person, nowPb) {
	const { consentOf } = require(`${__hooks}/lib/consent.js`);
	const door = doorOf(app, person);
	const assets = neutraliseAssets(app, person.id, {
		name: person.getString('display_name'),
		street: door.street,
		streetArea: door.streetArea,
		exact: true
	});
	const followUps = scrubFollowUps(app, person.id, person.getString('display_name'));
	const cleared = [];
	for (const field of ['display_name', 'contact', 'address']) {
		if (person.getString(field)) {
			person.set(field, '');
			cleared.push(field);
		}
	}
	const consent = consentOf(person);
	if (consent && Array.isArray(consent.scopes) && consent.scopes.length > 0) {
		person.set('consent', Object.assign({}, consent, { scopes: [] }));
		cleared.push('consent.scopes');
	}
	person.set('anonymisedAt', nowPb);
	app.saveNoValidate(person);
	return { cleared: cleared, assets: assets, followUps: followUps };
}

/** Takes her name out of the follow-ups of her talks (open ones outlive retention). */
function scrubFollowUps(app, personId, name) {
	const trimmed = (name || '').trim();
	if (trimmed.length < 2) return 0;
	const tasks = app.findRecordsByFilter('follow_ups', 'conversation.person = {:id}', '', 0, 0, {
		id: personId
	});
	let changed = 0;
	for (const task of tasks) {
		const what = task.getString('what');
		if (nameAt(what, trimmed).length === 0) continue;
		task.set('what', replaceName(what, trimmed, 'de bewoner'));
		app.saveNoValidate(task);
		changed++;
	}
	return changed;
}

/** Clears one conversation past retention. */
function clearConversation(app, conversation, nowPb) {
	const fields = conversation.collection().fields;
	for (const name in CONVERSATION_CLEARED) {
		if (fields.getByName(name)) conversation.set(name, CONVERSATION_CLEARED[name]);
	}
	// Answers to a round's personal questions go too; the others stay, for the round's counts.
	const kept = require(`${__hooks}/lib/rounds.js`).withoutPersonalAnswers(app, conversation);
	if (kept) conversation.set('answers', kept);
	conversation.set('anonymisedAt', nowPb);
	app.saveNoValidate(conversation);
}

/** Done follow-ups of conversations that retention cleared (done now, or done since). */
function doneFollowUps(app) {
	return idsOf(
		app,
		`SELECT f.id AS id FROM follow_ups f JOIN conversations c ON c.id = f.conversation
		WHERE f.done = 1 AND COALESCE(c.anonymisedAt, '') != ''`,
		{}
	);
}

/** Runs `each` over the ids in transactions of BATCH; a record that fails is logged and skipped. */
function inBatches(app, collection, ids, each, onFail) {
	for (let start = 0; start < ids.length; start += BATCH) {
		const batch = ids.slice(start, start + BATCH);
		app.runInTransaction((txApp) => {
			for (const id of batch) {
				try {
					each(txApp, txApp.findRecordById(collection, id));
				} catch (err) {
					onFail();
					app
						.logger()
						.error(
							'retention: a record could not be cleared',
							'collection',
							collection,
							'id',
							id,
							'error',
							String(err)
						);
				}
			}
		});
	}
}

/**
 * Applies the retention period as of `now`: anonymises people whose consent has ended and clears
 * conversations past the period (see the top of this file), deletes audit entries past theirs,
 * writes one `retention` audit entry for the run, one per person and one for the audit entries
 * deleted (when any were), and returns the counts.
 *
 * @example runRetention($app, new Date('2029-01-01T00:00:00Z'), null)
 * // { now: '2029-01-01T00:00:00.000Z', cutoff: '2027-01-02T00:00:00.000Z', retentionDays: 730,
 * //   people: 3, conversations: 41, assets: 2, followUps: 5, failed: 0,
 * //   auditRetentionDays: 1095, auditCutoff: '2026-01-02T00:00:00.000Z', auditEntries: 120,
 * //   residentLinks: 4 }
 * @param {core.App} app not in a transaction: the run makes its own
 * @param {Date | number} now
 * @param {core.Record | null} [auth] who asked; null for the nightly job
 */
function runRetention(app, now, auth) {
	const { retentionDays, isoDate, DAY_MS } = require(`${__hooks}/lib/consent.js`);
	const { writeAudit } = require(`${__hooks}/lib/audit.js`);
	const nowMs = typeof now === 'number' ? now : now.getTime();
	const days = retentionDays();
	const nowIso = isoDate(nowMs);
	const nowPb = pbDate(nowMs);
	const result = {
		now: nowIso,
		cutoff: isoDate(nowMs - days * DAY_MS),
		retentionDays: days,
		people: 0,
		conversations: 0,
		assets: 0,
		followUps: 0,
		failed: 0,
		auditRetentionDays: auditRetentionDays(),
		auditCutoff: '',
		auditEntries: 0,
		residentLinks: 0
	};
	result.auditCutoff = isoDate(nowMs - result.auditRetentionDays * DAY_MS);
	const fail = () => result.failed++;

	// People first: a person anonymised now no longer keeps her old talks.
	const people = expiredPeople(app, nowIso, days);
	inBatches(
		app,
		'people',
		people,
		(txApp, person) => {
			const done = anonymisePerson(txApp, person, nowPb);
			result.people++;
			result.assets += done.assets;
			writeAudit(txApp, {
				auth: auth || null,
				action: 'retention',
				collection: 'people',
				id: person.id,
				details: { cleared: done.cleared, assets: done.assets, followUps: done.followUps }
			});
		},
		fail
	);

	const conversations = expiredConversations(app, nowIso, pbDate(nowMs - days * DAY_MS));
	inBatches(
		app,
		'conversations',
		conversations,
		(txApp, conversation) => {
			clearConversation(txApp, conversation, nowPb);
			result.conversations++;
		},
		fail
	);

	inBatches(
		app,
		'follow_ups',
		doneFollowUps(app),
		(txApp, task) => {
			txApp.delete(task);
			result.followUps++;
		},
		fail
	);

	// A resident's link that expired or was revoked opens nothing any more: its record (a hash,
	// her id, dates) has no use left. Making and revoking it stay in the audit log.
	result.residentLinks = app
		.db()
		.newQuery(
			`DELETE FROM resident_links
			WHERE expiresAt < {:now} OR (COALESCE(revokedAt, '') != '' AND revokedAt < {:now})`
		)
		.bind({ now: nowPb })
		.execute()
		.rowsAffected();

	// Before this run's own entries are written (they are new, but never judged by this).
	result.auditEntries = deleteOldAuditEntries(
		app,
		pbDate(nowMs - result.auditRetentionDays * DAY_MS)
	);
	if (result.auditEntries > 0) {
		writeAudit(app, {
			auth: auth || null,
			action: 'retention',
			collection: 'audit_log',
			details: {
				removed: result.auditEntries,
				cutoff: result.auditCutoff,
				retentionDays: result.auditRetentionDays
			}
		});
	}

	writeAudit(app, {
		auth: auth || null,
		action: 'retention',
		collection: '*',
		details: Object.assign({}, result, {
			ids: { people: people.slice(0, MAX_IDS), conversations: conversations.slice(0, MAX_IDS) }
		})
	});
	return result;
}

module.exports = {
	runRetention,
	neutraliseAssets,
	doorOf,
	replaceName,
	auditRetentionDays,
	DEFAULT_AUDIT_RETENTION_DAYS
};
