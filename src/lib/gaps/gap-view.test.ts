// Guards what the gap view makes of an analysis: settings in the URL, the period, map features,
// sorting and the export's file name.
import { describe, expect, it } from 'vitest';
import type { GapAnalysis } from './gap-analysis';
import {
	assetFeatures,
	buurtFeatures,
	buurtRows,
	cellFeatures,
	clampRadius,
	daysSince,
	gapScope,
	isLeastCovered,
	LEAST_COVERED_SHARE,
	planStreets,
	exportFileName,
	neverVisitedFeatures,
	percent,
	periodFor,
	periodForRole,
	quarterPeriodFor,
	PERIOD_MONTHS,
	rankedThemeGaps,
	readGapSettings,
	scopeBounds,
	sortRows,
	themeCount,
	themesByCount,
	trend,
	writeGapSettings,
	type GapViewSettings
} from './gap-view';
import type { GapAsset } from './gap-input';
import type { AreaRecord } from '$lib/pocketbase/types';

const coverage = {
	addresses: 10,
	visited: 3,
	talked: 2,
	visitedShare: 0.3,
	talkedShare: 0.2,
	visitedBefore: 1,
	talkedBefore: 1,
	lastVisit: '2026-11-20T10:00:00.000Z',
	daysSinceLastVisit: 11,
	suppressedAddresses: 0
};
const change = {
	visited: 3,
	visitedBefore: 1,
	talked: 2,
	talkedBefore: 1,
	newAssets: 0,
	newAssetsBefore: 0,
	raised: 4,
	raisedBefore: 0
};
const outline: [number, number][] = [
	[5, 52],
	[5.01, 52],
	[5.01, 52.01],
	[5, 52]
];

const analysis = {
	buurten: [
		{
			...coverage,
			area: 'b1',
			code: 'BU1',
			name: 'Noord',
			keyFigures: 0,
			domain: { sociaal: 1, fysiek: 0 },
			assets: 1,
			raised: { taal: 4 },
			unmet: { taal: 4 },
			change
		},
		{
			...coverage,
			addresses: 0,
			visitedShare: null,
			area: 'b2',
			code: 'BU2',
			name: 'Zuid',
			keyFigures: 1,
			domain: { sociaal: 0, fysiek: 0 },
			assets: 0,
			raised: {},
			unmet: {},
			change
		}
	],
	streets: [
		{ ...coverage, area: 'b1', street: 'Dreef', neverVisited: false, lon: 5, lat: 52 },
		{ ...coverage, area: 'b1', street: 'Laan', neverVisited: true, lon: 5.1, lat: 52.1 },
		{ ...coverage, area: 'b1', street: '', neverVisited: true, lon: 5.2, lat: 52.2 }
	],
	cells: [
		{
			h3: 'c1',
			lon: 5,
			lat: 52,
			outline,
			addresses: 10,
			visited: 3,
			talked: 2,
			raised: { taal: 4, jeugd: 1 },
			unmet: { taal: 4, jeugd: 1 },
			unmetTotal: 5,
			assets: 0,
			keyFigures: 0,
			domain: { sociaal: 0, fysiek: 0 }
		}
	],
	withoutKeyFigure: { buurten: ['b1'], cells: ['c1'] }
} satisfies Pick<GapAnalysis, 'buurten' | 'streets' | 'cells' | 'withoutKeyFigure'>;

describe('settings in the URL', () => {
	it('reads known values and falls back on the rest', () => {
		expect(
			readGapSettings(new URLSearchParams('area=WK034403&months=6&radius=9000&theme=taal'))
		).toEqual({
			area: 'WK034403',
			months: 6,
			radiusM: 2000,
			theme: 'taal',
			layers: ['coverage', 'cells', 'streets', 'assets'],
			tab: 'buurten',
			round: null,
			hideEmpty: true
		});
		expect(
			readGapSettings(
				new URLSearchParams('area=<x>&months=5&radius=1e3&theme=Taal&layers=cells,hexes&tab=x')
			)
		).toEqual({
			area: null,
			months: 3,
			radiusM: 500,
			theme: null,
			layers: ['coverage', 'cells', 'streets', 'assets'],
			tab: 'buurten',
			round: null,
			hideEmpty: true
		});
	});

	it('reads the layers in their own order, none as none, and the tab', () => {
		const read = (query: string) => readGapSettings(new URLSearchParams(query));
		expect(read('layers=assets,keyFigures').layers).toEqual(['keyFigures', 'assets']);
		expect(read('layers=').layers).toEqual([]);
		expect(read('tab=keyFigures').tab).toBe('keyFigures');
	});

	it('reads a round by its id, and nothing else as one', () => {
		const read = (query: string) => readGapSettings(new URLSearchParams(query));
		expect(read('ronde=abc123def456ghi').round).toBe('abc123def456ghi');
		expect(read('ronde=a%20b').round).toBeNull();
		expect(read('ronde=').round).toBeNull();
		expect(read('').round).toBeNull();
	});

	it('writes only what differs from the defaults and reads back the same', () => {
		const settings: GapViewSettings = {
			area: 'BU03440311',
			months: 12,
			radiusM: 750,
			theme: 'jeugd',
			layers: ['cells', 'keyFigures'],
			tab: 'themes',
			round: 'r1abc',
			hideEmpty: false
		};
		expect(writeGapSettings(settings).toString()).toBe(
			'area=BU03440311&months=12&radius=750&theme=jeugd&layers=cells%2CkeyFigures&tab=themes&ronde=r1abc&empty=show'
		);
		expect(readGapSettings(writeGapSettings(settings))).toEqual(settings);
		const none: GapViewSettings = { ...settings, layers: [] };
		expect(readGapSettings(writeGapSettings(none))).toEqual(none);
		const defaults = readGapSettings(new URLSearchParams(''));
		expect(writeGapSettings(defaults).toString()).toBe('');
		// The same layers in another order are still the default.
		const reordered = { ...defaults, layers: [...defaults.layers].reverse() };
		expect(writeGapSettings(reordered).toString()).toBe('');
	});

	it('hides buurten without addresses unless the URL says empty=show', () => {
		const read = (query: string) => readGapSettings(new URLSearchParams(query));
		expect(read('').hideEmpty).toBe(true);
		expect(read('empty=show').hideEmpty).toBe(false);
		expect(read('empty=yes').hideEmpty).toBe(true);
		const rows = [
			{ id: 'farmland', addresses: 0 },
			{ id: 'town', addresses: 120 }
		];
		expect(buurtRows(rows, true).map((r) => r.id)).toEqual(['town']);
		expect(buurtRows(rows, false).map((r) => r.id)).toEqual(['farmland', 'town']);
	});

	it('keeps the distance within 100–2000 m', () => {
		expect(clampRadius(40)).toBe(100);
		expect(clampRadius(499.6)).toBe(500);
		expect(clampRadius(Number.NaN)).toBe(500);
	});
});

describe('period', () => {
	it('runs from N months back to the end of today', () => {
		expect(periodFor(3, new Date(2026, 11, 1, 15))).toEqual({
			from: '2026-09-01',
			to: '2026-12-02'
		});
		expect(periodFor(12, new Date(2026, 0, 31))).toEqual({ from: '2025-01-31', to: '2026-02-01' });
	});

	it('takes the last day of a shorter month', () => {
		expect(periodFor(3, new Date(2026, 4, 31))).toEqual({ from: '2026-02-28', to: '2026-06-01' });
	});

	it('gives viewers whole quarters, up to where the current one began (UTC)', () => {
		const now = new Date(Date.UTC(2026, 11, 7, 15));
		expect(PERIOD_MONTHS.map((months) => quarterPeriodFor(months, now))).toEqual([
			{ from: '2026-07-01', to: '2026-10-01' },
			{ from: '2026-04-01', to: '2026-10-01' },
			{ from: '2025-10-01', to: '2026-10-01' }
		]);
		// Every day of a quarter gives the same periods; the first day of the next, the next ones.
		for (const [month, day] of [
			[9, 1],
			[10, 15],
			[11, 31]
		]) {
			expect(quarterPeriodFor(3, new Date(Date.UTC(2026, month, day)))).toEqual({
				from: '2026-07-01',
				to: '2026-10-01'
			});
		}
		expect(quarterPeriodFor(3, new Date(Date.UTC(2027, 0, 1)))).toEqual({
			from: '2026-10-01',
			to: '2027-01-01'
		});
		expect(quarterPeriodFor(12, new Date(Date.UTC(2026, 1, 28)))).toEqual({
			from: '2025-01-01',
			to: '2026-01-01'
		});
	});

	it('asks whole quarters for a viewer only', () => {
		const now = new Date(Date.UTC(2026, 11, 7, 15));
		expect(periodForRole('viewer', 3, now)).toEqual(quarterPeriodFor(3, now));
		for (const role of ['worker', 'coordinator', 'admin', undefined]) {
			expect(periodForRole(role, 3, now)).toEqual(periodFor(3, now));
		}
		expect(periodFor(3, now)).not.toEqual(quarterPeriodFor(3, now));
	});
});

describe('numbers', () => {
	it('shows shares, trends and theme counts', () => {
		expect(percent(0.3)).toBe('30%');
		expect(percent(null)).toBe('–');
		expect([trend(2, 1), trend(1, 2), trend(1, 1)]).toEqual(['up', 'down', 'same']);
		expect(themeCount({ taal: 4, jeugd: 1 }, null)).toBe(5);
		expect(themeCount({ taal: 4 }, 'jeugd')).toBe(0);
		expect(themesByCount({ jeugd: 1, taal: 4, groen: 0 })).toEqual([
			['taal', 4],
			['jeugd', 1]
		]);
		expect(daysSince('2026-11-20 10:00:00.000Z', Date.parse('2026-12-01T09:00:00Z'))).toBe(10);
		expect(daysSince(null, 0)).toBeNull();
	});

	it('sorts with nulls last either way and ties in their order', () => {
		const rows = [
			{ id: 'a', n: 1 },
			{ id: 'b', n: null },
			{ id: 'c', n: 3 },
			{ id: 'd', n: 1 }
		];
		expect(sortRows(rows, (r) => r.n, true).map((r) => r.id)).toEqual(['c', 'a', 'd', 'b']);
		expect(sortRows(rows, (r) => r.n, false).map((r) => r.id)).toEqual(['a', 'd', 'c', 'b']);
		expect(
			sortRows([{ s: 'Zuid' }, { s: 'aarde' }, { s: 'Één' }], (r) => r.s, false).map((r) => r.s)
		).toEqual(['aarde', 'Één', 'Zuid']);
	});
});

describe('map features', () => {
	it('colours buurten by visited share, -1 without addresses, and marks those without a key figure', () => {
		const square = { type: 'Polygon' as const, coordinates: [outline] };
		const features = buurtFeatures(analysis, (id) => (id === 'missing' ? null : square));
		expect(features.features.map((f) => f.properties)).toEqual([
			{ id: 'b1', name: 'Noord', share: 0.3, withoutKeyFigure: true },
			{ id: 'b2', name: 'Zuid', share: -1, withoutKeyFigure: false }
		]);
		expect(buurtFeatures(analysis, () => null).features).toHaveLength(0);
	});

	it('scores hexagons by all unmet themes or by the chosen one', () => {
		expect(cellFeatures(analysis, null).features[0].properties).toEqual({
			id: 'c1',
			score: 5,
			withoutKeyFigure: true
		});
		expect(cellFeatures(analysis, 'taal').features[0].properties.score).toBe(4);
		expect(cellFeatures(analysis, 'groen').features[0].properties.score).toBe(0);
		expect(cellFeatures(analysis, null).features[0].geometry.coordinates[0]).toBe(outline);
	});

	it('puts never-visited named streets on the map, not a folded rest', () => {
		expect(neverVisitedFeatures(analysis).features.map((f) => f.properties)).toEqual([
			{ id: 'b1|Laan', street: 'Laan', addresses: 10 }
		]);
	});

	it('draws active assets only, the chosen theme only', () => {
		const asset = (id: string, over: Partial<GapAsset>): GapAsset => ({
			id,
			kind: 'place',
			title: id,
			lon: 5,
			lat: 52,
			area: 'b1',
			themes: ['taal'],
			domain: ['sociaal'],
			status: 'active',
			created: '2026-01-01',
			resident: false,
			...over
		});
		const assets = [
			asset('a', {}),
			asset('b', { status: 'ended' }),
			asset('c', { kind: 'key_figure', themes: ['jeugd'] })
		];
		expect(assetFeatures(assets, null).features.map((f) => f.properties)).toEqual([
			{ id: 'a', title: 'a', keyFigure: false },
			{ id: 'c', title: 'c', keyFigure: true }
		]);
		expect(assetFeatures(assets, 'jeugd').features.map((f) => f.id)).toEqual(['c']);
	});
});

describe('themes and export', () => {
	it('ranks raised themes by unmet, then raised; a chosen theme alone', () => {
		const gap = (theme: 'taal' | 'jeugd' | 'groen', raised: number, unmet: number) => ({
			theme,
			domains: [],
			raised,
			raisedBefore: 0,
			unmet,
			unmetShare: raised ? unmet / raised : null,
			assets: 0,
			topCells: []
		});
		const themes = [gap('groen', 0, 0), gap('taal', 4, 1), gap('jeugd', 2, 2)];
		expect(rankedThemeGaps(themes, null).map((t) => t.theme)).toEqual(['jeugd', 'taal']);
		expect(rankedThemeGaps(themes, 'groen').map((t) => t.theme)).toEqual(['groen']);
	});

	it('names a file after the area and the day', () => {
		expect(exportFileName('Witte vlekken', 'Taag- en Rubicondreef', '2026-12-01', 'csv')).toBe(
			'witte-vlekken-taag-en-rubicondreef-2026-12-01.csv'
		);
		expect(exportFileName('kaart', '', '2026-12-01', 'png')).toBe('kaart-2026-12-01.png');
	});
});

describe('the area asked', () => {
	const square = (lon: number, lat: number, size: number) => ({
		type: 'Polygon' as const,
		coordinates: [
			[
				[lon, lat],
				[lon + size, lat],
				[lon + size, lat + size],
				[lon, lat + size],
				[lon, lat]
			]
		]
	});
	const buurt = (id: string, lon: number) => ({
		id,
		code: id.toUpperCase(),
		name: id,
		level: 'buurt',
		geometry: square(lon, 52, 0.01)
	});
	const buurten = [buurt('b1', 5), buurt('b2', 5.01), buurt('b3', 5.05)];
	const custom = {
		id: 'c1',
		code: 'EIGEN',
		name: 'Rond het plein',
		level: 'custom',
		geometry: square(5.005, 52.002, 0.006)
	};
	const wijk = { id: 'w1', code: 'WK1', name: 'Wijk', level: 'wijk', geometry: null };
	const areas = [wijk, ...buurten, custom];

	it('asks for the picked area itself, or the user’s areas', () => {
		expect(gapScope('WK1', areas, buurten, ['w1'])).toEqual({ areaIds: ['w1'], area: wijk });
		expect(gapScope(null, areas, buurten, ['w1'])).toEqual({ areaIds: ['w1'], area: null });
		expect(gapScope('GONE', areas, buurten, ['w1']).areaIds).toEqual(['w1']);
	});

	it('asks for the buurten a custom area’s box touches, with its outline as focus', () => {
		const scope = gapScope('EIGEN', areas, buurten, ['w1']);
		expect(scope.areaIds).toEqual(['b1', 'b2']);
		expect(scope.focus).toBe(custom.geometry);
	});

	it('fits the map to the picked area’s buurten, a custom area’s outline, or all', () => {
		const records = [
			{ ...buurten[0], parent: 'w1' },
			{ ...buurten[1], parent: 'w1' },
			{ ...buurten[2], parent: 'w2' }
		] as unknown as AreaRecord[];
		const tree = [{ ...wijk, parent: '' }, ...records] as unknown as AreaRecord[];
		const known = { buurten: records, tree };
		expect(scopeBounds(gapScope('WK1', areas, buurten, ['w1']), known)).toEqual([
			5, 52, 5.02, 52.01
		]);
		expect(scopeBounds(gapScope('EIGEN', areas, buurten, ['w1']), known)).toEqual([
			5.005, 52.002, 5.011, 52.008
		]);
		expect(scopeBounds(gapScope(null, areas, buurten, ['w1']), known)).toEqual([
			5, 52, 5.06, 52.01
		]);
	});
});

describe('planStreets', () => {
	const street = (name: string, over: object = {}) => ({
		area: 'b1',
		street: name,
		addresses: 10,
		neverVisited: false,
		visitedShare: 0.5,
		...over
	});
	const streets = [
		street('Amazonedreef', { neverVisited: true, visitedShare: 0 }),
		street('Wolgadreef', { visitedShare: 0.2 }),
		street('Kerkstraat', { visitedShare: 0.25 }),
		street('', { neverVisited: true, visitedShare: 0 }),
		street('Leeg', { addresses: 0, neverVisited: false, visitedShare: null })
	];

	it('gives the never visited streets, or those under a quarter visited, by buurt and name', () => {
		expect(planStreets(streets, 'never')).toEqual([{ area: 'b1', street: 'Amazonedreef' }]);
		expect(planStreets(streets, 'least')).toEqual([
			{ area: 'b1', street: 'Amazonedreef' },
			{ area: 'b1', street: 'Wolgadreef' }
		]);
		expect(isLeastCovered(0.2499)).toBe(true);
		expect(isLeastCovered(LEAST_COVERED_SHARE)).toBe(false);
		expect(isLeastCovered(null)).toBe(false);
	});
});
