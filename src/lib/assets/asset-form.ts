// The asset form: its draft, the defaults for a new asset, what is wrong with a draft (per field),
// the server's field errors in the same terms, and the message keys of the asset vocabulary.
// Pure.
import {
	DOMAINS,
	GIFT_KINDS,
	LIMITS,
	THEMES,
	type Domain,
	type GiftKind,
	type Theme,
	ASSET_KIND_VALUES,
	type AssetKind
} from '$lib/vocabulary/vocabulary';
import {
	ASSET_STATUS_VALUES,
	type AssetPrecision,
	type AssetRecord,
	type AssetStatus,
	type GeoPoint
} from '$lib/pocketbase/types';
import type { AssetPatch, NewAsset } from './assets';

export const PRECISIONS = ['exact', 'street', 'area'] as const satisfies readonly AssetPrecision[];

/** What the form edits. */
export interface AssetDraft {
	kind: AssetKind;
	title: string;
	description: string;
	themes: Theme[];
	domain: Domain[];
	gifts: GiftKind[];
	/** An initiative's call for help, by theme (suggested connections); kept for initiatives only. */
	asksHelp: Theme[];
	precision: AssetPrecision;
	status: AssetStatus;
}

export type DraftField = keyof AssetDraft;
export type FieldProblem = 'required' | 'too_long' | 'invalid';
export type DraftErrors = Partial<Record<DraftField, FieldProblem>>;

/** Kinds that are a resident rather than a group, an institution or a place. */
const PERSON_KINDS: readonly AssetKind[] = ['capacity', 'key_figure'];

/**
 * Where a new asset of this kind is shown by default: a resident (her talent, or herself as a key
 * figure) at street level, never at her front door unless she agreed to that (docs/product.md,
 * privacy rules); groups, institutions and places exactly.
 *
 * @example defaultPrecision('capacity') // 'street'
 */
export function defaultPrecision(kind: AssetKind): AssetPrecision {
	return PERSON_KINDS.includes(kind) ? 'street' : 'exact';
}

/** An empty draft for a new asset of this kind. */
export function newDraft(kind: AssetKind = 'key_figure'): AssetDraft {
	return {
		kind,
		title: '',
		description: '',
		themes: [],
		domain: [],
		gifts: [],
		asksHelp: [],
		precision: defaultPrecision(kind),
		status: 'active'
	};
}

/** The editable fields of a record, as a draft (lists copied). */
export function draftFromAsset(asset: AssetRecord): AssetDraft {
	return {
		kind: asset.kind,
		title: asset.title,
		description: asset.description ?? '',
		themes: [...(asset.themes ?? [])],
		domain: [...(asset.domain ?? [])],
		gifts: [...(asset.gifts ?? [])],
		asksHelp: [...(asset.asksHelp ?? [])],
		precision: asset.precision,
		status: asset.status
	};
}

/**
 * What is wrong with the draft, per field; empty when it can be saved.
 *
 * @example validateDraft({ ...newDraft(), title: '  ' }) // { title: 'required' }
 */
export function validateDraft(draft: AssetDraft): DraftErrors {
	const errors: DraftErrors = {};
	const title = draft.title.trim();
	if (!title) errors.title = 'required';
	else if (title.length > LIMITS.asset.title) errors.title = 'too_long';
	if (draft.description.length > LIMITS.asset.description) errors.description = 'too_long';
	if (!(ASSET_KIND_VALUES as readonly string[]).includes(draft.kind)) errors.kind = 'required';
	if (!(ASSET_STATUS_VALUES as readonly string[]).includes(draft.status)) errors.status = 'invalid';
	if (!(PRECISIONS as readonly string[]).includes(draft.precision)) errors.precision = 'invalid';
	if (draft.themes.some((t) => !(THEMES as readonly string[]).includes(t)))
		errors.themes = 'invalid';
	if (draft.asksHelp.some((t) => !(THEMES as readonly string[]).includes(t)))
		errors.asksHelp = 'invalid';
	if (draft.domain.some((d) => !(DOMAINS as readonly string[]).includes(d)))
		errors.domain = 'invalid';
	if (draft.gifts.some((g) => !(GIFT_KINDS as readonly string[]).includes(g)))
		errors.gifts = 'invalid';
	return errors;
}

/** The fields of a draft as a request body (text trimmed). */
export function draftToPatch(draft: AssetDraft): AssetPatch & Omit<NewAsset, 'location' | 'area'> {
	return {
		kind: draft.kind,
		title: draft.title.trim(),
		description: draft.description.trim(),
		themes: [...draft.themes],
		domain: [...draft.domain],
		gifts: [...draft.gifts],
		// Only an initiative asks for help: another kind clears it.
		asksHelp: draft.kind === 'initiative' ? [...draft.asksHelp] : [],
		precision: draft.precision,
		status: draft.status
	};
}

/** A new asset from a draft and where it was placed. */
export function draftToNewAsset(draft: AssetDraft, location: GeoPoint, area: string): NewAsset {
	return { ...draftToPatch(draft), location: { lon: location.lon, lat: location.lat }, area };
}

/**
 * The server's validation errors (PocketBase answers 400 with `data: { field: { code, message } }`)
 * as problems of the form's fields; fields the form does not have are left out.
 *
 * @example
 * fieldErrorsFromApi({ status: 400, response: { data: { title: { code: 'validation_required' } } } })
 * // { title: 'required' }
 */
export function fieldErrorsFromApi(error: unknown): DraftErrors {
	const data = (error as { response?: { data?: unknown } } | null)?.response?.data;
	if (typeof data !== 'object' || data === null) return {};
	const draftFields = Object.keys(newDraft()) as DraftField[];
	const errors: DraftErrors = {};
	for (const [field, value] of Object.entries(data as Record<string, unknown>)) {
		if (!(draftFields as string[]).includes(field)) continue;
		const code = String((value as { code?: unknown } | null)?.code ?? '');
		errors[field as DraftField] =
			code === 'validation_required'
				? 'required'
				: /max|length/.test(code)
					? 'too_long'
					: 'invalid';
	}
	return errors;
}

/**
 * Whether `value` has a label in a table of label keys (these below, or the vocabulary's), as an
 * older record or a foreign string may not. Own keys only, so `constructor` or `toString` is no
 * label.
 *
 * @example hasLabel(GIFT_LABEL_KEYS, 'heart') // true
 */
export function hasLabel<T extends object>(
	keys: T,
	value: string
): value is Extract<keyof T, string> {
	return Object.hasOwn(keys, value);
}

/** Message keys of the asset vocabulary, for `m[KEYS[value]]()`. */
export const STATUS_LABEL_KEYS = {
	active: 'asset_status_active',
	idea: 'asset_status_idea',
	paused: 'asset_status_paused',
	ended: 'asset_status_ended'
} as const satisfies Record<AssetStatus, string>;

export const PRECISION_LABEL_KEYS = {
	exact: 'asset_precision_exact',
	street: 'asset_precision_street',
	area: 'asset_precision_area'
} as const satisfies Record<AssetPrecision, string>;

export const FIELD_PROBLEM_KEYS = {
	required: 'form_error_required',
	too_long: 'form_error_too_long',
	invalid: 'form_error_invalid'
} as const satisfies Record<FieldProblem, string>;
