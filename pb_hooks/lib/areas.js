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

// The first tables of the snapshot queries (map, walk, gap input), which bypass the API rules:
// `asked` and `mine`, the areas bound as {:asked} and {:mine} (JSON arrays of ids) and those at
// most two levels below them (buurt ▸ wijk ▸ gemeente), as the rules' `area`, `area.parent`,
// `area.parent.parent`; UNION also stops a parent cycle. Follows WITH RECURSIVE.
const below = (name) => `${name}(id, depth) AS (
	SELECT value, 0 FROM json_each({:${name}})
	UNION SELECT a.id, ${name}.depth + 1 FROM areas a JOIN ${name} ON a.parent = ${name}.id
	WHERE ${name}.depth < 2)`;
const ASKED_AND_MINE = `${below('asked')}, ${below('mine')}`;

module.exports = { isWithinAreas, ASKED_AND_MINE };
