// Area membership: is an area one of the user's areas, or below one (buurt ▸ wijk ▸ gemeente)?
/**
 * @param {core.App} app
 * @param {string} areaId
 * @param {string[]} userAreaIds
 */
function isWithinAreas(app, areaId, userAreaIds) {
	// As deep as the API rules look (lib/area-rules.js); the bound also stops a parent cycle.
	const levels = require(`${__hooks}/lib/area-rules.js`).AREA_LEVELS.length;
	let current = areaId;
	for (let depth = 0; current && depth < levels; depth++) {
		if (userAreaIds.indexOf(current) >= 0) return true;
		const area = app.findRecordById('areas', current);
		current = area.getString('parent');
	}
	return false;
}

/**
 * Throws a 403 unless the person's area is one of the user's areas or lies below one (who may
 * read her, as the people rules say); an area that no longer exists is not one of hers.
 * @param {core.App} app
 * @param {core.Record} auth
 * @param {core.Record} person
 */
function requirePersonWithinAreas(app, auth, person) {
	let within = false;
	try {
		within = isWithinAreas(app, person.getString('area'), auth.getStringSlice('areas'));
	} catch {
		// An area that no longer exists: not one of hers.
	}
	if (!within) {
		throw new ForbiddenError('Deze bewoner hoort bij een gebied buiten je eigen gebieden.');
	}
}

/**
 * The areas a record lies in, following the collection's area path (lib/area-rules.js: `area`,
 * `person.area`, `from.area`; an area is its own) to its end, which may be a relation to several
 * areas (a round's `areas.id`, a walk list's `round.areas.id`); [] when it has none, null when
 * the collection has no area path (reference data such as `purposes`).
 * @param {core.App} app
 * @param {core.Record} record
 * @returns {string[] | null}
 */
function areasOfRecord(app, record) {
	const named = require(`${__hooks}/lib/area-rules.js`).areaPathOf(record.collection().name);
	if (named === null) return null;
	const path = named === 'id' ? named : named.replace(/\.id$/, '');
	if (path === 'id') return [record.id];
	let current = record;
	const steps = path.split('.');
	for (let i = 0; i < steps.length - 1; i++) {
		const field = current.collection().fields.getByName(steps[i]);
		const next = current.getString(steps[i]);
		if (!field || !next) return [];
		current = app.findRecordById(field.collectionId, next);
	}
	return current.getStringSlice(steps[steps.length - 1]).filter((id) => id !== '');
}

/**
 * Whether a record lies in her areas as its read rule sees it: one of its areas (areasOfRecord)
 * is one of `userAreaIds` or lies below one (a round meets her areas; that a coordinator writes
 * only rounds wholly within hers is rounds.pb.js's check). A record in no area is in none.
 * @param {core.App} app @param {core.Record} record @param {string[]} userAreaIds
 */
function isRecordWithinAreas(app, record, userAreaIds) {
	const areas = areasOfRecord(app, record) || [];
	return areas.some((area) => isWithinAreas(app, area, userAreaIds));
}

/**
 * Whether another user works where `auth` does: a worker or coordinator with an area that is one
 * of hers, above or below one (as the colleague picker and the users rules see colleagues).
 * @param {core.App} app
 * @param {core.Record} auth
 * @param {core.Record} other
 */
function isColleague(app, auth, other) {
	if (other.id === auth.id) return true;
	const role = other.getString('role');
	if (role !== 'worker' && role !== 'coordinator') return false;
	const mine = auth.getStringSlice('areas');
	const theirs = other.getStringSlice('areas');
	return (
		theirs.some((area) => isWithinAreas(app, area, mine)) ||
		mine.some((area) => isWithinAreas(app, area, theirs))
	);
}

/**
 * Every relation an app user writes must stay within her areas: each record a relation field of a
 * create or update request newly points at (a changed value, an added id) must lie in her areas,
 * a user must be a colleague (isColleague). Authorship fields are the server's and skipped
 * (records.pb.js). Returns { field: { code, message } } for each field that points outside;
 * nothing for admins and superusers, who may point anywhere. An id that does not exist is left
 * to PocketBase's own check (400). Reads only: call it before anything is written.
 * @param {core.RecordRequestEvent} e
 * @returns {Record<string, { code: string, message: string }>}
 */
function relationsOutsideAreas(e) {
	const problems = {};
	const auth = e.auth;
	if (!auth || auth.collection().name !== 'users' || auth.getString('role') === 'admin') {
		return problems;
	}
	const app = e.app;
	const record = e.record;
	const scoped = require(`${__hooks}/lib/area-rules.js`).AREA_SCOPED[record.collection().name];
	const authorship = scoped ? scoped.authorship : [];
	const original = record.original();
	const mine = auth.getStringSlice('areas');
	for (const field of record.collection().fields) {
		if (field.type() !== 'relation' || authorship.indexOf(field.name) >= 0) continue;
		const before = original.getStringSlice(field.name);
		const added = record.getStringSlice(field.name).filter((id) => before.indexOf(id) < 0);
		for (const id of added) {
			let target;
			try {
				target = app.findRecordById(field.collectionId, id);
			} catch {
				continue; // no such record: PocketBase refuses it itself
			}
			// Reference data without an area (a round's purpose) is anybody's to point at.
			const targetName = target.collection().name;
			const areaRules = require(`${__hooks}/lib/area-rules.js`);
			if (targetName !== 'users' && areaRules.areaPathOf(targetName) === null) continue;
			let within = false;
			try {
				within =
					target.collection().name === 'users'
						? isColleague(app, auth, target)
						: isRecordWithinAreas(app, target, mine);
			} catch {
				// A broken area chain (an area that no longer exists): not one of hers.
			}
			if (!within) {
				problems[field.name] = {
					code: 'outside_areas',
					message: `Wijst naar iets buiten je eigen gebieden: ${field.name} / ${field.name} points outside your own areas`
				};
			}
		}
	}
	return problems;
}

/**
 * Throws a 403 naming every relation field of the request that points outside the user's areas
 * (relationsOutsideAreas), before anything is written.
 * @param {core.RecordRequestEvent} e
 */
function refuseRelationsOutsideAreas(e) {
	const problems = relationsOutsideAreas(e);
	const fields = Object.keys(problems);
	if (fields.length === 0) return;
	const data = {};
	for (const field of fields) {
		data[field] = new ValidationError(problems[field].code, problems[field].message);
	}
	const named = fields.join(', ');
	throw new ForbiddenError(
		`Je kunt ${named} niet laten wijzen naar iets buiten je eigen gebieden. / ` +
			`${named} may not point outside your own areas.`,
		data
	);
}

// The first tables of the snapshot queries (map, walk, gap input), which bypass the API rules:
// `asked` and `mine`, the areas bound as {:asked} and {:mine} (JSON arrays of ids) and those at
// most two levels below them (buurt ▸ wijk ▸ gemeente), as the rules' `area`, `area.parent`,
// `area.parent.parent`; UNION also stops a parent cycle. Follows WITH RECURSIVE.
const below = (name) => `${name}(id, depth) AS (
	SELECT value, 0 FROM json_each({:${name}})
	UNION SELECT a.id, ${name}.depth + 1 FROM areas a JOIN ${name} ON a.parent = ${name}.id
	WHERE ${name}.depth < 2)`;
const ASKED_AND_MINE = `${below('asked')}, ${below('mine')}`;

module.exports = {
	isWithinAreas,
	isColleague,
	areasOfRecord,
	isRecordWithinAreas,
	relationsOutsideAreas,
	refuseRelationsOutsideAreas,
	requirePersonWithinAreas,
	ASKED_AND_MINE
};
