// The server's health as an admin sees it (GET /api/krachtkaart/health, pb_hooks/lib/health.js):
// what the server answers, and which figures ask for her attention. Pure.

export interface ServerHealth {
	/** When the server measured (ISO). */
	at: string;
	/** The filesystem of the server's data dir, in bytes; null when the server cannot read it. */
	disk: { free: number; total: number } | null;
	/** The database files with their write-ahead logs, in bytes. */
	database: { data: number; auxiliary: number };
	/** The newest backup; null while there is none. */
	backup: { name: string; at: string; size: number } | null;
	/** Conversations the server refused in the last 24 hours; null when its request log is off. */
	failedSends: number | null;
	/** The last retention run and what it changed; null before the first. */
	retention: {
		at: string;
		people: number;
		conversations: number;
		assets: number;
		followUps: number;
		residentLinks: number;
		auditEntries: number;
		failed: number;
	} | null;
}

const GB = 1e9;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Low on disk: under a tenth free, or under 2 GB (a day of backups needs room). */
export function diskLow(disk: ServerHealth['disk']): boolean {
	return disk !== null && (disk.free < disk.total / 10 || disk.free < 2 * GB);
}

/** The newest backup is missing or older than two days (the schedule makes one a day). */
export function backupStale(backup: ServerHealth['backup'], now: number): boolean {
	return backup === null || now - Date.parse(backup.at) > 2 * DAY_MS;
}

/** Retention runs nightly: a last run over two days ago (or none) means the job does not run. */
export function retentionStale(retention: ServerHealth['retention'], now: number): boolean {
	return retention === null || now - Date.parse(retention.at) > 2 * DAY_MS;
}

/** How many records the run anonymised, cleared or removed, all together. */
export function retentionChanged(retention: NonNullable<ServerHealth['retention']>): number {
	const r = retention;
	return r.people + r.conversations + r.followUps + r.residentLinks + r.auditEntries;
}
