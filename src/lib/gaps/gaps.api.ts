// The gap view's calls to the server: the gap input of `GET /api/krachtkaart/gaps`, and the
// analysis in its worker (gaps-runner.ts). Her areas come from the shared AreasState.
import { pb } from '$lib/pocketbase/client';
import type { AreaRecord } from '$lib/pocketbase/types';
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
	fetchInput(areaIds: readonly string[], period: { from: string; to: string }): Promise<GapInput>;
	analyse(
		input: GapInput,
		options: AnalysisOptions,
		onProgress: (share: number) => void,
		signal: AbortSignal
	): Promise<GapAnalysis>;
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
	fetchInput: fetchGapInput,
	// In a worker: a city's analysis must not block the page.
	analyse: (input, options, onProgress, signal) =>
		runGapAnalysis(input, options, onProgress, signal)
};
