// The ladder's calls to the server (pb_hooks/ladder.pb.js); the shapes are the server's answers.
import type PocketBase from 'pocketbase';
import type { AssetKind, LadderSource, LadderStep } from '$lib/vocabulary/vocabulary';
import type { Period } from './ladder';

/** A count as shown: null when the min-5 rule hides it from a viewer. */
export type ShownCount = number | null;
export type StepCounts = Record<LadderStep, ShownCount>;

export interface LadderAreaCounts {
	id: string;
	code: string;
	name: string;
	/** Per step, the assets at it at the period's end; null for viewers (margins only). */
	at: StepCounts | null;
	/** Per step, the assets that reached it in the period (from a lower step, or new). */
	reached: StepCounts | null;
	atTotal: ShownCount;
	reachedTotal: ShownCount;
}

export interface LadderCounts {
	period: Period;
	steps: LadderStep[];
	/** A viewer's answer: no cells per area and step, only the totals of each. */
	marginsOnly: boolean;
	areas: LadderAreaCounts[];
	total: { at: StepCounts; reached: StepCounts; atTotal: ShownCount; reachedTotal: ShownCount };
	/** Staff only (never in a viewer's answer): who moved how many assets up in the period. */
	byMember?: LadderByMember;
}

/** Per team member, the assets whose step up in the period her save wrote (README.md). */
export interface LadderByMember {
	members: { id: string; name: string; reached: number }[];
	/** Moved up by a save of nobody known, or of a user she may not read: "onbekend". */
	unattributed: number;
	/** Every asset that moved up in her asked areas: the members' sum and the unattributed. */
	total: number;
}

/** A resident with her step: the highest of her assets' (staff who may read people only). */
export interface LadderPersonStep {
	id: string;
	name: string;
	area: string;
	step: LadderStep;
	/** How many assets of hers the step is taken over. */
	assets: number;
}

/** An asset with its step now (staff only). */
export interface LadderAssetStep {
	id: string;
	title: string;
	kind: AssetKind;
	area: string;
	person: string;
	step: LadderStep;
	source: LadderSource;
	setBy: string;
	reason: string;
	at: string;
}

/** An asset's latest history row: its step now, and where it came from. */
export type StepNow = Pick<LadderAssetStep, 'step' | 'source' | 'setBy' | 'reason' | 'at'>;

export interface SetStepAnswer {
	asset: string;
	step: LadderStep;
	from: LadderStep | '';
	source: 'set';
	at: string;
}

export function ladderApi(pb: PocketBase) {
	return {
		fetchCounts(areas: string[], period: Period): Promise<LadderCounts> {
			return pb.send('/api/krachtkaart/ladder/counts', {
				query: { areas: areas.join(','), from: period.from, to: period.to }
			});
		},
		async fetchAssets(areas: string[]): Promise<LadderAssetStep[]> {
			const answer: { assets: LadderAssetStep[] } = await pb.send(
				'/api/krachtkaart/ladder/assets',
				{
					query: { areas: areas.join(',') }
				}
			);
			return answer.assets;
		},
		async fetchPeople(areas: string[]): Promise<LadderPersonStep[]> {
			const answer: { people: LadderPersonStep[] } = await pb.send(
				'/api/krachtkaart/ladder/people',
				{ query: { areas: areas.join(',') } }
			);
			return answer.people;
		},
		/** The asset's step now, or null when it has none yet (staff only, by the records API). */
		async fetchStep(asset: string): Promise<StepNow | null> {
			const rows = await pb.collection('ladder_steps').getList<StepNow>(1, 1, {
				filter: pb.filter('asset = {:asset}', { asset }),
				sort: '-at,-created,-id',
				fields: 'step,source,setBy,reason,at'
			});
			return rows.items[0] ?? null;
		},
		setStep(asset: string, step: LadderStep, reason: string): Promise<SetStepAnswer> {
			return pb.send('/api/krachtkaart/ladder/step', {
				method: 'POST',
				body: { asset, step, reason }
			});
		}
	};
}
