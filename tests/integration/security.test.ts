// Guards the server's hardening (pb_migrations/1763901600_security_hardening.js,
// pb_hooks/security.pb.js): security headers and the app's CSP, rate limits on signing in,
// request size limits that write nothing, the password policy, session length, avatar limits and
// request logs without IP addresses.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	PASSWORD,
	anonymousClient,
	createAreaTree,
	ownSuperuserClient,
	pocketbaseUrl,
	signedInUser,
	superuserClient,
	unique,
	type AreaTree
} from '../support/fixtures';
import { ensurePocketBase } from '../../scripts/pocketbase.mjs';
import { startPocketBase, type RunningPocketBase } from '../support/pocketbase';

const MB = 1024 * 1024;
const STYLE_URL = 'https://tiles.example.nl/styles/basis.json';
/** The inline bootstrap of a built page, as SvelteKit writes it (shortened). */
const BOOTSTRAP = '\n\t\t\t{\n\t\t\t\t__sveltekit_test = { base: "" };\n\t\t\t}\n\t\t';
const INDEX_HTML =
	'<!doctype html><html><head><script src="/_app/start.js"></script></head>' +
	`<body><div style="display: contents"><script>${BOOTSTRAP}</script></div></body></html>`;

let su: PocketBase;
let home: AreaTree;
/** A server of this file alone: its rate limiter may be exhausted, it serves a small "build". */
let own: RunningPocketBase;
let publicDir: string;

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	publicDir = mkdtempSync(join(tmpdir(), 'krachtkaart-public-'));
	writeFileSync(join(publicDir, 'index.html'), INDEX_HTML);
	own = await startPocketBase({
		publicDir,
		env: { KRACHTKAART_BASEMAP_STYLE_URL: STYLE_URL, KRACHTKAART_LOG_IP: '1' }
	});
});

afterAll(async () => {
	await own?.stop();
	if (publicDir) rmSync(publicDir, { recursive: true, force: true });
});

/**
 * POSTs a large body with `Expect: 100-continue` (as curl does): a server that refuses it answers
 * before the body is sent. (A client that sends a body much larger than the limit anyway may see
 * the connection close before it reads the 413.)
 */
function postExpectingContinue(
	url: string,
	headers: Record<string, string>,
	body: string
): Promise<{ status: number; body: unknown }> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(url, {
			method: 'POST',
			headers: { ...headers, 'content-length': Buffer.byteLength(body), expect: '100-continue' }
		});
		request.on('continue', () => request.end(body));
		request.on('response', (response) => {
			let text = '';
			response.setEncoding('utf8');
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () => {
				request.destroy();
				resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
			});
		});
		request.on('error', reject);
	});
}

/** A superuser client of this file's own server. */
const ownSuperuser = (): Promise<PocketBase> => ownSuperuserClient(own.url);

function expectCommonHeaders(response: Response) {
	const h = response.headers;
	expect(h.get('x-content-type-options')).toBe('nosniff');
	expect(h.get('x-frame-options')).toBe('DENY');
	expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
	expect(h.get('permissions-policy')).toBe('geolocation=(self), camera=(), microphone=()');
}

/** The directives of a Content-Security-Policy header, by name. */
function directives(response: Response): Record<string, string[]> {
	const policy = response.headers.get('content-security-policy') ?? '';
	return Object.fromEntries(
		policy
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((d) => d[0])
			.map(([name, ...values]) => [name, values])
	);
}

describe('security headers', () => {
	it('come with every API answer, errors included, with a CSP that loads nothing', async () => {
		const url = pocketbaseUrl();
		for (const [path, status] of [
			['/api/health', 200],
			['/api/settings', 401],
			['/api/collections/nope/records', 404]
		] as const) {
			const response = await fetch(`${url}${path}`);
			expect(response.status, path).toBe(status);
			expectCommonHeaders(response);
			expect(directives(response)).toEqual({
				'default-src': ["'none'"],
				'frame-ancestors': ["'none'"]
			});
		}
	});

	it("give the app a CSP that allows its inline bootstrap by hash, MapLibre's workers and the basemap", async () => {
		const hash = createHash('sha256').update(BOOTSTRAP).digest('base64');
		// The page itself and a deep link that falls back to it.
		for (const path of ['/', '/oppad']) {
			const response = await fetch(`${own.url}${path}`);
			expect(response.status, path).toBe(200);
			expect(await response.text()).toBe(INDEX_HTML);
			expectCommonHeaders(response);
			const csp = directives(response);
			expect(csp['script-src']).toEqual(["'self'", `'sha256-${hash}'`]);
			expect(csp['default-src']).toEqual(["'self'"]);
			expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
			expect(csp['worker-src']).toEqual(["'self'", 'blob:']);
			expect(csp['child-src']).toEqual(["'self'", 'blob:']);
			expect(csp['frame-ancestors']).toEqual(["'none'"]);
			expect(csp['object-src']).toEqual(["'none'"]);
			for (const directive of ['img-src', 'connect-src']) {
				expect(csp[directive]).toEqual(
					expect.arrayContaining([
						"'self'",
						'https://tile.openstreetmap.org',
						'https://tiles.example.nl'
					])
				);
			}
		}
	});

	it('follow a rebuild of the app without a restart', async () => {
		const script = `{ __sveltekit_rebuilt = { base: "${unique()}" }; }`;
		writeFileSync(join(publicDir, 'index.html'), INDEX_HTML.replace(BOOTSTRAP, script));
		try {
			const hash = createHash('sha256').update(script).digest('base64');
			const response = await fetch(`${own.url}/`);
			expect(directives(response)['script-src']).toEqual(["'self'", `'sha256-${hash}'`]);
		} finally {
			writeFileSync(join(publicDir, 'index.html'), INDEX_HTML);
		}
	});

	it("leave PocketBase's dashboard its own CSP, framed by nobody", async () => {
		const response = await fetch(`${own.url}/_/`);
		expect(response.status).toBe(200);
		expectCommonHeaders(response);
		// PocketBase's own policy for its dashboard (apis/serve.go).
		expect(directives(response)['connect-src']).toContain('https://nominatim.openstreetmap.org');
	});
});

describe('rate limits', () => {
	/** Two new workers on this file's own server, and a sign-in by email and password. */
	async function twoWorkers() {
		const ownSu = await ownSuperuser();
		const emails = [1, 2].map(() => `worker-${unique()}@test.krachtkaart.nl`);
		for (const email of emails) {
			await ownSu.collection('users').create({
				email,
				password: PASSWORD,
				passwordConfirm: PASSWORD,
				role: 'worker'
			});
		}
		const signIn = (email: string, password: string) =>
			fetch(`${own.url}/api/collections/users/auth-with-password`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ identity: email, password })
			});
		return { emails, signIn, ownSu };
	}

	it('lock an account for an address after 10 failed sign-ins, the right password too', async () => {
		const {
			emails: [guessed, colleague],
			signIn
		} = await twoWorkers();
		const statuses: number[] = [];
		for (let i = 0; i < 10; i++) statuses.push((await signIn(guessed, `guess-${i}-xyz`)).status);
		expect(statuses).toEqual(Array(10).fill(400));

		for (const password of ['guess-10-xyz', PASSWORD]) {
			const locked = await signIn(guessed.toUpperCase(), password);
			expect(locked.status).toBe(429);
			expectCommonHeaders(locked);
			expect(await locked.json()).toMatchObject({
				status: 429,
				message: expect.stringContaining('Te veel mislukte pogingen')
			});
		}
		// Her colleague at the same address still signs in.
		expect((await signIn(colleague, PASSWORD)).status).toBe(200);
	});

	it('let through at most 40 sign-ins a minute from one address, successful ones too', async () => {
		// A fixed window of a minute: the loop takes seconds, so it ends inside the window.
		const {
			emails: [email],
			signIn
		} = await twoWorkers();
		let passed = 0;
		let status = 200;
		while (status === 200 && passed <= 40) {
			status = (await signIn(email, PASSWORD)).status;
			if (status === 200) passed++;
		}
		expect(status).toBe(429);
		expect(passed).toBeLessThanOrEqual(40);
	});

	it('let a signed-in user send the app’s batches (a round and its lists), a guest 20 in 10 s', async () => {
		// Her session without a sign-in: the test before used up this minute's sign-ins.
		const {
			emails: [email],
			ownSu
		} = await twoWorkers();
		const me = await ownSu
			.collection('users')
			.getFirstListItem(ownSu.filter('email = {:email}', { email }));
		const token = (await ownSu.collection('users').impersonate(me.id, 600)).authStore.token;
		// Empty batches: refused as such (400), but counted by the rate limiter first.
		const batch = (authorization?: string) =>
			fetch(`${own.url}/api/batch`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(authorization ? { authorization } : {})
				},
				body: JSON.stringify({ requests: [] })
			}).then((response) => response.status);
		const signedIn: number[] = [];
		for (let i = 0; i < 40; i++) signedIn.push(await batch(token));
		expect(signedIn.filter((status) => status === 429)).toEqual([]);
		const guest: number[] = [];
		for (let i = 0; i < 21; i++) guest.push(await batch());
		expect(guest.slice(0, 20).filter((status) => status === 429)).toEqual([]);
		expect(guest[20]).toBe(429);
	});
});

describe('request size limits', () => {
	/** An asset the worker may create, with `extra` bytes of a field the server ignores. */
	const assetBody = (title: string, extra: number) =>
		JSON.stringify({
			kind: 'initiative',
			title,
			location: { lon: 5.005, lat: 52.005 },
			precision: 'exact',
			area: home.buurt.id,
			status: 'active',
			padding: 'x'.repeat(extra)
		});

	it('refuse a body over 2 MB with 413 and write nothing, streamed or not', async () => {
		const worker = await signedInUser(su, 'worker', [home.wijk.id]);
		const url = `${pocketbaseUrl()}/api/collections/assets/records`;
		const headers = {
			'content-type': 'application/json',
			authorization: worker.pb.authStore.token
		};

		const small = `Klein ${unique()}`;
		const fine = await fetch(url, { method: 'POST', headers, body: assetBody(small, 1.9 * MB) });
		expect(fine.status).toBe(200);

		// As the app would send it (just over the limit, so the whole body fits the socket).
		const big = `Groot ${unique()}`;
		const refused = await fetch(url, { method: 'POST', headers, body: assetBody(big, 2 * MB) });
		expect(refused.status).toBe(413);
		expectCommonHeaders(refused);
		expect(await refused.json()).toEqual({
			data: {},
			message: 'Request entity too large.',
			status: 413
		});

		// Far over it: answered before the body is sent.
		const early = await postExpectingContinue(url, headers, assetBody(big, 20 * MB));
		expect(early).toMatchObject({ status: 413, body: { status: 413 } });

		// Without a Content-Length (chunked): refused while it is read.
		const bytes = new TextEncoder().encode(assetBody(big, 2.1 * MB));
		const stream = new ReadableStream({
			start(controller) {
				for (let i = 0; i < bytes.length; i += 64 * 1024) {
					controller.enqueue(bytes.slice(i, i + 64 * 1024));
				}
				controller.close();
			}
		});
		const streamed = await fetch(url, {
			method: 'POST',
			headers,
			body: stream,
			duplex: 'half'
		} as RequestInit);
		expect(streamed.status).toBe(413);

		const titles = (
			await su.collection('assets').getFullList({
				filter: su.filter('title = {:small} || title = {:big}', { small, big }),
				fields: 'title'
			})
		).map((a) => a.title);
		expect(titles).toEqual([small]);
	});

	/** A closed ring of `n` points in the test buurt: 25 bytes a point (8 decimals). */
	const bigPolygon = (n: number) => {
		const round = (x: number) => Math.round(x * 1e8) / 1e8;
		const ring: number[][] = [];
		for (let i = 0; i < n; i++) {
			const a = (2 * Math.PI * i) / n;
			ring.push([round(5.005 + 0.004 * Math.cos(a)), round(52.005 + 0.004 * Math.sin(a))]);
		}
		ring.push(ring[0]);
		return { type: 'Polygon', coordinates: [ring] };
	};

	it('take an area of 3 MB (its geometry may hold 4 MB), but not one over 5 MB', async () => {
		const coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
		const area = (code: string, points: number) => ({
			code,
			name: 'Rondom de school',
			level: 'custom',
			parent: home.wijk.id,
			geometry: bigPolygon(points)
		});
		const taken = await coordinator.pb.collection('areas').create(area(`CU-${unique()}`, 130_000));
		expect(JSON.stringify(taken.geometry).length).toBeGreaterThan(3 * MB);
		await su.collection('areas').delete(taken.id);

		const code = `CU-${unique()}`;
		const refused = await postExpectingContinue(
			`${pocketbaseUrl()}/api/collections/areas/records`,
			{ 'content-type': 'application/json', authorization: coordinator.pb.authStore.token },
			JSON.stringify(area(code, 220_000))
		);
		expect(refused.status).toBe(413);
		const found = await su.collection('areas').getList(1, 1, {
			filter: su.filter('code = {:code}', { code })
		});
		expect(found.totalItems).toBe(0);
	});

	it('refuse a batch over 8 MB with 413 and write none of it', async () => {
		const codes = [1, 2, 3, 4].map(() => `CU-${unique()}`);
		const requests = codes.map((code) => ({
			method: 'POST',
			url: '/api/collections/areas/records',
			body: {
				code,
				name: 'Te groot',
				level: 'custom',
				parent: home.wijk.id,
				geometry: bigPolygon(100_000)
			}
		}));
		const refused = await postExpectingContinue(
			`${pocketbaseUrl()}/api/batch`,
			{ 'content-type': 'application/json', authorization: su.authStore.token },
			JSON.stringify({ requests })
		);
		expect(refused.status).toBe(413);
		const found = await su.collection('areas').getFullList({
			filter: codes.map((code) => su.filter('code = {:code}', { code })).join(' || ')
		});
		expect(found).toEqual([]);
	});
});

describe('password policy', () => {
	const create = (email: string, password: string) =>
		su.collection('users').create({ email, password, passwordConfirm: password, role: 'worker' });

	it('refuses weak passwords with 400, the field named and the reason in Dutch', async () => {
		const weak: [string, RegExp][] = [
			['kort-1', /minstens 12 tekens/],
			['aaaaaaaaaaaaaaaa', /twee soorten tekens/],
			['abab-abab-abab', /dezelfde tekens/],
			['Wachtwoord2024!', /te gangbaar/],
			['1234-5678-9012', /ook letters/],
			['jolanda-vanwijk-7', /naam uit je e-mailadres/]
		];
		for (const [password, reason] of weak) {
			const email = `jolanda.vanwijk.${unique()}@test.krachtkaart.nl`;
			const error = await create(email, password).then(
				() => null,
				(e) => e
			);
			expect(error?.status, password).toBe(400);
			expect(error.response.data.password.message, password).toMatch(reason);
			expect(
				await su
					.collection('users')
					.getList(1, 1, { filter: su.filter('email = {:email}', { email }) })
			).toMatchObject({ totalItems: 0 });
		}
		expect(
			await create(`jolanda.${unique()}@test.krachtkaart.nl`, 'fietsen langs de vaart 3')
		).toMatchObject({
			role: 'worker'
		});
	});

	it('holds when a user changes her own password', async () => {
		const worker = await signedInUser(su, 'worker', [home.wijk.id]);
		await expect(
			worker.pb.collection('users').update(worker.id, {
				oldPassword: PASSWORD,
				password: 'qwerty123456',
				passwordConfirm: 'qwerty123456'
			})
		).rejects.toMatchObject({
			status: 400,
			response: { data: { password: { code: 'weak_password' } } }
		});
	});
});

describe('sessions and uploads', () => {
	it('last seven days from signing in', async () => {
		const users = await su.collections.getOne('users');
		expect(users.authToken.duration).toBe(7 * 24 * 3600);
		const email = `viewer-${unique()}@test.krachtkaart.nl`;
		await su.collection('users').create({
			email,
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			role: 'viewer'
		});
		const pb = anonymousClient();
		const { token } = await pb.collection('users').authWithPassword(email, PASSWORD);
		const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
		expect(Math.abs(exp - Date.now() / 1000 - 7 * 24 * 3600)).toBeLessThan(120);
	});

	it('take only a small JPEG, PNG or WebP as avatar, visible only with a file token', async () => {
		const users = await su.collections.getOne('users');
		const avatar = users.fields.find((f) => f.name === 'avatar');
		expect(avatar).toMatchObject({
			mimeTypes: ['image/jpeg', 'image/png', 'image/webp'],
			maxSize: MB,
			protected: true
		});
		const worker = await signedInUser(su, 'worker', [home.wijk.id]);
		const svg = new Blob(
			['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
			{
				type: 'image/svg+xml'
			}
		);
		const form = new FormData();
		form.append('avatar', svg, 'avatar.svg');
		await expect(worker.pb.collection('users').update(worker.id, form)).rejects.toMatchObject({
			status: 400,
			response: { data: { avatar: expect.anything() } }
		});
	});
});

describe('request logs', () => {
	/** The request log entry of a request to `path` (PocketBase writes its logs every few seconds). */
	async function logOf(pb: PocketBase, path: string) {
		for (let i = 0; i < 50; i++) {
			const page = await pb.logs.getList(1, 1, {
				filter: pb.filter('data.url = {:path}', { path })
			});
			if (page.items.length) return page.items[0];
			await new Promise((r) => setTimeout(r, 200));
		}
		throw new Error(`no log entry for ${path}`);
	}

	it('keep no IP addresses, unless KRACHTKAART_LOG_IP=1', async () => {
		const probe = `/api/health?probe=${unique()}`;
		await Promise.all([fetch(`${pocketbaseUrl()}${probe}`), fetch(`${own.url}${probe}`)]);
		const [entry, logged] = await Promise.all([
			logOf(su, probe),
			ownSuperuser().then((pb) => logOf(pb, probe))
		]);
		expect(entry.data).not.toHaveProperty('userIP');
		expect(entry.data).not.toHaveProperty('remoteIP');
		expect(logged.data).toMatchObject({ remoteIP: '127.0.0.1' });
	});

	it('keep logging IP addresses after a pocketbase command changed the settings', async () => {
		const pb = await ownSuperuser();
		const bin = await ensurePocketBase();
		// A command on the same data dir saves the settings; the server reloads them (0.38+).
		const superuserIps = async (...ips: string[]) => {
			const result = spawnSync(bin, ['superuser', 'ips', ...ips, `--dir=${own.dataDir}`], {
				encoding: 'utf8'
			});
			expect(result.status, result.stderr).toBe(0);
			await expect.poll(async () => (await pb.settings.getAll()).superuserIPs).toEqual(ips);
		};
		await superuserIps('127.0.0.1');
		try {
			const probe = `/api/health?probe=${unique()}`;
			await fetch(`${own.url}${probe}`);
			expect((await logOf(pb, probe)).data).toMatchObject({ remoteIP: '127.0.0.1' });
		} finally {
			await superuserIps();
		}
	});
});
