/// <reference path="../pb_data/types.d.ts" />
// Location precision, by the server: an asset at `street` or `area` precision reaches those who may
// not see its stored point (viewers) only at its `publicLocation` (lib/precision.js), by every
// route: view, list, expand, realtime (all go through onRecordEnrich) and the map snapshot
// (lib/map-snapshot.js, which bypasses enrich). Filters and sorts that could find a stored point
// are refused for them by the field-access guard (lib/field-access.js: a viewer gets `location`
// and `street` of assets 'coarse'). tests/integration/precision.test.ts proves it per role and
// precision.

// `publicLocation` follows every save, whoever makes it (the API, a conversation's growth, imports).
// The field is hidden: PocketBase drops it from the bodies of anyone but superusers.
onRecordCreate((e) => {
	const precision = require(`${__hooks}/lib/precision.js`);
	if (precision.needsPublicLocation(e.record, true)) precision.setPublicLocation(e.app, e.record);
	e.next();
}, 'assets');

onRecordUpdate((e) => {
	const precision = require(`${__hooks}/lib/precision.js`);
	if (precision.needsPublicLocation(e.record, false)) precision.setPublicLocation(e.app, e.record);
	e.next();
}, 'assets');

// What `publicLocation` was computed from changes elsewhere: an address (a street's middle) or an
// area (its box; its parent decides which areas lie directly below another). The assets concerned
// are recomputed in SQL (lib/precision.js), in the save's transaction, so no viewer ever gets a
// point from before the change once it is saved, and a failed save changes no asset.
onRecordCreate((e) => {
	require(`${__hooks}/lib/transaction.js`).inSaveTransaction(e, (txApp) => {
		e.next();
		require(`${__hooks}/lib/precision.js`).refreshStreetPoints(txApp, {
			street: e.record.getString('street'),
			areas: [e.record.getString('area')],
			withParents: true
		});
	});
}, 'addresses');

onRecordUpdate((e) => {
	const original = e.record.original();
	const before = { street: original.getString('street'), area: original.getString('area') };
	const after = { street: e.record.getString('street'), area: e.record.getString('area') };
	const moved =
		JSON.stringify(e.record.get('location')) !== JSON.stringify(original.get('location'));
	if (!moved && before.street === after.street && before.area === after.area) return e.next();
	require(`${__hooks}/lib/transaction.js`).inSaveTransaction(e, (txApp) => {
		e.next();
		const { refreshStreetPoints } = require(`${__hooks}/lib/precision.js`);
		refreshStreetPoints(txApp, { street: before.street, areas: [before.area], withParents: true });
		if (before.street !== after.street || before.area !== after.area) {
			refreshStreetPoints(txApp, { street: after.street, areas: [after.area], withParents: true });
		}
	});
}, 'addresses');

onRecordDelete((e) => {
	const street = e.record.getString('street');
	const area = e.record.getString('area');
	require(`${__hooks}/lib/transaction.js`).inSaveTransaction(e, (txApp) => {
		e.next();
		require(`${__hooks}/lib/precision.js`).refreshStreetPoints(txApp, {
			street: street,
			areas: [area],
			withParents: true
		});
	});
}, 'addresses');

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

// Every record response (view, list, create, update, batch), expanded assets and realtime messages.
onRecordEnrich((e) => {
	const precision = require(`${__hooks}/lib/precision.js`);
	if (!precision.seesExactPoint(e.requestInfo && e.requestInfo.auth)) precision.coarsen(e.record);
	e.next();
}, 'assets');
