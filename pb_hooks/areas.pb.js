/// <reference path="../pb_data/types.d.ts" />
// What every save of an area does, whoever makes it (the API, imports, the setup, the demo).
// Also run on an area: records.pb.js (a custom area's parent within her areas),
// field-access.pb.js, gaps.pb.js (pb_hooks/README.md has the table).

// Area geometries must be valid GeoJSON polygons: checked on every save (API, imports, hooks),
// so a bad row never half-writes a broken shape that the map cannot draw.
onRecordValidate((e) => {
	const raw = e.record.get('geometry');
	// JSON fields come back as raw bytes; parse them the way the API would return them.
	const geometry =
		raw === null || raw === undefined || raw === '' ? null : JSON.parse(toString(raw));
	const problem = require(`${__hooks}/lib/geometry.js`).geometryProblem(geometry);
	if (problem) {
		throw new BadRequestError('Ongeldige geometrie / invalid geometry', {
			geometry: new ValidationError('invalid_geometry', problem)
		});
	}
	e.next();
}, 'areas');

// The area geometries every stored point is checked against (addresses.pb.js, assets.pb.js,
// conversations.pb.js; cached by lib/area-of-point.js) go stale with any change of an area: inside
// the transaction (for the checks later in it) and once it is committed or rolled back (for every
// other request).
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

// What an asset's `publicLocation` was computed from (lib/precision.js; assets.pb.js explains
// precision): an area's box (area precision), and its parent, which decides which areas lie
// directly below another (a street's middle counts the addresses there). The assets concerned are
// recomputed in SQL, in the save's transaction, when the shape or the parent changes.
onRecordUpdate((e) => {
	const original = e.record.original();
	const reshaped = e.record.getString('geometry') !== original.getString('geometry');
	const parents = [original.getString('parent'), e.record.getString('parent')];
	const moved = parents[0] !== parents[1];
	if (!reshaped && !moved) return e.next();
	require(`${__hooks}/lib/transaction.js`).inSaveTransaction(e, (txApp) => {
		e.next();
		const precision = require(`${__hooks}/lib/precision.js`);
		if (reshaped) precision.refreshAreaPoints(txApp, e.record.id);
		// Its streets now count for the new parent's street assets, no longer for the old one's.
		if (moved) precision.refreshStreetPoints(txApp, { areas: parents, withParents: false });
	});
}, 'areas');
