// The map's position, area, filters and selected asset in the URL, so a view can be shared,
// bookmarked and restored with the back button. Pure. Reading never throws: the URL is user
// input, and whatever is unknown or out of range is ignored.
import { DEFAULT_FILTER, copyFilter, type AssetFilter } from '$lib/assets/filters';
import { ASSET_STATUS_VALUES, type AssetStatus } from '$lib/pocketbase/types';
import { isDomain, isTheme, ASSET_KIND_VALUES, type AssetKind } from '$lib/vocabulary/vocabulary';

export interface MapUrlState {
	/** [lon, lat] like MapLibre and GeoJSON (the URL writes `at=lat,lon`, the usual order there). */
	center: [number, number] | null;
	zoom: number | null;
	/** Area code, e.g. BU03440311 (a buurt) or WK034403 (a wijk). */
	area: string | null;
	filter: AssetFilter;
	/** Id of the selected asset. */
	selected: string | null;
}

/** Longest search text kept from the URL. */
export const MAX_QUERY_LENGTH = 200;
/** MapLibre's highest zoom level. */
export const MAX_ZOOM = 24;

const RECORD_ID = /^[a-z0-9]{15}$/;
const AREA_CODE = /^[A-Za-z0-9_-]{1,40}$/;
// Plain decimals only: no exponents, no NaN/Infinity, no empty string (Number('') is 0).
const DECIMAL = /^-?\d{1,3}(\.\d{1,15})?$/;
// The status list for "every status" (an empty list), which the URL cannot show as nothing.
const ANY_STATUS = 'any';

function isAssetKind(value: string): value is AssetKind {
	return (ASSET_KIND_VALUES as readonly string[]).includes(value);
}

function isAssetStatus(value: string): value is AssetStatus {
	return (ASSET_STATUS_VALUES as readonly string[]).includes(value);
}

function decimal(text: string | undefined | null, min: number, max: number): number | null {
	if (!text || !DECIMAL.test(text)) return null;
	const value = Number(text);
	return value >= min && value <= max ? value + 0 : null; // + 0 turns -0 into 0
}

function rounded(value: number, decimals: number): number {
	const factor = 10 ** decimals;
	return Math.round(value * factor) / factor + 0;
}

function validCenter(center: [number, number] | null): center is [number, number] {
	if (!center) return false;
	const [lon, lat] = center;
	return Math.abs(lon) <= 180 && Math.abs(lat) <= 90; // false for NaN too
}

function validZoom(zoom: number | null): zoom is number {
	return zoom !== null && zoom >= 0 && zoom <= MAX_ZOOM;
}

/** The known values of a comma-separated list (all occurrences of the key), in order, once each. */
function list<T extends string>(
	params: URLSearchParams,
	key: string,
	known: (value: string) => value is T
): T[] {
	const values = params.getAll(key).flatMap((value) => value.split(','));
	return [...new Set(values.map((value) => value.trim()).filter(known))];
}

function truncate(text: string, max: number): string {
	// By code points, so an emoji is never cut in half.
	const points = Array.from(text);
	return points.length > max ? points.slice(0, max).join('') : text;
}

/**
 * Reads the map state from the query string; absent, bad or unknown values fall back to the
 * defaults (no position, no area, DEFAULT_FILTER, nothing selected). For a repeated key the first
 * value counts, except for lists, which are joined.
 *
 * @example
 * readUrlState(new URLSearchParams('at=52.1,5.1&z=14&kind=key_figure,bogus&z=99'))
 * // { center: [5.1, 52.1], zoom: 14, area: null,
 * //   filter: { ...DEFAULT_FILTER, kinds: ['key_figure'] }, selected: null }
 */
export function readUrlState(params: URLSearchParams): MapUrlState {
	const filter = copyFilter(DEFAULT_FILTER);

	let center: [number, number] | null = null;
	const at = params.get('at')?.split(',');
	if (at?.length === 2) {
		const lat = decimal(at[0], -90, 90);
		const lon = decimal(at[1], -180, 180);
		if (lat !== null && lon !== null) center = [lon, lat];
	}

	const zoom = decimal(params.get('z'), 0, MAX_ZOOM);
	const area = params.get('area');
	const selected = params.get('asset');

	filter.kinds = list(params, 'kind', isAssetKind);
	filter.themes = list(params, 'theme', isTheme);
	filter.domains = list(params, 'domain', isDomain);
	if (params.get('status') === ANY_STATUS) {
		filter.statuses = [];
	} else {
		const statuses = list(params, 'status', isAssetStatus);
		if (statuses.length > 0) filter.statuses = statuses;
	}
	filter.text = truncate(params.get('q') ?? '', MAX_QUERY_LENGTH);

	return {
		center,
		zoom,
		area: area !== null && AREA_CODE.test(area) ? area : null,
		filter,
		selected: selected !== null && RECORD_ID.test(selected) ? selected : null
	};
}

/**
 * Writes the map state as a query string: defaults are left out, keys always come in the same
 * order (at, z, area, kind, theme, domain, status, q, asset), the centre is rounded to 5
 * decimals (about a metre) and the zoom to 2. `readUrlState(writeUrlState(s))` gives `s` back.
 *
 * @example
 * writeUrlState({ center: [5.123456, 52.1], zoom: 14.5, area: 'WK034403',
 *   filter: { ...DEFAULT_FILTER, kinds: ['key_figure'] }, selected: null }).toString()
 * // 'at=52.1%2C5.12346&z=14.5&area=WK034403&kind=key_figure'
 */
export function writeUrlState(state: MapUrlState): URLSearchParams {
	const params = new URLSearchParams();
	const { filter } = state;
	if (validCenter(state.center)) {
		const [lon, lat] = state.center;
		params.set('at', `${rounded(lat, 5)},${rounded(lon, 5)}`);
	}
	if (validZoom(state.zoom)) params.set('z', String(rounded(state.zoom, 2)));
	if (state.area !== null && AREA_CODE.test(state.area)) params.set('area', state.area);
	if (filter.kinds.length > 0) params.set('kind', filter.kinds.join(','));
	if (filter.themes.length > 0) params.set('theme', filter.themes.join(','));
	if (filter.domains.length > 0) params.set('domain', filter.domains.join(','));
	// Compared in order, so any list reads back exactly as it was written.
	if (filter.statuses.join(',') !== DEFAULT_FILTER.statuses.join(',')) {
		params.set('status', filter.statuses.length > 0 ? filter.statuses.join(',') : ANY_STATUS);
	}
	if (filter.text !== '') params.set('q', truncate(filter.text, MAX_QUERY_LENGTH));
	if (state.selected !== null && RECORD_ID.test(state.selected))
		params.set('asset', state.selected);
	return params;
}
