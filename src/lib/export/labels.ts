// The UI's own words (paraglide) for the values an export's CSV holds, in the current language:
// kinds, themes, domains, statuses, precisions, gifts and outcomes. Area levels stay as stored.
import { PRECISION_LABEL_KEYS, STATUS_LABEL_KEYS } from '$lib/assets/asset-form';
import { m } from '$lib/paraglide/messages.js';
import {
	DOMAIN_LABEL_KEYS,
	GIFT_LABEL_KEYS,
	OUTCOME_LABEL_KEYS,
	THEME_LABEL_KEYS
} from '$lib/vocabulary/vocabulary';
import type { LabelGroup } from './export';

const KEYS: Partial<Record<LabelGroup, Record<string, string>>> = {
	theme: THEME_LABEL_KEYS,
	domain: DOMAIN_LABEL_KEYS,
	status: STATUS_LABEL_KEYS,
	precision: PRECISION_LABEL_KEYS,
	gift: GIFT_LABEL_KEYS,
	outcome: OUTCOME_LABEL_KEYS
};

/** A value's label in the UI's language; undefined for a value it has no word for. */
export function exportLabel(group: LabelGroup, value: string): string | undefined {
	const key = group === 'kind' ? `asset_kind_${value}` : KEYS[group]?.[value];
	if (!key) return undefined;
	const message = (m as unknown as Record<string, (() => string) | undefined>)[key];
	return typeof message === 'function' ? message() : undefined;
}
