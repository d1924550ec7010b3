// Guards the people search (POST /api/krachtkaart/people/search): it finds exactly whom the
// records API's people list rule gives each role (admin everyone, a coordinator or worker her
// areas, a viewer no one), in the app's shape, audited as a list; what was typed never reaches
// the request log (which keeps three days, without IPs); bad input gets a 400 naming `query`, and
// one account cannot search without end.
import { readFileSync } from 'node:fs';
import PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { peopleApi } from '$lib/people/people.api';
import type { PersonHit } from '$lib/people/people';
import {
	anonymousClient,
	createAreaTree,
	pocketbaseUrl,
	signedInUser,
	statusOf,
	superuserClient,
	unique,
	type AreaTree,
	type Role,
	type SignedInUser
} from '../support/fixtures';

/** The server's own filter (pb_hooks/lib/people-search.js), to ask the records API the same. */
const serverSearch = (() => {
	const module = { exports: {} };
	const source = readFileSync(
		new URL('../../pb_hooks/lib/people-search.js', import.meta.url),
		'utf8'
	);
	new Function('module', 'exports', source)(module, module.exports);
	return module.exports as {
		searchFilter(query: string): { expr: string; params: Record<string, string> } | null;
		SEARCHES_PER_MINUTE: number;
	};
})();

/** What the records API lists for the same search, in the shape the app used to ask for. */
async function recordsApiSearch(pb: PocketBase, query: string): Promise<PersonHit[]> {
	const filter = serverSearch.searchFilter(query)!;
	return pb.collection('people').getFullList<PersonHit>({
		filter: pb.filter(filter.expr, filter.params),
		sort: 'display_name,-created',
		expand: 'address,area',
		fields:
			'id,display_name,contact,isKeyFigure,address,area,created,updated,' +
			'expand.address.street,expand.address.number,expand.address.postcode,expand.area.name'
	});
}

const search = (pb: PocketBase, body: unknown) =>
	pb.send<{ items: PersonHit[] }>('/api/krachtkaart/people/search', { method: 'POST', body });

const consent = () => ({ scopes: ['first_name', 'contact'], givenAt: new Date().toISOString() });

let su: PocketBase;
let home: AreaTree;
let other: AreaTree;
let tag: string;
const users = {} as Record<Role | 'otherCoordinator' | 'buurtWorker', SignedInUser>;
const made = {} as Record<'buurt' | 'wijk' | 'noDoor' | 'elsewhere', string>;

beforeAll(async () => {
	su = await superuserClient();
	[home, other] = await Promise.all([createAreaTree(su), createAreaTree(su)]);
	tag = unique()
		.replace(/[^a-z0-9]/gi, '')
		.slice(-8);
	users.admin = await signedInUser(su, 'admin', []);
	users.coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	users.worker = await signedInUser(su, 'worker', [home.gemeente.id]);
	users.buurtWorker = await signedInUser(su, 'worker', [home.buurt.id]);
	users.viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	users.otherCoordinator = await signedInUser(su, 'coordinator', [other.wijk.id]);
	const door = async (area: string, number: string) =>
		(
			await su.collection('addresses').create({
				street: `Zoekdreef${tag}`,
				number,
				postcode: '3563AB',
				city: 'Utrecht',
				location: { lon: 5.001, lat: 52.001 },
				area
			})
		).id;
	const person = async (name: string, area: string, address: string) =>
		(
			await su.collection('people').create({
				display_name: name,
				contact: `mail-${tag}@example.org`,
				area,
				address,
				consent: consent()
			})
		).id;
	made.buurt = await person(`Fatima${tag}`, home.buurt.id, await door(home.buurt.id, '12'));
	made.wijk = await person(`Henk${tag}`, home.wijk.id, await door(home.wijk.id, '14'));
	made.noDoor = await person(`Fatima${tag} Bakker`, home.buurt.id, '');
	made.elsewhere = await person(`Fatima${tag}`, other.buurt.id, await door(other.buurt.id, '12'));
});

describe('whom the search finds', () => {
	it('is exactly what the records API lists for each role, in the same shape', async () => {
		const queries = [
			`fatima${tag}`,
			`Zoekdreef${tag}`,
			`zoekdreef${tag} 12`,
			`mail-${tag}`,
			`3563AB ${tag}`
		];
		const expected: Record<string, string[]> = {
			admin: [made.buurt, made.elsewhere, made.noDoor, made.wijk],
			coordinator: [made.buurt, made.noDoor, made.wijk],
			worker: [made.buurt, made.noDoor, made.wijk],
			buurtWorker: [made.buurt, made.noDoor],
			otherCoordinator: [made.elsewhere],
			viewer: []
		};
		for (const [name, user] of Object.entries(users)) {
			const found = new Set<string>();
			for (const query of queries) {
				const hits = await peopleApi(user.pb).search(query);
				for (const hit of hits) found.add(hit.id);
				if (name === 'viewer') continue;
				expect(hits, `${name}: ${query}`).toEqual(await recordsApiSearch(user.pb, query));
			}
			expect([...found].sort(), name).toEqual([...expected[name]].sort());
		}
		// A viewer reads no people, so she may not even ask about their names
		// (pb_hooks/lib/field-access.js); without a filter her list is empty.
		const viewerAsks = users.viewer.pb.collection('people').getFullList({
			filter: su.filter('display_name ~ {:tag} || contact ~ {:tag}', { tag })
		});
		await expect(viewerAsks).rejects.toMatchObject({ status: 400 });
		expect(await users.viewer.pb.collection('people').getFullList()).toEqual([]);
		expect(
			await users.admin.pb.collection('people').getFullList({
				filter: su.filter('display_name ~ {:tag} || contact ~ {:tag}', { tag })
			})
		).toHaveLength(4);
		// Her door and area come along, as the page shows them; none without a door.
		const [fatima] = await peopleApi(users.buurtWorker.pb).search(`zoekdreef${tag} 12`);
		expect(fatima).toMatchObject({
			id: made.buurt,
			display_name: `Fatima${tag}`,
			expand: { address: { street: `Zoekdreef${tag}`, number: '12', postcode: '3563AB' } }
		});
		expect(fatima.expand?.area?.name).toMatch(/^Buurt /);
		expect(fatima.created).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/);
	});

	it('gives superusers everyone, like the records API', async () => {
		const hits = (await search(su, { query: `fatima${tag}` })).items;
		expect(hits).toEqual(await recordsApiSearch(su, `fatima${tag}`));
		expect(hits.map((h) => h.id).sort()).toEqual([made.buurt, made.elsewhere, made.noDoor].sort());
	});

	it('audits a search with hits as a list of people, and one without none', async () => {
		const coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
		const hits = await peopleApi(coordinator.pb).search(`fatima${tag}`);
		await peopleApi(coordinator.pb).search(`niemand${tag}`);
		const entries = await su.collection('audit_log').getFullList({
			filter: su.filter('actor = {:id}', { id: coordinator.id })
		});
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			action: 'list',
			targetCollection: 'people',
			targetId: '',
			details: { ids: hits.map((h) => h.id), count: 2, via: 'search' }
		});
		// Ids and counts only: nothing that was typed.
		expect(JSON.stringify(entries[0])).not.toContain(tag);
	});
});

describe('what the search refuses', () => {
	it('a caller not signed in (401), and bad input with a 400 naming `query`', async () => {
		expect(await statusOf(search(anonymousClient(), { query: `fatima${tag}` }))).toBe(401);
		for (const body of [{}, { query: 12 }, { query: ['x'] }, { query: 'x'.repeat(501) }]) {
			const error = await search(users.coordinator.pb, body).catch((e: unknown) => e);
			expect(error).toMatchObject({
				status: 400,
				response: { data: { query: expect.anything() } }
			});
		}
		// Too little to search: nothing, and nothing audited.
		expect((await search(users.coordinator.pb, { query: ' a ' })).items).toEqual([]);
	});

	it('an account that searches without end (429), while others still can', async () => {
		const coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
		const limit = serverSearch.SEARCHES_PER_MINUTE;
		let allowed = 0;
		let refused = 0;
		// The window is a minute from her first search: twice the limit runs well inside it.
		for (let i = 0; i < 2 * limit + 1 && refused === 0; i++) {
			const status = await statusOf(search(coordinator.pb, { query: `leeg${tag}` }));
			if (status === 0) allowed++;
			else if (status === 429) refused++;
			else throw new Error(`unexpected status ${status}`);
		}
		expect(refused).toBe(1);
		expect(allowed).toBeGreaterThanOrEqual(limit);
		expect((await search(users.coordinator.pb, { query: `fatima${tag}` })).items).toHaveLength(2);
	});
});

describe('the request log', () => {
	/** The log entries of requests sent with this user agent, once `count` of them are written. */
	async function logsOf(userAgent: string, count: number) {
		for (let i = 0; i < 100; i++) {
			const page = await su.logs.getList(1, 50, {
				filter: su.filter('data.userAgent = {:userAgent}', { userAgent })
			});
			if (page.items.length >= count) return page.items;
			// PocketBase writes its logs in batches, every few seconds.
			await new Promise((r) => setTimeout(r, 200));
		}
		throw new Error(`fewer than ${count} log entries for ${userAgent}`);
	}

	it('keeps three days, no IPs and no user ids', async () => {
		const settings = await su.settings.getAll();
		expect(settings.logs).toMatchObject({ maxDays: 3, logIP: false, logAuthId: false });
	});

	it('holds no search text, where a filter in the URL would have put it', async () => {
		const userAgent = `people-search-test-${unique()}`;
		const pb = new PocketBase(pocketbaseUrl());
		pb.autoCancellation(false);
		pb.authStore.save(users.coordinator.pb.authStore.token, users.coordinator.pb.authStore.record);
		pb.beforeSend = (url, options) => {
			options.headers = { ...options.headers, 'User-Agent': userAgent };
			return { url, options };
		};
		const word = `Fatima${tag}`;
		expect(await peopleApi(pb).search(`${word} zoekdreef${tag}`)).toHaveLength(1);
		// The old way, once: the server keeps a list's URL in the log without its filter
		// (pb_hooks/security.pb.js), so that holds no search text either.
		await recordsApiSearch(pb, word);
		const entries = await logsOf(userAgent, 2);
		const searches = entries.filter((e) => e.data.url === '/api/krachtkaart/people/search');
		const lists = entries.filter((e) => String(e.data.url).startsWith('/api/collections/people/'));
		expect(searches).toHaveLength(1);
		expect(lists).toHaveLength(1);
		const typed = [word, `zoekdreef${tag}`].map((w) => w.toLowerCase());
		expect(lists[0].data.url).toBe('/api/collections/people/records');
		for (const w of typed) {
			expect(JSON.stringify(searches).toLowerCase()).not.toContain(w);
			expect(JSON.stringify(lists).toLowerCase()).not.toContain(w);
		}
		expect(JSON.stringify(entries)).not.toContain(tag);
		expect(searches[0].message).toBe('POST /api/krachtkaart/people/search');
	});
});
