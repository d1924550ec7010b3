// The first-run tour: a few short steps per role that say what a screen is for and where to find
// it. Pure: the steps as data (message keys), where the device remembers that a user saw it, when
// it opens by itself, and moving between steps. State: tour.svelte.ts; dialog: FirstRunTour.svelte.
import type { Role } from '$lib/auth/auth';

/** Raise it when the steps change enough that everyone should see the tour once more. */
export const TOUR_VERSION = 1;

/** Every key this tour stores starts with this (`krachtkaart:tour:v1:<user id>:<role>`). */
export const TOUR_KEY_PREFIX = 'krachtkaart:tour:';

/** The roles with a tour; an admin has none (she sets the app up and knows it). */
export const TOUR_ROLES = ['coordinator', 'worker', 'viewer'] as const;
export type TourRole = (typeof TOUR_ROLES)[number];

/** How a showing ended, stored under the user's key; `shown` while it is open. */
export type TourOutcome = 'shown' | 'skipped' | 'done';

/**
 * Each role's tour: its title and its steps, as message keys (messages/*.json). Keys are listed
 * in full so a search for a key finds where it is used.
 */
export const TOURS = {
	coordinator: {
		title: 'tour_title_coordinator',
		steps: [
			{ id: 'map', title: 'tour_coordinator_map_title', text: 'tour_coordinator_map_text' },
			{ id: 'add', title: 'tour_coordinator_add_title', text: 'tour_coordinator_add_text' },
			{
				id: 'rounds',
				title: 'tour_coordinator_rounds_title',
				text: 'tour_coordinator_rounds_text'
			},
			{ id: 'gaps', title: 'tour_coordinator_gaps_title', text: 'tour_coordinator_gaps_text' },
			{ id: 'team', title: 'tour_coordinator_team_title', text: 'tour_coordinator_team_text' }
		]
	},
	worker: {
		title: 'tour_title_worker',
		steps: [
			{ id: 'walk', title: 'tour_worker_walk_title', text: 'tour_worker_walk_text' },
			{ id: 'talk', title: 'tour_worker_talk_title', text: 'tour_worker_talk_text' },
			{ id: 'outbox', title: 'tour_worker_outbox_title', text: 'tour_worker_outbox_text' },
			{ id: 'map', title: 'tour_worker_map_title', text: 'tour_worker_map_text' },
			{ id: 'paper', title: 'tour_worker_paper_title', text: 'tour_worker_paper_text' }
		]
	},
	viewer: {
		title: 'tour_title_viewer',
		steps: [
			{ id: 'map', title: 'tour_viewer_map_title', text: 'tour_viewer_map_text' },
			{ id: 'gaps', title: 'tour_viewer_gaps_title', text: 'tour_viewer_gaps_text' },
			{ id: 'privacy', title: 'tour_viewer_privacy_title', text: 'tour_viewer_privacy_text' },
			{ id: 'more', title: 'tour_viewer_more_title', text: 'tour_viewer_more_text' }
		]
	}
} as const satisfies Record<
	TourRole,
	{ title: string; steps: readonly { id: string; title: string; text: string }[] }
>;

export type Tour = (typeof TOURS)[TourRole];
export type TourStep = Tour['steps'][number];

/** The tour of a role, or null for a role without one. @example tourOf('admin') // null */
export function tourOf(role: Role): Tour | null {
	return (TOUR_ROLES as readonly string[]).includes(role) ? TOURS[role as TourRole] : null;
}

/**
 * Where this device remembers that this user saw this version of her role's tour: per user and
 * role (a new role brings its own tour), and per version (a new version shows again).
 *
 * @example tourKey('u1', 'worker') // 'krachtkaart:tour:v1:u1:worker'
 */
export function tourKey(userId: string, role: Role, version = TOUR_VERSION): string {
	return `${TOUR_KEY_PREFIX}v${version}:${userId}:${role}`;
}

/**
 * Opens by itself only for a role with a tour and when nothing is stored under her key: once per
 * user, role and version on a device, however it ended.
 */
export function shouldShow(role: Role, stored: string | null): boolean {
	return tourOf(role) !== null && stored === null;
}

/** The step after `index`, staying on the last. */
export function nextStep(index: number, count: number): number {
	return Math.max(0, Math.min(index + 1, count - 1));
}

/** The step before `index`, staying on the first. */
export function previousStep(index: number): number {
	return Math.max(0, index - 1);
}
