// Keeps a loaded demo fresh. The demo's dates are offsets from the day it was loaded (generate.mjs),
// so a demo loaded months ago shows almost every asset as stale and hardly a door visited in the
// last quarter. On every `npm start` (scripts/start.mjs) this measures how far the demo has aged
// and, from a week on, moves the demo records' dates forward by whole weeks (walks stay on working
// days): conversations' heldAt and follow-up due date, follow-ups' due and doneAt, assets'
// confirmedAt, people's consent dates. Only records with `isDemo`; never real data, and never a
// date past now (a demo record someone confirmed or changed in the app since keeps it sensible).
// Not moved: `created` (PocketBase sets it; no API writes it), so the gap view's "nieuw" counts
// the demo's assets as made on the day it was loaded.
import { ClientResponseError } from 'pocketbase';
import { generateDemo, loadDemoInputs } from './generate.mjs';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The server allows 200 requests per batch; 100 keeps each batch well inside its timeout. */
const CHUNK = 100;

/** @param {string} value a PocketBase date or a YYYY-MM-DD day @returns {number} ms, NaN if none */
const timeOf = (value) => (value ? Date.parse(value.trim().replace(' ', 'T')) : NaN);

/**
 * How many days the stored demo lies behind one generated today: the median, over the demo's
 * assets, of how much earlier each was confirmed than the generator confirms it for `now` (its
 * confirmations are exactly `now` minus a fixed number of days). The median, so the few a user
 * confirmed in the app since do not count. 0 when nothing matches.
 *
 * @example demoAgeDays(storedAssets, generateDemo(inputs, { now }).assets) // 182
 * @param {{ id: string, confirmedAt?: string }[]} stored
 * @param {{ id: string, confirmedAt?: string }[]} generated
 * @returns {number} whole days (may be negative for a demo loaded with a later clock)
 */
export function demoAgeDays(stored, generated) {
	const today = new Map(generated.map((a) => [a.id, timeOf(a.confirmedAt ?? '')]));
	const behind = stored
		.map((a) => (today.get(a.id) ?? NaN) - timeOf(a.confirmedAt ?? ''))
		.filter((ms) => Number.isFinite(ms))
		.sort((a, b) => a - b);
	if (behind.length === 0) return 0;
	return Math.round(behind[Math.floor(behind.length / 2)] / DAY_MS);
}

/**
 * The whole weeks to move the demo forward by: 0 below a week, so a demo started daily is left
 * alone and its walks stay on the weekdays they were generated on.
 * @param {number} ageDays @returns {number} days, a multiple of 7
 */
export function shiftForAge(ageDays) {
	return ageDays >= 7 ? Math.floor(ageDays / 7) * 7 : 0;
}

/**
 * `value` moved `days` forward, in its own format (PocketBase date or YYYY-MM-DD); with `notAfter`
 * never later than that moment. '' and unreadable values stay as they are.
 * @param {string} value @param {number} days @param {number} [notAfter] ms
 */
export function shiftDate(value, days, notAfter) {
	const time = timeOf(value);
	if (!Number.isFinite(time)) return value;
	const moved = new Date(Math.min(time + days * DAY_MS, notAfter ?? Infinity));
	if (/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return moved.toISOString().slice(0, 10);
	return moved.toISOString().replace('T', ' ');
}

/**
 * The updates that move the demo's records `days` forward: per collection, `{ id, body }` with
 * only the changed date fields. Pure.
 *
 * @param {{ conversations: Record<string, any>[], followUps: Record<string, any>[], assets: Record<string, any>[], people: Record<string, any>[] }} records
 * @param {number} days @param {Date} now
 * @returns {Record<'conversations' | 'follow_ups' | 'people' | 'assets', { id: string, body: Record<string, any> }[]>}
 */
export function demoDateUpdates(records, days, now) {
	const at = now.getTime();
	/** @param {string} value past-only dates: held, done, confirmed, given */
	const past = (value) => shiftDate(value, days, at);
	/** @param {string} value dates that may lie ahead: due, until */
	const any = (value) => shiftDate(value, days);
	return {
		conversations: records.conversations.map((c) => ({
			id: c.id,
			body: {
				heldAt: past(c.heldAt),
				...(c.followUp?.due ? { followUp: { ...c.followUp, due: any(c.followUp.due) } } : {})
			}
		})),
		follow_ups: records.followUps.map((f) => ({
			id: f.id,
			body: { due: any(f.due), ...(f.doneAt ? { doneAt: past(f.doneAt) } : {}) }
		})),
		// Anonymised people (retention) keep their dates: nothing of theirs is shown.
		people: records.people
			.filter((p) => !p.anonymisedAt && p.consent?.givenAt)
			.map((p) => ({
				id: p.id,
				body: {
					consent: {
						...p.consent,
						givenAt: past(p.consent.givenAt),
						...(p.consent.until ? { until: any(p.consent.until) } : {})
					}
				}
			})),
		// Last: the age is measured on them, so a move cut short is done again at the next start
		// (what moved already moves twice then, never past now).
		assets: records.assets
			.filter((a) => a.confirmedAt)
			.map((a) => ({ id: a.id, body: { confirmedAt: past(a.confirmedAt) } }))
	};
}

/**
 * Moves a loaded demo's dates forward when it has aged a week or more (see the top of this file).
 *
 * @example await refreshDemo({ pb: superuserClient, log: console.log });
 * @param {{ pb: import('pocketbase').default, log?: (message: string) => void, now?: Date }} options
 *   pb: a client signed in as a superuser
 * @returns {Promise<{ ageDays: number, shiftedDays: number, updated: number }>}
 */
export async function refreshDemo({ pb, log = () => {}, now = new Date() }) {
	if (!pb.authStore.isSuperuser) throw new Error('refreshDemo: the client must be a superuser');
	pb.autoCancellation(false);
	/** @param {string} collection @param {string} fields */
	const demoRecords = (collection, fields) =>
		pb.collection(collection).getFullList({ filter: 'isDemo = true', fields, batch: 500 });
	const assets = await demoRecords('assets', 'id,confirmedAt');
	const generated = generateDemo(loadDemoInputs(), { now }).assets;
	const ageDays = demoAgeDays(assets, generated);
	const shiftedDays = shiftForAge(ageDays);
	if (shiftedDays === 0) {
		log(`demo: its dates are ${Math.max(0, ageDays)} day(s) old, fresh enough`);
		return { ageDays, shiftedDays, updated: 0 };
	}
	log(
		`demo: loaded ${ageDays} days ago; moving the demo records' dates ${shiftedDays} days forward (isDemo only)`
	);
	const updates = demoDateUpdates(
		{
			assets,
			conversations: await demoRecords('conversations', 'id,heldAt,followUp'),
			followUps: await demoRecords('follow_ups', 'id,due,doneAt'),
			people: await demoRecords('people', 'id,consent,anonymisedAt')
		},
		shiftedDays,
		now
	);
	let updated = 0;
	for (const [collection, list] of Object.entries(updates)) {
		for (let start = 0; start < list.length; start += CHUNK) {
			const chunk = list.slice(start, start + CHUNK);
			const batch = pb.createBatch();
			for (const { id, body } of chunk) batch.collection(collection).update(id, body);
			try {
				await batch.send();
			} catch (error) {
				const details = error instanceof ClientResponseError ? JSON.stringify(error.response) : '';
				throw new Error(
					`demo: moving ${collection} from ${chunk[0].id} failed: ${error} ${details}`,
					{
						cause: error
					}
				);
			}
			updated += chunk.length;
		}
		log(`demo: ${collection} ${list.length} moved`);
	}
	log(`demo: ${updated} demo records moved ${shiftedDays} days forward`);
	return { ageDays, shiftedDays, updated };
}
