// Guards the role helpers (who may see personal data, edit, coordinate, administer), reading the
// user from the SDK's auth record, how login failures are explained, the mailed-code step
// (recognising it, the code's digits, the resend cooldown, its errors), and where a shared link
// leads after signing in (never off the site).
import { describe, expect, it } from 'vitest';
import {
	CODE_LENGTH,
	NotAnAppUserError,
	ROLES,
	codeDigits,
	codeErrorKind,
	isCompleteCode,
	mfaIdOf,
	resendWaitSeconds,
	canAdminister,
	canCoordinate,
	canEditAssets,
	canSeePersonalData,
	displayName,
	isRole,
	loginErrorKind,
	returnPath,
	toUser
} from './auth';

describe('role helpers', () => {
	it('knows the four roles', () => {
		expect(ROLES).toEqual(['admin', 'coordinator', 'worker', 'viewer']);
		expect(isRole('coordinator')).toBe(true);
		expect(isRole('superuser')).toBe(false);
		expect(isRole(undefined)).toBe(false);
	});

	it('never lets a viewer (or nobody) see personal data or edit', () => {
		expect(canSeePersonalData('viewer')).toBe(false);
		expect(canSeePersonalData(null)).toBe(false);
		expect(canEditAssets('viewer')).toBe(false);
		for (const role of ['admin', 'coordinator', 'worker'] as const) {
			expect(canSeePersonalData(role)).toBe(true);
			expect(canEditAssets(role)).toBe(true);
		}
	});

	it('keeps coordination for coordinators and admins, administration for admins', () => {
		expect(ROLES.filter(canCoordinate)).toEqual(['admin', 'coordinator']);
		expect(ROLES.filter(canAdminister)).toEqual(['admin']);
	});
});

describe('toUser', () => {
	const record = {
		id: 'u1',
		collectionName: 'users',
		email: 'ans@example.nl',
		name: 'Ans',
		role: 'coordinator',
		areas: ['a1', 'a2']
	};

	it('reads an app user', () => {
		expect(toUser(record)).toMatchObject({
			id: 'u1',
			name: 'Ans',
			role: 'coordinator',
			areas: ['a1', 'a2']
		});
	});

	it('rejects what is not an app user', () => {
		expect(toUser(null)).toBeNull();
		expect(toUser({ ...record, collectionName: '_superusers' })).toBeNull();
		expect(toUser({ ...record, role: '' })).toBeNull();
		expect(toUser({ ...record, id: '' })).toBeNull();
	});

	it('fills missing optional fields', () => {
		expect(toUser({ id: 'u2', role: 'viewer' })).toMatchObject({ name: '', areas: [] });
	});

	it('shows the name, else the email before the @', () => {
		expect(displayName({ name: ' Ans ', email: 'x@y.nl' })).toBe('Ans');
		expect(displayName({ name: '', email: 'ans.devries@utrecht.nl' })).toBe('ans.devries');
	});
});

describe('loginErrorKind', () => {
	it('explains a wrong email or password as invalid credentials', () => {
		expect(loginErrorKind({ status: 400 })).toBe('invalid');
		expect(loginErrorKind(new NotAnAppUserError())).toBe('invalid');
	});

	it('tells network trouble and rate limiting apart', () => {
		expect(loginErrorKind({ status: 0 })).toBe('network');
		expect(loginErrorKind({ status: 429 })).toBe('rate_limited');
		expect(loginErrorKind({ status: 500 })).toBe('unknown');
	});
});

describe('the mailed-code step', () => {
	it('recognises the answer to a right password that needs the code', () => {
		expect(mfaIdOf({ status: 401, response: { mfaId: 'abc123def456ghi' } })).toBe(
			'abc123def456ghi'
		);
		// A wrong password, an expired session, an empty or odd answer: no code step.
		expect(mfaIdOf({ status: 400, response: { message: 'Failed to authenticate.' } })).toBeNull();
		expect(
			mfaIdOf({ status: 401, response: { message: 'The request requires valid token.' } })
		).toBeNull();
		expect(mfaIdOf({ status: 401, response: { mfaId: '' } })).toBeNull();
		expect(mfaIdOf({ status: 401, response: { mfaId: 42 } })).toBeNull();
		expect(mfaIdOf({ status: 200, response: { mfaId: 'abc' } })).toBeNull();
		expect(mfaIdOf(null)).toBeNull();
		expect(mfaIdOf('401')).toBeNull();
	});

	it('keeps the digits of a typed or pasted code, six at most', () => {
		expect(CODE_LENGTH).toBe(6);
		expect(codeDigits(' 123 456 ')).toBe('123456');
		expect(codeDigits('123-456')).toBe('123456');
		expect(codeDigits('12a3')).toBe('123');
		expect(codeDigits('1234567890')).toBe('123456');
		expect(codeDigits('')).toBe('');
	});

	it('takes exactly six digits as a complete code', () => {
		expect(isCompleteCode('123456')).toBe(true);
		expect(isCompleteCode('012345')).toBe(true);
		for (const bad of ['12345', '1234567', '12345a', ' 123456', '', '１２３４５６']) {
			expect(isCompleteCode(bad), bad).toBe(false);
		}
	});

	it('counts the resend cooldown down in whole seconds', () => {
		expect(resendWaitSeconds(1_000, 1_000)).toBe(30);
		expect(resendWaitSeconds(1_000, 11_000)).toBe(20);
		expect(resendWaitSeconds(1_000, 30_500)).toBe(1);
		expect(resendWaitSeconds(1_000, 31_000)).toBe(0);
		expect(resendWaitSeconds(1_000, 99_000)).toBe(0);
		expect(resendWaitSeconds(0, 5_000, 10)).toBe(5);
	});

	it('explains a refused code', () => {
		expect(codeErrorKind({ status: 400, message: 'Invalid or expired OTP' })).toBe('wrong');
		expect(codeErrorKind({ status: 400, message: 'Invalid or expired MFA session.' })).toBe(
			'expired'
		);
		expect(codeErrorKind({ status: 400, message: 'Invalid MFA session.' })).toBe('expired');
		expect(codeErrorKind({ status: 401 })).toBe('expired');
		expect(codeErrorKind({ status: 429 })).toBe('too_many');
		expect(codeErrorKind({ status: 0 })).toBe('network');
		expect(codeErrorKind({ status: 500 })).toBe('unknown');
	});
});

describe('returnPath', () => {
	it('keeps a path of the app with its query', () => {
		expect(returnPath('/')).toBe('/');
		expect(returnPath('/?at=52.1,5.1&z=14&kind=key_figure')).toBe(
			'/?at=52.1,5.1&z=14&kind=key_figure'
		);
	});

	it('refuses other sites, the login page and anything else', () => {
		for (const bad of [
			'//evil.example/',
			'/\\evil.example',
			'https://evil.example/',
			'javascript:alert(1)',
			'/login',
			'/login?next=/',
			'',
			null,
			42,
			'/' + 'x'.repeat(3000)
		]) {
			expect(returnPath(bad)).toBeNull();
		}
	});
});
