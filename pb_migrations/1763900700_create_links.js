/// <reference path="../pb_data/types.d.ts" />
// Links between assets (a key figure runs an initiative, is a member of an association, ...).
// Readable and writable where the asset they start from is.
const inMyAreas =
	'(@request.auth.areas.id ?= from.area || @request.auth.areas.id ?= from.area.parent || @request.auth.areas.id ?= from.area.parent.parent)';
const fieldWorkers = '(@request.auth.role = "coordinator" || @request.auth.role = "worker")';

migrate(
	(app) => {
		const links = new Collection({
			id: 'kk_links',
			type: 'base',
			name: 'links',
			listRule: `@request.auth.role = "admin" || (@request.auth.id != "" && ${inMyAreas})`,
			viewRule: `@request.auth.role = "admin" || (@request.auth.id != "" && ${inMyAreas})`,
			createRule: `@request.auth.role = "admin" || (${fieldWorkers} && ${inMyAreas})`,
			updateRule: `@request.auth.role = "admin" || (${fieldWorkers} && ${inMyAreas})`,
			deleteRule: `@request.auth.role = "admin" || (${fieldWorkers} && ${inMyAreas})`,
			fields: [
				{
					name: 'from',
					type: 'relation',
					collectionId: 'kk_assets',
					maxSelect: 1,
					required: true,
					cascadeDelete: true
				},
				{
					name: 'to',
					type: 'relation',
					collectionId: 'kk_assets',
					maxSelect: 1,
					required: true,
					cascadeDelete: true
				},
				{
					name: 'kind',
					type: 'select',
					required: true,
					maxSelect: 1,
					values: ['knows', 'memberOf', 'runs', 'supports', 'connects']
				},
				{ name: 'note', type: 'text', max: 1000 },
				{ name: 'createdBy', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
				{ name: 'isDemo', type: 'bool' },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: [
				'CREATE UNIQUE INDEX idx_links_unique ON links (`from`, `to`, kind)',
				'CREATE INDEX idx_links_to ON links (`to`)'
			]
		});
		app.save(links);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('links'));
	}
);
