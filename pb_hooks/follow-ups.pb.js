/// <reference path="../pb_data/types.d.ts" />
// Follow-ups: who made one, and who ticked it off when, are the server's to say for app users;
// superusers (imports, the demo) may set them as they are. (Handlers run in VMs of their own and
// see nothing declared outside them.) A follow-up made with a conversation is written by its
// growth (conversations.pb.js, lib/conversation-growth.js), not through these request hooks.
// Also run on a follow-up: records.pb.js (createdBy, relations within her areas),
// field-access.pb.js (pb_hooks/README.md has the table).

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
