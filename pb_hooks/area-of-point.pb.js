/// <reference path="../pb_data/types.d.ts" />
// Every point the server stores lies in the area it is filed under, or below it; without an area
// the buurt containing it is assigned (lib/area-of-point.js). Checked on every create and on every
// update that moves the point or changes the area, for everyone (superusers' imports too), before
// the other hooks of these collections run (this file loads first) and before anything is written.
// tests/integration/multi-gemeente.test.ts proves it.

onRecordCreateRequest(
	(e) => {
		require(`${__hooks}/lib/area-of-point.js`).refuseMisplaced(e.app, e.record);
		e.next();
	},
	'addresses',
	'assets',
	'conversations'
);

onRecordUpdateRequest(
	(e) => {
		require(`${__hooks}/lib/area-of-point.js`).refuseMisplaced(e.app, e.record);
		e.next();
	},
	'addresses',
	'assets',
	'conversations'
);

// The cached area geometries go stale with any change of an area: inside the transaction (for
// the checks later in it) and once it is committed or rolled back (for every other request).
const bumpAreas = (e) => {
	const { bumpAreaVersion } = require(`${__hooks}/lib/area-of-point.js`);
	bumpAreaVersion();
	e.next();
	bumpAreaVersion();
};
onRecordCreate(bumpAreas, 'areas');
onRecordUpdate(bumpAreas, 'areas');
onRecordDelete(bumpAreas, 'areas');
onRecordAfterCreateSuccess(bumpAreas, 'areas');
onRecordAfterUpdateSuccess(bumpAreas, 'areas');
onRecordAfterDeleteSuccess(bumpAreas, 'areas');
onRecordAfterCreateError(bumpAreas, 'areas');
onRecordAfterUpdateError(bumpAreas, 'areas');
onRecordAfterDeleteError(bumpAreas, 'areas');
