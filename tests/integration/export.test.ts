// The admin's full export and its restore into a fresh instance (pb_hooks/export.pb.js,
// lib/export.js, src/lib/export/backup.js, scripts/restore.mjs): a seeded server is exported,
// zipped, unzipped and restored into a second, fresh server; exported again, every collection
// holds the same records, field by field (ids, relations, dates, hidden server fields), but for
// the audit entry of the restore itself. Also: who may export and restore, the refusal of an
// instance that holds data, all or nothing, and the viewers' conversation counts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	exportToZip,
	restoreExport,
	zipToExport,
	type FullExport
} from '../../src/lib/export/backup.js';
import {
	PASSWORD,
	createAreaTree,
	createDoorsInARow,
	ownSuperuserClient,
	signedInUser,
	statusOf,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';
import { ROOT, startPocketBase, type RunningPocketBase } from '../support/pocketbase';
import { exportApi } from '../../src/lib/export/export.api';
import { conversationsCsv } from '../../src/lib/export/export';

let source: RunningPocketBase;
let target: RunningPocketBase;
let su: PocketBase;
let tree: AreaTree;
let admin: SignedInUser;
let worker: SignedInUser;

const newId = () =>
	Array.from(
		{ length: 15 },
		() => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]
	).join('');

beforeAll(async () => {
	[source, target] = await Promise.all([startPocketBase(), startPocketBase()]);
	su = await ownSuperuserClient(source.url);
	tree = await createAreaTree(su);
	admin = await signedInUser(su, 'admin', []);
	worker = await signedInUser(su, 'worker', [tree.wijk.id]);
	const doors = await createDoorsInARow(su, tree.buurt.id, {
		street: 'Zeldzameweg',
		postcode: '3564AA',
		lat: 52.005
	});
	// A conversation as the worker, through the hooks: it grows an asset and a follow-up.
	await worker.pb.collection('conversations').create({
		id: newId(),
		area: tree.buurt.id,
		address: doors[0].id,
		worker: worker.id,
		heldAt: '2026-11-20 10:00:00.000Z',
		outcome: 'talked',
		location: { lon: doors[0].lon, lat: doors[0].lat },
		locationSource: 'address',
		themes: ['eenzaamheid'],
		consent: ['anonymous'],
		gifts: [{ kind: 'hands', tag: 'Fietsen repareren' }],
		followUp: { what: 'Terugbellen', due: '2026-12-01' },
		notes: 'Alleen voor de werker'
	});
	const asset = await su.collection('assets').create({
		kind: 'association',
		title: 'Buurtvereniging "Één" ; met puntkomma',
		themes: ['cultuur'],
		domain: ['sociaal'],
		location: { lon: 5.004, lat: 52.004 },
		precision: 'exact',
		area: tree.buurt.id,
		status: 'active'
	});
	const other = await su.collection('assets').create({
		kind: 'place',
		title: 'Speeltuin',
		location: { lon: 5.006, lat: 52.006 },
		precision: 'exact',
		area: tree.buurt.id,
		status: 'active'
	});
	await su.collection('links').create({ from: asset.id, to: other.id, kind: 'supports' });
}, 120_000);

afterAll(async () => {
	await Promise.all([source?.stop(), target?.stop()]);
});

/** The full export of a server, as an admin (or a superuser) asks it. */
async function fullExport(pb: PocketBase): Promise<FullExport> {
	return pb.send('/api/krachtkaart/export/full', { method: 'GET' });
}

/** Records by id, for comparing collections. */
const byId = (records: Record<string, unknown>[]) =>
	Object.fromEntries(records.map((record) => [record.id as string, record]));

describe('full export and restore', () => {
	it('a restore into a fresh instance gives the same records, and the CLI does it from the zip', async () => {
		const exported = await fullExport(admin.pb);
		expect(exported.format).toBe('krachtkaart-export');
		const names = exported.collections.map((c) => c.name);
		for (const name of [
			'areas',
			'users',
			'addresses',
			'assets',
			'people',
			'conversations',
			'links',
			'follow_ups',
			'audit_log',
			'purposes'
		]) {
			expect(names).toContain(name);
		}
		const users = exported.collections.find((c) => c.name === 'users')!;
		// No password hashes or token keys, but everything else (e-mail, role, areas).
		for (const user of users.records) {
			expect(user).not.toHaveProperty('password');
			expect(user).not.toHaveProperty('tokenKey');
		}
		expect(users.records.find((u) => u.id === worker.id)).toMatchObject({
			role: 'worker',
			areas: [tree.wijk.id]
		});
		const areas = exported.collections.find((c) => c.name === 'areas')!;
		expect(areas.records.find((a) => a.id === tree.buurt.id)?.geometry).toMatchObject({
			type: 'Polygon'
		});
		const assets = exported.collections.find((c) => c.name === 'assets')!;
		// Server-set and hidden fields come along, so nothing has to be recomputed.
		expect(assets.records.some((a) => a.publicLocation && a.sourceConversation)).toBe(true);

		// The fresh target has a first-admin link, as `npm start` makes one: not data.
		const fresh = await ownSuperuserClient(target.url);
		await fresh.collection('setup_tokens').create({
			kind: 'first_admin',
			tokenHash: 'a'.repeat(64),
			expiresAt: '2030-01-01 00:00:00.000Z'
		});
		// Through the zip and the command line, as an operator does it.
		const dir = mkdtempSync(join(tmpdir(), 'krachtkaart-export-'));
		try {
			const zipPath = join(dir, 'export.zip');
			writeFileSync(zipPath, exportToZip(exported));
			const run = spawnSync('node', [join(ROOT, 'scripts/restore.mjs'), zipPath], {
				encoding: 'utf8',
				env: {
					...process.env,
					KRACHTKAART_HTTP: target.url.replace('http://', ''),
					KRACHTKAART_DATA: target.dataDir
				},
				stdin: 'ignore'
			} as Parameters<typeof spawnSync>[2] & { stdin: string });
			expect(run.stderr).toBe('');
			expect(run.status).toBe(0);
			expect(run.stdout).toMatch(/assets: \d+/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}

		const targetSu = await ownSuperuserClient(target.url);
		// Short-lived secrets stay out of an export and are emptied by a restore.
		expect(names).not.toContain('setup_tokens');
		expect(await targetSu.collection('setup_tokens').getFullList()).toEqual([]);
		const restored = await fullExport(targetSu);
		expect(restored.collections.map((c) => c.name)).toEqual(names);
		for (const collection of exported.collections) {
			const again = restored.collections.find((c) => c.name === collection.name)!;
			let records = again.records;
			if (collection.name === 'audit_log') {
				// The restore's own entry, written after the restored ones.
				const restoreEntries = records.filter((r) => r.action === 'restore');
				expect(restoreEntries).toHaveLength(1);
				records = records.filter((r) => r.action !== 'restore');
			}
			expect(records.length, collection.name).toBe(collection.records.length);
			expect(byId(records), collection.name).toEqual(byId(collection.records));
		}

		// Relations intact: the records API expands them on the restored instance.
		const link = await targetSu.collection('links').getFirstListItem('', { expand: 'from,to' });
		expect(link.expand?.from?.area).toBe(tree.buurt.id);
		const buurt = await targetSu
			.collection('areas')
			.getOne(tree.buurt.id, { expand: 'parent.parent' });
		expect(buurt.expand?.parent?.expand?.parent?.id).toBe(tree.gemeente.id);
		// A restored user has no password until she sets one.
		const signIn = new PocketBase(target.url);
		const worker0 = users.records.find((u) => u.id === worker.id)!;
		expect(
			await statusOf(signIn.collection('users').authWithPassword(worker0.email as string, PASSWORD))
		).toBe(400);
	});

	it('refuses an instance that holds data unless forced, and writes all or nothing', async () => {
		const exported = await fullExport(admin.pb);
		const targetSu = await ownSuperuserClient(target.url);
		// target holds the restored data of the test before (or this file's order changed: seed it).
		const before = await targetSu.collection('areas').getFullList();
		if (before.length === 0) await restoreExport(targetSu, exported);
		await expect(restoreExport(targetSu, exported)).rejects.toMatchObject({ status: 400 });

		// A part naming a field the instance does not have: refused, nothing replaced.
		const broken: FullExport = structuredClone(exported);
		broken.collections.find((c) => c.name === 'areas')!.records[0].notAField = 1;
		await expect(restoreExport(targetSu, broken, { force: true })).rejects.toMatchObject({
			status: 400
		});
		// The same id twice: SQLite refuses, the commit rolls back and says which.
		const doubled: FullExport = structuredClone(exported);
		const doubledAreas = doubled.collections.find((c) => c.name === 'areas')!;
		doubledAreas.records.push(doubledAreas.records[0]);
		await expect(restoreExport(targetSu, doubled, { force: true })).rejects.toMatchObject({
			status: 400,
			response: { message: expect.stringMatching(/areas\.(id|code) staat meer dan eens/) }
		});
		// A count that does not match (a file cut short): the commit rolls back.
		const short: FullExport = structuredClone(exported);
		const assets = short.collections.find((c) => c.name === 'assets')!;
		const begin = await targetSu.send('/api/krachtkaart/restore/begin', {
			method: 'POST',
			body: {
				manifest: {
					format: short.format,
					version: short.version,
					counts: { assets: assets.records.length + 1 }
				}
			}
		});
		await targetSu.send('/api/krachtkaart/restore/part', {
			method: 'POST',
			body: { restoreId: begin.restoreId, collection: 'assets', records: assets.records }
		});
		await expect(
			targetSu.send('/api/krachtkaart/restore/commit', {
				method: 'POST',
				body: { restoreId: begin.restoreId, force: true }
			})
		).rejects.toMatchObject({ status: 400 });
		const after = await targetSu.collection('areas').getFullList();
		expect(after.map((a) => a.id).sort()).toEqual(
			(before.length ? before : after).map((a) => a.id).sort()
		);
		expect(after.length).toBeGreaterThan(0);

		// Forced: replaced, counts as exported.
		const result = await restoreExport(targetSu, exported, { force: true });
		expect(result.danglingRelations).toEqual([]);
		expect(result.counts.assets).toBe(
			exported.collections.find((c) => c.name === 'assets')!.records.length
		);
	});

	it('a zip that is cut short or not Krachtkaart’s is refused with what is wrong', async () => {
		const exported = await fullExport(admin.pb);
		const zip = exportToZip(exported);
		expect(zipToExport(zip).collections.length).toBe(exported.collections.length);
		expect(() => zipToExport(zip.slice(0, zip.length / 2))).toThrow(/zip/);
		expect(() => zipToExport(new TextEncoder().encode('{"format":"x"}'))).toThrow(/zip/);
	});

	it('only admins and superusers export everything; only superusers restore; exports are audited', async () => {
		for (const role of ['coordinator', 'worker', 'viewer'] as const) {
			const user = await signedInUser(su, role, [tree.gemeente.id]);
			expect(await statusOf(fullExport(user.pb)), role).toBe(403);
		}
		expect(await statusOf(fullExport(new PocketBase(source.url)))).toBe(401);
		for (const path of ['begin', 'part', 'commit']) {
			expect(
				await statusOf(
					admin.pb.send(`/api/krachtkaart/restore/${path}`, { method: 'POST', body: {} })
				),
				path
			).toBe(403);
		}
		const entries = await su.collection('audit_log').getFullList({
			filter: `action = "export" && targetCollection = "*" && actor = "${admin.id}"`
		});
		expect(entries.length).toBeGreaterThan(0);
		expect(entries[0].details).toMatchObject({ kind: 'full' });
	});
});

describe('conversation counts', () => {
	it('a viewer gets counts per buurt and outcome, never a group of 1 to 4 residents', async () => {
		const area = await createAreaTree(su);
		const doors = [];
		for (const street of ['Astraat', 'Bstraat']) {
			doors.push(
				...(await createDoorsInARow(su, area.buurt.id, {
					street,
					postcode: '3564AB',
					lat: street === 'Astraat' ? 52.002 : 52.003
				}))
			);
		}
		// 5 doors talked, 1 not home (and one of the 5 again later).
		for (const [i, door] of doors.entries()) {
			await su.collection('conversations').create({
				id: newId(),
				area: area.buurt.id,
				address: door.id,
				worker: worker.id,
				heldAt: '2026-11-20 10:00:00.000Z',
				outcome: i < 1 ? 'not_home' : 'talked'
			});
		}
		await su.collection('conversations').create({
			id: newId(),
			area: area.buurt.id,
			address: doors[5].id,
			worker: worker.id,
			heldAt: '2026-11-21 10:00:00.000Z',
			outcome: 'not_home'
		});
		const viewer = await signedInUser(su, 'viewer', [area.wijk.id]);
		const counts = await viewer.pb.send(
			`/api/krachtkaart/export/conversation-counts?areas=${area.gemeente.id}`,
			{ method: 'GET' }
		);
		expect(counts.minResidents).toBe(5);
		expect(counts.areas).toHaveLength(1);
		const buurt = counts.areas[0];
		expect(buurt).toMatchObject({ area: area.buurt.id, code: area.buurt.code });
		expect(buurt.outcomes).toEqual([
			{ outcome: 'not_home', residents: null, conversations: null },
			{ outcome: 'talked', residents: 5, conversations: 5 }
		]);
		// No total: minus the cells it would count the residents visited twice, fewer than 5.
		expect(buurt).not.toHaveProperty('residents');
		// Outside her areas: nothing.
		const elsewhere = await signedInUser(su, 'viewer', [tree.gemeente.id]);
		const none = await elsewhere.pb.send(
			`/api/krachtkaart/export/conversation-counts?areas=${area.gemeente.id}`,
			{ method: 'GET' }
		);
		expect(none.areas).toEqual([]);
		expect(
			await statusOf(
				viewer.pb.send('/api/krachtkaart/export/conversation-counts?areas=x', { method: 'GET' })
			)
		).toBe(400);
	});
});

describe('filtered exports through the records API, as the user', () => {
	it('areas with geometry and addresses for every role; conversations without other workers’ notes', async () => {
		const viewer = await signedInUser(su, 'viewer', [tree.wijk.id]);
		const asViewer = exportApi(viewer.pb);
		const areas = await asViewer.areasUnder([tree.gemeente.id], true);
		expect(areas.map((a) => a.id).sort()).toEqual(
			[tree.gemeente.id, tree.wijk.id, tree.buurt.id].sort()
		);
		expect(areas.find((a) => a.id === tree.buurt.id)?.geometry?.type).toBe('Polygon');
		const addresses = await asViewer.addressesIn([tree.buurt.id]);
		expect(addresses.map((a) => a.street)).toEqual(['Zeldzameweg', 'Zeldzameweg', 'Zeldzameweg']);
		// Viewers read no conversations at all.
		const theirs = await asViewer.conversationsIn([tree.buurt.id]).catch(() => []);
		expect(theirs).toEqual([]);

		const colleague = await signedInUser(su, 'worker', [tree.wijk.id]);
		await colleague.pb.collection('conversations').create({
			id: newId(),
			area: tree.buurt.id,
			worker: colleague.id,
			heldAt: '2026-11-22 10:00:00.000Z',
			outcome: 'not_home',
			notes: 'Notitie van een collega'
		});
		const conversations = await exportApi(worker.pb).conversationsIn([tree.buurt.id]);
		expect(conversations.length).toBeGreaterThanOrEqual(2);
		const csv = conversationsCsv(conversations);
		expect(csv).toContain('Alleen voor de werker');
		expect(csv).not.toContain('Notitie van een collega');
		// The list is audited as any list of conversations.
		const entries = await su.collection('audit_log').getFullList({
			filter: `action = "list" && targetCollection = "conversations" && actor = "${worker.id}"`
		});
		expect(entries.length).toBeGreaterThan(0);
	});
});
