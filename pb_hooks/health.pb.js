/// <reference path="../pb_data/types.d.ts" />
// GET /api/krachtkaart/health  admins and superusers: the server's health (lib/health.js): the
// data dir's disk, the database files' sizes, the newest backup, the conversations refused in the
// last day and the last retention run. Anyone else is refused before anything is read.

routerAdd(
	'GET',
	'/api/krachtkaart/health',
	(e) => {
		if (!e.auth.isSuperuser() && e.auth.getString('role') !== 'admin') {
			throw new ForbiddenError('Alleen een beheerder ziet de status van de server.');
		}
		const health = require(`${__hooks}/lib/health.js`).serverHealth(e.app, Date.now());
		e.response.header().set('Cache-Control', 'no-store');
		return e.json(200, health);
	},
	$apis.requireAuth('users', '_superusers')
);
