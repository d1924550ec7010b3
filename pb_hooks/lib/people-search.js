// The people search (POST /api/krachtkaart/people/search, pb_hooks/people-search.pb.js). It is a
// POST with the text in the body because PocketBase's request log (`_logs`) keeps every URL: a
// list of `people` with a filter in its query string left residents' names and streets there.
//
// Whom it finds is exactly whom the `people` list rule lets the caller list: the collection's
// listRule, as it stands, becomes the query's filter with the caller's id, role and areas bound
// as parameters (`@request.auth.areas.id ?= area` turns into `(area = {:kkArea0} || …)`); a rule
// that reaches for anything else is refused, never guessed at. Each hit is then checked once more
// against the real rule for the real request (app.canAccessRecord), so nothing past the rule can
// leave even if the two ever drifted apart. tests/integration/people-search.test.ts proves the
// results equal the records API's per role.
//
// The filter itself (every word must match her first name, contact, street, house number or
// postcode; bound parameters only) lives here and only here; src/lib/people/people.ts repeats
// only when a text is too little to send (src/lib/people/people.test.ts checks they agree).

/** Fewer characters than this find too many people to be useful (and show too many names). */
const MIN_SEARCH_LENGTH = 2;
/** At most this many words count; each must match. */
const MAX_WORDS = 5;
/** Results per search. */
const SEARCH_LIMIT = 50;
/** Longer than this is no search; refused with a 400. */
const MAX_QUERY_LENGTH = 500;

/**
 * The words that count, or null when too little was typed.
 * @example searchWords('  Fatima   dreef ') // ['Fatima', 'dreef']
 * @param {string} query
 * @returns {string[] | null}
 */
function searchWords(query) {
	const text = String(query).trim().replace(/\s+/g, ' ');
	if (text.replace(/ /g, '').length < MIN_SEARCH_LENGTH) return null;
	const words = [];
	for (const word of text.split(' ')) {
		if (words.indexOf(word) < 0) words.push(word);
	}
	return words.slice(0, MAX_WORDS).map((w) => w.slice(0, 100));
}

/**
 * The search filter: every word must match her first name, contact, street, house number or
 * postcode. Null when too little was typed. Values are bound parameters, never concatenated.
 *
 * @example
 * searchFilter('Fatima dreef')
 * // { expr: '((display_name ~ {:w0} || …) && (display_name ~ {:w1} || …))', params: { w0: 'Fatima', w1: 'dreef' } }
 * @param {string} query
 * @returns {{ expr: string, params: Record<string, string> } | null}
 */
function searchFilter(query) {
	const words = searchWords(query);
	if (!words) return null;
	const params = {};
	const terms = words.map((word, i) => {
		const key = `w${i}`;
		params[key] = word;
		return (
			`(display_name ~ {:${key}} || contact ~ {:${key}} || address.street ~ {:${key}}` +
			` || address.number = {:${key}} || address.postcode ~ {:${key}})`
		);
	});
	return { expr: `(${terms.join(' && ')})`, params: params };
}

const AREAS_TERM = /@request\.auth\.areas\.id \?= ([A-Za-z_][\w.]*)/g;

/**
 * A list rule as a filter for one caller: her id, role and areas bound as parameters. Throws on
 * anything else the rule asks of the request (a rule this does not know is never guessed at).
 *
 * @example
 * ruleAsFilter('@request.auth.role = "admin" || (@request.auth.areas.id ?= area)', { id: 'u1', role: 'worker', areas: ['a1'] })
 * // { expr: '({:kkRole} = "admin" || ((area = {:kkArea0})))', params: { kkRole: 'worker', kkArea0: 'a1' } }
 * @param {string} rule
 * @param {{ id: string, role: string, areas: string[] }} caller
 * @returns {{ expr: string, params: Record<string, string> }}
 */
function ruleAsFilter(rule, caller) {
	const params = { kkId: caller.id, kkRole: caller.role };
	caller.areas.forEach((area, i) => {
		params[`kkArea${i}`] = area;
	});
	let expr = String(rule).replace(AREAS_TERM, (_, field) => {
		if (caller.areas.length === 0) return '(id = "" && id != "")';
		return `(${caller.areas.map((_, i) => `${field} = {:kkArea${i}}`).join(' || ')})`;
	});
	expr = expr
		.replace(/@request\.auth\.id\b/g, '{:kkId}')
		.replace(/@request\.auth\.role\b/g, '{:kkRole}');
	if (/@request|@collection/.test(expr)) {
		throw new Error('people search: the people list rule asks for more than it knows: ' + rule);
	}
	return { expr: `(${expr})`, params: params };
}

/** A found person as the app shows her (src/lib/people/people.ts PersonHit). */
function hitOf(record) {
	const hit = {
		id: record.id,
		display_name: record.getString('display_name'),
		contact: record.getString('contact'),
		isKeyFigure: record.getBool('isKeyFigure'),
		address: record.getString('address'),
		area: record.getString('area'),
		created: record.getString('created'),
		updated: record.getString('updated')
	};
	const expand = {};
	const address = record.expandedOne('address');
	if (address) {
		expand.address = {
			street: address.getString('street'),
			number: address.getString('number'),
			postcode: address.getString('postcode')
		};
	}
	const area = record.expandedOne('area');
	if (area) expand.area = { name: area.getString('name') };
	if (Object.keys(expand).length > 0) hit.expand = expand;
	return hit;
}

/**
 * The people the caller may list that match the query, as the app shows them (sorted by first
 * name, newest first among equals; at most SEARCH_LIMIT).
 * @param {core.App} app
 * @param {core.RequestEvent} e the request (its auth and request info decide the rule)
 * @param {string} query
 * @returns {{ items: object[] }}
 */
function searchPeople(app, e, query) {
	const search = searchFilter(query);
	if (!search) return { items: [] };
	const collection = app.findCollectionByNameOrId('people');
	const auth = e.auth;
	const superuser = auth.isSuperuser();
	const rule = collection.listRule;
	if (!superuser && (rule === null || rule === undefined)) {
		throw new ForbiddenError('Alleen superusers mogen bewoners opvragen.');
	}
	let expr = search.expr;
	const params = Object.assign({}, search.params);
	if (!superuser && rule !== '') {
		const scope = ruleAsFilter(rule, {
			id: auth.id,
			role: auth.getString('role'),
			areas: auth.getStringSlice('areas')
		});
		expr = `${scope.expr} && ${expr}`;
		Object.assign(params, scope.params);
	}
	const found = app.findRecordsByFilter(
		'people',
		expr,
		'display_name,-created',
		SEARCH_LIMIT,
		0,
		params
	);
	// The real rule once more, for the real request, per hit (at most SEARCH_LIMIT lookups).
	const info = e.requestInfo();
	const records = superuser
		? found
		: found.filter((record) => app.canAccessRecord(record, info, rule));
	app.expandRecords(records, ['address', 'area'], null);
	return { items: records.map(hitOf) };
}

/** Searches per account per minute: a person types a handful; a script walking the city, more. */
const SEARCHES_PER_MINUTE = 120;
const WINDOW_MS = 60 * 1000;

/**
 * Counts a search of the account; false once it made SEARCHES_PER_MINUTE in the current minute.
 * Superusers are never limited (they read every record through the API anyway).
 * @param {core.Record} auth
 * @param {number} now ms
 * @returns {boolean}
 */
function allowSearch(auth, now) {
	if (auth.isSuperuser()) return true;
	const store = $app.store();
	const key = 'krachtkaart.peopleSearch.' + auth.id;
	const seen = store.get(key);
	const window =
		seen && now - Number(seen.start) < WINDOW_MS
			? { start: Number(seen.start), count: Number(seen.count) }
			: { start: now, count: 0 };
	window.count++;
	store.set(key, window);
	return window.count <= SEARCHES_PER_MINUTE;
}

module.exports = {
	searchWords,
	searchFilter,
	ruleAsFilter,
	searchPeople,
	allowSearch,
	MIN_SEARCH_LENGTH,
	MAX_QUERY_LENGTH,
	SEARCH_LIMIT,
	SEARCHES_PER_MINUTE
};
