// Guards issue 16's "Accessible" (WCAG 2.1 AA) on the built app in headless Chromium: axe-core
// on every screen, as the role that sees it, in Dutch and English, on a desktop (1280×800) and a
// phone (390×844), fails on any serious or critical violation. On the phone every control is at
// least 44×44 px (inline links in running text excepted); at 200% zoom (a 1280×800 screen is
// 640×400 CSS pixels) no screen scrolls sideways; a keyboard user sees where the focus is; and
// with reduced motion asked for, nothing on the page animates. One browser; each role signs in
// once and walks its screens (sign-ins are rate limited). The first-run tour, kept from opening by
// itself (tests/support/browser.ts), is one more screen: opened from "Meer" over the map.
import type PocketBase from 'pocketbase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newRecordId } from '$lib/sync/outbox';
import { contrastRatio, over, parseColor, type Rgba } from '$lib/ui/contrast';
import type { E2eUser } from '../support/app-global';
import { axeProblems } from '../support/axe';
import { appSuperuser, overvechtDoor, removeTalk, talkAtOvervecht } from '../support/app-data';
import {
	launchBrowser,
	newPage,
	signInBackTo,
	waitForMapIdle,
	type TestPage
} from '../support/browser';

const appUrl = inject('appUrl');
const overvecht = inject('overvecht');
const TAG = newRecordId().slice(0, 6);
const admin: E2eUser = {
	email: `admin-a11y-${TAG}@e2e.krachtkaart.nl`,
	password: 'Zwaluw-kade-9372-Toegang',
	name: 'Anouk Toegang'
};
const WAIT = { timeout: 30_000 };
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** A 1280×800 screen zoomed to 200%. */
const ZOOMED = { width: 640, height: 400 };
const LOCALES = ['nl', 'en'] as const;
const MIN_TARGET = 44;

interface Screen {
	name: string;
	path: () => string;
	/** The screen's root, by test id; waited for, and for its data-status to settle. */
	ready: string;
	map?: boolean;
	/** Opens what the screen is about (a panel, a form) after it loaded. */
	open?: (page: Page, phone: boolean) => Promise<void>;
}

let browser: Browser;
let su: PocketBase;
let adminId = '';
let doorId = '';
let talkId = '';
let personId = '';
let roundId = '';
let residentUrl = '';
const opened: TestPage[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	su = await appSuperuser();
	adminId = (
		await su.collection('users').create({
			...admin,
			passwordConfirm: admin.password,
			role: 'admin',
			areas: []
		})
	).id;
	doorId = (await overvechtDoor(su)).id;
	({ talkId, personId } = await talkAtOvervecht(su, {
		themes: ['zorg_voor_elkaar'],
		consent: ['first_name'],
		resident: { firstName: `Toegang ${TAG}` },
		gifts: [{ kind: 'hands', tag: `Voorlezen ${TAG}` }]
	}));
	if (!personId) throw new Error('[e2e] the talk grew no person, so there is no person page');
	const purpose = (await su.collection('purposes').getFirstListItem('')).id;
	const day = (offset: number) =>
		new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
	roundId = (
		await su.collection('rounds').create({
			name: `Ronde toegang ${TAG}`,
			purpose,
			startsOn: day(-3),
			endsOn: day(30),
			areas: [overvecht.address.buurtId],
			streets: [],
			themes: ['groen'],
			target: { doors: 4, talks: 2 }
		})
	).id;
});

afterAll(async () => {
	for (const { context } of opened) await context.close().catch(() => {});
	await browser?.close();
	if (talkId) await removeTalk(su, talkId, personId);
	for (const [collection, id] of [
		['rounds', roundId],
		['users', adminId]
	]) {
		if (id)
			await su
				.collection(collection)
				.delete(id)
				.catch(() => {});
	}
});

const street = () => encodeURIComponent(overvecht.address.street);

const MAP: Screen = { name: 'map', path: () => '/', ready: 'map-page', map: true };
const MAP_SCREENS: Screen[] = [
	MAP,
	{
		...MAP,
		name: 'map filters',
		open: async (page, phone) => {
			if (phone) await page.getByTestId('sheet-handle').click();
			await page.getByTestId('filter-panel').waitFor(WAIT);
		}
	},
	{
		...MAP,
		name: 'asset detail',
		path: () => `/?asset=${overvecht.visibleAssetIds[0]}`,
		open: (page) => page.getByTestId('asset-detail').waitFor(WAIT)
	}
];
const ADD_ASSET: Screen = {
	...MAP,
	name: 'add asset',
	open: async (page) => {
		await page.getByTestId('add-asset').click();
		await page.getByTestId('placing-bar').waitFor(WAIT);
		await clickMapAt(page, overvecht.freePoint);
		await page.getByTestId('asset-form').waitFor(WAIT);
	}
};
/** The role's first-run tour, opened again from "Meer" over the map (its own test:
 * first-run-tour.e2e.ts). */
const TOUR: Screen = {
	...MAP,
	name: 'first-run tour',
	open: async (page) => {
		await page.getByTestId('nav-more').click();
		await page.getByTestId('nav-tour').click();
		await page.locator('[data-testid="first-run-tour"][open]').waitFor(WAIT);
	}
};
const GAPS: Screen[] = [
	{ name: 'witte vlekken', path: () => '/witte-vlekken', ready: 'gaps-page', map: true },
	{ name: 'witte vlekken report', path: () => '/witte-vlekken/rapport', ready: 'gap-report' }
];

// On a phone the graph shows first and the map only after "Kaart": wait for the graph.
const NETWORK: Screen = {
	name: 'netwerk',
	path: () => '/netwerk',
	ready: 'network-page',
	open: (page) =>
		page.waitForFunction(() => window.__krachtkaartGraph !== undefined, null, WAIT).then(() => {})
};
// A viewer's network is counts per buurt: no graph, no map.
const NETWORK_COUNTS: Screen = { name: 'netwerk', path: () => '/netwerk', ready: 'network-page' };

const SCREENS: Record<'coordinator' | 'worker' | 'viewer' | 'admin', Screen[]> = {
	coordinator: [
		...MAP_SCREENS,
		ADD_ASSET,
		TOUR,
		...GAPS,
		NETWORK,
		{ name: 'bewoners', path: () => '/bewoners', ready: 'people-page' },
		{ name: 'person', path: () => `/bewoners/${personId}`, ready: 'person-page' },
		{ name: 'taken', path: () => '/taken', ready: 'tasks-page' },
		{ name: 'rondes', path: () => '/rondes', ready: 'rounds-page' },
		{ name: 'round', path: () => `/rondes/${roundId}`, ready: 'round-page' },
		{
			name: 'round progress',
			path: () => `/rondes/${roundId}/voortgang`,
			ready: 'round-progress-page'
		},
		{ name: 'import', path: () => '/beheer/import', ready: 'import-page' },
		{ name: 'export', path: () => '/beheer/export', ready: 'export-page' }
	],
	worker: [
		MAP,
		ADD_ASSET,
		TOUR,
		{ name: 'op pad', path: () => '/oppad', ready: 'walk-page' },
		{
			name: 'door form',
			path: () => `/oppad?deur=${doorId}`,
			ready: 'walk-page',
			open: (page) => page.getByTestId('conversation-form').waitFor(WAIT)
		},
		{ name: 'paper sheet', path: () => `/oppad/lijst?straat=${street()}`, ready: 'sheet-page' },
		{
			name: 'result entry',
			path: () => `/oppad/invoeren?straat=${street()}`,
			ready: 'sheet-entry-page'
		},
		{ name: 'taken', path: () => '/taken', ready: 'tasks-page' },
		{ name: 'kaart offline', path: () => '/kaart-offline', ready: 'offline-map-page' }
	],
	viewer: [...MAP_SCREENS, TOUR, ...GAPS, NETWORK_COUNTS],
	admin: [
		{ name: 'team', path: () => '/beheer/team', ready: 'team-page' },
		{ name: 'import', path: () => '/beheer/import', ready: 'import-page' },
		{ name: 'export', path: () => '/beheer/export', ready: 'export-page' },
		{ name: 'audit', path: () => '/beheer/audit', ready: 'audit-page' },
		{ name: 'status', path: () => '/beheer/status', ready: 'health-page' }
	]
};

/** Signed out: the login, the resident's own link, and the one-time links' pages. */
const PUBLIC: Screen[] = [
	{ name: 'login', path: () => '/login', ready: 'login-form' },
	{ name: 'resident link', path: () => new URL(residentUrl).pathname, ready: 'resident-page' },
	{ name: 'setup (link used up)', path: () => '/setup/not-a-real-token', ready: 'setup-page' },
	{ name: 'set password (bad link)', path: () => '/wachtwoord/not-a-token', ready: 'password-page' }
];

/** Clicks the map at a point (as a user places a new asset). */
async function clickMapAt(page: Page, point: { lon: number; lat: number }): Promise<void> {
	await page.evaluate(
		(p) => window.__krachtkaartMap!.jumpTo({ center: [p.lon, p.lat], zoom: 16 }),
		point
	);
	await waitForMapIdle(page);
	const at = await page.evaluate((p) => {
		const map = window.__krachtkaartMap!;
		const pixel = map.project([p.lon, p.lat]);
		const box = map.getCanvas().getBoundingClientRect();
		return { x: box.left + pixel.x, y: box.top + pixel.y };
	}, point);
	await page.mouse.click(at.x, at.y);
}

async function open(viewport = DESKTOP): Promise<Page> {
	const testPage = await newPage(browser, viewport);
	opened.push(testPage);
	// Stable screens for axe (no colour caught halfway through a transition).
	await testPage.page.emulateMedia({ reducedMotion: 'reduce' });
	return testPage.page;
}

async function show(page: Page, screen: Screen, locale: string, phone: boolean): Promise<void> {
	await page.evaluate((l) => localStorage.setItem('PARAGLIDE_LOCALE', l), locale);
	await page.goto(`${appUrl}${screen.path()}`);
	const root = page.getByTestId(screen.ready).first();
	await root.waitFor(WAIT);
	// Loaded: the screen's data-status (where it has one) left loading.
	await page
		.waitForFunction(
			(testid) => {
				const status = document
					.querySelector(`[data-testid="${testid}"]`)
					?.getAttribute('data-status');
				return !status || !['loading', 'idle', 'searching'].includes(status);
			},
			screen.ready,
			WAIT
		)
		.catch(() => {});
	if (screen.map) await waitForMapIdle(page);
	await screen.open?.(page, phone);
	// What loads after the screen's own data (a list, a button enabled by it) settles first.
	await page.waitForTimeout(400);
	expect(await page.getAttribute('html', 'lang')).toBe(locale);
}

/** Controls on the page smaller than 44×44 px (a control inside its label counts as the label;
 * links inside running text are exempt, as WCAG's target size allows). */
async function smallTargets(page: Page, where: string): Promise<string[]> {
	const small = await page.evaluate((min) => {
		const selector =
			'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="tab"], [role="checkbox"], [role="radio"]';
		const out: string[] = [];
		for (const element of document.querySelectorAll<HTMLElement>(selector)) {
			if (element.closest('p, .maplibregl-ctrl-attrib-inner, [aria-hidden="true"], [inert]'))
				continue;
			// A link in a line of text (credits, a sentence) is exempt, as in WCAG's target size.
			let block = element.parentElement;
			while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
			const line = block?.textContent?.trim().length ?? 0;
			if (element.tagName === 'A' && line > (element.textContent?.trim().length ?? 0) + 2) continue;
			const style = getComputedStyle(element);
			if (style.visibility === 'hidden' || style.display === 'none') continue;
			let box = element.getBoundingClientRect();
			if (box.width === 0 && box.height === 0) continue;
			const label =
				element.closest('label') ??
				(element.id ? document.querySelector(`label[for="${element.id}"]`) : null);
			if (label) {
				const outer = label.getBoundingClientRect();
				if (outer.width * outer.height > box.width * box.height) box = outer;
			}
			// Visually hidden controls (a styled checkbox's input) count through their label only.
			if (box.width <= 1 || box.height <= 1) continue;
			if (box.width + 0.5 >= min && box.height + 0.5 >= min) continue;
			const id = element.dataset.testid ? `[data-testid="${element.dataset.testid}"]` : '';
			const text = (element.getAttribute('aria-label') ?? element.textContent ?? '')
				.trim()
				.slice(0, 30);
			out.push(
				`${element.tagName.toLowerCase()}${id} "${text}" ${Math.round(box.width)}×${Math.round(box.height)}`
			);
		}
		return out;
	}, MIN_TARGET);
	return [...new Set(small)].map((target) => `${where}: target under 44 px: ${target}`);
}

async function sidewaysScroll(page: Page, where: string): Promise<string[]> {
	await page.setViewportSize(ZOOMED);
	await page.waitForTimeout(150);
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	await page.setViewportSize(DESKTOP);
	return overflow > 1 ? [`${where}: at 200% zoom the page scrolls sideways by ${overflow} px`] : [];
}

/** Walks the screens in both languages on a desktop and a phone; returns every problem found. */
async function check(page: Page, screens: Screen[], role: string): Promise<string[]> {
	const problems: string[] = [];
	for (const locale of LOCALES) {
		for (const phone of [false, true]) {
			await page.setViewportSize(phone ? PHONE : DESKTOP);
			for (const screen of screens) {
				const where = `${role} ${screen.name} [${locale}, ${phone ? 'phone' : 'desktop'}]`;
				await show(page, screen, locale, phone);
				problems.push(...(await axeProblems(page, where)));
				if (phone) problems.push(...(await smallTargets(page, where)));
				else if (locale === 'nl') problems.push(...(await sidewaysScroll(page, where)));
			}
		}
	}
	await page.evaluate(() => localStorage.setItem('PARAGLIDE_LOCALE', 'nl'));
	await page.setViewportSize(DESKTOP);
	return problems;
}

async function signedIn(user: E2eUser): Promise<Page> {
	const page = await open();
	await page.goto(`${appUrl}/`);
	await signInBackTo(page, user, '/');
	// Signed in for good (the header names her) before going elsewhere by URL: once a goto right
	// after the login's redirect landed on the login page again.
	await page.getByTestId('current-user').waitFor(WAIT);
	return page;
}

it('has no serious accessibility problem on the coordinator’s screens', async () => {
	const page = await signedIn(inject('coordinator'));
	// The resident's link, for the signed-out screens below.
	await page.goto(`${appUrl}/bewoners/${personId}`);
	await page.locator('[data-testid="person-page"][data-status="ready"]').waitFor(WAIT);
	await page.getByTestId('resident-link-create').click();
	const url = page.getByTestId('resident-link-url');
	await expect.poll(() => url.inputValue(), WAIT).toMatch(/\/mijn\//);
	residentUrl = await url.inputValue();
	expect(await check(page, SCREENS.coordinator, 'coordinator')).toEqual([]);
}, 600_000);

it('has no serious accessibility problem on the worker’s screens', async () => {
	const page = await signedIn(inject('worker'));
	expect(await check(page, SCREENS.worker, 'worker')).toEqual([]);
}, 600_000);

it('has no serious accessibility problem on the viewer’s screens', async () => {
	const page = await signedIn(inject('viewer'));
	expect(await check(page, SCREENS.viewer, 'viewer')).toEqual([]);
}, 600_000);

it('has no serious accessibility problem on the admin’s screens', async () => {
	const page = await signedIn(admin);
	expect(await check(page, SCREENS.admin, 'admin')).toEqual([]);
}, 600_000);

it('has no serious accessibility problem on the signed-out screens', async () => {
	expect(residentUrl).toMatch(/\/mijn\//);
	const page = await open();
	await page.goto(`${appUrl}/login`);
	expect(await check(page, PUBLIC, 'signed out')).toEqual([]);
}, 600_000);

/** What the focused element shows: its ring's colours (an outline, and box-shadows spread 2 px or
 * more), its own background, and the backgrounds behind it (nearest first) up to the first opaque
 * one. A control hidden in a chip shows its focus on the label round it. */
interface FocusLook {
	name: string;
	rings: string[];
	own: string;
	behind: string[];
}

const SEE_THROUGH: Rgba = [0, 0, 0, 0];
const WHITE: Rgba = [255, 255, 255, 1];
const MIN_RING_CONTRAST = 3;

/** The colour a stack of backgrounds (nearest first) shows, on a white page where it ends. */
function ground(layers: string[]): Rgba {
	return layers.reduceRight<Rgba>(
		(below, css) => over(parseColor(css) ?? SEE_THROUGH, below),
		WHITE
	);
}

/** Tabs through the next controls of the page (Shift+Tab: back) and names those that show no focus
 * ring, or one with no colour of 3:1 against what lies behind it and against the control's own
 * colour (WCAG 1.4.11). */
async function unseenFocus(page: Page, steps: number, key = 'Tab'): Promise<string[]> {
	const unseen: string[] = [];
	for (let step = 0; step < steps; step++) {
		await page.keyboard.press(key);
		const look = await page.evaluate(async (): Promise<FocusLook | null> => {
			// Under reduced motion every property still transitions for 0.01 ms (app.css): read the
			// ring once it is drawn, not the unfocused look it starts from.
			const transitions = document.getAnimations().filter((a) => a instanceof CSSTransition);
			await Promise.all(transitions.map((a) => a.finished.catch(() => {})));
			const active = document.activeElement as HTMLElement | null;
			if (!active || active === document.body) return null;
			const ringsOf = (element: Element) => {
				const style = getComputedStyle(element);
				const rings: string[] = [];
				if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
					rings.push(style.outlineColor);
				const shadow = /(rgba?\([^)]*\)) -?[\d.]+px -?[\d.]+px [\d.]+px (-?[\d.]+)px/g;
				for (const [, colour, spread] of style.boxShadow.matchAll(shadow))
					if (parseFloat(spread) >= 2) rings.push(colour);
				return rings;
			};
			const label = active.closest('label');
			const element = ringsOf(active).length === 0 && label ? label : active;
			const behind: string[] = [];
			for (let node = element.parentElement; node; node = node.parentElement) {
				const background = getComputedStyle(node).backgroundColor;
				behind.push(background);
				if (!/rgba|\/ /.test(background)) break;
			}
			const name = (active.getAttribute('aria-label') ?? active.textContent ?? '').trim();
			return {
				name: `${active.tagName} "${name.slice(0, 30)}"`,
				rings: ringsOf(element),
				own: getComputedStyle(element).backgroundColor,
				behind
			};
		});
		if (!look) continue;
		if (look.rings.length === 0) {
			unseen.push(`${look.name}: no ring`);
			continue;
		}
		const around = ground(look.behind);
		const own = over(parseColor(look.own) ?? SEE_THROUGH, around);
		const best = (against: Rgba) =>
			Math.max(
				...look.rings.map((ring) =>
					contrastRatio(over(parseColor(ring) ?? SEE_THROUGH, against), against)
				)
			);
		const [onPage, onOwn] = [best(around), best(own)];
		if (Math.min(onPage, onOwn) < MIN_RING_CONTRAST)
			unseen.push(
				`${look.name}: ring ${look.rings.join(' + ')} only ${onPage.toFixed(2)}:1 on its ground, ${onOwn.toFixed(2)}:1 on itself`
			);
	}
	return unseen;
}

it('shows where the keyboard focus is, signed out and in', async () => {
	const page = await open();
	await page.goto(`${appUrl}/login`);
	await page.getByTestId('login-form').waitFor(WAIT);
	expect(await unseenFocus(page, 6)).toEqual([]);

	const worker = await signedIn(inject('worker'));
	await worker.getByTestId('map-page').waitFor(WAIT);
	await worker.locator('body').click({ position: { x: 5, y: 300 } });
	expect(await unseenFocus(worker, 15)).toEqual([]);

	// From the top of a fresh page: the skip link and the dark header, where the ring's amber shows.
	await worker.reload();
	await worker.getByTestId('map-page').waitFor(WAIT);
	expect(await unseenFocus(worker, 8)).toEqual([]);

	// MapLibre's zoom buttons after the map, and back onto the map itself (its ring drawn inside).
	await waitForMapIdle(worker);
	await worker.locator('.maplibregl-canvas').focus();
	expect(await unseenFocus(worker, 2)).toEqual([]);
	expect(await unseenFocus(worker, 2, 'Shift+Tab')).toEqual([]);
	expect(await worker.evaluate(() => document.activeElement?.className)).toContain(
		'maplibregl-canvas'
	);
});

it('stops CSS animations and transitions when reduced motion is asked for', async () => {
	const page = await open();
	await page.goto(`${appUrl}/login`);
	await page.getByTestId('login-form').waitFor(WAIT);
	const moving = await page.evaluate(() => {
		const probe = document.createElement('div');
		probe.style.transition = 'opacity 2s';
		probe.style.animation = 'spin 2s infinite';
		document.body.append(probe);
		const style = getComputedStyle(probe);
		const long = (value: string) => value.split(',').some((part) => parseFloat(part) > 0.01);
		const result = long(style.transitionDuration) || long(style.animationDuration);
		probe.remove();
		return result;
	});
	expect(moving).toBe(false);
});
