/// <reference path="../pb_data/types.d.ts" />
// Server-assigned fields that the client must not choose, and relations that must stay within the
// user's areas (what a role may read of a record: field-access.pb.js), for every area-scoped
// collection alike. The collections come from the one table of area-scoped collections
// (lib/area-rules.js), read here when the hooks are registered. Each collection's own hooks are in
// its own file (pb_hooks/README.md has the table); these run before or after them, in no fixed
// order, so none of them depends on the other.
const { AREA_SCOPED } = require(`${__hooks}/lib/area-rules.js`);
const AREA_SCOPED_NAMES = Object.keys(AREA_SCOPED);
const WITH_CREATED_BY = AREA_SCOPED_NAMES.filter(
	(name) => AREA_SCOPED[name].authorship.indexOf('createdBy') >= 0
);

// `createdBy` is always the signed-in app user on create and stays what it was on update,
// whatever the client sent; superusers (imports, the demo) write it as given. The other
// authorship fields are stamped where they change: confirmedBy (assets.pb.js), doneBy
// (follow-ups.pb.js), revokedBy (resident-links.pb.js).
onRecordCreateRequest(
	(e) => {
		if (e.auth && e.auth.collection().name === 'users') {
			e.record.set('createdBy', e.auth.id);
		}
		e.next();
	},
	...WITH_CREATED_BY
);

onRecordUpdateRequest(
	(e) => {
		if (e.auth && e.auth.collection().name === 'users') {
			e.record.set('createdBy', e.record.original().getString('createdBy'));
		}
		e.next();
	},
	...WITH_CREATED_BY
);

// Every relation an app user writes stays within her areas (lib/areas.js): on create and update
// of every area-scoped collection, and of areas (a custom area's `parent`). Update rules see the
// stored record, so this is also what refuses moving a record into another area.
// A new conversation is checked by conversations.pb.js instead, before anything grows from it
// (hook files run in no fixed order), and answered with the talk's other errors (400).
onRecordCreateRequest(
	(e) => {
		require(`${__hooks}/lib/areas.js`).refuseRelationsOutsideAreas(e);
		e.next();
	},
	...AREA_SCOPED_NAMES.filter((name) => name !== 'conversations'),
	'areas'
);

onRecordUpdateRequest(
	(e) => {
		require(`${__hooks}/lib/areas.js`).refuseRelationsOutsideAreas(e);
		e.next();
	},
	...AREA_SCOPED_NAMES,
	'areas'
);
