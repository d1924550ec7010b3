// "Kaart offline": fetches the plan's files into the basemap cache (basemap-cache.ts), which the
// service worker answers from before the network, and keeps a record of what was kept.
import type { AreaRecord } from '$lib/pocketbase/types';
import { basemapDataUrls, basemapPlan } from './basemap';
import { fetchMapConfig, loadVectorStyle } from './basemap.api';
import { BASEMAP_CACHE } from './basemap-cache';
import type { OfflineSource } from './offline-area.svelte';
import {
	estimateBytes,
	parseOfflineRecord,
	sampleByZoom,
	type OfflineAreaRecord,
	type OfflinePlan
} from './offline-area';

const RECORD_KEY = 'krachtkaart-offline-map';
/** Downloads at once: enough to fill a phone's connection, few enough not to strain the server. */
const PARALLEL = 6;

export interface Estimate {
	bytes: number;
	/** What the browser says is still free for this app, when it says. */
	freeBytes: number | null;
}

export interface Progress {
	done: number;
	total: number;
	bytes: number;
	failed: number;
}

export interface OfflineAreaApi {
	estimate(plan: OfflinePlan): Promise<Estimate>;
	download(
		plan: OfflinePlan,
		areas: string[],
		onProgress: (progress: Progress) => void,
		signal: AbortSignal
	): Promise<OfflineAreaRecord>;
	remove(): Promise<void>;
	record(): OfflineAreaRecord | null;
}

async function bodySize(response: Response): Promise<number> {
	return (await response.clone().arrayBuffer()).byteLength;
}

/** The sampled tiles' sizes (fetched once; they are kept, so the download skips them). */
async function estimate(plan: OfflinePlan): Promise<Estimate> {
	const cache = await caches.open(BASEMAP_CACHE);
	const samples: { z: number; bytes: number }[] = [];
	let documentBytes = 0;
	for (const url of plan.documents) {
		const response = await fetch(url).catch(() => null);
		if (response?.ok) documentBytes += await bodySize(response);
	}
	for (const { url, z } of sampleByZoom(plan.tiles)) {
		const response = await fetch(url);
		if (!response.ok) throw new Error(`${response.status} for ${url}`);
		samples.push({ z, bytes: await bodySize(response) });
		await cache.put(url, response);
	}
	const storage = await navigator.storage?.estimate?.().catch(() => null);
	const freeBytes =
		storage?.quota !== undefined ? Math.max(0, storage.quota - (storage.usage ?? 0)) : null;
	return { bytes: estimateBytes(plan.tiles, samples, documentBytes), freeBytes };
}

/**
 * Fetches every file of the plan not kept yet, PARALLEL at a time, the documents first. A tile
 * that fails is counted, not fatal: the map shows our own layers there. Stopping keeps what came.
 */
async function download(
	plan: OfflinePlan,
	areas: string[],
	onProgress: (progress: Progress) => void,
	signal: AbortSignal
): Promise<OfflineAreaRecord> {
	// Ask the browser not to evict the kept map under storage pressure (it may say no).
	await navigator.storage?.persist?.().catch(() => false);
	const cache = await caches.open(BASEMAP_CACHE);
	const urls = [...plan.documents, ...plan.tiles.map((t) => t.url)];
	const progress: Progress = { done: 0, total: urls.length, bytes: 0, failed: 0 };
	let next = 0;
	const fetchOne = async (url: string) => {
		// Sizes are awaited before they are added: `bytes += await …` would read the sum before
		// the wait and lose what the other downloads added meanwhile.
		const kept = await cache.match(url);
		if (kept) {
			const size = await bodySize(kept);
			progress.bytes += size;
			return;
		}
		try {
			const response = await fetch(url, { signal });
			if (!response.ok) throw new Error(String(response.status));
			const size = await bodySize(response);
			await cache.put(url, response);
			progress.bytes += size;
		} catch (error) {
			if (signal.aborted) throw error;
			progress.failed++;
		}
	};
	const worker = async () => {
		while (next < urls.length && !signal.aborted) {
			const url = urls[next++];
			await fetchOne(url);
			progress.done++;
			onProgress({ ...progress });
		}
	};
	onProgress({ ...progress });
	await Promise.all(Array.from({ length: PARALLEL }, worker));
	signal.throwIfAborted();
	const record: OfflineAreaRecord = {
		styleUrl: plan.documents[0] ?? '',
		areas,
		tiles: plan.tiles.length,
		failed: progress.failed,
		bytes: progress.bytes,
		savedAt: new Date().toISOString()
	};
	localStorage.setItem(RECORD_KEY, JSON.stringify(record));
	return record;
}

async function remove(): Promise<void> {
	await caches.delete(BASEMAP_CACHE);
	localStorage.removeItem(RECORD_KEY);
}

function record(): OfflineAreaRecord | null {
	try {
		return parseOfflineRecord(JSON.parse(localStorage.getItem(RECORD_KEY) ?? 'null'));
	} catch {
		return null;
	}
}

export const offlineAreaApi: OfflineAreaApi = { estimate, download, remove, record };

/**
 * What "Kaart offline" starts from: the configured basemap's style (null when the deployment uses
 * only our own offline basemap: nothing to keep) and her buurten with an outline.
 */
export async function loadOfflineSource(buurten: readonly AreaRecord[]): Promise<OfflineSource> {
	const plan = basemapPlan(await fetchMapConfig(), { online: navigator.onLine });
	const style =
		plan.kind === 'vector'
			? await loadVectorStyle(plan.styleUrl, basemapDataUrls(window.location.href))
			: null;
	return {
		style,
		buurten: buurten.flatMap((b) =>
			b.geometry ? [{ id: b.id, name: b.name, geometry: b.geometry }] : []
		)
	};
}
