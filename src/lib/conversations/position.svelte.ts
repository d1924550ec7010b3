// The worker's position as runes state: follows the phone's GPS while the walk page asks for it,
// and says plainly when it cannot (permission refused, no signal, no GPS at all).
import type { GeoPoint } from '$lib/pocketbase/types';
import { distanceMeters, positionProblem, toFix, type Fix, type PositionProblem } from './position';

/** `place` follows her only once she moved this far: the list must not reshuffle under her thumb. */
export const PLACE_STEP_M = 30;

export type PositionStatus = 'off' | 'searching' | 'on' | PositionProblem | 'unsupported';

/** The part of `navigator.geolocation` used here; tests pass a fake. */
export type GeolocationLike = Pick<Geolocation, 'watchPosition' | 'clearWatch'>;

export class PositionState {
	status = $state<PositionStatus>('off');
	/** The latest fix, kept while a later reading fails (it ages out by its own timestamp). */
	fix = $state.raw<Fix | null>(null);
	/** Where she is for ordering the streets: the fix's point, moved on only every `PLACE_STEP_M`. */
	place = $state.raw<GeoPoint | null>(null);

	#geolocation: GeolocationLike | undefined;

	constructor(geolocation: GeolocationLike | undefined = globalThis.navigator?.geolocation) {
		this.#geolocation = geolocation;
	}

	/**
	 * Follows the position until the returned teardown is called (return it from an `$effect`).
	 *
	 * @example $effect(() => (useGps ? position.watch() : undefined));
	 */
	watch(): () => void {
		const geolocation = this.#geolocation;
		if (!geolocation) {
			this.status = 'unsupported';
			return () => (this.status = 'off');
		}
		this.status = 'searching';
		const id = geolocation.watchPosition(
			(position) => {
				const fix = toFix(position);
				this.fix = fix;
				if (!this.place || distanceMeters(this.place, fix.point) > PLACE_STEP_M) {
					this.place = fix.point;
				}
				this.status = 'on';
			},
			(error) => {
				// After a timeout or a lost signal the watch goes on and may find her again.
				this.status = positionProblem(error.code);
			},
			// A cached reading up to 30 s old is fine while walking; give up a try after 30 s.
			{ enableHighAccuracy: true, maximumAge: 30_000, timeout: 30_000 }
		);
		return () => {
			geolocation.clearWatch(id);
			this.status = 'off';
			this.fix = null;
			this.place = null;
		};
	}
}
