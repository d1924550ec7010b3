// Guards how a refused talk's server errors reach the form: by the form's field names and codes,
// the rest kept as the server said it.
import { describe, expect, it } from 'vitest';
import { draftErrorsFromServer } from './server-errors';

describe('draftErrorsFromServer', () => {
	it("puts the server's codes at the form's fields", () => {
		expect(
			draftErrorsFromServer({
				consent: { code: 'consent_contradicts', message: 'Kies anoniem óf met voornaam.' },
				notes: { code: 'too_long', message: 'Te lang.' }
			})
		).toEqual({ fields: { consent: 'consent_contradicts', notes: 'too_long' }, other: [] });
	});

	it('keeps what no field can show as the server said it', () => {
		expect(
			draftErrorsFromServer({
				heldAt: { code: 'validation_required', message: 'Cannot be blank.' },
				followUp: { code: 'no_such_code', message: 'Vervolg: die collega bestaat niet.' },
				outcome: 'Invalid value.'
			})
		).toEqual({
			fields: {},
			other: ['Cannot be blank.', 'Vervolg: die collega bestaat niet.', 'Invalid value.']
		});
		expect(draftErrorsFromServer(undefined)).toEqual({ fields: {}, other: [] });
	});
});
