/// <reference path="../pb_data/types.d.ts" />
// Setup tokens (pb_hooks/setup.pb.js, lib/setup.js): the one-time link with which the first admin
// is made on a new instance (`first_admin`, printed by `npm start` while no admin exists) or an
// admin made by `npm run setup` sets her password (`password`). Valid one hour, used once; only
// the sha256 of the token is stored (`tokenHash`, hidden, unique). Nobody reads or writes them
// through the records API (all rules null: superusers only); the setup routes do.
migrate(
	(app) => {
		const tokens = new Collection({
			id: 'kk_setup_tokens',
			type: 'base',
			name: 'setup_tokens',
			listRule: null,
			viewRule: null,
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				{
					name: 'kind',
					type: 'select',
					required: true,
					maxSelect: 1,
					values: ['first_admin', 'password']
				},
				{
					name: 'tokenHash',
					type: 'text',
					required: true,
					hidden: true,
					min: 64,
					max: 64,
					pattern: '^[a-f0-9]{64}$'
				},
				// The admin who sets her password (kind `password`).
				{
					name: 'user',
					type: 'relation',
					collectionId: '_pb_users_auth_',
					maxSelect: 1,
					cascadeDelete: true
				},
				{ name: 'expiresAt', type: 'date', required: true },
				{ name: 'usedAt', type: 'date' },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: ['CREATE UNIQUE INDEX idx_setup_tokens_token_hash ON setup_tokens (tokenHash)']
		});
		app.save(tokens);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('setup_tokens'));
	}
);
