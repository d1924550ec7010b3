/// <reference path="../pb_data/types.d.ts" />
// Street: the server sets `street` from the location and area on create and move (lib/streets.js);
// walks go street by street, so stale assets are found on the next walk down their street.
//
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
	require(`${__hooks}/lib/streets.js`).setStreet(e.app, e.record);
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
	const original = e.record.original();
	const moved =
		JSON.stringify(e.record.get('location')) !== JSON.stringify(original.get('location')) ||
		e.record.getString('area') !== original.getString('area');
	if (moved) {
		require(`${__hooks}/lib/streets.js`).setStreet(e.app, e.record);
	} else {
		// The street follows the location; what a client sends for it is ignored.
		e.record.set('street', original.getString('street'));
	}
	e.next();
}, 'assets');

// The map's snapshot: GET /api/krachtkaart/map?areas=<id>,<id> returns the assets in or under
// those areas that the caller may list, and their links (see lib/map-snapshot.js), gzipped when
// the browser accepts it (20,000 assets: about 9 MB, 1 MB gzipped).
routerAdd(
	'GET',
	'/api/krachtkaart/map',
	(e) => {
		const asked = require(`${__hooks}/lib/area-param.js`).askedAreas(e);
		const superuser = e.auth.isSuperuser();
		const role = superuser ? '' : e.auth.getString('role');
		const body = require(`${__hooks}/lib/map-snapshot.js`).mapSnapshotJson(e.app, {
			everything: superuser || role === 'admin',
			mine: superuser ? [] : e.auth.getStringSlice('areas'),
			asked,
			exact: require(`${__hooks}/lib/precision.js`).seesExactPoint(e.auth)
		});
		e.response.header().set('Content-Type', 'application/json');
		return e.string(200, body);
	},
	$apis.requireAuth('users', '_superusers'),
	$apis.gzip()
);
