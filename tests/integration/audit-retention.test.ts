// Guards the audit log's retention: the retention run deletes entries older than
// KRACHTKAART_AUDIT_RETENTION_DAYS (default 1095) as of its `now`, not one made at the cutoff or
// later, says how many in an audit entry of its own, and changes nothing when run again; no API
// caller, superusers included, updates or deletes an entry. On servers of their own: moving the
// clock three years on here deletes every entry made today, which other test files read.
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetentionRunResult } from '$lib/pocketbase/types';
import {
	createAreaTree,
	ownSuperuserClient,
	signedInUser,
	type SignedInUser
} from '../support/fixtures';
import { startPocketBase, type RunningPocketBase } from '../support/pocketbase';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A PocketBase date ('2026-12-01 10:15:00.123Z') as milliseconds. */
const msOf = (pbDate: string) => Date.parse(pbDate.replace(' ', 'T'));
const isoOf = (ms: number) => new Date(ms).toISOString();

async function ownServer(env: Record<string, string> = {}) {
	const server = await startPocketBase({ env });
	return { server, su: await ownSuperuserClient(server.url) };
}

const run = (pb: PocketBase, now: number) =>
	pb.send<RetentionRunResult>('/api/krachtkaart/retention/run', {
		method: 'POST',
		body: { now: isoOf(now) }
	});

let server: RunningPocketBase;
let su: PocketBase;
let worker: SignedInUser;
let admin: SignedInUser;
let personId: string;

beforeAll(async () => {
	({ server, su } = await ownServer());
	const area = await createAreaTree(su);
	worker = await signedInUser(su, 'worker', [area.wijk.id]);
	admin = await signedInUser(su, 'admin', []);
	const person = await worker.pb.collection('people').create({
		display_name: 'Samira',
		area: area.buurt.id,
		consent: { scopes: ['first_name'], givenAt: new Date().toISOString() }
	});
	personId = person.id;
	await worker.pb.collection('people').getOne(personId);
});

afterAll(async () => {
	await server?.stop();
});

const entries = () => su.collection('audit_log').getFullList({ sort: 'created,id' });

describe('audit log retention', () => {
	it('deletes entries older than three years as of the run, and says how many', async () => {
		const older = await entries();
		expect(older.length).toBeGreaterThanOrEqual(2);
		// One entry made after all of those (dates have milliseconds; read again until later).
		const last = msOf(older[older.length - 1].created);
		let kept = null;
		for (let i = 0; i < 20 && !kept; i++) {
			await worker.pb.collection('people').getOne(personId);
			const newest = (await entries()).at(-1)!;
			if (msOf(newest.created) > last) kept = newest;
		}
		expect(kept).not.toBeNull();
		const cutoff = msOf(kept!.created);
		const before = (await entries()).filter((e) => msOf(e.created) < cutoff);

		// As of three years after the first entry: nothing is older than the cutoff yet.
		const early = await run(su, msOf(older[0].created) + 1095 * DAY_MS);
		expect(early).toMatchObject({ auditRetentionDays: 1095, auditEntries: 0, failed: 0 });
		expect(early.auditCutoff).toBe(isoOf(msOf(older[0].created)));

		// As of three years after the kept entry: everything before it goes, it stays.
		const result = await run(su, cutoff + 1095 * DAY_MS);
		expect(result).toMatchObject({
			auditRetentionDays: 1095,
			auditCutoff: isoOf(cutoff),
			auditEntries: before.length
		});
		const after = await entries();
		expect(after.filter((e) => msOf(e.created) < cutoff)).toEqual([]);
		expect(after.map((e) => e.id)).toContain(kept!.id);
		const removal = after.filter(
			(e) => e.action === 'retention' && e.targetCollection === 'audit_log'
		);
		expect(removal).toHaveLength(1);
		expect(removal[0]).toMatchObject({
			actorKind: 'superuser',
			details: { removed: before.length, cutoff: isoOf(cutoff), retentionDays: 1095 }
		});
		const summary = after.filter((e) => e.action === 'retention' && e.targetCollection === '*');
		expect(summary.at(-1)!.details).toMatchObject({ auditEntries: before.length });

		// Again as of the same moment: nothing more goes, and no second removal entry.
		expect((await run(su, cutoff + 1095 * DAY_MS)).auditEntries).toBe(0);
		expect(
			(await entries()).filter(
				(e) => e.action === 'retention' && e.targetCollection === 'audit_log'
			)
		).toHaveLength(1);
	});

	it('is append-only for every API caller, superusers included', async () => {
		const [entry] = await entries();
		for (const pb of [su, admin.pb, worker.pb]) {
			const update = pb.collection('audit_log').update(entry.id, { action: 'view' });
			await expect(update).rejects.toMatchObject({ status: expect.any(Number) });
			await expect(pb.collection('audit_log').delete(entry.id)).rejects.toMatchObject({
				status: expect.any(Number)
			});
		}
		await expect(su.collection('audit_log').delete(entry.id)).rejects.toMatchObject({
			status: 403
		});
		expect((await su.collection('audit_log').getOne(entry.id)).action).toBe(entry.action);
		const rules = await su.collections.getOne('audit_log');
		expect([rules.createRule, rules.updateRule, rules.deleteRule]).toEqual([null, null, null]);
	});
});

describe('KRACHTKAART_AUDIT_RETENTION_DAYS', () => {
	it('sets the term; anything but a positive whole number keeps three years', async () => {
		for (const [value, days] of [
			['30', 30],
			['-5', 1095]
		] as const) {
			const own = await ownServer({ KRACHTKAART_AUDIT_RETENTION_DAYS: value });
			try {
				const now = Date.now();
				const result = await run(own.su, now);
				expect(result).toMatchObject({ auditRetentionDays: days });
				expect(result.auditCutoff).toBe(isoOf(now - days * DAY_MS));
			} finally {
				await own.server.stop();
			}
		}
	});
});
