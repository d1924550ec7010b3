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

module.exports = { isWithinAreas };
