// Guards TourState over a storage in memory: it opens once per user, role and version on a
// device, and then never again by itself; it moves between steps, ends by "Klaar", "Overslaan" or
// Escape, opens again from "Meer", and never gets in the way when the storage fails.
import { describe, expect, it } from 'vitest';
import { tourKey, TOUR_VERSION } from './tour';
import { TourState, type TourStorage } from './tour.svelte';

/** localStorage's behaviour, in memory; `entries` shows what was stored. */
function memoryStorage(): TourStorage & { entries: Map<string, string> } {
	const entries = new Map<string, string>();
	return {
		entries,
		getItem: (key) => entries.get(key) ?? null,
		setItem: (key, value) => void entries.set(key, value)
	};
}

const worker = { id: 'w1', role: 'worker' as const };
const coordinator = { id: 'c1', role: 'coordinator' as const };
const viewer = { id: 'v1', role: 'viewer' as const };

describe('TourState', () => {
	it('opens on her first visit on this device and remembers it at once', () => {
		const storage = memoryStorage();
		const tour = new TourState(storage);
		tour.follow(worker);
		expect(tour.open).toBe(true);
		expect(tour.index).toBe(0);
		expect(tour.step?.id).toBe('walk');
		expect(tour.steps).toHaveLength(5);
		expect(storage.entries.get(tourKey('w1', 'worker'))).toBe('shown');

		// A reload (a new state over the same storage), even before she closed it: not again.
		const reloaded = new TourState(storage);
		reloaded.follow(worker);
		expect(reloaded.open).toBe(false);
		expect(reloaded.tour).not.toBeNull();
	});

	it('opens for another user on the same device, and for the same user in a new role', () => {
		const storage = memoryStorage();
		new TourState(storage).follow(worker);
		const next = new TourState(storage);
		next.follow(viewer);
		expect(next.open).toBe(true);
		expect(next.steps).toHaveLength(4);
		const promoted = new TourState(storage);
		promoted.follow({ id: 'w1', role: 'coordinator' });
		expect(promoted.open).toBe(true);
		expect(promoted.step?.id).toBe('map');
	});

	it('opens again for a new version of the tour', () => {
		const storage = memoryStorage();
		storage.setItem(tourKey('c1', 'coordinator', TOUR_VERSION - 1), 'done');
		const tour = new TourState(storage);
		tour.follow(coordinator);
		expect(tour.open).toBe(true);
	});

	it('has no tour for an admin and stores nothing for her', () => {
		const storage = memoryStorage();
		const tour = new TourState(storage);
		tour.follow({ id: 'a1', role: 'admin' });
		expect(tour.open).toBe(false);
		expect(tour.tour).toBeNull();
		tour.reopen();
		expect(tour.open).toBe(false);
		expect(storage.entries.size).toBe(0);
	});

	it('steps forward and back and stays within the steps', () => {
		const tour = new TourState(memoryStorage());
		tour.follow(viewer);
		expect(tour.isFirst).toBe(true);
		tour.previous();
		expect(tour.index).toBe(0);
		tour.next();
		expect(tour.index).toBe(1);
		expect(tour.isFirst).toBe(false);
		tour.next();
		tour.next();
		expect(tour.isLast).toBe(true);
		expect(tour.step?.id).toBe('more');
		tour.next();
		expect(tour.index).toBe(3);
		tour.previous();
		expect(tour.step?.id).toBe('privacy');
		expect(tour.isLast).toBe(false);
	});

	it('ends with "Klaar" as done, and the dialog closing after it changes nothing', () => {
		const storage = memoryStorage();
		const tour = new TourState(storage);
		tour.follow(viewer);
		for (let i = 0; i < 3; i++) tour.next();
		tour.finish();
		expect(tour.open).toBe(false);
		tour.closed();
		expect(storage.entries.get(tourKey('v1', 'viewer'))).toBe('done');
	});

	it('ends with "Overslaan" on any step as skipped', () => {
		const storage = memoryStorage();
		const tour = new TourState(storage);
		tour.follow(coordinator);
		tour.next();
		tour.next();
		tour.skip();
		expect(tour.open).toBe(false);
		tour.closed();
		expect(storage.entries.get(tourKey('c1', 'coordinator'))).toBe('skipped');
	});

	it('counts Escape (the dialog closed by itself) as skipped', () => {
		const storage = memoryStorage();
		const tour = new TourState(storage);
		tour.follow(worker);
		// What the bound dialog does on Escape: open goes false, then it reports the close.
		tour.open = false;
		tour.closed();
		expect(storage.entries.get(tourKey('w1', 'worker'))).toBe('skipped');
	});

	it('opens again from "Meer" at the first step, and stays seen', () => {
		const storage = memoryStorage();
		const tour = new TourState(storage);
		tour.follow(worker);
		tour.next();
		tour.finish();
		tour.reopen();
		expect(tour.open).toBe(true);
		expect(tour.index).toBe(0);
		tour.open = false;
		tour.closed();
		const reloaded = new TourState(storage);
		reloaded.follow(worker);
		expect(reloaded.open).toBe(false);
	});

	it('closes without counting it as the next user’s when someone else signs in', () => {
		const storage = memoryStorage();
		storage.setItem(tourKey('v1', 'viewer'), 'done');
		const tour = new TourState(storage);
		tour.follow(worker);
		tour.follow(viewer);
		expect(tour.open).toBe(false);
		// The dialog reports its close after the switch.
		tour.closed();
		expect(storage.entries.get(tourKey('v1', 'viewer'))).toBe('done');
		expect(storage.entries.get(tourKey('w1', 'worker'))).toBe('shown');
		tour.follow(null);
		expect(tour.tour).toBeNull();
		expect(tour.open).toBe(false);
	});

	it('never opens by itself when the storage cannot be read, and still opens from "Meer"', () => {
		const unreadable: TourStorage = {
			getItem: () => {
				throw new Error('SecurityError');
			},
			setItem: () => {}
		};
		for (const storage of [null, unreadable]) {
			const tour = new TourState(storage);
			tour.follow(worker);
			expect(tour.open).toBe(false);
			tour.reopen();
			expect(tour.open).toBe(true);
			tour.skip();
			expect(tour.open).toBe(false);
		}
	});

	it('still works when the storage refuses to store', () => {
		const full: TourStorage = {
			getItem: () => null,
			setItem: () => {
				throw new Error('QuotaExceededError');
			}
		};
		const tour = new TourState(full);
		tour.follow(worker);
		expect(tour.open).toBe(true);
		tour.finish();
		expect(tour.open).toBe(false);
	});
});
