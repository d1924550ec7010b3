// The server's health for admins (GET /api/krachtkaart/health, pb_hooks/health.pb.js): only an
// admin or a superuser gets it, everyone else is refused; the figures are the server's own: the
// database files have a size, the disk has room, a backup made shows as the newest, conversations
// the server refused are counted, and a retention run shows with its time.
import { createRequire } from 'node:module';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	anonymousClient,
	createAreaTree,
	ownSuperuserClient,
	ROLES,
	signedInUser,
	statusOf,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';
import { ROOT, startPocketBase, type RunningPocketBase } from '../support/pocketbase';

const { parseDf } = createRequire(import.meta.url)(`${ROOT}/pb_hooks/lib/health.js`);

interface Health {
	at: string;
	disk: { free: number; total: number } | null;
	database: { data: number; auxiliary: number };
	backup: { name: string; at: string; size: number } | null;
	failedSends: number | null;
	retention: { at: string; people: number; conversations: number } | null;
}

let pocketbase: RunningPocketBase;
let su: PocketBase;
let home: AreaTree;
let admin: SignedInUser;

beforeAll(async () => {
	pocketbase = await startPocketBase();
	su = await ownSuperuserClient(pocketbase.url);
	home = await createAreaTree(su);
	admin = await signedInUser(su, 'admin', [home.gemeente.id]);
});

afterAll(async () => {
	await pocketbase?.stop();
});

const health = (pb: PocketBase) => pb.send<Health>('/api/krachtkaart/health', {});

/**
 * PocketBase writes its request log in batches: at 200 entries, or once 3 s pass without a new one
 * (each request, these polls too, starts the 3 s again). So the polls leave 4 s between them.
 */
async function untilLogged<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		await new Promise((r) => setTimeout(r, 4_000));
		const value = await attempt();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
	}
}

describe('df -Pk', () => {
	it('gives the free and total bytes, or null for anything else', () => {
		const out =
			'Filesystem     1024-blocks     Used Available Capacity Mounted on\n' +
			'/dev/my disk 1  102400000 40960000  61440000      40% /data\n';
		expect(parseDf(out)).toEqual({ total: 102_400_000 * 1024, free: 61_440_000 * 1024 });
		expect(parseDf('')).toBeNull();
		expect(parseDf('df: /nope: No such file or directory\n')).toBeNull();
	});
});

describe('GET /api/krachtkaart/health', () => {
	it('is for admins and superusers only', async () => {
		expect((await health(admin.pb)).database.data).toBeGreaterThan(0);
		expect((await health(su)).database.data).toBeGreaterThan(0);
		for (const role of ROLES.filter((r) => r !== 'admin')) {
			const user = await signedInUser(su, role, [home.wijk.id]);
			expect(await statusOf(health(user.pb)), role).toBe(403);
		}
		expect(await statusOf(health(anonymousClient(pocketbase.url)))).toBe(401);
	});

	it('gives the database files and the disk', async () => {
		const now = await health(admin.pb);
		expect(Math.abs(Date.parse(now.at) - Date.now())).toBeLessThan(60_000);
		expect(now.database.data).toBeGreaterThan(10_000);
		expect(now.database.auxiliary).toBeGreaterThan(0);
		expect(now.disk).not.toBeNull();
		expect(now.disk!.total).toBeGreaterThan(now.disk!.free);
		expect(now.disk!.free).toBeGreaterThan(now.database.data);
	});

	it('gives the newest backup once there is one', async () => {
		expect((await health(admin.pb)).backup).toBeNull();
		await su.backups.create('gezond.zip');
		const { backup } = await health(admin.pb);
		expect(backup?.name).toBe('gezond.zip');
		expect(backup?.size).toBeGreaterThan(1000);
		expect(Math.abs(Date.parse(backup!.at) - Date.now())).toBeLessThan(60_000);
	});

	it(
		'counts the conversations the server refused in the last day',
		{ timeout: 60_000 },
		async () => {
			const before = (await health(admin.pb)).failedSends;
			expect(before).toEqual(expect.any(Number));
			const worker = await signedInUser(su, 'worker', [home.wijk.id]);
			const talk = {
				area: home.buurt.id,
				worker: worker.id,
				heldAt: '2026-11-23 10:15:00.000Z',
				outcome: 'talked',
				location: { lon: 5.004, lat: 52.004 },
				locationSource: 'gps'
			};
			// Refused twice (no time; a place outside her areas), stored once.
			expect(
				await statusOf(worker.pb.collection('conversations').create({ ...talk, heldAt: '' }))
			).toBe(400);
			const elsewhere = await createAreaTree(su);
			expect(
				await statusOf(
					worker.pb.collection('conversations').create({ ...talk, area: elsewhere.buurt.id })
				)
			).toBeGreaterThanOrEqual(400);
			// A resend of a stored one (its first answer lost) is refused for its id: no failure.
			const stored = await worker.pb.collection('conversations').create(talk);
			expect(
				await statusOf(worker.pb.collection('conversations').create({ ...talk, id: stored.id }))
			).toBe(400);
			const after = await untilLogged('the refusals in the log', async () => {
				const n = (await health(admin.pb)).failedSends ?? 0;
				return n >= before! + 2 ? n : undefined;
			});
			expect(after).toBe(before! + 2);
		}
	);

	it('gives the last retention run', async () => {
		expect((await health(admin.pb)).retention).toBeNull();
		await admin.pb.send('/api/krachtkaart/retention/run', { method: 'POST' });
		const { retention } = await health(admin.pb);
		expect(retention).toMatchObject({ people: 0, conversations: 0 });
		expect(Math.abs(Date.parse(retention!.at) - Date.now())).toBeLessThan(60_000);
	});
});
