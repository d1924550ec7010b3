// The `areas` query parameter of the snapshot routes (map, walk): 1 to 100 record ids, separated
// by commas. Anything else is refused before a query runs.

/** @param {core.RequestEvent} e @returns {string[]} */
function askedAreas(e) {
	const asked = String(e.request.url.query().get('areas') || '')
		.split(',')
		.filter((id) => id !== '');
	if (asked.length === 0 || asked.length > 100 || asked.some((id) => !/^[a-z0-9]{15}$/.test(id))) {
		throw new BadRequestError('areas: give 1 to 100 area ids, separated by commas.');
	}
	return asked;
}

module.exports = { askedAreas };
