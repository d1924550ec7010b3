// What the network view reads besides the map's snapshot (which AssetsState already holds): the
// names residents said at the door, for the "named by residents" verbinders (coordinators and
// workers only: the list rule of conversations keeps viewers out, and the page never asks for
// them), the layout of the whole graph and the analysis of the filtered one, each in a worker.
import { listMentionsIn } from '$lib/conversations/conversations.api';
import type { MentionSource, MentionTally } from '$lib/conversations/mentions';
import type { NetworkAnalysis, NetworkGraph, NetworkPositions } from './network';
import { runNetworkAnalysis, runNetworkLayout } from './network-runner';

/** How far back a name said at the door counts (as on Taken's "Genoemd door bewoners"). */
export const MENTION_DAYS = 365;

/** What `NetworkState` needs; tests pass a fake. */
export interface NetworkApi {
	loadMentions(areaIds: readonly string[]): Promise<MentionSource[]>;
	/** Positions of the whole graph (ForceAtlas2). */
	layout(graph: NetworkGraph, signal?: AbortSignal): Promise<NetworkPositions>;
	/** Metrics and verbinders of the filtered graph, without a layout. */
	analyse(
		graph: NetworkGraph,
		mentions: readonly MentionTally[],
		signal?: AbortSignal
	): Promise<NetworkAnalysis>;
}

export const networkApi: NetworkApi = {
	loadMentions: (areaIds) => listMentionsIn(areaIds, MENTION_DAYS),
	layout: runNetworkLayout,
	analyse: runNetworkAnalysis
};
