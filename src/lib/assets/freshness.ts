// How fresh an asset is: when someone last confirmed it still exists. A map of strengths ages
// (initiatives stop, key figures move), so old entries are flagged for a check. Pure.
import type { AssetRecord } from '$lib/pocketbase/types';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When the asset was last known to be current: its confirmation, else its last change, else its
 * creation; '' when the record has none of them.
 *
 * @example lastConfirmedAt({ confirmedAt: '', updated: '2025-03-01 10:00:00.000Z', ... })
 * // '2025-03-01 10:00:00.000Z'
 */
export function lastConfirmedAt(
	asset: Pick<AssetRecord, 'confirmedAt' | 'updated' | 'created'>
): string {
	return asset.confirmedAt || asset.updated || asset.created || '';
}

/**
 * Whole days from `iso` to `now` (0 for a moment in the future, e.g. a server clock slightly
 * ahead); Infinity when `iso` is empty or not a date (never confirmed counts as very old).
 * Takes both ISO ('2025-03-01T10:00:00Z') and PocketBase ('2025-03-01 10:00:00.000Z') dates.
 *
 * @example ageInDays('2025-03-01 10:00:00.000Z', new Date('2025-03-11T09:00:00Z')) // 9
 */
export function ageInDays(iso: string, now: Date): number {
	// PocketBase separates date and time with a space, which not every browser's Date parses.
	const time = Date.parse(iso.trim().replace(' ', 'T'));
	if (Number.isNaN(time)) return Infinity;
	return Math.max(0, Math.floor((now.getTime() - time) / DAY_MS));
}

/**
 * Whether the asset is due for a check: `staleAfterDays` or more whole days since it was last
 * confirmed. Ended assets are never stale: there is nothing left to confirm.
 *
 * @example isStale(asset, new Date(), 180) // true when last confirmed 180 or more days ago
 */
export function isStale(
	asset: Pick<AssetRecord, 'confirmedAt' | 'updated' | 'created' | 'status'>,
	now: Date,
	staleAfterDays: number
): boolean {
	if (asset.status === 'ended') return false;
	return ageInDays(lastConfirmedAt(asset), now) >= staleAfterDays;
}

/** The stale assets of one street, to re-check on the next walk down it. */
export interface StaleStreet {
	/** '' for assets with no address within reach (a park, a wijk-wide institution). */
	street: string;
	assets: AssetRecord[];
}

const STREET_ORDER = new Intl.Collator('nl');

/**
 * The stale assets grouped by the street they stand in (set by the server), streets in
 * alphabetical order and those without a street last; within a street, the input's order.
 *
 * @example staleByStreet(assets, new Date(), 365)
 * // [{ street: 'Amazonedreef', assets: [...] }, { street: 'Wolgadreef', ... }, { street: '', ... }]
 */
export function staleByStreet(
	assets: readonly AssetRecord[],
	now: Date,
	staleAfterDays: number
): StaleStreet[] {
	const byStreet = new Map<string, AssetRecord[]>();
	for (const asset of assets) {
		if (!isStale(asset, now, staleAfterDays)) continue;
		const street = asset.street ?? '';
		const list = byStreet.get(street);
		if (list) list.push(asset);
		else byStreet.set(street, [asset]);
	}
	return [...byStreet]
		.map(([street, list]) => ({ street, assets: list }))
		.sort((a, b) => (!a.street ? 1 : !b.street ? -1 : STREET_ORDER.compare(a.street, b.street)));
}
