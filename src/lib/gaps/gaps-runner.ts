// The main thread's side of the gap analysis: one worker per run (gaps.worker.ts), ended when it
// answers. Where there is no Worker (unit tests, Node), the same analysis runs inline.
import type { AnalysisOptions, GapAnalysis } from './gap-analysis';
import type { GapInput } from './gap-input';
import type { GapReply, GapRequest } from './gaps.worker';

/**
 * The gap analysis of `input`, off the main thread where the platform allows. Pass plain data:
 * `$state.snapshot` a Svelte state first, since proxies cannot be posted to a worker. An aborted
 * `signal` ends the worker and rejects with an AbortError.
 *
 * @example
 * const analysis = await runGapAnalysis(input, { radiusM: 500, resolution: 9, now: Date.now() },
 * 	(share) => (progress = share));
 */
export function runGapAnalysis(
	input: GapInput,
	options: AnalysisOptions,
	onProgress?: (share: number) => void,
	signal?: AbortSignal
): Promise<GapAnalysis> {
	if (signal?.aborted) return Promise.reject(abortError());
	if (typeof Worker === 'undefined') {
		// Loaded only here, so the page's bundle does not carry the analysis (and h3) twice.
		return import('./gaps').then(({ analyseGaps }) => analyseGaps(input, options, onProgress));
	}
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./gaps.worker.ts', import.meta.url), { type: 'module' });
		const finish = () => {
			worker.terminate();
			signal?.removeEventListener('abort', onAbort);
		};
		const onAbort = () => {
			finish();
			reject(abortError());
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		worker.onmessage = (event: MessageEvent<GapReply>) => {
			const reply = event.data;
			if (reply.type === 'progress') {
				onProgress?.(reply.share);
			} else if (reply.type === 'result') {
				finish();
				resolve(reply.analysis);
			} else {
				finish();
				reject(new Error(reply.message));
			}
		};
		worker.onerror = (event) => {
			finish();
			reject(new Error(event.message || 'the gap analysis worker failed to start'));
		};
		const request: GapRequest = { input, options };
		worker.postMessage(request);
	});
}

function abortError(): Error {
	const error = new Error('the gap analysis was cancelled');
	error.name = 'AbortError';
	return error;
}
