// Guards every measure of the gap analysis on small hand-computed fixtures: coverage, unmet themes
// at known distances, unused strengths, key figures and their reach, domain balance, change,
// suppressed units, the focus (multipolygon, boundary points), the hex grid and empty input.
import { cellToBoundary, getResolution, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { THEMES } from '$lib/vocabulary/vocabulary';
import type { AnalysisOptions } from './gap-analysis';
import type { GapArea, GapAsset, GapInput, GapLink, GapUnit } from './gap-input';
import { analyseGaps, EARTH_RADIUS_M, haversineMeters } from './gaps';
import { runGapAnalysis } from './gaps-runner';

const LON = 5.115;
const LAT = 52.115;
/** Degrees of latitude per metre: north of a point, the great-circle distance is exactly this. */
const NORTH = 180 / (Math.PI * EARTH_RADIUS_M);
const NOW = Date.parse('2026-12-01T12:00:00Z');
const OPTIONS: AnalysisOptions = { radiusM: 500, resolution: 9, now: NOW };
const PERIOD = { from: '2026-09-01', to: '2026-12-01', previousFrom: '2026-06-01' };

const BUURT_A: GapArea = {
	id: 'buurta',
	code: 'BU03440001',
	name: 'Tigrisdreef',
	level: 'buurt',
	parent: 'wijk'
};
const BUURT_B: GapArea = {
	id: 'buurtb',
	code: 'BU03440002',
	name: 'Zambesidreef',
	level: 'buurt',
	parent: 'wijk'
};
const WIJK: GapArea = {
	id: 'wijk',
	code: 'WK034401',
	name: 'Overvecht',
	level: 'wijk',
	parent: ''
};

/** A point `metres` north of the base point (and `east` degrees of longitude). */
function north(metres: number, east = 0): { lon: number; lat: number } {
	return { lon: LON + east, lat: LAT + metres * NORTH };
}

function unit(overrides: Partial<GapUnit> = {}): GapUnit {
	return {
		lon: LON,
		lat: LAT,
		area: BUURT_A.id,
		street: 'Tigrisdreef',
		addresses: 1,
		visited: 0,
		talked: 0,
		visitedBefore: 0,
		talkedBefore: 0,
		lastVisit: null,
		themes: {},
		themesBefore: {},
		...overrides
	};
}

let assetCount = 0;
function asset(overrides: Partial<GapAsset> = {}): GapAsset {
	assetCount++;
	return {
		id: `asset${assetCount}`,
		kind: 'initiative',
		title: `Initiatief ${assetCount}`,
		lon: LON,
		lat: LAT,
		area: BUURT_A.id,
		themes: [],
		domain: ['sociaal'],
		status: 'active',
		created: '2025-01-01 10:00:00.000Z',
		resident: false,
		...overrides
	};
}

function input(overrides: Partial<GapInput> = {}): GapInput {
	return {
		aggregated: false,
		minResidents: 5,
		period: PERIOD,
		areas: [WIJK, BUURT_A, BUURT_B],
		units: [],
		assets: [],
		links: [],
		...overrides
	};
}

const link = (from: string, to: string): GapLink => ({ from, to });

describe('haversineMeters', () => {
	it('measures a known distance along a meridian and across a parallel', () => {
		const p = north(400);
		expect(haversineMeters(LON, LAT, p.lon, p.lat)).toBeCloseTo(400, 6);
		// One degree of longitude at 52° is about 68.6 km.
		expect(haversineMeters(5, 52, 6, 52) / 1000).toBeCloseTo(68.6, 0);
	});
});

describe('coverage', () => {
	// Ten addresses in buurt A: three visited (two of them talked), on two streets.
	const units = [
		...Array.from({ length: 6 }, (_, i) =>
			unit({
				...north(i * 10),
				visited: i < 3 ? 1 : 0,
				talked: i < 2 ? 1 : 0,
				visitedBefore: i < 1 ? 1 : 0,
				lastVisit: i === 0 ? '2026-11-21 12:00:00.000Z' : i < 3 ? '2026-10-01 09:00:00.000Z' : null
			})
		),
		...Array.from({ length: 4 }, (_, i) => unit({ ...north(100 + i * 10), street: 'Nijldreef' }))
	];
	const analysis = analyseGaps(input({ units }), OPTIONS);

	it('gives a buurt of 10 addresses with 3 visited 30%', () => {
		const buurt = analysis.buurten.find((b) => b.area === BUURT_A.id);
		expect(buurt).toMatchObject({
			addresses: 10,
			visited: 3,
			talked: 2,
			visitedShare: 0.3,
			talkedShare: 0.2,
			visitedBefore: 1,
			lastVisit: '2026-11-21 12:00:00.000Z',
			daysSinceLastVisit: 10,
			suppressedAddresses: 0,
			code: 'BU03440001',
			name: 'Tigrisdreef'
		});
		expect(analysis.total.visitedShare).toBe(0.3);
	});

	it('covers each street, and marks the one nobody visited', () => {
		const tigris = analysis.streets.find((s) => s.street === 'Tigrisdreef');
		const nijl = analysis.streets.find((s) => s.street === 'Nijldreef');
		expect(tigris).toMatchObject({ addresses: 6, visited: 3, neverVisited: false });
		expect(tigris?.visitedShare).toBeCloseTo(0.5);
		expect(nijl).toMatchObject({
			area: BUURT_A.id,
			addresses: 4,
			visited: 0,
			visitedShare: 0,
			lastVisit: null,
			daysSinceLastVisit: null,
			neverVisited: true
		});
		// The street's point is the middle of its addresses.
		expect(nijl?.lon).toBeCloseTo(LON, 9);
		expect(nijl?.lat).toBeCloseTo(north(115).lat, 9);
	});

	it('lists a buurt without addresses with empty shares, and not as lacking a key figure', () => {
		const empty = analysis.buurten.find((b) => b.area === BUURT_B.id);
		expect(empty).toMatchObject({
			addresses: 0,
			visitedShare: null,
			talkedShare: null,
			lastVisit: null,
			daysSinceLastVisit: null,
			keyFigures: 0
		});
		expect(analysis.withoutKeyFigure.buurten).toEqual([BUURT_A.id]);
		// Only buurten get rows, not the wijk above them.
		expect(analysis.buurten.map((b) => b.area)).toEqual([BUURT_A.id, BUURT_B.id]);
	});

	it('counts units in any order: streets interleaved, one point shared by two buurten', () => {
		const far = north(3000);
		const mixed = analyseGaps(
			input({
				units: [
					unit({ street: 'A-straat', visited: 1 }),
					unit({ street: 'B-straat', addresses: 2 }),
					unit({ street: 'A-straat', ...far }),
					unit({ street: 'A-straat', area: BUURT_B.id, ...far, visited: 1 }),
					unit({ street: 'B-straat', visited: 1 })
				]
			}),
			OPTIONS
		);
		expect(mixed.streets.map((s) => [s.area, s.street, s.addresses, s.visited])).toEqual([
			[BUURT_A.id, 'A-straat', 2, 1],
			[BUURT_A.id, 'B-straat', 3, 1],
			[BUURT_B.id, 'A-straat', 1, 1]
		]);
		expect(mixed.cells.map((c) => [c.h3, c.addresses, c.visited])).toEqual(
			expect.arrayContaining([
				[latLngToCell(LAT, LON, 9), 4, 2],
				[latLngToCell(far.lat, far.lon, 9), 2, 1]
			])
		);
		expect(mixed.buurten.map((b) => b.addresses)).toEqual([5, 1]);
	});

	it('keeps shares empty for units of 0 addresses', () => {
		const zero = analyseGaps(input({ units: [unit({ addresses: 0 })] }), OPTIONS);
		expect(zero.buurten[0]).toMatchObject({ addresses: 0, visitedShare: null });
		expect(zero.streets[0]).toMatchObject({ addresses: 0, neverVisited: false });
		expect(zero.withoutKeyFigure).toEqual({ buurten: [], cells: [] });
	});

	it('never counts a visit in the future as days ago below zero', () => {
		const soon = analyseGaps(
			input({ units: [unit({ visited: 1, lastVisit: '2026-12-01T13:00:00.000Z' })] }),
			OPTIONS
		);
		expect(soon.buurten[0].daysSinceLastVisit).toBe(0);
	});
});

describe('suppressed units (viewers)', () => {
	const units = [
		unit({ street: 'Tigrisdreef', addresses: 8, visited: 4, talked: 2, lastVisit: '2026-11-30' }),
		unit({ street: '', addresses: 7, suppressed: true, ...north(50) }),
		unit({ area: BUURT_B.id, street: '', addresses: 3, suppressed: true })
	];
	const analysis = analyseGaps(input({ aggregated: true, units }), OPTIONS);

	it('count only as suppressed addresses, not in the shares', () => {
		const a = analysis.buurten.find((b) => b.area === BUURT_A.id);
		expect(a).toMatchObject({
			addresses: 8,
			visited: 4,
			visitedShare: 0.5,
			suppressedAddresses: 7
		});
		expect(analysis.total).toMatchObject({ addresses: 8, suppressedAddresses: 10 });
		expect(analysis.aggregated).toBe(true);
	});

	it('stay off the grid and out of the never-visited streets', () => {
		expect(analysis.cells.reduce((sum, c) => sum + c.addresses, 0)).toBe(8);
		expect(analysis.cells).toHaveLength(1);
		const rest = analysis.streets.find((s) => s.area === BUURT_B.id);
		expect(rest).toMatchObject({
			street: '',
			addresses: 0,
			suppressedAddresses: 3,
			visitedShare: null,
			neverVisited: false,
			lon: LON,
			lat: LAT
		});
	});

	it('still make a buurt of only hidden addresses one without a key figure', () => {
		expect(analysis.withoutKeyFigure.buurten).toContain(BUURT_B.id);
	});
});

describe('unmet themes', () => {
	const raisedFour = unit({ themes: { taal: 4 } });

	it('counts a theme raised 4 times with no asset within 500 m as a gap', () => {
		const analysis = analyseGaps(
			input({ units: [raisedFour], assets: [asset({ themes: ['taal'], ...north(600) })] }),
			OPTIONS
		);
		const taal = analysis.themes.find((t) => t.theme === 'taal');
		expect(taal).toMatchObject({ raised: 4, unmet: 4, unmetShare: 1, assets: 1 });
		expect(analysis.themes[0].theme).toBe('taal');
		const cell = latLngToCell(LAT, LON, 9);
		expect(taal?.topCells).toEqual([cell]);
		const hex = analysis.cells.find((c) => c.h3 === cell);
		expect(hex).toMatchObject({ raised: { taal: 4 }, unmet: { taal: 4 }, unmetTotal: 4 });
		expect(analysis.buurten[0]).toMatchObject({ raised: { taal: 4 }, unmet: { taal: 4 } });
	});

	it('counts it as answered with an asset at 400 m, and at exactly the radius', () => {
		for (const metres of [400, 500]) {
			const analysis = analyseGaps(
				input({ units: [raisedFour], assets: [asset({ themes: ['taal'], ...north(metres) })] }),
				OPTIONS
			);
			const taal = analysis.themes.find((t) => t.theme === 'taal');
			expect(taal).toMatchObject({ raised: 4, unmet: 0, unmetShare: 0, topCells: [] });
			expect(analysis.cells.every((c) => c.unmetTotal === 0)).toBe(true);
			expect(analysis.buurten[0].unmet).toEqual({});
		}
		const justOut = analyseGaps(
			input({ units: [raisedFour], assets: [asset({ themes: ['taal'], ...north(500.5) })] }),
			OPTIONS
		);
		expect(justOut.themes.find((t) => t.theme === 'taal')?.unmet).toBe(4);
	});

	it('measures east-west distance on the sphere too, with the radius as an option', () => {
		// 400 m east at 52°: about 0.00585° of longitude.
		const east =
			2 *
			Math.asin(Math.sin(400 / (2 * EARTH_RADIUS_M)) / Math.cos(LAT * (Math.PI / 180))) *
			(180 / Math.PI);
		const assets = [asset({ themes: ['taal'], lon: LON + east, lat: LAT })];
		const within = analyseGaps(input({ units: [raisedFour], assets }), OPTIONS);
		expect(within.themes.find((t) => t.theme === 'taal')?.unmet).toBe(0);
		const shorter = analyseGaps(input({ units: [raisedFour], assets }), {
			...OPTIONS,
			radiusM: 300
		});
		expect(shorter.themes.find((t) => t.theme === 'taal')?.unmet).toBe(4);
		expect(shorter.options).toEqual({ radiusM: 300, resolution: 9, now: NOW, focused: false });
	});

	it('lets neither ended assets nor assets of other themes answer', () => {
		const analysis = analyseGaps(
			input({
				units: [raisedFour],
				assets: [
					asset({ themes: ['taal'], status: 'ended', ...north(10) }),
					asset({ themes: ['taal'], status: 'idea', ...north(10) }),
					asset({ themes: ['jeugd'], ...north(10) })
				]
			}),
			OPTIONS
		);
		const taal = analysis.themes.find((t) => t.theme === 'taal');
		expect(taal).toMatchObject({ unmet: 4, assets: 0 });
	});

	it('ranks every theme, biggest unmet first, with the five cells of most unmet', () => {
		// Six cells far apart (2 km) each raise groen a different number of times; one raises taal.
		const units = Array.from({ length: 6 }, (_, i) =>
			unit({ ...north(i * 2000), themes: { groen: i + 1 } })
		);
		units.push(unit({ ...north(20_000), themes: { taal: 30 } }));
		const answered = asset({ themes: ['taal'], ...north(20_000) });
		const analysis = analyseGaps(input({ units, assets: [answered] }), OPTIONS);
		expect(analysis.themes).toHaveLength(THEMES.length);
		expect(analysis.themes.map((t) => t.theme).slice(0, 2)).toEqual(['groen', 'taal']);
		const groen = analysis.themes[0];
		expect(groen).toMatchObject({ raised: 21, unmet: 21, domains: ['fysiek'] });
		const cellOf = (i: number) => latLngToCell(north(i * 2000).lat, LON, 9);
		expect(groen.topCells).toEqual([cellOf(5), cellOf(4), cellOf(3), cellOf(2), cellOf(1)]);
		expect(analysis.themes[1]).toMatchObject({ raised: 30, unmet: 0, unmetShare: 0 });
		// Themes nobody raised close the list, in the list's own order, with no share.
		expect(analysis.themes[2]).toMatchObject({ theme: 'eenzaamheid', raised: 0, unmetShare: null });
		// Cells: biggest gap first.
		expect(analysis.cells[0].h3).toBe(cellOf(5));
	});

	it('counts raisings of the previous period apart, and ignores missing and unknown themes', () => {
		const analysis = analyseGaps(
			input({
				units: [
					unit({ themes: { taal: 2 }, themesBefore: { taal: 3, jeugd: 1 } }),
					unit({ themes: undefined as never, themesBefore: undefined as never }),
					unit({ themes: { onbekend: 5, taal: 0 } as never })
				],
				assets: [asset({ themes: undefined as never }), asset({ themes: ['onbekend' as never] })]
			}),
			OPTIONS
		);
		expect(analysis.themes.find((t) => t.theme === 'taal')).toMatchObject({
			raised: 2,
			raisedBefore: 3
		});
		expect(analysis.themes.find((t) => t.theme === 'jeugd')).toMatchObject({
			raised: 0,
			raisedBefore: 1
		});
		expect(analysis.buurten[0].raised).toEqual({ taal: 2 });
		expect(analysis.total.change).toMatchObject({ raised: 2, raisedBefore: 4 });
	});
});

describe('unused strengths', () => {
	it('lists active assets whose themes nobody raised within the radius', () => {
		const unused = asset({ title: 'Taalcafé', themes: ['taal'], ...north(2000) });
		const half = asset({ title: 'Buurthuis', themes: ['taal', 'jeugd'] });
		const used = asset({ title: 'Jongerenwerk', themes: ['jeugd'], ...north(400) });
		const ended = asset({ title: 'Oud', themes: ['groen'], status: 'ended' });
		const none = asset({ title: 'Zonder thema', themes: [] });
		const analysis = analyseGaps(
			input({
				units: [unit({ themes: { jeugd: 1 } }), unit({ ...north(5000), themes: { taal: 1 } })],
				assets: [half, unused, used, ended, none]
			}),
			OPTIONS
		);
		// Answering nobody at all comes first; then the ones with some unused themes.
		expect(analysis.unusedStrengths).toEqual([
			{
				asset: unused.id,
				title: 'Taalcafé',
				kind: 'initiative',
				area: BUURT_A.id,
				themes: ['taal']
			},
			{ asset: half.id, title: 'Buurthuis', kind: 'initiative', area: BUURT_A.id, themes: ['taal'] }
		]);
	});

	it('does not count raisings of the previous period or of hidden units', () => {
		const strength = asset({ themes: ['taal'] });
		const analysis = analyseGaps(
			input({
				units: [
					unit({ themesBefore: { taal: 5 } }),
					unit({ suppressed: true, themes: { taal: 5 } as never })
				],
				assets: [strength]
			}),
			OPTIONS
		);
		expect(analysis.unusedStrengths.map((s) => s.asset)).toEqual([strength.id]);
	});
});

describe('key figures', () => {
	it('counts active key figures per buurt and cell, and finds where none are', () => {
		const far = north(3000);
		const units = [unit(), unit({ ...far, area: BUURT_B.id })];
		const assets = [
			asset({ kind: 'key_figure' }),
			asset({ kind: 'key_figure', status: 'ended', ...far, area: BUURT_B.id }),
			asset({ kind: 'institution', ...far, area: BUURT_B.id })
		];
		const analysis = analyseGaps(input({ units, assets }), OPTIONS);
		expect(analysis.buurten.map((b) => [b.area, b.keyFigures, b.assets])).toEqual([
			[BUURT_A.id, 1, 1],
			[BUURT_B.id, 0, 1]
		]);
		const farCell = latLngToCell(far.lat, far.lon, 9);
		expect(analysis.withoutKeyFigure).toEqual({ buurten: [BUURT_B.id], cells: [farCell] });
		expect(analysis.cells.find((c) => c.h3 === latLngToCell(LAT, LON, 9))?.keyFigures).toBe(1);
		expect(analysis.total.keyFigures).toBe(1);
	});

	it('reaches the assets within two steps over links either way, herself excluded', () => {
		// K → A (resident), B → K, A → C (resident), C → D (three steps), B → E (ended), A → K again.
		const k = asset({ id: 'k', kind: 'key_figure', title: 'Fatima' });
		const others = [
			asset({ id: 'a', resident: true, kind: 'capacity' }),
			asset({ id: 'b' }),
			asset({ id: 'c', resident: true, kind: 'capacity' }),
			asset({ id: 'd' }),
			asset({ id: 'e', status: 'ended' })
		];
		const lonely = asset({ id: 'l', kind: 'key_figure', title: 'Alleen' });
		const links = [
			link('k', 'a'),
			link('b', 'k'),
			link('a', 'c'),
			link('c', 'd'),
			link('b', 'e'),
			link('a', 'k'),
			link('k', 'elders')
		];
		const analysis = analyseGaps(input({ assets: [k, ...others, lonely], links }), OPTIONS);
		expect(analysis.keyFigures).toEqual([
			{
				asset: 'k',
				title: 'Fatima',
				area: BUURT_A.id,
				h3: latLngToCell(LAT, LON, 9),
				assets: 3,
				residents: 2,
				direct: 2
			},
			{
				asset: 'l',
				title: 'Alleen',
				area: BUURT_A.id,
				h3: latLngToCell(LAT, LON, 9),
				assets: 0,
				residents: 0,
				direct: 0
			}
		]);
	});
});

describe('domain balance', () => {
	it('counts active assets per domain, an asset of both in both', () => {
		const far = north(3000);
		const assets = [
			asset({ domain: ['sociaal'] }),
			asset({ domain: ['sociaal', 'fysiek'] }),
			asset({ domain: ['fysiek'], ...far, area: BUURT_B.id }),
			asset({ domain: ['fysiek'], status: 'ended' }),
			asset({ domain: [] })
		];
		const analysis = analyseGaps(input({ assets }), OPTIONS);
		expect(analysis.total.domain).toEqual({ sociaal: 2, fysiek: 2 });
		expect(analysis.total.assets).toBe(4);
		expect(analysis.buurten.find((b) => b.area === BUURT_A.id)?.domain).toEqual({
			sociaal: 2,
			fysiek: 1
		});
		expect(analysis.buurten.find((b) => b.area === BUURT_B.id)?.domain).toEqual({
			sociaal: 0,
			fysiek: 1
		});
		expect(analysis.cells.find((c) => c.h3 === latLngToCell(LAT, LON, 9))?.domain).toEqual({
			sociaal: 2,
			fysiek: 1
		});
	});
});

describe('change over time', () => {
	it('sets this period against the previous one', () => {
		const units = [
			unit({ visited: 1, talked: 1, visitedBefore: 1, themes: { taal: 2 } }),
			unit({ visited: 1, visitedBefore: 0, talkedBefore: 1, themesBefore: { groen: 1 } }),
			unit({ visitedBefore: 1 })
		];
		const assets = [
			asset({ created: '2026-09-01 00:00:00.000Z' }), // first day of the period
			asset({ created: '2026-11-30T23:59:59.999Z' }),
			asset({ created: '2026-12-01 00:00:00.000Z' }), // the period ends before this day
			asset({ created: '2026-08-31 23:59:59.999Z' }), // the previous period
			asset({ created: '2026-06-01 08:00:00.000Z' }),
			asset({ created: '2026-05-31 08:00:00.000Z' })
		];
		const analysis = analyseGaps(input({ units, assets }), OPTIONS);
		const expected = {
			visited: 2,
			visitedBefore: 2,
			talked: 1,
			talkedBefore: 1,
			newAssets: 2,
			newAssetsBefore: 2,
			raised: 2,
			raisedBefore: 1
		};
		expect(analysis.total.change).toEqual(expected);
		expect(analysis.buurten.find((b) => b.area === BUURT_A.id)?.change).toEqual(expected);
		expect(analysis.period).toEqual(PERIOD);
	});
});

describe('new assets', () => {
	it('counts only active ones, so "of which new" is never more than the assets beside it', () => {
		const now = '2026-10-01 10:00:00.000Z';
		const before = '2026-07-01 10:00:00.000Z';
		const assets = [
			asset({ created: now }),
			asset({ created: now, status: 'ended' }),
			asset({ created: now, status: 'paused' }),
			asset({ created: before, status: 'ended', ...north(3000) }),
			asset({ created: before })
		];
		const analysis = analyseGaps(input({ assets }), OPTIONS);
		expect(analysis.total.assets).toBe(2);
		expect(analysis.total.change.newAssets).toBe(1);
		expect(analysis.total.change.newAssetsBefore).toBe(1);
		for (const row of [analysis.total, ...analysis.buurten]) {
			expect(row.change.newAssets).toBeLessThanOrEqual(row.assets);
		}
		// A cell of ended assets only is no cell: nothing in it counts.
		expect(analysis.cells.map((c) => c.assets)).toEqual([2]);
	});
});

describe('focus', () => {
	// Two squares of 0.01° (about 0.7 × 1.1 km), the first with a hole in its middle.
	// Corners written out, so a point on an edge is exactly on it (5.1 + 0.01 is not 5.11).
	const square = (west: number, south: number, east: number, north: number): GeoJSON.Position[] => [
		[west, south],
		[east, south],
		[east, north],
		[west, north],
		[west, south]
	];
	const focus: GeoJSON.MultiPolygon = {
		type: 'MultiPolygon',
		coordinates: [
			[square(5.1, 52.1, 5.11, 52.11), square(5.104, 52.104, 5.106, 52.106).reverse()],
			[square(5.13, 52.1, 5.14, 52.11)]
		]
	};
	const units = [
		unit({ lon: 5.101, lat: 52.101, themes: { taal: 1 } }), // first square
		unit({ lon: 5.135, lat: 52.105, area: BUURT_B.id }), // second square
		unit({ lon: 5.11, lat: 52.105, visited: 1 }), // on the first square's east edge
		unit({ lon: 5.13, lat: 52.1 }), // on the second square's corner
		unit({ lon: 5.105, lat: 52.105 }), // in the hole
		unit({ lon: 5.12, lat: 52.105 }), // between the squares
		unit({ lon: 5.2, lat: 52.2, area: BUURT_B.id }) // far away
	];
	const assets = [
		asset({ lon: 5.102, lat: 52.102, kind: 'key_figure' }),
		// Outside the focus, but 300 m from the first unit: it still answers, but is not counted.
		asset({ lon: 5.101, lat: 52.101 - 300 * NORTH, themes: ['taal'] })
	];
	const analysis = analyseGaps(input({ units, assets }), { ...OPTIONS, focus });

	it('counts only units and assets inside, a point on the boundary as inside', () => {
		expect(analysis.total).toMatchObject({ addresses: 4, visited: 1, assets: 1, keyFigures: 1 });
		expect(analysis.options.focused).toBe(true);
		expect(analysis.cells.reduce((sum, c) => sum + c.addresses, 0)).toBe(4);
		// Buurten narrow to those the focus holds units or assets of.
		expect(analysis.buurten.map((b) => [b.area, b.addresses])).toEqual([
			[BUURT_A.id, 3],
			[BUURT_B.id, 1]
		]);
	});

	it('lets an asset just outside still answer a theme raised inside', () => {
		expect(analysis.themes.find((t) => t.theme === 'taal')).toMatchObject({
			raised: 1,
			unmet: 0,
			assets: 0
		});
		expect(analysis.unusedStrengths).toEqual([]);
	});

	it('works with a plain polygon too', () => {
		const polygon: GeoJSON.Polygon = {
			type: 'Polygon',
			coordinates: [square(5.13, 52.1, 5.14, 52.11)]
		};
		const one = analyseGaps(input({ units, assets }), { ...OPTIONS, focus: polygon });
		expect(one.total.addresses).toBe(2);
		expect(one.total.assets).toBe(0);
	});
});

describe('hex grid', () => {
	it('puts a point on a cell corner in exactly one cell, and only cells with something in them', () => {
		const cell = latLngToCell(LAT, LON, 9);
		const [cornerLat, cornerLon] = cellToBoundary(cell)[0];
		const units = [unit({ lon: cornerLon, lat: cornerLat, addresses: 3 }), unit({ addresses: 2 })];
		const analysis = analyseGaps(input({ units }), OPTIONS);
		expect(analysis.cells.reduce((sum, c) => sum + c.addresses, 0)).toBe(5);
		const cornerCell = latLngToCell(cornerLat, cornerLon, 9);
		expect(analysis.cells.find((c) => c.h3 === cornerCell)?.addresses).toBe(
			cornerCell === cell ? 5 : 3
		);
		expect(analysis.cells.length).toBe(cornerCell === cell ? 1 : 2);
	});

	it('gives each cell its middle and a closed outline at the asked resolution', () => {
		const analysis = analyseGaps(input({ units: [unit()] }), { ...OPTIONS, resolution: 7 });
		const [cell] = analysis.cells;
		expect(getResolution(cell.h3)).toBe(7);
		expect(cell.outline.length).toBeGreaterThanOrEqual(7);
		expect(cell.outline[0]).toEqual(cell.outline[cell.outline.length - 1]);
		expect(haversineMeters(cell.lon, cell.lat, LON, LAT)).toBeLessThan(1500);
		expect(cell.outline[0][0]).toBeCloseTo(LON, 1); // [lon, lat], longitude first
	});
});

describe('input edge cases', () => {
	it('answers an empty input with empty tables and every theme at zero', () => {
		const empty = analyseGaps(input({ areas: [] }), OPTIONS);
		expect(empty.buurten).toEqual([]);
		expect(empty.streets).toEqual([]);
		expect(empty.cells).toEqual([]);
		expect(empty.keyFigures).toEqual([]);
		expect(empty.unusedStrengths).toEqual([]);
		expect(empty.withoutKeyFigure).toEqual({ buurten: [], cells: [] });
		expect(empty.themes.map((t) => t.raised)).toEqual(THEMES.map(() => 0));
		expect(empty.total).toMatchObject({ addresses: 0, visitedShare: null, assets: 0 });
	});

	it('names a unit of an unknown area by its id', () => {
		const analysis = analyseGaps(input({ areas: [], units: [unit({ area: 'elders' })] }), OPTIONS);
		expect(analysis.buurten.map((b) => [b.area, b.code, b.name])).toEqual([
			['elders', '', 'elders']
		]);
	});

	it('refuses options it cannot use', () => {
		expect(() => analyseGaps(input(), { ...OPTIONS, radiusM: 0 })).toThrow(/radiusM/);
		expect(() => analyseGaps(input(), { ...OPTIONS, resolution: 16 })).toThrow(/resolution/);
		expect(() => analyseGaps(input(), { ...OPTIONS, now: Number.NaN })).toThrow(/now/);
	});
});

describe('runGapAnalysis without a Worker', () => {
	it('runs inline and reports progress up to 1', async () => {
		const shares: number[] = [];
		const analysis = await runGapAnalysis(input({ units: [unit({ visited: 1 })] }), OPTIONS, (s) =>
			shares.push(s)
		);
		expect(analysis.total.visitedShare).toBe(1);
		expect(shares[0]).toBe(0);
		expect(shares.at(-1)).toBe(1);
		expect(shares).toEqual([...shares].sort((a, b) => a - b));
	});

	it('rejects on bad options, and when aborted before it starts', async () => {
		await expect(runGapAnalysis(input(), { ...OPTIONS, radiusM: -1 })).rejects.toThrow(/radiusM/);
		const controller = new AbortController();
		controller.abort();
		await expect(
			runGapAnalysis(input(), OPTIONS, undefined, controller.signal)
		).rejects.toMatchObject({ name: 'AbortError' });
	});
});
