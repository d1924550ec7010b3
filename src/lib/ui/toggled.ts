/**
 * The list with `value` added, or taken out when it is there: a new list, so runes state that
 * holds it is replaced, never mutated. Used by every group of toggle chips.
 * @example toggled(['taal'], 'jeugd') // ['taal', 'jeugd']
 * @example toggled(['taal', 'jeugd'], 'taal') // ['jeugd']
 */
export function toggled<T>(list: readonly T[], value: T): T[] {
	return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}
