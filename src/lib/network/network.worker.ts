// The network's slow part off the main thread (a module worker, bundled by Vite): at city scale
// the betweenness and the layout take seconds, and the graph and the map must stay usable.
// Receives the serialised graph and the names residents said; posts the analysis or an error.
import { UndirectedGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import type { MentionTally } from '$lib/conversations/mentions';
import {
	analyseNetwork,
	type EdgeAttributes,
	type NetworkAnalysis,
	type NodeAttributes
} from './network';

export interface NetworkRequest {
	graph: SerializedGraph<NodeAttributes, EdgeAttributes>;
	mentions: MentionTally[];
}

export type NetworkReply =
	{ type: 'result'; analysis: NetworkAnalysis } | { type: 'error'; message: string };

// The worker's global scope, typed without pulling the WebWorker lib into the whole app.
const scope = self as unknown as {
	onmessage: ((event: MessageEvent<NetworkRequest>) => void) | null;
	postMessage(reply: NetworkReply): void;
};

scope.onmessage = (event) => {
	try {
		const graph = UndirectedGraph.from<NodeAttributes, EdgeAttributes>(event.data.graph);
		scope.postMessage({ type: 'result', analysis: analyseNetwork(graph, event.data.mentions) });
	} catch (error) {
		scope.postMessage({
			type: 'error',
			message: error instanceof Error ? error.message : String(error)
		});
	}
};
