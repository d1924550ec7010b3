// The first run (pb_hooks/setup.pb.js, lib/setup.js) on a server of its own with no admin: a
// one-time link (superusers only make one, while no admin exists) that makes the first admin and
// loads her gemeente's wijken and buurten from the bundled CBS boundaries; used once, expires,
// an unknown token is a plain 404; refusals write nothing; everything is audited.
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousClient, ownSuperuserClient, statusOf } from '../support/fixtures';
import { signInWithPassword } from '../support/mail-drop';
import { startPocketBase, type RunningPocketBase } from '../support/pocketbase';

let server: RunningPocketBase;
let su: PocketBase;
const PASSWORD = 'Zomer-in-Selwerd-42';

beforeAll(async () => {
	server = await startPocketBase();
	su = await ownSuperuserClient(server.url);
}, 60_000);
afterAll(() => server?.stop());

async function newLink(): Promise<string> {
	const answer = await su.send<{ token: string; path: string }>('/api/krachtkaart/setup/link', {
		method: 'POST'
	});
	expect(answer.path).toBe(`/setup/${answer.token}`);
	return answer.token;
}

const open = (token: string) =>
	anonymousClient(server.url).send<{ kind: string; index?: { gemeenten: unknown[] } }>(
		`/api/krachtkaart/setup/t/${token}`,
		{ method: 'GET' }
	);

const finish = (token: string, body: Record<string, unknown>) =>
	anonymousClient(server.url).send(`/api/krachtkaart/setup/t/${token}`, {
		method: 'POST',
		body
	});

async function count(collection: string, filter = ''): Promise<number> {
	return (await su.collection(collection).getList(1, 1, { filter })).totalItems;
}

describe('the first-run link', () => {
	it('is made by superusers only', async () => {
		const anonymous = anonymousClient(server.url);
		expect(await statusOf(anonymous.send('/api/krachtkaart/setup/link', { method: 'POST' }))).toBe(
			401
		);
	});

	it('answers an unknown or malformed token with the same 404, and lists the gemeenten for a good one', async () => {
		const token = await newLink();
		const good = await open(token);
		expect(good.kind).toBe('first_admin');
		expect(good.index?.gemeenten.length).toBe(342);
		const bad = [
			'x'.repeat(43),
			token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a'),
			'short',
			`${token}x`
		];
		const bodies: string[] = [];
		for (const t of bad) {
			const response = await fetch(`${server.url}/api/krachtkaart/setup/t/${t}`);
			expect(response.status).toBe(404);
			bodies.push(await response.text());
		}
		expect(new Set(bodies).size).toBe(1);
		expect(bodies[0]).not.toMatch(/expired|used|verlopen|gebruikt/i);
	});

	it('a new link ends the one before', async () => {
		const first = await newLink();
		await newLink();
		expect(await statusOf(open(first))).toBe(404);
	});

	it('expires after one hour', async () => {
		const token = await newLink();
		const record = (await su.collection('setup_tokens').getFullList())[0];
		expect(Date.parse(record.expiresAt.replace(' ', 'T')) - Date.now()).toBeGreaterThan(
			59 * 60_000
		);
		expect(Date.parse(record.expiresAt.replace(' ', 'T')) - Date.now()).toBeLessThanOrEqual(
			60 * 60_000
		);
		await su
			.collection('setup_tokens')
			.update(record.id, { expiresAt: new Date(Date.now() - 1000).toISOString() });
		expect(await statusOf(open(token))).toBe(404);
	});

	it('refuses bad details, naming each field, and writes nothing', async () => {
		const token = await newLink();
		const areasBefore = await count('areas');
		const error = await finish(token, {
			name: '',
			email: 'not-an-address',
			password: 'short',
			passwordConfirm: 'short',
			gemeente: 'Nergenshuizen'
		}).catch((e) => e);
		expect(error.status).toBe(400);
		expect(Object.keys(error.response.data).sort()).toEqual([
			'email',
			'gemeente',
			'name',
			'password'
		]);
		expect(error.response.data.password.message).toContain('12 tekens');
		const mismatch = await finish(token, {
			name: 'Fatima',
			email: 'fatima@groningen.example',
			password: PASSWORD,
			passwordConfirm: PASSWORD + 'x',
			gemeente: 'GM0014'
		}).catch((e) => e);
		expect(Object.keys(mismatch.response.data)).toEqual(['passwordConfirm']);
		expect(await count('areas')).toBe(areasBefore);
		expect(await count('users')).toBe(0);
		expect((await open(token)).kind).toBe('first_admin');
	});

	it('makes the first admin and loads Groningen as gemeente ▸ wijk ▸ buurt, once', async () => {
		const token = await newLink();
		const done = await finish(token, {
			name: 'Fatima de Vries',
			email: 'Fatima@Groningen.example',
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			gemeente: 'groningen'
		});
		expect(done).toMatchObject({
			email: 'fatima@groningen.example',
			areas: { gemeente: { code: 'GM0014', name: 'Groningen' }, existing: 0 }
		});

		const admin = await su
			.collection('users')
			.getFirstListItem('email = "fatima@groningen.example"');
		expect(admin.role).toBe('admin');
		expect(admin.name).toBe('Fatima de Vries');
		const gemeente = await su.collection('areas').getFirstListItem('code = "GM0014"');
		expect(admin.areas).toEqual([gemeente.id]);
		expect(gemeente.level).toBe('gemeente');
		expect(gemeente.geometry.type).toMatch(/Polygon/);
		// Selwerd: buurt BU00141000 in wijk WK001410 "Noordwest" in Groningen.
		const selwerd = await su
			.collection('areas')
			.getFirstListItem('code = "BU00141000"', { expand: 'parent.parent' });
		expect(selwerd.name).toBe('Selwerd');
		expect(selwerd.level).toBe('buurt');
		expect(selwerd.expand?.parent.code).toBe('WK001410');
		expect(selwerd.expand?.parent.name).toBe('Noordwest');
		expect(selwerd.expand?.parent.expand?.parent.id).toBe(gemeente.id);
		const buurten = await count('areas', 'level = "buurt"');
		expect(buurten).toBe(done.areas.buurten);
		expect(buurten).toBeGreaterThan(100);
		expect(await count('areas', `level = "wijk" && parent = "${gemeente.id}"`)).toBe(
			done.areas.wijken
		);

		// Used up, and no other first-admin link is made now that an admin exists.
		expect(await statusOf(open(token))).toBe(404);
		expect(
			await statusOf(
				finish(token, {
					name: 'Tweede',
					email: 'tweede@groningen.example',
					password: PASSWORD,
					passwordConfirm: PASSWORD,
					gemeente: 'GM0014'
				})
			)
		).toBe(404);
		expect(await statusOf(su.send('/api/krachtkaart/setup/link', { method: 'POST' }))).toBe(409);
		expect(await count('users')).toBe(1);

		// Audited: the admin, the areas, the links.
		const audit = await su.collection('audit_log').getFullList({ sort: 'created' });
		expect(
			audit
				.map((a) => `${a.action} ${a.targetCollection}`)
				.filter((a) => !a.includes('setup_tokens'))
		).toEqual(['create users', 'create areas']);
		expect(audit.find((a) => a.targetCollection === 'users')?.targetId).toBe(admin.id);
		expect(audit.filter((a) => a.targetCollection === 'setup_tokens').length).toBeGreaterThan(0);

		// She signs in as any admin does: her password, then a mailed code.
		const pb = anonymousClient(server.url);
		await signInWithPassword(pb, 'fatima@groningen.example', PASSWORD, server.mailDir);
		expect(pb.authStore.record?.role).toBe('admin');

		// One more gemeente, by an admin, twice: nothing doubles.
		const tilburg = await pb.send('/api/krachtkaart/setup/gemeente', {
			method: 'POST',
			body: { gemeente: '0855' }
		});
		expect(tilburg.created).toBeGreaterThan(60);
		const again = await pb.send('/api/krachtkaart/setup/gemeente', {
			method: 'POST',
			body: { gemeente: 'Tilburg' }
		});
		expect(again).toMatchObject({ created: 0, existing: tilburg.created });
	});

	it('loads a gemeente whose buurten are not bundled as its outline only, and says so', async () => {
		// Amsterdam: the CBS 2016 buurten it has (Who's On First) lack Amsterdam's own.
		const answer = await su.send('/api/krachtkaart/setup/gemeente', {
			method: 'POST',
			body: { gemeente: 'GM0363' }
		});
		expect(answer.gemeente.name).toBe('Amsterdam');
		expect(answer.buurtenComplete).toBe(false);
		expect(answer.coverage).toBeLessThan(50);
		const amsterdam = await su.collection('areas').getFirstListItem('code = "GM0363"');
		expect(amsterdam.level).toBe('gemeente');
	});

	it('refuses the gemeente route to anyone but admins, before anything', async () => {
		expect(
			await statusOf(
				anonymousClient(server.url).send('/api/krachtkaart/setup/gemeente', {
					method: 'POST',
					body: { gemeente: 'GM0344' }
				})
			)
		).toBe(401);
		const password = 'Buurtwerk-in-de-wijk-9';
		await su.collection('users').create({
			email: 'werker@groningen.example',
			password,
			passwordConfirm: password,
			role: 'worker',
			name: 'Werker'
		});
		const worker = anonymousClient(server.url);
		await worker.collection('users').authWithPassword('werker@groningen.example', password);
		const areas = await count('areas');
		expect(
			await statusOf(
				worker.send('/api/krachtkaart/setup/gemeente', {
					method: 'POST',
					body: { gemeente: 'GM0344' }
				})
			)
		).toBe(403);
		expect(await count('areas')).toBe(areas);
	});
});
