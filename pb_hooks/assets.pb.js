/// <reference path="../pb_data/types.d.ts" />
// What every save and every response of an asset does: its area checked, its street, its
// freshness stamp, its public point for those who may not see the stored one; and the map's
// snapshot route. Also run on an asset: records.pb.js (createdBy, relations within her areas),
// field-access.pb.js, gaps.pb.js (pb_hooks/README.md has the table). The public points follow
// addresses and areas too: addresses.pb.js, areas.pb.js.

// Every point the server stores lies in the area it is filed under, or below it; without an area
// the buurt containing it is assigned (lib/area-of-point.js), before anything is written, for
// everyone (superusers' imports too). First of this file's request hooks, so the street is found in
// the area the asset ends up with. tests/integration/multi-gemeente.test.ts proves it.
onRecordCreateRequest((e) => require(`${__hooks}/lib/area-of-point.js`).checkPlace(e), 'assets');

onRecordUpdateRequest((e) => require(`${__hooks}/lib/area-of-point.js`).checkPlace(e), 'assets');

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

// Location precision, by the server: an asset at `street` or `area` precision reaches those who may
// not see its stored point (viewers) only at its `publicLocation` (lib/precision.js), by every
// route: view, list and realtime (the hooks below), expand (refused to them) and the map snapshot
// (lib/map-snapshot.js). Filters and sorts that could find a stored point
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

// Once per request, not per record (lib/asset-view.js says why): a list's page, a view, a realtime
// message. Create, update and batch answer only those who may write assets, who get them as
// stored; expanding into assets is refused to those who do not (lib/field-access.js
// expandRefusal), so no other way reaches them.
onRecordsListRequest((e) => {
	require(`${__hooks}/lib/asset-view.js`).protectAssets(e.auth, e.records);
	e.next();
}, 'assets');

onRecordViewRequest((e) => {
	require(`${__hooks}/lib/asset-view.js`).protectAssets(e.auth, [e.record]);
	e.next();
}, 'assets');

onRealtimeMessageSend((e) => {
	const view = require(`${__hooks}/lib/asset-view.js`);
	if (view.isAssetTopic(e.app, e.message.name)) {
		const changed = view.protectAssetMessage(e.app, e.client.get('auth'), toString(e.message.data));
		if (changed !== null) e.message.data = toBytes(changed);
	}
	e.next();
});

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
