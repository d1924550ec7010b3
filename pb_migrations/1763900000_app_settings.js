/// <reference path="../pb_data/types.d.ts" />
// App-wide settings: name, batch API (used by imports and the offline outbox), no IPs in logs.
migrate(
	(app) => {
		const settings = app.settings();
		settings.meta.appName = 'Krachtkaart';
		settings.batch.enabled = true;
		settings.batch.maxRequests = 200;
		settings.batch.timeout = 10;
		// Request logs keep no IP addresses: residents' and workers' IPs are personal data.
		settings.logs.logIP = false;
		app.save(settings);
	},
	(app) => {
		const settings = app.settings();
		settings.meta.appName = 'Acme';
		settings.batch.enabled = false;
		settings.logs.logIP = true;
		app.save(settings);
	}
);
