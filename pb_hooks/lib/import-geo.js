// Point in polygon for bulk imports, in the hooks' JS runtime (no npm modules there): a grid over
// the areas' bounding boxes (a spatial index: a point is tested only against the areas whose box
// shares its cell) and an even-odd ray test over every ring, so holes count.

/** Grid cells of 0.01° (about 1 km north to south). */
const CELL = 0.01;

/** @param {number[][][]} polygon @param {number} x @param {number} y */
function inPolygon(polygon, x, y) {
	let inside = false;
	for (let r = 0; r < polygon.length; r++) {
		const ring = polygon[r];
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const xi = ring[i][0];
			const yi = ring[i][1];
			const xj = ring[j][0];
			const yj = ring[j][1];
			if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
		}
	}
	return inside;
}

/** @param {any} geometry @param {number} x @param {number} y */
function inGeometry(geometry, x, y) {
	if (geometry.type === 'Polygon') return inPolygon(geometry.coordinates, x, y);
	if (geometry.type === 'MultiPolygon') {
		for (let p = 0; p < geometry.coordinates.length; p++) {
			if (inPolygon(geometry.coordinates[p], x, y)) return true;
		}
	}
	return false;
}

/** @param {any} geometry @returns {number[]} [minX, minY, maxX, maxY] of the outer rings */
function boxOf(geometry) {
	const box = [Infinity, Infinity, -Infinity, -Infinity];
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	for (let p = 0; p < polygons.length; p++) {
		const ring = polygons[p][0] || [];
		for (let i = 0; i < ring.length; i++) {
			if (ring[i][0] < box[0]) box[0] = ring[i][0];
			if (ring[i][1] < box[1]) box[1] = ring[i][1];
			if (ring[i][0] > box[2]) box[2] = ring[i][0];
			if (ring[i][1] > box[3]) box[3] = ring[i][1];
		}
	}
	return box;
}

/**
 * An index of areas; `find(lon, lat)` returns the id of the first area (in the order given)
 * that holds the point, or ''.
 * @param {Array<{ id: string, geometry: any }>} areas
 */
function areaIndex(areas) {
	/** @type {Record<string, number[]>} */
	const grid = {};
	const boxes = [];
	for (let a = 0; a < areas.length; a++) {
		const box = boxOf(areas[a].geometry);
		boxes.push(box);
		for (let cx = Math.floor(box[0] / CELL); cx <= Math.floor(box[2] / CELL); cx++) {
			for (let cy = Math.floor(box[1] / CELL); cy <= Math.floor(box[3] / CELL); cy++) {
				const key = cx + ':' + cy;
				(grid[key] || (grid[key] = [])).push(a);
			}
		}
	}
	return {
		/** @param {number} lon @param {number} lat */
		find(lon, lat) {
			const candidates = grid[Math.floor(lon / CELL) + ':' + Math.floor(lat / CELL)];
			if (!candidates) return '';
			for (let c = 0; c < candidates.length; c++) {
				const a = candidates[c];
				const box = boxes[a];
				if (lon < box[0] || lon > box[2] || lat < box[1] || lat > box[3]) continue;
				if (inGeometry(areas[a].geometry, lon, lat)) return areas[a].id;
			}
			return '';
		}
	};
}

module.exports = { areaIndex, inGeometry };
