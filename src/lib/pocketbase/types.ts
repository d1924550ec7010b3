// Typed records of the collections the app reads, written by hand to match pb_migrations/*.js.
// Keep field names identical to the migrations: they are a contract (see PRODUCT.md).
import type { MultiPolygon, Polygon } from 'geojson';
import type { Domain, Theme } from '$lib/themes/themes';

/** PocketBase `geoPoint` field value. Convert to GeoJSON only with `src/lib/geo/geopoint.ts`. */
export interface GeoPoint {
	lon: number;
	lat: number;
}

/** Fields every record has (system fields; `created`/`updated` are autodate fields). */
export interface BaseRecord {
	id: string;
	collectionId?: string;
	collectionName?: string;
	created?: string;
	updated?: string;
}

export const ROLES = ['admin', 'coordinator', 'worker', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** `users` (auth collection), see 1763900200_users_roles_and_areas.js. */
export interface UserRecord extends BaseRecord {
	email?: string;
	emailVisibility?: boolean;
	verified?: boolean;
	name: string;
	avatar?: string;
	role: Role;
	/** Ids of `areas` records the user works in. */
	areas: string[];
}

export const AREA_LEVELS = ['gemeente', 'wijk', 'buurt', 'custom'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export type AreaGeometry = Polygon | MultiPolygon;

/** `areas`, see 1763900100_create_areas.js. */
export interface AreaRecord extends BaseRecord {
	code: string;
	name: string;
	level: AreaLevel;
	/** Id of the parent area, or '' for a top-level area. */
	parent: string;
	/** GeoJSON in WGS84; null when not (yet) known. */
	geometry: AreaGeometry | null;
	addressCount?: number;
}

export const ASSET_KIND_VALUES = [
	'capacity',
	'key_figure',
	'association',
	'institution',
	'place',
	'initiative',
	'business'
] as const;
export type AssetKind = (typeof ASSET_KIND_VALUES)[number];

// Themes and domains are domain vocabulary, kept in one place.
export type { Domain, Theme };
export type Gift = 'head' | 'heart' | 'hands';
export type AssetPrecision = 'exact' | 'street' | 'area';
export const ASSET_STATUS_VALUES = ['active', 'idea', 'paused', 'ended'] as const;
export type AssetStatus = (typeof ASSET_STATUS_VALUES)[number];

/** `assets`, see 1763900600_create_assets.js. */
export interface AssetRecord extends BaseRecord {
	kind: AssetKind;
	title: string;
	description?: string;
	themes: Theme[];
	domain: Domain[];
	gifts: Gift[];
	location: GeoPoint;
	precision: AssetPrecision;
	/** Id of the `areas` record the asset belongs to. */
	area: string;
	/** The street it stands in (nearest address within 250 m), set by the server; '' when none. */
	street: string;
	status: AssetStatus;
	person?: string;
	sourceConversation?: string;
	createdBy?: string;
	/** When someone last checked the asset is still there (ISO date), or '' when never. */
	confirmedAt: string;
	/** Id of the user who last confirmed it, or ''. */
	confirmedBy: string;
	isDemo?: boolean;
}

/** Response of the public `GET /api/krachtkaart/config` route (pb_hooks/config.pb.js). */
export interface AppConfigResponse {
	basemap: 'auto' | 'online' | 'offline';
	onlineStyleUrl: string;
	/** Days after which an unconfirmed asset shows as stale (absent from older servers). */
	staleAfterDays?: number;
}
