/// <reference path="../pb_data/types.d.ts" />
// Field access by role (lib/field-access.js, one table): what a role does not get leaves every
// record response (view, list, create, update, batch, expand, realtime), and it cannot be asked
// about in a realtime subscription's filter either. List filters and sorts are checked before
// any query runs, by the security middleware (pb_hooks/security.pb.js).
// tests/integration/field-access.test.ts walks the table per role.

// Bound to the collections of the table, read when the hooks are registered: for any other one
// droppedFields drops nothing. The table names every collection of the app and `users` (the test
// 'names every field of every collection of the app' fails for one it misses), so none goes
// without.
// Assets are changed once per request instead (assets.pb.js, lib/asset-view.js): a JS hook per
// record costs about half a millisecond, seconds for a city's list.
const FIELD_ACCESS_COLLECTIONS = (() => {
	const access = require(`${__hooks}/lib/field-access.js`);
	return Object.keys(access.FIELDS).filter((c) => access.CHANGED_PER_REQUEST.indexOf(c) < 0);
})();

onRecordEnrich(
	(e) => {
		const auth = e.requestInfo && e.requestInfo.auth;
		if (!auth || auth.collection().name !== 'users') return e.next();
		const record = e.record;
		const dropped = require(`${__hooks}/lib/field-access.js`).droppedFields(
			record.collection().name,
			auth.getString('role'),
			(field) => record.getString(field),
			auth.id
		);
		for (const field of dropped) record.hide(field);
		e.next();
		// Expanded after the enrich hooks ran: a dropped relation takes its expanded records along.
		if (dropped.length === 0) return;
		const expand = record.expand();
		const kept = {};
		let removed = false;
		for (const key in expand) {
			if (dropped.indexOf(key) >= 0) removed = true;
			else kept[key] = expand[key];
		}
		if (removed) record.setExpand(kept);
	},
	...FIELD_ACCESS_COLLECTIONS
);

// A subscription's filter decides which events arrive: the same question as a list's, refused
// when it is sent, before any event is matched.
onRealtimeSubscribeRequest((e) => {
	const auth = e.auth;
	if (!auth || !auth.isSuperuser()) {
		const access = require(`${__hooks}/lib/field-access.js`);
		const { schemaField, userOf } = require(`${__hooks}/lib/field-access-guard.js`);
		for (const subscription of e.subscriptions) {
			const parts = access.subscriptionFilters(subscription);
			if (!parts) throw new BadRequestError(access.REFUSAL.syntax(1));
			const query = { filter: parts.filters.join(' && '), expand: parts.expands.join(',') };
			const refused = access.queryRefusal(userOf(auth), parts.collection, query, schemaField);
			if (refused) throw new BadRequestError(refused);
		}
	}
	e.next();
});
