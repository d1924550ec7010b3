/// <reference path="../pb_data/types.d.ts" />
// The team without the dashboard (pb_hooks/team.pb.js, lib/team.js): admins, and coordinators for
// their own areas, invite, re-invite, change role and areas, deactivate and reactivate members,
// each step audited. So that every such step goes through those routes (and their audit), app
// users no longer set role, areas or the two new fields through the records API; superusers
// (imports, the demo, the dashboard) still may.
// - `invitedAt`: when she was (last) invited; she is "invited" until she set her password
//   (PocketBase marks her verified then).
// - `deactivatedAt`: set, she cannot sign in (authRule) and her sessions ended (her tokenKey was
//   rotated in the same save, pb_hooks/users.pb.js).
// - The password-reset mail links to the app's own page, /wachtwoord/{TOKEN}, not the dashboard.

const PROTECTED = ['role', 'areas', 'invitedAt', 'deactivatedAt'];
const UNTOUCHED = PROTECTED.map((f) => `@request.body.${f}:isset = false`).join(' && ');

const UPDATE_RULE = `(@request.auth.role = "admin" || id = @request.auth.id) && ${UNTOUCHED}`;
const AUTH_RULE = 'deactivatedAt = ""';

const RESET_TEMPLATE = {
	subject: 'Nieuw wachtwoord voor {APP_NAME} / A new {APP_NAME} password',
	body: `<p>Hallo,</p>
<p>Klik op de knop hieronder om een nieuw wachtwoord voor {APP_NAME} te kiezen.</p>
<p><a class="btn" href="{APP_URL}/wachtwoord/{TOKEN}" target="_blank" rel="noopener">Wachtwoord kiezen</a></p>
<p>Vroeg je dit niet zelf aan? Dan kun je deze mail negeren.</p>
<p><i>Click the button above to choose a new {APP_NAME} password. If you did not ask for this,
you can ignore this mail.</i></p>`
};

/**
 * What the earlier migrations and PocketBase 0.36.8 gave (core/collection_model_auth_templates.go),
 * which `down` restores. 0.40's reset template ends "please ignore this email" instead.
 */
const UPDATE_RULE_BEFORE =
	'@request.auth.role = "admin" || (id = @request.auth.id && @request.body.role:isset = false && @request.body.areas:isset = false)';
const CREATE_RULE_BEFORE = '@request.auth.role = "admin"';
const RESET_TEMPLATE_BEFORE = {
	subject: 'Reset your {APP_NAME} password',
	body: `<p>Hello,</p>
<p>Click on the button below to reset your password.</p>
<p>
  <a class="btn" href="{APP_URL}/_/#/auth/confirm-password-reset/{TOKEN}" target="_blank" rel="noopener">Reset password</a>
</p>
<p><i>If you didn't ask to reset your password, you can ignore this email.</i></p>
<p>
  Thanks,<br/>
  {APP_NAME} team
</p>`
};

migrate(
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		users.fields.add(new DateField({ name: 'invitedAt' }));
		users.fields.add(new DateField({ name: 'deactivatedAt' }));
		// New members come through the invitation route (or a superuser), never the records API.
		users.createRule = null;
		users.updateRule = UPDATE_RULE;
		users.addIndex('idx_users_deactivated', false, 'deactivatedAt', '');
		unmarshal({ authRule: AUTH_RULE, resetPasswordTemplate: RESET_TEMPLATE }, users);
		app.save(users);
	},
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		users.removeIndex('idx_users_deactivated');
		users.fields.removeByName('invitedAt');
		users.fields.removeByName('deactivatedAt');
		users.createRule = CREATE_RULE_BEFORE;
		users.updateRule = UPDATE_RULE_BEFORE;
		unmarshal({ authRule: '', resetPasswordTemplate: RESET_TEMPLATE_BEFORE }, users);
		app.save(users);
	}
);
