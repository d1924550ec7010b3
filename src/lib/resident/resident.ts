// A resident's own link (pb_hooks/resident-links.pb.js): what she sees of her entry, the draft of
// her corrections, checking it as the server does, and the one request that carries it. Pure: the
// page (src/routes/mijn/[token]/) and the coordinator's section use it, the tests run it alone.
import { formatDateAs } from '$lib/i18n/i18n';
import type { AssetPrecision, Role } from '$lib/pocketbase/types';
import { LIMITS, type ConsentScope, type GiftKind } from '$lib/vocabulary/vocabulary';

/** A token as the server makes them: 32 letters and digits (190 random bits). */
export const TOKEN_PATTERN = /^[A-Za-z0-9]{32}$/;
/** Her fields and her assets' texts: as long as the server allows (the vocabulary's limits). */
const { firstName: MAX_FIRST_NAME, contact: MAX_CONTACT } = LIMITS.person;
const { title: MAX_TITLE, description: MAX_DESCRIPTION } = LIMITS.asset;

/** The consent scopes a resident can hold. */
export type Scope = ConsentScope;

/** One of her own assets: a gift (capacity) or her place as a key figure. */
export interface ResidentAsset {
	id: string;
	kind: 'capacity' | 'key_figure' | string;
	title: string;
	description: string;
	themes: string[];
	gifts: GiftKind[] | string[];
	precision: AssetPrecision | string;
}

/** `GET /api/krachtkaart/mijn/{token}`: her own entry, nothing else. */
export interface ResidentEntry {
	firstName: string;
	contact: string;
	isKeyFigure: boolean;
	consent: {
		scopes: Scope[] | string[];
		/** Whether the consent still holds (it ends at `until`). */
		running: boolean;
		givenAt: string;
		until: string;
		source: string;
		/** The first name of who noted it at the door; '' when she set it herself. */
		recordedBy: string;
	};
	assets: ResidentAsset[];
	linkExpiresAt: string;
}

/** `POST /api/krachtkaart/mijn/{token}`: only what she changed. */
export interface ResidentEdits {
	firstName?: string;
	contact?: string;
	consent?: { scopes: Scope[] };
	assets?: { id: string; title?: string; description?: string; remove?: boolean }[];
}

export type ResidentSaveResult = { erased: true } | { erased: false; entry: ResidentEntry };

/** What the page edits: her fields, three yes/no choices, and each asset. */
export interface ResidentDraft {
	firstName: string;
	contact: string;
	keepName: boolean;
	keepContact: boolean;
	keepExact: boolean;
	assets: { id: string; title: string; description: string; remove: boolean }[];
}

/** Everything withdrawn: the server erases her (as an erasure request would). */
export const WITHDRAW_ALL: ResidentEdits = { consent: { scopes: [] } };

/** Whether her consent holds this scope. */
export const hasScope = (entry: ResidentEntry, scope: Scope) =>
	(entry.consent.scopes as string[]).includes(scope);

/** The draft a page starts from: her entry as it is. */
export function draftOf(entry: ResidentEntry): ResidentDraft {
	return {
		firstName: entry.firstName,
		contact: entry.contact,
		keepName: hasScope(entry, 'first_name'),
		keepContact: hasScope(entry, 'contact'),
		keepExact: hasScope(entry, 'exact_location'),
		assets: entry.assets.map((a) => ({
			id: a.id,
			title: a.title,
			description: a.description,
			remove: false
		}))
	};
}

/**
 * The scopes a draft asks for. Without name, contact or exact place she still lets us keep her
 * gifts without a name (`anonymous`); withdrawing everything is its own step (WITHDRAW_ALL). An
 * exact place stays only if she had agreed to it at the door.
 *
 * @example scopesOf(entry, { ...draftOf(entry), keepName: false, keepContact: false }) // ['anonymous']
 */
export function scopesOf(entry: ResidentEntry, draft: ResidentDraft): Scope[] {
	const scopes: Scope[] = [];
	if (draft.keepName) scopes.push('first_name');
	if (draft.keepContact) scopes.push('contact');
	if (draft.keepExact && hasScope(entry, 'exact_location')) scopes.push('exact_location');
	return scopes.length > 0 ? scopes : ['anonymous'];
}

export type FieldProblem = 'too_long' | 'required' | 'needs_consent' | 'invalid';

/** Message keys of the problems. */
export const PROBLEM_KEYS = {
	too_long: 'resident_problem_too_long',
	required: 'resident_problem_required',
	needs_consent: 'resident_problem_needs_consent',
	invalid: 'resident_problem_invalid'
} as const satisfies Record<FieldProblem, string>;

/** What is wrong with a draft, per field (the same checks as the server); {} when all is well. */
export interface DraftProblems {
	firstName?: FieldProblem;
	contact?: FieldProblem;
	/** Per asset id. */
	assets?: Record<string, { title?: FieldProblem; description?: FieldProblem }>;
}

/**
 * Checks a draft as the server will: lengths, a name to keep, and a first name or contact only
 * with the consent for it (unless left as it was: then withdrawing clears it).
 *
 * @example validateDraft(entry, { ...draftOf(entry), firstName: 'Fenna', keepName: false }) // { firstName: 'needs_consent' }
 */
export function validateDraft(entry: ResidentEntry, draft: ResidentDraft): DraftProblems {
	const problems: DraftProblems = {};
	const name = draft.firstName.trim();
	if (name.length > MAX_FIRST_NAME) problems.firstName = 'too_long';
	else if (name && !draft.keepName && name !== entry.firstName)
		problems.firstName = 'needs_consent';
	const contact = draft.contact.trim();
	if (contact.length > MAX_CONTACT) problems.contact = 'too_long';
	else if (contact && !draft.keepContact && contact !== entry.contact) {
		problems.contact = 'needs_consent';
	}
	for (const asset of draft.assets) {
		if (asset.remove) continue;
		const title = asset.title.trim();
		const wrong: { title?: FieldProblem; description?: FieldProblem } = {};
		if (!title) wrong.title = 'required';
		else if (title.length > MAX_TITLE) wrong.title = 'too_long';
		if (asset.description.trim().length > MAX_DESCRIPTION) wrong.description = 'too_long';
		if (wrong.title || wrong.description) {
			problems.assets = { ...problems.assets, [asset.id]: wrong };
		}
	}
	return problems;
}

/** Whether a check found nothing. */
export function isValid(problems: DraftProblems): boolean {
	return !problems.firstName && !problems.contact && !problems.assets;
}

/**
 * The request for a draft: only what changed; null when nothing did.
 *
 * @example editsOf(entry, { ...draftOf(entry), firstName: ' Fenna ' }) // { firstName: 'Fenna' }
 */
export function editsOf(entry: ResidentEntry, draft: ResidentDraft): ResidentEdits | null {
	const edits: ResidentEdits = {};
	const scopes = scopesOf(entry, draft);
	const stored = entry.consent.scopes as string[];
	const sameScopes = scopes.length === stored.length && scopes.every((s) => stored.includes(s));
	if (!sameScopes) edits.consent = { scopes };
	const name = draft.firstName.trim();
	// A withdrawn name is cleared by the server; sending it back unchanged is harmless.
	if (name !== entry.firstName && (draft.keepName || name === '')) edits.firstName = name;
	const contact = draft.contact.trim();
	if (contact !== entry.contact && (draft.keepContact || contact === '')) edits.contact = contact;
	const assets: NonNullable<ResidentEdits['assets']> = [];
	for (const asset of draft.assets) {
		const was = entry.assets.find((a) => a.id === asset.id);
		if (!was) continue;
		if (asset.remove) {
			assets.push({ id: asset.id, remove: true });
			continue;
		}
		const change: NonNullable<ResidentEdits['assets']>[number] = { id: asset.id };
		if (asset.title.trim() !== was.title) change.title = asset.title.trim();
		if (asset.description.trim() !== was.description) change.description = asset.description.trim();
		if (change.title !== undefined || change.description !== undefined) assets.push(change);
	}
	if (assets.length > 0) edits.assets = assets;
	return Object.keys(edits).length > 0 ? edits : null;
}

/** What a save will take away, for the confirmation before it is sent. */
export interface Losses {
	name: boolean;
	contact: boolean;
	exact: boolean;
	/** Titles of the assets she removes. */
	removed: string[];
}

/**
 * What saving a draft deletes: a name or contact whose consent she withdraws (or that she
 * empties), an exact place, the gifts she removes. Nothing lost: no confirmation needed.
 */
export function lossesOf(entry: ResidentEntry, draft: ResidentDraft): Losses {
	return {
		name: entry.firstName !== '' && (!draft.keepName || draft.firstName.trim() === ''),
		contact: entry.contact !== '' && (!draft.keepContact || draft.contact.trim() === ''),
		exact: hasScope(entry, 'exact_location') && !draft.keepExact,
		removed: draft.assets
			.filter((a) => a.remove)
			.map((a) => entry.assets.find((e) => e.id === a.id)?.title ?? a.title)
	};
}

export function losesSomething(losses: Losses): boolean {
	return losses.name || losses.contact || losses.exact || losses.removed.length > 0;
}

/** The problem a server code means (pb_hooks/lib/resident-links.js). */
const CODE_PROBLEMS: Record<string, FieldProblem> = {
	consent_missing: 'needs_consent',
	too_long: 'too_long',
	required: 'required'
};

/**
 * The problems a server 400 names, in the page's terms (its keys are `firstName`, `contact`,
 * `consent.scopes` or `assets.<i>.<field>` of the request); null when it names none the page
 * shows beside a field.
 *
 * @example problemsOfError({ 'assets.1.title': { code: 'required' } }, ['a1', 'a2']) // { assets: { a2: { title: 'required' } } }
 */
export function problemsOfError(data: unknown, assetIds: string[]): DraftProblems | null {
	if (typeof data !== 'object' || data === null) return null;
	for (const [key, value] of Object.entries(data)) {
		const code = (value as { code?: unknown } | null)?.code;
		const problem = CODE_PROBLEMS[typeof code === 'string' ? code : ''] ?? 'invalid';
		if (key === 'firstName' || key === 'contact') return { [key]: problem };
		const asset = /^assets\.(\d+)\.(title|description)$/.exec(key);
		const id = asset ? assetIds[Number(asset[1])] : undefined;
		if (asset && id) return { assets: { [id]: { [asset[2]]: problem } } };
	}
	return null;
}

/** The asset ids of a request, in its order (to read a 400 that names `assets.<i>`). */
export function assetIdsOf(edits: ResidentEdits): string[] {
	return (edits.assets ?? []).map((a) => a.id);
}

/**
 * Who issues and revokes her link, as the server's ISSUER_ROLES (pb_hooks/lib/resident-links.js):
 * a link may do what its issuer may (erase her, change her consent), so never a worker or viewer.
 * The server also asks for her area, and asks again at every use of the link.
 */
export const LINK_ISSUER_ROLES: readonly Role[] = ['admin', 'coordinator'];

/** @example canIssueResidentLink('worker') // false */
export function canIssueResidentLink(role: Role | null): boolean {
	return role !== null && LINK_ISSUER_ROLES.includes(role);
}

/** A link made for her: `POST /api/krachtkaart/people/{id}/resident-link`. */
export interface ResidentLinkCreated {
	id: string;
	token: string;
	/** `/mijn/<token>`, to put after the app's origin. */
	path: string;
	expiresAt: string;
	/** How many older links it revoked. */
	revoked: number;
}

/** A link as coordinators may list it (`resident_links`; the token hash is hidden). */
export interface ResidentLinkRecord {
	id: string;
	person: string;
	expiresAt: string;
	revokedAt: string;
	createdBy: string;
	lastUsedAt: string;
	uses: number;
	created: string;
}

/** The full URL she opens: the app's origin and the link's path. */
export function residentUrl(origin: string, path: string): string {
	return `${origin.replace(/\/+$/, '')}${path}`;
}

export type LinkState = 'active' | 'expired' | 'revoked';

/** Whether a link still works at `now`. */
export function linkState(
	link: Pick<ResidentLinkRecord, 'expiresAt' | 'revokedAt'>,
	now: Date
): LinkState {
	if (link.revokedAt) return 'revoked';
	const expires = Date.parse(link.expiresAt.replace(' ', 'T'));
	return expires > now.getTime() ? 'active' : 'expired';
}

/**
 * A day as people read it on the card ('31 december 2026'); '' for no date.
 *
 * @example formatDay('2026-12-31 11:09:28.704Z', 'nl') // '31 december 2026'
 */
export function formatDay(date: string, locale: string): string {
	return formatDateAs(date, locale === 'en' ? 'en' : 'nl-NL', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'Europe/Amsterdam'
	});
}
