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
