/// <reference path="../pb_data/types.d.ts" />
// PocketBase makes backups of the whole data dir (pb_data/backups, or S3 when set in the
// dashboard) on a cron schedule, which is off by default. Krachtkaart turns it on: every day at
// 03:00 UTC, the 14 newest automatic backups kept, so two weeks back. A schedule an operator has
// already set stays. KRACHTKAART_BACKUP_CRON and KRACHTKAART_BACKUP_KEEP_DAYS change it at start
// (pb_hooks/backups.pb.js); docs/operations.md says how to restore.

migrate(
	(app) => {
		const settings = app.settings();
		if (settings.backups.cron) return;
		settings.backups.cron = '0 3 * * *';
		settings.backups.cronMaxKeep = 14;
		app.save(settings);
	},
	(app) => {
		// PocketBase's default (core/settings_model.go): no schedule, 3 kept.
		const settings = app.settings();
		settings.backups.cron = '';
		settings.backups.cronMaxKeep = 3;
		app.save(settings);
	}
);
