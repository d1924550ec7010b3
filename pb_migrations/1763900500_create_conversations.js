/// <reference path="../pb_data/types.d.ts" />
// Conversations (voordeurgesprekken). The client generates the id so an offline outbox can resend
// safely. Viewers never read them (they get aggregates); a worker writes only as herself.
const inMyAreas =
	'(@request.auth.areas.id ?= area || @request.auth.areas.id ?= area.parent || @request.auth.areas.id ?= area.parent.parent)';
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
		const conversations = new Collection({
			id: 'kk_conversations',
			type: 'base',
			name: 'conversations',
			listRule: `@request.auth.role = "admin" || ((@request.auth.role = "coordinator" || @request.auth.role = "worker") && ${inMyAreas})`,
			viewRule: `@request.auth.role = "admin" || ((@request.auth.role = "coordinator" || @request.auth.role = "worker") && ${inMyAreas})`,
			createRule: `@request.auth.role = "admin" || (@request.auth.role = "coordinator" && ${inMyAreas}) || (@request.auth.role = "worker" && worker = @request.auth.id && ${inMyAreas})`,
			updateRule: `@request.auth.role = "admin" || (@request.auth.role = "coordinator" && ${inMyAreas}) || (@request.auth.role = "worker" && worker = @request.auth.id && @request.body.worker:isset = false && ${inMyAreas})`,
			deleteRule: `@request.auth.role = "admin" || (@request.auth.role = "coordinator" && ${inMyAreas})`,
			fields: [
				{ name: 'location', type: 'geoPoint' },
				{ name: 'address', type: 'relation', collectionId: 'kk_addresses', maxSelect: 1 },
				{ name: 'area', type: 'relation', collectionId: 'kk_areas', maxSelect: 1, required: true },
				{
					name: 'worker',
					type: 'relation',
					collectionId: '_pb_users_auth_',
					maxSelect: 1,
					required: true
				},
				{ name: 'person', type: 'relation', collectionId: 'kk_people', maxSelect: 1 },
				{ name: 'heldAt', type: 'date', required: true },
				{
					name: 'outcome',
					type: 'select',
					required: true,
					maxSelect: 1,
					values: ['talked', 'not_home', 'declined', 'come_back_later', 'vacant', 'do_not_contact']
				},
				// Themes the resident worries about or wishes for.
				{ name: 'themes', type: 'select', maxSelect: THEMES.length, values: THEMES },
				// Gifts the resident offers: [{ kind: "head" | "heart" | "hands", tag: "..." }].
				{ name: 'gifts', type: 'json', maxSize: 20000 },
				{ name: 'wishes', type: 'text', max: 2000 },
				{ name: 'willingToHelp', type: 'bool' },
				// What the resident agreed to in this conversation; empty means store nothing personal.
				{
					name: 'consent',
					type: 'select',
					maxSelect: 4,
					values: ['anonymous', 'first_name', 'contact', 'exact_location']
				},
				// { what, assignee, due, done }.
				{ name: 'followUp', type: 'json', maxSize: 20000 },
				{ name: 'language', type: 'text', max: 35 },
				// Restricted: only the author, coordinators and admins read notes (pb_hooks).
				{ name: 'notes', type: 'text', max: 10000 },
				{ name: 'isDemo', type: 'bool' },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: [
				'CREATE INDEX idx_conversations_area ON conversations (area)',
				'CREATE INDEX idx_conversations_worker ON conversations (worker)',
				'CREATE INDEX idx_conversations_address ON conversations (address, heldAt)',
				'CREATE INDEX idx_conversations_person ON conversations (person)',
				'CREATE INDEX idx_conversations_heldAt ON conversations (heldAt)'
			]
		});
		app.save(conversations);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('conversations'));
	}
);
