// Typed records of the collections the app reads, written by hand to match pb_migrations/*.js.
// Keep field names identical to the migrations: they are a contract (docs/product.md).
import type { MultiPolygon, Polygon } from 'geojson';
import type { AssetKind, Domain, GiftKind, Theme } from '$lib/vocabulary/vocabulary';

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
	gifts: GiftKind[];
	/** The themes an initiative asks help with (suggested connections); absent or [] for none. */
	asksHelp?: Theme[];
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

export const LOCATION_SOURCES = ['address', 'gps', 'map'] as const;
/** Where a conversation's `location` came from. */
export type LocationSource = (typeof LOCATION_SOURCES)[number];

/**
 * `conversations`, see 1763900500_create_conversations.js and
 * 1763901400_conversations_grow_the_map.js. Only the fields the app reads; `notes` comes back
 * only to its author, coordinators and admins (pb_hooks).
 */
export interface ConversationRecord extends BaseRecord {
	area: string;
	/** Id of the `addresses` record, or '' for a talk at no door. */
	address: string;
	worker: string;
	/** PocketBase date ('2026-11-23 10:15:00.000Z'). */
	heldAt: string;
	outcome: string;
	location?: GeoPoint;
	/** '' in conversations logged before the field existed. */
	locationSource: LocationSource | '';
	/** Metres between `location` and the address, set by the server (0 when unknown). */
	distanceFromAddress: number;
	/** Set by the server: logged more than 150 m from its address, for the coordinator to check. */
	farFromAddress: boolean;
	notes?: string;
}

/** `follow_ups`, see 1763901400_conversations_grow_the_map.js (made from a conversation's followUp). */
export interface FollowUpRecord extends BaseRecord {
	/** The conversation it came from, or ''. */
	conversation: string;
	area: string;
	what: string;
	/** Id of the user it is for, or '' for nobody yet. */
	assignee: string;
	/** PocketBase date ('2026-12-01 12:00:00.000Z': noon UTC on the day), or '' for no date. */
	due: string;
	done: boolean;
	/** When it was ticked off, set by the server; '' while open. */
	doneAt: string;
	/** Who ticked it off, set by the server; '' while open. */
	doneBy: string;
	/** Who made it, set by the server. */
	createdBy: string;
	isDemo?: boolean;
}

/** Values of `purposes.legalBasis` (AVG article 6(1)), see 1763901700_consent_and_retention.js. */
export const LEGAL_BASES = [
	'consent',
	'public_task',
	'legitimate_interest',
	'legal_obligation',
	'vital_interest',
	'contract'
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** `purposes`: the register of purposes and their legal basis; read by all, kept by admins. */
export interface PurposeRecord extends BaseRecord {
	name: string;
	description: string;
	legalBasis: LegalBasis;
	/** Days the register states data for this purpose is kept (0: not stated). */
	retentionDays: number;
	active: boolean;
}

/** `POST /api/krachtkaart/retention/run` (pb_hooks/retention.pb.js): what one run cleared. */
export interface RetentionRunResult {
	/** The moment the run applied the period as of (ISO 8601). */
	now: string;
	/** Conversations held before this lost their personal fields. */
	cutoff: string;
	retentionDays: number;
	people: number;
	conversations: number;
	assets: number;
	followUps: number;
	failed: number;
	/** How long audit entries are kept (KRACHTKAART_AUDIT_RETENTION_DAYS, default 1095). */
	auditRetentionDays: number;
	/** Audit entries made before this were deleted (ISO 8601). */
	auditCutoff: string;
	/** How many audit entries this run deleted. */
	auditEntries: number;
	/** Resident links removed: expired or revoked before `now`. */
	residentLinks: number;
}
