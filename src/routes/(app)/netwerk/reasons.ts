// A verbinder's reason as a sentence, and a betweenness as a percentage, for the network view.
import { m } from '$lib/paraglide/messages.js';
import type { VerbinderReason } from '$lib/network/network';

export function reasonText(reason: VerbinderReason): string {
	switch (reason.kind) {
		case 'bridges':
			return m.network_reason_bridges({ communities: reason.communities });
		case 'holds':
			return m.network_reason_holds({ groups: reason.groups });
		case 'named':
			return m.network_reason_named({ times: reason.times });
	}
}

/** 0.4213 → "42%" in the locale's format. */
export function percent(share: number, locale: string): string {
	return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
		share
	);
}
