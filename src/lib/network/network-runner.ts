// The main thread's side of the network analysis: one worker per run (network.worker.ts), ended
// when it answers or when a newer run replaces it. Where there is no Worker (unit tests, Node),
// the same analysis runs inline.
import type { MentionTally } from '$lib/conversations/mentions';
import { analyseNetwork, type NetworkAnalysis, type NetworkGraph } from './network';
import type { NetworkReply, NetworkRequest } from './network.worker';

/** The analysis of `graph`, off the main thread where the platform allows. */
export function runNetworkAnalysis(
	graph: NetworkGraph,
	mentions: readonly MentionTally[],
	signal?: AbortSignal
): Promise<NetworkAnalysis> {
	if (signal?.aborted) return Promise.reject(abortError());
	if (typeof Worker === 'undefined') return Promise.resolve(analyseNetwork(graph, mentions));
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./network.worker.ts', import.meta.url), {
			type: 'module'
		});
		const finish = () => {
			worker.terminate();
			signal?.removeEventListener('abort', onAbort);
		};
		const onAbort = () => {
			finish();
			reject(abortError());
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		worker.onmessage = (event: MessageEvent<NetworkReply>) => {
			finish();
			if (event.data.type === 'result') resolve(event.data.analysis);
			else reject(new Error(event.data.message));
		};
		worker.onerror = (event) => {
			finish();
			reject(new Error(event.message || 'the network worker failed to start'));
		};
		const request: NetworkRequest = { graph: graph.export(), mentions: [...mentions] };
		worker.postMessage(request);
	});
}

function abortError(): Error {
	const error = new Error('the network analysis was replaced');
	error.name = 'AbortError';
	return error;
}
