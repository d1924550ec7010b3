/// <reference path="../pb_data/types.d.ts" />
// Addresses (BAG or demo): the denominator of coverage and the doors of the walk list.
// Public reference data, but still only for signed-in users; imports are an admin task.
migrate(
	(app) => {
		const addresses = new Collection({
			id: 'kk_addresses',
			type: 'base',
			name: 'addresses',
			listRule: '@request.auth.id != ""',
			viewRule: '@request.auth.id != ""',
			createRule: '@request.auth.role = "admin"',
			updateRule: '@request.auth.role = "admin"',
			deleteRule: '@request.auth.role = "admin"',
			fields: [
				{ name: 'street', type: 'text', required: true, max: 200 },
				// House number with letter and addition as written: "12", "12A", "12-3".
				{ name: 'number', type: 'text', required: true, max: 20 },
				{ name: 'postcode', type: 'text', max: 7, pattern: '^$|^[1-9][0-9]{3} ?[A-Z]{2}$' },
				{ name: 'city', type: 'text', max: 100 },
				{ name: 'location', type: 'geoPoint', required: true },
				{ name: 'area', type: 'relation', collectionId: 'kk_areas', maxSelect: 1, required: true },
				{ name: 'bagId', type: 'text', max: 16, pattern: '^$|^[0-9]{16}$' },
				// Generated demo records, so an admin can find and remove them.
				{ name: 'isDemo', type: 'bool' },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: [
				'CREATE INDEX idx_addresses_area ON addresses (area)',
				'CREATE INDEX idx_addresses_street ON addresses (street, number)',
				"CREATE UNIQUE INDEX idx_addresses_bagId ON addresses (bagId) WHERE bagId != ''"
			]
		});
		app.save(addresses);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('addresses'));
	}
);
