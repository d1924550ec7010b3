// Guards the role helpers (who may see personal data, edit, coordinate, administer), reading the
// user from the SDK's auth record, how login failures are explained, and where a shared link
// leads after signing in (never off the site).
import { describe, expect, it } from 'vitest';
import {
	NotAnAppUserError,
	ROLES,
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
