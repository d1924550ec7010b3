// The rounds' summary (GET /api/krachtkaart/rounds/summary, pb_hooks/lib/round-summary.js): the
// rounds of her areas as every role may see them, viewers too. The only call to the server for
// it; the shapes below are the server's answer.
import type PocketBase from 'pocketbase';
import type { QuestionKind, Theme } from '$lib/vocabulary/vocabulary';
import type { QuestionOption, RoundStatus } from './rounds';
import type { QuestionTally } from './progress';

/** A count as shown: null when the min-5 rule hides it (1 to 4, or hidden with one that is). */
export type ShownCount = number | null;

export interface SummaryQuestion {
	id: string;
	kind: QuestionKind;
	textNl: string;
	textEn: string;
	options: QuestionOption[];
	/** Its answers are personal data: they are never counted in the summary. */
	personal: boolean;
}

/** How an ended, settled round went, every count by the min-5 rule. */
export interface SummaryFigures {
	/** Doors with any visit; the total of talked, notHome and other. */
	visited: ShownCount;
	/** Each visited door once: by its talk if it had one, else its latest visit. */
	talked: ShownCount;
	notHome: ShownCount;
	/** Declined, come back later, vacant, do not contact. */
	other: ShownCount;
	/** The round's themes first (also unheard), then others raised at least the minimum times. */
	themes: { theme: Theme; count: ShownCount; listenedFor: boolean }[];
	/** Per question not marked personal, in order: `answerTally` (text: only `answered`). */
	answers: QuestionTally[];
}

export interface RoundSummary {
	id: string;
	name: string;
	/** Days, 'YYYY-MM-DD'. */
	startsOn: string;
	endsOn: string;
	/** By the server's (UTC) day. */
	status: RoundStatus;
	/** The day its figures are shown from: `settleDays` after its last day. */
	figuresFrom: string;
	areas: { id: string; name: string }[];
	themes: Theme[];
	/** Doors on its walk lists. */
	doors: number;
	questions: SummaryQuestion[];
	/** null until the round has ended and settled. */
	figures: SummaryFigures | null;
}

export interface RoundSummaries {
	minGroup: number;
	settleDays: number;
	/** The server's day, 'YYYY-MM-DD'. */
	today: string;
	/** Newest start first. */
	rounds: RoundSummary[];
}

export interface SummaryApi {
	/** The rounds all of whose areas are hers (an admin's: all); `areaIds` narrows them. */
	fetchSummaries(areaIds?: readonly string[]): Promise<RoundSummaries>;
}

/** @param client the app's `pb`, or a test's client */
export function summaryApi(client: PocketBase): SummaryApi {
	return {
		fetchSummaries: (areaIds = []) =>
			client.send<RoundSummaries>('/api/krachtkaart/rounds/summary', {
				query: areaIds.length > 0 ? { areas: areaIds.join(',') } : {},
				requestKey: null
			})
	};
}
