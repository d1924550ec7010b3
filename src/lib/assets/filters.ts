// What the coordinator narrows the map to: kinds, themes, domains, statuses and a search text.
// Pure; the filter also lives in the URL (src/lib/map/url-state.ts).
import type { AssetRecord, AssetStatus } from '$lib/pocketbase/types';
import type { AssetKind, Domain, Theme } from '$lib/vocabulary/vocabulary';

/** An empty list means "any"; `text` matches title and description. */
export interface AssetFilter {
	kinds: AssetKind[];
	themes: Theme[];
	domains: Domain[];
	statuses: AssetStatus[];
	text: string;
}

/**
 * Everything but ended (archived) assets. Shared: copy it (`copyFilter`) before putting it in
 * state, never mutate it.
 */
export const DEFAULT_FILTER: AssetFilter = {
	kinds: [],
	themes: [],
	domains: [],
	statuses: ['active', 'idea', 'paused'],
	text: ''
};

/** A copy whose lists can be changed without touching the original (e.g. DEFAULT_FILTER). */
export function copyFilter(filter: AssetFilter): AssetFilter {
	return {
		kinds: [...filter.kinds],
		themes: [...filter.themes],
		domains: [...filter.domains],
		statuses: [...filter.statuses],
		text: filter.text
	};
}

/**
 * Lower case without accents, so "coordinatie" finds "coördinatie" and "Café" finds "cafe".
 *
 * @example foldText('Coördinatie Café') // 'coordinatie cafe'
 */
export function foldText(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// Records are replaced, never mutated, so the folded text of a record object never changes;
// caching it keeps typing in the search box cheap with thousands of assets.
const searchTextCache = new WeakMap<AssetRecord, string>();

function searchText(asset: AssetRecord): string {
	let text = searchTextCache.get(asset);
	if (text === undefined) {
		text = foldText(`${asset.title ?? ''}\n${asset.description ?? ''}`);
		searchTextCache.set(asset, text);
	}
	return text;
}

function anyOverlap<T>(wanted: readonly T[], present: readonly T[] | undefined): boolean {
	return wanted.length === 0 || (present ?? []).some((value) => wanted.includes(value));
}

/**
 * Whether an asset passes the filter. Empty lists mean "any"; themes and domains match when any
 * of them overlaps; every word of the text must occur in the title or description, ignoring case
 * and accents.
 *
 * @example
 * matchesFilter(asset, { ...DEFAULT_FILTER, kinds: ['key_figure'], text: 'coordinatie' })
 * // true for an active key figure described as "coördinatie taalcafé"
 */
export function matchesFilter(asset: AssetRecord, filter: AssetFilter): boolean {
	if (filter.kinds.length > 0 && !filter.kinds.includes(asset.kind)) return false;
	if (filter.statuses.length > 0 && !filter.statuses.includes(asset.status)) return false;
	if (!anyOverlap(filter.themes, asset.themes)) return false;
	if (!anyOverlap(filter.domains, asset.domain)) return false;
	const words = foldText(filter.text).split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const haystack = searchText(asset);
	return words.every((word) => haystack.includes(word));
}

/**
 * The assets that pass the filter, in their original order.
 *
 * @example filterAssets(assets, DEFAULT_FILTER) // every asset that is not ended
 */
export function filterAssets(assets: readonly AssetRecord[], filter: AssetFilter): AssetRecord[] {
	return assets.filter((asset) => matchesFilter(asset, filter));
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
	const left = new Set(a);
	const right = new Set(b);
	return left.size === right.size && [...left].every((value) => right.has(value));
}

/**
 * Whether the filter shows what the default shows (list order and surrounding spaces aside).
 *
 * @example isDefaultFilter({ ...DEFAULT_FILTER, text: '  ' }) // true
 */
export function isDefaultFilter(filter: AssetFilter): boolean {
	return countActiveFilters(filter) === 0;
}

/**
 * How many criteria differ from the default (kinds, themes, domains, statuses, text: 0 to 5), for
 * a badge on the filter button.
 *
 * @example countActiveFilters({ ...DEFAULT_FILTER, kinds: ['place', 'business'], text: 'tuin' }) // 2
 */
export function countActiveFilters(filter: AssetFilter): number {
	let count = 0;
	if (filter.kinds.length > 0) count += 1;
	if (filter.themes.length > 0) count += 1;
	if (filter.domains.length > 0) count += 1;
	if (!sameSet(filter.statuses, DEFAULT_FILTER.statuses)) count += 1;
	if (filter.text.trim() !== '') count += 1;
	return count;
}
