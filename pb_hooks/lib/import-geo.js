// Point in polygon for bulk imports, in the hooks' JS runtime (no npm modules there): a grid over
// the areas' bounding boxes (a spatial index: a point is tested only against the areas whose box
// shares its cell) and an even-odd ray test over every ring, so holes count.

/** Grid cells of 0.01° (about 1 km north to south). */
const CELL = 0.01;

/** Horizontal bands per polygon: a point's ray is tested only against the edges of its band. */
const BANDS = 64;

/**
 * A polygon's edges sorted into horizontal bands (every ring, so holes count).
 * @param {number[][][]} polygon
 * @returns {{ minY: number, height: number, bands: number[][] }} per band [x1, y1, x2, y2, …]
 */
function bandedPolygon(polygon) {
	let minY = Infinity;
	let maxY = -Infinity;
	for (let r = 0; r < polygon.length; r++) {
		for (let i = 0; i < polygon[r].length; i++) {
			if (polygon[r][i][1] < minY) minY = polygon[r][i][1];
			if (polygon[r][i][1] > maxY) maxY = polygon[r][i][1];
		}
	}
	const height = (maxY - minY) / BANDS || 1;
	const bands = [];
	for (let b = 0; b < BANDS; b++) bands.push([]);
	for (let r = 0; r < polygon.length; r++) {
		const ring = polygon[r];
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const y1 = ring[j][1];
			const y2 = ring[i][1];
			const from = Math.max(0, Math.floor((Math.min(y1, y2) - minY) / height));
			const to = Math.min(BANDS - 1, Math.floor((Math.max(y1, y2) - minY) / height));
			for (let b = from; b <= to; b++) bands[b].push(ring[j][0], y1, ring[i][0], y2);
		}
	}
	return { minY: minY, height: height, bands: bands };
}

/** Even-odd ray test against the edges of the point's band. */
function inBanded(banded, x, y) {
	const b = Math.floor((y - banded.minY) / banded.height);
	if (b < 0 || b >= BANDS) return false;
	const edges = banded.bands[b];
	let inside = false;
	for (let e = 0; e < edges.length; e += 4) {
		const xj = edges[e];
		const yj = edges[e + 1];
		const xi = edges[e + 2];
		const yi = edges[e + 3];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

/** @param {number[][][]} polygon @param {number} x @param {number} y */
function inPolygon(polygon, x, y) {
	return inBanded(bandedPolygon(polygon), x, y);
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
	const banded = [];
	for (let a = 0; a < areas.length; a++) {
		const geometry = areas[a].geometry;
		const box = boxOf(geometry);
		boxes.push(box);
		const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
		banded.push(polygons.map(bandedPolygon));
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
				const parts = banded[a];
				for (let p = 0; p < parts.length; p++) {
					if (inBanded(parts[p], lon, lat)) return areas[a].id;
				}
			}
			return '';
		}
	};
}

module.exports = { areaIndex, inGeometry };
