// How a listening round is going: its figures per round, list and worker (doors, visited, talked,
// not home, contact rate, gifts, themes against the round's target), the signals a coordinator
// checks (never a ranking of workers), and the answers' tally as viewers may see it (min-5).
// Pure: the caller reads the round, its lists and its conversations.
import { THEMES, type Outcome, type QuestionKind, type Theme } from '$lib/vocabulary/vocabulary';
import {
	inPeriod,
	isBlankAnswer,
	localDay,
	validateAnswer,
	type Answers,
	type RoundQuestion,
	type RoundRecord,
	type WalkListRecord
} from './rounds';

/** Two talks by one worker closer together than this are too fast to have been held. */
export const FAST_TALK_SECONDS = 60;

/** The smallest group a viewer may see a count of (the min-5 rule); 0 is shown too. */
export const MIN_GROUP = 5;

/** A conversation as progress needs it (a record of `conversations`, or one in the outbox). */
export interface RoundConversation {
	id: string;
	/** The door's address id, or '' for a talk at no door. */
	address: string;
	worker: string;
	/** PocketBase date or ISO date and time. */
	heldAt: string;
	outcome: Outcome;
	/** The walk list it was logged on, or ''. */
	walkList: string;
	farFromAddress: boolean;
	themes?: readonly Theme[] | null;
	gifts?: readonly unknown[] | null;
	answers?: Answers | null;
	wishes?: string;
	notes?: string;
}

/** How often a theme was raised in talks, and whether the round listens for it. */
export interface ThemeCount {
	theme: Theme;
	count: number;
	listenedFor: boolean;
}

export interface Figures {
	/** Doors on the lists. */
	doors: number;
	/** Distinct doors with any visit in the round's period. */
	visited: number;
	/** Visited doors by how it went: a talk if there was one, else the latest visit. */
	talked: number;
	notHome: number;
	declined: number;
	/** Come back later, vacant, do not contact. talked + notHome + declined + other = visited. */
	other: number;
	/** Talks held (a door may have two; a talk at no door counts here only). */
	talks: number;
	/** talked ÷ visited; null when no door was visited. */
	contactRate: number | null;
	/** Gifts noted in the talks. */
	gifts: number;
	/** The round's themes first (in its order, also when unheard), then the others raised, most first. */
	themes: ThemeCount[];
}

export interface Goal {
	goal: number;
	reached: number;
}

export interface QualitySignals {
	/** Two talks by one worker less than `FAST_TALK_SECONDS` apart. */
	fastTalks: { worker: string; conversations: [string, string]; seconds: number }[];
	/** Visits the server flagged as logged far from their door (any outcome). */
	farFromDoor: { worker: string; conversation: string }[];
	/** Talks with no themes, gifts, wishes, notes or answers. */
	emptyTalks: { worker: string; conversation: string }[];
}

export interface RoundProgress {
	round: Figures & { target: { doors: Goal | null; talks: Goal | null } };
	/** In the order of the lists given. */
	lists: (Figures & { list: string })[];
	/** By worker id: the assignees of its lists and whoever visited its doors; never by figures. */
	workers: (Figures & { worker: string })[];
	signals: QualitySignals;
}

/** PocketBase writes '2027-03-01 10:00:00.000Z'; Date.parse wants the T. NaN for junk. */
const time = (value: string) => Date.parse(value.trim().replace(' ', 'T'));

const blankText = (text: string | undefined) => !text || text.trim() === '';

function themeCounts(
	talks: readonly RoundConversation[],
	listened: readonly Theme[]
): ThemeCount[] {
	const counts = new Map<Theme, number>(listened.map((theme) => [theme, 0]));
	for (const talk of talks) {
		// A theme counts once per talk, however it was stored.
		for (const theme of new Set(talk.themes ?? [])) counts.set(theme, (counts.get(theme) ?? 0) + 1);
	}
	const raised = THEMES.filter((theme) => !listened.includes(theme) && (counts.get(theme) ?? 0) > 0)
		.map((theme) => ({ theme, count: counts.get(theme) ?? 0, listenedFor: false }))
		.sort((a, b) => b.count - a.count);
	return [
		...listened.map((theme) => ({ theme, count: counts.get(theme) ?? 0, listenedFor: true })),
		...raised
	];
}

function figures(
	doors: number,
	conversations: readonly RoundConversation[],
	listened: readonly Theme[]
): Figures {
	const byDoor = new Map<string, RoundConversation[]>();
	for (const conversation of conversations) {
		if (!conversation.address) continue;
		const visits = byDoor.get(conversation.address);
		if (visits) visits.push(conversation);
		else byDoor.set(conversation.address, [conversation]);
	}
	let talked = 0;
	let notHome = 0;
	let declined = 0;
	for (const visits of byDoor.values()) {
		const outcome = visits.some((v) => v.outcome === 'talked')
			? 'talked'
			: visits.reduce((a, b) => (time(b.heldAt) > time(a.heldAt) ? b : a)).outcome;
		if (outcome === 'talked') talked += 1;
		else if (outcome === 'not_home') notHome += 1;
		else if (outcome === 'declined') declined += 1;
	}
	const visited = byDoor.size;
	const talks = conversations.filter((c) => c.outcome === 'talked');
	return {
		doors,
		visited,
		talked,
		notHome,
		declined,
		other: visited - talked - notHome - declined,
		talks: talks.length,
		contactRate: visited > 0 ? talked / visited : null,
		gifts: talks.reduce((sum, talk) => sum + (talk.gifts?.length ?? 0), 0),
		themes: themeCounts(talks, listened)
	};
}

function signals(conversations: readonly RoundConversation[]): QualitySignals {
	const talks = conversations.filter((c) => c.outcome === 'talked');
	const fastTalks: QualitySignals['fastTalks'] = [];
	// Not Map.groupBy: older phones' browsers lack it.
	const byWorker = new Map<string, RoundConversation[]>();
	for (const talk of talks) byWorker.set(talk.worker, [...(byWorker.get(talk.worker) ?? []), talk]);
	for (const [worker, own] of byWorker) {
		const ordered = own.filter((t) => !Number.isNaN(time(t.heldAt)));
		ordered.sort((a, b) => time(a.heldAt) - time(b.heldAt));
		for (let i = 1; i < ordered.length; i++) {
			const seconds = (time(ordered[i].heldAt) - time(ordered[i - 1].heldAt)) / 1000;
			// The same moment is a typed-in paper sheet (its one time for the whole walk), not a pace.
			if (seconds > 0 && seconds < FAST_TALK_SECONDS) {
				fastTalks.push({ worker, conversations: [ordered[i - 1].id, ordered[i].id], seconds });
			}
		}
	}
	const mark = (c: RoundConversation) => ({ worker: c.worker, conversation: c.id });
	const isEmpty = (talk: RoundConversation) =>
		(talk.themes ?? []).length === 0 &&
		(talk.gifts ?? []).length === 0 &&
		blankText(talk.wishes) &&
		blankText(talk.notes) &&
		Object.values(talk.answers ?? {}).every(isBlankAnswer);
	return {
		fastTalks,
		farFromDoor: conversations.filter((c) => c.farFromAddress).map(mark),
		emptyTalks: talks.filter(isEmpty).map(mark)
	};
}

/**
 * The conversations of a round (what `roundProgress` counts, and the round's export): held in
 * its period (by the phone's calendar day) on one of its lists or at one of its doors.
 */
export function conversationsOfRound<
	C extends Pick<RoundConversation, 'heldAt' | 'walkList' | 'address'>
>(
	round: Pick<RoundRecord, 'startsOn' | 'endsOn'>,
	lists: readonly Pick<WalkListRecord, 'id' | 'addresses'>[],
	conversations: readonly C[]
): C[] {
	const listed = new Set(lists.map((list) => list.id));
	const doors = new Set(lists.flatMap((list) => list.addresses));
	return conversations.filter((c) => {
		const held = time(c.heldAt);
		return (
			!Number.isNaN(held) &&
			inPeriod(round, localDay(new Date(held))) &&
			(listed.has(c.walkList) || doors.has(c.address))
		);
	});
}

/** The list a conversation counts for: the one it was logged on, else the first holding its door. */
export function listOfConversation(
	lists: readonly Pick<WalkListRecord, 'id' | 'addresses'>[],
	conversation: Pick<RoundConversation, 'walkList' | 'address'>
): string | undefined {
	if (lists.some((l) => l.id === conversation.walkList)) return conversation.walkList;
	return lists.find((l) => l.addresses.includes(conversation.address))?.id;
}

/**
 * A round's progress. Its conversations are those held in its period (by the phone's calendar
 * day) on one of its lists or at one of its doors; each counts for the list it was logged on, or
 * else the first list holding its door. A worker's doors are those of the lists assigned to or
 * checked out by her.
 *
 * @example roundProgress(round, lists, conversations).round // { doors: 120, visited: 40, talked: 18, contactRate: 0.45, ... }
 */
export function roundProgress(
	round: Pick<RoundRecord, 'startsOn' | 'endsOn' | 'themes' | 'target'>,
	lists: readonly Pick<WalkListRecord, 'id' | 'addresses' | 'assignees' | 'checkedOutBy'>[],
	conversations: readonly RoundConversation[]
): RoundProgress {
	const doors = new Set(lists.flatMap((list) => list.addresses));
	const ofRound = conversationsOfRound(round, lists, conversations);
	const listOf = (c: RoundConversation) => listOfConversation(lists, c);
	const themes = round.themes ?? [];

	const whole = figures(doors.size, ofRound, themes);
	const goal = (value: number | undefined, reached: number) =>
		value === undefined ? null : { goal: value, reached };

	const workerIds = new Set([
		...lists.flatMap((l) => l.assignees),
		...ofRound.map((c) => c.worker)
	]);
	const workers = [...workerIds].sort().map((worker) => {
		const own = lists.filter((l) => l.assignees.includes(worker) || l.checkedOutBy === worker);
		const ownDoors = new Set(own.flatMap((l) => l.addresses));
		const visits = ofRound.filter((c) => c.worker === worker);
		return { worker, ...figures(ownDoors.size, visits, themes) };
	});

	return {
		round: {
			...whole,
			target: {
				doors: goal(round.target?.doors, whole.visited),
				talks: goal(round.target?.talks, whole.talks)
			}
		},
		lists: lists.map((list) => ({
			list: list.id,
			...figures(
				new Set(list.addresses).size,
				ofRound.filter((c) => listOf(c) === list.id),
				themes
			)
		})),
		workers,
		signals: signals(ofRound)
	};
}

/** A number answer's bucket: from the previous bucket's `below` up to (not including) its own. */
export const NUMBER_BUCKETS: readonly { value: string; below: number }[] = [
	{ value: '<0', below: 0 },
	{ value: '0', below: 1 },
	{ value: '1', below: 2 },
	{ value: '2', below: 3 },
	{ value: '3-5', below: 6 },
	{ value: '6-10', below: 11 },
	{ value: '11-20', below: 21 },
	{ value: '21-50', below: 51 },
	{ value: '51-100', below: 101 },
	{ value: '>100', below: Infinity }
];

/** One option (or yes, no, a number bucket) and how many chose it; null: fewer than the minimum. */
export interface AnswerCell {
	value: string;
	count: number | null;
}

export interface QuestionTally {
	question: string;
	kind: QuestionKind;
	/** Talks that answered it; null when 1 to `minGroup` − 1 did (and then every cell is null). */
	answered: number | null;
	/** Per option, yes/no or number bucket; [] for text, whose answers are never tallied. */
	cells: AnswerCell[];
}

/** The values a question's cells are counted by, in the order shown. */
function cellValues(question: Pick<RoundQuestion, 'kind' | 'options'>): string[] {
	switch (question.kind) {
		case 'yesno':
			return ['yes', 'no'];
		case 'choice':
		case 'choices':
			return (question.options ?? []).map((option) => option.value);
		case 'number':
			return NUMBER_BUCKETS.map((bucket) => bucket.value);
		default:
			return [];
	}
}

/** The cells an (already checked) answer counts in. */
function cellsOf(question: Pick<RoundQuestion, 'kind'>, value: unknown): string[] {
	if (question.kind === 'yesno') return [value ? 'yes' : 'no'];
	if (question.kind === 'choice') return [value as string];
	if (question.kind === 'choices') return value as string[];
	if (question.kind === 'number') {
		return [NUMBER_BUCKETS.find((bucket) => (value as number) < bucket.below)?.value ?? '>100'];
	}
	return [];
}

/**
 * The counts to show, with every count of 1 to `minGroup` − 1 hidden (null). So the hidden
 * counts cannot be had back by subtracting the shown ones from the number who answered (or from
 * each other), more are hidden until those hidden add up to 0 or at least `minGroup`: the
 * smallest shown non-zero count next. A hidden count is then never alone, and together they are
 * a group of at least `minGroup`. Zeros are shown: nobody is nobody.
 */
function hideSmall(counts: readonly number[], minGroup: number): (number | null)[] {
	const shown: (number | null)[] = counts.map((n) => (n > 0 && n < minGroup ? null : n));
	let hidden = counts.reduce((sum, n, i) => sum + (shown[i] === null ? n : 0), 0);
	while (hidden > 0 && hidden < minGroup) {
		let smallest = -1;
		shown.forEach((n, i) => {
			if (n !== null && n > 0 && (smallest === -1 || n < counts[smallest])) smallest = i;
		});
		if (smallest === -1) break;
		shown[smallest] = null;
		hidden += counts[smallest];
	}
	return shown;
}

/**
 * The answers to a round's questions as anyone may see them, viewers too: per question how many
 * talks answered it and per option, yes/no or number bucket (`NUMBER_BUCKETS`) how many chose it;
 * text answers only counted. Only answers that fit their question count (`validateAnswer`),
 * blank ones do not. The min-5 rule: a question answered by 1 to `minGroup` − 1 talks shows
 * nothing; a count of 1 to `minGroup` − 1 is hidden along with enough others that the hidden ones
 * add up to at least `minGroup` (see `hideSmall`), so no hidden count follows from the total or
 * the other counts. Comparing tallies of different moments is the caller's to prevent (as the
 * gap view does for viewers, by whole quarters).
 *
 * @example answerTally([yesno], talks) // [{ question: 'q1', kind: 'yesno', answered: 23, cells: [{ value: 'yes', count: null }, { value: 'no', count: null }] }] (20 yes, 3 no)
 */
export function answerTally(
	questions: readonly Pick<RoundQuestion, 'id' | 'kind' | 'options'>[],
	conversations: readonly Pick<RoundConversation, 'answers'>[],
	minGroup = MIN_GROUP
): QuestionTally[] {
	return questions.map((question) => {
		const values = cellValues(question);
		const counts = new Map(values.map((value) => [value, 0]));
		let answered = 0;
		for (const conversation of conversations) {
			const value = conversation.answers?.[question.id];
			if (isBlankAnswer(value) || validateAnswer(question, value) !== null) continue;
			answered += 1;
			for (const cell of cellsOf(question, value)) counts.set(cell, (counts.get(cell) ?? 0) + 1);
		}
		const tooFew = answered > 0 && answered < minGroup;
		const shown = tooFew
			? values.map(() => null)
			: hideSmall(
					values.map((value) => counts.get(value) ?? 0),
					minGroup
				);
		return {
			question: question.id,
			kind: question.kind,
			answered: tooFew ? null : answered,
			cells: values.map((value, i) => ({ value, count: shown[i] }))
		};
	});
}
