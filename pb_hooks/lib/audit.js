// Writes one audit_log entry. Used from the *.pb.js handlers (each handler runs in its own
// JS runtime, so shared code lives in a module that they require()).
/**
 * @param {core.App} app
 * `actorKind` names an actor without an account (a resident through her own link: "resident").
 * @param {{ auth?: core.Record | null, actorKind?: string, action: string, collection: string, id?: string, details?: any }} entry
 */
function writeAudit(app, entry) {
	const collection = app.findCollectionByNameOrId('audit_log');
	const record = new Record(collection);
	const auth = entry.auth;
	if (auth && auth.collection().name === 'users') {
		record.set('actor', auth.id);
		record.set('actorKind', 'user');
	} else {
		record.set('actorKind', entry.actorKind || (auth ? 'superuser' : 'system'));
	}
	record.set('action', entry.action);
	record.set('targetCollection', entry.collection);
	record.set('targetId', entry.id || '');
	record.set('details', entry.details || null);
	app.save(record);
}

/**
 * A create, update or delete request of personal data: the change and its audit entry in one
 * transaction, so neither is ever kept without the other. Written after the change, the entry
 * could miss it: a crash between the two, and a resend of the same record is refused as already
 * there (tests/integration/crash-under-load.test.ts found conversations without their entry).
 * Whichever hook file comes first, the growth's transaction (conversations.pb.js) joins this one.
 * @param {core.RecordRequestEvent} e
 * @param {string} action
 * @param {any} [details]
 */
function auditedChange(e, action, details) {
	require(`${__hooks}/lib/transaction.js`).inSaveTransaction(e, (txApp) => {
		e.next();
		writeAudit(txApp, {
			auth: e.auth,
			action: action,
			collection: e.collection.name,
			id: e.record.id,
			details: details || null
		});
	});
}

module.exports = { writeAudit, auditedChange };
