// The replay's state: the map of her areas (loaded once), the period's frames, the frame shown
// and whether it plays. Playing steps a frame on a timer and stops at the last; under
// prefers-reduced-motion it steps more slowly and the map is never animated (the page says so).
import type { MapSnapshot } from '$lib/assets/assets.api';
import { frameDays, grownBy, replayFrames, replayGeoJson } from './replay';

export type ReplayStatus = 'loading' | 'ready' | 'error';

/** Frames in a replay: enough to see growth, few enough to export. */
export const REPLAY_FRAMES = 24;

export class ReplayState {
	status = $state<ReplayStatus>('loading');
	snapshot = $state.raw<MapSnapshot>({ assets: [], links: [] });
	from = $state('');
	to = $state('');
	index = $state(0);
	playing = $state(false);

	readonly days: string[] = $derived(frameDays(this.from, this.to, REPLAY_FRAMES));
	readonly day: string = $derived(this.days[Math.min(this.index, this.days.length - 1)] ?? '');
	readonly grown = $derived(grownBy(this.snapshot.assets, this.snapshot.links, this.day));
	readonly data = $derived(replayGeoJson(this.grown));
	readonly frames = $derived(replayFrames(this.snapshot.assets, this.snapshot.links, this.days));

	#timer: ReturnType<typeof setInterval> | null = null;

	constructor(from: string, to: string) {
		this.from = from;
		this.to = to;
	}

	async load(get: () => Promise<MapSnapshot>): Promise<void> {
		this.status = 'loading';
		try {
			this.snapshot = await get();
			this.index = 0;
			this.status = 'ready';
		} catch {
			this.status = 'error';
		}
	}

	step(by: number): void {
		this.index = Math.max(0, Math.min(this.days.length - 1, this.index + by));
	}

	/** Plays from the current frame (from the first when at the last), one frame per `everyMs`. */
	play(everyMs: number): void {
		if (this.index >= this.days.length - 1) this.index = 0;
		this.pause();
		this.playing = true;
		this.#timer = setInterval(() => {
			if (this.index >= this.days.length - 1) this.pause();
			else this.index += 1;
		}, everyMs);
	}

	pause(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		this.playing = false;
	}
}
