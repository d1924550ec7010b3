/// <reference path="../pb_data/types.d.ts" />
// Finding residents (lib/people-search.js):
//   POST /api/krachtkaart/people/search  { "query": "fatima dreef" }  → { items: PersonHit[] }
// The text travels in the body, so it never reaches a URL, the request log or a proxy's log. The
// answer is what the `people` list rule lets the caller list (workers and coordinators: their
// areas; admins: everyone; viewers: no one), audited as a `list` of people like the records API's
// lists (audit.pb.js), at most SEARCHES_PER_MINUTE per account.

routerAdd(
	'POST',
	'/api/krachtkaart/people/search',
	(e) => {
		const lib = require(`${__hooks}/lib/people-search.js`);
		const { writeAudit } = require(`${__hooks}/lib/audit.js`);
		const body = e.requestInfo().body || {};
		const query = body.query;
		if (typeof query !== 'string' || query.length > lib.MAX_QUERY_LENGTH) {
			const message = `query: tekst van hoogstens ${lib.MAX_QUERY_LENGTH} tekens.`;
			throw new BadRequestError(message, { query: new ValidationError('invalid', message) });
		}
		if (!lib.allowSearch(e.auth, Date.now())) {
			throw new TooManyRequestsError('Te veel zoekopdrachten; probeer het over een minuut weer.');
		}
		const result = lib.searchPeople(e.app, e, query);
		if (result.items.length > 0) {
			writeAudit(e.app, {
				auth: e.auth,
				action: 'list',
				collection: 'people',
				details: {
					ids: result.items.slice(0, 500).map((p) => p.id),
					count: result.items.length,
					via: 'search'
				}
			});
		}
		// Personal data: never kept by a browser or proxy cache.
		e.response.header().set('Cache-Control', 'no-store');
		return e.json(200, result);
	},
	$apis.requireAuth('users', '_superusers')
);
