// The first-run tour as runes state: which user's tour, whether it is open and on which step.
// It opens by itself the first time a user comes in on this device (tour.ts says when) and can
// be opened again from "Meer". The storage is injected (localStorage in the app, a Map in tests).
import {
	nextStep,
	previousStep,
	shouldShow,
	tourKey,
	tourOf,
	type Tour,
	type TourOutcome,
	type TourStep
} from './tour';
import type { Role } from '$lib/auth/auth';

/** The part of `Storage` the tour needs. */
export interface TourStorage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

/** The browser's localStorage, or null where the browser refuses it (some private modes). */
export function browserTourStorage(): TourStorage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

export class TourState {
	/** The dialog is open (bound to it: Escape closes it through this too). */
	open = $state(false);
	/** The step shown, from 0. */
	index = $state(0);
	#user = $state.raw<{ id: string; role: Role } | null>(null);
	/** The signed-in user's tour; null without one (an admin, nobody signed in). */
	readonly tour: Tour | null = $derived(this.#user ? tourOf(this.#user.role) : null);
	readonly steps: readonly TourStep[] = $derived(this.tour?.steps ?? []);
	readonly step: TourStep | undefined = $derived(this.steps[this.index]);
	readonly isFirst = $derived(this.index === 0);
	readonly isLast = $derived(this.index >= this.steps.length - 1);
	/** Shown and not yet ended by her (skip, Escape, done). */
	#showing = false;
	readonly #storage: TourStorage | null;

	constructor(storage: TourStorage | null) {
		this.#storage = storage;
	}

	/**
	 * Follows who is signed in (call when her id or role changes): opens her tour if this device
	 * has not shown her this version yet, and remembers at once that it did, so it opens only once
	 * even if she reloads or leaves halfway.
	 */
	follow(user: { id: string; role: Role } | null): void {
		// Another user (or none): what was open closes without being counted as hers.
		this.#showing = false;
		this.#user = user ? { id: user.id, role: user.role } : null;
		this.open = false;
		this.index = 0;
		if (!user || !this.tour) return;
		const stored = this.#read(tourKey(user.id, user.role));
		// Storage that cannot be read cannot remember either: no tour rather than one every visit.
		if (stored === undefined || !shouldShow(user.role, stored)) return;
		this.#show();
		this.#write('shown');
	}

	/** Opened again from "Meer", at its first step. */
	reopen(): void {
		if (this.tour) this.#show();
	}

	next(): void {
		this.index = nextStep(this.index, this.steps.length);
	}

	previous(): void {
		this.index = previousStep(this.index);
	}

	/** "Overslaan": closes it on any step. */
	skip(): void {
		this.#end('skipped');
	}

	/** "Klaar" on the last step. */
	finish(): void {
		this.#end('done');
	}

	/** The dialog closed some other way (Escape): counts as skipped. */
	closed(): void {
		if (this.#showing) this.#end('skipped');
	}

	#show(): void {
		this.index = 0;
		this.#showing = true;
		this.open = true;
	}

	#end(outcome: TourOutcome): void {
		this.#showing = false;
		this.open = false;
		this.#write(outcome);
	}

	/** The stored value; undefined when the storage cannot be read. */
	#read(key: string): string | null | undefined {
		if (!this.#storage) return undefined;
		try {
			return this.#storage.getItem(key);
		} catch {
			return undefined;
		}
	}

	#write(outcome: TourOutcome): void {
		const user = this.#user;
		if (!user || !this.#storage) return;
		try {
			this.#storage.setItem(tourKey(user.id, user.role), outcome);
		} catch {
			// Full or refused storage: the tour may show once more, nothing else is affected.
		}
	}
}
