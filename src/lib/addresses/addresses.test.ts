// Guards the address search: splitting street and house number, the filter (values always as
// parameters), the Dutch way of writing an address, and counting house numbers as people do.
import { describe, expect, it } from 'vitest';
import {
	addressFilter,
	addressSearchFilter,
	compareAddresses,
	formatAddress,
	parseAddressQuery,
	type AddressRecord
} from './addresses';

describe('parseAddressQuery', () => {
	it.each([
		['Zamenhofdreef', { street: 'Zamenhofdreef', number: '' }],
		['  Zamenhofdreef   12 ', { street: 'Zamenhofdreef', number: '12' }],
		['Zamenhofdreef 12a', { street: 'Zamenhofdreef', number: '12A' }],
		['Zamenhofdreef 12 b', { street: 'Zamenhofdreef', number: '12B' }],
		['Zamenhofdreef 12-3', { street: 'Zamenhofdreef', number: '12-3' }],
		['Plein 1940-1945 3', { street: 'Plein 1940-1945', number: '3' }],
		['Van Egmondkade', { street: 'Van Egmondkade', number: '' }],
		['12', { street: '12', number: '' }],
		['', { street: '', number: '' }]
	])('reads %j', (text, expected) => {
		expect(parseAddressQuery(text)).toEqual(expected);
	});
});

describe('addressSearchFilter', () => {
	it('limits the search to addresses in or below her areas, or none', () => {
		expect(addressSearchFilter('Dorpsstraat', ['gm1'])).toEqual({
			expr: '(street ~ {:street} && (area = {:within0} || area.parent = {:within0} || area.parent.parent = {:within0}))',
			params: { street: 'Dorpsstraat', within0: 'gm1' }
		});
		expect(addressSearchFilter('Dorpsstraat')).toEqual(addressFilter('Dorpsstraat'));
		expect(addressSearchFilter('D', ['gm1'])).toBeNull();
	});
});

describe('addressFilter', () => {
	it('matches the street and the start of the number, as parameters', () => {
		expect(addressFilter('Zamenhof 12')).toEqual({
			expr: '(street ~ {:street} && number ~ {:number})',
			params: { street: 'Zamenhof', number: '12%' }
		});
		expect(addressFilter('tigris')).toEqual({
			expr: 'street ~ {:street}',
			params: { street: 'tigris' }
		});
	});

	it('keeps hostile text a parameter', () => {
		const filter = addressFilter('x" || id != "');
		expect(filter?.expr).toBe('street ~ {:street}');
		expect(filter?.params.street).toBe('x" || id != "');
	});

	it('is null for too little text', () => {
		expect(addressFilter('')).toBeNull();
		expect(addressFilter(' a ')).toBeNull();
		expect(addressFilter('a 12')).toBeNull();
	});
});

describe('formatAddress', () => {
	it('writes street and number, then postcode and city', () => {
		expect(
			formatAddress({ street: 'Zamenhofdreef', number: '12', postcode: '3562 JT', city: 'Utrecht' })
		).toBe('Zamenhofdreef 12, 3562 JT Utrecht');
		expect(formatAddress({ street: 'Zamenhofdreef', number: '12', postcode: '', city: '' })).toBe(
			'Zamenhofdreef 12'
		);
		expect(
			formatAddress({ street: 'Zamenhofdreef', number: '12', postcode: '', city: 'Utrecht' })
		).toBe('Zamenhofdreef 12, Utrecht');
	});
});

describe('compareAddresses', () => {
	it('sorts by street, then by house number as people count', () => {
		const at = (street: string, number: string) => ({ street, number }) as AddressRecord;
		const sorted = [
			at('Zamenhofdreef', '10'),
			at('Tigrisdreef', '3'),
			at('Zamenhofdreef', '12A'),
			at('Zamenhofdreef', '2'),
			at('Zamenhofdreef', '12')
		].sort(compareAddresses);
		expect(sorted.map((a) => `${a.street} ${a.number}`)).toEqual([
			'Tigrisdreef 3',
			'Zamenhofdreef 2',
			'Zamenhofdreef 10',
			'Zamenhofdreef 12',
			'Zamenhofdreef 12A'
		]);
	});
});
