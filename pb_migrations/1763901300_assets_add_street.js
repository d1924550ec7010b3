/// <reference path="../pb_data/types.d.ts" />
// The street an asset stands in, set by the server from its location (pb_hooks/lib/streets.js),
// so stale assets can be queued for the next walk down their street. Existing assets get the
// street of the nearest address within 250 m in their area or an area directly below it.

// Degrees of latitude; longitude scaled by cos(52°), the Netherlands' middle (within 3% from
// Zeeland to Groningen). lib/streets.js uses the exact cosine for new positions.
const dx = "((json_extract(a.location, '$.lon') - json_extract(s.location, '$.lon')) * 0.616)";
const dy = "(json_extract(a.location, '$.lat') - json_extract(s.location, '$.lat'))";
const distance2 = `(${dx} * ${dx} + ${dy} * ${dy})`;
const radius2 = Math.pow(250 / 111320, 2);

migrate(
	(app) => {
		const assets = app.findCollectionByNameOrId('assets');
		assets.fields.add(new TextField({ name: 'street', max: 200 }));
		assets.addIndex('idx_assets_street', false, 'street', '');
		app.save(assets);
		app
			.db()
			.newQuery(
				`WITH nearest AS (
					SELECT s.id AS asset, a.street AS street,
						row_number() OVER (PARTITION BY s.id ORDER BY ${distance2}) AS rank
					FROM assets s JOIN addresses a
						ON a.area IN (SELECT s.area UNION SELECT id FROM areas WHERE parent = s.area)
					WHERE ${distance2} <= ${radius2})
				UPDATE assets SET street = nearest.street
				FROM nearest WHERE nearest.asset = assets.id AND nearest.rank = 1`
			)
			.execute();
	},
	(app) => {
		const assets = app.findCollectionByNameOrId('assets');
		assets.removeIndex('idx_assets_street');
		assets.fields.removeByName('street');
		app.save(assets);
	}
);
