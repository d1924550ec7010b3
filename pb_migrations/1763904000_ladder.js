/// <reference path="../pb_data/types.d.ts" />
// The ABCD ladder (src/lib/ladder/README.md): `ladder_steps`, the history of each asset's step
// (gift found ▸ asked ▸ connected ▸ contributing ▸ initiative started). A row is written by the
// server only: when the step it derives from what is recorded changes (`source` "derived"), or
// when a coordinator sets one with a reason (`source` "set", `setBy`). The latest row is the
// asset's step; the rows over time answer "how many moved up a step this period". Step values
// are the vocabulary's of today (pb_hooks/lib/vocabulary.json, ladderSteps), written out here
// as history; the API rules come from the one table (pb_hooks/lib/area-rules.js).
// Existing assets get their first derived row from the hooks' rules (lib/ladder.js), dated
// when the asset was made, so a team that upgrades starts with its ladder filled in.
const STEPS = ['gift_found', 'asked', 'connected', 'contributing', 'initiative_started'];

migrate(
	(app) => {
		const rules = require(`${__hooks}/lib/area-rules.js`).areaRules('ladder_steps');
		const steps = new Collection({
			id: 'kk_ladder_steps',
			type: 'base',
			name: 'ladder_steps',
			fields: [
				{
					name: 'asset',
					type: 'relation',
					collectionId: 'kk_assets',
					maxSelect: 1,
					required: true,
					cascadeDelete: true
				},
				// The asset's area when the row was written: counts per buurt follow it.
				{ name: 'area', type: 'relation', collectionId: 'kk_areas', maxSelect: 1, required: true },
				{ name: 'step', type: 'select', required: true, maxSelect: 1, values: STEPS },
				// The step it had before; empty for its first row.
				{ name: 'from', type: 'select', maxSelect: 1, values: STEPS },
				{
					name: 'source',
					type: 'select',
					required: true,
					maxSelect: 1,
					values: ['derived', 'set']
				},
				{ name: 'setBy', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
				{ name: 'reason', type: 'text', max: 500 },
				{ name: 'at', type: 'date', required: true },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: [
				'CREATE INDEX idx_ladder_steps_asset ON ladder_steps (asset, at)',
				'CREATE INDEX idx_ladder_steps_area ON ladder_steps (area, at)',
				'CREATE INDEX idx_ladder_steps_setBy ON ladder_steps (setBy)'
			]
		});
		for (const rule of Object.keys(rules)) steps[rule] = rules[rule];
		app.save(steps);

		const ladder = require(`${__hooks}/lib/ladder.js`);
		const assets = arrayOf(new DynamicModel({ id: '', created: '' }));
		app.db().newQuery('SELECT id, created FROM assets').all(assets);
		const facts = arrayOf(
			new DynamicModel({
				id: '',
				area: '',
				asked: false,
				connected: false,
				contributing: false,
				started: false
			})
		);
		if (assets.length > 0) {
			app
				.db()
				.newQuery(ladder.FACTS_SQL)
				.bind({ ids: JSON.stringify(assets.map((a) => a.id)) })
				.all(facts);
		}
		const createdOf = {};
		for (const asset of assets) createdOf[asset.id] = asset.created;
		for (const row of facts) {
			const record = new Record(steps);
			record.load({
				asset: row.id,
				area: row.area,
				step: ladder.deriveStep(row),
				source: 'derived',
				at: createdOf[row.id]
			});
			app.save(record);
		}
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('ladder_steps'));
	}
);
