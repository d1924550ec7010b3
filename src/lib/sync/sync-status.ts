// What a worker is told about her outbox: how many talks wait, how many the server refused, and
// when the server last stored one (OutboxState.lastSyncAt, kept in the outbox's store). That time
// answers "is everything I logged on the server, and since when?": with nothing waiting,
// everything has been there since the last one landed. Pure.
import type { OutboxItem } from './outbox';

export interface SyncStatus {
	waiting: number;
	refused: number;
	/** Nothing waits and nothing was refused: all she logged here is on the server. */
	allSent: boolean;
	/** When the server last stored an item from this phone (ms); null: never. */
	lastSyncAt: number | null;
}

export function syncStatus(items: readonly OutboxItem[], lastSyncAt: number | null): SyncStatus {
	const waiting = items.filter((i) => i.status === 'waiting').length;
	const refused = items.length - waiting;
	return { waiting, refused, allSent: items.length === 0, lastSyncAt };
}

/**
 * The time of the last sync as she reads it: "14:05" today, with the date on another day
 * ("5 dec 2026, 14:05"), in the phone's time zone.
 */
export function formatSyncTime(at: number, now: number, locale: string): string {
	const tag = locale === 'en' ? 'en-GB' : locale;
	const today = new Date(at).toDateString() === new Date(now).toDateString();
	return new Intl.DateTimeFormat(
		tag,
		today ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'medium', timeStyle: 'short' }
	).format(at);
}
