// Area membership: is an area one of the user's areas, or below one (buurt ▸ wijk ▸ gemeente)?
/**
 * @param {core.App} app
 * @param {string} areaId
 * @param {string[]} userAreaIds
 */
function isWithinAreas(app, areaId, userAreaIds) {
	let current = areaId;
	// Three levels deep at most (buurt ▸ wijk ▸ gemeente); the bound also stops a parent cycle.
	for (let depth = 0; current && depth < 4; depth++) {
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

// The first tables of the snapshot queries (map, walk, gap input), which bypass the API rules:
// `asked` and `mine`, the areas bound as {:asked} and {:mine} (JSON arrays of ids) and those at
// most two levels below them (buurt ▸ wijk ▸ gemeente), as the rules' `area`, `area.parent`,
// `area.parent.parent`; UNION also stops a parent cycle. Follows WITH RECURSIVE.
const below = (name) => `${name}(id, depth) AS (
	SELECT value, 0 FROM json_each({:${name}})
	UNION SELECT a.id, ${name}.depth + 1 FROM areas a JOIN ${name} ON a.parent = ${name}.id
	WHERE ${name}.depth < 2)`;
const ASKED_AND_MINE = `${below('asked')}, ${below('mine')}`;

module.exports = { isWithinAreas, requirePersonWithinAreas, ASKED_AND_MINE };
