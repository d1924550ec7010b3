/// <reference path="../pb_data/types.d.ts" />
// PocketBase's own backups of the whole data dir (docs/operations.md, "Backups"):
// - at start, KRACHTKAART_BACKUP_CRON and KRACHTKAART_BACKUP_KEEP_DAYS, when set, replace the
//   stored schedule (lib/backups.js); they are saved, so the dashboard shows what runs. Unset,
//   the stored one stays: the migration's default (daily at 03:00 UTC, 14 kept) or the dashboard's.
// - GET /api/krachtkaart/backups/latest  admins and superusers: the newest backup's name, time and
//   size (or null), and the schedule. Backups themselves are made, listed, downloaded and restored
//   through PocketBase's backups API and dashboard, by superusers only.

onBootstrap((e) => {
	e.next();
	const settings = e.app.settings();
	const wanted = require(`${__hooks}/lib/backups.js`).backupSchedule(
		{
			cron: $os.getenv('KRACHTKAART_BACKUP_CRON'),
			keepDays: $os.getenv('KRACHTKAART_BACKUP_KEEP_DAYS')
		},
		{ cron: settings.backups.cron, cronMaxKeep: settings.backups.cronMaxKeep }
	);
	for (const problem of wanted.problems) e.app.logger().warn(`Backups: ${problem}`);
	if (
		wanted.cron === settings.backups.cron &&
		wanted.cronMaxKeep === settings.backups.cronMaxKeep
	) {
		return;
	}
	settings.backups.cron = wanted.cron;
	settings.backups.cronMaxKeep = wanted.cronMaxKeep;
	try {
		e.app.save(settings);
	} catch (err) {
		// A cron expression PocketBase refuses: the stored schedule keeps running.
		e.app.reloadSettings();
		e.app.logger().error(`Backups: KRACHTKAART_BACKUP_CRON refused, schedule unchanged: ${err}`);
	}
});

routerAdd(
	'GET',
	'/api/krachtkaart/backups/latest',
	(e) => {
		if (!e.auth.isSuperuser() && e.auth.getString('role') !== 'admin') {
			throw new ForbiddenError('Alleen een beheerder ziet de back-ups.');
		}
		const latest = require(`${__hooks}/lib/health.js`).newestBackup(e.app);
		const backups = e.app.settings().backups;
		e.response.header().set('Cache-Control', 'no-store');
		return e.json(200, {
			latest: latest,
			cron: backups.cron,
			keep: backups.cronMaxKeep,
			s3: backups.s3.enabled
		});
	},
	$apis.requireAuth('users', '_superusers')
);
