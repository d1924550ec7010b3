/// <reference path="../pb_data/types.d.ts" />
// The ABCD ladder per team member (src/lib/ladder/README.md): `ladder_steps.causedBy`, the user
// whose save wrote the row: for a step set by hand the coordinator who set it, for a derived step
// the user whose save of an asset, link, talk or follow-up changed it (pb_hooks/ladder.pb.js).
// Empty when nobody is known (a superuser's save, an import, a server job): "onbekend".
// Backfill, from what is stored: a set row's `setBy`, and an asset's first row (the gift found)
// its `createdBy`. Later derived rows stay empty: which save caused them was not kept.
migrate(
	(app) => {
		const steps = app.findCollectionByNameOrId('ladder_steps');
		steps.fields.add(
			new RelationField({
				name: 'causedBy',
				collectionId: '_pb_users_auth_',
				maxSelect: 1
			})
		);
		steps.addIndex('idx_ladder_steps_causedBy', false, 'causedBy', '');
		app.save(steps);
		app
			.db()
			.newQuery(
				`UPDATE ladder_steps SET causedBy = CASE
					WHEN source = 'set' THEN setBy
					ELSE COALESCE((SELECT a.createdBy FROM assets a WHERE a.id = ladder_steps.asset), '')
				END
				WHERE causedBy = '' AND (source = 'set' OR [[from]] = '')`
			)
			.execute();
	},
	(app) => {
		const steps = app.findCollectionByNameOrId('ladder_steps');
		steps.removeIndex('idx_ladder_steps_causedBy');
		steps.fields.removeByName('causedBy');
		app.save(steps);
	}
);
