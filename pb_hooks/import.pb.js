/// <reference path="../pb_data/types.d.ts" />
// Bulk imports of addresses, areas and assets for admins (everywhere), and of addresses and
// assets for coordinators (their own areas), from the page
// /beheer/import and `npm run import` (lib/import.js explains the protocol):
//   POST /api/krachtkaart/import/{kind}/chunk   { job, seq, rows }        → { job, chunks, rows }
//   POST /api/krachtkaart/import/{kind}/commit  { job, dryRun, skipOutside } → counts (200), or
//        the rows that are wrong (422) and nothing written
// The role is checked before the body is read.

routerAdd(
	'POST',
	'/api/krachtkaart/import/{kind}/chunk',
	(e) => {
		const lib = require(`${__hooks}/lib/import.js`);
		const who = lib.importer(e);
		const kind = e.request.pathValue('kind');
		lib.requireKind(kind, who);
		return e.json(200, lib.stageChunk(who, kind, e.requestInfo().body));
	},
	$apis.requireAuth('users', '_superusers')
);

routerAdd(
	'POST',
	'/api/krachtkaart/import/{kind}/commit',
	(e) => {
		const lib = require(`${__hooks}/lib/import.js`);
		const who = lib.importer(e);
		const kind = e.request.pathValue('kind');
		lib.requireKind(kind, who);
		const body = e.requestInfo().body || {};
		const rows = lib.takeRows(who, kind, body.job);
		const options = { dryRun: body.dryRun === true, skipOutside: body.skipOutside === true };
		const result =
			kind === 'areas'
				? require(`${__hooks}/lib/import-areas.js`).importAreas(e.app, e.auth, rows, options)
				: kind === 'assets'
					? require(`${__hooks}/lib/import-assets.js`).importAssets(
							e.app,
							who,
							e.auth,
							rows,
							options
						)
					: require(`${__hooks}/lib/import-addresses.js`).importAddresses(
							e.app,
							who,
							e.auth,
							rows,
							options
						);
		return e.json(result.ok ? 200 : 422, result);
	},
	$apis.requireAuth('users', '_superusers')
);
