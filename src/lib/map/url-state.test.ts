// Guards the map state in the URL: round trips for many valid states, defaults left out, stable
// key order, rounding, and hostile or broken query strings that must never throw.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, copyFilter, type AssetFilter } from '$lib/assets/filters';
import { readUrlState, writeUrlState, type MapUrlState } from './url-state';

const ID = 'abc123def456ghi';

function state(fields: Partial<Omit<MapUrlState, 'filter'>> & { filter?: Partial<AssetFilter> }) {
	const { filter, ...rest } = fields;
	return {
		center: null,
		zoom: null,
		area: null,
		selected: null,
		...rest,
		filter: { ...copyFilter(DEFAULT_FILTER), ...filter }
	} satisfies MapUrlState;
}

const read = (query: string) => readUrlState(new URLSearchParams(query));

describe('round trips', () => {
	const cases: [string, MapUrlState][] = [
		['the default', state({})],
		['a centre', state({ center: [5.1234, 52.1234] })],
		['a centre with 5 decimals', state({ center: [5.12345, 52.09876] })],
		['a centre at whole degrees', state({ center: [5, 52] })],
		['the corners of the world', state({ center: [-180, -90], zoom: 0 })],
		['the other corners', state({ center: [180, 90], zoom: 24 })],
		['west and south', state({ center: [-73.98513, 40.75889], zoom: 3.25 })],
		['a zoom alone', state({ zoom: 14.5 })],
		['a whole zoom', state({ zoom: 12 })],
		['a buurt', state({ area: 'BU03440311' })],
		['a custom area code', state({ area: 'custom_oost-2' })],
		['a selected asset', state({ selected: ID })],
		['one kind', state({ filter: { kinds: ['key_figure'] } })],
		['kinds in any order', state({ filter: { kinds: ['place', 'key_figure', 'business'] } })],
		['themes', state({ filter: { themes: ['taal', 'zorg_voor_elkaar'] } })],
		['domains', state({ filter: { domains: ['fysiek', 'sociaal'] } })],
		['ended only', state({ filter: { statuses: ['ended'] } })],
		['every status', state({ filter: { statuses: [] } })],
		['all four statuses', state({ filter: { statuses: ['active', 'idea', 'paused', 'ended'] } })],
		[
			'the default statuses reordered',
			state({ filter: { statuses: ['paused', 'active', 'idea'] } })
		],
		['a search', state({ filter: { text: 'repair café' } })],
		['a search with spaces and signs', state({ filter: { text: ' a&b=c, 100% ?#+ ' } })],
		['a search in another script', state({ filter: { text: 'مرحبا 你好 🌳' } })],
		['the longest search', state({ filter: { text: 'x'.repeat(200) } })],
		[
			'everything at once',
			state({
				center: [5.1185, 52.10998],
				zoom: 15.75,
				area: 'WK034403',
				selected: ID,
				filter: {
					kinds: ['key_figure', 'initiative'],
					themes: ['taal'],
					domains: ['sociaal'],
					statuses: ['active', 'idea'],
					text: 'repair'
				}
			})
		]
	];

	it.each(cases)('gives back %s', (_, original) => {
		const params = writeUrlState(original);
		expect(readUrlState(params)).toEqual(original);
		// And through a real URL string, as the browser keeps it.
		expect(readUrlState(new URLSearchParams(params.toString()))).toEqual(original);
	});
});

describe('writeUrlState', () => {
	it('writes nothing for the default state', () => {
		expect(writeUrlState(state({})).toString()).toBe('');
	});

	it('writes keys in a fixed order, lists comma-separated, latitude first', () => {
		const params = writeUrlState(
			state({
				selected: ID,
				filter: {
					text: 'repair',
					statuses: ['active'],
					domains: ['fysiek'],
					themes: ['taal'],
					kinds: ['key_figure', 'initiative']
				},
				area: 'WK034403',
				zoom: 14.5,
				center: [5.1234, 52.1234]
			})
		);
		expect([...params.keys()]).toEqual([
			'at',
			'z',
			'area',
			'kind',
			'theme',
			'domain',
			'status',
			'q',
			'asset'
		]);
		expect(decodeURIComponent(params.toString())).toBe(
			`at=52.1234,5.1234&z=14.5&area=WK034403&kind=key_figure,initiative&theme=taal&domain=fysiek&status=active&q=repair&asset=${ID}`
		);
	});

	it('rounds the centre to 5 decimals and the zoom to 2', () => {
		const params = writeUrlState(state({ center: [5.123456789, 52.000004], zoom: 14.56789 }));
		expect(params.get('at')).toBe('52,5.12346');
		expect(params.get('z')).toBe('14.57');
	});

	it('writes no "-0"', () => {
		expect(writeUrlState(state({ center: [-0.000001, -0.000004] })).get('at')).toBe('0,0');
	});

	it('leaves out values it could not read back', () => {
		const bad = state({ center: [NaN, 52], zoom: 99, area: '../x', selected: 'ABC' });
		expect(writeUrlState(bad).toString()).toBe('');
	});

	it('cuts a search text to 200 characters', () => {
		expect(writeUrlState(state({ filter: { text: 'y'.repeat(500) } })).get('q')).toHaveLength(200);
	});
});

describe('readUrlState on broken and hostile input', () => {
	it('reads the example from the docs', () => {
		expect(read('at=52.1234,5.1234&z=14.5&area=WK034403&kind=key_figure,initiative')).toEqual(
			state({
				center: [5.1234, 52.1234],
				zoom: 14.5,
				area: 'WK034403',
				filter: { kinds: ['key_figure', 'initiative'] }
			})
		);
	});

	it.each([
		'at=NaN,Infinity',
		'at=52.1',
		'at=52.1,5.1,3',
		'at=,',
		'at=91,5',
		'at=52,181',
		'at=-90.0001,5',
		'at=5e1,5',
		'at=0x10,5',
		'at= 52,5',
		'at=52;5'
	])('ignores a bad centre: %s', (query) => {
		expect(read(query).center).toBeNull();
	});

	it.each(['z=99', 'z=-1', 'z=24.01', 'z=', 'z=abc', 'z=Infinity', 'z=1e1', 'z=14,5'])(
		'ignores a bad zoom: %s',
		(query) => {
			expect(read(query).zoom).toBeNull();
		}
	);

	it('ignores unknown kinds, themes, domains and statuses', () => {
		const { filter } = read(
			'kind=<script>alert(1)</script>&theme=Taal,taal,x&domain=social&status=deleted'
		);
		expect(filter).toEqual(copyFilter({ ...DEFAULT_FILTER, themes: ['taal'] }));
	});

	it('keeps the known values of a mixed list, once each', () => {
		expect(read('kind=place,%3Cscript%3E,place,, business').filter.kinds).toEqual([
			'place',
			'business'
		]);
		expect(read('status=ended,bogus').filter.statuses).toEqual(['ended']);
	});

	it('falls back to the default statuses when none is known', () => {
		expect(read('status=').filter.statuses).toEqual(DEFAULT_FILTER.statuses);
		expect(read('status=any,ended').filter.statuses).toEqual(['ended']);
		expect(read('status=any').filter.statuses).toEqual([]);
	});

	it.each(['asset=../../x', 'asset=ABC123DEF456GHI', 'asset=abc', `asset=${ID}x`, 'asset='])(
		'ignores a bad asset id: %s',
		(query) => {
			expect(read(query).selected).toBeNull();
		}
	);

	it.each(['area=../../x', 'area=BU 0344', `area=${'A'.repeat(41)}`, 'area=', 'area=%00'])(
		'ignores a bad area code: %s',
		(query) => {
			expect(read(query).area).toBeNull();
		}
	);

	it('takes the first value of a repeated key, and joins repeated lists', () => {
		const parsed = read(`z=3&z=5&asset=${ID}&asset=zzz&kind=place&kind=business,place&q=a&q=b`);
		expect(parsed.zoom).toBe(3);
		expect(parsed.selected).toBe(ID);
		expect(parsed.filter.kinds).toEqual(['place', 'business']);
		expect(parsed.filter.text).toBe('a');
	});

	it('cuts a very long search text to 200 characters, never halving an emoji', () => {
		expect(read(`q=${'a'.repeat(5000)}`).filter.text).toBe('a'.repeat(200));
		const emoji = read(`q=${encodeURIComponent('🌳'.repeat(300))}`).filter.text;
		expect(Array.from(emoji)).toHaveLength(200);
		expect(emoji).toBe('🌳'.repeat(200));
	});

	it('never throws, whatever the query', () => {
		const queries = [
			'',
			'?',
			'&&&',
			'=',
			'at',
			'%',
			'at=%E0%A4%A',
			'q=%FF%FE',
			'__proto__=1&constructor=x',
			'kind=__proto__&theme=constructor',
			'at=1,2&at=3,4&z=1&z=2&area=a&area=b',
			'q=' + encodeURIComponent('"; DROP TABLE assets; --')
		];
		for (const query of queries) {
			expect(() => read(query)).not.toThrow();
		}
		expect(read('kind=__proto__&theme=constructor').filter).toEqual(DEFAULT_FILTER);
	});

	it('keeps the search text as typed, spaces included', () => {
		expect(read('q=+repair+').filter.text).toBe(' repair ');
	});
});
