// Areas from a file (CBS's wijk- en buurtkaart as GeoJSON, or any file of polygons): rows of a
// table (table.js) to area rows for the server's import (pb_hooks/lib/import-areas.js). CBS's own
// field names need no mapping (buurtcode, buurtnaam, wijkcode, gemeentecode; statcode, statnaam
// in PDOK's files); the level and the parent follow from a CBS code (BU00141000 lies in wijk
// WK001410, which lies in gemeente GM0014). Coordinates in WGS84 or RD New are detected, also
// when the file names no CRS, and reprojected. Every bad geometry is named with its feature.
import kinks from '@turf/kinks';
import { cell, missingFields } from './fields.js';
import { fileCrs, inNetherlands, looksSwapped, samplePoints, toWgs84 } from './crs.js';

/** @type {import('./fields.js').FieldDef[]} */
export const AREA_FIELDS = [
	{
		key: 'code',
		nl: 'Code',
		en: 'Code',
		required: true,
		synonyms: [
			'buurtcode',
			'bu_code',
			'statcode',
			'wijkcode',
			'wk_code',
			'gemeentecode',
			'gm_code',
			'code',
			'cbscode'
		]
	},
	{
		key: 'name',
		nl: 'Naam',
		en: 'Name',
		required: true,
		synonyms: [
			'buurtnaam',
			'bu_naam',
			'statnaam',
			'wijknaam',
			'wk_naam',
			'gemeentenaam',
			'gm_naam',
			'naam',
			'name'
		]
	},
	{ key: 'level', nl: 'Niveau', en: 'Level', synonyms: ['level', 'niveau', 'soort'] },
	{
		key: 'parent',
		nl: 'Ligt in (code)',
		en: 'Lies in (code)',
		synonyms: ['parent', 'parentcode', 'ouder', 'ligt_in']
	}
];

const LEVELS = ['gemeente', 'wijk', 'buurt', 'custom'];
const LEVEL_WORDS = /** @type {Record<string, string>} */ ({
	gemeente: 'gemeente',
	municipality: 'gemeente',
	wijk: 'wijk',
	district: 'wijk',
	buurt: 'buurt',
	neighbourhood: 'buurt',
	neighborhood: 'buurt',
	custom: 'custom',
	eigen: 'custom'
});

/**
 * @typedef {{ line: number, code: string, name: string, level: string, parent: string, geometry: { type: string, coordinates: any } }} AreaRow
 * @typedef {import('./addresses.js').RowError} RowError
 */

/**
 * The level and parent a CBS code implies: BU + 8 digits a buurt in WK + its first 6, WK + 6 a wijk
 * in GM + its first 4, GM + 4 a gemeente. Null for any other code.
 * @param {string} code
 * @returns {{ level: string, parent: string } | null}
 */
export function cbsLevel(code) {
	let match = /^BU(\d{8})$/i.exec(code);
	if (match) return { level: 'buurt', parent: `WK${match[1].slice(0, 6)}` };
	match = /^WK(\d{6})$/i.exec(code);
	if (match) return { level: 'wijk', parent: `GM${match[1].slice(0, 4)}` };
	if (/^GM\d{4}$/i.test(code)) return { level: 'gemeente', parent: '' };
	return null;
}

/** @param {any} geometry @returns {number[][][][] | null} the polygons, or null if it is none */
function polygonsOf(geometry) {
	if (!geometry || typeof geometry !== 'object') return null;
	if (geometry.type === 'Polygon' && Array.isArray(geometry.coordinates))
		return [geometry.coordinates];
	if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates))
		return geometry.coordinates;
	return null;
}

/**
 * What is wrong with a geometry in WGS84 (after reprojection), or ''.
 * @param {any} geometry
 */
export function areaGeometryProblem(geometry) {
	const polygons = polygonsOf(geometry);
	if (!polygons) {
		return `geen vlak (Polygon of MultiPolygon) maar ${geometry?.type ?? 'niets'} / not a Polygon or MultiPolygon`;
	}
	if (polygons.length === 0) return 'geen polygonen / no polygons';
	for (const [p, polygon] of polygons.entries()) {
		if (!Array.isArray(polygon) || polygon.length === 0)
			return `polygoon ${p} heeft geen ringen / has no rings`;
		for (const [r, ring] of polygon.entries()) {
			const where = `polygoon ${p} ring ${r}`;
			if (!Array.isArray(ring) || ring.length < 4)
				return `${where}: minder dan 4 punten / fewer than 4 points`;
			for (const position of ring) {
				const [lon, lat] = Array.isArray(position) ? position : [NaN, NaN];
				if (
					typeof lon !== 'number' ||
					typeof lat !== 'number' ||
					!Number.isFinite(lon) ||
					!Number.isFinite(lat)
				) {
					return `${where}: coördinaten zijn geen getallen / coordinates are not numbers`;
				}
				if (!inNetherlands(lon, lat)) {
					return looksSwapped(lon, lat)
						? `${where}: lat en lon zijn verwisseld / lat and lon are swapped`
						: `${where}: punt (${lon}, ${lat}) ligt buiten Nederland / point lies outside the Netherlands`;
				}
			}
			const first = ring[0];
			const last = ring[ring.length - 1];
			if (first[0] !== last[0] || first[1] !== last[1]) {
				return `${where}: niet gesloten (eerste punt ≠ laatste) / not closed (first point ≠ last)`;
			}
		}
	}
	const crossings = kinks(/** @type {any} */ (geometry)).features;
	if (crossings.length > 0) {
		const [lon, lat] = crossings[0].geometry.coordinates;
		return `snijdt zichzelf bij (${lon.toFixed(6)}, ${lat.toFixed(6)}) / self-intersecting at (${lon.toFixed(6)}, ${lat.toFixed(6)})`;
	}
	return '';
}

/**
 * The geometry in WGS84: every position reprojected from `crs` (and rounded) or kept.
 * @param {any} geometry @param {import('./crs.js').Crs} crs
 */
function toWgs84Geometry(geometry, crs) {
	const polygons = polygonsOf(geometry);
	if (!polygons || crs === 'wgs84') return geometry;
	/** @param {any} position */
	const move = (position) =>
		Array.isArray(position) && typeof position[0] === 'number' && typeof position[1] === 'number'
			? toWgs84(position[0], position[1], crs)
			: position;
	const moved = polygons.map((polygon) =>
		Array.isArray(polygon)
			? polygon.map((ring) => (Array.isArray(ring) ? ring.map(move) : ring))
			: polygon
	);
	return geometry.type === 'Polygon'
		? { type: 'Polygon', coordinates: moved[0] }
		: { type: 'MultiPolygon', coordinates: moved };
}

/**
 * Area rows from a table, each checked; every bad feature is named with its number, code and
 * name and the reason.
 * @param {import('./table.js').Table} table
 * @param {import('./fields.js').Mapping} mapping
 * @returns {{ rows: AreaRow[], errors: RowError[], crs: import('./crs.js').Crs | null, fileError?: string }}
 */
export function areaRows(table, mapping) {
	/** @type {AreaRow[]} */
	const rows = [];
	/** @type {RowError[]} */
	const errors = [];
	const missing = missingFields(mapping, AREA_FIELDS);
	if (missing.length > 0) {
		return {
			rows,
			errors,
			crs: null,
			fileError: `kolommen ontbreken: ${missing.map((f) => f.nl).join(', ')} / missing columns: ${missing.map((f) => f.en).join(', ')}`
		};
	}
	if (!table.rows.some((r) => r.geometry)) {
		return {
			rows,
			errors,
			crs: null,
			fileError: 'het bestand heeft geen geometrie / the file has no geometry'
		};
	}
	const { crs, fileError } = fileCrs(
		table.crs,
		samplePoints(table.rows, (row) => {
			const position = polygonsOf(row.geometry)?.[0]?.[0]?.[0];
			return Array.isArray(position) ? [Number(position[0]), Number(position[1])] : null;
		})
	);
	if (!crs) return { rows, errors, crs: null, fileError };
	/** @type {Map<string, number>} */
	const seen = new Map();
	for (const row of table.rows) {
		const code = cell(row.values, mapping, 'code');
		const name = cell(row.values, mapping, 'name');
		const cbs = cbsLevel(code);
		const levelText = cell(row.values, mapping, 'level').toLowerCase();
		const level = cbs?.level ?? LEVEL_WORDS[levelText] ?? '';
		const parent = cell(row.values, mapping, 'parent') || cbs?.parent || '';
		const reasons = [];
		if (!/^[A-Za-z0-9_-]{1,40}$/.test(code))
			reasons.push(`code "${code}" ontbreekt of is ongeldig / code missing or invalid`);
		else if (seen.has(code))
			reasons.push(
				`code ${code} staat ook op regel ${seen.get(code)} / also on line ${seen.get(code)}`
			);
		if (!name) reasons.push('naam ontbreekt / name missing');
		else if (name.length > 200)
			reasons.push('naam langer dan 200 tekens / name over 200 characters');
		if (!LEVELS.includes(level)) {
			reasons.push(
				`niveau onbekend: geef een CBS-code of een kolom niveau (gemeente, wijk, buurt, custom) / level unknown: give a CBS code or a level column`
			);
		}
		const geometry = toWgs84Geometry(row.geometry, crs);
		const problem = areaGeometryProblem(geometry);
		if (problem) reasons.push(problem);
		if (reasons.length > 0) {
			errors.push({ line: row.line, reason: `${code || '?'} ${name}: ${reasons.join('; ')}` });
			continue;
		}
		seen.set(code, row.line);
		rows.push({ line: row.line, code, name, level, parent, geometry });
	}
	return { rows, errors, crs };
}
