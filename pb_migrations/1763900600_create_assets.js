/// <reference path="../pb_data/types.d.ts" />
// Assets (krachten): what the neighbourhood has. Every signed-in user reads the assets of her own
// areas (viewers too, at the asset's precision); field workers and coordinators write there.
const inMyAreas =
	'(@request.auth.areas.id ?= area || @request.auth.areas.id ?= area.parent || @request.auth.areas.id ?= area.parent.parent)';
const fieldWorkers = '(@request.auth.role = "coordinator" || @request.auth.role = "worker")';
const THEMES = [
	'eenzaamheid',
	'jeugd',
	'taal',
	'armoede',
	'groen',
	'veiligheid',
	'wonen',
	'werk',
	'gezondheid',
	'cultuur',
	'sport',
	'energie',
	'zorg_voor_elkaar'
];

migrate(
	(app) => {
		const assets = new Collection({
			id: 'kk_assets',
			type: 'base',
			name: 'assets',
			listRule: `@request.auth.role = "admin" || (@request.auth.id != "" && ${inMyAreas})`,
			viewRule: `@request.auth.role = "admin" || (@request.auth.id != "" && ${inMyAreas})`,
			createRule: `@request.auth.role = "admin" || (${fieldWorkers} && ${inMyAreas})`,
			updateRule: `@request.auth.role = "admin" || (${fieldWorkers} && ${inMyAreas})`,
			deleteRule: `@request.auth.role = "admin" || (@request.auth.role = "coordinator" && ${inMyAreas})`,
			fields: [
				{
					name: 'kind',
					type: 'select',
					required: true,
					maxSelect: 1,
					values: [
						'capacity',
						'key_figure',
						'association',
						'institution',
						'place',
						'initiative',
						'business'
					]
				},
				{ name: 'title', type: 'text', required: true, max: 200 },
				{ name: 'description', type: 'text', max: 5000 },
				{ name: 'themes', type: 'select', maxSelect: THEMES.length, values: THEMES },
				{ name: 'domain', type: 'select', maxSelect: 2, values: ['sociaal', 'fysiek'] },
				{ name: 'gifts', type: 'select', maxSelect: 3, values: ['head', 'heart', 'hands'] },
				{ name: 'location', type: 'geoPoint', required: true },
				{
					name: 'precision',
					type: 'select',
					required: true,
					maxSelect: 1,
					values: ['exact', 'street', 'area']
				},
				{ name: 'area', type: 'relation', collectionId: 'kk_areas', maxSelect: 1, required: true },
				{
					name: 'status',
					type: 'select',
					required: true,
					maxSelect: 1,
					values: ['active', 'idea', 'paused', 'ended']
				},
				{ name: 'person', type: 'relation', collectionId: 'kk_people', maxSelect: 1 },
				{
					name: 'sourceConversation',
					type: 'relation',
					collectionId: 'kk_conversations',
					maxSelect: 1
				},
				{ name: 'createdBy', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
				{ name: 'isDemo', type: 'bool' },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: [
				'CREATE INDEX idx_assets_area ON assets (area)',
				'CREATE INDEX idx_assets_kind ON assets (kind, status)',
				'CREATE INDEX idx_assets_person ON assets (person)',
				'CREATE INDEX idx_assets_sourceConversation ON assets (sourceConversation)',
				'CREATE INDEX idx_assets_createdBy ON assets (createdBy)'
			]
		});
		app.save(assets);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('assets'));
	}
);
