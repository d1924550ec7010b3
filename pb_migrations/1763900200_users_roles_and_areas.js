/// <reference path="../pb_data/types.d.ts" />
// Users get a role and the areas they work in. Users may edit their own name but never their own
// role or areas; admins (role) manage everyone.
migrate(
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		users.fields.add(
			new SelectField({
				name: 'role',
				required: true,
				maxSelect: 1,
				values: ['admin', 'coordinator', 'worker', 'viewer']
			})
		);
		users.fields.add(
			new RelationField({
				name: 'areas',
				collectionId: 'kk_areas',
				maxSelect: 999,
				cascadeDelete: false
			})
		);
		users.listRule = '@request.auth.id != ""';
		users.viewRule = '@request.auth.id != ""';
		users.createRule = '@request.auth.role = "admin"';
		users.updateRule =
			'@request.auth.role = "admin" || (id = @request.auth.id && @request.body.role:isset = false && @request.body.areas:isset = false)';
		users.deleteRule = '@request.auth.role = "admin"';
		users.manageRule = '@request.auth.role = "admin"';
		users.addIndex('idx_users_role', false, 'role', '');
		app.save(users);
	},
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		users.fields.removeByName('role');
		users.fields.removeByName('areas');
		users.removeIndex('idx_users_role');
		users.listRule = 'id = @request.auth.id';
		users.viewRule = 'id = @request.auth.id';
		users.createRule = '';
		users.updateRule = 'id = @request.auth.id';
		users.deleteRule = 'id = @request.auth.id';
		users.manageRule = null;
		app.save(users);
	}
);
