// The chaos run's plan, pure: a seeded random source, which step comes next in which state of the
// world, what a talk says, and the final count of what the server holds against what the phone
// said it saved. The same seed gives the same steps, so a failing run can be replayed.
import { THEMES } from '$lib/vocabulary/vocabulary';

/** Mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export type Random = () => number;

export const pick = <T>(random: Random, list: readonly T[]): T =>
	list[Math.floor(random() * list.length)];

/** What the run knows of the world outside the page. */
export interface World {
	online: boolean;
	serverUp: boolean;
	/** The coordinator took the second buurt from the worker: her talks there are refused. */
	areaTaken: boolean;
	/** Talks the server refused, waiting on the phone for her to send them again. */
	refused: number;
}

export type StepKind =
	| 'talk'
	| 'double-tap-talk'
	| 'not-home'
	| 'offline'
	| 'online'
	| 'reload'
	| 'reopen-tab'
	| 'expire-session'
	| 'crash-server'
	| 'start-server'
	| 'take-area'
	| 'give-area-back'
	| 'resend-refused';

/** How often each step comes, where it can. The walk itself most; faults often enough to overlap. */
const WEIGHTS: Record<StepKind, (world: World) => number> = {
	talk: () => 20,
	'double-tap-talk': () => 5,
	'not-home': () => 16,
	offline: (w) => (w.online ? 7 : 0),
	online: (w) => (w.online ? 0 : 9),
	reload: () => 6,
	'reopen-tab': () => 4,
	'expire-session': (w) => (w.serverUp ? 3 : 0),
	'crash-server': (w) => (w.serverUp ? 3 : 0),
	'start-server': (w) => (w.serverUp ? 0 : 10),
	'take-area': (w) => (w.serverUp && !w.areaTaken ? 2 : 0),
	'give-area-back': (w) => (w.serverUp && w.areaTaken ? 6 : 0),
	'resend-refused': (w) => (w.refused > 0 ? 6 : 0)
};

export const STEP_KINDS = Object.keys(WEIGHTS) as StepKind[];

export function nextStep(random: Random, world: World): StepKind {
	const weighted = STEP_KINDS.map((kind) => [kind, WEIGHTS[kind](world)] as const);
	const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
	let at = random() * total;
	for (const [kind, weight] of weighted) {
		at -= weight;
		if (at < 0 && weight > 0) return kind;
	}
	return weighted.filter(([, weight]) => weight > 0).at(-1)![0];
}

/** What the worker types into one talk; its notes carry a mark of its own, to find it again. */
export interface TalkContent {
	outcome: 'talked' | 'declined';
	themes: string[];
	willingToHelp: boolean;
	notes: string;
}

export function talkContent(random: Random, mark: string): TalkContent {
	if (random() < 0.15)
		return { outcome: 'declined', themes: [], willingToHelp: false, notes: mark };
	const themes = THEMES.filter(() => random() < 0.2).slice(0, 4);
	return { outcome: 'talked', themes, willingToHelp: random() < 0.5, notes: mark };
}

/** A conversation as the server holds it, the parts the count compares. */
export interface StoredTalk {
	id: string;
	address: string;
	outcome: string;
	themes: string[];
	willingToHelp: boolean;
	notes: string;
}

export interface SavedTalk extends TalkContent {
	address: string;
}

export interface Tally {
	lost: string[];
	doubled: string[];
	altered: string[];
}

/**
 * Compares what the server holds with what the phone said it saved: each talk (by its mark) once
 * with its content, and per door as many "niet thuis" as were tapped.
 */
export function tally(
	saved: ReadonlyMap<string, SavedTalk>,
	notHome: ReadonlyMap<string, number>,
	stored: readonly StoredTalk[]
): Tally {
	const result: Tally = { lost: [], doubled: [], altered: [] };
	const byMark = groupBy(
		stored.filter((s) => s.outcome !== 'not_home'),
		(s) => s.notes
	);
	for (const [mark, talk] of saved) {
		const found = byMark.get(mark) ?? [];
		if (found.length === 0) result.lost.push(mark);
		if (found.length > 1) result.doubled.push(`${mark} ×${found.length}`);
		for (const s of found) {
			const same =
				s.address === talk.address &&
				s.outcome === talk.outcome &&
				s.willingToHelp === talk.willingToHelp &&
				[...s.themes].sort().join() === [...talk.themes].sort().join();
			if (!same) result.altered.push(`${mark}: ${JSON.stringify(s)}`);
		}
	}
	for (const [mark, found] of byMark) {
		if (!saved.has(mark)) result.doubled.push(`${mark} (never saved) ×${found.length}`);
	}
	const notHomeStored = groupBy(
		stored.filter((s) => s.outcome === 'not_home'),
		(s) => s.address
	);
	for (const door of new Set([...notHome.keys(), ...notHomeStored.keys()])) {
		const want = notHome.get(door) ?? 0;
		const have = notHomeStored.get(door)?.length ?? 0;
		for (let i = have; i < want; i++) result.lost.push(`niet thuis at ${door}`);
		for (let i = want; i < have; i++) result.doubled.push(`niet thuis at ${door}`);
	}
	return result;
}

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T>(list: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of list) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
	return groups;
}
