// Helpers the bench scripts share (run.mjs cannot be imported: it runs its main on import).
// Plain Node ESM.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DATA_DIR = fileURLToPath(new URL('../demo/data/', import.meta.url));

/** A CBS file of scripts/demo/data. @param {string} name @returns {{ features: any[] }} */
export const readGeoJson = (name) => JSON.parse(readFileSync(DATA_DIR + name, 'utf8'));

/** @param {any} geometry a (Multi)Polygon @returns {number[]} west, south, east, north */
export function bbox(geometry) {
	const points = geometry.coordinates.flat(geometry.type === 'Polygon' ? 1 : 2);
	const lons = points.map((/** @type {number[]} */ p) => p[0]);
	const lats = points.map((/** @type {number[]} */ p) => p[1]);
	return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** The upper median (of an odd count, the middle one). @param {number[]} values */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
