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

module.exports = { writeAudit };
