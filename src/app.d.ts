// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Map as MapLibreMap } from 'maplibre-gl';
import type Sigma from 'sigma';
import type { EdgeAttributes, NodeAttributes } from '$lib/network/network';

declare global {
	namespace App {
		// interface Error {}
		// interface Locals {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}

	interface Window {
		/** The map, only when the browser is driven by automation (e2e tests); see (app)/+page.svelte. */
		__krachtkaartMap?: MapLibreMap;
		/** The network graph's renderer, likewise; see (app)/netwerk/NetworkGraph.svelte. */
		__krachtkaartGraph?: Sigma<NodeAttributes, EdgeAttributes>;
	}
}

export {};
