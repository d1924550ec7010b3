// The network's slow parts off the main thread (a module worker, bundled by Vite): at city scale
// the layout of the whole graph and the betweenness of the filtered one take a second or more
// each, and the graph and the map must stay usable. Receives a serialised graph and the job:
// 'layout' (positions of the whole graph, once per change of the records) or 'analyse' (metrics
// and verbinders of the filtered graph, per filter change, no layout); posts the result or an
// error.
import { UndirectedGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import type { MentionTally } from '$lib/conversations/mentions';
import {
	analyseNetwork,
	layoutPositions,
	type EdgeAttributes,
	type NetworkAnalysis,
	type NetworkPositions,
	type NodeAttributes
} from './network';

type Serialized = SerializedGraph<NodeAttributes, EdgeAttributes>;

export type NetworkRequest =
	| { job: 'layout'; graph: Serialized }
	| { job: 'analyse'; graph: Serialized; mentions: MentionTally[] };

export type NetworkReply =
	| { type: 'result'; result: NetworkPositions | NetworkAnalysis }
	| { type: 'error'; message: string };

// The worker's global scope, typed without pulling the WebWorker lib into the whole app.
const scope = self as unknown as {
	onmessage: ((event: MessageEvent<NetworkRequest>) => void) | null;
	postMessage(reply: NetworkReply): void;
};

scope.onmessage = (event) => {
	try {
		const request = event.data;
		const graph = UndirectedGraph.from<NodeAttributes, EdgeAttributes>(request.graph);
		const result =
			request.job === 'layout' ? layoutPositions(graph) : analyseNetwork(graph, request.mentions);
		scope.postMessage({ type: 'result', result });
	} catch (error) {
		scope.postMessage({
			type: 'error',
			message: error instanceof Error ? error.message : String(error)
		});
	}
};
