/// <reference path="../pb_data/types.d.ts" />
// The gap analysis's input: GET /api/krachtkaart/gaps?areas=<id>,<id>&from=YYYY-MM-DD&to=YYYY-MM-DD
// returns the doors of those areas with their visits, talks and themes in the period (default:
// the last 90 days, today included; for viewers the last complete quarter) and the one as long
// before it, and the assets and links
// there (lib/gap-input.js, the shape of src/lib/gaps/gap-input.ts), gzipped when the browser
// accepts it. Coordinators, workers and admins get a unit per door, counted from the
// conversations they may list, and their read is audited like a list of conversations. Viewers
// ask 1, 2 or 4 whole calendar quarters (anything else is a 400 before any query) and get streets
// and buurten of at least MIN_RESIDENTS residents in every quarter: counts only, no conversation,
// id, note, person or worker, so nothing personal is read for them and no audit entry is written.
// Answers are cached until the data changes (lib/gap-input.js); a cached read is audited too.
routerAdd(
	'GET',
	'/api/krachtkaart/gaps',
	(e) => {
		const asked = require(`${__hooks}/lib/area-param.js`).askedAreas(e);
		const query = e.request.url.query();
		const gaps = require(`${__hooks}/lib/gap-input.js`);
		const superuser = e.auth.isSuperuser();
		const role = superuser ? '' : e.auth.getString('role');
		if (!superuser && ['admin', 'coordinator', 'worker', 'viewer'].indexOf(role) < 0) {
			throw new ForbiddenError('Alleen gebruikers met een rol zien de witte vlekken.');
		}
		const aggregated = !superuser && role === 'viewer';
		// Viewers ask whole quarters only (lib/gap-input.js, VIEWER_UNITS says why); the rest any days.
		const period = (aggregated ? gaps.viewerPeriod : gaps.gapPeriod)(
			String(query.get('from') || ''),
			String(query.get('to') || ''),
			Date.now()
		);
		const input = gaps.cachedGapInputJson(e.app, {
			everything: superuser || role === 'admin',
			mine: superuser ? [] : e.auth.getStringSlice('areas'),
			asked,
			aggregated,
			exact: require(`${__hooks}/lib/precision.js`).seesExactPoint(e.auth),
			period
		});
		if (!aggregated && input.conversations > 0) {
			require(`${__hooks}/lib/audit.js`).writeAudit(e.app, {
				auth: e.auth,
				action: 'list',
				collection: 'conversations',
				details: { route: 'gaps', areas: asked, count: input.conversations }
			});
		}
		e.response.header().set('Content-Type', 'application/json');
		return e.string(200, input.body);
	},
	$apis.requireAuth('users', '_superusers'),
	$apis.gzip()
);

// Every committed change of what the gap input reads makes its cached answers stale.
const GAP_INPUT_TABLES = ['conversations', 'assets', 'links', 'addresses', 'areas'];
// One handler for the three: it only needs require and __hooks, as every hook's own VM has them.
const bumpGapVersion = (e) => {
	require(`${__hooks}/lib/gap-input.js`).bumpGapVersion();
	e.next();
};
onModelAfterCreateSuccess(bumpGapVersion, ...GAP_INPUT_TABLES);
onModelAfterUpdateSuccess(bumpGapVersion, ...GAP_INPUT_TABLES);
onModelAfterDeleteSuccess(bumpGapVersion, ...GAP_INPUT_TABLES);
