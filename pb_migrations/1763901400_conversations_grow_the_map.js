/// <reference path="../pb_data/types.d.ts" />
// A conversation adds to the map (pb_hooks/conversations.pb.js): what the phone sends along with
// it becomes people, capacity and key-figure assets, links and follow-ups, in one transaction.
// - `resident` carries the first name, contact and key-figure mark from the phone; the server
//   moves them into `people` (only as far as the consent allows) and never stores them here.
// - `connectTo`: existing initiatives or associations the talk is connected to.
// - `mentions`: people and groups the resident named, the raw material for finding key figures.
// - `locationSource` says where `location` came from; `distanceFromAddress` and `farFromAddress`
//   are set by the server, for the coordinator to check talks logged far from their door.
// Follow-ups get a collection of their own, so the assignee can tick them off.
const inMyAreas =
	'(@request.auth.areas.id ?= area || @request.auth.areas.id ?= area.parent || @request.auth.areas.id ?= area.parent.parent)';
const fieldWorkers = '(@request.auth.role = "coordinator" || @request.auth.role = "worker")';

migrate(
	(app) => {
		const conversations = app.findCollectionByNameOrId('conversations');
		conversations.fields.add(new JSONField({ name: 'resident', maxSize: 5000 }));
		conversations.fields.add(
			new RelationField({ name: 'connectTo', collectionId: 'kk_assets', maxSelect: 20 })
		);
		conversations.fields.add(new JSONField({ name: 'mentions', maxSize: 20000 }));
		conversations.fields.add(
			new SelectField({
				name: 'locationSource',
				maxSelect: 1,
				values: ['address', 'gps', 'map']
			})
		);
		conversations.fields.add(new NumberField({ name: 'distanceFromAddress', onlyInt: true }));
		conversations.fields.add(new BoolField({ name: 'farFromAddress' }));
		conversations.addIndex('idx_conversations_far', false, 'farFromAddress', '');
		app.save(conversations);

		const followUps = new Collection({
			id: 'kk_follow_ups',
			type: 'base',
			name: 'follow_ups',
			listRule: `@request.auth.role = "admin" || assignee = @request.auth.id || (${fieldWorkers} && ${inMyAreas})`,
			viewRule: `@request.auth.role = "admin" || assignee = @request.auth.id || (${fieldWorkers} && ${inMyAreas})`,
			createRule: `@request.auth.role = "admin" || (${fieldWorkers} && ${inMyAreas})`,
			// The assignee ticks hers off; coordinators manage all of their areas'.
			updateRule: `@request.auth.role = "admin" || (@request.auth.role = "coordinator" && ${inMyAreas}) || (${fieldWorkers} && assignee = @request.auth.id && @request.body.area:changed = false && @request.body.conversation:changed = false)`,
			deleteRule: `@request.auth.role = "admin" || (@request.auth.role = "coordinator" && ${inMyAreas})`,
			fields: [
				{
					name: 'conversation',
					type: 'relation',
					collectionId: 'kk_conversations',
					maxSelect: 1,
					cascadeDelete: true
				},
				{ name: 'area', type: 'relation', collectionId: 'kk_areas', maxSelect: 1, required: true },
				{ name: 'what', type: 'text', required: true, max: 500 },
				{ name: 'assignee', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
				{ name: 'due', type: 'date' },
				{ name: 'done', type: 'bool' },
				// Set by the server when `done` changes.
				{ name: 'doneAt', type: 'date' },
				{ name: 'doneBy', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
				{ name: 'createdBy', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
				{ name: 'isDemo', type: 'bool' },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: [
				'CREATE INDEX idx_follow_ups_area ON follow_ups (area)',
				'CREATE INDEX idx_follow_ups_assignee ON follow_ups (assignee, done)',
				'CREATE INDEX idx_follow_ups_conversation ON follow_ups (conversation)'
			]
		});
		app.save(followUps);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('follow_ups'));
		const conversations = app.findCollectionByNameOrId('conversations');
		conversations.removeIndex('idx_conversations_far');
		for (const name of [
			'resident',
			'connectTo',
			'mentions',
			'locationSource',
			'distanceFromAddress',
			'farFromAddress'
		]) {
			conversations.fields.removeByName(name);
		}
		app.save(conversations);
	}
);
