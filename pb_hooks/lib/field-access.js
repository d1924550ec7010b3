// Which fields each role gets in a response, and so may filter, sort and reach through a
// relation: one table (FIELDS) read by the request guard (pb_hooks/security.pb.js, before any
// query runs), the realtime subscription check and the enrich hook (pb_hooks/field-access.pb.js)
// that drops what a role does not get. A filter is a yes/no question about every record it
// touches, so a field a role may not read must not be askable either: `notes ~ "a%"` would spell
// a note letter by letter, and `location.lat > 52.1` would halve a stored point.
// Pure functions of their inputs (the schema comes in as a lookup), so the tests run them in Node
// too (tests/integration/field-access.test.ts walks the table against the live server).

const ROLES = ['admin', 'coordinator', 'worker', 'viewer'];
const STAFF = ['admin', 'coordinator', 'worker'];

/**
 * Per collection, who reads it at all (as its API rules say), and per field how each reader gets
 * it; a role not among the readers gets nothing. A level is:
 * - 'yes': on every record the role may read, as stored: filterable and sortable;
 * - 'no': never (the enrich hook drops it, with its expand): not filterable;
 * - 'own': only on the records that are hers (`ownedBy`: the field naming her), so not on all of
 *   them, and so not filterable;
 * - 'coarse': in a coarser form than stored (an asset's point at street or area precision,
 *   pb_hooks/lib/precision.js), so not filterable.
 * A field given as one level applies to every reader; otherwise per role, 'yes' where unnamed.
 * Superusers get everything; fields PocketBase hides (`hidden`) are 'no' here for every role.
 */
const FIELDS = {
	users: {
		readers: ROLES,
		ownedBy: 'id',
		fields: {
			id: 'yes',
			name: 'yes',
			role: 'yes',
			email: { coordinator: 'own', worker: 'own', viewer: 'own' },
			emailVisibility: { coordinator: 'own', worker: 'own', viewer: 'own' },
			verified: { coordinator: 'own', worker: 'own', viewer: 'own' },
			avatar: { coordinator: 'own', worker: 'own', viewer: 'own' },
			areas: { coordinator: 'own', worker: 'own', viewer: 'own' },
			created: { coordinator: 'own', worker: 'own', viewer: 'own' },
			updated: { coordinator: 'own', worker: 'own', viewer: 'own' },
			// A coordinator reads her team's status through /api/krachtkaart/team (pb_hooks/team.pb.js).
			invitedAt: { coordinator: 'own', worker: 'own', viewer: 'own' },
			deactivatedAt: { coordinator: 'own', worker: 'own', viewer: 'own' },
			password: 'no',
			tokenKey: 'no'
		}
	},
	areas: {
		readers: ROLES,
		fields: {
			id: 'yes',
			code: 'yes',
			name: 'yes',
			parent: 'yes',
			level: 'yes',
			geometry: 'yes',
			addressCount: 'yes',
			created: 'yes',
			updated: 'yes'
		}
	},
	addresses: {
		readers: ROLES,
		fields: {
			id: 'yes',
			street: 'yes',
			number: 'yes',
			postcode: 'yes',
			city: 'yes',
			location: 'yes',
			area: 'yes',
			bagId: 'yes',
			isDemo: 'yes',
			created: 'yes',
			updated: 'yes'
		}
	},
	people: {
		readers: STAFF,
		fields: {
			id: 'yes',
			display_name: 'yes',
			contact: 'yes',
			address: 'yes',
			area: 'yes',
			consent: 'yes',
			isKeyFigure: 'yes',
			createdBy: 'yes',
			isDemo: 'yes',
			created: 'yes',
			updated: 'yes',
			anonymisedAt: 'yes'
		}
	},
	conversations: {
		readers: STAFF,
		ownedBy: 'worker',
		fields: {
			id: 'yes',
			location: 'yes',
			address: 'yes',
			area: 'yes',
			worker: 'yes',
			person: 'yes',
			heldAt: 'yes',
			outcome: 'yes',
			themes: 'yes',
			gifts: 'yes',
			wishes: 'yes',
			willingToHelp: 'yes',
			consent: 'yes',
			followUp: 'yes',
			language: 'yes',
			// A worker reads the notes of her own conversations only.
			notes: { worker: 'own' },
			isDemo: 'yes',
			created: 'yes',
			updated: 'yes',
			resident: 'yes',
			connectTo: 'yes',
			mentions: 'yes',
			locationSource: 'yes',
			distanceFromAddress: 'yes',
			farFromAddress: 'yes',
			anonymisedAt: 'yes',
			// A listening round's list and answers (src/lib/rounds/README.md): staff only, as the talk.
			walkList: 'yes',
			answers: 'yes'
		}
	},
	assets: {
		readers: ROLES,
		fields: {
			id: 'yes',
			kind: 'yes',
			title: 'yes',
			description: 'yes',
			themes: 'yes',
			domain: 'yes',
			gifts: 'yes',
			// Viewers see a resident's talent only as precisely as she agreed to.
			location: { viewer: 'coarse' },
			precision: 'yes',
			area: 'yes',
			status: 'yes',
			// Ids that would let a viewer group one resident's assets (her, her talk, its worker).
			person: { viewer: 'no' },
			sourceConversation: { viewer: 'no' },
			createdBy: { viewer: 'no' },
			isDemo: 'yes',
			created: 'yes',
			updated: 'yes',
			confirmedAt: 'yes',
			confirmedBy: 'yes',
			street: { viewer: 'coarse' },
			publicLocation: 'no',
			// The themes an initiative asks help with (suggested connections).
			asksHelp: 'yes'
		}
	},
	links: {
		readers: ROLES,
		fields: {
			id: 'yes',
			from: 'yes',
			to: 'yes',
			kind: 'yes',
			note: 'yes',
			createdBy: { viewer: 'no' },
			isDemo: 'yes',
			created: 'yes',
			updated: 'yes'
		}
	},
	audit_log: {
		readers: ['admin'],
		fields: {
			id: 'yes',
			actor: 'yes',
			actorKind: 'yes',
			action: 'yes',
			targetCollection: 'yes',
			targetId: 'yes',
			details: 'yes',
			created: 'yes'
		}
	},
	follow_ups: {
		readers: STAFF,
		fields: {
			id: 'yes',
			conversation: 'yes',
			area: 'yes',
			what: 'yes',
			assignee: 'yes',
			due: 'yes',
			done: 'yes',
			doneAt: 'yes',
			doneBy: 'yes',
			createdBy: 'yes',
			isDemo: 'yes',
			created: 'yes',
			updated: 'yes'
		}
	},
	purposes: {
		readers: ROLES,
		fields: {
			id: 'yes',
			name: 'yes',
			description: 'yes',
			legalBasis: 'yes',
			retentionDays: 'yes',
			active: 'yes',
			created: 'yes',
			updated: 'yes'
		}
	},
	// Listening rounds: staff of their areas read them; viewers see their aggregates only.
	rounds: {
		readers: STAFF,
		fields: {
			id: 'yes',
			name: 'yes',
			purpose: 'yes',
			startsOn: 'yes',
			endsOn: 'yes',
			areas: 'yes',
			streets: 'yes',
			themes: 'yes',
			target: 'yes',
			createdBy: 'yes',
			isDemo: 'yes',
			created: 'yes',
			updated: 'yes'
		}
	},
	round_questions: {
		readers: STAFF,
		fields: {
			id: 'yes',
			round: 'yes',
			position: 'yes',
			kind: 'yes',
			textNl: 'yes',
			textEn: 'yes',
			options: 'yes',
			personal: 'yes',
			isDemo: 'yes',
			created: 'yes',
			updated: 'yes'
		}
	},
	walk_lists: {
		readers: STAFF,
		fields: {
			id: 'yes',
			round: 'yes',
			name: 'yes',
			addresses: 'yes',
			assignees: 'yes',
			expiresOn: 'yes',
			checkedOutBy: 'yes',
			checkedOutAt: 'yes',
			isDemo: 'yes',
			created: 'yes',
			updated: 'yes'
		}
	},
	// Suggested connections: staff of both ends' areas (the API rules); viewers get a count only
	// (GET /api/krachtkaart/suggestions).
	connection_suggestions: {
		readers: STAFF,
		fields: {
			id: 'yes',
			gift: 'yes',
			wisher: 'yes',
			wish: 'yes',
			initiative: 'yes',
			area: 'yes',
			evidence: 'yes',
			status: 'yes',
			decidedBy: 'yes',
			decidedAt: 'yes',
			link: 'yes',
			followUp: 'yes',
			created: 'yes',
			updated: 'yes'
		}
	},
	// The ABCD ladder's history (pb_migrations/1763904000_ladder.js): staff read it whole;
	// viewers only the counts (pb_hooks/ladder.pb.js).
	ladder_steps: {
		readers: STAFF,
		fields: {
			id: 'yes',
			asset: 'yes',
			area: 'yes',
			step: 'yes',
			from: 'yes',
			source: 'yes',
			setBy: 'yes',
			causedBy: 'yes',
			reason: 'yes',
			at: 'yes',
			created: 'yes',
			updated: 'yes'
		}
	},
	// One-time setup links (pb_migrations/1763903200_create_setup_tokens.js): superusers only.
	setup_tokens: {
		readers: [],
		fields: {
			id: 'no',
			kind: 'no',
			tokenHash: 'no',
			user: 'no',
			expiresAt: 'no',
			usedAt: 'no',
			created: 'no',
			updated: 'no'
		}
	},
	resident_links: {
		readers: ['admin', 'coordinator'],
		fields: {
			id: 'yes',
			person: 'yes',
			tokenHash: 'no',
			expiresAt: 'yes',
			revokedAt: 'yes',
			revokedBy: 'yes',
			createdBy: 'yes',
			lastUsedAt: 'yes',
			uses: 'yes',
			created: 'yes',
			updated: 'yes'
		}
	}
};

/**
 * How a role gets a field: 'yes', 'no', 'own' or 'coarse'; 'no' for a role that does not read
 * the collection, and for a collection or field the table does not know (fail closed).
 * @example fieldLevel('conversations', 'notes', 'worker') // 'own'
 * @param {string} collection @param {string} field @param {string} role
 */
function fieldLevel(collection, field, role) {
	const entry = FIELDS[collection];
	if (!entry || entry.readers.indexOf(role) < 0 || !(field in entry.fields)) return 'no';
	const level = entry.fields[field];
	if (typeof level === 'string') return level;
	return level[role] || 'yes';
}

/**
 * What a role does not get on one record: the fields to drop from it (and from its expand).
 * @param {string} collection @param {string} role
 * @param {(field: string) => string} valueOf the record's stored value of a field, as text
 * @param {string} userId
 * @returns {string[]}
 */
function droppedFields(collection, role, valueOf, userId) {
	const entry = FIELDS[collection];
	if (!entry) return [];
	const dropped = [];
	for (const field in entry.fields) {
		const level = fieldLevel(collection, field, role);
		if (level === 'no') dropped.push(field);
		else if (level === 'own' && valueOf(entry.ownedBy) !== userId) dropped.push(field);
	}
	return dropped;
}

/**
 * Whether a role gets every record of a collection as stored: no field of it dropped, changed
 * ('coarse') or kept to its owner, but for fields nobody but superusers gets (hidden ones).
 * Expanding into a collection whose records are changed per request (assets: lib/asset-view.js)
 * is allowed only to roles that get it as stored (expandRefusal).
 * @param {string} collection @param {string} role
 */
function getsAsStored(collection, role) {
	const entry = FIELDS[collection];
	if (!entry || entry.readers.indexOf(role) < 0) return false;
	for (const field in entry.fields) {
		if (entry.fields[field] === 'no') continue;
		if (fieldLevel(collection, field, role) !== 'yes') return false;
	}
	return true;
}

/**
 * Collections whose records are changed for a reader once per request (a list's page, a view, a
 * realtime message: lib/asset-view.js), not per record in onRecordEnrich. An expanded record
 * passes none of those hooks: expanding into one is for roles that get it as stored.
 */
const CHANGED_PER_REQUEST = ['assets'];

/** Limits on a client's filter, so none is expensive: PocketBase joins a table per relation hop. */
const FILTER_LIMITS = {
	/** Characters in a filter (an app filter of 100 area ids is about 3,000). */
	length: 8000,
	/** Field paths in one filter. */
	paths: 400,
	/**
	 * Relation hops in one path: `area.parent.parent` (an asset's gemeente) is two, and a link's
	 * `from.area.parent.parent` three, the deepest the rules go.
	 */
	hops: 3,
	/** Different relation paths in one filter (each is a join). */
	joins: 6
};

/** Date macros PocketBase offers in filters; they name no field. */
const MACROS = [
	'@now',
	'@yesterday',
	'@tomorrow',
	'@todayStart',
	'@todayEnd',
	'@monthStart',
	'@monthEnd',
	'@yearStart',
	'@yearEnd',
	'@second',
	'@minute',
	'@hour',
	'@day',
	'@month',
	'@weekday',
	'@year'
];
const FUNCTIONS = ['geoDistance', 'strftime'];
const MODIFIERS = ['each', 'length', 'lower'];
const SORT_SPECIALS = ['@random', '@rowid'];

/** The refusals, in Dutch and English, with what and where. */
const REFUSAL = {
	unreadable: (collection, path) =>
		`Zoeken of sorteren op "${path}" in ${collection} kan niet: dat veld krijg je niet te zien. / ` +
		`You cannot filter or sort on "${path}" in ${collection}: you do not get that field.`,
	syntax: (at) =>
		`Dit filter kan niet gelezen worden (bij teken ${at}). / This filter cannot be read (at character ${at}).`,
	reference: (name) =>
		`"${name}" kan niet in een filter of sortering. / "${name}" cannot be used in a filter or sort.`,
	backRelation: (path) =>
		`Zoeken via een terugverwijzing ("${path}") kan niet. / Filtering through a back-relation ("${path}") is not allowed.`,
	hops: (path) =>
		`"${path}" gaat via te veel verwijzingen (hooguit ${FILTER_LIMITS.hops}). / ` +
		`"${path}" goes through too many relations (at most ${FILTER_LIMITS.hops}).`,
	tooLarge: () =>
		`Dit filter is te groot (hooguit ${FILTER_LIMITS.length} tekens, ${FILTER_LIMITS.paths} velden en ${FILTER_LIMITS.joins} verwijzingen). / ` +
		`This filter is too large (at most ${FILTER_LIMITS.length} characters, ${FILTER_LIMITS.paths} fields and ${FILTER_LIMITS.joins} relation paths).`,
	unexpandable: (collection, field) =>
		`"${field}" in ${collection} kan niet worden uitgebreid (expand): dat krijg je niet te zien. / ` +
		`"${field}" in ${collection} cannot be expanded: you do not get it.`,
	changedPerRequest: (collection, field) =>
		`"${field}" kan niet worden uitgebreid (expand): vraag ${collection} zelf op. / ` +
		`"${field}" cannot be expanded: ask for ${collection} on their own.`,
	anonymous: () => 'Log in om te zoeken. / Sign in to filter, sort or expand.',
	batch: () => 'Een batch kan niet filteren of sorteren. / A batch cannot filter or sort.'
};

/**
 * The field paths a filter names, scanned as PocketBase's filter scanner (fexpr) scans: quoted
 * text ends at the first quote of its kind not right after a backslash; an identifier starts with
 * a letter, `@`, `_` or `#` and goes on with letters, digits, `_`, `.` and `:`; an identifier right
 * before `(` is a function whose arguments are identifiers, numbers or text. Anything this does
 * not know (a comment, an unknown character) is an error: the guard refuses what it cannot read.
 * @example filterPaths('area.parent = "x" && geoDistance(location.lon, location.lat, 5, 52) < 1')
 * // { paths: ['area.parent', 'location.lon', 'location.lat'], functions: ['geoDistance'] }
 * @param {string} filter
 * @returns {{ paths: string[], functions: string[], error?: number }}
 */
function filterPaths(filter) {
	const paths = [];
	const functions = [];
	const text = String(filter);
	let i = 0;
	const fail = () => ({ paths: paths, functions: functions, error: i });
	const isLetter = (c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	const isDigit = (c) => c >= '0' && c <= '9';
	const skipText = () => {
		const quote = text[i];
		let previous = '';
		for (i++; i < text.length; i++) {
			if (text[i] === quote && previous !== '\\') {
				i++;
				return true;
			}
			previous = text[i];
		}
		return false;
	};
	const readIdentifier = () => {
		const start = i;
		for (i++; i < text.length; i++) {
			const c = text[i];
			if (!isLetter(c) && !isDigit(c) && c !== '_' && c !== '.' && c !== ':') break;
		}
		return text.slice(start, i);
	};
	while (i < text.length) {
		const c = text[i];
		if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '(' || c === ')') {
			i++;
		} else if (c === '"' || c === "'") {
			if (!skipText()) return fail();
		} else if (isLetter(c) || c === '@' || c === '_' || c === '#') {
			const name = readIdentifier();
			if (text[i] !== '(') {
				paths.push(name);
				continue;
			}
			// A function: its arguments up to the first ")" (fexpr allows no nesting we need).
			functions.push(name);
			for (i++; i < text.length && text[i] !== ')';) {
				const a = text[i];
				if (a === ' ' || a === '\t' || a === '\n' || a === '\r' || a === ',') i++;
				else if (a === '"' || a === "'") {
					if (!skipText()) return fail();
				} else if (isLetter(a) || a === '@' || a === '_' || a === '#') {
					const argument = readIdentifier();
					if (text[i] === '(') return fail();
					paths.push(argument);
				} else if (isDigit(a) || a === '-' || a === '.') i++;
				else return fail();
			}
			if (text[i] !== ')') return fail();
			i++;
		} else if (isDigit(c) || c === '-' || c === '.') {
			i++;
		} else if ('=!<>?~&|'.indexOf(c) >= 0) {
			i++;
		} else {
			// `/` (a comment), `{` (an unbound parameter) and anything else.
			return fail();
		}
	}
	return { paths: paths, functions: functions };
}

/**
 * The fields of a sort (`-heldAt,+name`), or null when it is not a plain list of them.
 * @example sortPaths('-doneAt, area.name') // ['doneAt', 'area.name']
 * @param {string} sort
 */
function sortPaths(sort) {
	const paths = [];
	for (const part of String(sort).split(',')) {
		const name = part.trim().replace(/^[-+]/, '');
		if (name === '') continue;
		if (!/^[@A-Za-z_#][\w.:]*$/.test(name)) return null;
		if (SORT_SPECIALS.indexOf(name) < 0) paths.push(name);
	}
	return paths;
}

/**
 * Why a role may not use one field path in a filter or sort on a collection, or '' when it may:
 * every field on the way must be one the role gets as stored ('yes'), relation hops at most
 * FILTER_LIMITS.hops, no back-relations (`people_via_address`), no `@collection` or `@request`. A path ends at the first field that is no relation (a JSON field's
 * keys or a point's `lat`/`lon` follow it).
 * @param {string} collection @param {string} role @param {string} path
 * @param {(collection: string, field: string) => { type: string, target?: string } | null} schema
 */
function pathRefusal(collection, role, path, schema) {
	if (path === 'true' || path === 'false' || path === 'null') return '';
	if (path.charAt(0) === '@' || path.charAt(0) === '#') {
		if (MACROS.indexOf(path) >= 0) return '';
		return REFUSAL.reference(path);
	}
	const segments = path.split('.');
	let current = collection;
	let hops = 0;
	for (let s = 0; s < segments.length; s++) {
		const parts = segments[s].split(':');
		const name = parts[0];
		if (parts.length > 2 || (parts.length === 2 && MODIFIERS.indexOf(parts[1]) < 0)) {
			return REFUSAL.reference(path);
		}
		if (name.indexOf('_via_') >= 0) return REFUSAL.backRelation(path);
		if (!/^[A-Za-z_]\w*$/.test(name) || fieldLevel(current, name, role) !== 'yes') {
			return REFUSAL.unreadable(current, s === 0 ? path : segments.slice(s).join('.'));
		}
		const field = schema(current, name);
		if (!field) return REFUSAL.unreadable(current, name);
		if (field.type !== 'relation' || s === segments.length - 1) return '';
		hops++;
		if (hops > FILTER_LIMITS.hops) return REFUSAL.hops(path);
		current = field.target || '';
	}
	return '';
}

/**
 * Why a list request's (or subscription's) filter and sort are refused for a user, or '' when
 * they are not. Decided from the table, the schema and the text alone: it never looks at data,
 * so a refusal takes the same path whatever the records hold.
 * @param {{ role: string } | null} user null: signed out; superusers never come here
 * @param {string} collection
 * @param {{ filter?: string, sort?: string, expand?: string }} query
 * @param {(collection: string, field: string) => { type: string, target?: string } | null} schema
 */
function queryRefusal(user, collection, query, schema) {
	const filter = query.filter || '';
	const sort = query.sort || '';
	if (filter === '' && sort === '' && !query.expand) return '';
	if (!user) return REFUSAL.anonymous();
	const expandRefused = expandRefusal(collection, user.role, query.expand || '', schema);
	if (expandRefused) return expandRefused;
	if (filter.length > FILTER_LIMITS.length) return REFUSAL.tooLarge();
	const scanned = filterPaths(filter);
	if (scanned.error !== undefined) return REFUSAL.syntax(scanned.error + 1);
	for (const name of scanned.functions) {
		if (FUNCTIONS.indexOf(name) < 0) return REFUSAL.reference(name + '()');
	}
	const sorted = sortPaths(sort);
	if (sorted === null) return REFUSAL.reference(sort);
	const paths = scanned.paths.concat(sorted);
	if (paths.length > FILTER_LIMITS.paths) return REFUSAL.tooLarge();
	const joins = {};
	let joinCount = 0;
	for (const path of paths) {
		const refused = pathRefusal(collection, user.role, path, schema);
		if (refused) return refused;
		const joined = path.split('.').slice(0, -1).join('.').replace(/:\w+/g, '');
		if (joined && !joins[joined]) {
			joins[joined] = true;
			joinCount++;
		}
	}
	if (joinCount > FILTER_LIMITS.joins) return REFUSAL.tooLarge();
	return '';
}

/**
 * Why an `expand` is refused for a role, or '' when it is not. Each relation on the way must be
 * one the role gets as stored: an expanded record is attached to its parent after the parent's
 * enrich hook ran, so a field dropped there would still bring its record along one level down
 * (`from.createdBy` on a link). No back-relations (each can fetch a thousand records) and at most
 * FILTER_LIMITS.hops + 1 levels (`conversation.address`, `area.parent`).
 * @example expandRefusal('assets', 'viewer', 'area.parent,confirmedBy', schema) // ''
 * @param {string} collection @param {string} role @param {string} expand
 * @param {(collection: string, field: string) => { type: string, target?: string } | null} schema
 */
function expandRefusal(collection, role, expand, schema) {
	for (const part of String(expand).split(',')) {
		const path = part.trim();
		if (path === '') continue;
		if (path.indexOf('_via_') >= 0) return REFUSAL.backRelation(path);
		const segments = path.split('.');
		if (segments.length > FILTER_LIMITS.hops + 1) return REFUSAL.hops(path);
		let current = collection;
		for (const name of segments) {
			const field = fieldLevel(current, name, role) === 'yes' ? schema(current, name) : null;
			if (!field || field.type !== 'relation') return REFUSAL.unexpandable(current, name);
			current = field.target || '';
			if (CHANGED_PER_REQUEST.indexOf(current) >= 0 && !getsAsStored(current, role)) {
				return REFUSAL.changedPerRequest(current, name);
			}
		}
	}
	return '';
}

/**
 * The filters of a realtime subscription (`assets/*?options={"query":{"filter":...}}`), read as
 * PocketBase reads them (tools/subscriptions/client.go: the `options` query parameter as JSON,
 * its `query` key matched without regard to case), or null when they cannot be read. Every
 * candidate counts: all `options` parameters, all spellings of `query` and of its keys.
 * @param {string} subscription
 * @returns {{ collection: string, filters: string[], expands: string[] } | null}
 */
function subscriptionFilters(subscription) {
	const at = subscription.indexOf('?');
	const topic = at < 0 ? subscription : subscription.slice(0, at);
	const filters = [];
	const expands = [];
	if (at >= 0) {
		const decode = (part) => decodeURIComponent(part.replace(/\+/g, ' '));
		try {
			for (const pair of subscription.slice(at + 1).split('&')) {
				const eq = pair.indexOf('=');
				if (decode(eq < 0 ? pair : pair.slice(0, eq)) !== 'options' || eq < 0) continue;
				const options = JSON.parse(decode(pair.slice(eq + 1)));
				for (const key in options) {
					const query = options[key];
					if (key.toLowerCase() !== 'query' || !query || typeof query !== 'object') continue;
					for (const name in query) {
						const value = query[name];
						const lower = name.toLowerCase();
						const text = typeof value === 'string' ? value : JSON.stringify(value);
						if (lower === 'filter' || lower === 'sort') filters.push(text);
						else if (lower === 'expand') expands.push(text);
					}
				}
			}
		} catch {
			return null;
		}
	}
	return { collection: topic.split('/')[0], filters: filters, expands: expands };
}

/** List requests a user may make per minute (KRACHTKAART_LIST_BUDGET): plenty for the app. */
const LIST_BUDGET_PER_MINUTE = 600;
const BUDGET_PREFIX = 'krachtkaart.listBudget.';

/**
 * The stored count ('count,windowStart') after one more list request at `now` (seconds), and
 * whether it is over the budget.
 * @example spendListBudget('600,1000', 1010, 600) // { value: '601,1000', over: true }
 * @param {unknown} value @param {number} now @param {number} budget
 */
function spendListBudget(value, now, budget) {
	const parts = String(value || '').split(',');
	const start = Number(parts[1]);
	const fresh = !value || !(now - start < 60);
	const count = fresh ? 1 : (Number(parts[0]) || 0) + 1;
	return { value: count + ',' + (fresh ? now : start), over: count > budget };
}

module.exports = {
	ROLES,
	FIELDS,
	FILTER_LIMITS,
	REFUSAL,
	LIST_BUDGET_PER_MINUTE,
	BUDGET_PREFIX,
	CHANGED_PER_REQUEST,
	fieldLevel,
	droppedFields,
	getsAsStored,
	filterPaths,
	sortPaths,
	pathRefusal,
	queryRefusal,
	expandRefusal,
	subscriptionFilters,
	spendListBudget
};
