/// <reference path="../pb_data/types.d.ts" />
// The audit log's `restore` action: a superuser restored a full export into this instance
// (pb_hooks/export.pb.js). Exports use the existing `export` action.
migrate(
	(app) => {
		// Read and extended, not replaced: other migrations may add actions of their own.
		const auditLog = app.findCollectionByNameOrId('audit_log');
		const action = auditLog.fields.getByName('action');
		const values = [];
		for (const value of action.values) values.push(value);
		if (values.indexOf('restore') < 0) values.push('restore');
		action.values = values;
		app.save(auditLog);
	},
	(app) => {
		const auditLog = app.findCollectionByNameOrId('audit_log');
		const action = auditLog.fields.getByName('action');
		const values = [];
		for (const value of action.values) if (value !== 'restore') values.push(value);
		action.values = values;
		app.save(auditLog);
	}
);
