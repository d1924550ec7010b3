// Guards the demo that stays fresh: a demo loaded half a year ago shows hardly a door visited in
// the gap view's default period and many stale assets; the refresh `npm start` runs
// (scripts/demo/refresh.mjs) moves its dates forward, after which the gap figures are those of a
// fresh demo. A server of its own: the shared one holds the demo loaded today (demo-seed.test.ts).
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStale } from '$lib/assets/freshness';
import type { GapInput } from '$lib/gaps/gap-input';
import { analyseGaps } from '$lib/gaps/gaps';
import type { AssetRecord } from '$lib/pocketbase/types';
import { refreshDemo } from '../../scripts/demo/refresh.mjs';
import { seedDemo } from '../../scripts/demo/seed.mjs';
import { ownSuperuserClient } from '../support/fixtures';
import { startPocketBase, type RunningPocketBase } from '../support/pocketbase';

const DAY = 24 * 60 * 60 * 1000;
const AGE_DAYS = 183;
const OVERVECHT = 'wk0344030000000';

let server: RunningPocketBase;
let su: PocketBase;

beforeAll(async () => {
	server = await startPocketBase();
	su = await ownSuperuserClient(server.url);
	const loadedOn = new Date(Date.now() - AGE_DAYS * DAY);
	const seeded = await seedDemo({ pb: su, now: loadedOn });
	expect(seeded.loaded).toBe(true);
}, 240_000);
afterAll(() => server?.stop());

/** What the gap view shows for Overvecht today, in its default period (the last 90 days). */
async function figures(now: Date) {
	const input = await su.send<GapInput>('/api/krachtkaart/gaps', {
		query: { areas: OVERVECHT },
		requestKey: null
	});
	const analysis = analyseGaps(input, { radiusM: 500, resolution: 9, now: now.getTime() });
	const assets = await su
		.collection('assets')
		.getFullList<AssetRecord>({ filter: 'isDemo = true', batch: 500, requestKey: null });
	const open = assets.filter((a) => a.status !== 'ended');
	const stale = open.filter((a) => isStale(a, now, 365)).length / open.length;
	return { visited: analysis.total.visitedShare ?? 0, stale, analysis };
}

describe('refreshDemo', () => {
	it('moves a demo loaded half a year ago forward, so the gap view shows a fresh demo', async () => {
		const now = new Date();
		const aged = await figures(now);
		expect(aged.visited).toBeLessThan(0.02);
		expect(aged.stale).toBeGreaterThan(0.3);

		// A real asset (not the demo's) beside a demo one, confirmed long ago: it stays so.
		const beside = await su.collection('assets').getFirstListItem('isDemo = true');
		const real = await su.collection('assets').create({
			kind: 'initiative',
			title: 'Echt initiatief',
			area: beside.area,
			location: beside.location,
			precision: 'street',
			status: 'active',
			confirmedAt: '2025-01-01 10:00:00.000Z'
		});

		const log: string[] = [];
		const result = await refreshDemo({ pb: su, now, log: (line) => log.push(line) });
		expect(result.ageDays).toBeGreaterThanOrEqual(AGE_DAYS - 1);
		expect(result.ageDays).toBeLessThanOrEqual(AGE_DAYS + 1);
		expect(result.shiftedDays % 7).toBe(0);
		expect(result.shiftedDays).toBeGreaterThan(AGE_DAYS - 7);
		expect(log.join('\n')).toContain(`${result.shiftedDays} days forward (isDemo only)`);

		const fresh = await figures(now);
		expect(fresh.visited).toBeGreaterThan(0.12);
		expect(fresh.visited).toBeLessThan(0.4);
		expect(fresh.stale).toBeGreaterThan(0.05);
		expect(fresh.stale).toBeLessThan(0.25);
		// The summary's figures agree: never more new assets than assets.
		expect(fresh.analysis.total.change.newAssets).toBeLessThanOrEqual(fresh.analysis.total.assets);

		// Nothing is in the future, and a second start leaves the fresh demo alone.
		const talks = await su
			.collection('conversations')
			.getFullList({ filter: 'isDemo = true', fields: 'heldAt', batch: 500, requestKey: null });
		for (const talk of talks) {
			expect(Date.parse(talk.heldAt.replace(' ', 'T'))).toBeLessThanOrEqual(now.getTime());
		}
		expect((await su.collection('assets').getOne(real.id)).confirmedAt).toBe(
			'2025-01-01 10:00:00.000Z'
		);
		const again = await refreshDemo({ pb: su, now });
		expect(again.shiftedDays).toBe(0);
		expect(again.updated).toBe(0);
	}, 180_000);
});
