/// <reference path="../pb_data/types.d.ts" />
// Location precision, by the server: an asset at `street` or `area` precision reaches those who may
// not see its stored point (viewers) only at its `publicLocation` (lib/precision.js), by every
// route: view, list, expand, realtime (all go through onRecordEnrich) and the map snapshot
// (lib/map-snapshot.js, which bypasses enrich). Filters and sorts that could find a stored point
// are refused for them. tests/integration/precision.test.ts proves it per role and precision.

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

// Every record response (view, list, create, update, batch), expanded assets and realtime messages.
onRecordEnrich((e) => {
	const precision = require(`${__hooks}/lib/precision.js`);
	if (!precision.seesExactPoint(e.requestInfo && e.requestInfo.auth)) precision.coarsen(e.record);
	e.next();
}, 'assets');

// Any collection: relations, back-relations and @collection reach assets from everywhere. The
// query has run by now, but its answer is never sent.
onRecordsListRequest((e) => {
	const precision = require(`${__hooks}/lib/precision.js`);
	if (!precision.seesExactPoint(e.auth)) {
		const query = e.requestInfo().query;
		const refused = precision.refusal(e.collection.name, [query.filter || '', query.sort || '']);
		if (refused) throw new BadRequestError(refused);
	}
	e.next();
});

// A realtime subscription's filter decides which events arrive: the same question as a list's.
onRealtimeSubscribeRequest((e) => {
	const precision = require(`${__hooks}/lib/precision.js`);
	if (!precision.seesExactPoint(e.auth)) {
		for (const subscription of e.subscriptions) {
			const parts = precision.subscriptionFilters(subscription);
			const refused = parts
				? precision.refusal(parts.collection, parts.filters)
				: precision.REFUSED;
			if (refused) throw new BadRequestError(refused);
		}
	}
	e.next();
});
