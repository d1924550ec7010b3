// Message keys of the link kinds, both ways round: "Fatima runs the Moestuin" seen from Fatima,
// "the Moestuin is run by Fatima" seen from the Moestuin.
import type { LinkKind } from './links';

/** Seen from the asset the link starts at (`from`). */
export const LINK_KIND_LABEL_KEYS = {
	knows: 'link_kind_knows',
	memberOf: 'link_kind_memberOf',
	runs: 'link_kind_runs',
	supports: 'link_kind_supports',
	connects: 'link_kind_connects'
} as const satisfies Record<LinkKind, string>;

/** Seen from the asset the link points to (`to`). */
export const LINK_KIND_INVERSE_LABEL_KEYS = {
	knows: 'link_kind_knows_in',
	memberOf: 'link_kind_memberOf_in',
	runs: 'link_kind_runs_in',
	supports: 'link_kind_supports_in',
	connects: 'link_kind_connects_in'
} as const satisfies Record<LinkKind, string>;
