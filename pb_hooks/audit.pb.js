/// <reference path="../pb_data/types.d.ts" />
// Every read and change of personal data (people, conversations) leaves an audit_log entry.

onRecordViewRequest(
	(e) => {
		e.next();
		require(`${__hooks}/lib/audit.js`).writeAudit(e.app, {
			auth: e.auth,
			action: 'view',
			collection: e.collection.name,
			id: e.record.id
		});
	},
	'people',
	'conversations'
);

onRecordsListRequest(
	(e) => {
		e.next();
		if (e.records.length === 0) return;
		require(`${__hooks}/lib/audit.js`).writeAudit(e.app, {
			auth: e.auth,
			action: 'list',
			collection: e.collection.name,
			details: { ids: e.records.slice(0, 500).map((r) => r.id), count: e.records.length }
		});
	},
	'people',
	'conversations'
);

// A change and its entry in one transaction: neither is kept without the other (lib/audit.js).
onRecordCreateRequest(
	(e) => require(`${__hooks}/lib/audit.js`).auditedChange(e, 'create'),
	'people',
	'conversations'
);

onRecordUpdateRequest(
	(e) =>
		require(`${__hooks}/lib/audit.js`).auditedChange(e, 'update', {
			fields: Object.keys(e.requestInfo().body || {})
		}),
	'people',
	'conversations'
);

onRecordDeleteRequest(
	(e) => require(`${__hooks}/lib/audit.js`).auditedChange(e, 'delete'),
	'people',
	'conversations'
);

// Append-only for every API caller: its rules (null) already refuse app users; superusers, whom
// PocketBase lets past any rule, are refused here. The retention job (lib/retention.js) deletes
// entries past their term in SQL, the only deletion there is.
onRecordUpdateRequest(() => {
	throw new ForbiddenError(
		'Het auditlog kan niet worden gewijzigd. / The audit log is append-only.'
	);
}, 'audit_log');

onRecordDeleteRequest(() => {
	throw new ForbiddenError(
		'Het auditlog kan niet worden gewijzigd. / The audit log is append-only.'
	);
}, 'audit_log');
