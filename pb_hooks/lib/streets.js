// The street an asset stands in: that of the nearest address within 250 m, in the asset's area or
// an area directly below it, or '' when there is none (a park, a wijk-wide institution). Walks go
// street by street, so a stale asset is re-checked on the next walk down its street.
//
// A street is its name in its place (two Dorpsstraten of a region are two walks: the walk list
// keys doors by street and `city`). An asset keeps the street's name only, with no migration: the
// name is found among the addresses of its own area and the areas directly below it, and what
// groups assets by street (a street's middle in lib/precision.js, the gap input per buurt) does so
// within that area, which in practice lies in one woonplaats.

const RADIUS_M = 250;
const METRES_PER_DEGREE = 111_320;

/**
 * @param {core.App} app
 * @param {{ lon: number, lat: number }} point
 * @param {string} areaId
 * @returns {string}
 */
function nearestStreet(app, point, areaId) {
	if (!areaId || !point || (point.lon === 0 && point.lat === 0)) return '';
	// Equirectangular distance, in degrees of latitude: plenty within a few hundred metres.
	const lonScale = Math.cos((point.lat * Math.PI) / 180);
	const rows = arrayOf(new DynamicModel({ street: '' }));
	app
		.db()
		.newQuery(
			`SELECT street FROM (
					SELECT street,
						((json_extract(location, '$.lon') - {:lon}) * {:lonScale}) AS dx,
						(json_extract(location, '$.lat') - {:lat}) AS dy
					FROM addresses
					WHERE area IN (SELECT {:area} UNION SELECT id FROM areas WHERE parent = {:area}))
				WHERE dx * dx + dy * dy <= {:radius2}
				ORDER BY dx * dx + dy * dy
				LIMIT 1`
		)
		.bind({
			lon: point.lon,
			lat: point.lat,
			lonScale,
			area: areaId,
			radius2: Math.pow(RADIUS_M / METRES_PER_DEGREE, 2)
		})
		.all(rows);
	return rows.length > 0 ? rows[0].street : '';
}

/** Sets `street` from the record's location and area. @param {core.App} app @param {core.Record} record */
function setStreet(app, record) {
	const location = record.get('location');
	record.set(
		'street',
		nearestStreet(
			app,
			location ? { lon: location.lon, lat: location.lat } : null,
			record.getString('area')
		)
	);
}

module.exports = { nearestStreet, setStreet, RADIUS_M };
