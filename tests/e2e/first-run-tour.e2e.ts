// Guards issue 16's "First steps" on a 390×844 phone, for the coordinator, the worker and the
// viewer: after her first sign-in on a device her role's tour opens as a modal dialog named by its
// heading, with the focus on "Volgende"; she steps through it with the keyboard and the buttons
// ("Stap 2 van 5", "Vorige", "Overslaan" on every step, "Klaar"); it is not there after a reload;
// "Meer ▸ Rondleiding" opens it again, "Overslaan" and Escape close it and the focus goes back to
// "Meer". axe finds no serious or critical problem in it, its buttons are 44 px, it fits a
// 1280×800 screen at 200% zoom, and with reduced motion asked for nothing in it animates.
// The other e2e files keep the tour closed (tests/support/browser.ts, skipFirstRunTour); this one
// opens contexts without that.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { TOUR_KEY_PREFIX, TOURS, tourKey, type TourRole } from '$lib/tour/tour';
import type { E2eUser } from '../support/app-global';
import { axeProblems } from '../support/axe';
import { launchBrowser, newPage, signInBackTo, type TestPage } from '../support/browser';

const appUrl = inject('appUrl');
const WAIT = { timeout: 30_000 };
const PHONE = { width: 390, height: 844 };
/** A 1280×800 screen zoomed to 200%. */
const ZOOMED = { width: 640, height: 400 };
const MIN_TARGET = 44;

const messages = (locale: 'nl' | 'en'): Record<string, string> =>
	JSON.parse(readFileSync(join(import.meta.dirname, '../../messages', `${locale}.json`), 'utf8'));
const NL = messages('nl');
const EN = messages('en');
const stepCount = (step: number, count: number) =>
	NL.tour_step_count.replace('{step}', String(step)).replace('{count}', String(count));

let browser: Browser;
const opened: TestPage[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
});

afterAll(async () => {
	for (const { context } of opened) await context.close().catch(() => {});
	await browser?.close();
});

const tourDialog = (page: Page) => page.locator('[data-testid="first-run-tour"]');
const isOpen = (page: Page) =>
	page.evaluate(
		() =>
			(document.querySelector('[data-testid="first-run-tour"]') as HTMLDialogElement | null)
				?.open ?? false
	);
const focused = (page: Page) =>
	page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null);

/** The step shown: its "Stap i van n", heading and text. */
async function shownStep(page: Page) {
	const step = tourDialog(page).getByTestId('tour-step');
	return {
		count: (await step.getByTestId('tour-count').textContent())?.trim(),
		title: (await step.getByTestId('tour-step-title').textContent())?.trim(),
		text: (await step.getByTestId('tour-step-text').textContent())?.trim()
	};
}

/** Waits for step `index` (from 0) of the role's tour, in Dutch, and checks what it says. */
async function expectStep(page: Page, role: TourRole, index: number): Promise<void> {
	const steps = TOURS[role].steps;
	await tourDialog(page)
		.locator(`[data-testid="tour-step"][data-step="${index + 1}"]`)
		.waitFor(WAIT);
	expect(await shownStep(page)).toEqual({
		count: stepCount(index + 1, steps.length),
		title: NL[steps[index].title],
		text: NL[steps[index].text]
	});
	// "Overslaan" on every step; "Vorige" on all but the first.
	expect(await tourDialog(page).getByTestId('tour-skip').isVisible()).toBe(true);
	expect(await tourDialog(page).getByTestId('tour-previous').count()).toBe(index === 0 ? 0 : 1);
}

/** The tour's buttons smaller than 44×44 px. */
async function smallButtons(page: Page): Promise<string[]> {
	return page.evaluate((min) => {
		const buttons = document.querySelectorAll<HTMLElement>(
			'[data-testid="first-run-tour"] button, [data-testid="first-run-tour"] a[href]'
		);
		return [...buttons]
			.map((button) => ({ id: button.dataset.testid, box: button.getBoundingClientRect() }))
			.filter(({ box }) => box.width + 0.5 < min || box.height + 0.5 < min)
			.map(({ id, box }) => `${id} ${Math.round(box.width)}×${Math.round(box.height)}`);
	}, MIN_TARGET);
}

/** What this device stored for the tour: every tour key, and the signed-in user's id. */
function storedTour(page: Page) {
	return page.evaluate((prefix) => {
		const entries: Record<string, string> = {};
		for (const key of Object.keys(localStorage)) {
			if (key.startsWith(prefix)) entries[key] = localStorage.getItem(key) ?? '';
		}
		const auth = JSON.parse(localStorage.getItem('pocketbase_auth') ?? '{}');
		return { entries, userId: String(auth.record?.id ?? '') };
	}, TOUR_KEY_PREFIX);
}

async function openFromMore(page: Page): Promise<void> {
	await page.getByTestId('nav-more').click();
	await page.getByTestId('nav-tour').click();
	await page.locator('[data-testid="first-run-tour"][open]').waitFor(WAIT);
}

async function mapReady(page: Page): Promise<void> {
	await page.locator('[data-testid="map-page"][data-status="ready"]').waitFor(WAIT);
}

async function walkThrough(role: TourRole, user: E2eUser): Promise<void> {
	const testPage = await newPage(browser, PHONE, { firstRunTour: true });
	opened.push(testPage);
	const { page } = testPage;
	// Stable for axe: no step caught halfway through its fade (checked on its own below).
	await page.emulateMedia({ reducedMotion: 'reduce' });
	const steps = TOURS[role].steps;
	const last = steps.length - 1;

	// Her first sign-in on this phone: the tour opens by itself, a modal named by its heading.
	await page.goto(`${appUrl}/`);
	await signInBackTo(page, user, '/');
	await page.getByRole('dialog', { name: NL[TOURS[role].title], exact: true }).waitFor(WAIT);
	expect(
		await tourDialog(page).evaluate((dialog) => dialog.matches(':modal')),
		'opened with showModal'
	).toBe(true);
	// Its description is the step, in a live region: "Stap 1 van 5", heading, text.
	const description = await tourDialog(page).evaluate((dialog) => {
		const region = document.getElementById(dialog.getAttribute('aria-describedby') ?? '');
		return { text: region?.textContent ?? '', live: region?.getAttribute('aria-live') };
	});
	expect(description.live).toBe('polite');
	expect(description.text).toContain(stepCount(1, steps.length));
	expect(description.text).toContain(NL[steps[0].text]);
	await expectStep(page, role, 0);
	await expect.poll(() => focused(page), WAIT).toBe('tour-next');
	expect(await axeProblems(page)).toEqual([]);
	expect(await smallButtons(page)).toEqual([]);
	// The keyboard: Enter on "Volgende" to the last step, where it says "Klaar".
	for (let index = 1; index <= last; index++) {
		await page.keyboard.press('Enter');
		await expectStep(page, role, index);
		expect(await focused(page), 'the focus stays on the button').toBe(
			index === last ? 'tour-done' : 'tour-next'
		);
	}
	expect((await tourDialog(page).getByTestId('tour-done').textContent())?.trim()).toBe(
		NL.tour_done
	);
	// Back with "Vorige" (Shift+Tab to it), all the way: on the first step the focus stays in
	// the dialog, on "Volgende".
	await page.keyboard.press('Shift+Tab');
	expect(await focused(page)).toBe('tour-previous');
	for (let index = last - 1; index >= 0; index--) {
		await page.keyboard.press('Enter');
		await expectStep(page, role, index);
	}
	await expect.poll(() => focused(page), WAIT).toBe('tour-next');

	// The buttons: forward to the end, one back, forward again and "Klaar".
	for (let index = 1; index <= last; index++) {
		await tourDialog(page).getByTestId('tour-next').click();
		await expectStep(page, role, index);
	}
	await tourDialog(page).getByTestId('tour-previous').click();
	await expectStep(page, role, last - 1);
	await tourDialog(page).getByTestId('tour-next').click();
	await expectStep(page, role, last);
	await tourDialog(page).getByTestId('tour-done').click();
	await expect.poll(() => isOpen(page), WAIT).toBe(false);

	// Remembered on this device for her and her role.
	const stored = await storedTour(page);
	expect(stored.userId).not.toBe('');
	expect(stored.entries).toEqual({ [tourKey(stored.userId, role)]: 'done' });

	// A reload: the map, no tour, and the page takes taps.
	await page.reload();
	await mapReady(page);
	await page.waitForTimeout(500);
	expect(await isOpen(page)).toBe(false);

	// Again from "Meer", at its first step: "Overslaan" on a later step closes it.
	await openFromMore(page);
	await expectStep(page, role, 0);
	await tourDialog(page).getByTestId('tour-next').click();
	await expectStep(page, role, 1);
	await tourDialog(page).getByTestId('tour-skip').click();
	await expect.poll(() => isOpen(page), WAIT).toBe(false);
	expect((await storedTour(page)).entries).toEqual({ [tourKey(stored.userId, role)]: 'skipped' });

	// And Escape closes it (as skipping), the focus back on "Meer".
	await openFromMore(page);
	await expect.poll(() => focused(page), WAIT).toBe('tour-next');
	await page.keyboard.press('Escape');
	await expect.poll(() => isOpen(page), WAIT).toBe(false);
	await expect.poll(() => focused(page), WAIT).toBe('nav-more');

	// Reduced motion: the step does not fade in; without the wish it does.
	await openFromMore(page);
	const animation = () =>
		tourDialog(page)
			.getByTestId('tour-step')
			.evaluate((step) => getComputedStyle(step).animationName);
	await page.emulateMedia({ reducedMotion: 'no-preference' });
	expect(await animation()).not.toBe('none');
	await page.emulateMedia({ reducedMotion: 'reduce' });
	expect(await animation()).toBe('none');

	// 200% zoom: the dialog fits the screen, nothing scrolls sideways, its buttons are in view.
	await page.setViewportSize(ZOOMED);
	await page.waitForTimeout(150);
	const fit = await page.evaluate(() => {
		const dialog = document.querySelector('[data-testid="first-run-tour"]')!;
		const box = dialog.getBoundingClientRect();
		const inView = (testid: string) => {
			const b = dialog.querySelector(`[data-testid="${testid}"]`)!.getBoundingClientRect();
			return b.top >= 0 && b.bottom <= window.innerHeight && b.right <= window.innerWidth;
		};
		return {
			inside: box.left >= 0 && box.right <= window.innerWidth && box.bottom <= window.innerHeight,
			sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
			buttons: inView('tour-skip') && inView('tour-next')
		};
	});
	expect(fit).toEqual({ inside: true, sideways: 0, buttons: true });
	await page.setViewportSize(PHONE);

	// In English, after choosing it: the same tour in English.
	await page.keyboard.press('Escape');
	await expect.poll(() => isOpen(page), WAIT).toBe(false);
	await page.evaluate(() => localStorage.setItem('PARAGLIDE_LOCALE', 'en'));
	await page.reload();
	await mapReady(page);
	expect(await isOpen(page)).toBe(false);
	await openFromMore(page);
	await page.getByRole('dialog', { name: EN[TOURS[role].title], exact: true }).waitFor(WAIT);
	expect((await shownStep(page)).text).toBe(EN[steps[0].text]);
	expect(await axeProblems(page)).toEqual([]);
}

it('shows the coordinator her tour once, and again from Meer', async () => {
	await walkThrough('coordinator', inject('coordinator'));
});

it('shows the worker his tour once, and again from Meer', async () => {
	await walkThrough('worker', inject('worker'));
});

it('shows the viewer her tour once, and again from Meer', async () => {
	await walkThrough('viewer', inject('viewer'));
});
