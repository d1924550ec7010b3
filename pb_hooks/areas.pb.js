/// <reference path="../pb_data/types.d.ts" />
// Area geometries must be valid GeoJSON polygons: checked on every save (API, imports, hooks),
// so a bad row never half-writes a broken shape that the map cannot draw.
onRecordValidate((e) => {
	const raw = e.record.get('geometry');
	// JSON fields come back as raw bytes; parse them the way the API would return them.
	const geometry =
		raw === null || raw === undefined || raw === '' ? null : JSON.parse(toString(raw));
	const problem = require(`${__hooks}/lib/geometry.js`).geometryProblem(geometry);
	if (problem) {
		throw new BadRequestError('Ongeldige geometrie / invalid geometry', {
			geometry: new ValidationError('invalid_geometry', problem)
		});
	}
	e.next();
}, 'areas');
