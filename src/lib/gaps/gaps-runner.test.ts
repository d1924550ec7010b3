// Guards the worker protocol of the gap analysis: the worker posts progress, then the result or
// an error; the runner resolves or rejects with it, ends its worker, and ends it when aborted.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisOptions } from './gap-analysis';
import type { GapInput } from './gap-input';
import type { GapReply, GapRequest } from './gaps.worker';

const OPTIONS: AnalysisOptions = { radiusM: 500, resolution: 9, now: Date.UTC(2026, 11, 1) };
const INPUT: GapInput = {
	aggregated: false,
	minResidents: 5,
	period: { from: '2026-09-01', to: '2026-12-01', previousFrom: '2026-06-01' },
	areas: [],
	units: [
		{
			lon: 5.115,
			lat: 52.115,
			area: 'buurta',
			street: 'Tigrisdreef',
			addresses: 10,
			visited: 3,
			talked: 1,
			visitedBefore: 0,
			talkedBefore: 0,
			lastVisit: null,
			themes: { taal: 4 },
			themesBefore: {}
		}
	],
	assets: [],
	links: []
};

/** The worker's global scope, as gaps.worker.ts sees it in a browser. */
const scope: {
	onmessage: ((event: { data: GapRequest }) => void) | null;
	postMessage: (reply: GapReply) => void;
} = { onmessage: null, postMessage: () => {} };

/** A Worker that runs gaps.worker.ts in this thread, with a structured clone each way. */
class InlineWorker {
	static started: InlineWorker[] = [];
	onmessage: ((event: { data: GapReply }) => void) | null = null;
	onerror: ((event: { message: string }) => void) | null = null;
	terminated = false;
	constructor(
		readonly url: URL,
		readonly options: { type: string }
	) {
		InlineWorker.started.push(this);
	}
	postMessage(request: GapRequest) {
		scope.postMessage = (reply) => {
			if (!this.terminated) this.onmessage?.({ data: structuredClone(reply) });
		};
		// Like a real worker: later, not inside postMessage.
		setTimeout(() => scope.onmessage?.({ data: structuredClone(request) }), 0);
	}
	terminate() {
		this.terminated = true;
	}
}

async function withWorker() {
	vi.stubGlobal('self', scope);
	vi.stubGlobal('Worker', InlineWorker);
	InlineWorker.started = [];
	await import('./gaps.worker');
	return import('./gaps-runner');
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('the gap analysis worker', () => {
	it('posts progress, then the result', async () => {
		await withWorker();
		const replies: GapReply[] = [];
		scope.postMessage = (reply) => replies.push(reply);
		scope.onmessage?.({ data: { input: INPUT, options: OPTIONS } });
		const last = replies.at(-1);
		expect(replies.slice(0, -1).map((r) => r.type)).toEqual(
			replies.slice(0, -1).map(() => 'progress')
		);
		expect(last?.type).toBe('result');
		expect(last?.type === 'result' && last.analysis.total.visitedShare).toBe(0.3);
	});

	it('posts an error it can name instead of throwing', async () => {
		await withWorker();
		const replies: GapReply[] = [];
		scope.postMessage = (reply) => replies.push(reply);
		scope.onmessage?.({ data: { input: INPUT, options: { ...OPTIONS, radiusM: 0 } } });
		expect(replies.at(-1)).toEqual({
			type: 'error',
			message: expect.stringMatching(/radiusM/)
		});
	});
});

describe('runGapAnalysis with a Worker', () => {
	it('starts a module worker, passes its progress on, resolves and ends it', async () => {
		const { runGapAnalysis } = await withWorker();
		const shares: number[] = [];
		const analysis = await runGapAnalysis(INPUT, OPTIONS, (share) => shares.push(share));
		expect(analysis.themes[0]).toMatchObject({ theme: 'taal', raised: 4, unmet: 4 });
		expect(shares.at(-1)).toBe(1);
		const [worker] = InlineWorker.started;
		expect(worker.options).toEqual({ type: 'module' });
		expect(worker.url.pathname.endsWith('gaps.worker.ts')).toBe(true);
		expect(worker.terminated).toBe(true);
	});

	it("rejects with the worker's error", async () => {
		const { runGapAnalysis } = await withWorker();
		await expect(runGapAnalysis(INPUT, { ...OPTIONS, resolution: 99 })).rejects.toThrow(
			/resolution/
		);
		expect(InlineWorker.started[0].terminated).toBe(true);
	});

	it('ends the worker when aborted, and rejects with an AbortError', async () => {
		const { runGapAnalysis } = await withWorker();
		const controller = new AbortController();
		const running = runGapAnalysis(INPUT, OPTIONS, undefined, controller.signal);
		controller.abort();
		await expect(running).rejects.toMatchObject({ name: 'AbortError' });
		expect(InlineWorker.started[0].terminated).toBe(true);
	});
});
