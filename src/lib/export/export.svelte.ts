// The export page's state (/beheer/export): one export at a time, with what it is doing, how far
// it is, and why it failed. The page makes its own; tests inject a fake ExportApi and a saver.
import { apiErrorKind, type ApiErrorKind } from '$lib/pocketbase/errors';
import type { AreaRecord, UserRecord } from '$lib/pocketbase/types';
import { exportToZip } from './backup.js';
import {
	addressesCsv,
	addressesGeoJson,
	areasCsv,
	areasGeoJson,
	conversationCountsCsv,
	conversationsCsv,
	exportFileName,
	exportMimeType,
	exportScope,
	type ExportFormat,
	type ExportOptions,
	type ExportScope
} from './export';
import type { ExportApi } from './export.api';

export type { ExportScope };

export type ExportKind = 'areas' | 'addresses' | 'conversations' | 'counts' | 'everything';
export type ExportStep = 'reading' | 'writing';

/** Offers a file to the user (downloadBlob in the app). */
export type Saver = (blob: Blob, fileName: string) => void;

export interface ExportResult {
	kind: ExportKind;
	fileName: string;
	/** Records (or rows) in the file. */
	count: number;
}

const FILE_WORDS: Record<ExportKind, string> = {
	areas: 'gebieden',
	addresses: 'adressen',
	conversations: 'gesprekken',
	counts: 'gesprekken-aantallen',
	everything: 'alles'
};

export class ExportState {
	/** The export running now, or null. */
	running = $state<ExportKind | null>(null);
	step = $state<ExportStep | null>(null);
	/** The last export that finished. */
	done = $state.raw<ExportResult | null>(null);
	/** Why the last export failed, or null. */
	error = $state<ApiErrorKind | 'empty' | null>(null);
	errorKind = $state<ExportKind | null>(null);

	/** Every area she may export from (no geometry): her own and those below, or all for admins. */
	tree = $state.raw<AreaRecord[]>([]);
	treeStatus = $state<'loading' | 'ready' | 'error'>('loading');
	/** The code of the area picked; null: all of hers. */
	picked = $state<string | null>(null);
	readonly scope: ExportScope = $derived(exportScope(this.tree, this.picked));

	#api: ExportApi;
	#save: Saver;
	#now: () => Date;

	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a clock: each call a new moment, never state
	constructor(api: ExportApi, save: Saver, now: () => Date = () => new Date()) {
		this.#api = api;
		this.#save = save;
		this.#now = now;
	}

	/** Reads the areas she may export from. */
	async loadAreas(user: Pick<UserRecord, 'role' | 'areas'>): Promise<void> {
		this.treeStatus = 'loading';
		try {
			this.tree =
				user.role === 'admin'
					? await this.#api.allAreas(false)
					: await this.#api.areasUnder(user.areas, false);
			this.treeStatus = 'ready';
		} catch {
			this.treeStatus = 'error';
		}
	}

	/**
	 * Exports `kind` for the scope: areas and addresses as GeoJSON or CSV, conversations (staff)
	 * and counts (everyone) as CSV, everything (admins) as a zip. Nothing is offered on failure.
	 */
	async export(
		kind: ExportKind,
		format: ExportFormat,
		scope: ExportScope = this.scope,
		options: ExportOptions = {}
	): Promise<ExportResult | null> {
		if (this.running) return null;
		this.running = kind;
		this.step = 'reading';
		this.error = null;
		this.errorKind = null;
		this.done = null;
		const areaIds = scope.areas.map((a) => a.id);
		const withNames: ExportOptions = {
			...options,
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for one export, never state
			areas: new Map(scope.areas.map((a) => [a.id, { code: a.code, name: a.name }]))
		};
		try {
			let content: BlobPart;
			let count: number;
			let extension: 'csv' | 'geojson' | 'zip' = format;
			switch (kind) {
				case 'areas': {
					const areas = await this.#api.areasUnder(scope.roots, format === 'geojson');
					count = areas.length;
					content = format === 'geojson' ? areasGeoJson(areas) : areasCsv(areas, withNames);
					break;
				}
				case 'addresses': {
					const addresses = await this.#api.addressesIn(areaIds);
					count = addresses.length;
					content =
						format === 'geojson' ? addressesGeoJson(addresses) : addressesCsv(addresses, withNames);
					break;
				}
				case 'conversations': {
					const conversations = await this.#api.conversationsIn(areaIds);
					count = conversations.length;
					extension = 'csv';
					content = conversationsCsv(conversations, withNames);
					break;
				}
				case 'counts': {
					const counts = await this.#api.conversationCounts(scope.roots);
					count = counts.areas.length;
					extension = 'csv';
					content = conversationCountsCsv(counts, withNames);
					break;
				}
				case 'everything': {
					const data = await this.#api.fullExport();
					this.step = 'writing';
					count = data.collections.reduce((n, c) => n + c.records.length, 0);
					extension = 'zip';
					content = exportToZip(data) as Uint8Array<ArrayBuffer>;
					break;
				}
			}
			if (count === 0) {
				this.error = 'empty';
				this.errorKind = kind;
				return null;
			}
			const fileName = exportFileName(
				FILE_WORDS[kind],
				extension,
				kind === 'everything' ? null : scope.code,
				this.#now()
			);
			this.#save(new Blob([content], { type: exportMimeType(extension) }), fileName);
			const result = { kind, fileName, count };
			this.done = result;
			return result;
		} catch (error) {
			this.error = apiErrorKind(error);
			this.errorKind = kind;
			return null;
		} finally {
			this.running = null;
			this.step = null;
		}
	}
}
