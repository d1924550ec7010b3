// `areas.addressCount`: how many addresses are filed under an area itself (a buurt's; a wijk's
// own, not its buurten's), as the demo sets it. Kept on every single write of an address
// (pb_hooks/addresses.pb.js, in the save's transaction) and recounted after a bulk import.
// Counting again rather than adding one keeps it right whoever wrote what before.

/**
 * Recounts the areas given, or every area without `areaIds`.
 * @param {core.App} app @param {string[]} [areaIds]
 */
function recountAddresses(app, areaIds) {
	if (areaIds) {
		const ids = areaIds.filter(Boolean);
		if (ids.length === 0) return;
		app
			.db()
			.newQuery(
				`UPDATE areas SET addressCount = (SELECT count(*) FROM addresses WHERE area = areas.id)
				WHERE id IN (SELECT value FROM json_each({:ids}))`
			)
			.bind({ ids: JSON.stringify(ids) })
			.execute();
		return;
	}
	app
		.db()
		.newQuery(
			`UPDATE areas SET addressCount = coalesce(
				(SELECT n FROM (SELECT area, count(*) AS n FROM addresses GROUP BY area) c WHERE c.area = areas.id), 0)`
		)
		.execute();
}

module.exports = { recountAddresses };
