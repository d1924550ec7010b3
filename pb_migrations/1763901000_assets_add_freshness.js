/// <reference path="../pb_data/types.d.ts" />
// Freshness of assets: when someone last confirmed an asset still exists, and who. Set by the
// server (pb_hooks/assets.pb.js), never by the client; the map greys out stale assets.
migrate(
	(app) => {
		const assets = app.findCollectionByNameOrId('assets');
		assets.fields.add(new DateField({ name: 'confirmedAt' }));
		assets.fields.add(
			new RelationField({
				name: 'confirmedBy',
				collectionId: '_pb_users_auth_',
				maxSelect: 1,
				cascadeDelete: false
			})
		);
		// Stale assets are found by date (the gap view, "oldest first").
		assets.addIndex('idx_assets_confirmedAt', false, 'confirmedAt', '');
		app.save(assets);
	},
	(app) => {
		const assets = app.findCollectionByNameOrId('assets');
		assets.removeIndex('idx_assets_confirmedAt');
		assets.fields.removeByName('confirmedAt');
		assets.fields.removeByName('confirmedBy');
		app.save(assets);
	}
);
