// What anyone signed in may see of the listening rounds of her areas, viewers too
// (GET /api/krachtkaart/rounds/summary, pb_hooks/rounds.pb.js; src/lib/rounds/README.md,
// "The summary"): per round its name, period, status, themes and door count, and, once it has
// ended, how it went in counts that keep the min-5 rule. Viewers read none of `rounds`,
// `round_questions`, `walk_lists` or `conversations` themselves; this is the one way they see a
// round. Every role gets the same answer, so nothing personal leaves and nothing is audited.
//
// - Which rounds: an admin's (and a superuser's) all; anyone else's those ALL of whose areas are
//   hers or lie below one (a round half outside her areas would count talks she may not see).
//   `areas` narrows them to rounds with an area in or below one of the asked.
// - Figures only for a round that ended at least SETTLE_DAYS days ago. While a round runs its
//   counts grow talk by talk, and two looks an hour apart would tell what the one talk in between
//   said; a round that just ended still gets talks synced from phones that were offline. Once
//   settled, figures change only when staff change the round, a talk or a list, or type in a
//   paper sheet late: that is no look a viewer can time, and it is all that is left to compare.
// - The min-5 rule (MIN_GROUP): every count a viewer gets is 0 or at least MIN_GROUP, and the
//   counts hidden beside a shown total add up to 0 or at least MIN_GROUP (hideSmall), so no
//   subtraction gives one count of 1 to 4. Doors visited is the total of talked, not home and
//   other; a question's answered count the total of its cells. A theme's count is hidden alone
//   (no total of themes is shown); a theme the round does not listen for is listed only when it
//   was raised at least MIN_GROUP times.
// - Answers: a text question only how many answered it, never a text. A question marked
//   `personal` is not counted at all: retention and erasure clear its answers talk by talk, so
//   its tally would shrink over the years, and a look before and after would tell one talk's
//   answer. Its counts are for the coordinator (the round's own progress).
// - No conversation, id of a talk, note, person, worker or door leaves; doors are a count.
//
// The figures are the app's (src/lib/rounds/progress.ts): a door counts once, by its talk if it
// had one, else by its latest visit; a theme once per talk; answerTally is the app's answerTally,
// and src/lib/rounds/summary.test.ts proves they agree on random input. Days are UTC days here
// (the app's progress uses the phone's): a talk in the first hour or two of a Dutch day counts
// for the day before.
//
// The pure part (the tally, the figures, hideSmall) uses no PocketBase global, so the test loads
// this file in Node with `require` and `__hooks` given.

const VOCABULARY = require(`${__hooks}/lib/vocabulary.json`);

/** The smallest group a count may be shown of; 0 is shown too. As MIN_GROUP in progress.ts. */
const MIN_GROUP = 5;
/** Days after a round's last day before its figures are shown: late syncs come in first. */
const SETTLE_DAYS = 7;
/** As NUMBER_BUCKETS in src/lib/rounds/progress.ts: a bucket holds up to (not including) below. */
const NUMBER_BUCKETS = [
	{ value: '<0', below: 0 },
	{ value: '0', below: 1 },
	{ value: '1', below: 2 },
	{ value: '2', below: 3 },
	{ value: '3-5', below: 6 },
	{ value: '6-10', below: 11 },
	{ value: '11-20', below: 21 },
	{ value: '21-50', below: 51 },
	{ value: '51-100', below: 101 },
	{ value: '>100', below: Infinity }
];
const DAY_MS = 86400000;
const AREAS_PATTERN = /^[a-z0-9]{15}$/;

/** As isBlankAnswer in src/lib/rounds/rounds.ts. */
function isBlankAnswer(value) {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.length === 0;
	return false;
}

/** As validateAnswer in src/lib/rounds/rounds.ts, as a yes or no: whether a value fits. */
function fitsQuestion(question, value) {
	const values = (question.options || []).map((option) => option.value);
	switch (question.kind) {
		case 'text':
			return typeof value === 'string' && value.trim().length <= VOCABULARY.limits.round.answerText;
		case 'choice':
			return typeof value === 'string' && values.indexOf(value) >= 0;
		case 'choices':
			return (
				Array.isArray(value) &&
				value.every((v) => typeof v === 'string' && values.indexOf(v) >= 0) &&
				new Set(value).size === value.length
			);
		case 'yesno':
			return typeof value === 'boolean';
		case 'number':
			return typeof value === 'number' && isFinite(value);
		default:
			return false;
	}
}

/** The values a question's cells are counted by, in the order shown. */
function cellValues(question) {
	if (question.kind === 'yesno') return ['yes', 'no'];
	if (question.kind === 'choice' || question.kind === 'choices') {
		return (question.options || []).map((option) => option.value);
	}
	if (question.kind === 'number') return NUMBER_BUCKETS.map((bucket) => bucket.value);
	return [];
}

/** The cells a fitting answer counts in. */
function cellsOf(question, value) {
	if (question.kind === 'yesno') return [value ? 'yes' : 'no'];
	if (question.kind === 'choice') return [value];
	if (question.kind === 'choices') return value;
	if (question.kind === 'number') {
		const bucket = NUMBER_BUCKETS.filter((b) => value < b.below)[0];
		return [bucket ? bucket.value : '>100'];
	}
	return [];
}

/**
 * The counts to show: each of 1 to minGroup − 1 hidden (null), and then the smallest shown
 * non-zero count next, until the hidden add up to 0 or at least minGroup. As hideSmall in
 * src/lib/rounds/progress.ts.
 * @param {number[]} counts @param {number} minGroup @returns {(number | null)[]}
 */
function hideSmall(counts, minGroup) {
	const shown = counts.map((n) => (n > 0 && n < minGroup ? null : n));
	let hidden = counts.reduce((sum, n, i) => sum + (shown[i] === null ? n : 0), 0);
	while (hidden > 0 && hidden < minGroup) {
		let smallest = -1;
		shown.forEach((n, i) => {
			if (n !== null && n > 0 && (smallest === -1 || n < counts[smallest])) smallest = i;
		});
		if (smallest === -1) break;
		shown[smallest] = null;
		hidden += counts[smallest];
	}
	return shown;
}

/**
 * A total and its parts as a viewer may see them: nothing when the total is 1 to minGroup − 1,
 * else the parts through hideSmall.
 * @param {number} total @param {number[]} parts @param {number} minGroup
 * @returns {{ total: number | null, parts: (number | null)[] }}
 */
function hideGroup(total, parts, minGroup) {
	if (total > 0 && total < minGroup) return { total: null, parts: parts.map(() => null) };
	return { total, parts: hideSmall(parts, minGroup) };
}

/**
 * The answers' tally, exactly as answerTally in src/lib/rounds/progress.ts: per question the
 * talks with a fitting, non-blank answer and per option, yes/no or number bucket how many chose
 * it (text: only counted), with the min-5 rule.
 * @param {{ id: string, kind: string, options?: { value: string }[] | null }[]} questions
 * @param {{ answers?: Record<string, unknown> | null }[]} conversations
 * @param {number} [minGroup]
 * @returns {{ question: string, kind: string, answered: number | null,
 *   cells: { value: string, count: number | null }[] }[]}
 */
function answerTally(questions, conversations, minGroup) {
	const min = minGroup === undefined ? MIN_GROUP : minGroup;
	return questions.map((question) => {
		const values = cellValues(question);
		const counts = {};
		values.forEach((value) => (counts[value] = 0));
		let answered = 0;
		for (const conversation of conversations) {
			const answers = conversation.answers;
			const value = answers ? answers[question.id] : undefined;
			if (isBlankAnswer(value) || !fitsQuestion(question, value)) continue;
			answered += 1;
			for (const cell of cellsOf(question, value)) counts[cell] = (counts[cell] || 0) + 1;
		}
		const shown = hideGroup(
			answered,
			values.map((value) => counts[value] || 0),
			min
		);
		return {
			question: question.id,
			kind: question.kind,
			answered: shown.total,
			cells: values.map((value, i) => ({ value, count: shown.parts[i] }))
		};
	});
}

/** PocketBase writes '2027-03-01 10:00:00.000Z'; Date.parse wants the T. NaN for junk. */
const time = (value) => Date.parse(String(value).trim().replace(' ', 'T'));

/**
 * How the visited doors went, as figures in src/lib/rounds/progress.ts counts them (before any
 * hiding): each door once, by its talk if it had one, else by its latest visit.
 * @param {{ address: string, outcome: string, heldAt: string }[]} conversations
 * @returns {{ visited: number, talked: number, notHome: number, other: number }}
 */
function doorFigures(conversations) {
	const byDoor = {};
	for (const conversation of conversations) {
		if (!conversation.address) continue;
		(byDoor[conversation.address] = byDoor[conversation.address] || []).push(conversation);
	}
	let talked = 0;
	let notHome = 0;
	const doors = Object.keys(byDoor);
	for (const door of doors) {
		const visits = byDoor[door];
		const outcome = visits.some((v) => v.outcome === 'talked')
			? 'talked'
			: visits.reduce((a, b) => (time(b.heldAt) > time(a.heldAt) ? b : a)).outcome;
		if (outcome === 'talked') talked += 1;
		else if (outcome === 'not_home') notHome += 1;
	}
	return { visited: doors.length, talked, notHome, other: doors.length - talked - notHome };
}

/**
 * How often each theme was raised in talks (once per talk), the round's first, in its order
 * (also when unheard), then the others raised, most first; as themeCounts in progress.ts.
 * @param {{ outcome: string, themes?: string[] | null }[]} conversations
 * @param {string[]} listened
 * @returns {{ theme: string, count: number, listenedFor: boolean }[]}
 */
function themeCounts(conversations, listened) {
	const counts = {};
	listened.forEach((theme) => (counts[theme] = 0));
	for (const talk of conversations) {
		if (talk.outcome !== 'talked') continue;
		for (const theme of new Set(talk.themes || [])) counts[theme] = (counts[theme] || 0) + 1;
	}
	const raised = Object.keys(VOCABULARY.themes)
		.filter((theme) => listened.indexOf(theme) < 0 && (counts[theme] || 0) > 0)
		.map((theme) => ({ theme, count: counts[theme], listenedFor: false }))
		.sort((a, b) => b.count - a.count);
	return listened
		.map((theme) => ({ theme, count: counts[theme] || 0, listenedFor: true }))
		.concat(raised);
}

/**
 * An ended round's figures as anyone may see them (min-5 everywhere, see the header).
 * @param {string[]} listened the round's themes
 * @param {{ id: string, kind: string, personal: boolean, options?: { value: string }[] | null }[]} questions
 * @param {{ address: string, outcome: string, heldAt: string, themes?: string[] | null,
 *   answers?: Record<string, unknown> | null }[]} conversations the round's
 * @param {number} [minGroup]
 */
function summaryFigures(listened, questions, conversations, minGroup) {
	const min = minGroup === undefined ? MIN_GROUP : minGroup;
	const doors = doorFigures(conversations);
	const visits = hideGroup(doors.visited, [doors.talked, doors.notHome, doors.other], min);
	const themes = themeCounts(conversations, listened)
		.filter((t) => t.listenedFor || t.count >= min)
		.map((t) => ({
			theme: t.theme,
			count: t.count > 0 && t.count < min ? null : t.count,
			listenedFor: t.listenedFor
		}));
	const talks = conversations.filter((c) => c.outcome === 'talked');
	const counted = answerTally(
		questions.filter((q) => !q.personal),
		talks,
		min
	);
	return {
		visited: visits.total,
		talked: visits.parts[0],
		notHome: visits.parts[1],
		other: visits.parts[2],
		themes,
		answers: counted
	};
}

/** 'YYYY-MM-DD' of a time in ms (UTC). */
const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);
/** ms of midnight UTC of a 'YYYY-MM-DD'. */
const msOf = (day) => Date.parse(`${day}T00:00:00.000Z`);

/**
 * A round's status on a UTC day, and the day its figures are shown from.
 * @param {string} startsOn @param {string} endsOn stored dates (their day: the date part)
 * @param {string} today 'YYYY-MM-DD'
 */
function roundStatus(startsOn, endsOn, today) {
	const start = startsOn.slice(0, 10);
	const end = endsOn.slice(0, 10);
	const figuresFrom = dayOf(msOf(end) + SETTLE_DAYS * DAY_MS);
	const status = today < start ? 'planned' : today <= end ? 'running' : 'ended';
	return { status, figuresFrom, settled: today >= figuresFrom };
}

/**
 * The optional `areas` parameter: '' or 1 to 100 record ids separated by commas; a 400 naming
 * it otherwise (before any query).
 * @param {string} value @returns {string[] | null} null: not given
 */
function parseAreas(value) {
	if (value === '') return null;
	const ids = value.split(',');
	if (ids.length > 100 || ids.some((id) => !AREAS_PATTERN.test(id))) {
		const message = 'areas: give 1 to 100 area ids, separated by commas.';
		throw new BadRequestError(message, { areas: new ValidationError('invalid', message) });
	}
	return ids;
}

/** Whether every area of a round lies in or below one of `mine`. */
function allWithin(app, areas, mine) {
	const { isWithinAreas } = require(`${__hooks}/lib/areas.js`);
	return (
		areas.length > 0 &&
		areas.every((area) => {
			try {
				return isWithinAreas(app, area, mine);
			} catch {
				return false;
			}
		})
	);
}

/** A JSON field read from SQL as text, as a value (fallback when empty or unreadable). */
function parsed(text, fallback) {
	if (!text) return fallback;
	try {
		const value = JSON.parse(text);
		return value === null ? fallback : value;
	} catch {
		return fallback;
	}
}

/**
 * A round's conversations as the app's roundProgress takes them: held on a day of its period
 * (UTC), on one of its lists or at one of its doors. Only the fields the figures read.
 */
function roundConversations(app, round, start, end) {
	const rows = arrayOf(
		new DynamicModel({ address: '', outcome: '', heldAt: '', themes: '', answers: '' })
	);
	app
		.db()
		.newQuery(
			`SELECT c.address, c.outcome, c.heldAt, coalesce(c.themes, '') AS themes,
				coalesce(c.answers, '') AS answers
			FROM conversations c
			WHERE c.heldAt >= {:from} AND c.heldAt < {:to}
				AND (c.walkList IN (SELECT id FROM walk_lists WHERE round = {:round})
					OR c.address IN (SELECT j.value FROM walk_lists w, json_each(w.addresses) j
						WHERE w.round = {:round} AND json_valid(w.addresses)))`
		)
		.bind({
			round: round,
			from: `${start} 00:00:00.000Z`,
			to: `${dayOf(msOf(end) + DAY_MS)} 00:00:00.000Z`
		})
		.all(rows);
	return rows.map((row) => ({
		address: row.address,
		outcome: row.outcome,
		heldAt: row.heldAt,
		themes: parsed(row.themes, []),
		answers: parsed(row.answers, null)
	}));
}

/**
 * The summary of the rounds the caller may see.
 * @param {core.App} app
 * @param {{ everything: boolean, mine: string[], asked: string[] | null, now: number }} scope
 *   `everything` for admins and superusers; `mine` her areas; `asked` the `areas` parameter
 */
function roundSummaries(app, scope) {
	const today = dayOf(scope.now);
	const rounds = app
		.findAllRecords('rounds')
		.filter((round) => {
			const areas = round.getStringSlice('areas');
			if (!scope.everything && !allWithin(app, areas, scope.mine)) return false;
			if (scope.asked === null) return true;
			return areas.some((area) => allWithin(app, [area], scope.asked));
		})
		.sort((a, b) => {
			const x = a.getString('startsOn');
			const y = b.getString('startsOn');
			return x < y ? 1 : x > y ? -1 : 0;
		});

	return {
		minGroup: MIN_GROUP,
		settleDays: SETTLE_DAYS,
		today,
		rounds: rounds.map((round) => {
			const start = round.getString('startsOn').slice(0, 10);
			const end = round.getString('endsOn').slice(0, 10);
			const { status, figuresFrom, settled } = roundStatus(start, end, today);
			const themes = round.getStringSlice('themes');
			const lists = app.findRecordsByFilter('walk_lists', 'round = {:round}', '', 0, 0, {
				round: round.id
			});
			const doors = new Set();
			lists.forEach((list) => list.getStringSlice('addresses').forEach((id) => doors.add(id)));
			const questions = app
				.findRecordsByFilter('round_questions', 'round = {:round}', 'position', 0, 0, {
					round: round.id
				})
				.map((q) => ({
					id: q.id,
					kind: q.getString('kind'),
					textNl: q.getString('textNl'),
					textEn: q.getString('textEn'),
					options: parsed(q.getString('options'), []).map((o) => ({
						value: String(o.value),
						nl: String(o.nl || ''),
						en: String(o.en || '')
					})),
					personal: q.getBool('personal')
				}));
			const areas = round.getStringSlice('areas').map((id) => {
				try {
					return { id, name: app.findRecordById('areas', id).getString('name') };
				} catch {
					return { id, name: '' };
				}
			});
			return {
				id: round.id,
				name: round.getString('name'),
				startsOn: start,
				endsOn: end,
				status,
				figuresFrom,
				areas,
				themes,
				doors: doors.size,
				questions,
				figures:
					status === 'ended' && settled
						? summaryFigures(themes, questions, roundConversations(app, round.id, start, end))
						: null
			};
		})
	};
}

module.exports = {
	MIN_GROUP,
	SETTLE_DAYS,
	NUMBER_BUCKETS,
	answerTally,
	doorFigures,
	themeCounts,
	summaryFigures,
	roundStatus,
	parseAreas,
	roundSummaries
};
