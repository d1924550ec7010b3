// Filtered exports of what a user may read, as GeoJSON and as CSV for Dutch Excel: assets (the
// map's current selection), areas, addresses, conversations and the conversation counts viewers
// get. Pure: the records come from the records API as the user (export.api.ts), so the API rules
// and the field-access table have already applied (a viewer's asset at its coarse point, no
// person or author ids; a worker's list without other workers' notes).
//
// CSV: as the gap view's tables (src/lib/gaps/csv.ts): UTF-8 with a byte order mark, `;`
// between cells, decimal commas, CRLF, text that Excel would run as a formula guarded. Dates are
// ISO (jjjj-mm-dd, which Dutch Excel reads as a date and sorts right), moments in Dutch time
// (jjjj-mm-dd uu:mm, Europe/Amsterdam). Ids and codes stay as stored, so a file can be imported
// again; kinds, themes and outcomes in the user's language through `label`.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { toCsv, type CsvCell } from '$lib/gaps/csv';
import type { AddressRecord } from '$lib/addresses/addresses';
import { areasUnder } from '$lib/areas/areas';
import type { AreaRecord, AssetRecord, GeoPoint } from '$lib/pocketbase/types';

export type ExportLocale = 'nl' | 'en';
export type ExportFormat = 'geojson' | 'csv';

/** Where to export from: the areas picked (ids of the whole tree) and the code to name the file. */
export interface ExportScope {
	/** The picked area and every area below it, or all of hers. */
	areas: AreaRecord[];
	/** The picked area, or her own areas (roots of the tree), for the server's counts. */
	roots: string[];
	/** The picked area's code, for the file name; null for all of hers. */
	code: string | null;
}

/**
 * The scope of the area picked (by code) in her tree, or of her whole tree when none is.
 * @example exportScope(tree, 'WK0001').roots // ['<id of WK0001>']
 */
export function exportScope(tree: AreaRecord[], picked: string | null): ExportScope {
	const area = picked ? tree.find((a) => a.code === picked) : undefined;
	if (area) return { areas: areasUnder(area, tree), roots: [area.id], code: area.code };
	const ids = new Set(tree.map((a) => a.id));
	const roots = tree.filter((a) => !ids.has(a.parent)).map((a) => a.id);
	return { areas: tree, roots, code: null };
}

/** What a value list holds, for `label`: an asset's kind, a theme, a domain, a status, ... */
export type LabelGroup =
	'kind' | 'theme' | 'domain' | 'status' | 'precision' | 'level' | 'outcome' | 'gift';

export interface ExportOptions {
	/** Headers in Dutch (default) or English. */
	locale?: ExportLocale;
	/** A value's text in the UI's language; undefined: the stored value. */
	label?: (group: LabelGroup, value: string) => string | undefined;
	/** Area id → code and name, to name an area rather than give its id. */
	areas?: ReadonlyMap<string, Pick<AreaRecord, 'code' | 'name'>>;
}

const HEADERS = {
	id: { nl: 'Id', en: 'Id' },
	kind: { nl: 'Soort', en: 'Kind' },
	title: { nl: 'Naam', en: 'Name' },
	description: { nl: 'Beschrijving', en: 'Description' },
	themes: { nl: "Thema's", en: 'Themes' },
	domain: { nl: 'Domein', en: 'Domain' },
	gifts: { nl: 'Talenten', en: 'Gifts' },
	status: { nl: 'Status', en: 'Status' },
	precision: { nl: 'Precisie', en: 'Precision' },
	street: { nl: 'Straat', en: 'Street' },
	areaCode: { nl: 'Gebiedscode', en: 'Area code' },
	areaName: { nl: 'Gebied', en: 'Area' },
	lon: { nl: 'Lengtegraad', en: 'Longitude' },
	lat: { nl: 'Breedtegraad', en: 'Latitude' },
	confirmedAt: { nl: 'Laatst bevestigd', en: 'Last confirmed' },
	created: { nl: 'Aangemaakt', en: 'Created' },
	updated: { nl: 'Gewijzigd', en: 'Updated' },
	code: { nl: 'Code', en: 'Code' },
	name: { nl: 'Naam', en: 'Name' },
	level: { nl: 'Niveau', en: 'Level' },
	parentCode: { nl: 'Ligt in (code)', en: 'Lies in (code)' },
	addressCount: { nl: 'Adressen', en: 'Addresses' },
	bagId: { nl: 'Nummeraanduiding-id', en: 'BAG id' },
	number: { nl: 'Huisnummer', en: 'House number' },
	postcode: { nl: 'Postcode', en: 'Postcode' },
	city: { nl: 'Woonplaats', en: 'Town' },
	heldAt: { nl: 'Datum en tijd', en: 'Date and time' },
	outcome: { nl: 'Uitkomst', en: 'Outcome' },
	address: { nl: 'Adres', en: 'Address' },
	worker: { nl: 'Buurtwerker (id)', en: 'Worker (id)' },
	wishes: { nl: 'Wensen', en: 'Wishes' },
	willingToHelp: { nl: 'Wil helpen', en: 'Willing to help' },
	followUp: { nl: 'Vervolg', en: 'Follow-up' },
	language: { nl: 'Taal', en: 'Language' },
	notes: { nl: 'Notities', en: 'Notes' },
	residents: { nl: 'Bewoners', en: 'Residents' },
	conversations: { nl: 'Gesprekken', en: 'Conversations' },
	suppressed: { nl: 'minder dan 5 bewoners', en: 'fewer than 5 residents' },
	yes: { nl: 'ja', en: 'yes' },
	no: { nl: 'nee', en: 'no' }
} as const satisfies Record<string, Record<ExportLocale, string>>;

type Header = keyof typeof HEADERS;

function texts(options: ExportOptions) {
	const locale = options.locale ?? 'nl';
	const header = (key: Header) => HEADERS[key][locale];
	const label = (group: LabelGroup, value: string) => options.label?.(group, value) ?? value;
	const list = (group: LabelGroup, values: readonly string[] | undefined) =>
		(values ?? []).map((value) => label(group, value)).join(', ');
	const area = (id: string) => options.areas?.get(id);
	return { header, label, list, area };
}

/** "2026-11-21 12:00:00.000Z" → "2026-11-21"; '' for none. */
export function isoDay(value: string | undefined | null): string {
	return value ? value.slice(0, 10) : '';
}

const DUTCH_TIME = new Intl.DateTimeFormat('sv-SE', {
	timeZone: 'Europe/Amsterdam',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/**
 * A stored moment in Dutch time, as Excel reads a date and time.
 * @example dutchMoment('2026-11-21 12:00:00.000Z') // '2026-11-21 13:00'
 */
export function dutchMoment(value: string | undefined | null): string {
	if (!value) return '';
	const date = new Date(value.replace(' ', 'T'));
	return Number.isNaN(date.getTime()) ? value : DUTCH_TIME.format(date);
}

/** A point's coordinates rounded to 6 decimals (about 10 cm), or nothing. */
function coordinates(point: GeoPoint | undefined | null): [number | null, number | null] {
	if (!point || !Number.isFinite(point.lon) || !Number.isFinite(point.lat)) return [null, null];
	if (point.lon === 0 && point.lat === 0) return [null, null];
	const round = (n: number) => Math.round(n * 1e6) / 1e6;
	return [round(point.lon), round(point.lat)];
}

function pointGeometry(point: GeoPoint | undefined | null): Geometry | null {
	const [lon, lat] = coordinates(point);
	return lon === null || lat === null ? null : { type: 'Point', coordinates: [lon, lat] };
}

/** Features as a GeoJSON document's text (RFC 7946: WGS84, lon/lat). */
export function featureCollectionText(features: Feature<Geometry | null>[]): string {
	const collection: FeatureCollection<Geometry | null> = { type: 'FeatureCollection', features };
	return JSON.stringify(collection);
}

/** The asset fields an export holds: no person, conversation or author ids (and viewers never get them). */
const ASSET_PROPERTIES = [
	'id',
	'kind',
	'title',
	'description',
	'themes',
	'domain',
	'gifts',
	'status',
	'precision',
	'street',
	'area',
	'confirmedAt',
	'created',
	'updated'
] as const;

export function assetsGeoJson(assets: readonly AssetRecord[]): string {
	return featureCollectionText(
		assets.map((asset) => ({
			type: 'Feature',
			id: asset.id,
			geometry: pointGeometry(asset.location),
			properties: Object.fromEntries(
				ASSET_PROPERTIES.map((key) => [
					key,
					(asset as unknown as Record<string, unknown>)[key] ?? null
				])
			)
		}))
	);
}

export function assetsCsv(assets: readonly AssetRecord[], options: ExportOptions = {}): string {
	const { header, label, list, area } = texts(options);
	const rows: CsvCell[][] = [
		(
			[
				'id',
				'kind',
				'title',
				'description',
				'themes',
				'domain',
				'gifts',
				'status',
				'precision',
				'street',
				'areaCode',
				'areaName',
				'lon',
				'lat',
				'confirmedAt',
				'created',
				'updated'
			] as const
		).map(header)
	];
	for (const asset of assets) {
		const [lon, lat] = coordinates(asset.location);
		rows.push([
			asset.id,
			label('kind', asset.kind),
			asset.title,
			asset.description ?? '',
			list('theme', asset.themes),
			list('domain', asset.domain),
			list('gift', asset.gifts),
			label('status', asset.status),
			label('precision', asset.precision),
			asset.street ?? '',
			area(asset.area)?.code ?? asset.area,
			area(asset.area)?.name ?? '',
			lon,
			lat,
			isoDay(asset.confirmedAt),
			isoDay(asset.created),
			isoDay(asset.updated)
		]);
	}
	return toCsv(rows);
}

export function areasGeoJson(areas: readonly AreaRecord[]): string {
	const byId = new Map(areas.map((a) => [a.id, a]));
	return featureCollectionText(
		areas.map((area) => ({
			type: 'Feature',
			id: area.id,
			geometry: area.geometry ?? null,
			properties: {
				id: area.id,
				code: area.code,
				name: area.name,
				level: area.level,
				parent: area.parent,
				parentCode: byId.get(area.parent)?.code ?? '',
				addressCount: area.addressCount ?? null
			}
		}))
	);
}

export function areasCsv(areas: readonly AreaRecord[], options: ExportOptions = {}): string {
	const { header, label, area } = texts(options);
	const byId = new Map(areas.map((a) => [a.id, a]));
	const rows: CsvCell[][] = [
		(['code', 'name', 'level', 'parentCode', 'addressCount', 'id'] as const).map(header)
	];
	for (const record of areas) {
		rows.push([
			record.code,
			record.name,
			label('level', record.level),
			byId.get(record.parent)?.code ?? area(record.parent)?.code ?? record.parent,
			record.addressCount ?? null,
			record.id
		]);
	}
	return toCsv(rows);
}

export function addressesGeoJson(addresses: readonly AddressRecord[]): string {
	return featureCollectionText(
		addresses.map((address) => ({
			type: 'Feature',
			id: address.id,
			geometry: pointGeometry(address.location),
			properties: {
				id: address.id,
				bagId: address.bagId ?? '',
				street: address.street,
				number: address.number,
				postcode: address.postcode ?? '',
				city: address.city ?? '',
				area: address.area
			}
		}))
	);
}

export function addressesCsv(
	addresses: readonly AddressRecord[],
	options: ExportOptions = {}
): string {
	const { header, area } = texts(options);
	const rows: CsvCell[][] = [
		(
			[
				'bagId',
				'street',
				'number',
				'postcode',
				'city',
				'areaCode',
				'areaName',
				'lon',
				'lat',
				'id'
			] as const
		).map(header)
	];
	for (const address of addresses) {
		const [lon, lat] = coordinates(address.location);
		rows.push([
			address.bagId ?? '',
			address.street,
			address.number,
			address.postcode ?? '',
			address.city ?? '',
			area(address.area)?.code ?? address.area,
			area(address.area)?.name ?? '',
			lon,
			lat,
			address.id
		]);
	}
	return toCsv(rows);
}

/** A conversation as the records API gives it to the user (notes only where she may read them). */
export interface ConversationExportRecord {
	id: string;
	area: string;
	address: string;
	worker: string;
	heldAt: string;
	outcome: string;
	themes?: string[];
	gifts?: unknown;
	wishes?: string;
	willingToHelp?: boolean;
	followUp?: unknown;
	language?: string;
	notes?: string;
	expand?: { address?: Pick<AddressRecord, 'street' | 'number' | 'postcode'> };
}

/** Gifts as "hands: Klussen, heart: Luisteren". */
function giftsText(gifts: unknown, label: (group: LabelGroup, value: string) => string): string {
	if (!Array.isArray(gifts)) return '';
	return gifts
		.map((gift: { kind?: unknown; tag?: unknown }) => {
			const kind = typeof gift?.kind === 'string' ? label('gift', gift.kind) : '';
			const tag = typeof gift?.tag === 'string' ? gift.tag : '';
			return [kind, tag].filter(Boolean).join(': ');
		})
		.filter(Boolean)
		.join(', ');
}

function followUpText(followUp: unknown): string {
	if (!followUp || typeof followUp !== 'object') return '';
	const { what, due } = followUp as { what?: unknown; due?: unknown };
	return [typeof what === 'string' ? what : '', typeof due === 'string' ? isoDay(due) : '']
		.filter(Boolean)
		.join(', ');
}

/** Conversations for staff: one row each, the notes column only when any note came along. */
export function conversationsCsv(
	conversations: readonly ConversationExportRecord[],
	options: ExportOptions = {}
): string {
	const { header, label, list, area } = texts(options);
	const withNotes = conversations.some((c) => typeof c.notes === 'string');
	const yesNo = (value: boolean | undefined) => header(value ? 'yes' : 'no');
	const columns: Header[] = [
		'heldAt',
		'outcome',
		'areaCode',
		'areaName',
		'address',
		'postcode',
		'themes',
		'gifts',
		'wishes',
		'willingToHelp',
		'followUp',
		'language',
		'worker',
		'id'
	];
	if (withNotes) columns.push('notes');
	const rows: CsvCell[][] = [columns.map(header)];
	for (const c of conversations) {
		const address = c.expand?.address;
		const row: CsvCell[] = [
			dutchMoment(c.heldAt),
			label('outcome', c.outcome),
			area(c.area)?.code ?? c.area,
			area(c.area)?.name ?? '',
			address ? `${address.street} ${address.number}` : '',
			address?.postcode ?? '',
			list('theme', c.themes),
			giftsText(c.gifts, label),
			c.wishes ?? '',
			yesNo(c.willingToHelp),
			followUpText(c.followUp),
			c.language ?? '',
			c.worker,
			c.id
		];
		if (withNotes) row.push(c.notes ?? '');
		rows.push(row);
	}
	return toCsv(rows);
}

/** The server's conversation counts (GET /api/krachtkaart/export/conversation-counts). */
export interface ConversationCounts {
	minResidents: number;
	areas: {
		area: string;
		code: string;
		name: string;
		level: string;
		outcomes: { outcome: string; residents: number | null; conversations: number | null }[];
	}[];
}

/**
 * The counts per area and outcome; a hidden group (1 to 4 residents) says so instead of a number.
 * No totals per area (the server gives none: see pb_hooks/lib/export.js).
 */
export function conversationCountsCsv(
	counts: ConversationCounts,
	options: ExportOptions = {}
): string {
	const { header, label } = texts(options);
	const rows: CsvCell[][] = [
		(['areaCode', 'areaName', 'outcome', 'residents', 'conversations'] as const).map(header)
	];
	const number = (value: number | null) => (value === null ? header('suppressed') : value);
	for (const area of counts.areas) {
		for (const cell of area.outcomes) {
			rows.push([
				area.code,
				area.name,
				label('outcome', cell.outcome),
				number(cell.residents),
				number(cell.conversations)
			]);
		}
	}
	return toCsv(rows);
}

/**
 * A download's file name: what, the area's code when one was picked, and the day.
 * @example exportFileName('krachten', 'csv', 'BU03440311', new Date('2026-11-21')) // 'krachtkaart-krachten-BU03440311-2026-11-21.csv'
 */
export function exportFileName(
	what: string,
	extension: 'csv' | 'geojson' | 'zip',
	areaCode: string | null,
	now: Date
): string {
	const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '-');
	const parts = [
		'krachtkaart',
		safe(what),
		areaCode ? safe(areaCode) : '',
		isoDay(now.toISOString())
	];
	return `${parts.filter(Boolean).join('-')}.${extension}`;
}

/** The MIME type of an export's file. */
export function exportMimeType(extension: 'csv' | 'geojson' | 'zip'): string {
	if (extension === 'csv') return 'text/csv;charset=utf-8';
	if (extension === 'geojson') return 'application/geo+json';
	return 'application/zip';
}
