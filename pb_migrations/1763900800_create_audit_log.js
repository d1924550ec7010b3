/// <reference path="../pb_data/types.d.ts" />
// Audit log: written only by the server (pb_hooks), append-only, readable only by admins.
migrate(
	(app) => {
		const auditLog = new Collection({
			id: 'kk_audit_log',
			type: 'base',
			name: 'audit_log',
			listRule: '@request.auth.role = "admin"',
			viewRule: '@request.auth.role = "admin"',
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				{ name: 'actor', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
				// "superuser" or "system" when no app user acted.
				{ name: 'actorKind', type: 'text', max: 20 },
				{
					name: 'action',
					type: 'select',
					required: true,
					maxSelect: 1,
					values: ['view', 'list', 'create', 'update', 'delete', 'export', 'erase']
				},
				{ name: 'targetCollection', type: 'text', required: true, max: 100 },
				{ name: 'targetId', type: 'text', max: 100 },
				{ name: 'details', type: 'json', maxSize: 20000 },
				{ name: 'created', type: 'autodate', onCreate: true }
			],
			indexes: [
				'CREATE INDEX idx_audit_log_created ON audit_log (created)',
				'CREATE INDEX idx_audit_log_target ON audit_log (targetCollection, targetId)',
				'CREATE INDEX idx_audit_log_actor ON audit_log (actor)'
			]
		});
		app.save(auditLog);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('audit_log'));
	}
);
