// Addresses (BAG or demo): reading what someone types into the address search, and showing an
// address the Dutch way. Pure; the query itself is in addresses.api.ts.
import { anyOf, combine, type Filter } from '$lib/pocketbase/filter';
import type { BaseRecord, GeoPoint } from '$lib/pocketbase/types';

/** `addresses`, see 1763900300_create_addresses.js. */
export interface AddressRecord extends BaseRecord {
	street: string;
	number: string;
	postcode: string;
	city: string;
	location: GeoPoint;
	area: string;
	bagId?: string;
}

export interface AddressQuery {
	/** What the street name must contain; '' when only a number or postcode was typed. */
	street: string;
	/** The house number as typed ("12", "12A", "12-3"), or ''. */
	number: string;
}

/** Fewer characters than this find too much to be useful. */
export const MIN_QUERY_LENGTH = 2;

// A house number at the end: digits, optionally a letter or an addition ("12", "12a", "12-3").
const TRAILING_NUMBER = /\s+(\d{1,5}(?:\s?[a-z]|[-\s]\w{1,4})?)$/i;

/**
 * Splits a typed address into street and house number.
 *
 * @example parseAddressQuery(' Zamenhofdreef 12a ') // { street: 'Zamenhofdreef', number: '12A' }
 */
export function parseAddressQuery(text: string): AddressQuery {
	const trimmed = text.trim().replace(/\s+/g, ' ');
	const match = TRAILING_NUMBER.exec(trimmed);
	if (!match) return { street: trimmed, number: '' };
	return {
		street: trimmed.slice(0, match.index).trim(),
		number: match[1].replace(/\s/g, '').toUpperCase()
	};
}

/**
 * The filter for a typed address: the street contains the text (PocketBase's `~`, case
 * insensitive), and the number starts with the typed number. Null when too little was typed.
 *
 * @example
 * addressFilter('Zamenhof 12')
 * // { expr: '(street ~ {:street} && number ~ {:number})', params: { street: 'Zamenhof', number: '12%' } }
 */
export function addressFilter(text: string): Filter | null {
	const { street, number } = parseAddressQuery(text);
	if (street.length < MIN_QUERY_LENGTH) return null;
	// `~` wraps the value in %…% unless it has a % itself: '12%' means "starts with 12".
	const streetFilter: Filter = { expr: 'street ~ {:street}', params: { street } };
	const numberFilter: Filter | null = number
		? { expr: 'number ~ {:number}', params: { number: `${number}%` } }
		: null;
	return combine('&&', streetFilter, numberFilter);
}

/**
 * `addressFilter`, limited to the addresses in or below the given areas (a buurt, or the buurten of
 * a wijk or gemeente); no areas: every address. Null when too little was typed.
 *
 * @example
 * addressSearchFilter('Dorpsstraat 1', ['gm1'])
 * // { expr: '((street ~ …) && (area = {:within0} || area.parent = {:within0} || area.parent.parent = {:within0}))', … }
 */
export function addressSearchFilter(text: string, within: readonly string[] = []): Filter | null {
	const typed = addressFilter(text);
	if (!typed) return null;
	return combine(
		'&&',
		typed,
		anyOf(['area', 'area.parent', 'area.parent.parent'], within, 'within')
	);
}

/**
 * Street and number, then postcode and city when known.
 *
 * @example formatAddress({ street: 'Zamenhofdreef', number: '12', postcode: '3562 JT', city: 'Utrecht' })
 * // 'Zamenhofdreef 12, 3562 JT Utrecht'
 */
export function formatAddress(
	address: Pick<AddressRecord, 'street' | 'number' | 'postcode' | 'city'>
): string {
	const line = `${address.street} ${address.number}`.trim();
	const place = [address.postcode, address.city].filter(Boolean).join(' ');
	return place ? `${line}, ${place}` : line;
}

/**
 * Sorts by street, then house number the way people count (2 before 10, 12 before 12A).
 *
 * @example ['10', '2', '12A', '12'] → ['2', '10', '12', '12A']
 */
export function compareAddresses(
	a: Pick<AddressRecord, 'street' | 'number'>,
	b: Pick<AddressRecord, 'street' | 'number'>
): number {
	return (
		a.street.localeCompare(b.street, 'nl') ||
		a.number.localeCompare(b.number, 'nl', { numeric: true })
	);
}
