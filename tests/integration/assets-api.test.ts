// Guards the asset map's API: server-stamped freshness, archive and undo, filtered lists that
// resist filter injection, areas kept apart (also through expand), and links between assets.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	createAreaTree,
	signedInUser,
	statusOf,
	superuserClient,
	unique,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
let admin: SignedInUser;
let coordinator: SignedInUser;
let worker: SignedInUser;
let viewer: SignedInUser;
let outsider: SignedInUser;

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	admin = await signedInUser(su, 'admin', []);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
	viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	outsider = await signedInUser(su, 'worker', [elsewhere.wijk.id]);
});

const point = { lon: 5.005, lat: 52.005 };
/** A confirmation long ago, as an import could have stored it. */
const OLD = '2020-01-01 00:00:00.000Z';

/** A fresh asset, made by the superuser (who may set freshness as given), in the home buurt. */
async function asset(fields: Record<string, unknown> = {}) {
	return su.collection('assets').create({
		kind: 'initiative',
		title: `Taalcafé ${unique()}`,
		description: 'Elke dinsdag',
		themes: ['taal'],
		domain: ['sociaal'],
		gifts: ['heart'],
		location: point,
		precision: 'exact',
		area: home.buurt.id,
		status: 'active',
		confirmedAt: OLD,
		...fields
	});
}

/** True when a PocketBase date lies within the last minute. */
function isRecent(date: string): boolean {
	const age = Date.now() - Date.parse(date.replace(' ', 'T'));
	return age >= -5_000 && age < 60_000;
}

describe('freshness', () => {
	it('is stamped by the server on create, whatever the client sends', async () => {
		const created = await worker.pb.collection('assets').create({
			kind: 'capacity',
			title: 'Kan goed luisteren',
			location: point,
			precision: 'street',
			area: home.buurt.id,
			status: 'active',
			confirmedAt: OLD,
			confirmedBy: coordinator.id
		});
		expect(created.confirmedBy).toBe(worker.id);
		expect(isRecent(created.confirmedAt)).toBe(true);
	});

	it('is stamped again by `confirm: true`, which changes nothing else', async () => {
		const before = await asset();
		const confirmed = await coordinator.pb
			.collection('assets')
			.update(before.id, { confirm: true });
		expect(confirmed.confirmedBy).toBe(coordinator.id);
		expect(isRecent(confirmed.confirmedAt)).toBe(true);
		const stored = await su.collection('assets').getOne(before.id);
		expect(stored.confirmedAt).toBe(confirmed.confirmedAt);
		expect({ ...stored, confirmedAt: '', confirmedBy: '', updated: '' }).toEqual({
			...before,
			confirmedAt: '',
			confirmedBy: '',
			updated: ''
		});
	});

	it.each([
		['title', 'Taalcafé de Linde'],
		['description', 'Nu ook op donderdag'],
		['kind', 'association'],
		['themes', ['taal', 'jeugd']],
		['domain', ['sociaal', 'fysiek']],
		['gifts', ['head']],
		['location', { lon: 5.006, lat: 52.006 }],
		['precision', 'street'],
		['status', 'paused']
	])('is stamped by an edit of %s', async (field, value) => {
		const before = await asset();
		const edited = await worker.pb.collection('assets').update(before.id, { [field]: value });
		expect(edited[field]).toEqual(value);
		expect(edited.confirmedBy).toBe(worker.id);
		expect(isRecent(edited.confirmedAt)).toBe(true);
	});

	it('is not stamped by an edit that changes no content', async () => {
		const before = await asset();
		const saved = await worker.pb.collection('assets').update(before.id, {
			title: before.title,
			themes: before.themes,
			location: before.location
		});
		expect(saved.confirmedAt).toBe(OLD);
		expect(saved.confirmedBy).toBe('');
	});

	it('cannot be forged by the client on update', async () => {
		const before = await asset();
		const forged = await worker.pb.collection('assets').update(before.id, {
			confirmedAt: '2099-01-01 00:00:00.000Z',
			confirmedBy: coordinator.id
		});
		expect(forged.confirmedAt).toBe(OLD);
		expect(forged.confirmedBy).toBe('');
		const edited = await worker.pb.collection('assets').update(before.id, {
			title: 'Taalcafé Overvecht',
			confirmedAt: '2099-01-01 00:00:00.000Z',
			confirmedBy: coordinator.id
		});
		expect(edited.confirmedBy).toBe(worker.id);
		expect(isRecent(edited.confirmedAt)).toBe(true);
	});

	it('cannot be confirmed by a viewer or by a worker of another area', async () => {
		const before = await asset();
		for (const user of [viewer, outsider]) {
			await expect(
				user.pb.collection('assets').update(before.id, { confirm: true })
			).rejects.toMatchObject({ status: 404 });
		}
		expect((await su.collection('assets').getOne(before.id)).confirmedAt).toBe(OLD);
	});

	it('is stored as given when a superuser (an import, the demo seeder) writes it', async () => {
		const imported = await asset({ confirmedBy: coordinator.id });
		expect(imported.confirmedAt).toBe(OLD);
		expect(imported.confirmedBy).toBe(coordinator.id);
	});
});

describe('archive', () => {
	it('lets a worker archive an asset (status ended) and undo it', async () => {
		const before = await asset();
		const archived = await worker.pb.collection('assets').update(before.id, { status: 'ended' });
		expect(archived.status).toBe('ended');
		const restored = await worker.pb.collection('assets').update(before.id, { status: 'active' });
		expect(restored.status).toBe('active');
		expect((await su.collection('assets').getOne(before.id)).status).toBe('active');
	});

	it('lets a coordinator archive, but not a viewer', async () => {
		const before = await asset();
		await expect(
			viewer.pb.collection('assets').update(before.id, { status: 'ended' })
		).rejects.toMatchObject({ status: 404 });
		const archived = await coordinator.pb
			.collection('assets')
			.update(before.id, { status: 'ended' });
		expect(archived.status).toBe('ended');
	});
});

describe('filtered lists', () => {
	let buurt: string;
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		// A buurt of its own, so the other tests' assets never show up in these lists.
		buurt = (
			await su.collection('areas').create({
				code: `BU-${unique()}`,
				name: 'Lijstbuurt',
				level: 'buurt',
				parent: home.wijk.id
			})
		).id;
		const rows = [
			['voetbal', 'initiative', ['jeugd', 'sport'], 'Voetbal op het plein', 'active'],
			['taalcafe', 'initiative', ['taal'], 'Taalcafé de Linde', 'active'],
			['buurtvader', 'key_figure', ['jeugd'], 'Buurtvader Ahmed', 'active'],
			['oudeclub', 'initiative', ['jeugd'], 'Voetbalclub Zuilen', 'ended'],
			['pluktuin', 'place', ['groen'], 'Pluktuin', 'paused']
		] as const;
		for (const [key, kind, themes, title, status] of rows) {
			ids[key] = (await asset({ area: buurt, kind, themes: [...themes], title, status })).id;
		}
	});

	/** The keys of the assets in the list buurt that match the filter, as the worker sees them. */
	async function matching(expr: string, params: Record<string, string>) {
		const pb = worker.pb;
		const page = await pb.collection('assets').getList(1, 100, {
			filter: pb.filter(`area = {:buurt} && (${expr})`, { ...params, buurt }),
			fields: 'id',
			skipTotal: true
		});
		const keyOf = new Map(Object.entries(ids).map(([key, id]) => [id, key]));
		return page.items.map((item) => keyOf.get(item.id)).sort();
	}

	it.each([
		['kind', 'kind = {:kind}', { kind: 'initiative' }, ['oudeclub', 'taalcafe', 'voetbal']],
		['theme', 'themes:each ?= {:theme}', { theme: 'jeugd' }, ['buurtvader', 'oudeclub', 'voetbal']],
		['status', 'status = {:status}', { status: 'active' }, ['buurtvader', 'taalcafe', 'voetbal']],
		['text', 'title ~ {:q} || description ~ {:q}', { q: 'voetbal' }, ['oudeclub', 'voetbal']],
		[
			'kind, theme, status and text',
			'kind = {:kind} && themes:each ?= {:theme} && status = {:status} && title ~ {:q}',
			{ kind: 'initiative', theme: 'jeugd', status: 'active', q: 'Voetbal' },
			['voetbal']
		]
	])('by %s', async (_name, expr, params, expected) => {
		expect(await matching(expr, params)).toEqual(expected);
	});

	it.each([`x" || id != "`, `x' || id != '`, `x\\" || id != "`, `x\\' || id != '`])(
		'treats %s in the text as text, matching nothing',
		async (q) => {
			expect(await matching('title ~ {:q} || description ~ {:q}', { q })).toEqual([]);
		}
	);
});

describe('areas kept apart', () => {
	it('never shows an outsider the assets of another area', async () => {
		const hidden = await asset({ title: `Verborgen ${unique()}` });
		const page = await outsider.pb.collection('assets').getList(1, 50, {
			filter: outsider.pb.filter('area = {:area} || id = {:id}', {
				area: home.buurt.id,
				id: hidden.id
			})
		});
		expect(page.items).toEqual([]);
		await expect(outsider.pb.collection('assets').getOne(hidden.id)).rejects.toMatchObject({
			status: 404
		});
	});

	it('never shows them through expand, from either end of a link', async () => {
		const hidden = await asset({ title: `Verborgen ${unique()}` });
		const own = await su.collection('assets').create({
			kind: 'key_figure',
			title: 'Sleutelfiguur elders',
			location: point,
			precision: 'street',
			area: elsewhere.buurt.id,
			status: 'active'
		});
		// Only an admin can make such a link; it must still not leak the asset across areas.
		await admin.pb.collection('links').create({ from: own.id, to: hidden.id, kind: 'knows' });
		await admin.pb.collection('links').create({ from: hidden.id, to: own.id, kind: 'knows' });

		const links = await outsider.pb.collection('links').getFullList({
			filter: outsider.pb.filter('from = {:id} || to = {:id}', { id: own.id }),
			expand: 'from,to'
		});
		expect(links).toHaveLength(1);
		expect(links[0].expand?.from?.id).toBe(own.id);
		expect(links[0].expand?.to).toBeUndefined();
		// Back-relations are refused in an expand before any query (pb_hooks/lib/field-access.js).
		const expand = 'links_via_from.to,links_via_to.from';
		const responses = [
			links,
			await statusOf(outsider.pb.collection('assets').getOne(own.id, { expand })),
			await statusOf(outsider.pb.collection('assets').getFullList({ expand }))
		];
		expect(responses.slice(1)).toEqual([400, 400]);
		for (const response of responses) {
			expect(JSON.stringify(response)).not.toContain(hidden.title);
		}
	});
});

describe('links', () => {
	it('are made by a worker between two assets of her areas, in her name', async () => {
		const [from, to] = [await asset({ kind: 'key_figure' }), await asset()];
		const link = await worker.pb
			.collection('links')
			.create({ from: from.id, to: to.id, kind: 'runs', createdBy: coordinator.id });
		expect(link).toMatchObject({ from: from.id, to: to.id, kind: 'runs', createdBy: worker.id });
	});

	it('are unique per (from, to, kind)', async () => {
		const [from, to] = [await asset({ kind: 'key_figure' }), await asset()];
		await worker.pb.collection('links').create({ from: from.id, to: to.id, kind: 'supports' });
		await expect(
			worker.pb.collection('links').create({ from: from.id, to: to.id, kind: 'supports' })
		).rejects.toMatchObject({ status: 400 });
		const other = await worker.pb
			.collection('links')
			.create({ from: from.id, to: to.id, kind: 'knows' });
		expect(other.kind).toBe('knows');
	});

	it('never reach an asset outside the worker’s areas, at either end', async () => {
		const own = await asset();
		const foreign = await su.collection('assets').create({
			kind: 'initiative',
			title: 'Buurtfeest elders',
			location: point,
			precision: 'exact',
			area: elsewhere.buurt.id,
			status: 'active'
		});
		for (const body of [
			{ from: own.id, to: foreign.id, kind: 'connects' },
			{ from: foreign.id, to: own.id, kind: 'connects' }
		]) {
			await expect(worker.pb.collection('links').create(body)).rejects.toMatchObject({
				status: 400
			});
		}
		const admins = await admin.pb
			.collection('links')
			.create({ from: own.id, to: foreign.id, kind: 'connects' });
		expect(admins.to).toBe(foreign.id);
	});

	it('cannot be re-pointed by a worker; their kind can change', async () => {
		const [from, to] = [await asset({ kind: 'key_figure' }), await asset()];
		const foreign = await su.collection('assets').create({
			kind: 'place',
			title: 'Plein elders',
			location: point,
			precision: 'exact',
			area: elsewhere.buurt.id,
			status: 'active'
		});
		const link = await worker.pb
			.collection('links')
			.create({ from: from.id, to: to.id, kind: 'supports' });
		await expect(
			worker.pb.collection('links').update(link.id, { to: foreign.id })
		).rejects.toMatchObject({ status: 404 });
		const changed = await worker.pb
			.collection('links')
			.update(link.id, { from: from.id, to: to.id, kind: 'runs' });
		expect(changed).toMatchObject({ from: from.id, to: to.id, kind: 'runs' });
	});

	it('disappear with the asset at either end', async () => {
		const [a, b, c] = [await asset({ kind: 'key_figure' }), await asset(), await asset()];
		await worker.pb.collection('links').create({ from: a.id, to: b.id, kind: 'runs' });
		await worker.pb.collection('links').create({ from: c.id, to: a.id, kind: 'knows' });
		const kept = await worker.pb
			.collection('links')
			.create({ from: b.id, to: c.id, kind: 'knows' });
		await coordinator.pb.collection('assets').delete(a.id);
		const left = await su.collection('links').getFullList({
			filter: su.filter('from = {:a} || to = {:a} || id = {:kept}', { a: a.id, kept: kept.id })
		});
		expect(left.map((l) => l.id)).toEqual([kept.id]);
	});
});

describe('street', () => {
	// Addresses of their own buurt, so the nearest one is known: Wolgadreef in the south-west
	// corner, Amazonedreef 500 m to the north-east.
	let tree: AreaTree;
	let worker: SignedInUser;
	const wolga = { lon: 5.003, lat: 52.003 };
	const amazone = { lon: 5.007, lat: 52.007 };

	beforeAll(async () => {
		tree = await createAreaTree(su);
		worker = await signedInUser(su, 'worker', [tree.wijk.id]);
		for (const [street, location] of [
			['Wolgadreef', wolga],
			['Amazonedreef', amazone]
		] as const) {
			await su
				.collection('addresses')
				.create({ street, number: '1', location, area: tree.buurt.id });
		}
	});

	const near = (p: { lon: number; lat: number }) => ({ lon: p.lon + 0.0002, lat: p.lat + 0.0001 });
	const body = (fields: Record<string, unknown>) => ({
		kind: 'capacity',
		title: `Fietsenmaker ${unique()}`,
		precision: 'street',
		area: tree.buurt.id,
		status: 'active',
		...fields
	});

	it('is the street of the nearest address, whatever the client sends', async () => {
		const record = await worker.pb
			.collection('assets')
			.create(body({ location: near(wolga), street: 'Verzonnenstraat' }));
		expect(record.street).toBe('Wolgadreef');
	});

	it('follows a move, and stays when only the text changes', async () => {
		const record = await worker.pb.collection('assets').create(body({ location: near(wolga) }));
		const moved = await worker.pb
			.collection('assets')
			.update(record.id, { location: near(amazone) });
		expect(moved.street).toBe('Amazonedreef');
		const renamed = await worker.pb
			.collection('assets')
			.update(record.id, { title: 'Fietsenmaker Ali', street: 'Verzonnenstraat' });
		expect(renamed.street).toBe('Amazonedreef');
	});

	it('is empty when no address lies within 250 m', async () => {
		// 0.0029° north-east of Amazonedreef: about 380 m.
		const far = { lon: amazone.lon + 0.0029, lat: amazone.lat + 0.0029 };
		const record = await worker.pb.collection('assets').create(body({ location: far }));
		expect(record.street).toBe('');
	});

	it('looks in the buurten of an asset kept on the wijk', async () => {
		const record = await worker.pb
			.collection('assets')
			.create(body({ kind: 'institution', location: near(amazone), area: tree.wijk.id }));
		expect(record.street).toBe('Amazonedreef');
	});
});
