// Guards working on one asset on the map (built app, real PocketBase, headless Chromium): a
// coordinator moves an asset by dragging its pin into another buurt (and is refused outside her
// buurten), edits its title and themes (and is stopped by an empty title), confirms a stale asset
// is still current, and removes a link; a viewer reads an asset and can change nothing.
//
// Each test works on assets of its own, made by the superuser in beforeAll at street positions
// inside the fixture's buurten and away from every other asset, and deleted in afterAll (their
// links go with them) so the other test files see the fixture as it was.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import type PocketBase from 'pocketbase';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appSuperuser } from '../support/app-data';
import {
	launchBrowser,
	newPage,
	openMap,
	renderedFeatures,
	waitForMapIdle,
	type TestPage
} from '../support/browser';

const coordinator = inject('coordinator');
const viewer = inject('viewer');
const overvecht = inject('overvecht');

/** Generous: a slow 2-core machine drawing the map with software WebGL. */
const WAIT = { timeout: 20_000 };

type LonLat = { lon: number; lat: number };
type Pixel = { x: number; y: number };
type Buurt = { id: string; code: string; name: string; geometry: Polygon | MultiPolygon };

let browser: Browser;
let su: PocketBase;
const opened: TestPage[] = [];
/** Assets the tests made, removed at the end so other test files see the fixture as it was. */
const created: string[] = [];

let buurten: Buurt[] = [];
let coordinatorId = '';

/** The assets of this file, one (or two) per test. */
const fixture = {
	/** Dragged from the address's buurt into freePoint's buurt, to `moveTarget`. */
	move: { id: '', at: { lon: 0, lat: 0 } },
	moveTarget: { lon: 0, lat: 0 },
	edit: { id: '', at: { lon: 0, lat: 0 } },
	/** Last confirmed long ago (set by the superuser, which the server allows). */
	stale: { id: '', at: { lon: 0, lat: 0 } },
	unlink: { id: '', at: { lon: 0, lat: 0 } },
	/** Stale too, and linked to the initiative: what a viewer must not be able to change. */
	viewer: { id: '', at: { lon: 0, lat: 0 } }
};

/** Long ago: far beyond any `staleAfterDays`. */
const LONG_AGO = '2020-01-06 10:00:00.000Z';

// ---- geometry (in Node, on the buurten as the server has them) ------------------------------

/** Rough metres between two nearby points (good enough at 52°N for spacing test positions). */
function metres(a: LonLat, b: LonLat): number {
	const dx = (a.lon - b.lon) * 68_500;
	const dy = (a.lat - b.lat) * 111_200;
	return Math.hypot(dx, dy);
}

function inside(p: LonLat, geometry: Polygon | MultiPolygon): boolean {
	return booleanPointInPolygon([p.lon, p.lat], geometry);
}

/** The buurt a point lies in, as the app decides it (the user's buurten); null outside them. */
function buurtAt(p: LonLat): Buurt | null {
	return buurten.find((b) => inside(p, b.geometry)) ?? null;
}

/**
 * A point in the buurt near `origin`, well inside it (about 40 m from its edge) and at least
 * 80 m from every point in `avoid`: its own spot on the map at street zoom. Deterministic.
 */
function spotIn(buurtId: string, origin: LonLat, avoid: LonLat[]): LonLat {
	const buurt = buurten.find((b) => b.id === buurtId);
	if (!buurt) throw new Error(`buurt ${buurtId} is not in the fixture`);
	const margin = 0.0004;
	for (let r = 0.001; r <= 0.006; r += 0.0005) {
		for (let step = 0; step < 12; step++) {
			const angle = (step * Math.PI) / 6;
			const p = {
				lon: origin.lon + (r * Math.cos(angle)) / 0.616,
				lat: origin.lat + r * Math.sin(angle)
			};
			const around = [
				{ lon: p.lon + margin / 0.616, lat: p.lat },
				{ lon: p.lon - margin / 0.616, lat: p.lat },
				{ lon: p.lon, lat: p.lat + margin },
				{ lon: p.lon, lat: p.lat - margin }
			];
			if (![p, ...around].every((q) => inside(q, buurt.geometry))) continue;
			if (avoid.some((q) => metres(p, q) < 80)) continue;
			return p;
		}
	}
	throw new Error(`no free spot in buurt ${buurt.code} near ${origin.lon},${origin.lat}`);
}

/** The nearest point outside all the user's buurten (with some margin), in one of 8 directions. */
function outsideNear(origin: LonLat): LonLat {
	const step = 0.0005;
	let best: LonLat | null = null;
	for (let dir = 0; dir < 8; dir++) {
		const angle = (dir * Math.PI) / 4;
		const at = (n: number) => ({
			lon: origin.lon + (n * step * Math.cos(angle)) / 0.616,
			lat: origin.lat + n * step * Math.sin(angle)
		});
		for (let n = 1; n <= 80; n++) {
			// Outside here and for the next two steps: clear of the edge, not in a gap between buurten.
			if ([n, n + 1, n + 2].every((k) => buurtAt(at(k)) === null)) {
				const found = at(n + 2);
				if (!best || metres(origin, found) < metres(origin, best)) best = found;
				break;
			}
		}
	}
	if (!best) throw new Error('no point outside the buurten near the asset');
	return best;
}

// ---- setup -----------------------------------------------------------------------------

async function createAsset(body: Record<string, unknown>): Promise<string> {
	const record = await su.collection('assets').create({
		precision: 'street',
		status: 'active',
		isDemo: true,
		...body
	});
	created.push(record.id);
	return record.id;
}

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();

	const areas = await su
		.collection('areas')
		.getFullList({ filter: su.filter('parent = {:wijk}', { wijk: overvecht.wijkId }) });
	buurten = areas.map((a) => ({ id: a.id, code: a.code, name: a.name, geometry: a.geometry }));
	coordinatorId = (
		await su
			.collection('users')
			.getFirstListItem(su.filter('email = {:email}', { email: coordinator.email }))
	).id;

	// Away from every asset there is (the fixture's, ended ones too) and from the fixture's points.
	const existing = await su.collection('assets').getFullList({ fields: 'location' });
	const taken: LonLat[] = [
		...existing.map((a) => a.location as LonLat),
		overvecht.freePoint,
		overvecht.address
	];
	const spot = (buurtId: string, origin: LonLat) => {
		const p = spotIn(buurtId, origin, taken);
		taken.push(p);
		return p;
	};
	const free = overvecht.freePoint;
	fixture.move.at = spot(overvecht.address.buurtId, overvecht.address);
	fixture.moveTarget = spot(free.buurtId, free);
	fixture.edit.at = spot(free.buurtId, free);
	fixture.stale.at = spot(free.buurtId, free);
	fixture.unlink.at = spot(free.buurtId, free);
	fixture.viewer.at = spot(free.buurtId, free);

	fixture.move.id = await createAsset({
		kind: 'place',
		title: 'E2E Bankje bij de vijver',
		location: fixture.move.at,
		area: overvecht.address.buurtId
	});
	fixture.edit.id = await createAsset({
		kind: 'association',
		title: 'E2E Speeltuinvereniging',
		themes: ['jeugd'],
		location: fixture.edit.at,
		area: free.buurtId
	});
	fixture.stale.id = await createAsset({
		kind: 'initiative',
		title: 'E2E Repair café in de kerk',
		location: fixture.stale.at,
		area: free.buurtId,
		confirmedAt: LONG_AGO
	});
	fixture.unlink.id = await createAsset({
		kind: 'capacity',
		title: 'E2E Helpt met de moestuin',
		location: fixture.unlink.at,
		area: free.buurtId
	});
	// Exact: a viewer sees street- and area-precision assets elsewhere than stored (pb_hooks/assets.pb.js).
	fixture.viewer.id = await createAsset({
		kind: 'institution',
		title: 'E2E Wijkcentrum Klopvaart',
		precision: 'exact',
		location: fixture.viewer.at,
		area: free.buurtId,
		confirmedAt: LONG_AGO
	});
	await su
		.collection('links')
		.create({ from: fixture.viewer.id, to: overvecht.initiativeId, kind: 'supports' });

	// The premise of the stale tests: a superuser may set the confirmation date as it is.
	const stale = await su.collection('assets').getOne(fixture.stale.id);
	if (!String(stale.confirmedAt).startsWith('2020-01-06')) {
		throw new Error(`the superuser could not set confirmedAt (got '${stale.confirmedAt}')`);
	}
});

afterAll(async () => {
	for (const t of opened) await t.context.close().catch(() => {});
	await browser?.close();
	for (const id of created)
		await su
			.collection('assets')
			.delete(id)
			.catch(() => {});
});

// ---- the browser -----------------------------------------------------------------------

async function open(): Promise<TestPage> {
	const t = await newPage(browser);
	opened.push(t);
	return t;
}

/** Opens an asset from the list of what is in view (the map shows the whole wijk at first). */
async function openAsset(page: Page, id: string) {
	await page
		.getByTestId('in-view')
		.locator(`[data-testid="asset-list-item"][data-id="${id}"]`)
		.click(WAIT);
	await page.locator(`[data-testid="asset-detail"][data-id="${id}"]`).waitFor(WAIT);
}

/** Writes (not reads) to assets or links that the page sends to the server. */
function recordWrites(page: Page): Request[] {
	const writes: Request[] = [];
	page.on('request', (request) => {
		if (request.method() === 'GET') return;
		if (/\/api\/collections\/(assets|links)\/records/.test(request.url())) writes.push(request);
	});
	return writes;
}

/** Fits the map around the points, clear of the toolbar (top left) and the legend (right, 270 px wide). */
async function showPoints(page: Page, points: LonLat[]) {
	await page.evaluate((ps) => {
		const lons = ps.map((p) => p.lon);
		const lats = ps.map((p) => p.lat);
		window.__krachtkaartMap!.fitBounds(
			[
				[Math.min(...lons), Math.min(...lats)],
				[Math.max(...lons), Math.max(...lats)]
			],
			{ padding: { top: 140, left: 140, right: 340, bottom: 200 }, maxZoom: 16, duration: 0 }
		);
	}, points);
	await waitForMapIdle(page);
}

/** Where a place is on the page (client pixels) at the map's current camera. */
async function pixelOf(page: Page, p: LonLat): Promise<Pixel> {
	return page.evaluate((point) => {
		const map = window.__krachtkaartMap!;
		const pixel = map.project([point.lon, point.lat]);
		const box = map.getCanvas().getBoundingClientRect();
		return { x: box.left + pixel.x, y: box.top + pixel.y };
	}, p);
}

/** The place under a page pixel (map.unproject) at the map's current camera. */
async function lonLatAt(page: Page, at: Pixel): Promise<LonLat> {
	return page.evaluate((pixel) => {
		const map = window.__krachtkaartMap!;
		const box = map.getCanvas().getBoundingClientRect();
		const { lng, lat } = map.unproject([pixel.x - box.left, pixel.y - box.top]);
		return { lon: lng, lat };
	}, at);
}

/** How many screen pixels apart two places are at the map's current camera. */
async function pixelsApart(page: Page, a: LonLat, b: LonLat): Promise<number> {
	const [pa, pb] = [await pixelOf(page, a), await pixelOf(page, b)];
	return Math.hypot(pa.x - pb.x, pa.y - pb.y);
}

/** The point of the pin (its bottom centre: the marker is anchored there), in page pixels. */
async function pinTip(page: Page): Promise<Pixel> {
	const box = await page.getByTestId('map-pin').boundingBox();
	if (!box) throw new Error('the pin is not on the page');
	return { x: box.x + box.width / 2, y: box.y + box.height };
}

/**
 * Drags the pin with the mouse so its point lands on `target` (page pixels): grabbed in its
 * head, moved in steps, let go. Returns the place the map has under the dropped point, read with
 * map.unproject before the drag.
 */
async function dragPinTo(page: Page, target: Pixel): Promise<LonLat> {
	const box = await page.getByTestId('map-pin').boundingBox();
	if (!box) throw new Error('the pin is not on the page');
	const tip = { x: box.x + box.width / 2, y: box.y + box.height };
	const grab = { x: Math.round(tip.x), y: Math.round(box.y + box.height * 0.35) };
	const release = { x: Math.round(target.x), y: Math.round(target.y + (grab.y - tip.y)) };
	const dropped = await lonLatAt(page, {
		x: release.x - (grab.x - tip.x),
		y: release.y - (grab.y - tip.y)
	});
	await page.mouse.move(grab.x, grab.y);
	await page.mouse.down();
	await page.mouse.move(release.x, release.y, { steps: 15 });
	await page.mouse.up();
	return dropped;
}

/** Centres the map on a point at street zoom, then clicks the map there (as a user would). */
async function clickMapAt(page: Page, point: LonLat) {
	await page.evaluate(
		(p) => window.__krachtkaartMap!.jumpTo({ center: [p.lon, p.lat], zoom: 16 }),
		point
	);
	await waitForMapIdle(page);
	const at = await pixelOf(page, point);
	await page.mouse.click(at.x, at.y);
}

/** Resolves once the map has handled the next click (after the app's own click handlers). */
async function armClickSeen(page: Page) {
	await page.evaluate(() => {
		const w = window as unknown as { __clickSeen?: Promise<void> };
		w.__clickSeen = new Promise<void>((resolve) =>
			window.__krachtkaartMap!.once('click', () => requestAnimationFrame(() => resolve()))
		);
	});
	return () =>
		page.evaluate(() => (window as unknown as { __clickSeen?: Promise<void> }).__clickSeen);
}

/** "Laatst bevestigd op <today> door <name>", where today may have turned during the test. */
function confirmedTodayBy(before: string, after: string, name: string): RegExp {
	const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(
		`^Laatst bevestigd op (${escape(before)}|${escape(after)}) door ${escape(name)}$`
	);
}

function toast(page: Page, text: string) {
	return page.getByTestId('toast').filter({ hasText: text });
}

/** The date as the app shows it in Dutch ('3 mrt. 2025'), in the browser's time zone. */
async function dutchDate(page: Page, iso?: string): Promise<string> {
	return page.evaluate(
		(at) =>
			new Intl.DateTimeFormat('nl', { dateStyle: 'medium' }).format(
				at ? new Date(at.replace(' ', 'T')) : new Date()
			),
		iso ?? null
	);
}

// ---- the tests -------------------------------------------------------------------------

describe('working on an asset', () => {
	it('moves an asset by dragging its pin into another buurt, and refuses a place outside them', async () => {
		const { id, at: from } = fixture.move;
		const target = fixture.moveTarget;
		expect(buurtAt(from)?.id).toBe(overvecht.address.buurtId);
		expect(buurtAt(target)?.id).toBe(overvecht.freePoint.buurtId);

		const { page } = await open();
		await openMap(page, coordinator);
		await openAsset(page, id);
		expect(await page.getByTestId('asset-detail-area').textContent()).toBe(
			buurten.find((b) => b.id === overvecht.address.buurtId)!.name
		);

		// No pin while reading; editing puts a draggable pin on the asset.
		expect(await page.getByTestId('map-pin').count()).toBe(0);
		await page.getByTestId('asset-edit').click();
		await page.locator('[data-testid="asset-form"][data-mode="edit"]').waitFor(WAIT);
		await page.getByTestId('map-pin').waitFor(WAIT);
		await showPoints(page, [from, target]);
		const onAsset = await pinTip(page);
		const assetPixel = await pixelOf(page, from);
		expect(Math.hypot(onAsset.x - assetPixel.x, onAsset.y - assetPixel.y)).toBeLessThan(2);

		// Drag it to a spot in the next buurt: stored at once, in that buurt, by her.
		const writes = recordWrites(page);
		const dropped = await dragPinTo(page, await pixelOf(page, target));
		await toast(page, 'Nieuwe plek opgeslagen').waitFor(WAIT);
		await expect
			.poll(async () => {
				const stored = await su.collection('assets').getOne(id);
				return pixelsApart(page, stored.location, dropped);
			}, WAIT)
			.toBeLessThan(1.5);
		const moved = await su.collection('assets').getOne(id);
		expect(metres(moved.location, from)).toBeGreaterThan(100);
		expect(metres(moved.location, target)).toBeLessThan(15);
		expect(moved.area).toBe(overvecht.freePoint.buurtId);
		expect(moved.confirmedBy).toBe(coordinatorId);
		expect(writes).toHaveLength(1);
		expect(writes[0].method()).toBe('PATCH');
		// The form names the new buurt; the map draws the asset where it was dropped.
		await expect
			.poll(() => page.getByTestId('asset-form-place').textContent(), WAIT)
			.toContain(overvecht.freePoint.buurtName);
		await page.waitForFunction(
			({ assetId, p }) => {
				const map = window.__krachtkaartMap!;
				const { x, y } = map.project([p.lon, p.lat]);
				return map
					.queryRenderedFeatures(
						[
							[x - 4, y - 4],
							[x + 4, y + 4]
						],
						{ layers: ['assets'] }
					)
					.some((f) => f.id === assetId);
			},
			{ assetId: id, p: moved.location as LonLat },
			WAIT
		);

		// Dropped outside her buurten: refused with a message, nothing stored, the pin goes back.
		const outside = outsideNear(moved.location);
		expect(buurtAt(outside)).toBeNull();
		await showPoints(page, [moved.location, outside]);
		await dragPinTo(page, await pixelOf(page, outside));
		await toast(page, 'buiten je buurten').waitFor(WAIT);
		expect(await toast(page, 'buiten je buurten').textContent()).toContain(
			'de kracht blijft waar hij was'
		);
		await expect
			.poll(async () => {
				const tip = await pinTip(page);
				const home = await pixelOf(page, moved.location);
				return Math.hypot(tip.x - home.x, tip.y - home.y);
			}, WAIT)
			.toBeLessThan(2);
		const after = await su.collection('assets').getOne(id);
		expect(after.location).toEqual(moved.location);
		expect(after.area).toBe(moved.area);
		expect(after.updated).toBe(moved.updated);
		expect(writes).toHaveLength(1);

		// Saving the form keeps the new place (the form does not send a location); the pin goes.
		await page.getByTestId('asset-save').click();
		await page.locator(`[data-testid="asset-detail"][data-id="${id}"]`).waitFor(WAIT);
		await toast(page, 'Wijzigingen opgeslagen').waitFor(WAIT);
		expect(await page.getByTestId('map-pin').count()).toBe(0);
		expect(await page.getByTestId('asset-detail-area').textContent()).toBe(
			overvecht.freePoint.buurtName
		);
		const saved = await su.collection('assets').getOne(id);
		expect(saved.location).toEqual(moved.location);
		expect(saved.area).toBe(overvecht.freePoint.buurtId);
	});

	it('saves an edited title and theme, and stops an empty title at the field', async () => {
		const { id } = fixture.edit;
		const { page } = await open();
		await openMap(page, coordinator);
		await openAsset(page, id);
		expect(await page.getByTestId('asset-detail-title').textContent()).toBe(
			'E2E Speeltuinvereniging'
		);

		await page.getByTestId('asset-edit').click();
		const form = page.locator('[data-testid="asset-form"][data-mode="edit"]');
		await form.waitFor(WAIT);
		const themes = form.getByRole('group', { name: "Thema's" });
		const theme = (name: string) => themes.getByRole('checkbox', { name, exact: true });
		expect(await page.getByTestId('asset-title').inputValue()).toBe('E2E Speeltuinvereniging');
		expect(await theme('Jeugd').isChecked()).toBe(true);
		expect(await theme('Groen').isChecked()).toBe(false);

		const title = 'E2E Speeltuinvereniging De Klopvaart';
		await page.getByTestId('asset-title').fill(title);
		await theme('Groen').check();
		await theme('Jeugd').uncheck();
		await page.getByTestId('asset-save').click();

		// The panel shows the saved asset, the server has it (edited by her: confirmed by her).
		await toast(page, 'Wijzigingen opgeslagen').waitFor(WAIT);
		await page.locator(`[data-testid="asset-detail"][data-id="${id}"]`).waitFor(WAIT);
		expect(await form.count()).toBe(0);
		expect(await page.getByTestId('asset-detail-title').textContent()).toBe(title);
		expect((await page.getByTestId('asset-detail-themes').textContent())?.trim()).toBe('Groen');
		const stored = await su.collection('assets').getOne(id);
		expect(stored).toMatchObject({ title, themes: ['groen'], kind: 'association' });
		expect(stored.confirmedBy).toBe(coordinatorId);

		// The list of what is in view has the new title.
		await page.getByTestId('asset-detail-close').click();
		const item = page
			.getByTestId('in-view')
			.locator(`[data-testid="asset-list-item"][data-id="${id}"]`);
		await item.waitFor(WAIT);
		expect(await item.textContent()).toContain(title);

		// An empty title: the field says so, nothing is sent, the server keeps what it had.
		const writes = recordWrites(page);
		await item.click();
		await page.getByTestId('asset-edit').click();
		await form.waitFor(WAIT);
		await page.getByTestId('asset-title').fill('   ');
		await page.getByTestId('asset-save').click();
		const error = page.getByTestId('field-error-title');
		await error.waitFor(WAIT);
		expect(await error.textContent()).toContain('Vul dit in.');
		expect(await page.getByTestId('asset-title').getAttribute('aria-invalid')).toBe('true');
		expect(await form.count()).toBe(1);
		const unchanged = await su.collection('assets').getOne(id);
		expect(unchanged.title).toBe(title);
		expect(unchanged.updated).toBe(stored.updated);
		expect(writes).toHaveLength(0);

		// Cancelling leaves the saved title in the panel.
		await page.getByTestId('asset-cancel').click();
		await page.locator(`[data-testid="asset-detail"][data-id="${id}"]`).waitFor(WAIT);
		expect(await page.getByTestId('asset-detail-title').textContent()).toBe(title);
		expect(writes).toHaveLength(0);
	});

	it('confirms a stale asset: the warning goes, her name and today show, the server has her', async () => {
		const { id } = fixture.stale;
		const { page } = await open();
		await openMap(page, coordinator);

		// Flagged in the list and in the panel, with how long ago and who (nobody) confirmed it.
		const item = page
			.getByTestId('in-view')
			.locator(`[data-testid="asset-list-item"][data-id="${id}"]`);
		await item.waitFor(WAIT);
		expect(await item.textContent()).toContain('Lang niet bevestigd');
		await openAsset(page, id);
		const note = page.getByTestId('asset-detail-stale');
		await note.waitFor(WAIT);
		const days = Number((await note.textContent())?.match(/Al (\d+) dagen niet bevestigd/)?.[1]);
		expect(days).toBeGreaterThan(5 * 365);
		const confirmed = page.getByTestId('asset-detail-confirmed');
		expect(await confirmed.textContent()).toContain(
			`Laatst bevestigd op ${await dutchDate(page, LONG_AGO)}`
		);
		// The note holds the one confirm button; the actions have none while it is stale.
		expect(await page.getByTestId('asset-confirm').count()).toBe(1);
		const button = note.getByTestId('asset-confirm');
		expect((await button.textContent())?.trim()).toBe('Nog actueel');

		const today = await dutchDate(page);
		await button.click();
		await toast(page, 'is nog actueel').waitFor(WAIT);
		await note.waitFor({ state: 'detached', ...WAIT });
		await expect
			.poll(async () => (await confirmed.textContent())?.trim(), WAIT)
			.toMatch(confirmedTodayBy(today, await dutchDate(page), coordinator.name));

		const stored = await su.collection('assets').getOne(id);
		expect(stored.confirmedBy).toBe(coordinatorId);
		const age = Date.now() - Date.parse(String(stored.confirmedAt).replace(' ', 'T'));
		expect(age).toBeGreaterThanOrEqual(-60_000);
		expect(age).toBeLessThan(10 * 60_000);
		expect(stored.title).toBe('E2E Repair café in de kerk');

		// Current now: the actions offer confirming again, the list no longer flags it.
		await page.locator('.actions [data-testid="asset-confirm"]').waitFor(WAIT);
		await page.getByTestId('asset-detail-close').click();
		await item.waitFor(WAIT);
		expect(await item.textContent()).not.toContain('Lang niet bevestigd');
	});

	it('removes a link from the panel, the map and the server', async () => {
		const { id } = fixture.unlink;
		const linksFrom = () =>
			su.collection('links').getFullList({ filter: su.filter('from = {:id}', { id }) });
		const { page } = await open();
		await openMap(page, coordinator);
		await openAsset(page, id);
		expect(await page.getByTestId('asset-link').count()).toBe(0);

		// Link it to the initiative, as in the add test.
		await page.getByTestId('asset-link-open').click();
		await page.getByTestId('link-search').fill('moestuin');
		await page.locator(`[data-testid="link-option"][data-id="${overvecht.initiativeId}"]`).click();
		await page.getByTestId('link-kind').selectOption('supports');
		await page.getByTestId('link-submit').click();
		const link = page.getByTestId('asset-link').filter({ hasText: 'Moestuin Wolgadreef' });
		await link.waitFor(WAIT);
		const stored = await linksFrom();
		expect(stored.map((l) => [l.to, l.kind])).toEqual([[overvecht.initiativeId, 'supports']]);
		const linkId = stored[0].id;
		expect(await link.getAttribute('data-link-id')).toBe(linkId);
		// Drawn as a line from the open asset.
		await showPoints(page, [fixture.unlink.at, await initiativeLocation()]);
		await expect
			.poll(async () => (await renderedFeatures(page, ['links-selected'])).map((f) => f.id), WAIT)
			.toContain(linkId);

		// Remove it: gone from the panel, the server and the map.
		await link.getByTestId('asset-link-remove').click();
		await toast(page, 'Verbinding verwijderd').waitFor(WAIT);
		await link.waitFor({ state: 'detached', ...WAIT });
		expect(await page.getByTestId('asset-link').count()).toBe(0);
		expect(await page.getByTestId('asset-detail').textContent()).toContain(
			'Nog geen verbindingen.'
		);
		await expect.poll(async () => (await linksFrom()).length, WAIT).toBe(0);
		await expect
			.poll(async () => {
				await waitForMapIdle(page);
				return (await renderedFeatures(page, ['links', 'links-selected'])).map((f) => f.id);
			}, WAIT)
			.not.toContain(linkId);
		// Both assets are still there.
		expect((await su.collection('assets').getOne(id)).status).toBe('active');
		expect((await su.collection('assets').getOne(overvecht.initiativeId)).status).toBe('active');
	});

	it('shows a viewer an asset to read only: no actions, no adding, no pin to drag', async () => {
		const { id, at } = fixture.viewer;
		const { page } = await open();
		const writes = recordWrites(page);
		await openMap(page, viewer);

		// The map is ready and the toolbar is there, without the add button.
		await page.getByTestId('area-picker').waitFor(WAIT);
		expect(await page.getByTestId('add-asset').count()).toBe(0);

		// The panel: the asset, its stale note and link, but nothing to press.
		await openAsset(page, id);
		await page.getByTestId('asset-link').filter({ hasText: 'Moestuin Wolgadreef' }).waitFor(WAIT);
		const note = page.getByTestId('asset-detail-stale');
		await note.waitFor(WAIT);
		expect(await note.locator('button').count()).toBe(0);
		for (const testid of [
			'asset-edit',
			'asset-confirm',
			'asset-archive',
			'asset-restore',
			'asset-link-open',
			'asset-link-remove',
			'asset-form',
			'map-pin'
		]) {
			expect(await page.getByTestId(testid).count(), testid).toBe(0);
		}
		const detail = page.getByTestId('asset-detail');
		expect(await detail.textContent()).toContain('Je kunt deze kracht bekijken, niet wijzigen.');

		// Trying to drag the asset on the map only pans the map.
		await clickMapAt(page, at);
		await page.locator(`[data-testid="asset-detail"][data-id="${id}"]`).waitFor(WAIT);
		const grab = await pixelOf(page, at);
		await page.mouse.move(Math.round(grab.x), Math.round(grab.y));
		await page.mouse.down();
		await page.mouse.move(Math.round(grab.x) + 120, Math.round(grab.y) + 60, { steps: 10 });
		await page.mouse.up();
		await waitForMapIdle(page);
		expect(await page.getByTestId('map-pin').count()).toBe(0);
		const panned = await pixelOf(page, at);
		expect(panned.x - grab.x).toBeGreaterThan(60);

		// Clicking an empty spot of her buurt does not start adding an asset there.
		await page.getByTestId('asset-detail-close').click();
		await page.getByTestId('in-view').getByTestId('asset-list').waitFor(WAIT);
		const clickSeen = await armClickSeen(page);
		await clickMapAt(page, overvecht.freePoint);
		await clickSeen();
		for (const testid of ['asset-form', 'placing-bar', 'map-pin', 'asset-detail']) {
			expect(await page.getByTestId(testid).count(), testid).toBe(0);
		}
		// The map does take her clicks: one on the asset opens it.
		await clickMapAt(page, at);
		await page.locator(`[data-testid="asset-detail"][data-id="${id}"]`).waitFor(WAIT);
		expect(await page.getByTestId('asset-form').count()).toBe(0);

		// Nothing was sent, nothing changed.
		expect(writes.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
		const stored = await su.collection('assets').getOne(id);
		expect(stored.location).toEqual(at);
		expect(String(stored.confirmedAt)).toMatch(/^2020-01-06/);
		const links = await su
			.collection('links')
			.getFullList({ filter: su.filter('from = {:id}', { id }) });
		expect(links).toHaveLength(1);
	});
});

async function initiativeLocation(): Promise<LonLat> {
	return (await su.collection('assets').getOne(overvecht.initiativeId)).location as LonLat;
}
