// Guards the chip toggle: adds a missing value, removes a present one, never mutates the input.
import { describe, expect, it } from 'vitest';
import { toggled } from './toggled';

describe('toggled', () => {
	it('adds a missing value at the end and removes a present one', () => {
		expect(toggled(['taal'], 'jeugd')).toEqual(['taal', 'jeugd']);
		expect(toggled(['taal', 'jeugd'], 'taal')).toEqual(['jeugd']);
		expect(toggled([], 'sport')).toEqual(['sport']);
	});

	it('returns a new list and leaves the input as it was', () => {
		const input = Object.freeze(['taal']);
		const output = toggled(input, 'taal');
		expect(output).not.toBe(input);
		expect(input).toEqual(['taal']);
	});
});
