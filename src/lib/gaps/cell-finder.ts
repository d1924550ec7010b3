// The H3 cell of many points in a row, as h3-js `latLngToCell` gives it, but cheaper: doors along
// a street mostly share the cell of the door before, and asking whether a point lies well inside
// that cell's hexagon (six cross products) costs a fraction of `latLngToCell`. A city's 120,000
// doors were a quarter of its analysis.
import { cellToBoundary, latLngToCell } from 'h3-js';

/**
 * How far inside every edge (in degrees, about 10 cm) a point must lie to skip h3. H3's edges are
 * great-circle arcs; in plain degrees a res-9 edge bends less than a millimetre from the straight
 * line, so a point this far inside is inside for h3 too. Nearer an edge, h3 decides.
 */
const MARGIN_DEG = 1e-6;

export class CellFinder {
	#cell = '';
	/**
	 * The last cell's hexagon as [lon0, lat0, lon1, lat1, …], counterclockwise; empty: ask h3
	 * (until a second point in a row falls in that cell: scattered points never pay for it).
	 */
	#ring: number[] = [];
	/** Each edge's length, for the distance of a point from it. */
	#edgeLengths: number[] = [];

	constructor(private readonly resolution: number) {}

	/**
	 * @example new CellFinder(9).cellOf(52.09, 5.12) // === latLngToCell(52.09, 5.12, 9)
	 */
	cellOf(lat: number, lon: number): string {
		if (this.#ring.length > 0 && this.#wellInside(lon, lat)) return this.#cell;
		const cell = latLngToCell(lat, lon, this.resolution);
		if (cell !== this.#cell) {
			this.#cell = cell;
			this.#ring = [];
		} else if (this.#ring.length === 0) {
			// A second point in a row in this cell: points come in order here, its outline pays.
			this.#remember(cell);
		}
		return cell;
	}

	#remember(cell: string): void {
		const boundary = cellToBoundary(cell);
		// Cells across an icosahedron edge have more than six corners (and pentagons five): h3 only.
		if (boundary.length !== 6) return;
		const ring = boundary.flatMap(([lat, lon]) => [lon, lat]);
		// h3-js gives the corners counterclockwise; check rather than trust it.
		let area = 0;
		for (let i = 0; i < 6; i++) {
			const j = (i + 1) % 6;
			area += ring[2 * i] * ring[2 * j + 1] - ring[2 * j] * ring[2 * i + 1];
		}
		if (area < 0) {
			const reversed: number[] = [];
			for (let i = 5; i >= 0; i--) reversed.push(ring[2 * i], ring[2 * i + 1]);
			ring.splice(0, ring.length, ...reversed);
		}
		this.#ring = ring;
		this.#edgeLengths = [];
		for (let i = 0; i < 6; i++) {
			const j = (i + 1) % 6;
			this.#edgeLengths.push(
				Math.hypot(ring[2 * j] - ring[2 * i], ring[2 * j + 1] - ring[2 * i + 1])
			);
		}
	}

	#wellInside(lon: number, lat: number): boolean {
		const ring = this.#ring;
		for (let i = 0; i < 6; i++) {
			const j = (i + 1) % 6;
			const ax = ring[2 * i];
			const ay = ring[2 * i + 1];
			// Left of a counterclockwise edge is inside; the cross product over the edge's length is
			// the distance from it.
			const cross = (ring[2 * j] - ax) * (lat - ay) - (ring[2 * j + 1] - ay) * (lon - ax);
			if (cross <= MARGIN_DEG * this.#edgeLengths[i]) return false;
		}
		return true;
	}
}
