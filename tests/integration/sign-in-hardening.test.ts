// Guards the sign-in hardening of issue 11: superusers sign in with password and a mailed code
// (pb_migrations/1763902400_superusers_mfa_otp.js; scripts take the code from `pocketbase
// superuser otp`, scripts/superuser-session.mjs), a sign-in to an unknown identity takes as long
// as one to an existing account (pb_hooks/security.pb.js), and the API answers cross-origin
// requests of the app's own origin only (`serve --origins`, scripts/pocketbase.mjs allowedOrigins).
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedOrigins } from '../../scripts/pocketbase.mjs';
import { signInSuperuser, superuserOtp } from '../../scripts/superuser-session.mjs';
import {
	createUser,
	anonymousClient,
	ownSuperuserClient,
	statusOf,
	unique
} from '../support/fixtures';
import { mfaIdOf, nextMailTo, mailsTo, codeIn } from '../support/mail-drop';
import { SUPERUSER, startPocketBase, type RunningPocketBase } from '../support/pocketbase';

/**
 * A server of this file alone: it trusts X-Forwarded-For, so that every client below comes from
 * an address of its own and no rate limit or failure count of one test reaches another.
 */
let own: RunningPocketBase;
let su: PocketBase;
let addresses = 0;

beforeAll(async () => {
	own = await startPocketBase();
	su = await ownSuperuserClient(own.url);
	await su.settings.update({
		trustedProxy: { headers: ['X-Forwarded-For'], useLeftmostIP: false }
	});
});

afterAll(async () => {
	await own?.stop();
});

/** A fresh made-up client address (documentation range 198.18.0.0/15). */
function newAddress(): string {
	addresses += 1;
	return `198.18.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
}

/** An anonymous client of this file's server, from an address of its own. */
function client(): PocketBase {
	const pb = anonymousClient(own.url);
	const address = newAddress();
	pb.beforeSend = (url, options) => ({
		url,
		options: { ...options, headers: { ...options.headers, 'X-Forwarded-For': address } }
	});
	return pb;
}

describe('a superuser signing in', () => {
	it('gets no token for her password alone, one with the mailed code after it', async () => {
		const pb = client();
		const error = await pb
			.collection('_superusers')
			.authWithPassword(SUPERUSER.email, SUPERUSER.password)
			.then(
				() => null,
				(e: unknown) => e
			);
		const mfaId = mfaIdOf(error);
		expect(mfaId, String(error)).toMatch(/^\w{15}$/);
		expect(pb.authStore.token).toBe('');

		const seen = mailsTo(own.mailDir, SUPERUSER.email).map((mail) => mail.file);
		const { otpId } = await pb.collection('_superusers').requestOTP(SUPERUSER.email);
		const mail = await nextMailTo(own.mailDir, SUPERUSER.email, seen);
		expect(mail.subject).toContain('Je inlogcode voor');
		const auth = await pb
			.collection('_superusers')
			.authWithOTP(otpId, codeIn(mail), { mfaId: mfaId! });
		expect(auth.token).not.toBe('');
		expect(pb.authStore.isSuperuser).toBe(true);
	});

	it('gets no token for a code alone (one factor), nor for a wrong code after her password', async () => {
		const alone = client();
		const { otpId, code } = await superuserOtp({ email: SUPERUSER.email, dataDir: own.dataDir });
		const error = await alone
			.collection('_superusers')
			.authWithOTP(otpId, code)
			.catch((e: unknown) => e);
		expect(mfaIdOf(error)).toMatch(/^\w{15}$/);
		expect(alone.authStore.token).toBe('');

		const wrong = client();
		const mfaId = mfaIdOf(
			await wrong
				.collection('_superusers')
				.authWithPassword(SUPERUSER.email, SUPERUSER.password)
				.catch((e: unknown) => e)
		);
		const fresh = await superuserOtp({ email: SUPERUSER.email, dataDir: own.dataDir });
		const other = fresh.code === '000000' ? '111111' : '000000';
		expect(
			await statusOf(
				wrong.collection('_superusers').authWithOTP(fresh.otpId, other, { mfaId: mfaId! })
			)
		).toBe(400);
		expect(wrong.authStore.token).toBe('');
	});

	it('signs in through the scripts’ helper: password, then a code of `pocketbase superuser otp`', async () => {
		const pb = client();
		const auth = await signInSuperuser(pb, { ...SUPERUSER, dataDir: own.dataDir });
		expect(auth.record.email).toBe(SUPERUSER.email);
		expect(pb.authStore.isSuperuser).toBe(true);
		// A wrong password never reaches the code step.
		await expect(
			signInSuperuser(client(), {
				...SUPERUSER,
				password: 'not-the-password-1',
				dataDir: own.dataDir
			})
		).rejects.toMatchObject({ status: 400 });
	});
});

/** The middle value. */
function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** How long a sign-in with a wrong password takes, in ms, from an address of its own. */
async function wrongPasswordMs(collection: string, identity: string): Promise<number> {
	const started = performance.now();
	const response = await fetch(`${own.url}/api/collections/${collection}/auth-with-password`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': newAddress() },
		body: JSON.stringify({ identity, password: 'Not-the-password-42' })
	});
	const ms = performance.now() - started;
	expect(response.status, `${collection} ${identity}`).toBe(400);
	return ms;
}

describe('the time a sign-in takes', () => {
	const TRIES = 11;

	/** An existing account of each auth collection, the app's roles and superusers. */
	const accounts: { collection: string; email: () => Promise<string> }[] = [
		...(['admin', 'coordinator', 'worker', 'viewer'] as const).map((role) => ({
			collection: 'users',
			email: async () => (await createUser(su, role)).email
		})),
		{ collection: '_superusers', email: async () => SUPERUSER.email }
	];

	for (const [i, account] of accounts.entries()) {
		it(`does not tell an unknown address from an existing one (${account.collection} #${i + 1})`, async () => {
			const known = await account.email();
			const unknown = () => `nobody-${unique()}@test.krachtkaart.nl`;
			// Warm up both paths (the server's first password check of a collection does more).
			await wrongPasswordMs(account.collection, known);
			await wrongPasswordMs(account.collection, unknown());
			const knownMs: number[] = [];
			const unknownMs: number[] = [];
			// Taken in turns, so a busy moment of the machine falls on both.
			for (let t = 0; t < TRIES; t++) {
				knownMs.push(await wrongPasswordMs(account.collection, known));
				unknownMs.push(await wrongPasswordMs(account.collection, unknown()));
			}
			const ratio = median(unknownMs) / median(knownMs);
			// Without the equal work an unknown address answers some 20 times sooner.
			expect(
				ratio,
				`median unknown ${median(unknownMs).toFixed(1)} ms, known ${median(knownMs).toFixed(1)} ms`
			).toBeGreaterThanOrEqual(0.5);
		});
	}
});

describe('CORS', () => {
	/** The Access-Control-Allow-Origin the server answers a request from `origin` with. */
	interface ApiRequest {
		path: string;
		method: string;
		headers?: Record<string, string>;
		body?: string;
	}

	async function allowOriginFor(
		server: RunningPocketBase,
		origin: string,
		request: ApiRequest
	): Promise<string | null> {
		const response = await fetch(`${server.url}${request.path}`, {
			method: request.method,
			headers: { Origin: origin, 'X-Forwarded-For': newAddress(), ...request.headers },
			body: request.body
		});
		return response.headers.get('access-control-allow-origin');
	}

	/** A read, a sign-in, and the preflight a browser sends before a JSON POST. */
	const REQUESTS: ApiRequest[] = [
		{ path: '/api/health', method: 'GET' },
		{ path: '/api/collections/areas/records', method: 'GET' },
		{
			path: '/api/collections/users/auth-with-password',
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ identity: 'nobody@test.krachtkaart.nl', password: 'x' })
		},
		{
			path: '/api/collections/users/auth-with-password',
			method: 'OPTIONS',
			headers: {
				'Access-Control-Request-Method': 'POST',
				'Access-Control-Request-Headers': 'content-type'
			}
		}
	];

	/** Origins that are not the app's: other sites, look-alikes of hers, a sandboxed page. */
	const foreignOrigins = (appOrigin: string) => [
		'https://evil.example',
		'null',
		`${appOrigin}.evil.example`,
		appOrigin.replace('127.0.0.1', 'localhost'),
		appOrigin.replace('http:', 'https:'),
		appOrigin.replace(/:(\d+)$/, (_, port: string) => `:${Number(port) + 1}`)
	];

	it('answers the app’s own origin, and no other', async () => {
		const appOrigin = new URL(own.url).origin;
		for (const request of REQUESTS) {
			const where = `${request.method} ${request.path}`;
			expect(await allowOriginFor(own, appOrigin, request), where).toBe(appOrigin);
			for (const origin of foreignOrigins(appOrigin)) {
				expect(await allowOriginFor(own, origin, request), `${where} from ${origin}`).toBeNull();
			}
		}
	});

	it('answers the origins of KRACHTKAART_ORIGINS instead, when an operator sets them', async () => {
		const origins = ['https://kaart.example.nl', 'https://krachtkaart.gemeente.example'];
		const server = await startPocketBase({ env: { KRACHTKAART_ORIGINS: origins.join(', ') } });
		try {
			for (const request of REQUESTS) {
				const where = `${request.method} ${request.path}`;
				for (const origin of origins) {
					expect(await allowOriginFor(server, origin, request), where).toBe(origin);
				}
				for (const origin of [new URL(server.url).origin, 'https://evil.example']) {
					expect(
						await allowOriginFor(server, origin, request),
						`${where} from ${origin}`
					).toBeNull();
				}
			}
		} finally {
			await server.stop();
		}
	});

	it('refuses a KRACHTKAART_ORIGINS that is not a list of origins, naming it', () => {
		for (const wrong of ['*', 'https://kaart.example.nl/app', 'kaart.example.nl', 'https://*.nl']) {
			expect(() => allowedOrigins('http://127.0.0.1:8090', wrong)).toThrow(/KRACHTKAART_ORIGINS/);
		}
		expect(allowedOrigins('http://127.0.0.1:8090', '')).toBe('http://127.0.0.1:8090');
	});
});
