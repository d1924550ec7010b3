/// <reference path="../pb_data/types.d.ts" />
// What the server does to a user's record (a team member's): her password's policy, her sessions
// ended when she is deactivated, what a colleague reads of her. Her sign-in: security.pb.js (the
// lock after failed sign-ins), mfa.pb.js (the mailed code); the team's routes: team.pb.js.

// Of a colleague a non-admin gets id, name and role (pb_hooks/lib/field-access.js drops the rest)
// and nothing expanded from her record: a nested expand (`expand=worker.areas` on a conversation)
// is attached to the colleague's record after its enrich hooks ran, so dropping the `areas`
// field there does not drop her expanded areas. Hiding the whole `expand` key does, whenever it
// is filled. Who reads which users at all is the users rules' matter
// (pb_migrations/1763902410_users_read_colleagues.js).
onRecordEnrich((e) => {
	const auth = e.requestInfo && e.requestInfo.auth;
	const whole =
		!!auth &&
		(auth.isSuperuser() ||
			auth.id === e.record.id ||
			(auth.collection().name === 'users' && auth.getString('role') === 'admin'));
	if (!whole) e.record.hide('expand');
	e.next();
}, 'users');

// The password policy on every save of a user with a new password: the API (sign-up by an
// admin, her own change), the dashboard and imports. PocketBase checks the length again.
onRecordValidate((e) => {
	const password = e.record.getString('password');
	if (password) {
		const problem = require(`${__hooks}/lib/security.js`).passwordProblem(
			password,
			e.record.getString('email')
		);
		if (problem) {
			throw new BadRequestError('Wachtwoord niet sterk genoeg / password too weak', {
				password: new ValidationError('weak_password', problem)
			});
		}
	}
	e.next();
}, 'users');

// Deactivated by any route (the team's, or a superuser in the dashboard): her tokenKey rotates in
// the same save, so every token she holds stops working at once.
onRecordUpdate((e) => {
	const before = e.record.original().getString('deactivatedAt');
	if (e.record.getString('deactivatedAt') && !before) e.record.refreshTokenKey();
	e.next();
}, 'users');

// A deactivated member sets no password through an old or requested link either.
onRecordConfirmPasswordResetRequest((e) => {
	if (e.record.getString('deactivatedAt')) {
		throw new BadRequestError(
			'Dit account is gedeactiveerd; vraag je coördinator of beheerder. / This account is deactivated; ask your coordinator or admin.'
		);
	}
	e.next();
}, 'users');
