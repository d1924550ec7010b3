// Location precision: the point of an asset that someone who may not see its stored point gets.
// A resident's gift or key figure is stored where the worker put it (her door, with consent);
// its `precision` says how much of that point others may see. Admins, coordinators and workers
// (limited to their areas by the API rules) and superusers see the stored `location`; everyone
// else (viewers) gets `publicLocation`, which the server computes on every save
// (assets.pb.js) and keeps hidden:
//   exact  → the location itself
//   street → the middle of the addresses of the asset's street in its area or an area directly
//            below it (as lib/streets.js finds the street), when there are at least
//            MIN_STREET_ADDRESSES of them; otherwise the middle of its ~250 m grid cell
//   area   → the middle of the area's bounding box; without a geometry the ~1 km grid cell
// pb_migrations/1763901500_assets_public_location.js computes the same for stored assets, in SQL.
// It goes stale when what it was computed from changes elsewhere: an address's location, street or
// area (a street's middle), an area's geometry (its box) or parent (the areas directly below it).
// addresses.pb.js and areas.pb.js then recompute the assets concerned in SQL, in the same transaction
// (refreshStreetPoints, refreshAreaPoints), the same way as publicPoint does for one asset.

/** Roles that see an asset's stored point (within the areas the API rules give them). */
const EXACT_ROLES = ['admin', 'coordinator', 'worker'];
/** Fewer addresses than this and the street's middle lies next to a door: the grid cell instead. */
const MIN_STREET_ADDRESSES = 5;
const STREET_CELL_M = 250;
const AREA_CELL_M = 1000;
const METRES_PER_DEGREE = 111_320;

/** @param {core.Record | null | undefined} auth @returns {boolean} may see stored points */
function seesExactPoint(auth) {
	if (!auth) return false;
	if (auth.isSuperuser()) return true;
	return auth.collection().name === 'users' && EXACT_ROLES.indexOf(auth.getString('role')) >= 0;
}

/**
 * The middle of the grid cell the point lies in: cells of `metres` north to south, and as many
 * metres east to west at the cell's latitude.
 * @param {{ lon: number, lat: number }} point
 * @param {number} metres
 */
function cellMiddle(point, metres) {
	const dLat = metres / METRES_PER_DEGREE;
	const lat = (Math.floor(point.lat / dLat) + 0.5) * dLat;
	const dLon = dLat / Math.cos((lat * Math.PI) / 180);
	return { lon: (Math.floor(point.lon / dLon) + 0.5) * dLon, lat: lat };
}

/**
 * The middle of a street's addresses in an area (or its children), or null when it has fewer
 * than `minAddresses` (those at 0,0 not counted).
 * @param {core.App} app @param {string} street @param {string} areaId
 * @param {number} [minAddresses] MIN_STREET_ADDRESSES for a public point
 */
function streetMiddle(app, street, areaId, minAddresses = MIN_STREET_ADDRESSES) {
	if (!street || !areaId) return null;
	// As text: a DynamicModel takes its column types from JS values, and 0.0 is an integer there.
	const rows = arrayOf(new DynamicModel({ lon: '', lat: '', n: 0 }));
	app
		.db()
		.newQuery(
			`SELECT CAST(avg(json_extract(location, '$.lon')) AS TEXT) AS lon,
				CAST(avg(json_extract(location, '$.lat')) AS TEXT) AS lat, count(*) AS n
			FROM addresses
			WHERE street = {:street}
				AND area IN (SELECT {:area} UNION SELECT id FROM areas WHERE parent = {:area})
				AND NOT (json_extract(location, '$.lon') = 0 AND json_extract(location, '$.lat') = 0)`
		)
		.bind({ street: street, area: areaId })
		.all(rows);
	if (rows.length === 0 || rows[0].n < minAddresses) return null;
	return { lon: Number(rows[0].lon), lat: Number(rows[0].lat) };
}

/** The middle of the area's bounding box, or null without a geometry. */
function areaMiddle(app, areaId) {
	if (!areaId) return null;
	let geometry;
	try {
		geometry = JSON.parse(app.findRecordById('areas', areaId).getString('geometry') || 'null');
	} catch {
		return null;
	}
	const box = { west: Infinity, east: -Infinity, south: Infinity, north: -Infinity };
	// Polygon and MultiPolygon alike: every array whose first item is a number is a position.
	const visit = (node) => {
		if (!Array.isArray(node)) return;
		if (typeof node[0] === 'number' && typeof node[1] === 'number') {
			box.west = Math.min(box.west, node[0]);
			box.east = Math.max(box.east, node[0]);
			box.south = Math.min(box.south, node[1]);
			box.north = Math.max(box.north, node[1]);
			return;
		}
		node.forEach(visit);
	};
	visit(geometry && geometry.coordinates);
	if (box.west === Infinity) return null;
	return { lon: (box.west + box.east) / 2, lat: (box.south + box.north) / 2 };
}

/**
 * The point of the asset that those who may not see its stored point get.
 * @param {core.App} app
 * @param {core.Record} record an asset, with its `street` already set
 * @returns {{ lon: number, lat: number }}
 */
function publicPoint(app, record) {
	const location = record.get('location');
	const point = { lon: location ? location.lon : 0, lat: location ? location.lat : 0 };
	const precision = record.getString('precision');
	const area = record.getString('area');
	if (precision === 'exact') return point;
	if (precision === 'street') {
		return streetMiddle(app, record.getString('street'), area) || cellMiddle(point, STREET_CELL_M);
	}
	// Anything else is the coarsest there is.
	return areaMiddle(app, area) || cellMiddle(point, AREA_CELL_M);
}

/** Sets `publicLocation` from the record's location, precision, area and street. */
function setPublicLocation(app, record) {
	record.set('publicLocation', publicPoint(app, record));
}

const isUnset = (point) => !point || (point.lon === 0 && point.lat === 0);
const same = (record, original, name) =>
	JSON.stringify(record.get(name)) === JSON.stringify(original.get(name));

/**
 * Whether a save must compute `publicLocation`: on create unless a superuser gave one (PocketBase
 * drops the hidden field from anyone else's body), on update when what it follows changed and
 * nobody (a superuser) set it in the same save.
 * @param {core.Record} record
 * @param {boolean} isNew
 */
function needsPublicLocation(record, isNew) {
	if (isUnset(record.get('publicLocation'))) return true;
	if (isNew) return false;
	const original = record.original();
	if (!same(record, original, 'publicLocation')) return false;
	return ['location', 'precision', 'area', 'street'].some((name) => !same(record, original, name));
}

/**
 * What someone who may not see stored points gets of an asset: the public point, and no street
 * when only the area may be known. Changes only the response's copy.
 * @param {core.Record} record
 */
function coarsen(record) {
	const precision = record.getString('precision');
	if (precision === 'exact') return;
	record.set('location', record.get('publicLocation'));
	if (precision !== 'street') record.set('street', '');
}

/** SQL: `point`'s columns lon and lat as the middle of their grid cell of `metres`. */
const cellSql = (metres) => `
	band AS (SELECT id, lon, (floor(lat / ${metres / METRES_PER_DEGREE}) + 0.5) * ${metres / METRES_PER_DEGREE} AS lat FROM point),
	cell AS (SELECT id, lon, lat, ${metres / METRES_PER_DEGREE} / cos((lat * pi()) / 180) AS dLon FROM band)`;
const CELL_POINT = `json_object('lon', (floor(cell.lon / cell.dLon) + 0.5) * cell.dLon, 'lat', cell.lat)`;

/**
 * Recomputes `publicLocation` of the street-precision assets whose street middle may have
 * changed, as publicPoint would: the middle of their street's addresses in their area or an area
 * directly below it, when at least MIN_STREET_ADDRESSES; otherwise their grid cell. One UPDATE.
 * Returns how many assets it recomputed.
 *
 * @example
 * // An address on Zamenhofdreef in buurt b1 moved: the assets on that street in b1 and in b1's wijk.
 * refreshStreetPoints(app, { street: 'Zamenhofdreef', areas: ['b1'], withParents: true })
 * @param {core.App} app
 * @param {{ street?: string, areas: string[], withParents: boolean }} scope the assets in these
 *   areas (and their parents), on this street when given
 */
function refreshStreetPoints(app, scope) {
	const areas = scope.areas.filter(Boolean);
	if (areas.length === 0 || scope.street === '') return 0;
	// Which assets first, in a small query: most address saves (an import) concern none, and the
	// recomputation below costs a millisecond even when it finds nothing to do.
	const rows = arrayOf(new DynamicModel({ id: '' }));
	app
		.db()
		.newQuery(
			`SELECT id FROM assets
			WHERE precision = 'street' AND ({:anyStreet} OR street = {:street})
				AND area IN (SELECT value FROM json_each({:areas})
					UNION SELECT parent FROM areas
					WHERE {:withParents} AND id IN (SELECT value FROM json_each({:areas})) AND parent != '')`
		)
		.bind({
			areas: JSON.stringify(areas),
			withParents: scope.withParents ? 1 : 0,
			anyStreet: scope.street === undefined ? 1 : 0,
			street: scope.street || ''
		})
		.all(rows);
	if (rows.length === 0) return 0;
	const result = app
		.db()
		.newQuery(
			`WITH target AS (SELECT id, street, area FROM assets
				WHERE id IN (SELECT value FROM json_each({:ids}))),
			middle AS (
				SELECT t.id AS id, avg(json_extract(a.location, '$.lon')) AS lon,
					avg(json_extract(a.location, '$.lat')) AS lat, count(a.id) AS n
				FROM target t LEFT JOIN addresses a ON t.street != '' AND a.street = t.street
					AND a.area IN (SELECT t.area UNION SELECT id FROM areas WHERE parent = t.area)
					AND NOT (json_extract(a.location, '$.lon') = 0 AND json_extract(a.location, '$.lat') = 0)
				GROUP BY t.id),
			point AS (
				SELECT s.id AS id, coalesce(json_extract(s.location, '$.lon'), 0) AS lon,
					coalesce(json_extract(s.location, '$.lat'), 0) AS lat
				FROM assets s WHERE s.id IN (SELECT id FROM target)),
			${cellSql(STREET_CELL_M)}
			UPDATE assets SET publicLocation = CASE WHEN middle.n >= ${MIN_STREET_ADDRESSES}
				THEN json_object('lon', middle.lon, 'lat', middle.lat) ELSE ${CELL_POINT} END
			FROM middle JOIN cell ON cell.id = middle.id
			WHERE assets.id = middle.id`
		)
		.bind({ ids: JSON.stringify(rows.map((r) => r.id)) })
		.execute();
	return result.rowsAffected();
}

/**
 * Recomputes `publicLocation` of the area-precision assets of an area, as publicPoint would: the
 * middle of the area's bounding box, or without a geometry their 1 km grid cell. One UPDATE.
 * Returns how many assets it recomputed.
 * @param {core.App} app
 * @param {string} areaId
 */
function refreshAreaPoints(app, areaId) {
	if (!areaId) return 0;
	// Every number in a Polygon's or MultiPolygon's coordinates is a position's lon (0) or lat (1).
	const result = app
		.db()
		.newQuery(
			`WITH box AS (
				SELECT (min(CASE WHEN t.key = 0 THEN t.value END) + max(CASE WHEN t.key = 0 THEN t.value END)) / 2.0 AS lon,
					(min(CASE WHEN t.key = 1 THEN t.value END) + max(CASE WHEN t.key = 1 THEN t.value END)) / 2.0 AS lat
				FROM areas a, json_tree(a.geometry, '$.coordinates') t
				WHERE a.id = {:area} AND json_valid(a.geometry) AND t.type IN ('integer', 'real')),
			point AS (
				SELECT id, coalesce(json_extract(location, '$.lon'), 0) AS lon,
					coalesce(json_extract(location, '$.lat'), 0) AS lat
				FROM assets WHERE area = {:area} AND precision NOT IN ('exact', 'street')),
			${cellSql(AREA_CELL_M)}
			UPDATE assets SET publicLocation = CASE
				WHEN (SELECT lon FROM box) IS NOT NULL AND (SELECT lat FROM box) IS NOT NULL
				THEN json_object('lon', (SELECT lon FROM box), 'lat', (SELECT lat FROM box))
				ELSE ${CELL_POINT} END
			FROM cell WHERE assets.id = cell.id`
		)
		.bind({ area: areaId })
		.execute();
	return result.rowsAffected();
}

module.exports = {
	seesExactPoint,
	cellMiddle,
	streetMiddle,
	publicPoint,
	setPublicLocation,
	needsPublicLocation,
	refreshStreetPoints,
	refreshAreaPoints,
	coarsen,
	MIN_STREET_ADDRESSES,
	STREET_CELL_M,
	AREA_CELL_M
};
