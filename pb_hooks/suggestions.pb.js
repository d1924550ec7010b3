/// <reference path="../pb_data/types.d.ts" />
// Suggested connections (lib/suggestions.js; src/lib/suggestions/README.md):
//   GET  /api/krachtkaart/suggestions              coordinators, workers: the open suggestions
//                                                  within their areas, with their evidence;
//                                                  viewers: { items: null, open } (null below 5)
//   POST /api/krachtkaart/suggestions/{id}/accept  coordinators: { assignee, due? } → a link and a
//                                                  follow-up for the assignee, in one transaction
//   POST /api/krachtkaart/suggestions/{id}/dismiss coordinators: never proposed again
//   POST /api/krachtkaart/suggestions/{id}/reopen  coordinators: undo either, while cheap
// Matching runs where the consent is: the list brings the stored suggestions in step with the
// records first. Refusals before any query: 401 signed out, 403 `suggestion_not_allowed`, 400
// `suggestion_invalid_id`, `suggestion_assignee_missing`, `suggestion_due_invalid`; then 404
// `suggestion_not_found` (also outside her areas), 409 `suggestion_decided`,
// `suggestion_not_decided`, `suggestion_no_consent`, `suggestion_follow_up_done`, 400
// `suggestion_assignee_outside`. Each decision is audited (update on connection_suggestions).

routerAdd(
	'GET',
	'/api/krachtkaart/suggestions',
	(e) => {
		const answer = require(`${__hooks}/lib/suggestions.js`).listFor(e.app, e.auth);
		e.response.header().set('Cache-Control', 'no-store');
		return e.json(200, answer);
	},
	$apis.requireAuth('users', '_superusers')
);

routerAdd(
	'POST',
	'/api/krachtkaart/suggestions/{id}/accept',
	(e) => {
		const suggestions = require(`${__hooks}/lib/suggestions.js`);
		const input = suggestions.parseDecision(e, 'accept');
		return e.json(200, suggestions.accept(e.app, input));
	},
	$apis.requireAuth('users', '_superusers')
);

routerAdd(
	'POST',
	'/api/krachtkaart/suggestions/{id}/dismiss',
	(e) => {
		const suggestions = require(`${__hooks}/lib/suggestions.js`);
		const input = suggestions.parseDecision(e, 'dismiss');
		return e.json(200, suggestions.dismiss(e.app, input));
	},
	$apis.requireAuth('users', '_superusers')
);

routerAdd(
	'POST',
	'/api/krachtkaart/suggestions/{id}/reopen',
	(e) => {
		const suggestions = require(`${__hooks}/lib/suggestions.js`);
		const input = suggestions.parseDecision(e, 'reopen');
		return e.json(200, suggestions.reopen(e.app, input));
	},
	$apis.requireAuth('users', '_superusers')
);
