/// <reference path="../pb_data/types.d.ts" />
// Everything the server does when a conversation is saved. Handlers of one event run in the
// order they were registered and files load in no fixed order (pb_hooks/README.md), so the order
// that matters is this file's:
//   create request  1. its point lies in its area, or it gets the door's area (first, here)
//                   2. the checks, then the talk and what grows from it, in one transaction (here)
//                   besides, in no fixed order: its audit entry, in the same transaction
//                   (audit.pb.js: whichever starts it, the other joins it)
//   update request  1. its point lies in its area (first, here)
//                   2. a changed walk list, answers, door or outcome checked (lib/rounds.js);
//                      no resident data; the distance kept or recomputed (here)
//                   besides: relations within her areas (records.pb.js), its audit entry
//                   (audit.pb.js)
//   view, list, delete request: its audit entry (audit.pb.js)
//   every response: what her role does not get is dropped (field-access.pb.js)
//   after a committed save or delete: the gap analysis's cached answers go stale (gaps.pb.js)
// What grows is saved with txApp.save, so the model hooks of people, assets, links and follow_ups
// run for it (assets.pb.js: an asset's public point), their request hooks do not.
//
// A conversation adds to the map (lib/conversation-growth.js): the person, the resident's
// capacity and key-figure assets, links to the initiatives it was connected to and its follow-up
// are written in the same transaction as the conversation, so a refused or failed one leaves
// nothing behind and a resend of the same id (offline outbox) is refused before anything grows.
// The consent rules hold for everyone, superusers included.

// Every point the server stores lies in the area it is filed under, or below it; without an area
// a talk at a door gets the door's area (lib/area-of-point.js). First, so what follows reads the
// area the talk ends up with. tests/integration/multi-gemeente.test.ts proves it.
onRecordCreateRequest(
	(e) => require(`${__hooks}/lib/area-of-point.js`).checkPlace(e),
	'conversations'
);

onRecordUpdateRequest(
	(e) => require(`${__hooks}/lib/area-of-point.js`).checkPlace(e),
	'conversations'
);

onRecordCreateRequest((e) => {
	const growth = require(`${__hooks}/lib/conversation-growth.js`);
	const errors = growth.checkExtras(e.app, e.record);
	const auth = e.auth;
	const appUser = auth && auth.collection().name === 'users';
	// Every relation (connectTo, person, address, worker, area) within her areas (lib/areas.js),
	// checked here before anything grows; answered with the talk's other errors.
	const areas = require(`${__hooks}/lib/areas.js`);
	Object.assign(errors, areas.relationsOutsideAreas(e));
	// A listening round's walk list and answers (lib/rounds.js), with the talk's other errors.
	const answerErrors = require(`${__hooks}/lib/rounds.js`).answerErrors(e.app, e.record, auth);
	for (const field in answerErrors) if (!errors[field]) errors[field] = answerErrors[field];
	// So is the follow-up's assignee: a colleague in her areas.
	const followUp =
		appUser && !errors.followUp ? JSON.parse(e.record.getString('followUp') || 'null') : null;
	if (followUp && followUp.assignee && auth.getString('role') !== 'admin') {
		// checkExtras found her.
		const other = e.app.findRecordById('users', String(followUp.assignee));
		if (!areas.isColleague(e.app, auth, other)) {
			errors.followUp = {
				code: 'outside_areas',
				message:
					'Wijst naar iets buiten je eigen gebieden: followUp.assignee / followUp.assignee points outside your own areas'
			};
		}
	}
	const fields = Object.keys(errors);
	if (fields.length > 0) {
		// As ValidationErrors, so the API answers { field: { code, message } } as for its own checks.
		const data = {};
		for (const field of fields) {
			data[field] = new ValidationError(errors[field].code, errors[field].message);
		}
		throw new BadRequestError(errors[fields[0]].message, data);
	}
	growth.setDistance(e.app, e.record);
	// Superusers (imports, the demo) write the people, assets and follow-ups themselves.
	if (!appUser) {
		e.record.set('resident', null);
		e.next();
		return;
	}

	const authorId = auth.id;
	require(`${__hooks}/lib/transaction.js`).inSaveTransaction(e, (txApp) => {
		const person = growth.createPerson(txApp, e.record, authorId);
		e.next();
		// What grows points back at the conversation (sourceConversation, conversation).
		growth.grow(txApp, e.record, person, authorId);
		if (person) {
			const { writeAudit } = require(`${__hooks}/lib/audit.js`);
			writeAudit(txApp, { auth: auth, action: 'create', collection: 'people', id: person.id });
		}
	});
}, 'conversations');

// The walk's resident data never comes back through an update either. A changed list, answers,
// door or outcome is checked as on create (lib/rounds.js).
onRecordUpdateRequest((e) => {
	const original = e.record.original();
	const roundFields = ['walkList', 'answers', 'address', 'outcome'];
	if (
		roundFields.some((f) => JSON.stringify(e.record.get(f)) !== JSON.stringify(original.get(f)))
	) {
		const rounds = require(`${__hooks}/lib/rounds.js`);
		rounds.refuse(rounds.answerErrors(e.app, e.record, e.auth));
	}
	e.record.set('resident', null);
	e.record.set('distanceFromAddress', original.get('distanceFromAddress'));
	e.record.set('farFromAddress', original.get('farFromAddress'));
	if (
		JSON.stringify(e.record.get('location')) !== JSON.stringify(original.get('location')) ||
		e.record.getString('address') !== original.getString('address')
	) {
		require(`${__hooks}/lib/conversation-growth.js`).setDistance(e.app, e.record);
	}
	e.next();
}, 'conversations');
