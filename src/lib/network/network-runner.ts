// The main thread's side of the network's slow parts: one worker per run (network.worker.ts),
// ended when it answers or when a newer run replaces it (its signal aborted). Where there is no
// Worker (unit tests, Node), the same work runs inline.
import type { MentionTally } from '$lib/conversations/mentions';
import {
	analyseNetwork,
	layoutPositions,
	type NetworkAnalysis,
	type NetworkGraph,
	type NetworkPositions
} from './network';
import type { NetworkReply, NetworkRequest } from './network.worker';

/** The layout of the whole graph, off the main thread where the platform allows. */
export function runNetworkLayout(
	graph: NetworkGraph,
	signal?: AbortSignal
): Promise<NetworkPositions> {
	return inWorker<NetworkPositions>(
		() => ({ job: 'layout', graph: graph.export() }),
		() => layoutPositions(graph),
		signal
	);
}

/** The metrics and verbinders of `graph` (no layout), off the main thread where it can. */
export function runNetworkAnalysis(
	graph: NetworkGraph,
	mentions: readonly MentionTally[],
	signal?: AbortSignal
): Promise<NetworkAnalysis> {
	return inWorker<NetworkAnalysis>(
		() => ({ job: 'analyse', graph: graph.export(), mentions: [...mentions] }),
		() => analyseNetwork(graph, mentions),
		signal
	);
}

function inWorker<T extends NetworkPositions | NetworkAnalysis>(
	request: () => NetworkRequest,
	inline: () => T,
	signal?: AbortSignal
): Promise<T> {
	if (signal?.aborted) return Promise.reject(abortError());
	if (typeof Worker === 'undefined') return Promise.resolve(inline());
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
			// The worker answers the job it was given: the request's type is the result's.
			if (event.data.type === 'result') resolve(event.data.result as T);
			else reject(new Error(event.data.message));
		};
		worker.onerror = (event) => {
			finish();
			reject(new Error(event.message || 'the network worker failed to start'));
		};
		worker.postMessage(request());
	});
}

function abortError(): Error {
	const error = new Error('the network run was replaced');
	error.name = 'AbortError';
	return error;
}
