/// <reference path="../pb_data/types.d.ts" />
// People: personal data of residents. Never readable by viewers; workers and coordinators only
// within their own areas (an area, its wijk or its gemeente). Every access is audited by pb_hooks.
const inMyAreas =
	'(@request.auth.areas.id ?= area || @request.auth.areas.id ?= area.parent || @request.auth.areas.id ?= area.parent.parent)';
const fieldWorkers = '(@request.auth.role = "coordinator" || @request.auth.role = "worker")';

migrate(
	(app) => {
		const people = new Collection({
			id: 'kk_people',
			type: 'base',
			name: 'people',
			listRule: `@request.auth.role = "admin" || (${fieldWorkers} && ${inMyAreas})`,
			viewRule: `@request.auth.role = "admin" || (${fieldWorkers} && ${inMyAreas})`,
			createRule: `@request.auth.role = "admin" || (${fieldWorkers} && ${inMyAreas})`,
			updateRule: `@request.auth.role = "admin" || (${fieldWorkers} && ${inMyAreas})`,
			deleteRule: `@request.auth.role = "admin" || (@request.auth.role = "coordinator" && ${inMyAreas})`,
			fields: [
				{ name: 'display_name', type: 'text', max: 200 },
				{ name: 'contact', type: 'text', max: 500 },
				{ name: 'address', type: 'relation', collectionId: 'kk_addresses', maxSelect: 1 },
				{ name: 'area', type: 'relation', collectionId: 'kk_areas', maxSelect: 1, required: true },
				// What the resident agreed to: { scopes: [...], givenAt, until, recordedBy, text }.
				{ name: 'consent', type: 'json', maxSize: 20000 },
				{ name: 'isKeyFigure', type: 'bool' },
				{ name: 'createdBy', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
				{ name: 'isDemo', type: 'bool' },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: [
				'CREATE INDEX idx_people_area ON people (area)',
				'CREATE INDEX idx_people_address ON people (address)'
			]
		});
		app.save(people);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('people'));
	}
);
