/// <reference path="../pb_data/types.d.ts" />
// Superusers sign in in two steps too: after the right password, a one-time code by e-mail. A
// superuser reads and changes everything, and the dashboard (/_/) is as reachable as the app, so
// a password alone (guessed, phished or reused) must not be enough. The code's mail, length and
// lifetime are the ones the users collection got (1763901800_users_mfa_otp.js), read from it
// here so they are defined once. Scripts that sign a superuser in on the server's own machine
// (`npm start`, the demo seeder, the tests, the bench) ask `pocketbase superuser otp` for the
// code instead of a mail: scripts/superuser-session.mjs.

migrate(
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		const superusers = app.findCollectionByNameOrId('_superusers');
		unmarshal(
			{
				// No rule: it applies to every superuser.
				mfa: { enabled: true, duration: users.mfa.duration, rule: '' },
				otp: {
					enabled: true,
					duration: users.otp.duration,
					length: users.otp.length,
					emailTemplate: {
						subject: users.otp.emailTemplate.subject,
						body: users.otp.emailTemplate.body
					}
				}
			},
			superusers
		);
		app.save(superusers);
	},
	(app) => {
		const superusers = app.findCollectionByNameOrId('_superusers');
		unmarshal({ mfa: { enabled: false }, otp: { enabled: false } }, superusers);
		app.save(superusers);
	}
);
