// Guards the gap view (built app, real PocketBase, headless Chromium): in a small buurt of its own
// (10 addresses, 3 visited, "taal" raised 3 times with no asset near) a coordinator sees 30%
// coverage on the map and in the table, a hexagon's numbers on hover, exports the table as a Dutch
// Excel CSV and the map as a PNG, and opens the A4 report; a viewer picks whole quarters and sees
// the small street folded away as "minder dan 5 bewoners: niet getoond", never its counts.
import { readFile } from 'node:fs/promises';
import { cellToLatLng, latLngToCell } from 'h3-js';
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { appSuperuser } from '../support/app-data';
import {
	launchBrowser,
	newPage,
	renderedFeatures,
	signInBackTo,
	waitForMapIdle,
	type TestPage
} from '../support/browser';
import type { E2eUser } from '../support/app-global';

const appUrl = inject('appUrl');
const WAIT = { timeout: 30_000 };
const PASSWORD = 'Vlekken-zoeker-77';
const tag = Date.now().toString(36);
const BUURT_NAME = `Proefbuurt ${tag}`;

let browser: Browser;
let su: PocketBase;
const opened: TestPage[] = [];
const created: { collection: string; id: string }[] = [];
let coordinator: E2eUser;
let viewer: E2eUser;
let buurtId = '';
/** The middle of the hexagon the visited street lies in. */
let cellMiddle = { lon: 0, lat: 0 };

async function create(collection: string, body: Record<string, unknown>) {
	const record = await su.collection(collection).create(body);
	created.push({ collection, id: record.id });
	return record;
}

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();

	const square = (lon: number, lat: number, w: number, h: number) => ({
		type: 'Polygon',
		coordinates: [
			[
				[lon, lat],
				[lon + w, lat],
				[lon + w, lat + h],
				[lon, lat + h],
				[lon, lat]
			]
		]
	});
	const wijk = await create('areas', {
		code: `WK-GAP-${tag}`,
		name: `Proefwijk ${tag}`,
		level: 'wijk',
		geometry: square(5.3, 52.3, 0.012, 0.008)
	});
	const buurt = await create('areas', {
		code: `BU-GAP-${tag}`,
		name: BUURT_NAME,
		level: 'buurt',
		parent: wijk.id,
		geometry: square(5.3, 52.3, 0.012, 0.008)
	});
	buurtId = buurt.id;

	const user = async (role: string) => {
		const email = `${role}-gaps-${tag}@example.org`;
		const record = await create('users', {
			email,
			password: PASSWORD,
			passwordConfirm: PASSWORD,
			name: `Proef ${role}`,
			role,
			areas: [wijk.id]
		});
		return { id: record.id, email, password: PASSWORD, name: `Proef ${role}` };
	};
	coordinator = await user('coordinator');
	viewer = await user('viewer');
	const worker = await user('worker');

	// Testlaan: 8 doors around the middle of one hexagon; Stillestraat: 2 doors far off, never visited.
	const [lat, lon] = cellToLatLng(latLngToCell(52.3025, 5.303, 9));
	cellMiddle = { lon, lat };
	const doors: string[] = [];
	for (let i = 0; i < 8; i++) {
		const door = await create('addresses', {
			street: 'Testlaan',
			number: String(i + 1),
			postcode: '1234 AB',
			city: 'Proefstad',
			location: { lon: lon + (i - 3.5) * 0.00008, lat: lat + 0.00005 },
			area: buurtId
		});
		doors.push(door.id);
	}
	for (const number of ['1', '2']) {
		await create('addresses', {
			street: 'Stillestraat',
			number,
			postcode: '1234 AC',
			city: 'Proefstad',
			location: { lon: 5.3105 + Number(number) * 0.0001, lat: 52.3065 },
			area: buurtId
		});
	}
	expect(latLngToCell(52.3065, 5.3106, 9)).not.toBe(latLngToCell(lat, lon, 9));

	// Three talks this period (all about taal), one at a fourth door in the period before.
	const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
	for (const [door, days] of [
		[0, 5],
		[1, 10],
		[2, 20],
		[3, 120]
	] as const) {
		await create('conversations', {
			area: buurtId,
			address: doors[door],
			worker: worker.id,
			heldAt: daysAgo(days),
			outcome: 'talked',
			themes: ['taal'],
			location: { lon, lat }
		});
	}
	// A playground for groen that nobody asked about, far from the hexagon; no key figure.
	await create('assets', {
		kind: 'place',
		title: `Speeltuin ${tag}`,
		themes: ['groen'],
		domain: ['fysiek'],
		location: { lon: 5.3015, lat: 52.3072 },
		precision: 'exact',
		area: buurtId,
		status: 'active'
	});
});

afterAll(async () => {
	for (const { context } of opened) await context.close().catch(() => {});
	await browser?.close();
	for (const { collection, id } of created.reverse()) {
		await su
			.collection(collection)
			.delete(id)
			.catch(() => {});
	}
});

async function signIn(user: E2eUser): Promise<Page> {
	const test = await newPage(browser);
	opened.push(test);
	const { page } = test;
	await page.goto(`${appUrl}/witte-vlekken`);
	// Coordinators also give the code the server mailed (read from the test server's mail drop).
	await signInBackTo(page, user, '/witte-vlekken');
	await page.locator('[data-testid="gaps-page"][data-status="ready"]').waitFor(WAIT);
	await waitForMapIdle(page);
	return page;
}

const buurtRow = (page: Page) => page.locator(`[data-testid="gap-buurt"][data-key="${buurtId}"]`);

it('shows a coordinator coverage, a hexagon’s numbers, the exports and the report', async () => {
	const page = await signIn(coordinator);

	// The map colours the buurt by its coverage; the table says 3 of 10.
	const drawn = await renderedFeatures(page, ['gaps-buurten-fill']);
	expect(drawn.find((f) => f.id === buurtId)?.properties.share).toBe(0.3);
	const visited = buurtRow(page).locator('[data-column="visited"]');
	expect(await visited.textContent()).toContain('3 van 10 (30%)');
	// One talk in the period before: the arrow points up.
	expect(await visited.getByTestId('trend').getAttribute('data-trend')).toBe('up');

	// The never-visited street stands out; the buurt without a key figure is hatched once asked.
	const streets = await renderedFeatures(page, ['gaps-streets']);
	expect(streets.map((f) => f.properties.street)).toContain('Stillestraat');
	await page.getByTestId('gaps-layer-keyFigures').check();
	await waitForMapIdle(page);
	expect((await renderedFeatures(page, ['gaps-nokey-buurten'])).map((f) => f.id)).toContain(
		buurtId
	);

	// Hovering the hexagon of Testlaan shows the numbers behind it.
	const at = await page.evaluate((point) => {
		const map = window.__krachtkaartMap!;
		const pixel = map.project([point.lon, point.lat]);
		const box = map.getCanvas().getBoundingClientRect();
		return { x: box.left + pixel.x, y: box.top + pixel.y };
	}, cellMiddle);
	await page.mouse.move(at.x, at.y);
	const tooltip = page.getByTestId('gap-tooltip');
	await tooltip.waitFor(WAIT);
	const numbers = (await tooltip.textContent()) ?? '';
	expect(numbers).toContain('Zeshoek');
	expect(numbers).toContain('3 van 8 (38%)');
	expect(numbers).toContain('Taal 3');

	// Themes: taal raised 3 times, all with no asset within 500 m; the playground nobody uses yet.
	await page.getByTestId('gap-tab-themes').click();
	const taal = page.locator('[data-testid="gap-theme"][data-key="taal"]');
	expect(await taal.locator('[data-column="unmet"]').textContent()).toContain('3');
	expect(await page.getByTestId('gap-unused').textContent()).toContain(`Speeltuin ${tag}`);

	// The layers and the open tab are in the URL: a reload (or a shared link) shows the same.
	await expect
		.poll(() => {
			const url = new URL(page.url());
			return [url.searchParams.get('tab'), url.searchParams.get('layers')];
		}, WAIT)
		.toEqual(['themes', 'coverage,cells,keyFigures,streets,assets']);
	await page.reload();
	await taal.waitFor(WAIT);
	expect(await page.getByTestId('gaps-layer-keyFigures').isChecked()).toBe(true);
	await page.getByTestId('gaps-layer-assets').uncheck();
	await expect
		.poll(() => new URL(page.url()).searchParams.get('layers'), WAIT)
		.toBe('coverage,cells,keyFigures,streets');

	// The open table as CSV for Dutch Excel: a BOM, semicolons, the buurt's row.
	await page.getByTestId('gap-tab-buurten').click();
	const [csv] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('gaps-export-csv').click()
	]);
	expect(csv.suggestedFilename()).toMatch(/^witte-vlekken-.*-\d{4}-\d{2}-\d{2}\.csv$/);
	const text = await readFile((await csv.path())!, 'utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const lines = text.slice(1).split(/\r?\n/);
	expect(lines[0]).toContain(';');
	const row = lines.find((line) => line.includes(BUURT_NAME));
	expect(row?.split(';')).toEqual(expect.arrayContaining(['10', '3', '30']));

	// The map as a PNG.
	const [png] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('gaps-export-png').click()
	]);
	expect(png.suggestedFilename()).toMatch(/\.png$/);
	const image = await readFile((await png.path())!);
	expect(image.subarray(1, 4).toString('latin1')).toBe('PNG');

	// The A4 report: same settings, the buurt's row and the map as a picture.
	await page.getByTestId('gaps-report-link').click();
	await page.waitForURL((url) => url.pathname === '/witte-vlekken/rapport', WAIT);
	await page.locator('[data-testid="gap-report"][data-image="ready"]').waitFor(WAIT);
	expect(
		await page.locator(`[data-testid="gap-report-buurten"] tr[data-key="${buurtId}"]`).textContent()
	).toContain('3 van 10 (30%)');
	expect(await page.getByTestId('gap-report-top').textContent()).toContain('Taal');
	const src = await page.getByTestId('gap-report-map').getAttribute('src');
	expect(src?.startsWith('data:image/png;base64,')).toBe(true);
});

it('shows a viewer only streets of at least 5 residents, the rest as "niet getoond"', async () => {
	const page = await signIn(viewer);
	await page.getByTestId('gaps-aggregated').waitFor(WAIT);
	// She picks whole quarters only (the server refuses her any other period).
	expect(await page.getByTestId('gaps-period').textContent()).toContain('hele kwartalen');
	expect(await page.getByTestId('gaps-period-note').textContent()).toContain('hele kwartalen');
	const row = buurtRow(page);
	expect(await row.getByTestId('suppressed-note').textContent()).toContain(
		'minder dan 5 bewoners: niet getoond (8 adressen)'
	);
	// Testlaan's three talks are nowhere: the buurt counts no visit, the street is not listed.
	expect(await row.locator('[data-column="visited"]').textContent()).toContain('0 van 2');
	await page.getByTestId('gap-tab-streets').click();
	const streets = await page
		.getByTestId('gap-street')
		.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key') ?? ''));
	expect(streets).not.toContain(`${buurtId}|Testlaan`);
	expect(streets).toContain(`${buurtId}|Stillestraat`);
});
