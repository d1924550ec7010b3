/// <reference path="../pb_data/types.d.ts" />
// The walk's snapshot: GET /api/krachtkaart/walk?areas=<id>,<id> returns the addresses in or under
// those areas and the visits made there that the caller may list (lib/walk-snapshot.js), gzipped
// when the browser accepts it. For field workers, coordinators and admins: viewers never read
// conversations. The read of visits is audited like a list of conversations.
routerAdd(
	'GET',
	'/api/krachtkaart/walk',
	(e) => {
		const asked = require(`${__hooks}/lib/area-param.js`).askedAreas(e);
		const superuser = e.auth.isSuperuser();
		const role = superuser ? '' : e.auth.getString('role');
		if (!superuser && ['admin', 'coordinator', 'worker'].indexOf(role) < 0) {
			throw new ForbiddenError('Alleen buurtwerkers, coördinatoren en beheerders lopen rondes.');
		}
		const snapshot = require(`${__hooks}/lib/walk-snapshot.js`).walkSnapshotJson(e.app, {
			everything: superuser || role === 'admin',
			mine: superuser ? [] : e.auth.getStringSlice('areas'),
			asked
		});
		if (snapshot.visits > 0) {
			require(`${__hooks}/lib/audit.js`).writeAudit(e.app, {
				auth: e.auth,
				action: 'list',
				collection: 'conversations',
				details: { route: 'walk', areas: asked, count: snapshot.visits }
			});
		}
		e.response.header().set('Content-Type', 'application/json');
		return e.string(200, snapshot.body);
	},
	$apis.requireAuth('users', '_superusers'),
	$apis.gzip()
);
