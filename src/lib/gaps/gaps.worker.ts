// The gap analysis off the main thread (a module worker, bundled by Vite): a city's analysis must
// not freeze the map. Receives { input, options }, posts progress, then the result or an error.
import type { AnalysisOptions, GapAnalysis } from './gap-analysis';
import type { GapInput } from './gap-input';
import { analyseGaps } from './gaps';

export interface GapRequest {
	input: GapInput;
	options: AnalysisOptions;
}

export type GapReply =
	| { type: 'progress'; share: number }
	| { type: 'result'; analysis: GapAnalysis }
	| { type: 'error'; message: string };

// The worker's global scope, typed without pulling the WebWorker lib into the whole app.
const scope = self as unknown as {
	onmessage: ((event: MessageEvent<GapRequest>) => void) | null;
	postMessage(reply: GapReply): void;
};

scope.onmessage = (event) => {
	try {
		const { input, options } = event.data;
		const analysis = analyseGaps(input, options, (share) =>
			scope.postMessage({ type: 'progress', share })
		);
		scope.postMessage({ type: 'result', analysis });
	} catch (error) {
		scope.postMessage({
			type: 'error',
			message: error instanceof Error ? error.message : String(error)
		});
	}
};
