// People (bewoners): the personal data of residents, and the two requests a resident can make
// about it (AVG articles 15 and 17): what is stored about me, and erase it. The server builds the
// export and erases (pb_hooks/subject-access.pb.js) and searches (pb_hooks/people-search.pb.js);
// this module is pure: the shapes, what a search sends, and turning an export into what the
// readable page shows.
import type { AuditEntry } from '$lib/audit/audit';
import type { LinkRecord } from '$lib/links/links';
import type {
	AssetRecord,
	BaseRecord,
	ConversationRecord,
	FollowUpRecord,
	Role
} from '$lib/pocketbase/types';

/** What the resident agreed to, as the server records it (pb_hooks/lib/conversation-growth.js). */
export interface PersonConsent {
	scopes?: string[];
	givenAt?: string;
	until?: string;
	recordedBy?: string;
	source?: string;
	text?: string;
}

/** `people`, see 1763900400_create_people.js. */
export interface PersonRecord extends BaseRecord {
	display_name: string;
	contact: string;
	address: string;
	area: string;
	consent: PersonConsent | null;
	isKeyFigure: boolean;
	createdBy: string;
	/** When the retention job last cleared her personal fields; '' or absent: never. */
	anonymisedAt?: string;
	isDemo?: boolean;
}

/** A person as the search lists her, with her door and area. */
export type PersonHit = Pick<
	PersonRecord,
	'id' | 'display_name' | 'contact' | 'isKeyFigure' | 'address' | 'area' | 'created' | 'updated'
> & {
	expand?: {
		address?: { street: string; number: string; postcode: string };
		area?: { name: string };
	};
};

/** A conversation as exported: every field, the personal ones too. */
export type ExportedConversation = ConversationRecord & {
	person: string;
	themes?: string[];
	gifts?: unknown;
	wishes?: string;
	willingToHelp?: boolean;
	consent?: string[];
	followUp?: unknown;
	mentions?: unknown;
	connectTo?: string[];
	language?: string;
	resident?: unknown;
	anonymisedAt?: string;
};

/** `GET /api/krachtkaart/people/{id}/export` (format krachtkaart-subject-access/1). */
export interface PersonExport {
	format: string;
	exportedAt: string;
	exportedBy: { id: string; name: string; kind: string };
	person: PersonRecord;
	conversations: ExportedConversation[];
	assets: AssetRecord[];
	links: LinkRecord[];
	followUps: FollowUpRecord[];
	/** Records of other collections that point at her (found from the schema by the server). */
	other: { collection: string; field: string; records: BaseRecord[] }[];
	/** Who read or changed her records, oldest first. */
	audit: AuditEntry[];
	/** More than the server's maximum of entries: the oldest ones are in the export. */
	auditTruncated: boolean;
	lookup: {
		users: Record<string, { name: string; role: Role | string }>;
		addresses: Record<string, { street: string; number: string; postcode: string; city: string }>;
		areas: Record<string, { name: string; code: string; level: string }>;
		assets: Record<string, { title: string; kind: string }>;
	};
}

/** What an erasure removed or cleared (never any of her data). */
export interface EraseCounts {
	conversationsCleared: number;
	assetsDeleted: number;
	assetsUnlinked: number;
	linksDeleted: number;
	followUpsDeleted: number;
	otherDeleted: number;
	otherUnlinked: number;
}

/** `POST /api/krachtkaart/people/{id}/erase`. */
export interface EraseResult {
	erased: string;
	counts: EraseCounts;
}

export const EXPORT_FORMAT = 'krachtkaart-subject-access/1';
/**
 * Fewer characters than this find too many people to be useful (and show too many names). The
 * server's search (pb_hooks/lib/people-search.js) holds the same; people.test.ts checks they agree.
 */
export const MIN_SEARCH_LENGTH = 2;
/** Results per search (the server's SEARCH_LIMIT). */
export const SEARCH_LIMIT = 50;

/**
 * What a search sends, or null when too little was typed to send anything. Which fields each
 * word must match is the server's alone (pb_hooks/lib/people-search.js `searchFilter`).
 *
 * @example
 * searchText('  Fatima   dreef ') // 'Fatima dreef'
 * searchText(' a ') // null
 */
export function searchText(query: string): string | null {
	const text = query.trim().replace(/\s+/g, ' ');
	return text.replace(/ /g, '').length < MIN_SEARCH_LENGTH ? null : text;
}

/** Her door as the Dutch write it ('Zamenhofdreef 12, 3564 AB Utrecht'); '' without one. */
export function addressLabel(
	address: { street: string; number: string; postcode?: string; city?: string } | undefined
): string {
	if (!address) return '';
	const door = [address.street, address.number].filter(Boolean).join(' ');
	const place = [address.postcode, address.city].filter(Boolean).join(' ');
	return [door, place].filter(Boolean).join(', ');
}

/**
 * The file name of a downloaded export: her record id and the day, never her name (a download
 * folder is no place for it).
 *
 * @example exportFileName({ person: { id: 'abc123def456ghi' }, exportedAt: '2026-11-23 10:15:00.000Z' })
 * // 'krachtkaart-bewoner-abc123def456ghi-2026-11-23.json'
 */
export function exportFileName(
	data: Pick<PersonExport, 'exportedAt'> & { person: { id: string } }
) {
	const day = /^\d{4}-\d{2}-\d{2}/.exec(data.exportedAt)?.[0] ?? 'export';
	const id = data.person.id.replace(/[^a-z0-9]/gi, '');
	return `krachtkaart-bewoner-${id}-${day}.json`;
}

/** The export as the downloaded file holds it: indented, readable in any text editor. */
export function exportJson(data: PersonExport): string {
	return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * What the coordinator types to confirm an erasure: the resident's first name, or, for a
 * resident kept without one, the word the page asks for.
 */
export function eraseConfirmWord(person: Pick<PersonRecord, 'display_name'>, fallback: string) {
	return person.display_name.trim() || fallback;
}

/** Whether the typed confirmation matches (case and surrounding spaces do not matter). */
export function confirmMatches(typed: string, word: string): boolean {
	const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');
	return norm(word) !== '' && norm(typed) === norm(word);
}

/** Her talent-like list of a conversation's gifts: [{ kind, tag }], whatever was stored. */
export function giftsOf(conversation: Pick<ExportedConversation, 'gifts'>): {
	kind: string;
	tag: string;
}[] {
	const gifts = conversation.gifts;
	if (!Array.isArray(gifts)) return [];
	return gifts
		.filter((g): g is { kind?: unknown; tag?: unknown } => typeof g === 'object' && g !== null)
		.map((g) => ({ kind: String(g.kind ?? ''), tag: String(g.tag ?? '') }))
		.filter((g) => g.tag !== '');
}

/** The people and groups she named: [{ kind, name }]. */
export function mentionsOf(conversation: Pick<ExportedConversation, 'mentions'>): {
	kind: string;
	name: string;
}[] {
	const mentions = conversation.mentions;
	if (!Array.isArray(mentions)) return [];
	return mentions
		.filter((x): x is { kind?: unknown; name?: unknown } => typeof x === 'object' && x !== null)
		.map((x) => ({ kind: String(x.kind ?? ''), name: String(x.name ?? '') }))
		.filter((x) => x.name !== '');
}

/** The follow-up agreed in a conversation: what, and when; null without one. */
export function followUpOf(
	conversation: Pick<ExportedConversation, 'followUp'>
): { what: string; due: string } | null {
	const f = conversation.followUp;
	if (typeof f !== 'object' || f === null || Array.isArray(f)) return null;
	const what = String((f as { what?: unknown }).what ?? '').trim();
	if (!what) return null;
	return { what, due: String((f as { due?: unknown }).due ?? '') };
}

/** Which of her records an audit entry is about, for the readable trail. */
export type AuditTarget =
	| { kind: 'person' }
	| { kind: 'conversation'; heldAt: string }
	| { kind: 'asset'; title: string }
	| { kind: 'follow_up'; what: string }
	| { kind: 'list'; count: number }
	| { kind: 'other'; collection: string; id: string };

/**
 * What an audit entry of her export was about: her person record, one of her talks (by its
 * date), one of her assets, or a list that held her records among others.
 */
export function auditTarget(
	data: Pick<PersonExport, 'person' | 'conversations' | 'assets' | 'followUps'>,
	entry: Pick<AuditEntry, 'targetCollection' | 'targetId' | 'details'>
): AuditTarget {
	const id = entry.targetId;
	if (!id) {
		const details = entry.details as { count?: unknown } | null;
		return { kind: 'list', count: typeof details?.count === 'number' ? details.count : 0 };
	}
	if (id === data.person.id) return { kind: 'person' };
	const conversation = data.conversations.find((c) => c.id === id);
	if (conversation) return { kind: 'conversation', heldAt: conversation.heldAt };
	const asset = data.assets.find((a) => a.id === id);
	if (asset) return { kind: 'asset', title: asset.title };
	const task = data.followUps.find((f) => f.id === id);
	if (task) return { kind: 'follow_up', what: task.what };
	return { kind: 'other', collection: entry.targetCollection, id };
}

/** How much the export holds, per section (the page's overview, the erasure's preview). */
export function exportCounts(data: PersonExport) {
	return {
		conversations: data.conversations.length,
		assets: data.assets.length,
		links: data.links.length,
		followUps: data.followUps.length,
		other: data.other.reduce((n, o) => n + o.records.length, 0),
		audit: data.audit.length
	};
}

/** Her talks, the latest first (the export lists them oldest first). */
export function conversationsNewestFirst(data: Pick<PersonExport, 'conversations'>) {
	return [...data.conversations].sort((a, b) => (a.heldAt < b.heldAt ? 1 : -1));
}

/**
 * The name of a user the export mentions; the id itself when the user no longer exists.
 *
 * @example userName(data.lookup, 'u1') // 'Wendy Jansen'
 */
export function userName(lookup: PersonExport['lookup'], id: string | undefined): string {
	if (!id) return '';
	return lookup.users[id]?.name || id;
}

/** A link seen from her asset: the kind, which way it points, and the asset at the other end. */
export function linkRows(data: Pick<PersonExport, 'links' | 'assets' | 'lookup'>) {
	const mine = new Set(data.assets.map((a) => a.id));
	return data.links.map((link) => {
		const out = mine.has(link.from);
		const ownId = out ? link.from : link.to;
		const otherId = out ? link.to : link.from;
		const own = data.assets.find((a) => a.id === ownId);
		return {
			id: link.id,
			kind: link.kind,
			direction: out ? ('out' as const) : ('in' as const),
			ownTitle: own?.title ?? data.lookup.assets[ownId]?.title ?? ownId,
			otherTitle: data.lookup.assets[otherId]?.title ?? otherId,
			created: link.created
		};
	});
}
