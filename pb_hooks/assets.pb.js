/// <reference path="../pb_data/types.d.ts" />
// Freshness: the server stamps `confirmedAt`/`confirmedBy` for app users; what a client sends for
// them is overwritten. Superusers (imports, the demo seeder) may set them as they are.
//
// Confirming is a plain update with `{ confirm: true }` in the body. PocketBase ignores body keys
// that are not fields (forms.RecordUpsert.Load sets only known fields) but keeps them in
// requestInfo().body, and the update rule decides who may confirm: no custom route to guard.

onRecordCreateRequest((e) => {
	if (e.auth && e.auth.collection().name === 'users') {
		require(`${__hooks}/lib/freshness.js`).stamp(e.record, e.auth.id);
	}
	e.next();
}, 'assets');

onRecordUpdateRequest((e) => {
	if (e.auth && e.auth.collection().name === 'users') {
		const freshness = require(`${__hooks}/lib/freshness.js`);
		const body = e.requestInfo().body || {};
		// A multipart form sends the flag as text.
		const confirm = body.confirm === true || body.confirm === 'true';
		if (confirm || freshness.contentChanged(e.record)) {
			freshness.stamp(e.record, e.auth.id);
		} else {
			freshness.keepStamp(e.record);
		}
	}
	e.next();
}, 'assets');
