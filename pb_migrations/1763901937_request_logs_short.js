/// <reference path="../pb_data/types.d.ts" />
// PocketBase's request log (`_logs` in auxiliary.db) keeps every request's URL, method, status,
// referer and user agent. It is for finding faults, not for accountability (that is audit_log),
// so it is kept only briefly: three days, enough to look into a fault reported after a weekend.
// No IP addresses (as 1763900000_app_settings.js already set) and no user ids: together with a URL
// they say who worked where, which is personal data too. Residents' names no longer reach a URL
// (the people search is a POST, pb_hooks/people-search.pb.js); the entries of earlier searches,
// whose URLs held what was typed, are removed here.

const LOG_DAYS = 3;

migrate(
	(app) => {
		const settings = app.settings();
		settings.logs.maxDays = LOG_DAYS;
		settings.logs.logIP = false;
		settings.logs.logAuthId = false;
		app.save(settings);
		app
			.auxNonconcurrentDB()
			.newQuery(
				`DELETE FROM _logs WHERE json_extract(data, '$.url') LIKE '/api/collections/people/records%'`
			)
			.execute();
	},
	(app) => {
		// PocketBase's default (core/settings_model.go); IPs stay off, as 1763900000 wants.
		const settings = app.settings();
		settings.logs.maxDays = 5;
		app.save(settings);
	}
);
