// The ABCD ladder (README.md): which step an asset has reached, from what is recorded, and the
// periods its counts are asked for. The server derives the steps that count
// (pb_hooks/lib/ladder.js, FACTS_SQL and deriveStep); this is the same derivation over records
// in memory, and ladder.test.ts and tests/integration/ladder.test.ts prove the two agree.
import { LADDER_STEPS, type LadderStep } from '$lib/vocabulary/vocabulary';

/** What the derivation reads of an asset. `created` as PocketBase writes it (sortable text). */
export interface LadderAsset {
	id: string;
	kind: string;
	status: string;
	created: string;
	person: string;
	sourceConversation: string;
}
export interface LadderLink {
	from: string;
	to: string;
	kind: string;
}
export interface LadderConversation {
	id: string;
	person: string;
	willingToHelp: boolean;
}
export interface LadderFollowUp {
	conversation: string;
}
export interface LadderRecords {
	assets: LadderAsset[];
	links: LadderLink[];
	conversations: LadderConversation[];
	followUps: LadderFollowUp[];
}

/** Which rule of each step above the first holds for an asset. */
export interface LadderFacts {
	asked: boolean;
	connected: boolean;
	contributing: boolean;
	started: boolean;
}

/** Link kinds that make an asset connected: all but `knows`. */
const CONNECTING = new Set(['connects', 'memberOf', 'supports', 'runs']);

/**
 * The highest step whose rule holds; every asset on the map has at least found its gift.
 * @example deriveStep({ asked: true, connected: false, contributing: false, started: false }) // 'asked'
 */
export function deriveStep(facts: LadderFacts): LadderStep {
	if (facts.started) return 'initiative_started';
	if (facts.contributing) return 'contributing';
	if (facts.connected) return 'connected';
	if (facts.asked) return 'asked';
	return 'gift_found';
}

/** The facts of one asset among the records (README.md, "The rules"). */
export function factsOf(asset: LadderAsset, records: LadderRecords): LadderFacts {
	const byId = new Map(records.assets.map((a) => [a.id, a]));
	const ownTalk = (talk: LadderConversation) =>
		talk.id === asset.sourceConversation || (asset.person !== '' && talk.person === asset.person);
	const ownTalks = records.conversations.filter(ownTalk);
	const ownTalkIds = new Set(ownTalks.map((talk) => talk.id));
	const touching = records.links.filter((l) => l.from === asset.id || l.to === asset.id);
	const other = (link: LadderLink) => byId.get(link.from === asset.id ? link.to : link.from);
	const outTo = (kinds: string[]) =>
		records.links
			.filter((l) => l.from === asset.id && kinds.includes(l.kind))
			.map((l) => byId.get(l.to))
			.filter((a): a is LadderAsset => a?.kind === 'initiative');
	return {
		asked:
			ownTalks.some((talk) => talk.willingToHelp) ||
			records.followUps.some((f) => f.conversation !== '' && ownTalkIds.has(f.conversation)),
		connected: touching.some((l) => CONNECTING.has(l.kind)),
		contributing:
			outTo(['runs', 'supports']).length > 0 ||
			touching.some((l) => {
				const end = other(l);
				return l.kind !== 'knows' && end?.kind === 'initiative' && end.status === 'active';
			}),
		started: outTo(['runs']).some((initiative) => initiative.created >= asset.created)
	};
}

/** Every asset's derived step. */
export function derivedSteps(records: LadderRecords): Map<string, LadderStep> {
	return new Map(records.assets.map((a) => [a.id, deriveStep(factsOf(a, records))]));
}

/** A step's place on the ladder: 0 for a gift found; -1 for none. */
export const rankOf = (step: string): number => LADDER_STEPS.indexOf(step as LadderStep);

/** Per person, the highest step of the assets that are hers (assets without a person left out). */
export function personSteps(
	assets: { person: string; step: LadderStep }[]
): Map<string, LadderStep> {
	const steps = new Map<string, LadderStep>();
	for (const { person, step } of assets) {
		if (!person) continue;
		const known = steps.get(person);
		if (!known || rankOf(step) > rankOf(known)) steps.set(person, step);
	}
	return steps;
}

/** A period of whole UTC days, both included, as YYYY-MM-DD. */
export interface Period {
	from: string;
	to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The calendar quarter a day lies in, as the server's quarterOf.
 * @example quarterOf('2026-05-14') // { from: '2026-04-01', to: '2026-06-30' }
 */
export function quarterOf(day: string): Period {
	const year = Number(day.slice(0, 4));
	const first = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3;
	const last = new Date(Date.UTC(year, first + 3, 0)).getUTCDate();
	return { from: `${year}-${pad(first + 1)}-01`, to: `${year}-${pad(first + 3)}-${pad(last)}` };
}

/**
 * The quarters to pick from, newest first: `count` of them ending with today's (staff), or with
 * the last one that ended (viewers: the server gives them ended quarters only).
 */
export function recentQuarters(today: string, count: number, endedOnly: boolean): Period[] {
	const quarters: Period[] = [];
	let current = quarterOf(today);
	if (endedOnly) current = quarterOf(dayBefore(current.from));
	while (quarters.length < count) {
		quarters.push(current);
		current = quarterOf(dayBefore(current.from));
	}
	return quarters;
}

function dayBefore(day: string): string {
	return new Date(Date.parse(`${day}T00:00:00.000Z`) - 86400000).toISOString().slice(0, 10);
}

/**
 * A quarter's short name, e.g. "2026 K2"; `quarterWord` is the locale's letter (K or Q).
 * @example quarterName({ from: '2026-04-01', to: '2026-06-30' }, 'K') // '2026 K2'
 */
export function quarterName(period: Period, quarterWord: string): string {
	return `${period.from.slice(0, 4)} ${quarterWord}${Math.floor(Number(period.from.slice(5, 7)) / 3) + 1}`;
}
