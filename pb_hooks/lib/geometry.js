// Checks an area geometry: a GeoJSON Polygon or MultiPolygon in WGS84 with closed rings.
// Returns a message in Dutch and English naming what is wrong and where, or "" when it is valid.

/** @param {any} position @param {string} where */
function positionProblem(position, where) {
	if (!Array.isArray(position) || position.length < 2)
		return where + ': punt moet [lon, lat] zijn / point must be [lon, lat]';
	const lon = position[0];
	const lat = position[1];
	if (typeof lon !== 'number' || typeof lat !== 'number' || !isFinite(lon) || !isFinite(lat)) {
		return where + ': coördinaten moeten getallen zijn / coordinates must be numbers';
	}
	if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
		return where + ': buiten WGS84 (lon -180..180, lat -90..90) / outside WGS84';
	}
	return '';
}

/** @param {any} polygon @param {string} where */
function polygonProblem(polygon, where) {
	if (!Array.isArray(polygon) || polygon.length === 0)
		return where + ': polygoon zonder ringen / polygon without rings';
	for (let r = 0; r < polygon.length; r++) {
		const ring = polygon[r];
		const at = where + ' ring ' + r;
		if (!Array.isArray(ring) || ring.length < 4)
			return at + ': minstens 4 punten nodig / needs at least 4 points';
		for (let p = 0; p < ring.length; p++) {
			const problem = positionProblem(ring[p], at + ' punt ' + p);
			if (problem) return problem;
		}
		const first = ring[0];
		const last = ring[ring.length - 1];
		if (first[0] !== last[0] || first[1] !== last[1])
			return at + ': ring is niet gesloten / ring is not closed';
	}
	return '';
}

/** @param {any} geometry */
function geometryProblem(geometry) {
	if (geometry === null || geometry === undefined) return '';
	if (typeof geometry !== 'object') return 'geometry: geen GeoJSON-object / not a GeoJSON object';
	if (geometry.type === 'Polygon') return polygonProblem(geometry.coordinates, 'Polygon');
	if (geometry.type === 'MultiPolygon') {
		if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
			return 'MultiPolygon: geen polygonen / no polygons';
		}
		for (let i = 0; i < geometry.coordinates.length; i++) {
			const problem = polygonProblem(geometry.coordinates[i], 'MultiPolygon polygoon ' + i);
			if (problem) return problem;
		}
		return '';
	}
	return (
		'geometry: type moet Polygon of MultiPolygon zijn, niet ' +
		String(geometry.type) +
		' / type must be Polygon or MultiPolygon'
	);
}

module.exports = { geometryProblem };
