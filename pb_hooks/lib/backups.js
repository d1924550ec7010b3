// The schedule of PocketBase's own backups (settings.backups: `cron`, `cronMaxKeep`) from the
// environment: KRACHTKAART_BACKUP_CRON (a cron expression in UTC, or "off") and
// KRACHTKAART_BACKUP_KEEP_DAYS (how many days of backups to keep). PocketBase keeps a number of
// automatic backups, not days, so the days become a count: days × backups a day. Only a schedule
// that runs every day can be counted that way; for any other (weekly, say) the days are kept as
// the count and a problem is reported. The default (daily at 03:00 UTC, 14 kept) is set once by
// pb_migrations/1763903500_backups_daily.js. No PocketBase global: the tests read it in Node.

/** How many values a cron field ("5", "1,13", "*", "*\/15", "0-6") takes out of `size`; null if unknown. */
function fieldCount(field, size) {
	if (field === '*') return size;
	const step = /^\*\/([0-9]+)$/.exec(field);
	if (step) return Number(step[1]) > 0 ? Math.ceil(size / Number(step[1])) : null;
	let count = 0;
	for (const part of field.split(',')) {
		const range = /^([0-9]+)(?:-([0-9]+))?$/.exec(part);
		if (!range) return null;
		count += range[2] === undefined ? 1 : Number(range[2]) - Number(range[1]) + 1;
	}
	return count > 0 ? count : null;
}

/** Backups a day of a cron expression that runs every day; null for any other schedule. */
function runsPerDay(cron) {
	const macro = { '@daily': 1, '@midnight': 1, '@hourly': 24 }[cron];
	if (macro) return macro;
	const fields = cron.trim().split(/\s+/);
	if (fields.length !== 5 || fields[2] !== '*' || fields[3] !== '*' || fields[4] !== '*') {
		return null;
	}
	const minutes = fieldCount(fields[0], 60);
	const hours = fieldCount(fields[1], 24);
	return minutes && hours ? minutes * hours : null;
}

/**
 * The backups settings the environment asks for, given the stored ones: `{ cron, cronMaxKeep,
 * problems }`. An unset variable keeps what is stored (the migration's default or the dashboard's
 * choice); a bad value keeps it too and says why in `problems`.
 */
function backupSchedule(env, stored) {
	const problems = [];
	let cron = stored.cron;
	const wantedCron = (env.cron || '').trim();
	if (wantedCron === 'off') cron = '';
	else if (wantedCron) cron = wantedCron;

	let cronMaxKeep = stored.cronMaxKeep;
	const days = (env.keepDays || '').trim();
	if (days && !/^[1-9][0-9]{0,3}$/.test(days)) {
		problems.push(`KRACHTKAART_BACKUP_KEEP_DAYS=${days} is not a number of days from 1 to 9999`);
	} else if (days && cron) {
		const perDay = runsPerDay(cron);
		if (perDay === null) {
			problems.push(
				`the backup schedule "${cron}" does not run every day: ` +
					`KRACHTKAART_BACKUP_KEEP_DAYS=${days} keeps ${days} backups`
			);
		}
		cronMaxKeep = Number(days) * (perDay || 1);
	}
	return { cron, cronMaxKeep, problems };
}

module.exports = { backupSchedule, runsPerDay };
