// Guards the map's snapshot route (GET /api/krachtkaart/assets/map, pb_hooks/lib/map-assets.js):
// it bypasses the API rules for speed, so for every role and every choice of areas it must give
// exactly the records, with exactly the values, that the records API gives under the list rule.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	anonymousClient,
	createAreaTree,
	signedInUser,
	superuserClient,
	SQUARE,
	unique,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

const FIELDS =
	'id,kind,title,description,themes,domain,gifts,location,precision,area,status,created,updated,confirmedAt,confirmedBy';

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
/** A second wijk with a buurt in home's gemeente, and a custom area right under the gemeente. */
let sibling: { wijk: string; buurt: string; custom: string };
const users: Record<string, SignedInUser> = {};

async function area(fields: Record<string, unknown>) {
	const tag = unique();
	return (
		await su.collection('areas').create({ code: `X-${tag}`, name: `Gebied ${tag}`, ...fields })
	).id;
}

async function asset(areaId: string, fields: Record<string, unknown> = {}) {
	return su.collection('assets').create({
		kind: 'capacity',
		title: `Kookt graag ${unique()}`,
		themes: ['eenzaamheid', 'taal'],
		domain: ['sociaal'],
		location: { lon: 5.003, lat: 52.004 },
		precision: 'street',
		area: areaId,
		status: 'active',
		...fields
	});
}

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	const wijk = await area({
		level: 'wijk',
		parent: home.gemeente.id,
		geometry: SQUARE(5.05, 52.0, 0.05)
	});
	sibling = {
		wijk,
		buurt: await area({ level: 'buurt', parent: wijk, geometry: SQUARE(5.05, 52.0, 0.01) }),
		custom: await area({
			level: 'custom',
			parent: home.gemeente.id,
			geometry: SQUARE(5.0, 52.0, 0.02)
		})
	};
	// Assets at every level, with empty and full optional fields, one ended.
	await asset(home.buurt.id, {
		kind: 'key_figure',
		description: 'Kent iedereen in de straat, "altijd" bereid.',
		gifts: ['heart', 'hands'],
		confirmedAt: '2024-05-01 09:30:00.000Z'
	});
	await asset(home.buurt.id, { status: 'ended', domain: ['sociaal', 'fysiek'] });
	await asset(home.wijk.id, { kind: 'institution', themes: [] });
	await asset(home.gemeente.id, { kind: 'initiative', precision: 'exact' });
	await asset(sibling.buurt, { kind: 'association' });
	await asset(sibling.custom, { kind: 'place', title: 'Speeltuin ’t Hofje' });
	await asset(elsewhere.buurt.id);
	users.admin = await signedInUser(su, 'admin', []);
	users.gemeenteCoordinator = await signedInUser(su, 'coordinator', [home.gemeente.id]);
	users.wijkCoordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	users.buurtWorker = await signedInUser(su, 'worker', [home.buurt.id]);
	users.twoWijkenViewer = await signedInUser(su, 'viewer', [home.wijk.id, sibling.wijk]);
	users.outsider = await signedInUser(su, 'worker', [elsewhere.wijk.id]);
	users.withoutAreas = await signedInUser(su, 'coordinator', []);
});

function snapshot(pb: PocketBase, areas: string[]) {
	return pb.send<Record<string, unknown>[]>('/api/krachtkaart/assets/map', {
		query: { areas: areas.join(',') },
		requestKey: null
	});
}

/** What the records API lists for the areas, under the caller's list rule. */
function listed(pb: PocketBase, areas: string[]) {
	const inArea = areas
		.map((_, i) => `area = {:a${i}} || area.parent = {:a${i}} || area.parent.parent = {:a${i}}`)
		.join(' || ');
	const params = Object.fromEntries(areas.map((id, i) => [`a${i}`, id]));
	return pb
		.collection('assets')
		.getFullList({ filter: pb.filter(inArea, params), fields: FIELDS, requestKey: null });
}

const byId = (items: Record<string, unknown>[]) =>
	[...items].sort((a, b) => String(a.id).localeCompare(String(b.id)));

describe('the map snapshot', () => {
	const choices: [string, () => string[]][] = [
		['the gemeente', () => [home.gemeente.id]],
		['a wijk', () => [home.wijk.id]],
		['a buurt', () => [home.buurt.id]],
		['a custom area', () => [sibling.custom]],
		['two wijken in two gemeenten', () => [home.wijk.id, elsewhere.wijk.id]],
		['an area without assets', () => [sibling.wijk, elsewhere.gemeente.id]]
	];
	const roles = [
		'admin',
		'gemeenteCoordinator',
		'wijkCoordinator',
		'buurtWorker',
		'twoWijkenViewer',
		'outsider',
		'withoutAreas'
	];

	for (const role of roles) {
		it(`gives the ${role} the same records as the list rule, for every choice of areas`, async () => {
			const pb = users[role].pb;
			for (const [, areas] of choices) {
				const fromSnapshot = byId(await snapshot(pb, areas()));
				const fromRecords = byId(await listed(pb, areas()));
				expect(fromSnapshot).toEqual(fromRecords);
			}
		});
	}

	it('is not empty where the rule allows (so the comparison above cannot pass by accident)', async () => {
		const counts = {
			admin: (await snapshot(users.admin.pb, [home.gemeente.id])).length,
			gemeente: (await snapshot(users.gemeenteCoordinator.pb, [home.gemeente.id])).length,
			wijk: (await snapshot(users.wijkCoordinator.pb, [home.gemeente.id])).length,
			buurt: (await snapshot(users.buurtWorker.pb, [home.gemeente.id])).length,
			viewer: (await snapshot(users.twoWijkenViewer.pb, [home.gemeente.id])).length,
			outsider: (await snapshot(users.outsider.pb, [home.gemeente.id])).length,
			none: (await snapshot(users.withoutAreas.pb, [home.gemeente.id])).length
		};
		// 6 in home's gemeente: 2 in the buurt (one ended), 1 on the wijk, 1 on the gemeente,
		// 1 in the sibling buurt, 1 in the custom area.
		expect(counts).toEqual({
			admin: 6,
			gemeente: 6,
			wijk: 3,
			buurt: 2,
			viewer: 4,
			outsider: 0,
			none: 0
		});
	});

	it('returns the values as the records API does: nested lists and points, dates, ended ones', async () => {
		const items = await snapshot(users.buurtWorker.pb, [home.buurt.id]);
		const keyFigure = items.find((a) => a.kind === 'key_figure');
		expect(keyFigure).toMatchObject({
			description: 'Kent iedereen in de straat, "altijd" bereid.',
			themes: ['eenzaamheid', 'taal'],
			gifts: ['heart', 'hands'],
			location: { lon: 5.003, lat: 52.004 },
			confirmedAt: '2024-05-01 09:30:00.000Z',
			confirmedBy: ''
		});
		expect(items.map((a) => a.status).sort()).toEqual(['active', 'ended']);
	});

	it('lets superusers see everything asked for', async () => {
		expect(await snapshot(su, [home.gemeente.id, elsewhere.gemeente.id])).toHaveLength(7);
	});

	it('refuses anonymous callers', async () => {
		await expect(snapshot(anonymousClient(), [home.gemeente.id])).rejects.toMatchObject({
			status: 401
		});
	});

	it('refuses missing, malformed and too many area ids with a clear message', async () => {
		const pb = users.admin.pb;
		for (const areas of [
			[],
			['nope'],
			[`${home.buurt.id}' OR 1=1 --`],
			[home.buurt.id, '"]'],
			Array.from({ length: 101 }, () => home.buurt.id)
		]) {
			await expect(snapshot(pb, areas)).rejects.toMatchObject({
				status: 400,
				response: { message: expect.stringContaining('area ids') }
			});
		}
	});
});
