/// <reference path="../pb_data/types.d.ts" />
// Listening rounds, their questions and walk lists (lib/rounds.js; src/lib/rounds/README.md):
// what the API rules (lib/area-rules.js) cannot say. Request hooks, so they hold for app users
// and superusers' API requests alike; a coordinator's round must lie wholly in her areas, and a
// worker only checks a list out or gives it back. Besides, in no fixed order: `createdBy` and
// relations within her areas (records.pb.js). A talk's answers: conversations.pb.js.

onRecordCreateRequest(
	(e) => {
		const rounds = require(`${__hooks}/lib/rounds.js`);
		rounds.requireRoundWithinAreas(e.app, e.auth, [e.record]);
		const name = e.record.collection().name;
		if (name === 'rounds') rounds.refuse(rounds.roundProblems(e.record));
		if (name === 'round_questions') rounds.refuse(rounds.questionProblems(e.app, e.record));
		if (name === 'walk_lists') {
			rounds.refuse(rounds.listProblems(e.app, e.record));
			// Made free: checked out only through an update with { checkOut: true }.
			if (e.auth && e.auth.collection().name === 'users') {
				e.record.set('checkedOutBy', '');
				e.record.set('checkedOutAt', '');
			}
		}
		e.next();
	},
	'rounds',
	'round_questions',
	'walk_lists'
);

onRecordUpdateRequest(
	(e) => {
		const rounds = require(`${__hooks}/lib/rounds.js`);
		const name = e.record.collection().name;
		// A worker's change of a list first: it names the field she may not change.
		if (name === 'walk_lists') rounds.decideListUpdate(e);
		rounds.requireRoundWithinAreas(e.app, e.auth, [e.record.original(), e.record]);
		if (name === 'rounds') rounds.refuse(rounds.roundProblems(e.record));
		if (name === 'round_questions') rounds.refuse(rounds.questionProblems(e.app, e.record));
		if (name === 'walk_lists') rounds.refuse(rounds.listProblems(e.app, e.record));
		e.next();
	},
	'rounds',
	'round_questions',
	'walk_lists'
);

onRecordDeleteRequest(
	(e) => {
		require(`${__hooks}/lib/rounds.js`).requireRoundWithinAreas(e.app, e.auth, [e.record]);
		e.next();
	},
	'rounds',
	'round_questions',
	'walk_lists'
);

// The rounds of her areas as anyone signed in may see them, viewers too:
// GET /api/krachtkaart/rounds/summary (optional `areas=<id>,<id>`: rounds with an area in or
// below one of them). Per round its name, period, status, themes, questions and door count, and
// once it has ended and settled, counts with the min-5 rule (lib/round-summary.js says which and
// why). Every role gets the same aggregates, with no conversation, note, person, worker or text,
// so nothing personal is read out and no audit entry is written. Refusals come before any query:
// not signed in 401, no role 403, a bad `areas` 400 naming it.
routerAdd(
	'GET',
	'/api/krachtkaart/rounds/summary',
	(e) => {
		const summary = require(`${__hooks}/lib/round-summary.js`);
		const superuser = e.auth.isSuperuser();
		const role = superuser ? '' : e.auth.getString('role');
		if (!superuser && ['admin', 'coordinator', 'worker', 'viewer'].indexOf(role) < 0) {
			throw new ForbiddenError('Alleen gebruikers met een rol zien de rondes.');
		}
		const asked = summary.parseAreas(String(e.request.url.query().get('areas') || ''));
		return e.json(
			200,
			summary.roundSummaries(e.app, {
				everything: superuser || role === 'admin',
				mine: superuser ? [] : e.auth.getStringSlice('areas'),
				asked,
				now: Date.now()
			})
		);
	},
	$apis.requireAuth('users', '_superusers')
);
