// Guards the new round's URL from the gap view: buurten and streets written and read back, and
// what cannot be read left out.
import { describe, expect, it } from 'vitest';
import { MAX_PREFILL_STREETS, readRoundPrefill, roundPrefillParams } from './round-url';

describe('readRoundPrefill', () => {
	it('reads buurten and streets, adding a street’s buurt', () => {
		const params = new URLSearchParams('buurt=b2&straat=b1:Wolgadreef&straat=b2:Kerk: straat');
		expect(readRoundPrefill(params)).toEqual({
			areas: ['b2', 'b1'],
			streets: [
				{ area: 'b1', street: 'Wolgadreef' },
				{ area: 'b2', street: 'Kerk: straat' }
			]
		});
	});

	it('leaves out what it cannot read, and each thing twice', () => {
		const params = new URLSearchParams();
		for (const value of ['b1:', 'Wolgadreef', ':Wolgadreef', 'b 1:Wolgadreef', 'b1:  ']) {
			params.append('straat', value);
		}
		params.append('straat', `b1:${'x'.repeat(201)}`);
		params.append('buurt', 'b1;drop');
		params.append('buurt', 'b3');
		params.append('buurt', 'b3');
		params.append('straat', 'b3:Amazonedreef');
		params.append('straat', 'b3: Amazonedreef ');
		expect(readRoundPrefill(params)).toEqual({
			areas: ['b3'],
			streets: [{ area: 'b3', street: 'Amazonedreef' }]
		});
		expect(readRoundPrefill(new URLSearchParams(''))).toEqual({ areas: [], streets: [] });
	});

	it('keeps at most MAX_PREFILL_STREETS streets', () => {
		const params = new URLSearchParams();
		for (let i = 0; i <= MAX_PREFILL_STREETS; i++) params.append('straat', `b1:Straat ${i}`);
		expect(readRoundPrefill(params).streets).toHaveLength(MAX_PREFILL_STREETS);
	});
});

describe('roundPrefillParams', () => {
	it('is read back as it was written', () => {
		const prefill = {
			areas: ['b1', 'b2'],
			streets: [
				{ area: 'b1', street: 'Wolgadreef' },
				{ area: 'b2', street: 'Jan & Piet: 2e straat' }
			]
		};
		const params = roundPrefillParams(prefill);
		expect(params.getAll('buurt')).toEqual(['b1', 'b2']);
		expect(readRoundPrefill(new URLSearchParams(params.toString()))).toEqual(prefill);
	});
});
