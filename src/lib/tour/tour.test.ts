// Guards the tour's data and rules: 3–5 short steps per role with messages in both languages,
// one key per user, role and version, and when it opens by itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES } from '$lib/auth/auth';
import {
	nextStep,
	previousStep,
	shouldShow,
	TOUR_KEY_PREFIX,
	TOUR_ROLES,
	TOUR_VERSION,
	TOURS,
	tourKey,
	tourOf
} from './tour';

const messages = (locale: string): Record<string, unknown> =>
	JSON.parse(
		readFileSync(join(import.meta.dirname, '../../../messages', `${locale}.json`), 'utf8')
	);

describe('the tours', () => {
	it('gives coordinators, workers and viewers a tour of 3 to 5 steps, and admins none', () => {
		expect([...TOUR_ROLES].sort()).toEqual(['coordinator', 'viewer', 'worker']);
		for (const role of TOUR_ROLES) {
			const steps = tourOf(role)!.steps;
			expect(steps.length, role).toBeGreaterThanOrEqual(3);
			expect(steps.length, role).toBeLessThanOrEqual(5);
			expect(new Set(steps.map((step) => step.id)).size, role).toBe(steps.length);
		}
		expect(tourOf('admin')).toBeNull();
		expect(ROLES.filter((role) => tourOf(role) !== null)).toEqual([
			'coordinator',
			'worker',
			'viewer'
		]);
	});

	it('has every title and step in Dutch and English, short, and not the same text', () => {
		const nl = messages('nl');
		const en = messages('en');
		const keys = Object.values(TOURS).flatMap((tour) => [
			tour.title,
			...tour.steps.flatMap((step) => [step.title, step.text])
		]);
		expect(keys.length).toBe(3 + 2 * (5 + 5 + 4));
		for (const key of keys) {
			for (const [locale, texts] of [
				['nl', nl],
				['en', en]
			] as const) {
				const text = texts[key];
				expect(typeof text, `${key} in ${locale}`).toBe('string');
				expect((text as string).length, `${key} in ${locale}`).toBeGreaterThan(2);
				expect((text as string).length, `${key} in ${locale} is too long`).toBeLessThanOrEqual(220);
			}
			if (key.endsWith('_text')) expect(nl[key], key).not.toBe(en[key]);
		}
		for (const key of [
			'tour_open',
			'tour_step_count',
			'tour_skip',
			'tour_next',
			'tour_previous',
			'tour_done'
		]) {
			expect(nl[key], key).toBeTruthy();
			expect(en[key], key).toBeTruthy();
		}
	});

	it('says where each worker step is found in the app’s own words', () => {
		const nl = messages('nl');
		const text = (key: string) => String(nl[key]);
		expect(text('tour_worker_walk_text')).toContain(String(nl.nav_walk));
		expect(text('tour_worker_outbox_text')).toContain(String(nl.log_save));
		expect(text('tour_worker_talk_text')).toContain(String(nl.outcome_not_home));
		expect(text('tour_viewer_more_text')).toContain(String(nl.people_nav_more));
		expect(text('tour_coordinator_gaps_text')).toContain(String(nl.gaps_nav));
	});
});

describe('tourKey', () => {
	it('is one key per user, role and version, under the tour’s prefix', () => {
		expect(tourKey('u1', 'worker')).toBe(`krachtkaart:tour:v${TOUR_VERSION}:u1:worker`);
		expect(tourKey('u1', 'worker').startsWith(TOUR_KEY_PREFIX)).toBe(true);
		const keys = new Set([
			tourKey('u1', 'worker'),
			tourKey('u2', 'worker'),
			tourKey('u1', 'coordinator'),
			tourKey('u1', 'worker', TOUR_VERSION + 1)
		]);
		expect(keys.size).toBe(4);
	});
});

describe('shouldShow', () => {
	it('opens only when nothing is stored for a role with a tour', () => {
		for (const role of TOUR_ROLES) {
			expect(shouldShow(role, null), role).toBe(true);
			for (const stored of ['shown', 'skipped', 'done', '', 'anything']) {
				expect(shouldShow(role, stored), `${role} ${stored}`).toBe(false);
			}
		}
		expect(shouldShow('admin', null)).toBe(false);
	});
});

describe('nextStep and previousStep', () => {
	it('move one step and stop at the ends', () => {
		expect(nextStep(0, 4)).toBe(1);
		expect(nextStep(2, 4)).toBe(3);
		expect(nextStep(3, 4)).toBe(3);
		expect(nextStep(0, 0)).toBe(0);
		expect(previousStep(3)).toBe(2);
		expect(previousStep(1)).toBe(0);
		expect(previousStep(0)).toBe(0);
	});
});
