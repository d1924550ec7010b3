/// <reference path="../pb_data/types.d.ts" />
// Areas: gemeente ▸ wijk ▸ buurt (CBS codes) and custom areas. Reference data, readable by every
// signed-in user; only admins change it (coordinators may add custom areas).
migrate(
	(app) => {
		const areas = new Collection({
			id: 'kk_areas',
			type: 'base',
			name: 'areas',
			listRule: '@request.auth.id != ""',
			viewRule: '@request.auth.id != ""',
			createRule:
				'@request.auth.role = "admin" || (@request.auth.role = "coordinator" && level = "custom")',
			updateRule: '@request.auth.role = "admin"',
			deleteRule: '@request.auth.role = "admin"',
			fields: [
				{ name: 'code', type: 'text', required: true, max: 40, pattern: '^[A-Za-z0-9_-]+$' },
				{ name: 'name', type: 'text', required: true, max: 200 },
				{
					name: 'level',
					type: 'select',
					required: true,
					maxSelect: 1,
					values: ['gemeente', 'wijk', 'buurt', 'custom']
				},
				// GeoJSON Polygon or MultiPolygon in WGS84; validated by pb_hooks/areas.pb.js.
				{ name: 'geometry', type: 'json', maxSize: 4 * 1024 * 1024 },
				{ name: 'addressCount', type: 'number', min: 0, onlyInt: true },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: [
				'CREATE UNIQUE INDEX idx_areas_code ON areas (code)',
				'CREATE INDEX idx_areas_level ON areas (level)'
			]
		});
		app.save(areas);
		// A self-relation can only point at a collection that already exists.
		areas.fields.addAt(
			3,
			new RelationField({
				name: 'parent',
				collectionId: areas.id,
				maxSelect: 1,
				cascadeDelete: false
			})
		);
		areas.addIndex('idx_areas_parent', false, 'parent', '');
		app.save(areas);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('areas'));
	}
);
