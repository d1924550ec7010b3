// The replay ("terugblik") of how the map and the network grew over a period: the frames' days,
// what the map held at each (assets and links by their `created` date), and the frames' names in
// the exported image series. Pure; the page (src/routes/(app)/netwerk/terugblik) plays them.
import type { LinkRecord } from '$lib/links/links';
import type { AssetRecord } from '$lib/pocketbase/types';

const DAY_MS = 86400000;

/** What one frame shows: the day it ends with, and how much was on the map by then. */
export interface ReplayFrame {
	day: string;
	assets: number;
	links: number;
}

/**
 * `count` days spread evenly over the period, the first its first day and the last its last (at
 * most one frame per day).
 * @example frameDays('2026-01-01', '2026-01-05', 3) // ['2026-01-01', '2026-01-03', '2026-01-05']
 */
export function frameDays(from: string, to: string, count: number): string[] {
	const start = Date.parse(`${from}T00:00:00.000Z`);
	const end = Date.parse(`${to}T00:00:00.000Z`);
	if (!(start <= end)) return [];
	const days = Math.round((end - start) / DAY_MS);
	const frames = Math.max(1, Math.min(count, days + 1));
	if (frames === 1) return [to];
	const out: string[] = [];
	for (let i = 0; i < frames; i++) {
		const day = new Date(start + Math.round((i * days) / (frames - 1)) * DAY_MS);
		out.push(day.toISOString().slice(0, 10));
	}
	return out;
}

/** Whether a record was made on or before the end of `day` (UTC). */
const madeBy = (created: string | undefined, day: string) =>
	!!created && created.slice(0, 10) <= day;

/** The assets made by the end of `day`, and the links made by then between two of them. */
export function grownBy(
	assets: readonly AssetRecord[],
	links: readonly LinkRecord[],
	day: string
): { assets: AssetRecord[]; links: LinkRecord[] } {
	const shown = assets.filter((a) => madeBy(a.created, day));
	const ids = new Set(shown.map((a) => a.id));
	return {
		assets: shown,
		links: links.filter((l) => madeBy(l.created, day) && ids.has(l.from) && ids.has(l.to))
	};
}

/** Every frame's counts, for the printable report. */
export function replayFrames(
	assets: readonly AssetRecord[],
	links: readonly LinkRecord[],
	days: readonly string[]
): ReplayFrame[] {
	return days.map((day) => {
		const grown = grownBy(assets, links, day);
		return { day, assets: grown.assets.length, links: grown.links.length };
	});
}

/** The map data of a frame: points for assets (with their kind), lines for links. */
export function replayGeoJson(grown: { assets: AssetRecord[]; links: LinkRecord[] }) {
	const at = new Map(grown.assets.map((a) => [a.id, [a.location.lon, a.location.lat]]));
	return {
		assets: {
			type: 'FeatureCollection' as const,
			features: grown.assets.map((a) => ({
				type: 'Feature' as const,
				properties: { kind: a.kind },
				geometry: { type: 'Point' as const, coordinates: [a.location.lon, a.location.lat] }
			}))
		},
		links: {
			type: 'FeatureCollection' as const,
			features: grown.links.map((l) => ({
				type: 'Feature' as const,
				properties: { kind: l.kind },
				geometry: {
					type: 'LineString' as const,
					coordinates: [at.get(l.from) ?? [0, 0], at.get(l.to) ?? [0, 0]]
				}
			}))
		}
	};
}

/**
 * A frame's file name in the exported series, sorted as played.
 * @example frameFileName(2, '2026-03-01') // 'terugblik-003-2026-03-01.png'
 */
export function frameFileName(index: number, day: string): string {
	return `terugblik-${String(index + 1).padStart(3, '0')}-${day}.png`;
}
