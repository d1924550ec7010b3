// The walk list she walks, kept in the URL (`?lijst=<id>`) so a reload, the back button and a tab
// opened again (also offline: the rounds are kept by the service worker) come back to it, on
// "Op pad", its paper sheet and typing that sheet in. Pure.
import { listExpired, mayWalk } from './walk-lists';
import type { RoundQuestion, RoundRecord, WalkListRecord } from './rounds';

/** The query parameter with the chosen walk list's id: `/oppad?lijst=<id>`. */
export const LIST_PARAM = 'lijst';

/**
 * The walk list chosen in the URL, or null for none (every door).
 *
 * @example listParam(new URLSearchParams('lijst=abc123')) // 'abc123'
 */
export function listParam(params: URLSearchParams): string | null {
	const id = params.get(LIST_PARAM)?.trim() ?? '';
	return id === '' ? null : id;
}

/**
 * The query string (with its '?') of these parameters with the list set, or taken out for null;
 * '' when nothing is left. The other parameters stay as they are.
 *
 * @example listQuery('abc123') // '?lijst=abc123'
 * @example listQuery(null, new URLSearchParams('lijst=abc123&deur=d1')) // '?deur=d1'
 */
export function listQuery(
	listId: string | null,
	params: URLSearchParams = new URLSearchParams()
): '' | `?${string}` {
	const next = new URLSearchParams(params);
	if (listId) next.set(LIST_PARAM, listId);
	else next.delete(LIST_PARAM);
	const query = next.toString();
	return query ? `?${query}` : '';
}

/**
 * Why the list in the URL is not walked: it is not among her lists (deleted, or of a round
 * outside her areas), past its last day, no longer hers (given back, assigned to others), or the
 * lists could not be loaded at all.
 */
export type MissingList = 'gone' | 'expired' | 'not_yours' | 'not_loaded';

export type ListChoice<L> =
	| { list: L; missing: null }
	/** Every door; `missing` says why the chosen list is not walked (null: none was chosen, or it is still loading). */
	| { list: null; missing: MissingList | null };

type ChoosableList = Pick<WalkListRecord, 'id' | 'assignees' | 'checkedOutBy' | 'expiresOn'>;

/**
 * The list she walks for the id in the URL: the list when it is hers to walk (`mayWalk`) and not
 * expired; else every door, and why. While her lists are still loading (`status` 'idle' or
 * 'loading') a list not yet known is no reason for a notice.
 *
 * @example chosenList(lists, 'l1', 'u1', now, 'ready') // { list: <l1>, missing: null }
 * @example chosenList([], 'l1', 'u1', now, 'ready') // { list: null, missing: 'gone' }
 */
export function chosenList<L extends ChoosableList>(
	lists: readonly L[],
	listId: string | null,
	me: string,
	now: Date,
	status: 'idle' | 'loading' | 'ready' | 'error'
): ListChoice<L> {
	if (!listId) return { list: null, missing: null };
	const list = lists.find((l) => l.id === listId);
	if (!list) {
		if (status === 'ready') return { list: null, missing: 'gone' };
		return { list: null, missing: status === 'error' ? 'not_loaded' : null };
	}
	if (listExpired(list, now)) return { list: null, missing: 'expired' };
	if (!mayWalk(list, me)) return { list: null, missing: 'not_yours' };
	return { list, missing: null };
}

/**
 * A list's round as its sheet and typing it in need it: the list's id, the round's name and its
 * questions by position; undefined when the round is not loaded.
 *
 * @example listRound(rounds, list) // { walkList: 'l1', name: 'Voorjaarsronde', questions: [q1, q2] }
 */
export function listRound<Q extends Pick<RoundQuestion, 'position'>>(
	rounds: readonly (Pick<RoundRecord, 'id' | 'name'> & { questions: readonly Q[] })[],
	list: Pick<WalkListRecord, 'id' | 'round'> | null
): { walkList: string; name: string; questions: Q[] } | undefined {
	const round = list ? rounds.find((r) => r.id === list.round) : undefined;
	if (!list || !round) return undefined;
	const questions = [...round.questions].sort((a, b) => a.position - b.position);
	return { walkList: list.id, name: round.name, questions };
}
