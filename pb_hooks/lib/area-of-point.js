// Which area a point lies in, for every point the server stores: an address's `location`, an
// asset's `location`, a conversation's door (its address's point) or, without a door, its own GPS
// `location` (a talk's GPS point may lie far from its door: `farFromAddress`; the door decides).
//
// - Filed under an area: the point must lie in that area's geometry or in that of an area below it
//   (as deep as the API rules look: buurt ▸ wijk ▸ gemeente), within TOLERANCE_M of its edge
//   (simplified CBS outlines and BAG points on a shared boundary). Otherwise a 400 naming the
//   point's field (`location`, or `address` for a talk at a door) and the area.
// - An area without geometry (a custom area still to be drawn, a gemeente whose outline was not
//   loaded) checks nothing: there is nothing to check against.
// - No area given: the buurt containing the point is assigned (the first by code), or a 400 on
//   `area` when no buurt contains it; a talk at a door gets the door's area.
// - A talk at a door filed under its area or below it is always in it (the door's own point was
//   checked when the door was stored; doors stored before this check must not block an outbox).
//
// Fast enough for imports through the record API: the areas are read once per VM and kept until an
// area changes (a token in the app store, set by the areas hooks in areas.pb.js); each
// check is a bounding-box test before the ring test. An area the cache does not know yet (created
// in the same transaction) is read from the app given.

const TOLERANCE_M = 10;
const METRES_PER_DEGREE = 111_320;
const VERSION_KEY = 'krachtkaart.areaGeometryVersion';
const DEPTH = 2; // below the area filed under: wijk ▸ buurt, as AREA_LEVELS in lib/area-rules.js

/**
 * @typedef {object} CachedArea
 * @property {string} id
 * @property {string} code
 * @property {string} name
 * @property {string} level
 * @property {string} parent
 * @property {string} raw the geometry as stored ('' or 'null' for none)
 * @property {number[][][][] | null | undefined} polygons parsed on first use; null: none
 * @property {number[] | null | undefined} bbox [west, south, east, north]
 */

/** @type {{ version: any, byId: Record<string, CachedArea>, children: Record<string, string[]>, buurten: string[] } | null} */
let cache = null;

/** Marks every VM's cached areas stale (call after any change of an area). */
function bumpAreaVersion() {
	$app.store().set(VERSION_KEY, $security.randomString(16));
}

/** @param {any} row @returns {CachedArea} */
function entryOf(row) {
	return {
		id: row.id,
		code: row.code,
		name: row.name,
		level: row.level,
		parent: row.parent,
		raw: row.geometry,
		polygons: undefined,
		bbox: undefined
	};
}

const ROW = () =>
	new DynamicModel({ id: '', code: '', name: '', level: '', parent: '', geometry: '' });
const COLUMNS = `id, code, name, level, parent, coalesce(geometry, '') AS geometry`;

/** @param {core.App} app */
function areas(app) {
	const version = $app.store().get(VERSION_KEY);
	if (cache && cache.version === version) return cache;
	const rows = arrayOf(ROW());
	app.db().newQuery(`SELECT ${COLUMNS} FROM areas ORDER BY code`).all(rows);
	/** @type {Record<string, CachedArea>} */
	const byId = {};
	/** @type {Record<string, string[]>} */
	const children = {};
	const buurten = [];
	for (const row of rows) {
		const entry = entryOf(row);
		byId[entry.id] = entry;
		if (entry.parent) (children[entry.parent] = children[entry.parent] || []).push(entry.id);
		if (entry.level === 'buurt') buurten.push(entry.id);
	}
	cache = { version, byId, children, buurten };
	return cache;
}

/** @param {core.App} app @param {string} id @returns {CachedArea | null} */
function areaById(app, id) {
	const known = areas(app).byId[id];
	if (known) return known;
	// Not committed yet when the cache was read (an import creating areas and addresses together).
	const rows = arrayOf(ROW());
	app.db().newQuery(`SELECT ${COLUMNS} FROM areas WHERE id = {:id}`).bind({ id }).all(rows);
	return rows.length > 0 ? entryOf(rows[0]) : null;
}

/** @param {core.App} app @param {string} id @returns {string[]} */
function childrenOf(app, id) {
	const known = areas(app).children[id] || [];
	const rows = arrayOf(new DynamicModel({ id: '' }));
	// Cheap (idx on parent) and also sees children created in the same transaction.
	app.db().newQuery(`SELECT id FROM areas WHERE parent = {:id}`).bind({ id }).all(rows);
	if (rows.length === known.length) return known;
	return rows.map((r) => r.id);
}

/** Parses the geometry once: its polygons (rings of [lon, lat]) and box; null without one. */
function prepare(/** @type {CachedArea} */ area) {
	if (area.polygons !== undefined) return;
	area.polygons = null;
	area.bbox = null;
	let geometry;
	try {
		geometry = area.raw && area.raw !== 'null' ? JSON.parse(area.raw) : null;
	} catch {
		return; // the areas hook refuses unparsable geometry; treat as none
	}
	if (!geometry || !Array.isArray(geometry.coordinates)) return;
	const polygons =
		geometry.type === 'Polygon'
			? [geometry.coordinates]
			: geometry.type === 'MultiPolygon'
				? geometry.coordinates
				: null;
	if (!polygons || polygons.length === 0) return;
	let west = Infinity;
	let south = Infinity;
	let east = -Infinity;
	let north = -Infinity;
	for (const polygon of polygons) {
		for (const position of polygon[0] || []) {
			if (position[0] < west) west = position[0];
			if (position[0] > east) east = position[0];
			if (position[1] < south) south = position[1];
			if (position[1] > north) north = position[1];
		}
	}
	area.polygons = polygons;
	area.bbox = [west, south, east, north];
}

/** Ray casting: inside a ring (its edge may count either way; the tolerance covers edges). */
function inRing(/** @type {number[][]} */ ring, /** @type {number} */ x, /** @type {number} */ y) {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const xi = ring[i][0];
		const yi = ring[i][1];
		const xj = ring[j][0];
		const yj = ring[j][1];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

/** Metres from the point to the nearest edge of the ring (equirectangular: fine over metres). */
function metresToRing(
	/** @type {number[][]} */ ring,
	/** @type {number} */ x,
	/** @type {number} */ y,
	/** @type {number} */ lonScale
) {
	let best = Infinity;
	for (let i = 0; i + 1 < ring.length; i++) {
		const ax = (ring[i][0] - x) * lonScale;
		const ay = ring[i][1] - y;
		const bx = (ring[i + 1][0] - x) * lonScale;
		const by = ring[i + 1][1] - y;
		const dx = bx - ax;
		const dy = by - ay;
		const length2 = dx * dx + dy * dy;
		const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
		const px = ax + t * dx;
		const py = ay + t * dy;
		best = Math.min(best, Math.sqrt(px * px + py * py));
	}
	return best * METRES_PER_DEGREE;
}

/**
 * Whether the point lies in the area's geometry (or within `toleranceM` of its edge); null when the
 * area has no geometry.
 * @param {CachedArea} area @param {{ lon: number, lat: number }} point
 */
function contains(area, point, toleranceM = TOLERANCE_M) {
	prepare(area);
	if (!area.polygons || !area.bbox) return null;
	const x = point.lon;
	const y = point.lat;
	const margin = toleranceM / METRES_PER_DEGREE;
	const lonScale = Math.cos((y * Math.PI) / 180);
	const lonMargin = margin / Math.max(lonScale, 0.01);
	const [west, south, east, north] = area.bbox;
	if (x < west - lonMargin || x > east + lonMargin || y < south - margin || y > north + margin) {
		return false;
	}
	for (const polygon of area.polygons) {
		if (!polygon[0] || !inRing(polygon[0], x, y)) continue;
		let inHole = false;
		for (let h = 1; h < polygon.length; h++) {
			if (inRing(polygon[h], x, y)) {
				// Inside a hole, unless close to its edge.
				inHole = toleranceM <= 0 || metresToRing(polygon[h], x, y, lonScale) > toleranceM;
				if (inHole) break;
			}
		}
		if (!inHole) return true;
	}
	if (toleranceM <= 0) return false;
	for (const polygon of area.polygons) {
		for (const ring of polygon) {
			if (metresToRing(ring, x, y, lonScale) <= toleranceM) return true;
		}
	}
	return false;
}

/** @param {any} point @returns {point is { lon: number, lat: number }} */
function isPoint(point) {
	return (
		!!point &&
		typeof point.lon === 'number' &&
		typeof point.lat === 'number' &&
		isFinite(point.lon) &&
		isFinite(point.lat) &&
		!(point.lon === 0 && point.lat === 0)
	);
}

/**
 * Whether the point lies in the area or in an area up to two levels below it; true when the area
 * (and so the chain) has no geometry to check against, or does not exist (PocketBase refuses that
 * relation itself).
 * @param {core.App} app @param {{ lon: number, lat: number }} point @param {string} areaId
 */
function isInArea(app, point, areaId) {
	const area = areaById(app, areaId);
	if (!area) return true;
	const inside = contains(area, point);
	if (inside === null || inside) return true;
	// Its own outline may be simplified apart from those below it: a buurt's counts too.
	let level = [areaId];
	for (let depth = 0; depth < DEPTH && level.length > 0; depth++) {
		const next = [];
		for (const id of level) {
			for (const childId of childrenOf(app, id)) {
				const child = areaById(app, childId);
				if (child && contains(child, point) === true) return true;
				next.push(childId);
			}
		}
		level = next;
	}
	return false;
}

/**
 * The buurt whose geometry contains the point (the first by code; the edge tolerance only when no
 * buurt contains it outright), or null.
 * @param {core.App} app @param {{ lon: number, lat: number }} point
 * @returns {{ id: string, code: string, name: string } | null}
 */
function buurtAt(app, point) {
	const all = areas(app);
	for (const tolerance of [0, TOLERANCE_M]) {
		for (const id of all.buurten) {
			const buurt = all.byId[id];
			if (contains(buurt, point, tolerance) === true) {
				return { id: buurt.id, code: buurt.code, name: buurt.name };
			}
		}
	}
	return null;
}

/** Whether `areaId` is `under` or lies below it (lib/areas.js isWithinAreas; false if broken). */
function isFiledUnder(
	/** @type {core.App} */ app,
	/** @type {string} */ areaId,
	/** @type {string} */ under
) {
	try {
		return require(`${__hooks}/lib/areas.js`).isWithinAreas(app, areaId, [under]);
	} catch {
		return false; // an area that no longer exists
	}
}

const NAMES = {
	addresses: 'adres / address',
	assets: 'kracht / asset',
	conversations: 'gesprek / conversation'
};

/**
 * The point a record is placed by, and the field it comes from: a conversation's door when it has
 * one (its GPS point may lie elsewhere), otherwise the record's `location`; null without a point.
 * @param {core.App} app @param {core.Record} record
 * @returns {{ point: { lon: number, lat: number }, field: string, filedUnder?: string } | null}
 *   `filedUnder`: the door's own area
 */
function pointOf(app, record) {
	if (record.collection().name === 'conversations') {
		const addressId = record.getString('address');
		if (addressId) {
			let address;
			try {
				address = app.findRecordById('addresses', addressId);
			} catch {
				return null; // no such address: PocketBase refuses the relation itself
			}
			const door = address.get('location');
			return isPoint(door)
				? {
						point: { lon: door.lon, lat: door.lat },
						field: 'address',
						filedUnder: address.getString('area')
					}
				: null;
		}
	}
	const location = record.get('location');
	return isPoint(location)
		? { point: { lon: location.lon, lat: location.lat }, field: 'location' }
		: null;
}

/** Whether a record's point or area changed (always for a new record). @param {core.Record} record */
function placeChanged(record) {
	if (record.isNew()) return true;
	const original = record.original();
	return ['location', 'area', 'address'].some(
		(name) => JSON.stringify(record.get(name)) !== JSON.stringify(original.get(name))
	);
}

/**
 * Checks a record's point against its area, or assigns the buurt containing it when it has no
 * area (setting `area` on the record). Returns { field: { code, message } } for what is wrong,
 * empty when it is fine. Reads only (and sets `area`): call it before anything is written.
 * @param {core.App} app @param {core.Record} record an address, asset or conversation
 * @returns {Record<string, { code: string, message: string }>}
 */
function placeProblems(app, record) {
	const problems = {};
	if (!placeChanged(record)) return problems;
	const placed = pointOf(app, record);
	if (!placed) return problems;
	const { point, field, filedUnder } = placed;
	const where = `(${point.lon}, ${point.lat})`;
	const areaId = record.getString('area');
	if (!areaId && filedUnder) {
		record.set('area', filedUnder); // a talk at a door: the door's area
		return problems;
	}
	if (!areaId) {
		const buurt = buurtAt(app, point);
		if (buurt) {
			record.set('area', buurt.id);
		} else {
			problems.area = {
				code: 'no_area_at_point',
				message: `Geen buurt bevat het punt ${where} van dit ${NAMES[record.collection().name] || 'record'}: kies een gebied / no buurt contains the point ${where}; give an area`
			};
		}
		return problems;
	}
	// A talk at a door filed under this area or below it is in it, wherever an older door's point
	// lies (doors stored before this check; its outbox must never get stuck on them).
	if (filedUnder && isFiledUnder(app, filedUnder, areaId)) return problems;
	if (!isInArea(app, point, areaId)) {
		const area = areaById(app, areaId);
		const label = area ? `${area.name} (${area.code})` : areaId;
		const what = field === 'address' ? 'Het adres van dit gesprek' : 'Het punt';
		const whatEn = field === 'address' ? "the conversation's address" : 'the point';
		problems[field] = {
			code: 'outside_area',
			message: `${what} ${where} ligt buiten gebied ${label} / ${whatEn} ${where} lies outside area ${label}`
		};
	}
	return problems;
}

/**
 * Throws a 400 naming each field whose point lies outside the record's area (placeProblems);
 * assigns the area when none was given.
 * @param {core.App} app @param {core.Record} record
 */
function refuseMisplaced(app, record) {
	const problems = placeProblems(app, record);
	const fields = Object.keys(problems);
	if (fields.length === 0) return;
	const data = {};
	for (const name of fields) {
		data[name] = new ValidationError(problems[name].code, problems[name].message);
	}
	throw new BadRequestError(problems[fields[0]].message, data);
}

/**
 * The first request hook (create and update) of every collection that stores a point: addresses,
 * assets and conversations, each in its own file (addresses.pb.js, …). First, so the hooks after
 * it (a street, a distance, what a talk grows) read the area the record ends up with.
 * @param {core.RecordRequestEvent} e
 */
function checkPlace(e) {
	refuseMisplaced(e.app, e.record);
	e.next();
}

module.exports = {
	TOLERANCE_M,
	bumpAreaVersion,
	isInArea,
	buurtAt,
	placeProblems,
	refuseMisplaced,
	checkPlace
};
