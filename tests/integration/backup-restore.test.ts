// PocketBase's own backups, as docs/operations.md tells an operator to use them: the schedule the
// app sets (a default, or KRACHTKAART_BACKUP_CRON and KRACHTKAART_BACKUP_KEEP_DAYS), the admin's
// view of the newest backup, and a restore that brings back every record: back up, wipe, restore
// through the backups API (the server replaces its data dir and re-executes itself, same process
// id), the same records in every collection, and a worker signs in and lists her walk; and the
// same backup unpacked into an empty data dir on a second server.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	anonymousClient,
	createAreaTree,
	createDoorsInARow,
	createUser,
	ownSuperuserClient,
	PASSWORD,
	signedInUser,
	statusOf
} from '../support/fixtures';
import { ROOT, startPocketBase, type RunningPocketBase } from '../support/pocketbase';

const { backupSchedule, runsPerDay } = createRequire(import.meta.url)(
	`${ROOT}/pb_hooks/lib/backups.js`
);

describe('the backup schedule from the environment', () => {
	it('counts backups a day of a daily schedule, and nothing else', () => {
		expect(runsPerDay('0 3 * * *')).toBe(1);
		expect(runsPerDay('@daily')).toBe(1);
		expect(runsPerDay('0 */6 * * *')).toBe(4);
		expect(runsPerDay('0,30 1,13 * * *')).toBe(4);
		expect(runsPerDay('0 1-3 * * *')).toBe(3);
		expect(runsPerDay('0 3 * * 0')).toBeNull();
		expect(runsPerDay('0 3 1 * *')).toBeNull();
	});

	it('turns days into a count, keeps what is stored when unset or wrong', () => {
		const stored = { cron: '0 3 * * *', cronMaxKeep: 14 };
		const schedule = (cron: string, keepDays: string) => backupSchedule({ cron, keepDays }, stored);
		expect(schedule('', '')).toEqual({ ...stored, problems: [] });
		expect(schedule('', '30')).toEqual({ cron: '0 3 * * *', cronMaxKeep: 30, problems: [] });
		expect(schedule('0 */6 * * *', '7')).toEqual({
			cron: '0 */6 * * *',
			cronMaxKeep: 28,
			problems: []
		});
		expect(schedule('off', '7')).toEqual({ cron: '', cronMaxKeep: 14, problems: [] });
		expect(schedule('', 'twee weken').problems).toHaveLength(1);
		expect(schedule('', 'twee weken').cronMaxKeep).toBe(14);
		const weekly = schedule('0 3 * * 0', '28');
		expect(weekly.cronMaxKeep).toBe(28);
		expect(weekly.problems[0]).toMatch(/does not run every day/);
	});
});

describe('the backup schedule a server runs', () => {
	it('is daily at 03:00 UTC with 14 kept by default', async () => {
		const pocketbase = await startPocketBase();
		try {
			const su = await ownSuperuserClient(pocketbase.url);
			const { backups } = await su.settings.getAll();
			expect(backups).toMatchObject({ cron: '0 3 * * *', cronMaxKeep: 14 });
		} finally {
			await pocketbase.stop();
		}
	});

	it('follows KRACHTKAART_BACKUP_CRON and KRACHTKAART_BACKUP_KEEP_DAYS', async () => {
		const pocketbase = await startPocketBase({
			env: { KRACHTKAART_BACKUP_CRON: '0 */6 * * *', KRACHTKAART_BACKUP_KEEP_DAYS: '7' }
		});
		try {
			const su = await ownSuperuserClient(pocketbase.url);
			const { backups } = await su.settings.getAll();
			expect(backups).toMatchObject({ cron: '0 */6 * * *', cronMaxKeep: 28 });
		} finally {
			await pocketbase.stop();
		}
	});

	it('keeps its schedule when KRACHTKAART_BACKUP_CRON is no cron expression', async () => {
		const pocketbase = await startPocketBase({ env: { KRACHTKAART_BACKUP_CRON: 'elke nacht' } });
		try {
			const su = await ownSuperuserClient(pocketbase.url);
			const { backups } = await su.settings.getAll();
			expect(backups).toMatchObject({ cron: '0 3 * * *', cronMaxKeep: 14 });
		} finally {
			await pocketbase.stop();
		}
	});
});

/** Every record of every collection, by collection name, sorted by id. */
async function everyRecord(su: PocketBase, auditLogFirst: boolean) {
	const names = (await su.collections.getFullList({ sort: 'name' })).map((c) => c.name);
	// Lists of people and conversations write audit_log entries. Before the backup the audit log
	// is read after them, after the restore before them: both times it is the backup's.
	const order = names.filter((n) => n !== 'audit_log');
	if (auditLogFirst) order.unshift('audit_log');
	else order.push('audit_log');
	const records: Record<string, unknown[]> = {};
	for (const name of order) {
		records[name] = await su.collection(name).getFullList({ sort: 'id', batch: 1000 });
	}
	return records;
}

/** PocketBase's records of sign-ins, which a new sign-in adds to. */
const SIGN_IN_TRACES = ['_otps', '_mfas', '_authOrigins'];

async function until<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const value = await attempt().catch(() => undefined);
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** A buurt with three doors, a worker of its wijk who talked at each, and an asset there. */
async function aWalkWithTalks(su: PocketBase) {
	const area = await createAreaTree(su);
	const doors = await createDoorsInARow(su, area.buurt.id, {
		street: 'Terugzetstraat',
		postcode: '3533AB',
		lat: 52.005
	});
	const worker = await createUser(su, 'worker', [area.wijk.id]);
	const asWorker = await su.collection('users').impersonate(worker.id, 600);
	for (const [i, door] of doors.entries()) {
		await asWorker.collection('conversations').create({
			area: area.buurt.id,
			address: door.id,
			worker: worker.id,
			heldAt: new Date().toISOString().replace('T', ' '),
			outcome: i === 0 ? 'talked' : 'vacant',
			notes: i === 0 ? 'Wil graag de buurttuin helpen.' : '',
			location: { lon: door.lon, lat: door.lat },
			locationSource: 'address'
		});
	}
	await su.collection('assets').create({
		kind: 'place',
		title: 'Buurttuin Terugzet',
		location: { lon: doors[0]!.lon, lat: doors[0]!.lat },
		precision: 'exact',
		area: area.buurt.id,
		status: 'active'
	});
	return { area, worker, doors };
}

/** The worker signs in with her password and lists her walk: the three doors, each visited. */
async function expectHerWalk(url: string, walk: Awaited<ReturnType<typeof aWalkWithTalks>>) {
	const her = anonymousClient(url);
	await her.collection('users').authWithPassword(walk.worker.email, PASSWORD);
	const snapshot = await her.send(`/api/krachtkaart/walk?areas=${walk.area.buurt.id}`, {});
	expect(snapshot.addresses.map((a: { street: string }) => a.street)).toEqual(
		walk.doors.map(() => 'Terugzetstraat')
	);
	expect(snapshot.visits).toHaveLength(walk.doors.length);
}

describe('a backup restored', () => {
	let pocketbase: RunningPocketBase;
	let su: PocketBase;

	beforeAll(async () => {
		pocketbase = await startPocketBase();
		su = await ownSuperuserClient(pocketbase.url);
	});
	afterAll(() => pocketbase?.stop());

	it('shows admins the newest backup, and no one else', async () => {
		const admin = await signedInUser(su, 'admin', []);
		const latest = () => admin.pb.send('/api/krachtkaart/backups/latest', {});
		expect(await latest()).toEqual({ latest: null, cron: '0 3 * * *', keep: 14, s3: false });

		await su.backups.create('eerste.zip');
		const first = await latest();
		expect(first.latest.name).toBe('eerste.zip');
		expect(first.latest.size).toBeGreaterThan(1000);
		expect(Math.abs(Date.parse(first.latest.at) - Date.now())).toBeLessThan(60_000);
		await new Promise((r) => setTimeout(r, 1100));
		await su.backups.create('tweede.zip');
		expect((await latest()).latest.name).toBe('tweede.zip');

		for (const role of ['coordinator', 'worker', 'viewer'] as const) {
			const user = await signedInUser(su, role, []);
			expect(await statusOf(user.pb.send('/api/krachtkaart/backups/latest', {})), role).toBe(403);
		}
		const anonymous = anonymousClient(pocketbase.url);
		expect(await statusOf(anonymous.send('/api/krachtkaart/backups/latest', {}))).toBe(401);
	});

	it('brings back every record after a wipe, and the app works', async () => {
		const { area, worker, doors } = await aWalkWithTalks(su);

		const before = await everyRecord(su, false);
		await su.backups.create('voor-het-wissen.zip');

		// The wipe: every conversation, address and asset, and the worker, gone.
		for (const name of ['conversations', 'assets', 'addresses']) {
			for (const record of await su.collection(name).getFullList({ fields: 'id' })) {
				await su.collection(name).delete(record.id);
			}
		}
		await su.collection('users').delete(worker.id);
		expect(await su.collection('conversations').getList(1, 1)).toMatchObject({ totalItems: 0 });

		await su.backups.restore('voor-het-wissen.zip');
		// The server answers first, then replaces its data dir and re-executes itself.
		// Addresses: a list of them, unlike one of conversations, writes no audit entry.
		await until('the restored addresses', async () => {
			const list = await su.collection('addresses').getList(1, 1, { fields: 'id' });
			return list.totalItems === doors.length ? list : undefined;
		});

		expect(await everyRecord(su, true)).toEqual(before);

		await expectHerWalk(pocketbase.url, { area, worker, doors });
	});

	it('unpacked into an empty data dir on a new server, holds the same records', async () => {
		const walk = await aWalkWithTalks(su);
		const before = await everyRecord(su, false);
		await su.backups.create('nieuwe-machine.zip');

		// What docs/operations.md says for a lost machine: unzip into an empty data dir, start.
		const dataDir = mkdtempSync(join(tmpdir(), 'krachtkaart-unpacked-'));
		const zip = unzipSync(readFileSync(join(pocketbase.dataDir, 'backups', 'nieuwe-machine.zip')));
		for (const [path, bytes] of Object.entries(zip)) {
			if (path.endsWith('/')) continue;
			mkdirSync(dirname(join(dataDir, path)), { recursive: true });
			writeFileSync(join(dataDir, path), bytes);
		}
		const second = await startPocketBase({ dataDir });
		try {
			const su2 = await ownSuperuserClient(second.url);
			const after = await everyRecord(su2, true);
			// Her sign-in on the new server leaves its own traces (a code, a second step, maybe a
			// new origin); everything else is the backup's.
			for (const name of SIGN_IN_TRACES) {
				delete before[name];
				delete after[name];
			}
			expect(after).toEqual(before);
			await expectHerWalk(second.url, walk);
		} finally {
			await second.stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});
