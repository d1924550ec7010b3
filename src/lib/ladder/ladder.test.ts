// Guards the ladder's pure parts: the derivation on small fixtures (and that it is the server's
// deriveStep), "moved up this period" as the server counts it (pb_hooks/lib/ladder.js), the
// min-5 margins a viewer gets, and the quarters.
import { describe, expect, it } from 'vitest';
import { LADDER_STEPS, type LadderStep } from '$lib/vocabulary/vocabulary';
import {
	deriveStep,
	derivedSteps,
	factsOf,
	personSteps,
	quarterName,
	quarterOf,
	recentQuarters,
	type LadderAsset,
	type LadderFacts,
	type LadderRecords
} from './ladder';
import { hookModule } from '../../../tests/support/hook-module';

type Counts = Record<string, Record<string, number>>;
const server = hookModule('lib/ladder.js') as {
	STEPS: string[];
	deriveStep(facts: Partial<LadderFacts>): LadderStep;
	ladderCounts(
		rows: { asset: string; area: string; step: string; at: number; causedBy?: string }[],
		from: number,
		to: number
	): { at: Counts; reached: Counts; reachedBy: Record<string, number> };
	membersAnswer(
		reachedBy: Record<string, number>,
		names: Record<string, string>
	): {
		members: { id: string; name: string; reached: number }[];
		unattributed: number;
		total: number;
	};
	peopleSteps(
		rows: { id: string; name: string; area: string; step: string }[]
	): { id: string; name: string; area: string; step: string; assets: number }[];
	hideGroup(total: number, parts: number[]): { total: number | null; parts: (number | null)[] };
	countsAnswer(
		counts: { at: Counts; reached: Counts },
		names: Record<string, { code: string; name: string }>,
		viewer: boolean,
		period: { from: string; to: string }
	): {
		areas: { id: string; at: unknown; atTotal: number | null; reachedTotal: number | null }[];
		total: {
			atTotal: number | null;
			reachedTotal: number | null;
			at: Record<string, number | null>;
		};
	};
	quarterOf(day: string): { from: string; to: string };
};

const asset = (id: string, fields: Partial<LadderAsset> = {}): LadderAsset => ({
	id,
	kind: 'capacity',
	status: 'active',
	created: '2026-03-01 10:00:00.000Z',
	person: '',
	sourceConversation: '',
	...fields
});

const none: LadderRecords = { assets: [], links: [], conversations: [], followUps: [] };

describe('the derived step', () => {
	it('is a gift found for an asset with nothing more recorded', () => {
		const records = { ...none, assets: [asset('a')] };
		expect(derivedSteps(records).get('a')).toBe('gift_found');
	});

	it('is asked after a talk willing to help, or a follow-up, of hers or her person', () => {
		const records: LadderRecords = {
			assets: [
				asset('own', { sourceConversation: 't1' }),
				asset('person', { person: 'p1' }),
				asset('followed', { sourceConversation: 't3' }),
				asset('unwilling', { sourceConversation: 't4' })
			],
			links: [],
			conversations: [
				{ id: 't1', person: '', willingToHelp: true },
				{ id: 't2', person: 'p1', willingToHelp: true },
				{ id: 't3', person: '', willingToHelp: false },
				{ id: 't4', person: '', willingToHelp: false }
			],
			followUps: [{ conversation: 't3' }, { conversation: '' }]
		};
		expect(Object.fromEntries(derivedSteps(records))).toEqual({
			own: 'asked',
			person: 'asked',
			followed: 'asked',
			unwilling: 'gift_found'
		});
	});

	it('is connected by any link but knows, either way', () => {
		const records: LadderRecords = {
			...none,
			assets: [asset('a'), asset('b'), asset('c'), asset('d', { kind: 'association' })],
			links: [
				{ from: 'a', to: 'b', kind: 'knows' },
				{ from: 'c', to: 'd', kind: 'memberOf' }
			]
		};
		expect(Object.fromEntries(derivedSteps(records))).toEqual({
			a: 'gift_found',
			b: 'gift_found',
			c: 'connected',
			d: 'connected'
		});
	});

	it('is contributing for who supports an initiative or is linked to an active one', () => {
		const records: LadderRecords = {
			...none,
			assets: [
				asset('helper'),
				asset('idea', { kind: 'initiative', status: 'idea' }),
				asset('neighbour'),
				asset('cafe', { kind: 'initiative', status: 'active' }),
				asset('friend')
			],
			links: [
				{ from: 'helper', to: 'idea', kind: 'supports' },
				{ from: 'cafe', to: 'neighbour', kind: 'connects' },
				{ from: 'friend', to: 'cafe', kind: 'knows' }
			]
		};
		expect(Object.fromEntries(derivedSteps(records))).toEqual({
			helper: 'contributing',
			idea: 'connected',
			neighbour: 'contributing',
			cafe: 'connected',
			friend: 'gift_found'
		});
	});

	it('is an initiative started for who runs one that came onto the map after her', () => {
		const records: LadderRecords = {
			...none,
			assets: [
				asset('founder', { kind: 'key_figure', created: '2026-01-01 09:00:00.000Z' }),
				asset('new', { kind: 'initiative', status: 'idea', created: '2026-02-01 09:00:00.000Z' }),
				asset('latecomer', { created: '2026-05-01 09:00:00.000Z' }),
				asset('old', { kind: 'initiative', created: '2025-01-01 09:00:00.000Z' })
			],
			links: [
				{ from: 'founder', to: 'new', kind: 'runs' },
				{ from: 'latecomer', to: 'old', kind: 'runs' }
			]
		};
		const steps = derivedSteps(records);
		expect(steps.get('founder')).toBe('initiative_started');
		expect(steps.get('latecomer')).toBe('contributing');
	});

	it('takes the highest step whose rule holds, as the server does, for every combination', () => {
		for (let bits = 0; bits < 16; bits++) {
			const facts: LadderFacts = {
				asked: (bits & 1) > 0,
				connected: (bits & 2) > 0,
				contributing: (bits & 4) > 0,
				started: (bits & 8) > 0
			};
			expect(deriveStep(facts)).toBe(server.deriveStep(facts));
		}
		expect(server.STEPS).toEqual(LADDER_STEPS);
		expect(deriveStep({ asked: true, connected: false, contributing: true, started: false })).toBe(
			'contributing'
		);
	});

	it('gives a person the highest step of her assets', () => {
		const steps = personSteps([
			{ person: 'p1', step: 'asked' },
			{ person: 'p1', step: 'contributing' },
			{ person: 'p1', step: 'connected' },
			{ person: '', step: 'initiative_started' }
		]);
		expect(Object.fromEntries(steps)).toEqual({ p1: 'contributing' });
	});

	it('gives a person the same step on the server, highest first, with her number of assets', () => {
		const rows = [
			{ id: 'p1', name: 'Ans', area: 'b1', step: 'asked' },
			{ id: 'p2', name: 'Bram', area: 'b1', step: 'gift_found' },
			{ id: 'p1', name: 'Ans', area: 'b1', step: 'contributing' },
			{ id: 'p3', name: 'Cor', area: 'b2', step: 'contributing' },
			{ id: 'p1', name: 'Ans', area: 'b1', step: 'connected' }
		] as const;
		const onServer = server.peopleSteps([...rows]);
		expect(onServer).toEqual([
			{ id: 'p1', name: 'Ans', area: 'b1', step: 'contributing', assets: 3 },
			{ id: 'p3', name: 'Cor', area: 'b2', step: 'contributing', assets: 1 },
			{ id: 'p2', name: 'Bram', area: 'b1', step: 'gift_found', assets: 1 }
		]);
		const inApp = personSteps(rows.map((r) => ({ person: r.id, step: r.step })));
		expect(Object.fromEntries(onServer.map((p) => [p.id, p.step]))).toEqual(
			Object.fromEntries(inApp)
		);
	});

	it('reads nothing of other assets’ talks', () => {
		const records: LadderRecords = {
			...none,
			assets: [asset('a', { sourceConversation: 't1' }), asset('b', { sourceConversation: 't2' })],
			conversations: [{ id: 't2', person: '', willingToHelp: true }]
		};
		expect(factsOf(records.assets[0], records).asked).toBe(false);
		expect(factsOf(records.assets[1], records).asked).toBe(true);
	});
});

describe('moved up this period', () => {
	const at = (day: string) => Date.parse(`${day}T12:00:00.000Z`);
	const Q2 = {
		from: Date.parse('2026-04-01T00:00:00.000Z'),
		to: Date.parse('2026-06-30T23:59:59.999Z')
	};
	const rows = [
		// Found before, asked in the period: moved up to asked.
		{ asset: 'a', area: 'b1', step: 'gift_found', at: at('2026-02-01') },
		{ asset: 'a', area: 'b1', step: 'asked', at: at('2026-05-01') },
		// Found in the period: reaches its first step.
		{ asset: 'n', area: 'b1', step: 'gift_found', at: at('2026-04-10') },
		// Up and down again in the period: not moved up.
		{ asset: 'd', area: 'b1', step: 'connected', at: at('2026-01-01') },
		{ asset: 'd', area: 'b1', step: 'contributing', at: at('2026-04-02') },
		{ asset: 'd', area: 'b1', step: 'connected', at: at('2026-06-02') },
		// Two steps up, in another buurt: counted once, at its end step.
		{ asset: 'j', area: 'b2', step: 'gift_found', at: at('2026-03-31') },
		{ asset: 'j', area: 'b2', step: 'connected', at: at('2026-04-20') },
		{ asset: 'j', area: 'b2', step: 'initiative_started', at: at('2026-06-30') },
		// After the period: not yet.
		{ asset: 'late', area: 'b2', step: 'gift_found', at: at('2026-07-01') }
	];

	it('counts per buurt the steps at the end and the steps reached', () => {
		const counts = server.ladderCounts(rows, Q2.from, Q2.to);
		expect(counts.at).toEqual({
			b1: { asked: 1, gift_found: 1, connected: 1 },
			b2: { initiative_started: 1 }
		});
		expect(counts.reached).toEqual({
			b1: { asked: 1, gift_found: 1 },
			b2: { initiative_started: 1 }
		});
	});

	it('puts each step up to the user whose save wrote its end row', () => {
		const by: Record<string, string> = { a: 'u1', n: 'u2', j: 'u1' };
		const attributed = rows.map((row, i) => ({
			...row,
			// j's first rows are someone else's: its end row, by u1, is what counts.
			causedBy: row.asset === 'j' && i < 8 ? 'u3' : (by[row.asset] ?? '')
		}));
		const counts = server.ladderCounts(attributed, Q2.from, Q2.to);
		expect(counts.reachedBy).toEqual({ u1: 2, u2: 1 });
		const sameMoment = [
			{ asset: 's', area: 'b1', step: 'gift_found', at: at('2026-05-01'), causedBy: 'u1' },
			{ asset: 's', area: 'b1', step: 'asked', at: at('2026-05-01'), causedBy: 'u2' }
		];
		expect(server.ladderCounts(sameMoment, Q2.from, Q2.to).reachedBy).toEqual({ u2: 1 });
	});

	it('names the members she may read, the rest unknown, adding up to the total', () => {
		const answer = server.membersAnswer(
			{ u1: 2, u2: 5, '': 1, stranger: 3, u3: 2 },
			{ u1: 'Bas', u2: 'Ans', u3: 'Anna' }
		);
		expect(answer).toEqual({
			members: [
				{ id: 'u2', name: 'Ans', reached: 5 },
				{ id: 'u3', name: 'Anna', reached: 2 },
				{ id: 'u1', name: 'Bas', reached: 2 }
			],
			unattributed: 4,
			total: 13
		});
		expect(server.membersAnswer({}, {})).toEqual({ members: [], unattributed: 0, total: 0 });
	});

	it('counts nothing moved in a period without changes', () => {
		const Q3 = {
			from: Date.parse('2026-07-01T00:00:00.000Z'),
			to: Date.parse('2026-09-30T23:59:59.999Z')
		};
		const counts = server.ladderCounts(rows.slice(0, 9), Q3.from, Q3.to);
		expect(counts.reached).toEqual({});
		expect(counts.at.b1).toEqual({ asked: 1, gift_found: 1, connected: 1 });
	});
});

describe('what a viewer sees of the counts', () => {
	it('hides 1 to 4, and the smallest shown beside them until the hidden make 5', () => {
		expect(server.hideGroup(10, [3, 7])).toEqual({ total: 10, parts: [null, null] });
		expect(server.hideGroup(20, [3, 7, 10])).toEqual({ total: 20, parts: [null, null, 10] });
		expect(server.hideGroup(12, [0, 12])).toEqual({ total: 12, parts: [0, 12] });
		expect(server.hideGroup(3, [1, 2])).toEqual({ total: null, parts: [null, null] });
		expect(server.hideGroup(11, [2, 4, 5])).toEqual({ total: 11, parts: [null, null, 5] });
	});

	it('gives only the margins, no cell of a buurt and a step', () => {
		const names = { b1: { code: 'BU1', name: 'Een' }, b2: { code: 'BU2', name: 'Twee' } };
		const counts = {
			at: { b1: { gift_found: 8, asked: 2 }, b2: { gift_found: 6 } },
			reached: { b1: { asked: 2 }, b2: { gift_found: 6 } }
		};
		const period = { from: '2026-04-01', to: '2026-06-30' };
		const viewer = server.countsAnswer(counts, names, true, period);
		expect(viewer.areas.map((a) => [a.id, a.at, a.atTotal, a.reachedTotal])).toEqual([
			['b1', null, 10, null],
			['b2', null, 6, null]
		]);
		expect(viewer.total.atTotal).toBe(16);
		expect(viewer.total.reachedTotal).toBe(8);
		// 14 beside the total of 16 would give away the 2 asked.
		expect(viewer.total.at).toMatchObject({ gift_found: null, asked: null });
		const staff = server.countsAnswer(counts, names, false, period);
		expect(staff.areas[0].at).toMatchObject({ gift_found: 8, asked: 2 });
	});
});

describe('the quarters', () => {
	it('are whole calendar quarters, as the server takes them', () => {
		for (const day of ['2026-01-01', '2026-03-31', '2026-05-14', '2024-02-29', '2026-12-31']) {
			expect(quarterOf(day)).toEqual(server.quarterOf(day));
		}
		expect(quarterOf('2024-02-10')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
		expect(quarterName(quarterOf('2026-11-02'), 'K')).toBe('2026 K4');
	});

	it('offer viewers only quarters that ended', () => {
		expect(recentQuarters('2026-12-07', 2, false).map((q) => q.from)).toEqual([
			'2026-10-01',
			'2026-07-01'
		]);
		expect(recentQuarters('2026-12-07', 2, true).map((q) => q.from)).toEqual([
			'2026-07-01',
			'2026-04-01'
		]);
		expect(recentQuarters('2026-01-15', 1, true)).toEqual([
			{ from: '2025-10-01', to: '2025-12-31' }
		]);
	});
});
