/// <reference path="../pb_data/types.d.ts" />
// Every signed-in user listed every user of the instance, with role and areas: a worker in
// Overvecht saw the names and wijken of the Tilburg team. Now a user reads herself and the users
// who share an area with her: the same area, or one above or below it in the gemeente ▸ wijk ▸
// buurt chain (a wijk's coordinator and the workers of its buurten, the assignee picker of
// src/lib/followups/followups.api.ts). Admins read everyone. Of anyone but herself a non-admin
// gets only id, name and role (pb_hooks/users.pb.js).
//
// An empty relation compares as "" in a rule, and a gemeente's parent is "": without the
// `:length > 0` guards a user without areas would match every gemeente-level user, and a user
// without areas every gemeente-level user's colleagues.

const READ_RULE = [
	'@request.auth.role = "admin"',
	'id = @request.auth.id',
	'(@request.auth.areas:length > 0 && areas:length > 0 && (' +
		[
			'areas.id ?= @request.auth.areas.id',
			'areas.parent ?= @request.auth.areas.id',
			'areas.parent.parent ?= @request.auth.areas.id',
			'@request.auth.areas.parent ?= areas.id',
			'@request.auth.areas.parent.parent ?= areas.id'
		].join(' || ') +
		'))'
].join(' || ');

/** What 1763900200_users_roles_and_areas.js gave them: every signed-in user. */
const READ_RULE_BEFORE = '@request.auth.id != ""';

migrate(
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		users.listRule = READ_RULE;
		users.viewRule = READ_RULE;
		// The rule filters on areas (tests/integration/rule-lint.test.ts).
		users.addIndex('idx_users_areas', false, 'areas', '');
		app.save(users);
	},
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		users.listRule = READ_RULE_BEFORE;
		users.viewRule = READ_RULE_BEFORE;
		users.removeIndex('idx_users_areas');
		app.save(users);
	}
);
