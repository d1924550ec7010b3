// The server's health as an admin sees it (GET /api/krachtkaart/health, pb_hooks/health.pb.js):
// the disk of the data dir, the database files' sizes, the newest backup, the conversations the
// server refused in the last day and the last retention run. Counts and sizes only: nothing
// personal leaves here. `parseDf` and `FAILED_SENDS_SQL` use no PocketBase global, so the tests
// read this file in Node too; the rest takes the app as an argument.

/** A day in ms: "the last day" of failed sends. */
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The free and total bytes of `df -Pk`'s answer (POSIX format, 1024-byte blocks): its second
 * line is "filesystem blocks used available capacity mountpoint". null when it says otherwise.
 * PocketBase's JS VM has no statfs, so the hook asks `df` (absent in a distroless image: null).
 * @param {string} output
 * @returns {{ free: number, total: number } | null}
 */
function parseDf(output) {
	const line = String(output || '')
		.trim()
		.split('\n')[1];
	if (!line) return null;
	// The filesystem's name may hold spaces; the numbers are the four fields before the mount point.
	const match = /\s([0-9]+)\s+([0-9]+)\s+([0-9]+)\s+[0-9]+%\s/.exec(line + ' ');
	if (!match) return null;
	return { total: Number(match[1]) * 1024, free: Number(match[3]) * 1024 };
}

/**
 * The creates of conversations the server refused since {:since}, from PocketBase's request log
 * (`_logs` in auxiliary.db): 400, 403 and 404 are what the outbox keeps as refused
 * (src/lib/sync/outbox.ts classifySendError); a lost login (401) or a busy server (429, 5xx) is
 * no refusal, the phone sends again. A resend whose first answer got lost is refused for its id
 * alone (already stored: a success, outbox.api.ts), so a refusal about the id only is left out.
 * Only the status, the address and the names of the refused fields are read.
 */
const FAILED_SENDS_SQL = `SELECT COUNT(*) AS n FROM _logs
	WHERE created >= {:since}
		AND json_extract(data, '$.type') = 'request'
		AND json_extract(data, '$.method') = 'POST'
		AND json_extract(data, '$.url') LIKE '/api/collections/conversations/records%'
		AND json_extract(data, '$.status') IN (400, 403, 404)
		AND NOT (json_type(data, '$.details') = 'object'
			AND (SELECT group_concat(key) FROM json_each(data, '$.details')) = 'id')`;

/** The size in bytes of a file, with its write-ahead log; 0 when there is none. */
function fileSize(path) {
	let size = 0;
	for (const file of [path, `${path}-wal`]) {
		try {
			size += $os.stat(file).size();
		} catch {
			// No such file (no WAL between checkpoints).
		}
	}
	return size;
}

/** The data dir's filesystem, from `df`; null when it cannot be read. */
function disk(app) {
	try {
		return parseDf(toString($os.cmd('df', '-Pk', app.dataDir()).output()));
	} catch (err) {
		app.logger().warn('health: df could not be read', 'error', String(err));
		return null;
	}
}

/** The newest backup (automatic or by hand), or null: `{ name, at, size }`. */
function newestBackup(app) {
	const fsys = app.newBackupsFilesystem();
	let newest = null;
	try {
		for (const file of fsys.list('')) {
			const at = file.modTime.unixMilli();
			if (!newest || at > newest.at) newest = { name: file.key, at: at, size: file.size };
		}
	} finally {
		fsys.close();
	}
	return newest && { name: newest.name, at: new Date(newest.at).toISOString(), size: newest.size };
}

/**
 * How many conversation creates the server refused since `since` (ms); null when the request log
 * is off (settings.logs.maxDays 0), so nothing can be counted.
 */
function failedSends(app, since) {
	if (app.settings().logs.maxDays <= 0) return null;
	const row = new DynamicModel({ n: 0 });
	app
		.auxDB()
		.newQuery(FAILED_SENDS_SQL)
		.bind({ since: new Date(since).toISOString().replace('T', ' ') })
		.one(row);
	return row.n;
}

/**
 * The last retention run, from its audit entry (lib/retention.js writes one per run, with its
 * counts): when and what it changed; null before the first run.
 */
function lastRetention(app) {
	const rows = app.findRecordsByFilter(
		'audit_log',
		"action = 'retention' && targetCollection = '*'",
		'-created',
		1,
		0
	);
	if (rows.length === 0) return null;
	const parsed = JSON.parse(rows[0].getString('details') || '{}') || {};
	const count = (name) => Number(parsed[name]) || 0;
	return {
		at: rows[0].getString('created').replace(' ', 'T'),
		people: count('people'),
		conversations: count('conversations'),
		assets: count('assets'),
		followUps: count('followUps'),
		residentLinks: count('residentLinks'),
		auditEntries: count('auditEntries'),
		failed: count('failed')
	};
}

/** Everything the health route answers, as of `now` (ms). */
function serverHealth(app, now) {
	const dir = app.dataDir();
	return {
		at: new Date(now).toISOString(),
		disk: disk(app),
		database: { data: fileSize(`${dir}/data.db`), auxiliary: fileSize(`${dir}/auxiliary.db`) },
		backup: newestBackup(app),
		failedSends: failedSends(app, now - DAY_MS),
		retention: lastRetention(app)
	};
}

module.exports = { parseDf, FAILED_SENDS_SQL, newestBackup, serverHealth };
