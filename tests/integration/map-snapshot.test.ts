// Guards the map's snapshot route (GET /api/krachtkaart/map, pb_hooks/lib/map-snapshot.js): it
// bypasses the API rules and enrich hooks for speed, so for every role and every choice of areas
// it must give exactly the assets and links, with exactly the values, that the records API gives
// under the list rules (for viewers: the public points of street- and area-precision assets).
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

const ASSET_FIELDS =
	'id,kind,title,description,themes,domain,gifts,asksHelp,location,precision,area,street,status,created,updated,confirmedAt,confirmedBy';
const LINK_FIELDS = 'id,from,to,kind,note,created,updated,createdBy';

type Item = Record<string, unknown>;
interface Snapshot {
	assets: Item[];
	links: Item[];
}

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
/** A second wijk with a buurt in home's gemeente, and a custom area right under the gemeente. */
let sibling: { wijk: string; buurt: string; custom: string };
let snapshotStreet: string;
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
	// A street of five doors around the buurt's assets: the middle of it is a viewer's point.
	snapshotStreet = `Snapshotstraat ${unique()}`;
	for (let i = 0; i < 5; i++) {
		await su.collection('addresses').create({
			street: snapshotStreet,
			number: String(i + 1),
			location: { lon: 5.001 + i * 0.001, lat: 52.0045 },
			area: home.buurt.id
		});
	}
	// Assets at every level, with empty and full optional fields, one ended, one at area precision.
	const keyFigure = await asset(home.buurt.id, {
		kind: 'key_figure',
		description: 'Kent iedereen in de straat, "altijd" bereid.',
		gifts: ['heart', 'hands'],
		confirmedAt: '2024-05-01 09:30:00.000Z'
	});
	await asset(home.buurt.id, {
		status: 'ended',
		domain: ['sociaal', 'fysiek'],
		precision: 'area'
	});
	await asset(home.wijk.id, { kind: 'institution', themes: [] });
	const initiative = await asset(home.gemeente.id, { kind: 'initiative', precision: 'exact' });
	// Every stored point lies in its area (lib/area-of-point.js): this one in the sibling buurt.
	const association = await asset(sibling.buurt, {
		kind: 'association',
		location: { lon: 5.053, lat: 52.004 }
	});
	await asset(sibling.custom, { kind: 'place', title: 'Speeltuin ’t Hofje' });
	const far = await asset(elsewhere.buurt.id);
	// Links start where they are kept: at home, from the sibling wijk to elsewhere, and back.
	await su
		.collection('links')
		.create({ from: keyFigure.id, to: initiative.id, kind: 'runs', note: 'Elke "dinsdag"' });
	await su.collection('links').create({ from: association.id, to: far.id, kind: 'memberOf' });
	await su.collection('links').create({ from: far.id, to: keyFigure.id, kind: 'knows' });
	users.admin = await signedInUser(su, 'admin', []);
	users.gemeenteCoordinator = await signedInUser(su, 'coordinator', [home.gemeente.id]);
	users.wijkCoordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	users.buurtWorker = await signedInUser(su, 'worker', [home.buurt.id]);
	users.twoWijkenViewer = await signedInUser(su, 'viewer', [home.wijk.id, sibling.wijk]);
	users.buurtViewer = await signedInUser(su, 'viewer', [home.buurt.id]);
	users.outsider = await signedInUser(su, 'worker', [elsewhere.wijk.id]);
	users.withoutAreas = await signedInUser(su, 'coordinator', []);
});

function snapshot(pb: PocketBase, areas: string[]) {
	return pb.send<Snapshot>('/api/krachtkaart/map', {
		query: { areas: areas.join(',') },
		requestKey: null
	});
}

/** What the records API lists for the areas, under the caller's list rules. */
async function listed(pb: PocketBase, areas: string[]): Promise<Snapshot> {
	const inArea = (prefix: string) =>
		areas
			.map(
				(_, i) =>
					`${prefix}area = {:a${i}} || ${prefix}area.parent = {:a${i}} || ${prefix}area.parent.parent = {:a${i}}`
			)
			.join(' || ');
	const params = Object.fromEntries(areas.map((id, i) => [`a${i}`, id]));
	const options = (prefix: string, fields: string) => ({
		filter: pb.filter(inArea(prefix), params),
		fields,
		requestKey: null
	});
	return {
		assets: await pb.collection('assets').getFullList(options('', ASSET_FIELDS)),
		links: await pb.collection('links').getFullList(options('from.', LINK_FIELDS))
	};
}

const byId = (items: Item[]) => [...items].sort((a, b) => String(a.id).localeCompare(String(b.id)));
const sorted = ({ assets, links }: Snapshot) => ({ assets: byId(assets), links: byId(links) });

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
		'buurtViewer',
		'outsider',
		'withoutAreas'
	];

	for (const role of roles) {
		it(`gives the ${role} the same assets and links as the list rules, for every choice of areas`, async () => {
			const pb = users[role].pb;
			for (const [, areas] of choices) {
				const fromSnapshot = sorted(await snapshot(pb, areas()));
				const fromRecords = sorted(await listed(pb, areas()));
				expect(fromSnapshot).toEqual(fromRecords);
			}
		});
	}

	it('is not empty where the rules allow (so the comparison above cannot pass by accident)', async () => {
		const counts: Record<string, [number, number]> = {};
		for (const role of roles) {
			const { assets, links } = await snapshot(users[role].pb, [home.gemeente.id]);
			counts[role] = [assets.length, links.length];
		}
		// 6 assets in home's gemeente: 2 in the buurt (one ended), 1 on the wijk, 1 on the
		// gemeente, 1 in the sibling buurt, 1 in the custom area. Links go with their start.
		expect(counts).toEqual({
			admin: [6, 2],
			gemeenteCoordinator: [6, 2],
			wijkCoordinator: [3, 1],
			buurtWorker: [2, 1],
			twoWijkenViewer: [4, 2],
			buurtViewer: [2, 1],
			outsider: [0, 0],
			withoutAreas: [0, 0]
		});
	});

	it('returns the values as the records API does: nested lists and points, dates, ended ones', async () => {
		const { assets: items, links } = await snapshot(users.buurtWorker.pb, [home.buurt.id]);
		expect(links).toEqual([expect.objectContaining({ kind: 'runs', note: 'Elke "dinsdag"' })]);
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

	it('gives viewers the public point of street and area assets, and no street at area precision', async () => {
		const { assets: items } = await snapshot(users.buurtViewer.pb, [home.buurt.id]);
		const keyFigure = items.find((a) => a.kind === 'key_figure');
		const ended = items.find((a) => a.status === 'ended');
		// Stored at (5.003, 52.004); the middle of the street's five doors is (5.003, 52.0045).
		expect(keyFigure).toMatchObject({ precision: 'street', street: snapshotStreet });
		expect(keyFigure?.location).toEqual({
			lon: expect.closeTo(5.003, 9),
			lat: expect.closeTo(52.0045, 9)
		});
		// The buurt is SQUARE(5.0, 52.0, 0.01): the middle of its box.
		expect(ended).toMatchObject({ precision: 'area', street: '' });
		expect(ended?.location).toEqual({
			lon: expect.closeTo(5.005, 9),
			lat: expect.closeTo(52.005, 9)
		});
		const stored = await snapshot(users.buurtWorker.pb, [home.buurt.id]);
		expect(stored.assets.find((a) => a.status === 'ended')).toMatchObject({
			location: { lon: 5.003, lat: 52.004 },
			street: snapshotStreet
		});
		expect(JSON.stringify(items)).not.toContain('publicLocation');
	});

	it('lets superusers see everything asked for', async () => {
		const { assets, links } = await snapshot(su, [home.gemeente.id, elsewhere.gemeente.id]);
		expect([assets.length, links.length]).toEqual([7, 3]);
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
