// Deterministic demo data for Overvecht (Utrecht): real CBS areas, real street-light positions and
// street names, and generated addresses, people, conversations, assets and links on top of them.
// Pure: the same inputs and `now` give the same records. Only `loadDemoInputs` touches the disk.
// Plain Node ESM, no dependencies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	CAPACITIES,
	CAPACITY_NOTES,
	FIRST_NAMES,
	FOLLOW_UPS,
	KEY_FIGURES,
	OTHER_NOTES,
	RESIDENT_THEMES,
	TALKED_NOTES,
	TEMPLATES,
	WISHES
} from './vocabulary.mjs';

/**
 * @typedef {{ type: 'Polygon', coordinates: number[][][] } | { type: 'MultiPolygon', coordinates: number[][][][] }} PolygonGeometry
 * @typedef {{ type: 'Feature', properties: Record<string, any>, geometry: any }} Feature
 * @typedef {{ type: 'FeatureCollection', features: Feature[] }} FeatureCollection
 * @typedef {{ gemeenten: FeatureCollection, wijken: FeatureCollection, buurten: FeatureCollection, streets: FeatureCollection, places: FeatureCollection }} DemoInputs
 * @typedef {{ lon: number, lat: number }} GeoPoint
 * @typedef {Record<string, any> & { id: string }} DemoRecord
 * @typedef {{ areas: DemoRecord[], addresses: DemoRecord[], people: DemoRecord[], conversations: DemoRecord[], assets: DemoRecord[], links: DemoRecord[], followUps: DemoRecord[] }} DemoData
 * @typedef {{ street: string, point: number[], area: string }} Mast a street light and the buurt it is in
 */

export const DEMO_WIJK = 'WK034403';
export const DEMO_GEMEENTE = 'GM0344';
const SEED = 20_240_403;

const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

/**
 * Reads the GeoJSON inputs of the demo.
 * @param {string} [dir] folder with the files written by prepare-data.mjs
 * @returns {DemoInputs}
 */
export function loadDemoInputs(dir = DATA_DIR) {
	/** @param {string} name @returns {FeatureCollection} */
	const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
	return {
		gemeenten: read('gemeenten.geojson'),
		wijken: read('wijken.geojson'),
		buurten: read('buurten.geojson'),
		streets: read('overvecht_streets.geojson'),
		places: read('places.geojson')
	};
}

// ---------------------------------------------------------------------------------------------
// Randomness and ids

/**
 * mulberry32: a small seeded PRNG, good enough for demo data (and the bench's synthetic city).
 * @param {number} seed @returns {() => number} uniform in [0, 1)
 */
export function mulberry32(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * cyrb53: a fast 53-bit string hash.
 * @param {string} text @param {number} [seed] @returns {number}
 */
function cyrb53(text, seed = 0) {
	let h1 = 0xdeadbeef ^ seed;
	let h2 = 0x41c6ce57 ^ seed;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ ch, 2654435761);
		h2 = Math.imul(h2 ^ ch, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A 15-character PocketBase id from a two-letter prefix and a natural key, so the same record
 * gets the same id in every run (the seeder relies on that to resume).
 * @param {string} prefix two letters @param {string} key @returns {string}
 */
export function demoId(prefix, key) {
	const a = cyrb53(key, 1).toString(36).padStart(11, '0');
	const b = cyrb53(key, 2).toString(36).padStart(11, '0');
	return (prefix + a + b).slice(0, 15);
}

/** @param {string} code CBS code @returns {string} e.g. BU03440311 -> bu0344031100000 */
export function areaId(code) {
	return code.toLowerCase().padEnd(15, '0');
}

/**
 * A random source per part of the demo, so changing one part leaves the others as they were.
 * @param {string} part
 */
function randomFor(part) {
	const next = mulberry32(SEED ^ cyrb53(part));
	return {
		next,
		/** @param {number} min @param {number} max inclusive */
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		/** @param {number} min @param {number} max */
		range: (min, max) => min + next() * (max - min),
		/** @param {number} p */
		chance: (p) => next() < p,
		/** @template T @param {readonly T[]} items @returns {T} */
		pick: (items) => items[Math.floor(next() * items.length)],
		/** @template T @param {readonly T[]} items @returns {T[]} */
		shuffle: (items) => {
			const copy = [...items];
			for (let i = copy.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[copy[i], copy[j]] = [copy[j], copy[i]];
			}
			return copy;
		},
		/** @template T @param {readonly (readonly [T, number])[]} weighted @returns {T} */
		weighted: (weighted) => {
			const total = weighted.reduce((sum, [, w]) => sum + w, 0);
			let r = next() * total;
			for (const [value, w] of weighted) {
				r -= w;
				if (r < 0) return value;
			}
			return weighted[weighted.length - 1][0];
		}
	};
}
/** @typedef {ReturnType<typeof randomFor>} Random */

/** @template T @param {Random} rng @param {readonly T[]} items @param {number} min @param {number} max @returns {T[]} */
function pickSome(rng, items, min, max) {
	return rng.shuffle(items).slice(0, rng.int(min, max));
}

// ---------------------------------------------------------------------------------------------
// Geometry: a local flat projection in metres is accurate enough inside one wijk.

const METRES_PER_DEGREE_LAT = 110_574;
const METRES_PER_DEGREE_LON = 111_320 * Math.cos((52.12 * Math.PI) / 180);

/** @param {number[]} a @param {number[]} b @returns {number} distance in metres */
function distance(a, b) {
	return Math.hypot((a[0] - b[0]) * METRES_PER_DEGREE_LON, (a[1] - b[1]) * METRES_PER_DEGREE_LAT);
}

/** @param {number[]} point @param {number} east metres @param {number} north metres */
function offset(point, east, north) {
	return [point[0] + east / METRES_PER_DEGREE_LON, point[1] + north / METRES_PER_DEGREE_LAT];
}

/** @param {number} value */
const round6 = (value) => Math.round(value * 1e6) / 1e6;

/** The one place where [lon, lat] becomes a PocketBase geoPoint. @param {number[]} point @returns {GeoPoint} */
const geoPoint = (point) => ({ lon: round6(point[0]), lat: round6(point[1]) });

/** Even-odd ray casting. @param {number[]} point @param {number[][]} ring */
function inRing([x, y], ring) {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

/**
 * @param {number[]} point [lon, lat] @param {PolygonGeometry} geometry
 * @returns {boolean} inside the outer ring and outside every hole
 */
export function pointInPolygon(point, geometry) {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	return polygons.some(
		([outer, ...holes]) => inRing(point, outer) && !holes.some((hole) => inRing(point, hole))
	);
}

// ---------------------------------------------------------------------------------------------
// Tuning

/** How many generated assets of each kind (capacities come after the conversations). */
const ASSET_COUNTS = { association: 25, initiative: 30, business: 20, place: 20, institution: 15 };

const CAPACITY_COUNT = 100;
const CONVERSATION_COUNT = 1500;
const LINK_COUNT = 80;

// prettier-ignore
/** GeoNames feature codes we show as assets; the rest (bridges, sewage works, ...) are left out. */
const INSTITUTION_CODES = new Set(['CH', 'SCH', 'SCHC', 'UNIV', 'HSP', 'HSPC', 'LIBR', 'MUS', 'PO', 'MSQE', 'TMPL']);

// prettier-ignore
const PLACE_CODES = new Set(['PRK', 'FT', 'TOWR', 'RSTN', 'ML', 'MLWND', 'CSTL', 'EST', 'STDM', 'MALL', 'GDN', 'SQR']);

// prettier-ignore
const OUTCOMES = /** @type {const} */ ([
	['not_home', 45], ['talked', 35], ['declined', 10], ['come_back_later', 5], ['vacant', 3],
	['do_not_contact', 2]
]);

const LANGUAGES = /** @type {const} */ ([
	['nl', 78],
	['tr', 8],
	['ar', 8],
	['en', 4],
	['pap', 2]
]);

const STATUSES = /** @type {const} */ ([
	['active', 80],
	['idea', 8],
	['paused', 7],
	['ended', 5]
]);

/** Letters used in Dutch postcodes (F, I, O, Q, S, U and Y are not). */
const POSTCODE_LETTERS = 'ABCDEGHJKLMNPRTVWXZ';
/** Plausible postcode digits per Overvecht buurt (demo data: near, not exact). */
const POSTCODE_DIGITS = /** @type {Record<string, string>} */ ({
	BU03440311: '3562', BU03440312: '3562', BU03440321: '3563', BU03440322: '3563',
	BU03440331: '3561', BU03440332: '3561', BU03440333: '3561', BU03440341: '3564',
	BU03440342: '3564', BU03440343: '3565'
}); // prettier-ignore

// ---------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back the conversation history goes. */
const HISTORY_DAYS = 540;
/** The share of walks in the last 90 days. */
const RECENT_WALKS = 0.55;

/** PocketBase's date format. @param {Date} date */
const pbDate = (date) => date.toISOString().replace('T', ' ');
/** @param {Date} date */
const isoDay = (date) => date.toISOString().slice(0, 10);

/**
 * A weekday afternoon `daysAgo` days before `now` (walks happen on working days).
 * @param {Date} now @param {number} daysAgo @param {number} minutes after 13:00 local time
 */
function afternoon(now, daysAgo, minutes) {
	const day = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - daysAgo * DAY_MS);
	const weekday = day.getUTCDay();
	if (weekday === 6) day.setTime(day.getTime() - DAY_MS);
	if (weekday === 0) day.setTime(day.getTime() - 2 * DAY_MS);
	// 12:00 UTC is 13:00 or 14:00 in Utrecht; close enough for demo data.
	return new Date(day.getTime() + 12 * 60 * 60 * 1000 + minutes * 60 * 1000);
}

// ---------------------------------------------------------------------------------------------
// Areas

/** @param {DemoInputs} inputs @returns {DemoRecord[]} */
function makeAreas(inputs) {
	/** @type {DemoRecord[]} */
	const areas = [];
	for (const f of inputs.gemeenten.features) {
		const { code, name } = f.properties;
		areas.push({ id: areaId(code), code, name, level: 'gemeente', geometry: f.geometry });
	}
	for (const [level, collection] of /** @type {const} */ ([
		['wijk', inputs.wijken],
		['buurt', inputs.buurten]
	])) {
		for (const f of collection.features) {
			const { code, name, parentCode } = f.properties;
			areas.push({
				id: areaId(code),
				code,
				name,
				level,
				parent: areaId(parentCode),
				geometry: f.geometry
			});
		}
	}
	return areas;
}

// ---------------------------------------------------------------------------------------------
// Addresses along the real streets

/**
 * Orders a street's masts into a walk: start at one end of the street's main axis, then always
 * step to the nearest mast not yet visited (follows bends better than sorting on the axis).
 * @param {number[][]} points @returns {number[][]}
 */
function orderAlongStreet(points) {
	if (points.length < 3) return [...points];
	// Main axis: the direction of the largest spread (principal component of the points).
	const mx = points.reduce((s, p) => s + p[0], 0) / points.length;
	const my = points.reduce((s, p) => s + p[1], 0) / points.length;
	let sxx = 0;
	let syy = 0;
	let sxy = 0;
	for (const [x, y] of points) {
		const dx = (x - mx) * METRES_PER_DEGREE_LON;
		const dy = (y - my) * METRES_PER_DEGREE_LAT;
		sxx += dx * dx;
		syy += dy * dy;
		sxy += dx * dy;
	}
	const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
	/** @param {number[]} p */
	const along = (p) =>
		(p[0] - mx) * METRES_PER_DEGREE_LON * Math.cos(angle) +
		(p[1] - my) * METRES_PER_DEGREE_LAT * Math.sin(angle);
	const rest = [...points].sort((a, b) => along(a) - along(b) || a[0] - b[0] || a[1] - b[1]);
	const walk = [/** @type {number[]} */ (rest.shift())];
	while (rest.length > 0) {
		const last = walk[walk.length - 1];
		let best = 0;
		for (let i = 1; i < rest.length; i++) {
			if (distance(last, rest[i]) < distance(last, rest[best])) best = i;
		}
		walk.push(rest.splice(best, 1)[0]);
	}
	return walk;
}

/**
 * @param {string} street @param {string} buurtCode @param {number} number
 * @returns {string} a plausible "35xx AB" for the street; the letters move on every 30 numbers
 */
function postcodeFor(street, buurtCode, number) {
	const h = cyrb53(street, 7);
	const digits = POSTCODE_DIGITS[buurtCode] ?? '3563';
	const n = POSTCODE_LETTERS.length;
	const first = POSTCODE_LETTERS[h % n];
	const second = POSTCODE_LETTERS[(Math.floor(h / n) + Math.floor((number - 1) / 30)) % n];
	return `${digits} ${first}${second}`;
}

/**
 * @param {Map<string, Feature[]>} mastsByStreet
 * @param {{ id: string, geometry: PolygonGeometry }[]} buurten Overvecht buurten
 */
function makeAddresses(mastsByStreet, buurten) {
	const rng = randomFor('addresses');
	/** @type {DemoRecord[]} */
	const addresses = [];
	for (const [street, masts] of mastsByStreet) {
		const labelBuurt = masts[0].properties.buurtCode;
		const walk = orderAlongStreet(masts.map((m) => m.geometry.coordinates));
		/** @type {{ point: number[], odd: boolean }[]} */
		const houses = [];
		for (let i = 0; i + 1 < walk.length; i++) {
			const [a, b] = [walk[i], walk[i + 1]];
			const length = distance(a, b);
			// Very short steps are the two sides of one road; long ones jump between branches.
			if (length < 5 || length > 90) continue;
			const count = Math.max(2, Math.min(6, Math.round(length / 5 + rng.range(-0.7, 0.7))));
			const ex = ((b[0] - a[0]) * METRES_PER_DEGREE_LON) / length;
			const ey = ((b[1] - a[1]) * METRES_PER_DEGREE_LAT) / length;
			const left = Math.ceil(count / 2) - (count % 2 === 1 && rng.chance(0.5) ? 1 : 0);
			for (const [odd, perSide] of /** @type {const} */ ([
				[true, left],
				[false, count - left]
			])) {
				const side = odd ? 1 : -1;
				for (let k = 0; k < perSide; k++) {
					const t = (k + 0.5) / perSide;
					const setback = rng.range(7, 14);
					const base = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
					// The left normal of (ex, ey) is (-ey, ex).
					houses.push({ point: offset(base, -ey * setback * side, ex * setback * side), odd });
				}
			}
		}
		let nextOdd = 1;
		let nextEven = 2;
		for (const house of houses) {
			const buurt = buurten.find((b) => pointInPolygon(house.point, b.geometry));
			// A house across a boundary road can land outside Overvecht (a few masts of
			// Voordorpsedijk do): leave it out rather than file it under the mast's buurt label.
			if (!buurt) continue;
			const number = house.odd ? nextOdd : nextEven;
			if (house.odd) nextOdd += 2;
			else nextEven += 2;
			addresses.push({
				id: demoId('ad', `${street}|${number}`),
				street,
				number: String(number),
				postcode: postcodeFor(street, labelBuurt, number),
				city: 'Utrecht',
				location: geoPoint(house.point),
				area: buurt.id,
				isDemo: true
			});
		}
	}
	return addresses;
}

// ---------------------------------------------------------------------------------------------
// The whole demo

/**
 * Generates the demo records for Overvecht. Deterministic: the same inputs and `now` give
 * deep-equal output, and ids never depend on `now` (a seeder interrupted one day can resume the
 * next). Relations hold record ids; `createdBy`, `confirmedBy` and `worker` are left for the
 * seeder.
 *
 * @example
 * const demo = generateDemo(loadDemoInputs(), { now: new Date() });
 * demo.addresses[0]; // { id: 'ad…', street: 'Teun de Jagerdreef', number: '1', postcode: '3562 AH', … }
 *
 * @param {DemoInputs} inputs @param {{ now: Date }} options @returns {DemoData}
 */
export function generateDemo(inputs, { now }) {
	const areas = makeAreas(inputs);
	const buurten = inputs.buurten.features
		.filter((f) => f.properties.parentCode === DEMO_WIJK)
		.map((f) => ({
			id: areaId(f.properties.code),
			geometry: /** @type {PolygonGeometry} */ (f.geometry)
		}))
		.sort((a, b) => a.id.localeCompare(b.id));
	/** @param {number[]} point @returns {string | undefined} the id of the buurt it lies in */
	const buurtAt = (point) => buurten.find((b) => pointInPolygon(point, b.geometry))?.id;

	/** @type {Map<string, Feature[]>} */
	const mastsByStreet = new Map();
	for (const f of inputs.streets.features) {
		const list = mastsByStreet.get(f.properties.street) ?? [];
		list.push(f);
		mastsByStreet.set(f.properties.street, list);
	}
	const sortedStreets = new Map([...mastsByStreet].sort(([a], [b]) => a.localeCompare(b)));

	// Masts that lie inside an Overvecht buurt, by that buurt: anchors for asset locations.
	/** @type {Mast[]} */
	const masts = [];
	for (const [street, features] of sortedStreets) {
		for (const f of features) {
			const buurt = buurtAt(f.geometry.coordinates);
			if (buurt) masts.push({ street, point: f.geometry.coordinates, area: buurt });
		}
	}

	const addresses = makeAddresses(sortedStreets, buurten);
	const addressCount = new Map();
	for (const a of addresses) addressCount.set(a.area, (addressCount.get(a.area) ?? 0) + 1);
	for (const area of areas) {
		if (addressCount.has(area.id)) area.addressCount = addressCount.get(area.id);
	}

	/**
	 * A point a few metres from `anchor` that stays inside the buurt; the anchor itself otherwise.
	 * @param {Random} rng @param {number[]} anchor @param {string} area buurt id @param {number} metres
	 */
	const near = (rng, anchor, area, metres) => {
		const geometry = /** @type {PolygonGeometry} */ (buurten.find((b) => b.id === area)?.geometry);
		for (let attempt = 0; attempt < 10; attempt++) {
			const angle = rng.range(0, 2 * Math.PI);
			const r = rng.range(metres / 3, metres);
			const point = offset(anchor, Math.cos(angle) * r, Math.sin(angle) * r);
			if (pointInPolygon(point, geometry)) return point;
		}
		return anchor;
	};
	/** @param {DemoRecord} address @returns {number[]} */
	const lonLat = (address) => [address.location.lon, address.location.lat];
	/**
	 * The street light closest to an address, on its street and in its buurt when possible.
	 * @param {DemoRecord} address @returns {number[]}
	 */
	const streetPointOf = (address) => {
		const home = lonLat(address);
		const own = masts.filter((m) => m.area === address.area && m.street === address.street);
		const pool = own.length > 0 ? own : masts.filter((m) => m.area === address.area);
		if (pool.length === 0) return home;
		return pool.reduce((best, m) =>
			distance(m.point, home) < distance(best.point, home) ? m : best
		).point;
	};
	/** @param {Random} rng @param {string} area @returns {number[]} a street light in the buurt */
	const somewhereIn = (rng, area) => {
		const pool = masts.filter((m) => m.area === area);
		return pool.length > 0
			? rng.pick(pool).point
			: lonLat(rng.pick(addresses.filter((a) => a.area === area)));
	};

	const { conversations, capacitySources } = makeConversations(addresses, now);

	/** @type {DemoRecord[]} */
	const assets = [];
	/** @type {DemoRecord[]} */
	const people = [];
	const titles = new Set();

	// Real GeoNames places inside Overvecht, under their real names.
	const sortedPlaces = [...inputs.places.features].sort(
		(a, b) => a.properties.geonameId - b.properties.geonameId
	);
	for (const f of sortedPlaces) {
		const code = f.properties.featureCode;
		const kind = INSTITUTION_CODES.has(code)
			? 'institution'
			: PLACE_CODES.has(code)
				? 'place'
				: null;
		const buurt = kind && buurtAt(f.geometry.coordinates);
		if (!kind || !buurt) continue;
		titles.add(f.properties.name);
		assets.push({
			id: demoId('as', `geonames|${f.properties.geonameId}`),
			kind,
			title: f.properties.name,
			description: `Bron: GeoNames (${f.properties.featureClass}.${code}).`,
			themes: kind === 'place' ? ['groen', 'cultuur'] : ['zorg_voor_elkaar'],
			domain: ['fysiek'],
			gifts: [],
			location: geoPoint(f.geometry.coordinates),
			precision: 'exact',
			area: buurt,
			status: 'active',
			isDemo: true
		});
	}

	// Key figures, spread over all buurten but two, so the gap view has buurten without one.
	{
		const rng = randomFor('key figures');
		const withoutKeyFigure = new Set(['BU03440322', 'BU03440333'].map(areaId));
		const pool = addresses.filter((a) => !withoutKeyFigure.has(a.area));
		for (const [i, figure] of KEY_FIGURES.entries()) {
			const address = rng.pick(pool);
			const person = makePerson(rng, now, {
				key: `key figure|${i}`,
				name: figure.name,
				address,
				isKeyFigure: true,
				scopes: ['first_name', 'contact', ...(rng.chance(0.2) ? ['exact_location'] : [])]
			});
			people.push(person);
			const title = `${figure.name} (${figure.role})`;
			titles.add(title);
			assets.push({
				id: demoId('as', `key figure|${i}`),
				kind: 'key_figure',
				title,
				description: figure.description,
				themes: figure.themes,
				domain: ['sociaal'],
				gifts: figure.gifts,
				location: geoPoint(near(rng, streetPointOf(address), address.area, 15)),
				precision: 'street',
				area: address.area,
				status: rng.weighted(
					/** @type {const} */ ([
						['active', 92],
						['paused', 8]
					])
				),
				person: person.id,
				isDemo: true
			});
		}
	}

	// Associations, initiatives, businesses, places and institutions along real streets.
	for (const [kind, count] of Object.entries(ASSET_COUNTS)) {
		const rng = randomFor(`assets ${kind}`);
		const templates = TEMPLATES[/** @type {keyof typeof TEMPLATES} */ (kind)];
		for (let i = 0; i < count; i++) {
			let mast = rng.pick(masts);
			let template = rng.pick(templates);
			let title = fillTitle(template.title, mast.street);
			for (let attempt = 0; titles.has(title) && attempt < 50; attempt++) {
				mast = rng.pick(masts);
				template = rng.pick(templates);
				title = fillTitle(template.title, mast.street);
			}
			if (titles.has(title)) title = `${title} ${i + 1}`;
			titles.add(title);
			const exact = kind === 'business' || kind === 'place' || kind === 'institution';
			assets.push({
				id: demoId('as', `${kind}|${i}`),
				kind,
				title,
				description: template.description,
				themes: template.themes,
				domain: template.domain,
				gifts: template.gifts,
				location: geoPoint(near(rng, mast.point, mast.area, 25)),
				precision: exact || rng.chance(0.6) ? 'exact' : 'street',
				area: mast.area,
				status: rng.weighted(STATUSES),
				isDemo: true
			});
		}
	}

	// Capacities: first the gifts residents offered at the door, then some met in other ways.
	{
		const rng = randomFor('capacities');
		const byTag = new Map(CAPACITIES.map((c) => [c.tag, c]));
		/** @type {{ capacity: typeof CAPACITIES[number], address: DemoRecord, conversation?: DemoRecord }[]} */
		const sources = capacitySources.slice(0, 60).map((conversation) => ({
			capacity: /** @type {typeof CAPACITIES[number]} */ (byTag.get(conversation.gifts[0].tag)),
			address: /** @type {DemoRecord} */ (addresses.find((a) => a.id === conversation.address)),
			conversation
		}));
		while (sources.length < CAPACITY_COUNT) {
			sources.push({ capacity: rng.pick(CAPACITIES), address: rng.pick(addresses) });
		}
		for (const [i, { capacity, address, conversation }] of sources.entries()) {
			const person = makePerson(rng, now, {
				key: `capacity|${i}`,
				name: rng.pick(FIRST_NAMES),
				address,
				isKeyFigure: false,
				scopes: conversation
					? conversation.consent
					: ['first_name', ...(rng.chance(0.3) ? ['contact'] : [])],
				givenAt: conversation ? new Date(conversation.heldAt.replace(' ', 'T')) : undefined
			});
			people.push(person);
			if (conversation) conversation.person = person.id;
			// Never exact: a resident's capacity is shown on the street or in the buurt.
			const precision = rng.chance(0.65) ? 'street' : 'area';
			const anchor =
				precision === 'street' ? streetPointOf(address) : somewhereIn(rng, address.area);
			assets.push({
				id: demoId('as', `capacity|${i}`),
				kind: 'capacity',
				title: capacity.title,
				description: `Bewoner van de ${address.street}. ${rng.pick(CAPACITY_NOTES)}`,
				themes: capacity.themes,
				domain: capacity.domain,
				gifts: [capacity.gift],
				location: geoPoint(near(rng, anchor, address.area, 20)),
				precision,
				area: address.area,
				status: rng.weighted(STATUSES),
				person: person.id,
				...(conversation ? { sourceConversation: conversation.id } : {}),
				isDemo: true
			});
		}
	}

	// Freshness: most assets were confirmed in recent months, about 15% over a year ago (stale).
	{
		const rng = randomFor('freshness');
		for (const asset of assets) {
			const daysAgo = rng.chance(0.15) ? rng.int(370, 1000) : rng.int(1, 300);
			asset.confirmedAt = pbDate(new Date(now.getTime() - daysAgo * DAY_MS));
		}
	}

	const links = makeLinks(assets);
	// The follow-ups agreed at the door, as the to-do list shows them.
	const followUps = conversations
		.filter((c) => c.followUp)
		.map((c) => ({
			id: demoId('fu', c.id),
			conversation: c.id,
			area: c.area,
			what: c.followUp.what,
			due: `${c.followUp.due} 12:00:00.000Z`,
			done: c.followUp.done,
			isDemo: true
		}));
	return { areas, addresses, people, conversations, assets, links, followUps };
}

/** @param {string} template @param {string} street */
function fillTitle(template, street) {
	const short = street.endsWith('dreef') && street.length > 8 ? street.slice(0, -5) : street;
	return template.replace('{street}', street).replace('{short}', short);
}

/**
 * @param {Random} rng @param {Date} now
 * @param {{ key: string, name: string, address: DemoRecord, isKeyFigure: boolean, scopes: string[], givenAt?: Date }} options
 * @returns {DemoRecord}
 */
function makePerson(rng, now, { key, name, address, isKeyFigure, scopes, givenAt }) {
	const daysAgo = rng.int(10, HISTORY_DAYS);
	const given = givenAt ?? new Date(now.getTime() - daysAgo * DAY_MS);
	const until = new Date(given.getTime() + 730 * DAY_MS);
	const id = demoId('pe', key);
	return {
		id,
		display_name: name,
		// Demo contact details stay on example.org, which never reaches a real person.
		contact: scopes.includes('contact')
			? `${name
					.normalize('NFD')
					.replace(/[^a-zA-Z]/g, '')
					.toLowerCase()}.${id.slice(2, 6)}@example.org`
			: '',
		address: address.id,
		area: address.area,
		consent: { scopes: [...scopes], givenAt: isoDay(given), until: isoDay(until) },
		isKeyFigure,
		isDemo: true
	};
}

/**
 * Door-to-door walks over the last 18 months: a worker walks part of one street on one
 * afternoon. Some streets are never visited, so the gap view has something to show.
 * @param {DemoRecord[]} addresses @param {Date} now
 */
function makeConversations(addresses, now) {
	const rng = randomFor('conversations');
	/** @type {Map<string, DemoRecord[]>} */
	const byStreet = new Map();
	for (const a of addresses) {
		const list = byStreet.get(a.street) ?? [];
		list.push(a);
		byStreet.set(a.street, list);
	}
	for (const list of byStreet.values()) list.sort((a, b) => Number(a.number) - Number(b.number));
	const streets = [...byStreet.keys()];
	const unvisited = new Set(rng.shuffle(streets).slice(0, Math.round(streets.length * 0.2)));
	const visited = streets.filter((s) => !unvisited.has(s));
	/** @type {(readonly [string, number])[]} */
	const weightedVisited = visited.map((s) => [s, byStreet.get(s)?.length ?? 0]);

	// Plan the walks first, then play them in date order, so a "do not contact" is respected.
	/** @type {{ street: string, start: number, length: number, daysAgo: number }[]} */
	const walks = [];
	let planned = 0;
	while (planned < CONVERSATION_COUNT) {
		// Every visited street gets a walk first; then long streets get more.
		const street =
			walks.length < visited.length ? visited[walks.length] : rng.weighted(weightedVisited);
		const doors = byStreet.get(street)?.length ?? 0;
		const length = Math.min(doors, rng.int(12, 40));
		walks.push({
			street,
			start: rng.int(0, doors - length),
			length,
			// A team at work: over half its walks in the last quarter, so the gap view's default
			// period (90 days) shows a real share of doors visited; the rest over the history.
			daysAgo: rng.chance(RECENT_WALKS) ? rng.int(1, 90) : rng.int(91, HISTORY_DAYS)
		});
		planned += length;
	}
	walks.sort((a, b) => b.daysAgo - a.daysAgo);

	/** @type {DemoRecord[]} */
	const conversations = [];
	/** @type {DemoRecord[]} */
	const capacitySources = [];
	const doNotContact = new Set();
	const sourceAddresses = new Set();
	for (const [w, walk] of walks.entries()) {
		const doors = /** @type {DemoRecord[]} */ (byStreet.get(walk.street)).slice(
			walk.start,
			walk.start + walk.length
		);
		let minutes = rng.int(0, 60);
		for (const [d, address] of doors.entries()) {
			if (conversations.length >= CONVERSATION_COUNT) break;
			if (doNotContact.has(address.id)) continue;
			const outcome = rng.weighted(OUTCOMES);
			const heldAt = afternoon(now, walk.daysAgo, minutes);
			minutes += outcome === 'talked' ? rng.int(5, 15) : rng.int(1, 3);
			if (outcome === 'do_not_contact') doNotContact.add(address.id);
			/** @type {DemoRecord} */
			const conversation = {
				id: demoId('cv', `walk ${w}|door ${d}`),
				location: address.location,
				address: address.id,
				area: address.area,
				heldAt: pbDate(heldAt),
				outcome,
				notes: outcome === 'talked' ? '' : rng.pick(OTHER_NOTES[outcome]),
				isDemo: true
			};
			if (outcome === 'talked') {
				Object.assign(conversation, talkedDetails(rng, now, heldAt));
				const offersCapacity =
					conversation.willingToHelp &&
					conversation.gifts.length > 0 &&
					conversation.consent.includes('first_name') &&
					!sourceAddresses.has(address.id);
				if (offersCapacity) {
					sourceAddresses.add(address.id);
					capacitySources.push(conversation);
				}
			}
			conversations.push(conversation);
		}
	}
	return { conversations, capacitySources: rng.shuffle(capacitySources) };
}

/** @param {Random} rng @param {Date} now @param {Date} heldAt */
function talkedDetails(rng, now, heldAt) {
	const themes = pickDistinct(rng, RESIDENT_THEMES, rng.int(1, 3));
	const offered = rng.chance(0.45)
		? pickSome(rng, CAPACITIES, 1, 2).map((c) => ({ kind: c.gift, tag: c.tag }))
		: [];
	const consent = rng.weighted(
		/** @type {const} */ ([
			[[], 30],
			[['anonymous'], 15],
			[['first_name'], 35],
			[['first_name', 'contact'], 15],
			[['first_name', 'contact', 'exact_location'], 5]
		])
	);
	// Without any consent no gifts are kept (the server refuses them).
	const gifts = consent.length > 0 ? offered : [];
	const language = rng.weighted(LANGUAGES);
	const notes = [rng.pick(TALKED_NOTES)];
	if (language !== 'nl' && rng.chance(0.5)) notes.push('Gesprek deels via een tolk uit het gezin.');
	/** @type {Record<string, any>} */
	const details = {
		themes,
		gifts,
		wishes: rng.chance(0.6) ? rng.pick(WISHES) : '',
		willingToHelp: rng.chance(gifts.length > 0 ? 0.6 : 0.15),
		consent: [...consent],
		language,
		notes: notes.join(' ')
	};
	if (rng.chance(0.2)) {
		const due = new Date(heldAt.getTime() + rng.int(3, 21) * DAY_MS);
		details.followUp = {
			what: rng.pick(FOLLOW_UPS),
			due: isoDay(due),
			done: due.getTime() < now.getTime() && rng.chance(0.75)
		};
	}
	return details;
}

/**
 * @param {Random} rng @param {readonly (readonly [string, number])[]} weighted @param {number} count
 * @returns {string[]}
 */
function pickDistinct(rng, weighted, count) {
	/** @type {string[]} */
	const picked = [];
	let pool = [...weighted];
	while (picked.length < count && pool.length > 0) {
		const value = rng.weighted(pool);
		picked.push(value);
		pool = pool.filter(([v]) => v !== value);
	}
	return picked;
}

/**
 * Key figures run, join, support and know initiatives, associations and each other; mostly in
 * their own buurt. No (from, to, kind) twice.
 * @param {DemoRecord[]} assets @returns {DemoRecord[]}
 */
function makeLinks(assets) {
	const rng = randomFor('links');
	const keyFigures = assets.filter((a) => a.kind === 'key_figure');
	const initiatives = assets.filter((a) => a.kind === 'initiative');
	const associations = assets.filter((a) => a.kind === 'association');
	/** @type {DemoRecord[]} */
	const links = [];
	const seen = new Set();
	/** @param {DemoRecord[]} pool @param {DemoRecord} from */
	const nearby = (pool, from) => {
		const local = pool.filter((a) => a.area === from.area && a.id !== from.id);
		return local.length > 0 && rng.chance(0.7) ? local : pool.filter((a) => a.id !== from.id);
	};
	for (let attempt = 0; links.length < LINK_COUNT && attempt < LINK_COUNT * 20; attempt++) {
		const from = keyFigures[attempt % keyFigures.length];
		const kind = rng.weighted(
			/** @type {const} */ ([
				['runs', 2],
				['memberOf', 3],
				['supports', 3],
				['knows', 2]
			])
		);
		const pool =
			kind === 'runs'
				? [...initiatives, ...associations]
				: kind === 'memberOf'
					? associations
					: kind === 'supports'
						? initiatives
						: keyFigures;
		const to = rng.pick(nearby(pool, from));
		const key = `${from.id}|${to.id}|${kind}`;
		if (seen.has(key)) continue;
		seen.add(key);
		links.push({ id: demoId('li', key), from: from.id, to: to.id, kind, isDemo: true });
	}
	return links;
}
