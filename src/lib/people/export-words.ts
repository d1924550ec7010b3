// The words a resident's export is shown in (/bewoners/<id>): dates and moments in the UI's
// language, names for the ids it mentions (users, areas, addresses, from its `lookup`), labels for
// stored values (a value outside the vocabulary shows as stored), and who did what in its audit
// trail. One set for every section of the page.
import { PRECISION_LABEL_KEYS, STATUS_LABEL_KEYS, hasLabel } from '$lib/assets/asset-form';
import { kindInfo } from '$lib/assets/assets';
import { AUDIT_ACTION_LABEL_KEYS, formatMoment, isAuditAction, issuerOf } from '$lib/audit/audit';
import { formatDate } from '$lib/i18n/i18n';
import type { Locale } from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import {
	CONSENT_LABEL_KEYS,
	DOMAIN_LABEL_KEYS,
	GIFT_LABEL_KEYS,
	OUTCOME_LABEL_KEYS,
	THEME_LABEL_KEYS
} from '$lib/vocabulary/vocabulary';
import { addressLabel, auditTarget, userName, type PersonExport } from './people';

type AuditRow = PersonExport['audit'][number];

/** A label of a vocabulary, or the value itself when it has none. */
function labelOf(keys: Record<string, string>) {
	return (value: string): string =>
		hasLabel(keys, value) ? (m as unknown as Record<string, () => string>)[keys[value]]() : value;
}

/** @example exportWords(data, 'nl').theme('care') // 'Zorg' */
export function exportWords(data: PersonExport, locale: Locale) {
	const day = (iso: string | undefined) => formatDate(iso, locale);
	const user = (id: string | undefined) => userName(data.lookup, id);
	return {
		day,
		moment: (iso: string | undefined) => formatMoment(iso, locale),
		user,
		area: (id: string | undefined) => (id ? (data.lookup.areas[id]?.name ?? id) : ''),
		address: (id: string | undefined) => (id ? addressLabel(data.lookup.addresses[id]) || id : ''),
		theme: labelOf(THEME_LABEL_KEYS),
		consent: labelOf(CONSENT_LABEL_KEYS),
		outcome: labelOf(OUTCOME_LABEL_KEYS),
		gift: labelOf(GIFT_LABEL_KEYS),
		domain: labelOf(DOMAIN_LABEL_KEYS),
		precision: labelOf(PRECISION_LABEL_KEYS),
		status: labelOf(STATUS_LABEL_KEYS),
		kind(k: string): string {
			const info = kindInfo(k);
			return info ? m[info.labelKey]() : k;
		},
		action: (a: string) => (isAuditAction(a) ? m[AUDIT_ACTION_LABEL_KEYS[a]]() : a),
		yesNo: (value: boolean | undefined) => (value ? m.people_yes() : m.people_no()),
		/** Who did it: a user, her through her link (and who issued it), or the system. */
		actor(entry: AuditRow): string {
			if (entry.actor) return user(entry.actor);
			if (entry.actorKind === 'resident') {
				const issuer = issuerOf(entry);
				return issuer
					? m.audit_actor_resident_issued({ name: user(issuer) })
					: m.audit_actor_resident();
			}
			return entry.actorKind === 'superuser' ? m.audit_actor_superuser() : m.audit_actor_system();
		},
		/** Which of her records an audit entry was about. */
		target(entry: AuditRow): string {
			const t = auditTarget(data, entry);
			switch (t.kind) {
				case 'person':
					return m.people_target_person();
				case 'conversation':
					return m.people_target_conversation({ date: day(t.heldAt) });
				case 'asset':
					return m.people_target_asset({ title: t.title });
				case 'follow_up':
					return m.people_target_follow_up({ what: t.what });
				case 'list':
					return m.people_target_list({ count: t.count });
				default:
					return m.people_target_other({ collection: t.collection, id: t.id });
			}
		}
	};
}

export type ExportWords = ReturnType<typeof exportWords>;
