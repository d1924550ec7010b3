/// <reference path="../pb_data/types.d.ts" />
// `areas.addressCount` follows every save of an address, whoever makes it (the API, the
// dashboard, the demo), in the save's transaction (lib/address-counts.js). Bulk imports write in
// SQL and recount themselves (lib/import-addresses.js).

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
