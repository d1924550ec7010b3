// Who may do what with area-scoped records: one table, from which every API rule of every
// area-scoped collection is generated (applied by pb_migrations/1763902300_area_rules_from_one_generator.js,
// compared with the live rules by tests/integration/rule-lint.test.ts) and which the hooks read
// for the relations and authorship fields they guard (records.pb.js). Plain CommonJS without
// PocketBase globals, so migrations, hooks and the tests (createRequire) read the same file.
//
// A later change to the table needs a new migration that calls applyAreaRules(app): databases
// that already ran 1763902300 keep the rules it wrote.

/**
 * How far up the area chain a record's area counts: the area itself and two above it (buurt ▸
 * wijk ▸ gemeente). The rules, isWithinAreas (lib/areas.js) and the snapshot queries' ASKED_AND_MINE
 * all go this deep.
 */
const AREA_LEVELS = ['', '.parent', '.parent.parent'];

/** Any signed-in user (the rule's role term is `@request.auth.id != ""`). */
const ANY_ROLE = 'any';

/**
 * @typedef {object} Grant one way to be allowed, besides being an admin (admins may everything a
 *   rule that is not null allows, in every area)
 * @property {string[] | 'any'} roles
 * @property {string} [where] an extra condition, e.g. "worker = @request.auth.id"
 * @property {string[]} [within] relation paths whose area must be one of hers (default: the
 *   collection's `area` path; [] for none)
 */

/**
 * @typedef {object} AreaScoped
 * @property {string} area the path from a record to its area; to several areas, ending in `.id`
 *   (a round's `areas.id`: one of them must be hers)
 * @property {string[]} authorship relations to users that the server sets, never the client
 * @property {Grant[] | null} list  null: nobody but superusers (the server's own routes)
 * @property {Grant[] | null} view
 * @property {Grant[] | null} create
 * @property {Grant[] | null} update
 * @property {Grant[] | null} delete
 */

const FIELD_WORKERS = { roles: ['coordinator', 'worker'] };
const COORDINATORS = { roles: ['coordinator'] };
const EVERY_ROLE = { roles: ANY_ROLE };

/** @type {Record<string, AreaScoped>} */
const AREA_SCOPED = {
	people: {
		area: 'area',
		authorship: ['createdBy'],
		list: [FIELD_WORKERS],
		view: [FIELD_WORKERS],
		create: [FIELD_WORKERS],
		update: [FIELD_WORKERS],
		delete: [COORDINATORS]
	},
	conversations: {
		area: 'area',
		authorship: [],
		list: [FIELD_WORKERS],
		view: [FIELD_WORKERS],
		// A worker logs talks in her own name only, and cannot hand one to somebody else.
		create: [COORDINATORS, { roles: ['worker'], where: 'worker = @request.auth.id' }],
		update: [
			COORDINATORS,
			{
				roles: ['worker'],
				where: 'worker = @request.auth.id && @request.body.worker:isset = false'
			}
		],
		delete: [COORDINATORS]
	},
	assets: {
		area: 'area',
		authorship: ['createdBy', 'confirmedBy'],
		list: [EVERY_ROLE],
		view: [EVERY_ROLE],
		create: [FIELD_WORKERS],
		update: [FIELD_WORKERS],
		delete: [COORDINATORS]
	},
	links: {
		// A link is where its `from` asset is; making one needs both ends in her areas, and only an
		// admin re-points one.
		area: 'from.area',
		authorship: ['createdBy'],
		list: [EVERY_ROLE],
		view: [EVERY_ROLE],
		create: [{ roles: FIELD_WORKERS.roles, within: ['from.area', 'to.area'] }],
		update: [
			{
				roles: FIELD_WORKERS.roles,
				where: '@request.body.from:changed = false && @request.body.to:changed = false'
			}
		],
		delete: [FIELD_WORKERS]
	},
	follow_ups: {
		area: 'area',
		authorship: ['createdBy', 'doneBy'],
		// The assignee sees and ticks off hers wherever it is; coordinators manage their areas'.
		list: [{ roles: ANY_ROLE, where: 'assignee = @request.auth.id', within: [] }, FIELD_WORKERS],
		view: [{ roles: ANY_ROLE, where: 'assignee = @request.auth.id', within: [] }, FIELD_WORKERS],
		create: [FIELD_WORKERS],
		update: [
			COORDINATORS,
			{
				roles: FIELD_WORKERS.roles,
				where:
					'assignee = @request.auth.id && @request.body.area:changed = false && @request.body.conversation:changed = false',
				within: []
			}
		],
		delete: [COORDINATORS]
	},
	resident_links: {
		// Made, used and revoked only through the server's routes (pb_hooks/resident-links.pb.js).
		area: 'person.area',
		authorship: ['createdBy', 'revokedBy'],
		list: [COORDINATORS],
		view: [COORDINATORS],
		create: null,
		update: null,
		delete: null
	},
	// Suggested connections (src/lib/suggestions/README.md): made and decided only through the
	// server's routes (pb_hooks/suggestions.pb.js). Both ends must lie in her areas: the pair's
	// `area` (the wish's or the initiative's) and the gift's. Workers read them too: they may read
	// every talk, person and asset a suggestion points at already, and they make the introductions.
	connection_suggestions: {
		area: 'area',
		authorship: ['decidedBy'],
		list: [{ roles: FIELD_WORKERS.roles, within: ['area', 'gift.area'] }],
		view: [{ roles: FIELD_WORKERS.roles, within: ['area', 'gift.area'] }],
		create: null,
		update: null,
		delete: null
	},
	// Listening rounds (src/lib/rounds/README.md). A round lies in several areas (`areas`, the
	// target buurten): the rules let her in when one of them is hers; that a coordinator writes
	// only rounds, questions and lists whose areas are all hers is checked by rounds.pb.js, and a
	// worker's change of a list (check out, give back) too.
	rounds: {
		area: 'areas.id',
		authorship: ['createdBy'],
		list: [FIELD_WORKERS],
		view: [FIELD_WORKERS],
		create: [COORDINATORS],
		update: [COORDINATORS],
		delete: [COORDINATORS]
	},
	round_questions: {
		area: 'round.areas.id',
		authorship: [],
		list: [FIELD_WORKERS],
		view: [FIELD_WORKERS],
		create: [COORDINATORS],
		update: [COORDINATORS],
		delete: [COORDINATORS]
	},
	ladder_steps: {
		// The ABCD ladder's history (src/lib/ladder/README.md): written only by the server
		// (pb_hooks/ladder.pb.js: derived steps, and a coordinator's step through its route).
		area: 'area',
		authorship: ['setBy', 'causedBy'],
		list: [FIELD_WORKERS],
		view: [FIELD_WORKERS],
		create: null,
		update: null,
		delete: null
	},
	walk_lists: {
		// `checkedOutBy` is the server's: a list is checked out with `{ checkOut: true }` and given
		// back with `{ giveBack: true }` (rounds.pb.js).
		area: 'round.areas.id',
		authorship: ['checkedOutBy'],
		list: [FIELD_WORKERS],
		view: [FIELD_WORKERS],
		create: [COORDINATORS],
		update: [FIELD_WORKERS],
		delete: [COORDINATORS]
	}
};

/**
 * Collections that relate to areas without being area-scoped, and why. A collection with a
 * relation to `areas` or to an area-scoped collection must be in AREA_SCOPED or here
 * (tests/integration/rule-lint.test.ts).
 */
const NOT_AREA_SCOPED = {
	areas:
		'reference data every signed-in user reads; admins change it, coordinators add custom areas',
	addresses: 'reference data: every signed-in user reads the doors, only admins write them',
	users: 'her areas say where she works; who reads users is the users rules’ own matter'
};

/** Where a record's area is found, for every collection a relation may point into. */
function areaPathOf(collection) {
	if (collection === 'areas') return 'id';
	if (collection === 'addresses') return 'area';
	const scoped = AREA_SCOPED[collection];
	return scoped ? scoped.area : null;
}

const RULE_NAMES = {
	list: 'listRule',
	view: 'viewRule',
	create: 'createRule',
	update: 'updateRule',
	delete: 'deleteRule'
};

/**
 * "The area at `path` is one of hers or lies below one". Each term counts only when its area is
 * set: PocketBase compares an empty `@request.auth.areas` as "", and so is a gemeente's parent.
 * @example withinAreas('area') // '((area != "" && @request.auth.areas.id ?= area) || (area.parent != "" && …) || …)'
 */
function withinAreas(path) {
	// A relation to several areas is named with `.id` (`areas.id`): PocketBase compares the bare
	// field as its stored list; the levels above go on from the relation (`areas.parent`).
	const base = path.replace(/\.id$/, '');
	const terms = AREA_LEVELS.map((level) => {
		const area = level === '' ? path : base + level;
		return `(${area} != "" && @request.auth.areas.id ?= ${area})`;
	});
	return `(${terms.join(' || ')})`;
}

/** @param {string[] | 'any'} roles */
function roleTerm(roles) {
	if (roles === ANY_ROLE) return '@request.auth.id != ""';
	const terms = roles.map((role) => `@request.auth.role = "${role}"`);
	return terms.length === 1 ? terms[0] : `(${terms.join(' || ')})`;
}

/**
 * One rule from its grants: admins, or anyone a grant lets in; null (superusers only) for null.
 * @param {Grant[] | null} grants
 * @param {string} area the collection's area path
 */
function ruleOf(grants, area) {
	if (grants === null) return null;
	const allowed = grants.map((grant) => {
		// Every grant names its roles, so none is met by an anonymous request.
		const terms = [roleTerm(grant.roles)];
		if (grant.where) terms.push(grant.where);
		for (const path of grant.within || [area]) terms.push(withinAreas(path));
		return `(${terms.join(' && ')})`;
	});
	return ['@request.auth.role = "admin"'].concat(allowed).join(' || ');
}

/**
 * The five API rules of an area-scoped collection, as PocketBase names them.
 * @param {string} collection
 * @returns {{ listRule: string | null, viewRule: string | null, createRule: string | null, updateRule: string | null, deleteRule: string | null }}
 */
function areaRules(collection) {
	const scoped = AREA_SCOPED[collection];
	if (!scoped) throw new Error(`area-rules: ${collection} is not an area-scoped collection`);
	const rules = {};
	for (const operation of Object.keys(RULE_NAMES)) {
		rules[RULE_NAMES[operation]] = ruleOf(scoped[operation], scoped.area);
	}
	return rules;
}

/**
 * Sets the generated rules on every area-scoped collection that exists (from a migration): one
 * added to the table later is created, with its rules, by a migration of its own, after the
 * earlier ones that call this ran.
 * @param {{ findCollectionByNameOrId(name: string): any, save(model: any): void }} app
 */
function applyAreaRules(app) {
	for (const name of Object.keys(AREA_SCOPED)) {
		let collection;
		try {
			collection = app.findCollectionByNameOrId(name);
		} catch {
			continue;
		}
		const rules = areaRules(name);
		for (const rule of Object.keys(rules)) collection[rule] = rules[rule];
		app.save(collection);
	}
}

module.exports = {
	AREA_LEVELS,
	AREA_SCOPED,
	NOT_AREA_SCOPED,
	areaPathOf,
	areaRules,
	applyAreaRules,
	withinAreas
};
