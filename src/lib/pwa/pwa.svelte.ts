// A new version of the app, deployed while it is open or since it was last opened: its service
// worker installs in the background and waits; she is told, and it takes over when she taps.
// Nothing on the phone is touched by it: the outbox is in IndexedDB and the kept reads in a cache
// of their own (src/service-worker.ts), neither of which an update removes.
import { SKIP_WAITING } from './pwa';

/** How often an open app asks whether a new version was deployed (and whenever it is shown again). */
const CHECK_EVERY_MS = 30 * 60 * 1000;

export class AppUpdate {
	/** A new version has installed and waits for her tap. */
	available = $state(false);
	#waiting: ServiceWorker | null = null;
	readonly #container: ServiceWorkerContainer | undefined;
	readonly #reload: () => void;

	constructor(
		container: ServiceWorkerContainer | undefined = typeof navigator === 'undefined'
			? undefined
			: navigator.serviceWorker,
		reload: () => void = () => location.reload()
	) {
		this.#container = container;
		this.#reload = reload;
	}

	/** Follows the app's service worker registration; returns the teardown, for an `$effect`. */
	watch(): () => void {
		const container = this.#container;
		if (!container) return () => {};
		let stopped = false;
		const teardown: (() => void)[] = [];
		// `ready`: once the app's worker is active (on the first visit, after it installed).
		void container.ready.then((registration) => {
			if (stopped) return;
			const check = () => {
				// Without a controller this is the first install, which takes over by itself.
				if (registration.waiting && container.controller) {
					this.#waiting = registration.waiting;
					this.available = true;
				}
			};
			const track = (installing: ServiceWorker | null) => {
				installing?.addEventListener('statechange', () => {
					if (installing.state === 'installed') check();
				});
			};
			const found = () => track(registration.installing);
			// The browser may have begun installing a new version before this page looked.
			track(registration.installing);
			const ask = () => void registration.update().catch(() => {});
			const shown = () => {
				if (document.visibilityState === 'visible') ask();
			};
			check();
			registration.addEventListener('updatefound', found);
			document.addEventListener('visibilitychange', shown);
			const timer = setInterval(ask, CHECK_EVERY_MS);
			teardown.push(() => {
				registration.removeEventListener('updatefound', found);
				document.removeEventListener('visibilitychange', shown);
				clearInterval(timer);
			});
		});
		return () => {
			stopped = true;
			for (const stop of teardown) stop();
		};
	}

	/** Lets the waiting version take over, then reloads into it. */
	apply(): void {
		const container = this.#container;
		if (!container || !this.#waiting) return;
		container.addEventListener('controllerchange', () => this.#reload(), { once: true });
		this.#waiting.postMessage(SKIP_WAITING);
	}

	/** Not now: asked again at the next opening of the app. */
	dismiss(): void {
		this.available = false;
	}
}
