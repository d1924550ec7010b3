/// <reference path="../pb_data/types.d.ts" />
// The point of an asset that viewers get: `publicLocation`, computed by the server on every save
// (pb_hooks/assets.pb.js with lib/precision.js) and hidden, so PocketBase neither returns it to
// nor accepts it from anyone but superusers. Stored assets get it here, in SQL, the same way:
//   exact  → the location itself
//   street → the middle of its street's addresses in its area or an area directly below it (at
//            least 5 of them), otherwise the middle of its 250 m grid cell
//   area   → the middle of its area's bounding box, otherwise the middle of its 1 km grid cell

const METRES_PER_DEGREE = 111320;
const MIN_STREET_ADDRESSES = 5;
const lon = (table) => `json_extract(${table}.location, '$.lon')`;
const lat = (table) => `json_extract(${table}.location, '$.lat')`;

migrate(
	(app) => {
		const assets = app.findCollectionByNameOrId('assets');
		assets.fields.add(new GeoPointField({ name: 'publicLocation', hidden: true }));
		app.save(assets);
		const db = app.db();
		db.newQuery(`UPDATE assets SET publicLocation = location WHERE precision = 'exact'`).execute();
		// Grid cells first (as lib/precision.js cellMiddle), then the better points where known.
		db.newQuery(
			`WITH point AS (
				SELECT id, ${lon('assets')} AS lon, ${lat('assets')} AS lat,
					(CASE WHEN precision = 'street' THEN 250 ELSE 1000 END) / ${METRES_PER_DEGREE}.0 AS d
				FROM assets WHERE precision != 'exact'),
			band AS (SELECT id, lon, d, (floor(lat / d) + 0.5) * d AS lat FROM point),
			cell AS (SELECT id, lon, lat, d / cos((lat * pi()) / 180) AS dLon FROM band)
			UPDATE assets
			SET publicLocation = json_object('lon', (floor(cell.lon / cell.dLon) + 0.5) * cell.dLon, 'lat', cell.lat)
			FROM cell WHERE cell.id = assets.id`
		).execute();
		db.newQuery(
			`WITH middle AS (
				SELECT s.id AS asset, avg(${lon('a')}) AS lon, avg(${lat('a')}) AS lat
				FROM assets s JOIN addresses a
					ON a.street = s.street
					AND a.area IN (SELECT s.area UNION SELECT id FROM areas WHERE parent = s.area)
				WHERE s.precision = 'street' AND s.street != '' AND NOT (${lon('a')} = 0 AND ${lat('a')} = 0)
				GROUP BY s.id HAVING count(*) >= ${MIN_STREET_ADDRESSES})
			UPDATE assets SET publicLocation = json_object('lon', middle.lon, 'lat', middle.lat)
			FROM middle WHERE middle.asset = assets.id`
		).execute();
		// Every number in a Polygon's or MultiPolygon's coordinates is a position's lon (0) or lat (1).
		db.newQuery(
			`WITH box AS (
				SELECT a.id AS area,
					(min(CASE WHEN t.key = 0 THEN t.value END) + max(CASE WHEN t.key = 0 THEN t.value END)) / 2.0 AS lon,
					(min(CASE WHEN t.key = 1 THEN t.value END) + max(CASE WHEN t.key = 1 THEN t.value END)) / 2.0 AS lat
				FROM areas a, json_tree(a.geometry, '$.coordinates') t
				WHERE a.id IN (SELECT area FROM assets WHERE precision = 'area') AND json_valid(a.geometry)
					AND t.type IN ('integer', 'real')
				GROUP BY a.id)
			UPDATE assets SET publicLocation = json_object('lon', box.lon, 'lat', box.lat)
			FROM box WHERE box.area = assets.area AND assets.precision = 'area'
				AND box.lon IS NOT NULL AND box.lat IS NOT NULL`
		).execute();
	},
	(app) => {
		const assets = app.findCollectionByNameOrId('assets');
		assets.fields.removeByName('publicLocation');
		app.save(assets);
	}
);
