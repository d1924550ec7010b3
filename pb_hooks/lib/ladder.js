// The ABCD ladder on the server (src/lib/ladder/README.md): which step each asset has reached,
// derived from what is recorded, its history in `ladder_steps`, and the counts per buurt and
// step for a period. The pure part (deriveStep, ladderCounts, hideGroup) uses no PocketBase
// global when called, so src/lib/ladder/ladder-server.test.ts loads this file in Node with
// `require` and `__hooks` given.

const VOCABULARY = require(`${__hooks}/lib/vocabulary.json`);

/** The steps, lowest first. */
const STEPS = Object.keys(VOCABULARY.ladderSteps);
/** The smallest group a viewer is shown a count of; 0 is shown too. As in round-summary.js. */
const MIN_GROUP = 5;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const ID_PATTERN = /^[a-z0-9]{15}$/;

/**
 * The facts of one asset as SQL: 1 or 0 per rule, for the assets whose ids are bound as {:ids}
 * (a JSON array). The rules, in README.md's words:
 * - asked: a talk that said "willing to help", or a follow-up of a talk, is the asset's own
 *   (`sourceConversation`) or one with its person;
 * - connected: a link of kind connects, memberOf, supports or runs, either way;
 * - contributing: it runs or supports an initiative, or has any link but `knows` with an active one;
 * - started: it runs an initiative that came onto the map no earlier than it did.
 */
// Each EXISTS asks one indexed column (conversations.id or .person, follow_ups.conversation,
// links.from or .to): an OR inside one EXISTS would scan the table, and this runs on every save.
const FACTS_SQL = `
SELECT a.id AS id, a.area AS area,
	(EXISTS (SELECT 1 FROM conversations c WHERE c.id = a.sourceConversation AND c.willingToHelp = 1)
	 OR (a.person != '' AND EXISTS (SELECT 1 FROM conversations c
		WHERE c.person = a.person AND c.willingToHelp = 1))
	 OR (a.sourceConversation != '' AND EXISTS (SELECT 1 FROM follow_ups f
		WHERE f.conversation = a.sourceConversation))
	 OR (a.person != '' AND EXISTS (SELECT 1 FROM conversations c JOIN follow_ups f
		ON f.conversation = c.id WHERE c.person = a.person))) AS asked,
	(EXISTS (SELECT 1 FROM links l WHERE l.[[from]] = a.id
		AND l.kind IN ('connects', 'memberOf', 'supports', 'runs'))
	 OR EXISTS (SELECT 1 FROM links l WHERE l.[[to]] = a.id
		AND l.kind IN ('connects', 'memberOf', 'supports', 'runs'))) AS connected,
	(EXISTS (SELECT 1 FROM links l JOIN assets i ON i.id = l.[[to]]
		WHERE l.[[from]] = a.id AND l.kind != 'knows' AND i.kind = 'initiative'
		AND (l.kind IN ('runs', 'supports') OR i.status = 'active'))
	 OR EXISTS (SELECT 1 FROM links l JOIN assets i ON i.id = l.[[from]]
		WHERE l.[[to]] = a.id AND l.kind != 'knows' AND i.kind = 'initiative'
		AND i.status = 'active')) AS contributing,
	EXISTS (SELECT 1 FROM links l JOIN assets i ON i.id = l.[[to]]
		WHERE l.[[from]] = a.id AND l.kind = 'runs' AND i.kind = 'initiative'
		AND i.created >= a.created) AS started
FROM assets a WHERE a.id IN (SELECT value FROM json_each({:ids}))`;

/**
 * The highest step whose rule holds; every asset has at least found its gift.
 * @param {{ asked?: boolean, connected?: boolean, contributing?: boolean, started?: boolean }} facts
 * @returns {string}
 * @example deriveStep({ asked: true }) // 'asked'
 * @example deriveStep({ asked: true, started: true }) // 'initiative_started'
 */
function deriveStep(facts) {
	if (facts.started) return 'initiative_started';
	if (facts.contributing) return 'contributing';
	if (facts.connected) return 'connected';
	if (facts.asked) return 'asked';
	return 'gift_found';
}

/** @param {string} step @returns {number} its place on the ladder, -1 for none */
const rankOf = (step) => STEPS.indexOf(step);

/**
 * The steps at a period's start and end and what was reached in it, per area:
 * - `at[area][step]`: the assets whose step it was at the period's end;
 * - `reached[area][step]`: those whose step at the end is higher than at the start (an asset that
 *   was not on the map at the start counts from below the first step, so a gift found in the
 *   period counts as reaching `gift_found`).
 * - `reachedBy[user]`: of those, how many per user whose save wrote the end row (`causedBy`;
 *   '' when unknown): whose work moved them up. Over all areas; they add up to the reached.
 * The step at a moment is that of the asset's latest history row up to it; its area that row's.
 * Rows at the same moment count in the order given (the query sorts them as latestStep does).
 * @param {{ asset: string, area: string, step: string, at: number, causedBy?: string }[]} rows
 * @param {number} from first moment of the period (ms) @param {number} to last moment (ms)
 * @returns {{ at: Record<string, Record<string, number>>, reached: Record<string, Record<string, number>>, reachedBy: Record<string, number> }}
 */
function ladderCounts(rows, from, to) {
	/** @type {Record<string, { start: string, end: string, area: string, by: string, endAt: number, startAt: number }>} */
	const byAsset = {};
	for (const row of rows) {
		if (row.at > to) continue;
		const seen =
			byAsset[row.asset] ||
			(byAsset[row.asset] = {
				start: '',
				end: '',
				area: '',
				by: '',
				endAt: -Infinity,
				startAt: -Infinity
			});
		if (row.at >= seen.endAt) {
			seen.end = row.step;
			seen.area = row.area;
			seen.by = row.causedBy || '';
			seen.endAt = row.at;
		}
		if (row.at < from && row.at >= seen.startAt) {
			seen.start = row.step;
			seen.startAt = row.at;
		}
	}
	const at = {};
	const reached = {};
	const reachedBy = {};
	for (const asset of Object.keys(byAsset)) {
		const { start, end, area, by } = byAsset[asset];
		if (rankOf(end) < 0) continue;
		at[area] = at[area] || {};
		at[area][end] = (at[area][end] || 0) + 1;
		if (rankOf(end) > rankOf(start)) {
			reached[area] = reached[area] || {};
			reached[area][end] = (reached[area][end] || 0) + 1;
			reachedBy[by] = (reachedBy[by] || 0) + 1;
		}
	}
	return { at, reached, reachedBy };
}

/**
 * Per person, the highest step of her assets and how many she has, highest step first, then by
 * name: the server's copy of personSteps (src/lib/ladder/ladder.ts; ladder.test.ts keeps them equal).
 * @param {{ id: string, name: string, area: string, step: string }[]} rows one per asset of hers
 * @returns {{ id: string, name: string, area: string, step: string, assets: number }[]}
 */
function peopleSteps(rows) {
	/** @type {Record<string, { id: string, name: string, area: string, step: string, assets: number }>} */
	const byPerson = {};
	for (const row of rows) {
		if (!row.id || rankOf(row.step) < 0) continue;
		const known = byPerson[row.id];
		if (!known) {
			byPerson[row.id] = { id: row.id, name: row.name, area: row.area, step: row.step, assets: 1 };
			continue;
		}
		known.assets += 1;
		if (rankOf(row.step) > rankOf(known.step)) known.step = row.step;
	}
	return Object.keys(byPerson)
		.map((id) => byPerson[id])
		.sort(
			(a, b) =>
				rankOf(b.step) - rankOf(a.step) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)
		);
}

/**
 * Staff's "per team member": who moved how many assets up in the period, most first, then by
 * name. A user the caller may not read (`names` lacks her: no colleague of hers, see
 * lib/areas.js isColleague) counts with the unknown ('' in `reachedBy`): `unattributed`.
 * `total` is every asset that moved up, so it is the members' sum and `unattributed`.
 * @param {Record<string, number>} reachedBy
 * @param {Record<string, string>} names the readable users' names by id
 * @returns {{ members: { id: string, name: string, reached: number }[], unattributed: number, total: number }}
 */
function membersAnswer(reachedBy, names) {
	const members = [];
	let unattributed = 0;
	let total = 0;
	for (const id of Object.keys(reachedBy)) {
		total += reachedBy[id];
		if (id && Object.prototype.hasOwnProperty.call(names, id)) {
			members.push({ id, name: names[id], reached: reachedBy[id] });
		} else {
			unattributed += reachedBy[id];
		}
	}
	members.sort(
		(a, b) => b.reached - a.reached || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)
	);
	return { members, unattributed, total };
}

/**
 * A total and its parts as a viewer may see them, as hideGroup in round-summary.js: nothing
 * when the total is 1 to minGroup − 1; else each part of 1 to minGroup − 1 hidden (null), and
 * the smallest shown non-zero part next, until the hidden add up to 0 or at least minGroup.
 * @param {number} total @param {number[]} parts @param {number} [minGroup]
 * @returns {{ total: number | null, parts: (number | null)[] }}
 */
function hideGroup(total, parts, minGroup) {
	const min = minGroup || MIN_GROUP;
	if (total > 0 && total < min) return { total: null, parts: parts.map(() => null) };
	const shown = parts.map((n) => (n > 0 && n < min ? null : n));
	let hidden = parts.reduce((sum, n, i) => sum + (shown[i] === null ? n : 0), 0);
	while (hidden > 0 && hidden < min) {
		let smallest = -1;
		shown.forEach((n, i) => {
			if (n !== null && n > 0 && (smallest === -1 || n < parts[smallest])) smallest = i;
		});
		if (smallest === -1) break;
		shown[smallest] = null;
		hidden += parts[smallest];
	}
	return { total, parts: shown };
}

/**
 * The counts route's answer. Staff: per area every cell (`at`, `reached` per step) and its
 * totals, and the totals over all areas. Viewers: no cells, only the margins, each through
 * hideGroup beside its shown total: per area its totals, and per step the totals over all areas.
 * @param {{ at: Record<string, Record<string, number>>, reached: Record<string, Record<string, number>> }} counts
 * @param {Record<string, { code: string, name: string }>} names
 * @param {boolean} viewer @param {{ from: string, to: string }} period
 */
function countsAnswer(counts, names, viewer, period) {
	const areaIds = Object.keys(counts.at).sort((a, b) =>
		(names[a].code + names[a].name).localeCompare(names[b].code + names[b].name)
	);
	const sum = (values) => values.reduce((total, n) => total + n, 0);
	const cells = (byArea, id) => STEPS.map((step) => (byArea[id] && byArea[id][step]) || 0);
	const stepTotals = (byArea) =>
		STEPS.map((_, i) => sum(areaIds.map((id) => cells(byArea, id)[i])));
	const asSteps = (values) => {
		const out = {};
		STEPS.forEach((step, i) => (out[step] = values[i]));
		return out;
	};
	const atSteps = stepTotals(counts.at);
	const reachedSteps = stepTotals(counts.reached);
	const atTotal = sum(atSteps);
	const reachedTotal = sum(reachedSteps);
	const areaAt = areaIds.map((id) => sum(cells(counts.at, id)));
	const areaReached = areaIds.map((id) => sum(cells(counts.reached, id)));
	if (!viewer) {
		return {
			period,
			steps: STEPS,
			marginsOnly: false,
			areas: areaIds.map((id, i) => ({
				id,
				code: names[id].code,
				name: names[id].name,
				at: asSteps(cells(counts.at, id)),
				reached: asSteps(cells(counts.reached, id)),
				atTotal: areaAt[i],
				reachedTotal: areaReached[i]
			})),
			total: { at: asSteps(atSteps), reached: asSteps(reachedSteps), atTotal, reachedTotal }
		};
	}
	const byAreaAt = hideGroup(atTotal, areaAt);
	const byAreaReached = hideGroup(reachedTotal, areaReached);
	const byStepAt = hideGroup(atTotal, atSteps);
	const byStepReached = hideGroup(reachedTotal, reachedSteps);
	return {
		period,
		steps: STEPS,
		marginsOnly: true,
		areas: areaIds.map((id, i) => ({
			id,
			code: names[id].code,
			name: names[id].name,
			at: null,
			reached: null,
			atTotal: byAreaAt.parts[i],
			reachedTotal: byAreaReached.parts[i]
		})),
		total: {
			at: asSteps(byStepAt.parts),
			reached: asSteps(byStepReached.parts),
			atTotal: byAreaAt.total,
			reachedTotal: byAreaReached.total
		}
	};
}

/**
 * A period as the route takes it: `from` and `to` as YYYY-MM-DD (UTC days, both included).
 * A viewer gets one calendar quarter that has ended: periods that overlap, or one still running,
 * could be subtracted from each other into a small group. Throws 400 before any query.
 * @param {string} from @param {string} to @param {boolean} viewer @param {number} now
 * @returns {{ from: number, to: number }}
 */
function parsePeriod(from, to, viewer, now) {
	const bad = (field, message) => {
		throw new BadRequestError(message, { [field]: new ValidationError('invalid', message) });
	};
	if (!DAY_PATTERN.test(from)) bad('from', 'from: give a day as YYYY-MM-DD.');
	if (!DAY_PATTERN.test(to)) bad('to', 'to: give a day as YYYY-MM-DD.');
	const start = Date.parse(`${from}T00:00:00.000Z`);
	const end = Date.parse(`${to}T23:59:59.999Z`);
	if (!(start <= end) || end - start > 3 * 366 * 86400000) {
		bad('to', 'to: give a day on or after from, at most three years later.');
	}
	if (viewer) {
		const quarter = quarterOf(from);
		if (quarter.from !== from || quarter.to !== to || end >= now) {
			bad('from', 'from, to: a viewer sees one calendar quarter that has ended.');
		}
	}
	return { from: start, to: end };
}

/**
 * The calendar quarter a day lies in, as its first and last day.
 * @param {string} day YYYY-MM-DD
 * @example quarterOf('2026-05-14') // { from: '2026-04-01', to: '2026-06-30' }
 */
function quarterOf(day) {
	const year = Number(day.slice(0, 4));
	const first = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3;
	const last = new Date(Date.UTC(year, first + 3, 0));
	const pad = (n) => String(n).padStart(2, '0');
	return {
		from: `${year}-${pad(first + 1)}-01`,
		to: `${year}-${pad(first + 3)}-${pad(last.getUTCDate())}`
	};
}

/**
 * Writes a `derived` history row for every asset of `ids` whose derived step is not its last
 * derived one. `from` is the step it had (derived or set) before; `causedBy` the user whose save
 * it follows ('' for none known). Runs after a save committed (ladder.pb.js); an asset deleted
 * meanwhile is skipped.
 * @param {core.App} app @param {string[]} ids @param {string} [causedBy]
 */
function syncDerived(app, ids, causedBy) {
	const unique = ids.filter((id, i) => id && ID_PATTERN.test(id) && ids.indexOf(id) === i);
	if (unique.length === 0) return;
	const rows = arrayOf(
		new DynamicModel({
			id: '',
			area: '',
			asked: false,
			connected: false,
			contributing: false,
			started: false
		})
	);
	app
		.db()
		.newQuery(FACTS_SQL)
		.bind({ ids: JSON.stringify(unique) })
		.all(rows);
	const collection = app.findCollectionByNameOrId('ladder_steps');
	for (const row of rows) {
		const step = deriveStep(row);
		const lastDerived = latestStep(app, row.id, 'derived');
		if (lastDerived && lastDerived.step === step) continue;
		const current = latestStep(app, row.id, '');
		const record = new Record(collection);
		record.load({
			asset: row.id,
			area: row.area,
			step,
			from: current ? current.step : '',
			source: 'derived',
			causedBy: causedBy || '',
			at: new Date().toISOString().replace('T', ' ')
		});
		app.save(record);
	}
}

/**
 * The asset's latest history row (of one source, or of any for ''), or null.
 * @param {core.App} app @param {string} asset @param {string} source
 * @returns {{ step: string, source: string } | null}
 */
function latestStep(app, asset, source) {
	const row = new DynamicModel({ step: '', source: '' });
	try {
		app
			.db()
			.newQuery(
				`SELECT step, source FROM ladder_steps WHERE asset = {:asset}
				 AND ({:source} = '' OR source = {:source}) ORDER BY at DESC, created DESC, id DESC LIMIT 1`
			)
			.bind({ asset, source })
			.one(row);
	} catch {
		return null;
	}
	return { step: row.step, source: row.source };
}

module.exports = {
	STEPS,
	MIN_GROUP,
	FACTS_SQL,
	deriveStep,
	rankOf,
	ladderCounts,
	membersAnswer,
	peopleSteps,
	hideGroup,
	countsAnswer,
	parsePeriod,
	quarterOf,
	syncDerived,
	latestStep
};
