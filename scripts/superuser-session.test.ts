// Guards the password of a superuser a script makes: the PocketBase CLI reads an argument that
// starts with '-' as a flag, prints an error and still exits 0, so such a password left the
// setup, import and restore scripts (and `npm start`'s demo superuser) without a superuser.
import { describe, expect, it } from 'vitest';
import { scriptPassword } from './superuser-session.mjs';

describe('scriptPassword', () => {
	it('never starts with a dash, and is long enough for PocketBase (12+)', () => {
		for (let i = 0; i < 2000; i++) {
			const password = scriptPassword();
			expect(password).toMatch(/^[0-9a-f]{48}$/);
		}
		expect(scriptPassword(18)).toMatch(/^[0-9a-f]{36}$/);
	});
});
