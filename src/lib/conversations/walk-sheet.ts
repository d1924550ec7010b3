// Walk sheets for teams that work on paper: which doors a printed sheet lists (the walk list of
// "Op pad"), the QR code beside each door, and turning the ticked boxes, typed in afterwards, into
// conversations for the outbox. Pure; the pages are src/routes/(app)/oppad/lijst/ and invoeren/.
import { encode } from 'uqr';
import type { AddressRecord } from '$lib/addresses/addresses';
import type { OutboxItem } from '$lib/sync/outbox';
import type { ConversationError, Outcome } from '$lib/vocabulary/vocabulary';
import { answersForRound, type WalkListRecord } from '$lib/rounds/rounds';
import { answerProblems, type DraftAnswers, type DraftQuestion } from './conversation-draft';
import { newConversation, type NewConversation } from './new-conversation';
import { RECENT_DAYS, streetLabeller, walkList, type Visit, type WalkStreet } from './walk-list';

/**
 * The query parameter with the chosen streets: `?straat=Wolgadreef&straat=Amazonedreef`. A street
 * whose name recurs in another place of her areas has its place after a comma
 * (`?straat=Dorpsstraat%2C+Ten+Boer`, see `streetLabeller`); a name alone chooses it in every place.
 */
export const STREET_PARAM = 'straat';

/** PocketBase dates ('2026-11-23 10:00:00.000Z') and ISO ones as ms; NaN for none. */
const time = (date: string) => Date.parse(date.replace(' ', 'T'));

/**
 * The streets chosen in the URL, each once, in the order given; none means every street.
 *
 * @example chosenStreets(new URLSearchParams('straat=Wolgadreef&straat=%20&straat=Wolgadreef')) // ['Wolgadreef']
 */
export function chosenStreets(params: URLSearchParams): string[] {
	const streets = params
		.getAll(STREET_PARAM)
		.map((street) => street.trim())
		.filter(Boolean);
	return [...new Set(streets)];
}

/**
 * The query string for these streets (with its '?'), or '' for every street.
 *
 * @example streetsQuery(['Wolgadreef', 'Van Lieflandlaan']) // '?straat=Wolgadreef&straat=Van+Lieflandlaan'
 */
export function streetsQuery(streets: readonly string[]): '' | `?${string}` {
	const params = new URLSearchParams(streets.map((street) => [STREET_PARAM, street]));
	const query = params.toString();
	return query ? `?${query}` : '';
}

/**
 * The doors of a sheet as they were due at `at`, street by street in walking order (see
 * `walkList`). Only visits held before `at` count, so typing in a walk later still finds the doors
 * of that walk, even where a colleague has been since. `everyDoor` lists every door of the streets
 * except those that asked not to be contacted, for a sheet printed long before the walk.
 * An empty `streets` means every street with a door to visit. A walk `list` narrows the sheet to
 * its doors (and `streets` is not looked at): the streets keep the names they have among all
 * `addresses`.
 */
export function walkSheet(
	addresses: readonly AddressRecord[],
	visits: readonly Visit[],
	streets: readonly string[],
	at: Date,
	{
		everyDoor = false,
		list = null
	}: { everyDoor?: boolean; list?: Pick<WalkListRecord, 'addresses'> | null } = {}
): WalkStreet[] {
	const before = visits.filter((visit) => time(visit.heldAt) < at.getTime());
	const label = streetLabeller(addresses);
	const onList = list ? new Set(list.addresses) : null;
	const chosen = onList
		? addresses.filter((a) => onList.has(a.id))
		: streets.length > 0
			? addresses.filter((a) => streets.includes(label(a)) || streets.includes(a.street))
			: addresses;
	// With 0 recent days no talk counts as recent: only "do not contact" keeps a door off.
	return walkList(chosen, before, at, everyDoor ? 0 : RECENT_DAYS, addresses);
}

/**
 * Every street of these addresses, once, in Dutch alphabetical order (for the street picker): a
 * street is its name in its place, named as `streetLabeller` does.
 */
export function streetNames(addresses: readonly AddressRecord[]): string[] {
	const order = new Intl.Collator('nl');
	const label = streetLabeller(addresses);
	return [...new Set(addresses.map(label))].sort(order.compare);
}

/**
 * Conversations still in the outbox, as visits: they count on the sheet and the entry page before
 * the server has them, also after a reload offline.
 */
export function queuedVisits(items: readonly OutboxItem[]): Visit[] {
	return items
		.filter((item) => item.collection === 'conversations')
		.map(({ id, body: { address, heldAt, outcome, worker } }) => ({
			id,
			address,
			heldAt,
			outcome,
			worker
		}));
}

/**
 * What a door's QR code on the sheet opens: that door's form on "Op pad"; on a walk list's sheet
 * with that list chosen (`?lijst=`), so the talk carries the list and asks its round's questions.
 *
 * @example doorUrl('https://krachtkaart.example.nl', 'abc123def456ghi') // 'https://krachtkaart.example.nl/oppad?deur=abc123def456ghi'
 */
export function doorUrl(origin: string, addressId: string, listId?: string): string {
	const list = listId ? `&lijst=${encodeURIComponent(listId)}` : '';
	return `${origin}/oppad?deur=${encodeURIComponent(addressId)}${list}`;
}

export interface QrCode {
	/** Modules per side, the quiet zone included: the SVG's viewBox is `0 0 size size`. */
	size: number;
	/** One SVG path of all dark modules, one unit per module. */
	path: string;
}

/**
 * A QR code as one SVG path, for an inline `<svg>` without a canvas. Error correction M (15%):
 * a sheet gets creased and smudged on the way.
 */
export function qrCode(text: string): QrCode {
	const { size, data } = encode(text, { ecc: 'M', border: 2 });
	return { size, path: modulesPath(data) };
}

/**
 * The dark modules of a matrix as one path: each run of dark modules in a row is one rectangle,
 * which keeps the path short.
 *
 * @example modulesPath([[true, true, false], [false, false, true]]) // 'M0 0h2v1h-2z M2 1h1v1h-1z'
 */
export function modulesPath(modules: readonly (readonly boolean[])[]): string {
	const runs: string[] = [];
	modules.forEach((row, y) => {
		let x = 0;
		while (x < row.length) {
			if (!row[x]) {
				x++;
				continue;
			}
			const start = x;
			while (x < row.length && row[x]) x++;
			const width = x - start;
			runs.push(`M${start} ${y}h${width}v1h-${width}z`);
		}
	});
	return runs.join(' ');
}

/** The date and time of a walk as the team typed them in (`<input type="date">` and `"time"`). */
export interface WalkTime {
	/** 'YYYY-MM-DD' */
	date: string;
	/** 'HH:MM' */
	time: string;
}

export type WalkTimeError = 'date_missing' | 'time_missing' | 'invalid' | 'future' | 'too_old';

/** Older than this, a typed-in walk is almost certainly a typo in the year. */
const MAX_AGE_DAYS = 365;
const DAY_MS = 86_400_000;

/**
 * The moment of a walk, in the phone's own time zone, or why it cannot be one. A moment later
 * than `now` or more than a year before it is refused: the paper says when the team walked.
 *
 * @example walkMoment({ date: '2026-11-23', time: '14:30' }, now) // { ok: true, at: <23 Nov 2026 14:30 local> }
 */
export function walkMoment(
	walk: WalkTime,
	now: Date
): { ok: true; at: Date } | { ok: false; error: WalkTimeError } {
	if (!walk.date.trim()) return { ok: false, error: 'date_missing' };
	if (!walk.time.trim()) return { ok: false, error: 'time_missing' };
	const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(walk.date.trim());
	const clock = /^(\d{1,2}):(\d{2})$/.exec(walk.time.trim());
	if (!date || !clock) return { ok: false, error: 'invalid' };
	const [year, month, day] = date.slice(1).map(Number);
	const [hours, minutes] = clock.slice(1).map(Number);
	const at = new Date(year, month - 1, day, hours, minutes);
	// new Date rolls 31 February over into March; a moment that does not read back was never real.
	const real =
		at.getFullYear() === year &&
		at.getMonth() === month - 1 &&
		at.getDate() === day &&
		at.getHours() === hours &&
		at.getMinutes() === minutes;
	if (!real) return { ok: false, error: 'invalid' };
	if (at.getTime() > now.getTime()) return { ok: false, error: 'future' };
	if (at.getTime() < now.getTime() - MAX_AGE_DAYS * DAY_MS) return { ok: false, error: 'too_old' };
	return { ok: true, at };
}

/** What was ticked on paper for each door, by address id; null or missing: nothing ticked. */
export type PaperDrafts = Readonly<Record<string, Outcome | null | undefined>>;

/**
 * The visit this worker already entered for this door at this walk's moment (the same sheet typed
 * in twice, or saved already), or undefined.
 */
export function enteredVisit(
	visits: readonly Visit[],
	addressId: string,
	worker: string,
	at: Date
): Visit | undefined {
	return visits.find(
		(v) => v.address === addressId && v.worker === worker && time(v.heldAt) === at.getTime()
	);
}

/** Entered for this walk already, or an answer to the round's questions that cannot be stored. */
export type PaperRowError =
	'already_entered' | Extract<ConversationError, 'answer_invalid' | 'too_long'>;

export interface PaperErrors {
	walk?: WalkTimeError;
	/** Nothing ticked at any door. */
	nothing?: true;
	/** By address id. */
	rows: Record<string, PaperRowError>;
}

export type PaperResult =
	{ ok: true; conversations: NewConversation[] } | { ok: false; errors: PaperErrors };

/** The walk list a paper sheet was walked on: its id and its round's questions. */
export interface PaperRound {
	walkList: string;
	questions: readonly DraftQuestion[];
}

/**
 * The conversations of a typed-in paper sheet, one per door with an outcome, held at the walk's
 * moment and located at the door. Either every row is right and all are returned, or none is:
 * nothing may be half-saved. A sheet of a walk list (`round`) puts the list on each of them, and
 * on a talk its `answers` to the round's questions (by address id; blank ones left out).
 *
 * @example
 * paperResultsToConversations({ doors, drafts: { a1: 'not_home' }, walk: { date: '2026-11-23', time: '14:30' }, worker: 'u1', visits, now })
 * // in Amsterdam: { ok: true, conversations: [{ area, address: 'a1', worker: 'u1', heldAt: '2026-11-23T13:30:00.000Z',
 * //   outcome: 'not_home', location, locationSource: 'address' }] }
 */
export function paperResultsToConversations(input: {
	doors: readonly AddressRecord[];
	drafts: PaperDrafts;
	walk: WalkTime;
	worker: string;
	/** Visits known so far (server and outbox): to refuse a door entered for this walk already. */
	visits: readonly Visit[];
	now: Date;
	round?: PaperRound;
	/** Answers to the round's questions, by address id (only a talk's are kept). */
	answers?: Readonly<Record<string, DraftAnswers | undefined>>;
}): PaperResult {
	const { doors, drafts, walk, worker, visits, now, round, answers = {} } = input;
	const ticked = doors.flatMap((door) => {
		const outcome = drafts[door.id];
		return outcome ? [{ door, outcome }] : [];
	});
	const errors: PaperErrors = { rows: {} };
	if (ticked.length === 0) errors.nothing = true;
	const moment = walkMoment(walk, now);
	if (!moment.ok) errors.walk = moment.error;
	else {
		for (const { door } of ticked) {
			if (enteredVisit(visits, door.id, worker, moment.at))
				errors.rows[door.id] = 'already_entered';
		}
	}
	for (const { door, outcome } of ticked) {
		if (!round || outcome !== 'talked' || errors.rows[door.id]) continue;
		const [problem] = Object.values(answerProblems(round.questions, answers[door.id] ?? {}));
		if (problem === 'answer_invalid' || problem === 'too_long') errors.rows[door.id] = problem;
	}
	if (!moment.ok || errors.nothing || Object.keys(errors.rows).length > 0) {
		return { ok: false, errors };
	}
	const heldAt = moment.at.toISOString();
	return {
		ok: true,
		conversations: ticked.map(({ door, outcome }) => {
			const visit = newConversation({
				door,
				worker,
				heldAt,
				outcome,
				place: { location: door.location, locationSource: 'address' },
				round
			});
			if (!round || outcome !== 'talked') return visit;
			const given = answersForRound(round.questions, answers[door.id] ?? {});
			return Object.keys(given).length > 0 ? { ...visit, answers: given } : visit;
		})
	};
}

/** Message keys of the walk time errors. */
export const WALK_TIME_ERROR_KEYS = {
	date_missing: 'sheet_error_date_missing',
	time_missing: 'sheet_error_time_missing',
	invalid: 'sheet_error_invalid',
	future: 'sheet_error_future',
	too_old: 'sheet_error_too_old'
} as const satisfies Record<WalkTimeError, string>;
