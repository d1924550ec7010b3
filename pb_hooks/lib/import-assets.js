// The import of assets (pb_hooks/import.pb.js): rows { line, title, kind, themes, description,
// street, number, postcode, lon, lat } as src/lib/import/assets.js makes them. A row without
// coordinates is placed on its imported address (street, number and postcode; without a postcode
// the street and number must name one address); each is put in the deepest area that holds it
// (lib/import-addresses.js areaFinders), within a coordinator's own areas. Matched to stored
// assets by kind, title and area (again: unchanged or updated, never doubled). Saved through the
// records layer in one transaction, with what an API create does besides (its street, its
// freshness stamp, its author); a dry run does all of it and rolls back. One audit entry.

const KINDS = Object.keys(require(`${__hooks}/lib/vocabulary.json`).assetKinds);

/** The one stored address at street, number (and postcode), or a reason why not. */
function addressAt(app, row) {
	const rows = arrayOf(new DynamicModel({ lon: '', lat: '', area: '' }));
	app
		.db()
		.newQuery(
			`SELECT CAST(json_extract(location, '$.lon') AS TEXT) AS lon,
				CAST(json_extract(location, '$.lat') AS TEXT) AS lat, area
			FROM addresses WHERE street = {:street} COLLATE NOCASE AND upper(number) = {:number}
				AND ({:postcode} = '' OR replace(postcode, ' ', '') = {:postcode})
			LIMIT 2`
		)
		.bind({ street: row.street, number: row.number, postcode: row.postcode })
		.all(rows);
	if (rows.length === 0) {
		return {
			reason:
				'adres ' +
				row.street +
				' ' +
				row.number +
				' niet gevonden bij de geïmporteerde adressen / address not found among the imported addresses'
		};
	}
	if (rows.length > 1) {
		return {
			reason:
				'adres ' +
				row.street +
				' ' +
				row.number +
				' staat op meer plekken; geef de postcode / address found in several places; give the postcode'
		};
	}
	return { lon: Number(rows[0].lon), lat: Number(rows[0].lat), area: rows[0].area };
}

/**
 * @param {core.App} app
 * @param {{ everything: boolean, mine: string[] }} who
 * @param {core.Record} auth
 * @param {any[]} rows
 * @param {{ dryRun: boolean }} options
 */
function importAssets(app, who, auth, rows, options) {
	const user = auth && auth.collection().name === 'users' ? auth : null;
	const { areasWithin, commitImport } = require(`${__hooks}/lib/import.js`);
	return commitImport(app, auth, 'assets', rows, options, (txApp, result, fail) => {
		const within = who.everything ? null : areasWithin(txApp, who.mine);
		const areas = require(`${__hooks}/lib/import-addresses.js`).areaFinders(txApp, within);
		const collection = txApp.findCollectionByNameOrId('assets');
		for (let i = 0; i < rows.length; i++) {
			const row = rows[i] || {};
			const line = typeof row.line === 'number' ? row.line : i + 1;
			if (typeof row.title !== 'string' || !row.title || KINDS.indexOf(row.kind) < 0) {
				fail(line, 'naam of soort ontbreekt of is onbekend / name or kind missing or unknown');
				continue;
			}
			let lon = row.lon;
			let lat = row.lat;
			let area = '';
			if (typeof lon !== 'number' || typeof lat !== 'number') {
				const found = addressAt(txApp, {
					street: String(row.street || ''),
					number: String(row.number || '').toUpperCase(),
					postcode: String(row.postcode || '')
				});
				if (found.reason) {
					fail(line, found.reason);
					continue;
				}
				lon = found.lon;
				lat = found.lat;
				area = within && !within[found.area] ? '' : found.area;
			}
			if (!area) area = areas.find(lon, lat);
			if (!area) {
				fail(
					line,
					'ligt in geen van uw gebieden / lies in none of your areas (' + lon + ', ' + lat + ')'
				);
				continue;
			}
			const themes = Array.isArray(row.themes) ? row.themes : [];
			let record;
			try {
				record = txApp.findFirstRecordByFilter(
					'assets',
					'kind = {:kind} && title = {:title} && area = {:area}',
					{
						kind: row.kind,
						title: row.title,
						area: area
					}
				);
			} catch {
				record = null;
			}
			const location = { lon: lon, lat: lat };
			if (record) {
				const same =
					record.getString('description') === String(row.description || '') &&
					JSON.stringify(record.getStringSlice('themes').slice().sort()) ===
						JSON.stringify(themes.slice().sort()) &&
					Math.abs(record.get('location').lon - lon) < 1e-9 &&
					Math.abs(record.get('location').lat - lat) < 1e-9;
				if (same) {
					result.unchanged++;
					continue;
				}
			} else {
				record = new Record(collection);
				record.set('kind', row.kind);
				record.set('title', row.title);
				record.set('area', area);
				record.set('status', 'active');
				record.set('precision', 'exact');
				if (user) record.set('createdBy', user.id);
			}
			const isNew = !record.id;
			record.set('description', String(row.description || ''));
			record.set('themes', themes);
			record.set('location', location);
			require(`${__hooks}/lib/streets.js`).setStreet(txApp, record);
			if (user) require(`${__hooks}/lib/freshness.js`).stamp(record, user.id);
			try {
				txApp.save(record);
			} catch (e) {
				fail(line, String((e && e.message) || e));
				continue;
			}
			if (isNew) result.created++;
			else result.updated++;
		}
	});
}

module.exports = { importAssets };
