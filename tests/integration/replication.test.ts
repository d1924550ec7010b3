// Replication with Litestream, as docs/operations.md ("Replication") tells an operator to run it,
// with its own config (docs/litestream.yml) and the pinned binary (scripts/litestream.mjs): a
// server and `litestream replicate` beside it, data written through the API by each role, the
// replica waited for, then the machine lost (`kill -9` of both, the data dir deleted); `litestream
// restore` into a new data dir gives the same records in every collection, a sound SQLite file,
// and a server on which a worker signs in and saves a talk. And writes made while Litestream was
// down, after PocketBase folded its WAL into data.db (a backup does), reach the replica once
// Litestream runs again; after a restore from a PocketBase backup, a restarted Litestream makes the
// replica follow the restored data. The test runs its own servers, not the shared one.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type PocketBase from 'pocketbase';
import type { ClientResponseError, SendOptions } from 'pocketbase';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ensureLitestream } from '../../scripts/litestream.mjs';
import {
	anonymousClient,
	createAreaTree,
	createDoorsInARow,
	createUser,
	ownSuperuserClient,
	PASSWORD,
	signedInUser,
	SQUARE,
	statusOf,
	unique,
	type AreaTree,
	type Door
} from '../support/fixtures';
import { ROOT, startPocketBase, type RunningPocketBase } from '../support/pocketbase';

const CONFIG = join(ROOT, 'docs', 'litestream.yml');
/** How long a write may take to reach the replica before the test gives up (Litestream syncs
 * every second). */
const REPLICA_TIMEOUT_MS = 30_000;

let litestream = '';
/** Everything the test made on disk, removed at the end. */
const dirs: string[] = [];
const servers: RunningPocketBase[] = [];
const replicators: ChildProcess[] = [];

function tempDir(name: string): string {
	const dir = mkdtempSync(join(tmpdir(), `krachtkaart-${name}-`));
	dirs.push(dir);
	return dir;
}

beforeAll(async () => {
	// CI builds it once up front (.ci/run); on a clean machine this builds it (about a minute).
	litestream = await ensureLitestream();
}, 600_000);

afterAll(async () => {
	console.log(`${lockedRetries} requests answered "database is locked" and sent again`);
	for (const child of replicators) await kill9(child);
	for (const server of servers) await server.stop();
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** docs/litestream.yml's settings for a data dir and a replica. */
const configEnv = (dataDir: string, replica: string) => ({
	...process.env,
	KRACHTKAART_DATA: dataDir,
	KRACHTKAART_REPLICA_URL: replica
});

interface Replicator {
	child: ChildProcess;
	/** Its log so far. */
	output: () => string;
}

/** `litestream replicate -config docs/litestream.yml` for a data dir, as the systemd unit runs it. */
function replicate(dataDir: string, replica: string): Replicator {
	const child = spawn(litestream, ['replicate', '-config', CONFIG], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: configEnv(dataDir, replica)
	});
	replicators.push(child);
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	// Its whole log when the test fails: what it did and when.
	onTestFailed(() => console.log(`litestream replicate (${dataDir}):\n${output}`));
	return { child, output: () => output };
}

async function kill9(child: ChildProcess): Promise<void> {
	await signal(child, 'SIGKILL');
}

/** Sends a signal and waits until the process has exited. */
async function signal(child: ChildProcess, name: NodeJS.Signals): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill(name);
	await exited;
}

/**
 * `litestream restore -config docs/litestream.yml -integrity-check full <data dir>/data.db`, the
 * command docs/operations.md gives for a new machine; `output` restores elsewhere (`-o`) instead.
 */
function restore(dataDir: string, replica: string, output?: string) {
	const args = ['restore', '-config', CONFIG, '-integrity-check', 'full'];
	if (output) args.push('-o', output);
	args.push(join(dataDir, 'data.db'));
	return spawnSync(litestream, args, { encoding: 'utf8', env: configEnv(dataDir, replica) });
}

type SqlJs = Awaited<ReturnType<typeof initSqlJs>>;
let sqlJs: SqlJs | undefined;
const sql = async () => (sqlJs ??= await initSqlJs());

/** The first column of a query's rows, run on a SQLite file that has no WAL beside it. */
async function query(file: string, statement: string, params: string[] = []): Promise<string[]> {
	const db = new (await sql()).Database(readFileSync(file));
	try {
		const result = db.exec(statement, params)[0];
		return result ? result.values.map((row) => String(row[0])) : [];
	} finally {
		db.close();
	}
}

/** Restores the replica into a scratch dir and looks for an area: null when it is there, else why not. */
async function missingFromReplica(dataDir: string, replica: string, areaId: string) {
	const scratch = mkdtempSync(join(tmpdir(), 'krachtkaart-peek-'));
	try {
		const result = restore(dataDir, replica, join(scratch, 'data.db'));
		if (result.status !== 0) return result.stdout + result.stderr;
		const found = await query(join(scratch, 'data.db'), 'SELECT id FROM areas WHERE id = ?', [
			areaId
		]);
		return found.length === 1 ? null : 'a replica without it';
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

/**
 * Waits until the replica holds an area with this id (written last: SQLite's transactions reach
 * the replica in order, so whatever came before is there too), looking every 250 ms.
 */
async function untilReplicaHas(dataDir: string, replica: string, areaId: string) {
	const deadline = Date.now() + REPLICA_TIMEOUT_MS;
	for (;;) {
		const missing = await missingFromReplica(dataDir, replica, areaId);
		if (missing === null) return;
		if (Date.now() > deadline) {
			throw new Error(
				`no area ${areaId} in the replica after ${REPLICA_TIMEOUT_MS} ms: ${missing}`
			);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Requests answered "database is locked" and sent again (retryLocked). */
let lockedRetries = 0;

/**
 * Litestream commits a row of its own to data.db (`_litestream_seq`) after each of its checkpoints
 * and after PocketBase truncates the WAL. A PocketBase write transaction that had read before that
 * commit then fails at once with "database is locked (517)" (SQLITE_BUSY_SNAPSHOT), which
 * PocketBase answers with a 400 without field errors; nothing of it was stored. The test's
 * clients send such a request again (counted and printed: docs/operations.md, "Replication",
 * tells what it means for the app). Any other refusal, or a fifth one, fails the test.
 */
function retryLocked(pb: PocketBase): PocketBase {
	const send = pb.send.bind(pb);
	pb.send = (async (path: string, options: SendOptions) => {
		for (let attempt = 1; ; attempt++) {
			try {
				return await send(path, { ...options });
			} catch (error) {
				const { status, response } = error as ClientResponseError;
				const locked = status === 400 && Object.keys(response?.data ?? {}).length === 0;
				if (!locked || attempt === 5) throw error;
				lockedRetries += 1;
				await new Promise((r) => setTimeout(r, 100));
			}
		}
	}) as typeof pb.send;
	return pb;
}

/** A marker written last: an area (no hook writes anything beside it). */
async function marker(su: PocketBase): Promise<string> {
	const area = await su.collection('areas').create({
		code: `MARK-${unique()}`,
		name: 'Replicatiemarkering',
		level: 'gemeente',
		geometry: SQUARE(6.0, 53.0, 0.01)
	});
	return area.id;
}

/** PocketBase's records of sign-ins, which the superuser's sign-in on a new server adds to. */
const SIGN_IN_TRACES = ['_otps', '_mfas', '_authOrigins'];

/**
 * Every record of every collection as the superuser reads it, by collection: id, updated and a
 * hash of the whole record, sorted by id. Lists of people and conversations write audit_log
 * entries: before the loss the audit log is read after them, after the restore before them, so
 * both times it is the primary's.
 */
async function everyRecord(su: PocketBase, auditLogFirst: boolean) {
	const names = (await su.collections.getFullList({ sort: 'name' }))
		.map((c) => c.name)
		.filter((name) => !SIGN_IN_TRACES.includes(name) && name !== 'audit_log');
	if (auditLogFirst) names.unshift('audit_log');
	else names.push('audit_log');
	const records: Record<string, { id: string; updated: string; hash: string }[]> = {};
	for (const name of names) {
		const list = await su.collection(name).getFullList({ sort: 'id', batch: 1000 });
		records[name] = list.map((record) => ({
			id: record.id,
			updated: String(record.updated ?? ''),
			hash: createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 16)
		}));
	}
	return records;
}

interface Neighbourhood {
	area: AreaTree;
	doors: Door[];
	worker: { id: string; email: string };
}

/**
 * Data from each role: the superuser's areas and users, the admin's doors, the coordinator's
 * asset and link, the worker's talks (one grows a person, an asset and a follow-up).
 */
async function aNeighbourhood(su: PocketBase, street: string): Promise<Neighbourhood> {
	const area = await createAreaTree(su);
	const admin = await signedInUser(su, 'admin', []);
	retryLocked(admin.pb);
	const doors = await createDoorsInARow(admin.pb, area.buurt.id, {
		street,
		postcode: '3533RP',
		lat: 52.004
	});
	const coordinator = await signedInUser(su, 'coordinator', [area.wijk.id]);
	retryLocked(coordinator.pb);
	const buurthuis = await coordinator.pb.collection('assets').create({
		kind: 'place',
		title: `Buurthuis ${street}`,
		location: { lon: doors[1]!.lon, lat: doors[1]!.lat },
		precision: 'exact',
		area: area.buurt.id,
		status: 'active'
	});
	const worker = await createUser(su, 'worker', [area.wijk.id]);
	const asWorker = retryLocked(await su.collection('users').impersonate(worker.id, 600));
	for (const [i, door] of doors.entries()) {
		await asWorker.collection('conversations').create({
			area: area.buurt.id,
			address: door.id,
			worker: worker.id,
			heldAt: new Date(Date.UTC(2026, 11, 7, 10, i)).toISOString().replace('T', ' '),
			outcome: i === 2 ? 'not_home' : 'talked',
			notes: i === 0 ? `Wil de moestuin aan de ${street} trekken.` : '',
			location: { lon: door.lon, lat: door.lat },
			locationSource: 'address',
			...(i === 0 && {
				themes: ['taal'],
				consent: ['first_name'],
				resident: { firstName: 'Ria', contact: '', isKeyFigure: true },
				gifts: [{ kind: 'hands', tag: 'Tuinieren', themes: [] }],
				followUp: { what: 'Samen naar het buurthuis' }
			})
		});
	}
	const tuin = (
		await asWorker.collection('assets').getFullList({
			filter: su.filter('area = {:area} && title != {:title}', {
				area: area.buurt.id,
				title: buurthuis.title
			})
		})
	)[0];
	if (tuin) {
		await coordinator.pb
			.collection('links')
			.create({ from: tuin.id, to: buurthuis.id, kind: 'runs' });
	}
	return { area, doors, worker };
}

/** The worker signs in with her password, sees her walk and saves a new talk, which is kept. */
async function expectSheWorks(url: string, { area, doors, worker }: Neighbourhood) {
	const her = retryLocked(anonymousClient(url));
	await her.collection('users').authWithPassword(worker.email, PASSWORD);
	const walk = await her.send(`/api/krachtkaart/walk?areas=${area.buurt.id}`, {});
	expect(walk.visits).toHaveLength(doors.length);
	const talk = await her.collection('conversations').create({
		area: area.buurt.id,
		address: doors[2]!.id,
		worker: worker.id,
		heldAt: new Date().toISOString().replace('T', ' '),
		outcome: 'talked',
		notes: 'Na de verhuizing naar de nieuwe machine.',
		location: { lon: doors[2]!.lon, lat: doors[2]!.lat },
		locationSource: 'address'
	});
	expect((await her.collection('conversations').getOne(talk.id)).notes).toBe(
		'Na de verhuizing naar de nieuwe machine.'
	);
}

/**
 * The machine is lost: PocketBase and Litestream killed, the data dir deleted. A new one gets the
 * replica (`litestream restore`), passes SQLite's integrity check and is served.
 */
async function loseTheMachineAndRestore(
	primary: RunningPocketBase,
	replicator: Replicator,
	replica: string
): Promise<RunningPocketBase> {
	await Promise.all([primary.crash(), kill9(replicator.child)]);
	rmSync(primary.dataDir, { recursive: true, force: true });
	expect(existsSync(primary.dataDir)).toBe(false);

	const dataDir = tempDir('restored');
	const restored = restore(dataDir, replica);
	expect(restored.status, restored.stdout + restored.stderr).toBe(0);
	expect(await query(join(dataDir, 'data.db'), 'PRAGMA integrity_check')).toEqual(['ok']);
	// A second restore into it is refused: it never overwrites a data.db.
	expect(restore(dataDir, replica).status).not.toBe(0);

	const server = await startPocketBase({ dataDir });
	servers.push(server);
	return server;
}

/** Litestream's warnings and errors, for the test's log (its INFO lines are routine). */
function complaints(replicator: Replicator): string[] {
	return replicator
		.output()
		.split('\n')
		.filter((line) => /level=(WARN|ERROR)/.test(line));
}

describe('replication with Litestream', () => {
	it('brings back every record on a new machine after the first is lost, and the app works', async () => {
		const primary = await startPocketBase();
		servers.push(primary);
		const replica = pathToFileURL(tempDir('replica')).href;
		const replicator = replicate(primary.dataDir, replica);

		const su = retryLocked(await ownSuperuserClient(primary.url));
		const neighbourhood = await aNeighbourhood(su, 'Replicastraat');
		// A backup while Litestream runs: PocketBase checkpoints its WAL (TRUNCATE) for it.
		await su.backups.create('tijdens-replicatie.zip');
		const second = await aNeighbourhood(su, 'Naastraat');
		const before = await everyRecord(su, false);
		const last = await marker(su);
		await untilReplicaHas(primary.dataDir, replica, last);

		const server = await loseTheMachineAndRestore(primary, replicator, replica);
		const su2 = retryLocked(await ownSuperuserClient(server.url));
		const after = await everyRecord(su2, true);
		expect(after.areas!.map((a) => a.id)).toContain(last);
		after.areas = after.areas!.filter((a) => a.id !== last);
		expect(after).toEqual(before);
		expect(before.conversations!.length).toBeGreaterThanOrEqual(6);

		await expectSheWorks(server.url, neighbourhood);
		await expectSheWorks(server.url, second);
		console.log(`litestream's warnings: ${JSON.stringify(complaints(replicator))}`);
	}, 180_000);

	it('catches up after a restart with what was written while it was down', async () => {
		const primary = await startPocketBase();
		servers.push(primary);
		const replica = pathToFileURL(tempDir('replica')).href;
		const first = replicate(primary.dataDir, replica);
		const su = retryLocked(await ownSuperuserClient(primary.url));
		await aNeighbourhood(su, 'Eerstestraat');
		await untilReplicaHas(primary.dataDir, replica, await marker(su));

		// Litestream dies; the server goes on, and a backup folds the WAL into data.db
		// (PRAGMA wal_checkpoint(TRUNCATE)): the writes before it are no longer in any WAL.
		await kill9(first.child);
		const whileDown = await aNeighbourhood(su, 'Tussenstraat');
		await su.backups.create('zonder-litestream.zip');
		expect(statSync(join(primary.dataDir, 'data.db-wal')).size).toBe(0);
		const afterCheckpoint = await aNeighbourhood(su, 'Nastraat');

		const second = replicate(primary.dataDir, replica);
		const before = await everyRecord(su, false);
		const last = await marker(su);
		await untilReplicaHas(primary.dataDir, replica, last);

		const server = await loseTheMachineAndRestore(primary, second, replica);
		const su2 = retryLocked(await ownSuperuserClient(server.url));
		const after = await everyRecord(su2, true);
		after.areas = after.areas!.filter((a) => a.id !== last);
		expect(after).toEqual(before);
		await expectSheWorks(server.url, whileDown);
		await expectSheWorks(server.url, afterCheckpoint);
		console.log(
			`litestream's warnings: ${JSON.stringify([...complaints(first), ...complaints(second)])}`
		);
	}, 180_000);

	it('follows a restore from a PocketBase backup once it is restarted', async () => {
		const primary = await startPocketBase();
		servers.push(primary);
		const replica = pathToFileURL(tempDir('replica')).href;
		const first = replicate(primary.dataDir, replica);
		const su = retryLocked(await ownSuperuserClient(primary.url));
		const kept = await aNeighbourhood(su, 'Bewaarstraat');
		await su.backups.create('voor-de-vergissing.zip');
		const undone = await aNeighbourhood(su, 'Vergissingstraat');
		await untilReplicaHas(primary.dataDir, replica, await marker(su));

		// The restore puts another data.db in place under a running Litestream, which goes on
		// watching the file it had open: docs/operations.md says to restart it afterwards.
		await su.backups.restore('voor-de-vergissing.zip');
		const deadline = Date.now() + 60_000;
		while ((await statusOf(su.collection('areas').getOne(undone.area.buurt.id))) !== 404) {
			if (Date.now() > deadline) throw new Error('the restore did not finish in 60 s');
			await new Promise((r) => setTimeout(r, 200));
		}
		await signal(first.child, 'SIGTERM');
		const second = replicate(primary.dataDir, replica);
		const later = await aNeighbourhood(su, 'Herstelstraat');
		const before = await everyRecord(su, false);
		const last = await marker(su);
		await untilReplicaHas(primary.dataDir, replica, last);

		const server = await loseTheMachineAndRestore(primary, second, replica);
		const su2 = retryLocked(await ownSuperuserClient(server.url));
		const after = await everyRecord(su2, true);
		after.areas = after.areas!.filter((a) => a.id !== last);
		expect(after).toEqual(before);
		expect(after.areas!.map((a) => a.id)).not.toContain(undone.area.buurt.id);
		await expectSheWorks(server.url, kept);
		await expectSheWorks(server.url, later);
		console.log(
			`litestream's warnings: ${JSON.stringify([...complaints(first), ...complaints(second)])}`
		);
	}, 180_000);
});
