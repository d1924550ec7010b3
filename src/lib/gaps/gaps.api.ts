// The gap view's calls to the server: the areas to pick from (with the buurten' outlines), the
// gap input of `GET /api/krachtkaart/gaps`, and the analysis in its worker (gaps-runner.ts).
import { getAreas, listBuurtenFor, listGemeenten } from '$lib/areas/areas.api';
import { pb } from '$lib/pocketbase/client';
import type { AreaRecord, UserRecord } from '$lib/pocketbase/types';
import type { AnalysisOptions, GapAnalysis } from './gap-analysis';
import type { GapInput } from './gap-input';
import { runGapAnalysis } from './gaps-runner';

export interface GapAreas {
	/** The user's own areas (an admin without areas: every gemeente). */
	roots: AreaRecord[];
	/** The buurten under them, with geometry: the coverage map and a custom area's buurten. */
	buurten: AreaRecord[];
	/** Every area to pick from: the tree above and below the buurten, and the custom areas. */
	tree: AreaRecord[];
}

/** What GapsState needs from the outside; tests give a fake. */
export interface GapsApi {
	loadAreas(user: UserRecord): Promise<GapAreas>;
	fetchInput(areaIds: readonly string[], period: { from: string; to: string }): Promise<GapInput>;
	analyse(
		input: GapInput,
		options: AnalysisOptions,
		onProgress: (share: number) => void,
		signal: AbortSignal
	): Promise<GapAnalysis>;
}

async function rootsOf(user: UserRecord): Promise<AreaRecord[]> {
	const own = await getAreas(user.areas);
	if (own.length > 0 || user.role !== 'admin') return own;
	return listGemeenten();
}

async function parentsOf(areas: AreaRecord[]): Promise<AreaRecord[]> {
	const known = new Set(areas.map((a) => a.id));
	const missing = [...new Set(areas.map((a) => a.parent))].filter((id) => id && !known.has(id));
	return missing.length > 0 ? getAreas(missing) : [];
}

/** The custom areas (any signed-in user reads areas), with their outline. */
async function listCustomAreas(): Promise<AreaRecord[]> {
	return pb.collection('areas').getFullList<AreaRecord>({
		filter: 'level = "custom"',
		fields: 'id,code,name,level,parent,geometry',
		sort: 'name',
		skipTotal: true,
		requestKey: null
	});
}

export async function loadGapAreas(user: UserRecord): Promise<GapAreas> {
	const roots = await rootsOf(user);
	if (roots.length === 0) return { roots, buurten: [], tree: [] };
	const [buurten, custom] = await Promise.all([listBuurtenFor(roots), listCustomAreas()]);
	// Up to two levels above the buurten, for the picker: wijken, then gemeenten.
	let tree = [...roots, ...buurten.filter((b) => !roots.some((r) => r.id === b.id))];
	for (let level = 0; level < 2; level++) tree = [...tree, ...(await parentsOf(tree))];
	const known = new Set(tree.map((a) => a.id));
	// Only the custom areas of her own part of the instance (another gemeente's are not hers to
	// pick); an admin without areas of her own sees every one.
	const everything = user.role === 'admin' && user.areas.length === 0;
	const hers = custom.filter((c) => !known.has(c.id) && (everything || known.has(c.parent)));
	return { roots, buurten, tree: [...tree, ...hers] };
}

/**
 * The gap input of these areas for the period (the server adds the previous period). Never
 * auto-cancelled (requestKey null): the page decides itself which answer still counts.
 */
export async function fetchGapInput(
	areaIds: readonly string[],
	period: { from: string; to: string }
): Promise<GapInput> {
	return pb.send<GapInput>('/api/krachtkaart/gaps', {
		query: { areas: areaIds.join(','), from: period.from, to: period.to },
		requestKey: null
	});
}

export const gapsApi: GapsApi = {
	loadAreas: loadGapAreas,
	fetchInput: fetchGapInput,
	// In a worker: a city's analysis must not block the page.
	analyse: (input, options, onProgress, signal) =>
		runGapAnalysis(input, options, onProgress, signal)
};
