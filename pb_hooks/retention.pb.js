/// <reference path="../pb_data/types.d.ts" />
// Retention (lib/retention.js): every night at 03:30 UTC, and on demand by an admin through
//   POST /api/krachtkaart/retention/run   → { now, cutoff, retentionDays, people, conversations, … }
// The body may carry { "now": "<ISO date>" } to run as of another moment, from superusers only
// (tests that move the clock). Each run leaves a `retention` audit entry. Handlers run in VMs of
// their own and see nothing declared outside them, so each one requires what it needs.

// A cron job runs in whichever VM is free, with `$app` the app itself: since PocketBase 0.39.8 a
// hook or route that set `$app` to its own (possibly transactional) app sets it back afterwards
// (plugins/jsvm/binds.go).
cronAdd('krachtkaart_retention', '30 3 * * *', () => {
	const result = require(`${__hooks}/lib/retention.js`).runRetention($app, new Date(), null);
	$app.logger().info('retention: nightly run', 'result', JSON.stringify(result));
});

routerAdd(
	'POST',
	'/api/krachtkaart/retention/run',
	(e) => {
		const auth = e.auth;
		const superuser = auth.isSuperuser();
		if (!superuser && auth.getString('role') !== 'admin') {
			throw new ForbiddenError('Alleen beheerders passen de bewaartermijn toe.');
		}
		const body = e.requestInfo().body || {};
		let now = Date.now();
		if (body.now !== undefined && body.now !== null && body.now !== '') {
			if (!superuser) {
				throw new ForbiddenError('Alleen een superuser kan de klok verzetten (voor tests).');
			}
			now = require(`${__hooks}/lib/consent.js`).parseDate(String(body.now));
			if (isNaN(now)) {
				const message = 'now: een datum als JJJJ-MM-DD of ISO 8601.';
				throw new BadRequestError(message, { now: new ValidationError('invalid', message) });
			}
		}
		const result = require(`${__hooks}/lib/retention.js`).runRetention(e.app, now, auth);
		return e.json(200, result);
	},
	$apis.requireAuth('users', '_superusers')
);
