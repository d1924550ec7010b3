// What the gap view's summary says when there is little or nothing to show: pure, so each case is
// tested apart from the page (src/routes/(app)/witte-vlekken/GapSummary.svelte).
import type { GapAnalysis } from './gap-analysis';

/**
 * Why the analysis shows nothing worth reading, biggest reason first, or null when it does:
 * - `no_addresses`: the area has no addresses (nor suppressed ones): nothing to measure;
 * - `no_visits`: addresses, but no door visited in the period;
 * - `no_gaps`: visits, and every theme raised has an active asset within reach.
 *
 * @example gapEmptyState(analysis) // 'no_visits' for a quiet quarter
 */
export function gapEmptyState(
	analysis: Pick<GapAnalysis, 'total' | 'themes'>
): 'no_addresses' | 'no_visits' | 'no_gaps' | null {
	const { total } = analysis;
	if (total.addresses + total.suppressedAddresses === 0) return 'no_addresses';
	if (total.visited === 0 && total.suppressedAddresses === 0) return 'no_visits';
	if (analysis.themes.every((theme) => theme.unmet === 0)) return 'no_gaps';
	return null;
}
