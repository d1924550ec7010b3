// Guards keeping the demo fresh: its age is read from the stored confirmations against today's
// generated ones, the move is whole weeks, dates keep their format and past ones never pass now.
import { describe, expect, it } from 'vitest';
import { generateDemo, loadDemoInputs } from './generate.mjs';
import { demoAgeDays, demoDateUpdates, shiftDate, shiftForAge } from './refresh.mjs';

const DAY = 24 * 60 * 60 * 1000;
const LOADED = new Date('2026-03-02T09:00:00Z');
const TODAY = new Date('2026-09-14T09:00:00Z'); // 196 days (28 weeks) later
const inputs = loadDemoInputs();
const loaded = generateDemo(inputs, { now: LOADED });
const today = generateDemo(inputs, { now: TODAY });
const time = (value: string) => Date.parse(value.replace(' ', 'T'));

describe('demoAgeDays', () => {
	it('reads how long ago the demo was loaded from its confirmations', () => {
		expect(demoAgeDays(loaded.assets, today.assets)).toBe(196);
		expect(demoAgeDays(today.assets, today.assets)).toBe(0);
	});

	it('is not moved by the few assets confirmed in the app since', () => {
		const confirmed = loaded.assets.map((a, i) =>
			i % 5 === 0 ? { ...a, confirmedAt: '2026-09-13 10:00:00.000Z' } : a
		);
		expect(demoAgeDays(confirmed, today.assets)).toBe(196);
	});

	it('is 0 without demo assets', () => {
		expect(demoAgeDays([], today.assets)).toBe(0);
	});
});

describe('shiftForAge', () => {
	it('moves whole weeks, from one week on', () => {
		expect([0, 6, 7, 13, 196, 200].map(shiftForAge)).toEqual([0, 0, 7, 7, 196, 196]);
		expect(shiftForAge(-3)).toBe(0);
	});
});

describe('shiftDate', () => {
	it('keeps the format and stops at notAfter', () => {
		expect(shiftDate('2026-03-02 12:00:00.000Z', 7)).toBe('2026-03-09 12:00:00.000Z');
		expect(shiftDate('2026-03-02', 14)).toBe('2026-03-16');
		expect(shiftDate('2026-03-02 12:00:00.000Z', 7, time('2026-03-05 08:00:00.000Z'))).toBe(
			'2026-03-05 08:00:00.000Z'
		);
		expect(shiftDate('', 7)).toBe('');
	});
});

describe('demoDateUpdates', () => {
	const updates = demoDateUpdates(
		{
			conversations: loaded.conversations,
			followUps: loaded.followUps.map((f) => (f.done ? { ...f, doneAt: f.due } : f)),
			assets: loaded.assets,
			people: loaded.people
		},
		196,
		TODAY
	);

	it('makes the aged demo the demo generated today', () => {
		const heldToday = new Map(today.conversations.map((c) => [c.id, c.heldAt]));
		for (const { id, body } of updates.conversations) expect(body.heldAt).toBe(heldToday.get(id));
		const confirmedToday = new Map(today.assets.map((a) => [a.id, a.confirmedAt]));
		for (const { id, body } of updates.assets) {
			expect(body.confirmedAt).toBe(confirmedToday.get(id));
		}
		expect(updates.assets).toHaveLength(loaded.assets.length);
		expect(updates.people).toHaveLength(loaded.people.length);
	});

	it('moves follow-ups and consent with the talks, in their own formats', () => {
		const first = updates.follow_ups[0];
		const source = loaded.followUps[0];
		expect(time(first.body.due) - time(source.due)).toBe(196 * DAY);
		const withFollowUp = updates.conversations.find((u) => u.body.followUp);
		const original = loaded.conversations.find((c) => c.id === withFollowUp?.id);
		expect(withFollowUp?.body.followUp.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(time(withFollowUp?.body.followUp.due) - time(original?.followUp.due)).toBe(196 * DAY);
		for (const { body } of updates.people) {
			expect(body.consent.givenAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(time(body.consent.givenAt)).toBeLessThanOrEqual(TODAY.getTime());
		}
	});

	it('never puts a talk, a confirmation or a done date after now', () => {
		const far = demoDateUpdates(
			{ conversations: loaded.conversations, followUps: [], assets: loaded.assets, people: [] },
			400,
			TODAY
		);
		for (const { body } of far.conversations) {
			expect(time(body.heldAt)).toBeLessThanOrEqual(TODAY.getTime());
		}
		for (const { body } of far.assets) {
			expect(time(body.confirmedAt)).toBeLessThanOrEqual(TODAY.getTime());
		}
	});

	it('leaves anonymised people as they are', () => {
		const people = [{ ...loaded.people[0], anonymisedAt: '2026-05-01 03:30:00.000Z' }];
		const none = demoDateUpdates(
			{ conversations: [], followUps: [], assets: [], people },
			7,
			TODAY
		);
		expect(none.people).toEqual([]);
	});
});
