// The people and groups residents name at the door as someone who does a lot or knows many
// people: the raw material for finding key figures. Tallied over conversations, so a name heard
// at several doors stands out. Pure.
import type { MentionKind } from '$lib/vocabulary/vocabulary';

/** What a conversation says about the names it heard. */
export interface MentionSource {
	id: string;
	heldAt: string;
	street: string;
	mentions: readonly { name: string; kind: MentionKind }[] | null;
}

export interface MentionTally {
	/** The spelling heard most often (the first heard on a tie). */
	name: string;
	kind: MentionKind;
	/** In how many conversations the name came up. */
	conversations: number;
	/** The streets where it came up, alphabetical. */
	streets: string[];
	/** The latest conversation it came up in (as stored). */
	lastHeldAt: string;
}

/** One name however it is typed: case, spaces and accents aside ("  José de  Vries" = "jose de vries"). */
export function mentionKey(name: string, kind: MentionKind): string {
	const plain = name
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLocaleLowerCase('nl')
		.replace(/\s+/g, ' ')
		.trim();
	return `${kind}:${plain}`;
}

const STREETS = new Intl.Collator('nl');

/**
 * The names heard, most conversations first (then latest first); a name counts once per
 * conversation, however often it was typed there.
 *
 * @example tallyMentions([{ id: 'a', heldAt: '2026-11-01', street: 'Wolgadreef', mentions: [{ name: 'Ans', kind: 'person' }] }])
 * // [{ name: 'Ans', kind: 'person', conversations: 1, streets: ['Wolgadreef'], lastHeldAt: '2026-11-01' }]
 */
export function tallyMentions(sources: readonly MentionSource[]): MentionTally[] {
	const byKey = new Map<
		string,
		{
			kind: MentionKind;
			spellings: Map<string, number>;
			ids: Set<string>;
			streets: Set<string>;
			last: string;
		}
	>();
	for (const source of sources) {
		for (const mention of source.mentions ?? []) {
			const name = mention.name.replace(/\s+/g, ' ').trim();
			if (!name) continue;
			const key = mentionKey(name, mention.kind);
			let entry = byKey.get(key);
			if (!entry) {
				entry = {
					kind: mention.kind,
					spellings: new Map(),
					ids: new Set(),
					streets: new Set(),
					last: ''
				};
				byKey.set(key, entry);
			}
			if (entry.ids.has(source.id)) continue;
			entry.ids.add(source.id);
			entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + 1);
			if (source.street) entry.streets.add(source.street);
			if (source.heldAt > entry.last) entry.last = source.heldAt;
		}
	}
	return [...byKey.values()]
		.map((entry) => {
			let name = '';
			let most = 0;
			for (const [spelling, count] of entry.spellings) {
				if (count > most) [name, most] = [spelling, count];
			}
			return {
				name,
				kind: entry.kind,
				conversations: entry.ids.size,
				streets: [...entry.streets].sort(STREETS.compare),
				lastHeldAt: entry.last
			};
		})
		.sort((a, b) => b.conversations - a.conversations || b.lastHeldAt.localeCompare(a.lastHeldAt));
}
