/// <reference path="../pb_data/types.d.ts" />
// What every save of an address does, whoever makes it (the API, the dashboard, the demo): its
// point checked against its area before anything is written; then, in the save's transaction,
// `areas.addressCount` and the public points of the street assets on its street. Bulk imports
// write in SQL and do all three themselves (lib/import-addresses.js). Also run on an address:
// records.pb.js, field-access.pb.js, gaps.pb.js (pb_hooks/README.md has the table).

// Every point the server stores lies in the area it is filed under, or below it; without an area
// the buurt containing it is assigned (lib/area-of-point.js), before anything is written, for
// everyone (superusers' imports too). tests/integration/multi-gemeente.test.ts proves it.
onRecordCreateRequest((e) => require(`${__hooks}/lib/area-of-point.js`).checkPlace(e), 'addresses');

onRecordUpdateRequest((e) => require(`${__hooks}/lib/area-of-point.js`).checkPlace(e), 'addresses');

// `areas.addressCount`: the addresses filed directly under an area (lib/address-counts.js).

onRecordCreate((e) => {
	require(`${__hooks}/lib/transaction.js`).inSaveTransaction(e, (txApp) => {
		e.next();
		require(`${__hooks}/lib/address-counts.js`).recountAddresses(txApp, [
			e.record.getString('area')
		]);
	});
}, 'addresses');

onRecordUpdate((e) => {
	const before = e.record.original().getString('area');
	const after = e.record.getString('area');
	if (before === after) return e.next();
	require(`${__hooks}/lib/transaction.js`).inSaveTransaction(e, (txApp) => {
		e.next();
		require(`${__hooks}/lib/address-counts.js`).recountAddresses(txApp, [before, after]);
	});
}, 'addresses');

onRecordDelete((e) => {
	const area = e.record.getString('area');
	require(`${__hooks}/lib/transaction.js`).inSaveTransaction(e, (txApp) => {
		e.next();
		require(`${__hooks}/lib/address-counts.js`).recountAddresses(txApp, [area]);
	});
}, 'addresses');

// An asset's `publicLocation` at street precision is its street's middle (lib/precision.js;
// assets.pb.js explains precision): the street assets concerned are recomputed in SQL, in the
// save's transaction, so no viewer ever gets a point from before the change once it is saved, and
// a failed save changes no asset.
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
