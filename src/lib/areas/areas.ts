// Areas (gemeente ▸ wijk ▸ buurt, or custom): which buurten a user's areas cover, and records →
// GeoJSON for the map. Pure.
import { bbox as turfBbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection } from 'geojson';
import { toPosition } from '$lib/geo/geopoint';
import { anyOf, combine, type Filter } from '$lib/pocketbase/filter';
import type {
	AreaGeometry,
	AreaLevel,
	AreaRecord,
	GeoPoint,
	UserRecord
} from '$lib/pocketbase/types';

/** [west, south, east, north] in WGS84. */
export type LngLatBBox = [number, number, number, number];

export interface AreaFeatureProperties {
	/** The record id again: MapLibre's `promoteId: 'id'` reads it from the properties. */
	id: string;
	code: string;
	name: string;
	level: AreaLevel;
}

export type AreaFeature = Feature<AreaGeometry, AreaFeatureProperties>;
export type AreaFeatureCollection = FeatureCollection<AreaGeometry, AreaFeatureProperties>;

/** The parts of an area that decide which buurten it covers. */
export type AreaRef = Pick<AreaRecord, 'id' | 'level'>;

function isAreaGeometry(value: unknown): value is AreaGeometry {
	if (typeof value !== 'object' || value === null) return false;
	const g = value as { type?: unknown; coordinates?: unknown };
	return (g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates);
}

/**
 * An area record as a GeoJSON feature whose `id` is the record id; null without a usable geometry.
 *
 * @example
 * areaToFeature({ id: 'a1', code: 'BU03440311', name: 'Taag- en Rubicondreef', level: 'buurt',
 *   parent: 'w1', geometry: { type: 'Polygon', coordinates: [...] } })
 * // { type: 'Feature', id: 'a1', properties: { id: 'a1', code: 'BU03440311', ... }, geometry }
 */
export function areaToFeature(
	record: Pick<AreaRecord, 'id' | 'code' | 'name' | 'level' | 'geometry'>
): AreaFeature | null {
	if (!isAreaGeometry(record.geometry)) return null;
	return {
		type: 'Feature',
		id: record.id,
		properties: { id: record.id, code: record.code, name: record.name, level: record.level },
		geometry: record.geometry
	};
}

/** Area records → a FeatureCollection, skipping records without geometry. */
export function areasToFeatureCollection(
	records: readonly Pick<AreaRecord, 'id' | 'code' | 'name' | 'level' | 'geometry'>[]
): AreaFeatureCollection {
	const features: AreaFeature[] = [];
	for (const record of records) {
		const feature = areaToFeature(record);
		if (feature) features.push(feature);
	}
	return { type: 'FeatureCollection', features };
}

/**
 * The bounding box around a set of areas, or null when none has a geometry.
 *
 * @example areasBbox(buurten) // [5.0906, 52.1049, 5.1396, 52.1297]
 */
export function areasBbox(records: readonly Pick<AreaRecord, 'geometry'>[]): LngLatBBox | null {
	const geometries = records.map((r) => r.geometry).filter(isAreaGeometry);
	if (geometries.length === 0) return null;
	const [west, south, east, north] = turfBbox({
		type: 'FeatureCollection',
		features: geometries.map((geometry) => ({ type: 'Feature', properties: {}, geometry }))
	});
	return [west, south, east, north];
}

/**
 * The filter for the buurten under a user's areas: a buurt (or custom area) is itself, a wijk
 * gives its buurten, a gemeente the buurten of its wijken (`parent.parent`, one request).
 * Null when there is nothing to look up.
 *
 * @example
 * buurtenFilter([{ id: 'w1', level: 'wijk' }])
 * // { expr: '(level = "buurt" && (parent = {:w0}))', params: { w0: 'w1' } }
 */
export function buurtenFilter(roots: readonly AreaRef[]): Filter | null {
	const ids = (level: AreaLevel) => roots.filter((r) => r.level === level).map((r) => r.id);
	const self = anyOf('id', [...ids('buurt'), ...ids('custom')], 'a');
	const below = combine(
		'||',
		anyOf('parent', ids('wijk'), 'w'),
		anyOf('parent.parent', ids('gemeente'), 'g')
	);
	const buurtenBelow = below ? combine('&&', { expr: 'level = "buurt"', params: {} }, below) : null;
	return combine('||', self, buurtenBelow);
}

/**
 * The first area whose polygon contains the point (its edge included), or null: e.g. the buurt a
 * new asset belongs to.
 *
 * @example areaAt({ lon: 5.115, lat: 52.118 }, buurten)?.code // 'BU03440311'
 */
export function areaAt<T extends Pick<AreaRecord, 'geometry'>>(
	point: GeoPoint,
	areas: readonly T[]
): T | null {
	const position = toPosition(point);
	for (const area of areas) {
		if (isAreaGeometry(area.geometry) && booleanPointInPolygon(position, area.geometry)) {
			return area;
		}
	}
	return null;
}

/** The areas that are `area` or lie below it (one or two levels), among `areas`. */
export function areasUnder<T extends Pick<AreaRecord, 'id' | 'parent'>>(
	area: Pick<AreaRecord, 'id'>,
	areas: readonly T[]
): T[] {
	const byId = new Map(areas.map((a) => [a.id, a]));
	return areas.filter((a) => {
		if (a.id === area.id || a.parent === area.id) return true;
		const parent = byId.get(a.parent);
		return parent !== undefined && parent.parent === area.id;
	});
}

export interface AreaOption {
	id: string;
	code: string;
	name: string;
	level: AreaLevel;
	/** 0 for a top-level area in the list, 1 below it, 2 below that. */
	depth: number;
}

/**
 * The areas as a tree in reading order for a picker: each area followed by the areas below it,
 * siblings by name (Dutch collation). An area whose parent is not in the list is a root.
 *
 * @example
 * areaOptions([buurtA, wijk, gemeente]).map((o) => `${o.depth} ${o.name}`)
 * // ['0 Utrecht', '1 Overvecht', '2 Taag- en Rubicondreef']
 */
export function areaOptions(
	areas: readonly Pick<AreaRecord, 'id' | 'code' | 'name' | 'level' | 'parent'>[]
): AreaOption[] {
	const ids = new Set(areas.map((a) => a.id));
	const children = new Map<string, typeof areas>();
	for (const area of areas) {
		const parent = ids.has(area.parent) && area.parent !== area.id ? area.parent : '';
		children.set(parent, [...(children.get(parent) ?? []), area]);
	}
	const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'nl');
	const options: AreaOption[] = [];
	const seen = new Set<string>();
	const visit = (parent: string, depth: number) => {
		for (const area of [...(children.get(parent) ?? [])].sort(byName)) {
			if (seen.has(area.id)) continue; // a cycle in bad data must not hang the picker
			seen.add(area.id);
			const { id, code, name, level } = area;
			options.push({ id, code, name, level, depth });
			visit(id, depth + 1);
		}
	};
	visit('', 0);
	return options;
}

/** A user's areas below her roots: what the map draws and the pickers offer. */
export interface AreasBelow {
	/** The buurten under her roots, with geometry. */
	buurten: AreaRecord[];
	/** Her roots, their buurten and up to two levels above those (without custom areas). */
	tree: AreaRecord[];
	/** The custom areas in her part of the instance, with geometry. */
	custom: AreaRecord[];
}

/**
 * The custom areas of her own part of the instance (another gemeente's are not hers to pick): those
 * whose parent is in her tree. An admin without areas of her own gets every one.
 *
 * @example customAreasOf({ role: 'worker', areas: ['w1'] }, [gemeente, wijk], custom) // custom of those
 */
export function customAreasOf<T extends Pick<AreaRecord, 'id' | 'parent'>>(
	user: Pick<UserRecord, 'role' | 'areas'>,
	tree: readonly Pick<AreaRecord, 'id'>[],
	custom: readonly T[]
): T[] {
	const known = new Set(tree.map((a) => a.id));
	const everything = user.role === 'admin' && user.areas.length === 0;
	return custom.filter((c) => !known.has(c.id) && (everything || known.has(c.parent)));
}

/**
 * The box around the buurten that lie under `area` (all buurten for null): where the map goes
 * when an area is picked.
 *
 * @example bboxUnder(wijk, tree, buurten) // the box of the wijk's buurten
 */
export function bboxUnder(
	area: Pick<AreaRecord, 'id'> | null,
	tree: readonly Pick<AreaRecord, 'id' | 'parent'>[],
	buurten: readonly Pick<AreaRecord, 'id' | 'geometry'>[]
): LngLatBBox | null {
	if (!area) return areasBbox(buurten);
	const under = new Set(areasUnder(area, tree).map((a) => a.id));
	return areasBbox(buurten.filter((b) => under.has(b.id)));
}

/** The areas by id (a lookup for names). */
export function areasById<T extends Pick<AreaRecord, 'id'>>(areas: readonly T[]): Map<string, T> {
	return new Map(areas.map((a) => [a.id, a]));
}
