// PocketBase's backups of the whole server as an admin sees them: the newest one's time and size
// (pb_hooks/backups.pb.js, GET /api/krachtkaart/backups/latest). Making and restoring them is the
// operator's work (docs/operations.md), not the app's.

export interface LatestBackup {
	/** The newest backup, automatic or made by hand; null while there is none. */
	latest: { name: string; at: string; size: number } | null;
	/** PocketBase's schedule (cron, UTC); '' when none runs. */
	cron: string;
	/** How many automatic backups are kept. */
	keep: number;
	/** Whether they go to S3 rather than the server's disk. */
	s3: boolean;
}

/**
 * A file size as people read it, in the locale: kB under a megabyte, MB under a gigabyte, else GB
 * (decimal units, one decimal).
 *
 * @example formatSize(12_345_678, 'nl') // '12,3 MB'
 */
export function formatSize(bytes: number, locale: string): string {
	const [value, unit] =
		bytes < 1e6
			? [bytes / 1e3, 'kilobyte']
			: bytes < 1e9
				? [bytes / 1e6, 'megabyte']
				: [bytes / 1e9, 'gigabyte'];
	return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : locale, {
		style: 'unit',
		unit,
		maximumFractionDigits: 1
	}).format(value);
}
