// Guards the demo seeder against a real PocketBase: it loads the Overvecht demo once, a second run
// changes nothing, and the demo users see what their role allows.
// The server is shared with other test files, so this only asserts on demo records.
import type PocketBase from 'pocketbase';
import { ClientResponseError } from 'pocketbase';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../scripts/demo/seed.mjs';
import { anonymousClient, superuserClient } from '../support/fixtures';
import { signInWithPassword } from '../support/mail-drop';

const DEMO_COLLECTIONS = ['addresses', 'people', 'conversations', 'assets', 'links'] as const;

/** The seeder as the superuser (the global setup's session: she signed in with a code). */
const seed = async () => seedDemo({ pb: await superuserClient() });

/** How many demo records each collection holds. */
async function demoCounts(su: PocketBase): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const name of DEMO_COLLECTIONS) {
		const page = await su.collection(name).getList(1, 1, { filter: 'isDemo = true' });
		counts[name] = page.totalItems;
	}
	return counts;
}

async function signIn(email: string): Promise<PocketBase> {
	const pb = anonymousClient();
	// The demo coordinator also types the mailed code (pb_migrations/1763901800_users_mfa_otp.js).
	await signInWithPassword(pb, email, DEMO_PASSWORD, inject('mailDir'));
	return pb;
}

let first: Awaited<ReturnType<typeof seed>>;
let su: PocketBase;

beforeAll(async () => {
	first = await seed();
	su = await superuserClient();
}, 90_000);

describe('seedDemo', () => {
	it('loads the demo once; a second run finds it and changes nothing', async () => {
		expect(first.loaded).toBe(true);
		const counts = await demoCounts(su);
		if (first.loaded) {
			for (const name of DEMO_COLLECTIONS) expect(counts[name]).toBe(first.counts[name]);
		}
		expect(counts.addresses).toBeGreaterThan(3000);

		const second = await seed();
		expect(second.loaded).toBe(false);
		expect(await demoCounts(su)).toEqual(counts);
	});

	it('lets the demo coordinator sign in and list the assets of Overvecht', async () => {
		const coordinator = await signIn('coordinator@example.org');
		const assets = await coordinator
			.collection('assets')
			.getList(1, 50, { filter: 'area.parent.code = "WK034403"' });
		expect(assets.totalItems).toBe((await demoCounts(su)).assets);
		expect(assets.items.every((a) => a.isDemo)).toBe(true);
		// The seeder writes as a superuser, so the generated freshness is stored as given.
		expect(assets.items.every((a) => a.confirmedAt && a.confirmedBy)).toBe(true);
	});

	it('never shows the demo viewer people or conversations', async () => {
		const viewer = await signIn('viewer@example.org');
		// The viewer does see the map's assets...
		expect((await viewer.collection('assets').getList(1, 1)).totalItems).toBeGreaterThan(0);
		// ...but personal data is either refused or filtered away to nothing.
		for (const name of ['people', 'conversations']) {
			try {
				const page = await viewer.collection(name).getList(1, 50);
				expect(page.items, name).toEqual([]);
			} catch (error) {
				expect(error, name).toBeInstanceOf(ClientResponseError);
				expect((error as ClientResponseError).status, name).toBe(403);
			}
		}
	});

	it('refuses a client that is not a superuser, before it writes anything', async () => {
		const admin = await signIn('admin@example.org');
		for (const pb of [anonymousClient(), admin]) {
			await expect(seedDemo({ pb })).rejects.toThrow('seedDemo: the client must be a superuser');
		}
	});

	it('builds the area tree: wijk Overvecht with its ten buurten', async () => {
		const wijk = await su.collection('areas').getFirstListItem('code = "WK034403"');
		expect(wijk.level).toBe('wijk');
		const buurten = await su
			.collection('areas')
			.getFullList({ filter: su.filter('parent = {:id}', { id: wijk.id }), sort: 'code' });
		expect(buurten.map((b) => b.code)).toEqual([
			'BU03440311',
			'BU03440312',
			'BU03440321',
			'BU03440322',
			'BU03440331',
			'BU03440332',
			'BU03440333',
			'BU03440341',
			'BU03440342',
			'BU03440343'
		]);
		for (const buurt of buurten) {
			expect(buurt.level).toBe('buurt');
			expect(buurt.addressCount).toBeGreaterThan(0);
		}
	});
});
