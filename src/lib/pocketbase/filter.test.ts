// Guards the filter builder: values only ever appear as named parameters, never in the expression.
import PocketBase from 'pocketbase';
import { describe, expect, it } from 'vitest';
import { anyOf, combine, readInSlices } from './filter';

describe('anyOf', () => {
	it('binds every value as a parameter', () => {
		expect(anyOf('id', ['a1', 'b2'])).toEqual({
			expr: '(id = {:v0} || id = {:v1})',
			params: { v0: 'a1', v1: 'b2' }
		});
	});

	it('repeats each value over several fields and drops duplicates', () => {
		expect(anyOf(['area', 'area.parent'], ['a1', 'a1'], 'r')).toEqual({
			expr: '(area = {:r0} || area.parent = {:r0})',
			params: { r0: 'a1' }
		});
	});

	it('returns null for no values', () => {
		expect(anyOf('id', [])).toBeNull();
	});

	it('refuses field paths and prefixes that are not plain names', () => {
		expect(() => anyOf('id || 1=1', ['x'])).toThrow();
		expect(() => anyOf('id', ['x'], '0')).toThrow();
	});

	it('keeps hostile values out of the expression once the SDK quotes them', () => {
		const hostile = 'x" || id != "';
		const filter = anyOf('id', [hostile])!;
		expect(filter.expr).not.toContain(hostile);
		const pb = new PocketBase('http://127.0.0.1:1');
		expect(pb.filter(filter.expr, filter.params)).toBe(`(id = ${JSON.stringify(hostile)})`);
	});
});

describe('combine', () => {
	it('joins filters and their parameters', () => {
		const filter = combine(
			'&&',
			{ expr: 'level = "buurt"', params: {} },
			anyOf('parent', ['w1'], 'w')
		);
		expect(filter).toEqual({ expr: '(level = "buurt" && (parent = {:w0}))', params: { w0: 'w1' } });
	});

	it('skips nulls and refuses clashing parameter names', () => {
		expect(combine('||', null, null)).toBeNull();
		expect(() => combine('||', anyOf('id', ['a']), anyOf('id', ['b']))).toThrow(/twice/);
	});
});

describe('readInSlices', () => {
	it('reads distinct values in slices of the size given, keeping each record once', async () => {
		const asked: string[][] = [];
		const found = await readInSlices(
			['a', 'b', 'c', 'a', 'd', 'e'],
			async (slice) => {
				asked.push(slice);
				// Every slice also finds the shared record "x".
				return [{ id: 'x' }, ...slice.map((id) => ({ id: `r-${id}` }))];
			},
			2
		);
		expect(asked).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
		expect(found.map((r) => r.id)).toEqual(['x', 'r-a', 'r-b', 'r-c', 'r-d', 'r-e']);
	});

	it('reads once with no values', async () => {
		const asked: string[][] = [];
		await readInSlices([], async (slice) => (asked.push(slice), []));
		expect(asked).toEqual([[]]);
	});
});
