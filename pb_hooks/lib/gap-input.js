// The gap analysis's input (src/lib/gaps/gap-input.ts, GapInput): the doors of the asked areas
// with what happened at them in a period and the one before it, the assets and their links, as
// one JSON document built by SQLite. Goja would take seconds to count 100,000 conversations;
// SQLite looks each door up in an index and groups the themes (GROUP BY) before it builds JSON.
//
// It bypasses the API rules, so it repeats them:
//   addresses: every signed-in user (reference data), so every door of the asked areas is a unit;
//   conversations: admin, or one of my areas is the conversation's area, its parent or
//     grandparent; only those are counted (viewers may not list them, but get them counted in
//     streets of at least MIN_RESIDENTS residents, in their own areas only, like coordinators);
//   assets: admin, or the same area rule on the asset; links: the same on the asset they start at.
// tests/integration/gaps-api.test.ts proves the counts equal those from the records API.

/** As MIN_RESIDENTS in src/lib/gaps/gap-input.ts (the test checks they agree). */
const MIN_RESIDENTS = 5;
/**
 * The periods a viewer may ask, in months: 1, 2 or 4 whole calendar quarters (UTC) that end at
 * the start of a quarter, never after the current one began. As PERIOD_MONTHS in
 * src/lib/gaps/gap-view.ts (tests/integration/gaps-api.test.ts asks each and checks they agree).
 */
const VIEWER_PERIOD_MONTHS = [3, 6, 12];
const DEFAULT_DAYS = 90;
/** Five years of days, leap days included. */
const MAX_DAYS = 5 * 365 + 2;
const DAY_MS = 86400000;

const json = (field, empty) => `json(coalesce(nullif(${field}, ''), '${empty}'))`;
const bool = (expression) => `json(CASE WHEN ${expression} THEN 'true' ELSE 'false' END)`;
const iso = (field) => `replace(${field}, ' ', 'T')`;
// Viewers get the day only: the minute of a visit in a small street is about one household.
const day = (field) => `substr(${field}, 1, 10) || 'T00:00:00.000Z'`;

// The conversations counted: those the caller may list at a door of the asked areas, or (GPS
// only, without a door) kept on one of the asked areas. `visits` reads idx_conversations_visits
// (address, heldAt, area, outcome) once in order, grouped by door, so no conversation row is read
// and nothing is sorted (one scan costs less than two index lookups for each of 120,000 doors):
// its last visit ever, its visits and talks in the asked period and the one before it as bits
// (1 visited, 2 talked, 4 visited before, 8 talked before) and how many it had in the two (for
// the audit). Doors join it by its automatic index. Only talks carry themes, so `talks` reads
// the rows of those only. A door keeps its stored point as text: parsing 120,000 points as JSON
// costs more than all the rest of a door.
const rule = `({:everything} OR c.area IN (SELECT id FROM mine))`;
const COUNTED = `
	visits AS MATERIALIZED (
		SELECT c.address, max(c.heldAt) AS lastVisit,
			max(c.heldAt >= {:from} AND c.heldAt < {:to})
				| 2 * max(c.heldAt >= {:from} AND c.heldAt < {:to} AND c.outcome = 'talked')
				| 4 * max(c.heldAt >= {:previousFrom} AND c.heldAt < {:from})
				| 8 * max(c.heldAt >= {:previousFrom} AND c.heldAt < {:from} AND c.outcome = 'talked') AS bits,
			sum(c.heldAt >= {:previousFrom} AND c.heldAt < {:to}) AS counted
		FROM conversations c WHERE c.address != '' AND ${rule} GROUP BY c.address),
	doors AS MATERIALIZED (
		SELECT a.id, a.area, a.street, a.location, v.lastVisit, coalesce(v.bits, 0) AS bits,
			coalesce(v.counted, 0) AS counted
		FROM addresses a LEFT JOIN visits v ON v.address = a.id WHERE a.area IN (SELECT id FROM asked)),
	talks AS (
		SELECT c.id, c.address, c.area, c.themes, c.location,
			CASE WHEN c.heldAt >= {:from} THEN 1 ELSE 2 END AS period
		FROM conversations c LEFT JOIN addresses a ON a.id = c.address
		WHERE c.heldAt >= {:previousFrom} AND c.heldAt < {:to} AND c.outcome = 'talked' AND ${rule}
			AND (a.area IN (SELECT id FROM asked)
				OR (c.address = '' AND c.area IN (SELECT id FROM asked)))),
	raised AS (
		SELECT c.address, c.period, t.value AS theme, count(*) AS n
		FROM talks c, json_each(nullif(c.themes, '')) t
		WHERE c.address != ''
		GROUP BY c.address, c.period, t.value)`;
const bit = (n) => `((bits >> ${n}) & 1)`;

// Themes as { theme: count } of one period; json_group_object gives '{}' when none match.
const themesOf = (period) => `json_group_object(theme, n) FILTER (WHERE period = ${period})`;

// Coordinators, workers, admins: one unit per door, plus one per talk without a door (its themes
// at its own point, no addresses, so it never counts for coverage). A door's unit is written as
// text around its stored point ({"lon":…,"lat":…}, as PocketBase keeps a geoPoint): json_object
// would need the point parsed, and every unit parsed again to go into the array.
const STAFF_UNITS = `
	doorThemes AS (
		SELECT address, ${themesOf(1)} AS now, ${themesOf(2)} AS before FROM raised GROUP BY address),
	loose AS (
		SELECT c.id, c.area, c.period, json_extract(c.location, '$.lon') AS lon,
			json_extract(c.location, '$.lat') AS lat, t.value AS theme, 1 AS n
		FROM talks c, json_each(nullif(c.themes, '')) t
		WHERE c.address = ''
			AND NOT (json_extract(c.location, '$.lon') = 0 AND json_extract(c.location, '$.lat') = 0)),
	units(unit) AS (
		SELECT '{' || substr(d.location, 2, length(d.location) - 2) || ',"area":' || json_quote(d.area)
			|| ',"street":' || json_quote(d.street) || ',"addresses":1,"visited":' || ${bit(0)}
			|| ',"talked":' || ${bit(1)} || ',"visitedBefore":' || ${bit(2)}
			|| ',"talkedBefore":' || ${bit(3)}
			|| ',"lastVisit":' || coalesce('"' || ${iso('d.lastVisit')} || '"', 'null')
			|| ',"themes":' || coalesce(t.now, '{}') || ',"themesBefore":' || coalesce(t.before, '{}') || '}'
		FROM doors d LEFT JOIN doorThemes t ON t.address = d.id
		UNION ALL
		SELECT json_object('lon', lon, 'lat', lat, 'area', area, 'street', '', 'addresses', 0,
			'visited', 0, 'talked', 0, 'visitedBefore', 0, 'talkedBefore', 0, 'lastVisit', NULL,
			'themes', json(${themesOf(1)}), 'themesBefore', json(${themesOf(2)}))
		FROM loose GROUP BY id)`;

// Viewers: one unit per street of a buurt, the other streets of the buurt folded into one rest
// unit at the middle of the buurt's doors. Talks without a door are left out: they have no street.
//
// No two answers may be combined into fewer than MIN_RESIDENTS residents (issue 11, class 5:
// a period one day longer gave away one household's talk and its themes). So:
// - A viewer's period is 1, 2 or 4 whole calendar quarters, and its previous period the same
//   number just before (viewerPeriod). Every figure a viewer gets is a sum over quarters, so
//   the most any set of answers can give away is the figure of each single quarter.
// - A street is shown only when in EVERY complete quarter (all of them, not only the asked
//   ones) none or at least MIN_RESIDENTS of its addresses had a talk. Which streets are shown
//   thus does not depend on the period asked, so the rest of a buurt is the same set of doors in
//   every answer: comparing rests of two periods isolates no street. Talks in the current,
//   incomplete quarter are never counted for a viewer and do not decide either.
// - The rest of a buurt is shown only when in each quarter of both periods none or at least
//   MIN_RESIDENTS of its addresses had a talk; otherwise it is suppressed (only its addresses).
// - A buurt's units do not depend on which other areas are asked (a wijk, a buurt, a custom
//   area's buurten): asking another scope gives the same units, so areas do not difference.
// What two answers can still differ by: in a period of several quarters an address counts once
// in `talked`, so two nested periods can differ by addresses that talked in one quarter and not
// the other. That count carries no theme (themes are sums per quarter) and names no address.
const quarterOf = (field) =>
	`printf('%s-%02d-01', substr(${field}, 1, 4), (CAST(substr(${field}, 6, 2) AS INTEGER) - 1) / 3 * 3 + 1)`;
const VIEWER_UNITS = `
	streets AS (
		SELECT area, street, count(*) AS addresses,
			avg(json_extract(location, '$.lon')) AS lon, avg(json_extract(location, '$.lat')) AS lat,
			sum(${bit(0)}) AS visited, sum(${bit(1)}) AS talked, sum(${bit(2)}) AS visitedBefore,
			sum(${bit(3)}) AS talkedBefore, max(lastVisit) AS lastVisit
		FROM doors GROUP BY area, street),
	doorQuarters AS (
		SELECT DISTINCT d.area, d.street, c.address, ${quarterOf('c.heldAt')} AS quarter
		FROM doors d JOIN conversations c ON c.address = d.id
		WHERE c.outcome = 'talked' AND c.heldAt < {:completeBefore} AND ${rule}),
	streetQuarters AS (
		SELECT area, street, quarter, count(*) AS talked
		FROM doorQuarters GROUP BY area, street, quarter),
	judged AS (
		SELECT s.*, NOT EXISTS (SELECT 1 FROM streetQuarters q
			WHERE q.area = s.area AND q.street = s.street AND q.talked < {:minResidents}) AS shown
		FROM streets s),
	streetRaised AS (
		SELECT d.area, d.street, r.period, r.theme, sum(r.n) AS n
		FROM raised r JOIN addresses d ON d.id = r.address GROUP BY d.area, d.street, r.period, r.theme),
	streetThemes AS (
		SELECT area, street, ${themesOf(1)} AS now, ${themesOf(2)} AS before
		FROM streetRaised GROUP BY area, street),
	rest AS (
		SELECT area, sum(addresses) AS addresses, sum(visited) AS visited, sum(talked) AS talked,
			sum(visitedBefore) AS visitedBefore, sum(talkedBefore) AS talkedBefore,
			max(lastVisit) AS lastVisit
		FROM judged WHERE NOT shown GROUP BY area),
	-- Streets share no door, so summing them counts each address of the rest once a quarter.
	restQuarters AS (
		SELECT q.area, q.quarter, sum(q.talked) AS talked
		FROM streetQuarters q JOIN judged j ON j.area = q.area AND j.street = q.street AND NOT j.shown
		WHERE q.quarter >= {:previousFromDay} AND q.quarter < {:toDay}
		GROUP BY q.area, q.quarter),
	restJudged AS (
		SELECT r.*, EXISTS (SELECT 1 FROM restQuarters q
			WHERE q.area = r.area AND q.talked < {:minResidents}) AS suppressed
		FROM rest r),
	restThemes AS (
		SELECT area, ${themesOf(1)} AS now, ${themesOf(2)} AS before
		FROM (SELECT s.area, s.period, s.theme, sum(s.n) AS n
			FROM streetRaised s JOIN judged j ON j.area = s.area AND j.street = s.street AND NOT j.shown
			GROUP BY s.area, s.period, s.theme)
		GROUP BY area),
	middles AS (
		SELECT area, sum(lon * addresses) / sum(addresses) AS lon,
			sum(lat * addresses) / sum(addresses) AS lat
		FROM streets GROUP BY area),
	units(unit) AS (
		SELECT json_object('lon', j.lon, 'lat', j.lat, 'area', j.area, 'street', j.street,
			'addresses', j.addresses, 'visited', j.visited, 'talked', j.talked,
			'visitedBefore', j.visitedBefore, 'talkedBefore', j.talkedBefore,
			'lastVisit', ${day('j.lastVisit')},
			'themes', json(coalesce(t.now, '{}')), 'themesBefore', json(coalesce(t.before, '{}')),
			'suppressed', json('false'))
		FROM judged j LEFT JOIN streetThemes t ON t.area = j.area AND t.street = j.street
		WHERE j.shown
		UNION ALL
		SELECT CASE WHEN r.suppressed THEN json_object('lon', m.lon, 'lat', m.lat, 'area', r.area,
				'street', '', 'addresses', r.addresses, 'visited', 0, 'talked', 0, 'visitedBefore', 0,
				'talkedBefore', 0, 'lastVisit', NULL, 'themes', json('{}'), 'themesBefore', json('{}'),
				'suppressed', json('true'))
			ELSE json_object('lon', m.lon, 'lat', m.lat, 'area', r.area, 'street', '',
				'addresses', r.addresses, 'visited', r.visited, 'talked', r.talked,
				'visitedBefore', r.visitedBefore, 'talkedBefore', r.talkedBefore,
				'lastVisit', ${day('r.lastVisit')},
				'themes', json(coalesce(t.now, '{}')), 'themesBefore', json(coalesce(t.before, '{}')),
				'suppressed', json('false')) END
		FROM restJudged r JOIN middles m ON m.area = r.area LEFT JOIN restThemes t ON t.area = r.area)`;

// Those who may not see stored points get the public point, as lib/map-snapshot.js gives them.
const POINT = {
	exact: 'location',
	public: `CASE WHEN precision = 'exact' THEN location ELSE publicLocation END`
};
const asset = (point) => `json_object(
	'id', id, 'kind', kind, 'title', title,
	'lon', json_extract(${point}, '$.lon'), 'lat', json_extract(${point}, '$.lat'), 'area', area,
	'themes', ${json('themes', '[]')}, 'domain', ${json('domain', '[]')}, 'status', status,
	'created', created, 'resident', ${bool("person != ''")})`;

/**
 * The query, by who asks: viewers get streets, those who may not see stored points public points.
 * @param {{ aggregated: boolean, exact: boolean }} scope
 */
function gapInputSql(scope) {
	const { ASKED_AND_MINE } = require(`${__hooks}/lib/areas.js`);
	return `WITH RECURSIVE ${ASKED_AND_MINE}, ${COUNTED},
		${scope.aggregated ? VIEWER_UNITS : STAFF_UNITS},
		visible AS (
			SELECT * FROM assets
			WHERE area IN (SELECT id FROM asked) AND ({:everything} OR area IN (SELECT id FROM mine))
				AND status IN ('active', 'ended'))
		-- Joined as text: json_object would parse the 120,000 units again (they come out of a CTE).
		SELECT '{"aggregated":' || CASE WHEN {:aggregated} THEN 'true' ELSE 'false' END
			|| ',"minResidents":' || {:minResidents}
			|| ',"period":' || json_object('from', {:fromDay}, 'to', {:toDay}, 'previousFrom', {:previousFromDay})
			|| ',"areas":' || (SELECT json_group_array(json_object(
					'id', id, 'code', code, 'name', name, 'level', level, 'parent', parent))
				FROM areas WHERE id IN (SELECT id FROM asked))
			|| ',"units":' || (SELECT coalesce('[' || group_concat(unit, ',') || ']', '[]') FROM units)
			|| ',"assets":' || (SELECT json_group_array(${asset(scope.exact ? POINT.exact : POINT.public)}) FROM visible)
			|| ',"links":' || (SELECT json_group_array(json_object('from', l.[from], 'to', l.[to])) FROM links l
				WHERE (l.[from] IN (SELECT id FROM visible) OR l.[to] IN (SELECT id FROM visible))
					AND ({:everything}
						OR (SELECT area FROM assets WHERE id = l.[from]) IN (SELECT id FROM mine)))
			|| '}'
 AS body,
		${
			// For the audit of staff reads; a second look at the conversations (about 0.3 s for a
			// city), which viewers, who are not audited, are spared.
			scope.aggregated
				? '0'
				: `coalesce((SELECT sum(counted) FROM doors), 0) + (SELECT count(*) FROM conversations c
					WHERE c.address = '' AND c.heldAt >= {:previousFrom} AND c.heldAt < {:to} AND ${rule}
						AND c.area IN (SELECT id FROM asked))`
		} AS conversations`;
}

/**
 * @param {core.App} app
 * @param {{ everything: boolean, mine: string[], asked: string[], aggregated: boolean,
 *   exact: boolean, period: { from: string, to: string, previousFrom: string,
 *   completeBefore: string } }} scope
 *   `everything` for admins and superusers; `mine` the caller's areas; `aggregated` for viewers;
 *   `exact` when the caller sees stored points (lib/precision.js `seesExactPoint`)
 * @returns {{ body: string, conversations: number }} the GapInput as JSON, and how many
 *   conversations went into it (for the audit)
 */
function gapInputJson(app, scope) {
	const row = new DynamicModel({ body: '', conversations: 0 });
	const stamp = (day) => `${day} 00:00:00.000Z`;
	app
		.db()
		.newQuery(gapInputSql(scope))
		.bind({
			asked: JSON.stringify(scope.asked),
			mine: JSON.stringify(scope.mine),
			everything: scope.everything ? 1 : 0,
			aggregated: scope.aggregated ? 1 : 0,
			minResidents: MIN_RESIDENTS,
			from: stamp(scope.period.from),
			to: stamp(scope.period.to),
			previousFrom: stamp(scope.period.previousFrom),
			completeBefore: stamp(scope.period.completeBefore),
			fromDay: scope.period.from,
			toDay: scope.period.to,
			previousFromDay: scope.period.previousFrom
		})
		.one(row);
	return { body: row.body, conversations: row.conversations };
}

// A city's input takes a second or two of SQL, its data changes far less often than it is read.
// So the last few answers are kept in the app's store under what they were built from (the
// scope: exactly gapInputJson's arguments), valid while the data version is the one read before
// the query. Hooks (gaps.pb.js) give the version a new value after every committed change of
// conversations, assets, links, addresses or areas; an answer built while one commits is stored
// under the old version, so it is never served.
const VERSION_KEY = 'krachtkaart.gaps.version';
const CACHE_KEY = 'krachtkaart.gaps.cache';
/** At most this many answers, and together at most CACHED_CHARS of text (a city's admin answer
 * is ~30 MB): the newest is always kept, older ones while they fit. */
const CACHED_ANSWERS = 4;
const CACHED_CHARS = 40 * 1024 * 1024;

/** After a committed change of data the gap input reads: cached answers are no longer served. */
function bumpGapVersion() {
	$app.store().set(VERSION_KEY, $security.randomString(16));
	$app.store().remove(CACHE_KEY);
}

/**
 * gapInputJson, from the cache when nothing changed since it was built for the same scope.
 * @param {core.App} app
 * @param {Parameters<typeof gapInputJson>[1]} scope
 * @returns {ReturnType<typeof gapInputJson>}
 */
function cachedGapInputJson(app, scope) {
	const store = $app.store();
	const key = JSON.stringify([
		scope.everything,
		scope.aggregated,
		scope.exact,
		scope.mine,
		scope.asked,
		scope.period
	]);
	const version = String(store.get(VERSION_KEY) || '');
	const cache = store.get(CACHE_KEY);
	const entries = cache && String(cache.version) === version ? cache.entries : [];
	for (const entry of entries) {
		if (String(entry.key) === key) {
			return { body: entry.body, conversations: Number(entry.conversations) };
		}
	}
	const input = gapInputJson(app, scope);
	// Sizes kept beside the answers: reading a kept body back would copy its megabytes.
	const kept = [
		{ key, body: input.body, conversations: input.conversations, chars: input.body.length }
	];
	let chars = input.body.length;
	for (const entry of entries) {
		chars += Number(entry.chars);
		if (kept.length < CACHED_ANSWERS && chars <= CACHED_CHARS) kept.push(entry);
	}
	store.set(CACHE_KEY, { version, entries: kept });
	return { body: input.body, conversations: input.conversations };
}

/** 'YYYY-MM-DD' of a time in ms (UTC). */
const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);

/** 'YYYY-MM-DD' of the first day of the month `months` after the month of `ms` (UTC). */
const monthStart = (ms, months) => {
	const date = new Date(ms);
	return dayOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
};

/** 'YYYY-MM-DD' of the first day of the quarter (UTC) that `ms` lies in. */
const quarterStart = (ms) => {
	const date = new Date(ms);
	return dayOf(Date.UTC(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / 3) * 3, 1));
};

/** Throws the 400 of one parameter: `{ [name]: { code, message } }`, the message after its name. */
function refuse(name, code, message) {
	const data = {};
	data[name] = new ValidationError(code, message);
	throw new BadRequestError(`${name}: ${message}`, data);
}

/** ms of a date given as YYYY-MM-DD (midnight UTC), or a 400 naming the parameter. */
function parseDay(name, value) {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
	if (!match || isNaN(ms) || dayOf(ms) !== value) {
		refuse(name, 'invalid_date', `give a date as YYYY-MM-DD, not "${value.slice(0, 40)}".`);
	}
	return ms;
}

/**
 * The period of `from` and `to` (YYYY-MM-DD, from inclusive, to exclusive, days in UTC) and the
 * one as long just before it. Without them: the last 90 days up to and including today.
 * `completeBefore` is the first day of the current quarter (only viewers' answers use it).
 * @param {string} from '' when not given
 * @param {string} to '' when not given
 * @param {number} now ms since epoch
 * @returns {{ from: string, to: string, previousFrom: string, completeBefore: string }}
 * @throws {BadRequestError} naming the parameter
 */
function gapPeriod(from, to, now) {
	// Midnight UTC of today: epoch time has no leap seconds, so every day is DAY_MS long.
	const today = Math.floor(now / DAY_MS) * DAY_MS;
	const end = to ? parseDay('to', to) : today + DAY_MS;
	const start = from ? parseDay('from', from) : end - DEFAULT_DAYS * DAY_MS;
	if (start >= end) refuse('to', 'not_after_from', 'must be later than from.');
	if (end - start > MAX_DAYS * DAY_MS) {
		refuse('to', 'too_long', 'a period may last at most five years.');
	}
	return {
		from: dayOf(start),
		to: dayOf(end),
		previousFrom: dayOf(start - (end - start)),
		completeBefore: quarterStart(now)
	};
}

/**
 * A viewer's period: 1, 2 or 4 whole calendar quarters (VIEWER_PERIOD_MONTHS) that end no later
 * than the start of the current quarter, and as many quarters just before it. Without `from`
 * and `to`: the last complete quarter. Anything else is refused before a query runs, so no two
 * periods a viewer can ask differ by less than a whole quarter of talks (see VIEWER_UNITS).
 * @param {string} from '' when not given
 * @param {string} to '' when not given
 * @param {number} now ms since epoch
 * @returns {{ from: string, to: string, previousFrom: string, completeBefore: string }}
 * @throws {BadRequestError} naming the parameter
 */
function viewerPeriod(from, to, now) {
	const completeBefore = quarterStart(now);
	const end = to ? parseDay('to', to) : parseDay('to', completeBefore);
	const start = from ? parseDay('from', from) : parseDay('from', monthStart(end, -3));
	for (const [name, ms] of [
		['from', start],
		['to', end]
	]) {
		if (dayOf(ms) !== quarterStart(ms)) {
			refuse(
				name,
				'not_quarter_start',
				'meelezers kiezen hele kwartalen: geef de eerste dag van een kwartaal (01-01, 04-01, 07-01 of 10-01) / viewers ask whole quarters: give the first day of a quarter.'
			);
		}
	}
	if (end > parseDay('to', completeBefore)) {
		refuse(
			'to',
			'quarter_not_complete',
			`meelezers zien alleen afgelopen kwartalen: tot uiterlijk ${completeBefore} / viewers see complete quarters only: up to ${completeBefore} at the latest.`
		);
	}
	const months = VIEWER_PERIOD_MONTHS.filter((n) => monthStart(start, n) === dayOf(end))[0];
	if (!months) {
		refuse(
			'to',
			'not_viewer_length',
			`meelezers kiezen ${VIEWER_PERIOD_MONTHS.join(', ')} maanden / viewers ask ${VIEWER_PERIOD_MONTHS.join(', ')} months.`
		);
	}
	return {
		from: dayOf(start),
		to: dayOf(end),
		previousFrom: monthStart(start, -months),
		completeBefore
	};
}

module.exports = {
	cachedGapInputJson,
	bumpGapVersion,
	gapPeriod,
	viewerPeriod,
	MIN_RESIDENTS
};
