// Builds PocketBase filter expressions whose values are always bound parameters: the result goes
// through `pb.filter(expr, params)`, which quotes them; no value is ever concatenated.

export interface Filter {
	expr: string;
	params: Record<string, string | number | boolean>;
}

/**
 * `field = v0 || field = v1 || …` over distinct values, with one named parameter per value.
 * Returns null for no values (callers decide whether that means "nothing" or "everything").
 *
 * @example
 * anyOf(['area', 'area.parent'], ['a1'], 'r')
 * // { expr: '(area = {:r0} || area.parent = {:r0})', params: { r0: 'a1' } }
 */
export function anyOf(
	fields: string | string[],
	values: readonly string[],
	prefix = 'v'
): Filter | null {
	const names = Array.isArray(fields) ? fields : [fields];
	for (const name of names) {
		// Field paths are ours, never user input; still refuse anything but a plain path.
		if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(name)) {
			throw new Error(`not a field path: ${name}`);
		}
	}
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(prefix))
		throw new Error(`not a parameter prefix: ${prefix}`);
	const distinct = [...new Set(values)];
	if (distinct.length === 0 || names.length === 0) return null;
	const params: Filter['params'] = {};
	const terms: string[] = [];
	distinct.forEach((value, i) => {
		const key = `${prefix}${i}`;
		params[key] = value;
		for (const name of names) terms.push(`${name} = {:${key}}`);
	});
	return { expr: `(${terms.join(' || ')})`, params };
}

/** Joins filters with `&&` / `||`, skipping nulls; null when nothing is left. */
export function combine(op: '&&' | '||', ...filters: (Filter | null)[]): Filter | null {
	const present = filters.filter((f): f is Filter => f !== null);
	if (present.length === 0) return null;
	if (present.length === 1) return present[0];
	const params: Filter['params'] = {};
	for (const f of present) {
		for (const key of Object.keys(f.params)) {
			if (key in params) throw new Error(`parameter ${key} used twice`);
			params[key] = f.params[key];
		}
	}
	return { expr: `(${present.map((f) => f.expr).join(` ${op} `)})`, params };
}

/**
 * Area ids per request when a filter names each with its parents (three terms apiece). The
 * server's guard takes 8000 characters and 400 fields (pb_hooks/lib/field-access.js), PocketBase
 * itself fewer terms: 40 areas were refused (tests/integration/round-progress.test.ts reads 101).
 */
export const AREAS_PER_FILTER = 20;

/**
 * Reads `read(slice)` for each slice of at most `size` distinct values, one after the other, and
 * keeps each record once (by id) in the order first read. One read with [] when there are none.
 */
export async function readInSlices<T extends { id: string }>(
	values: readonly string[],
	read: (slice: string[]) => Promise<T[]>,
	size = AREAS_PER_FILTER
): Promise<T[]> {
	const distinct = [...new Set(values)];
	const found = new Map<string, T>();
	for (let i = 0; i === 0 || i < distinct.length; i += size) {
		for (const record of await read(distinct.slice(i, i + size))) {
			if (!found.has(record.id)) found.set(record.id, record);
		}
	}
	return [...found.values()];
}
