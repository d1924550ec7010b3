// The offline chaos run (issue 14): a worker walks her buurten on a phone (390×844, headless
// Chromium, the app's service worker on) while everything that goes wrong in the street goes
// wrong, in a seeded random order: she logs talks and "niet thuis", double-taps save, loses her
// connection and gets it back, reloads, closes the tab and opens the app again, her session
// expires, the server is killed (kill -9) and started again, and the coordinator takes a buurt
// from her (the server refuses her talks there) and gives it back (she sends them again).
// At the end every talk the app said it saved is on the server exactly once, as she typed it.
//
//   npm run test:chaos                          1,000 steps, a new seed
//   KRACHTKAART_CHAOS_SEED=123 npm run test:chaos   the same run again
//   KRACHTKAART_CHAOS_STEPS=60                  a short run (CI)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, newPage, submitLogin } from '../support/browser';
import { PASSWORD, SQUARE, unique } from '../support/fixtures';
import {
	ROOT,
	signInTestSuperuser,
	startPocketBase,
	type RunningPocketBase
} from '../support/pocketbase';
import {
	nextStep,
	pick,
	seededRandom,
	talkContent,
	tally,
	type SavedTalk,
	type StepKind,
	type StoredTalk,
	type World
} from './chaos-plan';

declare module 'vitest' {
	interface TaskMeta {
		/** The run's figures, for the reporter's last line (tests/chaos/chaos-reporter.ts). */
		chaos?: { steps: number; lost: number; doubled: number; altered: number; seed: number };
	}
}

const STEPS = Number(process.env.KRACHTKAART_CHAOS_STEPS ?? 1000);
const SEED = Number(process.env.KRACHTKAART_CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PHONE = { width: 390, height: 844 };
const WAIT = { timeout: 30_000 };
/** Doors enough that talks (which take a door off the list) never run out. */
const DOORS_PER_STREET = 20;
const STREETS = Math.max(4, Math.ceil((STEPS * 0.3) / DOORS_PER_STREET) + 1);

let browser: Browser;
let server: RunningPocketBase;
let su: PocketBase;
let dataDir = '';
const areas = { a: '', b: '' };
const worker = { id: '', email: '', password: PASSWORD, name: 'Chaos Werker' };

async function startServer(port?: number) {
	server = await startPocketBase({
		dataDir,
		port,
		publicDir: join(ROOT, 'build'),
		env: { KRACHTKAART_BASEMAP: 'offline', KRACHTKAART_MAIL_DIR: inject('mailDir') }
	});
}

beforeAll(async () => {
	process.stdout.write(`[chaos] seed ${SEED}, ${STEPS} steps (KRACHTKAART_CHAOS_SEED=${SEED})\n`);
	browser = await launchBrowser();
	dataDir = mkdtempSync(join(tmpdir(), 'krachtkaart-chaos-'));
	mkdirSync(join(ROOT, 'tmp'), { recursive: true });
	await startServer();
	su = new PocketBase(server.url);
	su.autoCancellation(false);
	await signInTestSuperuser(su, dataDir);

	// A gemeente ▸ wijk ▸ two buurten in Utrecht; the second is the one the coordinator takes.
	const tag = unique();
	const gemeente = await su.collection('areas').create({
		code: `GM-${tag}`,
		name: 'Chaosstad',
		level: 'gemeente',
		geometry: SQUARE(5.1, 52.08, 0.04)
	});
	const wijk = await su.collection('areas').create({
		code: `WK-${tag}`,
		name: 'Chaoswijk',
		level: 'wijk',
		parent: gemeente.id,
		geometry: SQUARE(5.1, 52.08, 0.04)
	});
	for (const [key, lon] of [
		['a', 5.1],
		['b', 5.12]
	] as const) {
		const buurt = await su.collection('areas').create({
			code: `BU-${tag}-${key}`,
			name: `Chaosbuurt ${key.toUpperCase()}`,
			level: 'buurt',
			parent: wijk.id,
			geometry: SQUARE(lon, 52.08, 0.02)
		});
		areas[key] = buurt.id;
	}
	for (let s = 0; s < STREETS; s++) {
		// Every fourth street lies in buurt B.
		const inB = s % 4 === 3;
		const buurt = inB ? areas.b : areas.a;
		const lon = (inB ? 5.12 : 5.1) + 0.001 + (s % 4) * 0.004;
		const lat = 52.081 + Math.floor(s / 4) * 0.0005;
		for (let d = 0; d < DOORS_PER_STREET; d++) {
			await su.collection('addresses').create({
				street: `Stormstraat ${s + 1}`,
				number: String(d + 1),
				city: 'Utrecht',
				location: { lon: lon + d * 0.00005, lat },
				area: buurt
			});
		}
	}
	worker.email = `chaos-${tag}@test.krachtkaart.nl`;
	const record = await su.collection('users').create({
		email: worker.email,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: worker.name,
		role: 'worker',
		areas: [areas.a, areas.b]
	});
	worker.id = record.id;
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it(`walks ${STEPS} chaotic steps and every saved talk is on the server exactly once`, async (context) => {
	const random = seededRandom(SEED);
	const world: World = { online: true, serverUp: true, areaTaken: false, refused: 0 };
	const saved = new Map<string, SavedTalk>();
	const notHome = new Map<string, number>();
	const counts = new Map<string, number>();
	const trail: string[] = [];
	let skipped = 0;
	/** Times a street she had opened was folded again when she went to tap a door (must be 0). */
	let streetsClosedAgain = 0;
	/** Steps cut short because the app sent her to the login page (her session had ended). */
	let interrupted = 0;
	/** Doors that left her list between reading it and the tap (a visit came in). */
	let doorsGone = 0;
	/** Doors on her list again after a talk there. */
	const shownAgain: string[] = [];

	const phone = await newPage(browser, PHONE, { serviceWorker: true });
	const browserContext: BrowserContext = phone.context;
	let page: Page = phone.page;
	const url = server.url;
	const port = Number(new URL(url).port);

	// ---- the page: where she is, and getting back to the walk ----

	const path = () => new URL(page.url()).pathname;
	const reachable = () => world.online && world.serverUp;

	/** Brings her to a ready "Op pad"; false when she cannot get there now (signed out, offline). */
	async function toWalk(): Promise<boolean> {
		for (let tries = 0; tries < 5; tries++) {
			// Where the app has put her once it started (the login guard decides).
			const where = await page
				.waitForFunction(
					() => {
						const has = (selector: string) => document.querySelector(selector) !== null;
						if (window.location.pathname === '/login') {
							return has('[data-testid="login-form"]') ? 'login' : false;
						}
						if (has('[data-testid="walk-page"][data-status="ready"]')) return 'walk';
						if (has('[data-testid="nav-walk"]') && window.location.pathname !== '/oppad') {
							return 'elsewhere';
						}
						return false;
					},
					null,
					WAIT
				)
				.then((handle) => handle.jsonValue());
			if (where === 'login') {
				if (!reachable()) return false;
				await submitLogin(page, worker);
			} else if (where === 'elsewhere') {
				await page.getByTestId('nav-walk').click();
			} else {
				// Her login expired while talks wait: the banner's button takes her to sign in again.
				const expired = page.getByTestId('outbox-login-button');
				if (!reachable() || !(await expired.isVisible())) return true;
				await expired.click();
				await page.waitForURL((at) => at.pathname === '/login', WAIT);
			}
		}
		throw new Error('could not get to "Op pad" in 5 tries');
	}

	/**
	 * Loads the page anew (a reload, a new tab) and, while the server can answer, waits for the
	 * app's check of her session: an expired one sends her to the login page right after.
	 */
	async function load(open: () => Promise<unknown>) {
		const checked = reachable()
			? page
					.waitForResponse((response) => response.url().includes('/auth-refresh'), WAIT)
					.catch(() => null)
			: null;
		await open();
		await checked;
	}

	/** A door on her list, its street opened. */
	async function someDoor(): Promise<{ id: string; street: string } | null> {
		const doors = await page.$$eval('[data-testid="walk-door"]', (list) =>
			list.map((door) => ({
				id: (door as HTMLElement).dataset.id ?? '',
				street:
					(door.closest('[data-testid="walk-street"]') as HTMLElement | null)?.dataset.street ?? ''
			}))
		);
		if (doors.length === 0) return null;
		const door = pick(random, doors);
		// A door she talked at (or was turned away at) leaves her list for 30 days: never twice.
		const talked = [...saved.values()].filter((t) => t.address === door.id);
		if (talked.length > 0) {
			shownAgain.push(
				`${door.id} (${talked.map((t) => t.notes).join(', ')}) at step ${trail.findLast((t) => !t.startsWith('('))}, ${JSON.stringify(world)}`
			);
		}
		const street = page.locator(`[data-testid="walk-street"][data-street="${door.street}"]`);
		const button = doorLocator(door.id).getByTestId('walk-open');
		for (let tries = 0; !(await button.isVisible()); tries++) {
			if ((await button.count()) === 0) {
				const talks = [...saved.values()].filter((t) => t.address === door.id).length;
				process.stdout.write(
					`[chaos] door ${door.id} left the list before the tap (talks logged there: ${talks}, niet thuis: ${notHome.get(door.id) ?? 0}, online: ${world.online})\n`
				);
				doorsGone += 1;
				return null;
			}
			if (tries === 3) throw new Error(`the street ${door.street} does not stay open`);
			if (tries > 0) streetsClosedAgain += 1;
			if (!(await street.evaluate((details) => (details as HTMLDetailsElement).open))) {
				await street.locator('summary').click();
			}
			await button.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
		}
		return door;
	}

	const doorLocator = (id: string) => page.locator(`[data-testid="walk-door"][data-id="${id}"]`);

	/**
	 * Taps a door's button; true once tapped, false if the door left her list. A reload of the list
	 * now and then folds a street she had opened (counted): it is opened again.
	 */
	async function tap(door: { id: string; street: string }, testid: string): Promise<boolean> {
		const button = doorLocator(door.id).getByTestId(testid);
		for (let tries = 0; tries < 3; tries++) {
			try {
				await button.click({ timeout: 5_000 });
				return true;
			} catch (error) {
				if ((await button.count()) === 0) return false;
				if (tries === 2) throw error;
			}
			streetsClosedAgain += 1;
			const street = page.locator(`[data-testid="walk-street"][data-street="${door.street}"]`);
			if (!(await street.evaluate((details) => (details as HTMLDetailsElement).open))) {
				await street.locator('summary').click();
			}
		}
		return false;
	}

	async function logTalk(doubleTap: boolean) {
		if (!(await toWalk())) return false;
		const door = await someDoor();
		if (!door) return false;
		if (!(await tap(door, 'walk-open'))) return false;
		const form = page.getByTestId('conversation-form');
		await form.waitFor(WAIT);
		const mark = `chaos ${SEED} #${saved.size + 1}`;
		const content = talkContent(random, mark);
		if (content.outcome === 'declined') {
			await form.getByTestId('conversation-outcome-declined').check();
		}
		for (const theme of content.themes) {
			await form.getByTestId(`conversation-theme-${theme}`).check();
		}
		if (content.willingToHelp) await form.getByTestId('conversation-willing').check();
		await form.getByTestId('conversation-notes').fill(content.notes);
		const save = form.getByTestId('conversation-save');
		pending = { kind: 'talk', mark, talk: { ...content, address: door.id } };
		if (doubleTap) await save.dblclick();
		else await save.click();
		// Saved on the phone: the form closes once the outbox holds it.
		await form.waitFor({ state: 'detached', ...WAIT });
		saved.set(mark, { ...content, address: door.id });
		pending = null;
		trail.push(`(saved ${mark} at ${door.id})`);
		return true;
	}

	async function tapNotHome() {
		if (!(await toWalk())) return false;
		const door = await someDoor();
		if (!door) return false;
		const history = doorLocator(door.id).getByTestId('walk-door-history');
		const before =
			(await history.count()) === 0 ? 0 : Number(await history.getAttribute('data-count'));
		pending = { kind: 'not-home', door: door.id };
		if (!(await tap(door, 'walk-not-home'))) return false;
		await expect
			.poll(async () => Number((await history.getAttribute('data-count')) ?? 0), WAIT)
			.toBeGreaterThan(before);
		notHome.set(door.id, (notHome.get(door.id) ?? 0) + 1);
		pending = null;
		return true;
	}

	async function resendRefused() {
		if (!(await toWalk())) return false;
		const id = await page
			.getByTestId('outbox-rejected-item')
			.first()
			.getAttribute('data-id', { timeout: 2_000 })
			.catch(() => null);
		if (!id) return false;
		const resend = page
			.locator(`[data-testid="outbox-rejected-item"][data-id="${id}"]`)
			.getByTestId('outbox-rejected-resend');
		try {
			await resend.click({ timeout: 5_000 });
		} catch (error) {
			// Already on its way again (a tap of the step before, read late): nothing to tap.
			if ((await resend.count()) > 0) throw error;
			return false;
		}
		return true;
	}

	async function reopenTab() {
		await page.close();
		page = await browserContext.newPage();
		await load(() => page.goto(`${url}/oppad`));
		return true;
	}

	/** What a step was saving when it was cut short, to find out whether it was kept. */
	let pending:
		{ kind: 'talk'; mark: string; talk: SavedTalk } | { kind: 'not-home'; door: string } | null =
		null;

	/** The conversations waiting on the phone (its outbox in IndexedDB). */
	const onThePhone = () =>
		page.evaluate(async () => {
			// No version: open whatever version the app made.
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open('krachtkaart-outbox');
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const items = await new Promise<
				{ body: { address: string; outcome: string; notes?: string } }[]
			>((resolve, reject) => {
				const request = db.transaction('outbox').objectStore('outbox').getAll();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			db.close();
			return items.map((item) => item.body);
		});

	/**
	 * A revoked session sends her to the login page at the app's next read, also while she types
	 * or taps (the app's rule for any 401). Was what the step saved kept? The phone's outbox (read
	 * first) and the server (then) say; what neither has was never saved, and is not counted.
	 */
	async function settleInterrupted(): Promise<void> {
		const step = pending;
		pending = null;
		if (!step) return;
		const phone = await onThePhone();
		const server = await su
			.collection('conversations')
			.getFullList<{ address: string; outcome: string; notes: string }>({
				filter: su.filter('worker = {:worker}', { worker: worker.id })
			});
		if (step.kind === 'talk') {
			const kept = [...phone, ...server].some((c) => c.notes === step.mark);
			if (kept) saved.set(step.mark, step.talk);
		} else {
			const atDoor = (list: { address: string; outcome: string }[]) =>
				list.filter((c) => c.address === step.door && c.outcome === 'not_home').length;
			const counted = notHome.get(step.door) ?? 0;
			if (atDoor(phone) + atDoor(server) > counted) notHome.set(step.door, counted + 1);
		}
	}

	const steps: Record<StepKind, () => Promise<boolean>> = {
		talk: () => logTalk(false),
		'double-tap-talk': () => logTalk(true),
		'not-home': tapNotHome,
		offline: async () => {
			await browserContext.setOffline(true);
			world.online = false;
			return true;
		},
		online: async () => {
			await browserContext.setOffline(false);
			world.online = true;
			return true;
		},
		reload: async () => {
			await load(() => page.reload());
			return true;
		},
		'reopen-tab': reopenTab,
		// Her session ends on the server (as when it expires or an admin resets her password): the
		// phone still holds a token, which the server no longer takes.
		'expire-session': async () => {
			await su
				.collection('users')
				.update(worker.id, { password: PASSWORD, passwordConfirm: PASSWORD });
			return true;
		},
		'crash-server': async () => {
			await server.crash();
			world.serverUp = false;
			return true;
		},
		'start-server': async () => {
			await startServer(port);
			world.serverUp = true;
			return true;
		},
		'take-area': async () => {
			await su.collection('users').update(worker.id, { areas: [areas.a] });
			world.areaTaken = true;
			return true;
		},
		'give-area-back': async () => {
			await su.collection('users').update(worker.id, { areas: [areas.a, areas.b] });
			world.areaTaken = false;
			return true;
		},
		'resend-refused': resendRefused
	};

	async function refusedOnPhone(): Promise<number> {
		const badge = page.getByTestId('outbox-refused');
		return (await badge.count()) === 0 ? 0 : Number(await badge.getAttribute('data-count'));
	}

	// What sent her to the login page, for the trail: every 401 the app got.
	browserContext.on('response', (response) => {
		const at = new URL(response.url());
		if (at.pathname === '/api/krachtkaart/walk') {
			trail.push(
				`(walk ${at.searchParams.get('areas')?.length} ${response.status()}${response.fromServiceWorker() ? ' sw' : ''})`
			);
		}
		if (response.status() === 401) {
			trail.push(`(401 ${new URL(response.url()).pathname})`);
			process.stdout.write(`[chaos] 401 ${response.url()} after ${trail.at(-2)}\n`);
		}
	});
	await page.goto(`${url}/oppad`);
	await toWalk();
	// The service worker must control the page before the connection first goes.
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, WAIT);

	for (let n = 1; n <= STEPS; n++) {
		const kind = nextStep(random, world);
		trail.push(`${n} ${kind}`);
		pending = null;
		try {
			const done = await steps[kind]();
			if (done) counts.set(kind, (counts.get(kind) ?? 0) + 1);
			else skipped += 1;
			if (path() !== '/login') world.refused = await refusedOnPhone().catch(() => 0);
		} catch (error) {
			if (path() === '/login' && reachable()) {
				interrupted += 1;
				await settleInterrupted();
				continue;
			}
			const shot = join(ROOT, 'tmp', `chaos-${SEED}-${n}.png`);
			await page.screenshot({ path: shot }).catch(() => {});
			throw new Error(
				`[chaos] step ${n} (${kind}) failed; replay with KRACHTKAART_CHAOS_SEED=${SEED} ` +
					`KRACHTKAART_CHAOS_STEPS=${STEPS}\nlast steps: ${trail.slice(-12).join(', ')}\n` +
					`world: ${JSON.stringify(world)}, at ${page.url()}, screenshot ${shot}\n${error instanceof Error ? error.stack : error}`,
				{ cause: error }
			);
		}
	}

	// ---- the end of the day: connected, signed in, her buurt back; everything goes ----
	if (!world.serverUp) await steps['start-server']();
	if (world.areaTaken) await steps['give-area-back']();
	if (!world.online) await steps.online();
	await load(() => page.reload());
	await expect
		.poll(
			async () => {
				await toWalk();
				const resend = page.getByTestId('outbox-rejected-resend');
				if ((await resend.count()) > 0) await resend.first().click();
				const sendNow = page.getByTestId('outbox-send-now');
				if (await sendNow.isVisible()) await sendNow.click();
				const status = page.getByTestId('walk-page').getByTestId('outbox-status');
				return `${await status.getAttribute('data-waiting')} waiting, ${await status.getAttribute('data-refused')} refused`;
			},
			{ timeout: 180_000, interval: 1_000 }
		)
		.toBe('0 waiting, 0 refused');
	const onPhone = (await onThePhone()).length;

	const stored: StoredTalk[] = (
		await su.collection('conversations').getFullList({
			filter: su.filter('worker = {:worker}', { worker: worker.id })
		})
	).map((c) => ({
		id: c.id,
		address: c.address,
		outcome: c.outcome,
		themes: c.themes ?? [],
		willingToHelp: Boolean(c.willingToHelp),
		notes: c.notes ?? ''
	}));
	const result = tally(saved, notHome, stored);
	const taps = [...notHome.values()].reduce((sum, n) => sum + n, 0);
	const summary = {
		seed: SEED,
		steps: STEPS,
		skipped,
		streetsClosedAgain,
		doorsGone,
		interrupted,
		talks: saved.size,
		notHome: taps,
		stored: stored.length,
		lost: result.lost.length,
		doubled: result.doubled.length,
		altered: result.altered.length,
		shownAgain: shownAgain.length,
		onPhone,
		kinds: Object.fromEntries([...counts].sort())
	};
	context.task.meta.chaos = summary;
	writeFileSync(join(ROOT, 'tmp', `chaos-${SEED}-trail.txt`), trail.join('\n') + '\n');
	process.stdout.write(`[chaos] ${JSON.stringify(summary)}\n`);
	expect({ ...result, onPhone, shownAgain, streetsClosedAgain }).toEqual({
		lost: [],
		doubled: [],
		altered: [],
		onPhone: 0,
		shownAgain: [],
		streetsClosedAgain: 0
	});
	expect(stored).toHaveLength(saved.size + taps);
});
