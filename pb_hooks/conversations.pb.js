/// <reference path="../pb_data/types.d.ts" />
// A conversation adds to the map (lib/conversation-growth.js): the person, the resident's
// capacity and key-figure assets, links to the initiatives it was connected to and its follow-up
// are written in the same transaction as the conversation, so a refused or failed one leaves
// nothing behind and a resend of the same id (offline outbox) is refused before anything grows.
// The consent rules hold for everyone, superusers included.

onRecordCreateRequest((e) => {
	const growth = require(`${__hooks}/lib/conversation-growth.js`);
	const errors = growth.checkExtras(e.app, e.record);
	const auth = e.auth;
	const appUser = auth && auth.collection().name === 'users';
	// A link may only point at assets in the user's own areas (as the links rule demands).
	if (appUser && auth.getString('role') !== 'admin') {
		const { isWithinAreas } = require(`${__hooks}/lib/areas.js`);
		const mine = auth.getStringSlice('areas');
		for (const id of e.record.getStringSlice('connectTo')) {
			let area = '';
			try {
				area = e.app.findRecordById('assets', id).getString('area');
			} catch {
				// Reported below like any asset outside her areas.
			}
			if (!area || !isWithinAreas(e.app, area, mine)) {
				errors.connectTo = {
					code: 'outside_areas',
					message: 'Je kunt alleen verbinden met krachten in je eigen gebieden.'
				};
			}
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

// The walk's resident data never comes back through an update either.
onRecordUpdateRequest((e) => {
	const original = e.record.original();
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

// Follow-ups: who made one, and who ticked it off when, are the server's to say for app users;
// superusers (imports, the demo) may set them as they are. (Handlers run in VMs of their own and
// see nothing declared outside them.)

onRecordCreateRequest((e) => {
	if (e.auth && e.auth.collection().name === 'users') {
		const done = e.record.getBool('done');
		e.record.set('createdBy', e.auth.id);
		e.record.set('doneAt', done ? new DateTime() : '');
		e.record.set('doneBy', done ? e.auth.id : '');
	}
	e.next();
}, 'follow_ups');

onRecordUpdateRequest((e) => {
	if (e.auth && e.auth.collection().name === 'users') {
		const original = e.record.original();
		e.record.set('createdBy', original.getString('createdBy'));
		const done = e.record.getBool('done');
		if (done !== original.getBool('done')) {
			e.record.set('doneAt', done ? new DateTime() : '');
			e.record.set('doneBy', done ? e.auth.id : '');
		} else {
			e.record.set('doneAt', original.get('doneAt'));
			e.record.set('doneBy', original.getString('doneBy'));
		}
	}
	e.next();
}, 'follow_ups');
