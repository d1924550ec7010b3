// Guards PositionState against a fake GPS: searching, a fix, a refusal, a lost signal that comes
// back, a phone without GPS, a place that ignores jitter, and a teardown that stops the watch.
import { describe, expect, it } from 'vitest';
import { PositionState, type GeolocationLike } from './position.svelte';

function fakeGps() {
	let success: PositionCallback | undefined;
	let failure: PositionErrorCallback | null | undefined;
	const cleared: number[] = [];
	const geolocation: GeolocationLike = {
		watchPosition(onSuccess, onError) {
			success = onSuccess;
			failure = onError;
			return 7;
		},
		clearWatch(id) {
			cleared.push(id);
		}
	};
	return {
		geolocation,
		cleared,
		move(lon: number, lat: number, accuracy: number, timestamp = 1000) {
			success?.({ coords: { longitude: lon, latitude: lat, accuracy }, timestamp } as never);
		},
		fail(code: number) {
			failure?.({ code } as never);
		}
	};
}

describe('PositionState', () => {
	it('searches, then follows each fix, until the teardown clears the watch', () => {
		const gps = fakeGps();
		const position = new PositionState(gps.geolocation);
		expect(position.status).toBe('off');
		const stop = position.watch();
		expect(position.status).toBe('searching');
		gps.move(5.1, 52.1, 15);
		expect(position.status).toBe('on');
		expect(position.fix).toEqual({ point: { lon: 5.1, lat: 52.1 }, accuracy: 15, at: 1000 });
		gps.move(5.2, 52.2, 9, 2000);
		expect(position.fix?.point).toEqual({ lon: 5.2, lat: 52.2 });
		stop();
		expect(gps.cleared).toEqual([7]);
		expect(position.status).toBe('off');
		expect(position.fix).toBeNull();
		expect(position.place).toBeNull();
	});

	it('moves the place the streets are ordered from only after 30 m', () => {
		const gps = fakeGps();
		const position = new PositionState(gps.geolocation);
		position.watch();
		gps.move(5, 52, 10);
		const first = position.place;
		expect(first).toEqual({ lon: 5, lat: 52 });
		// 0.0002° north is about 22 m: a jitter, not a walk.
		gps.move(5, 52.0002, 10);
		expect(position.place).toBe(first);
		expect(position.fix?.point).toEqual({ lon: 5, lat: 52.0002 });
		// 0.0003° further is about 33 m from the place.
		gps.move(5, 52.0003, 10);
		expect(position.place).toEqual({ lon: 5, lat: 52.0003 });
	});

	it('says when permission is refused', () => {
		const gps = fakeGps();
		const position = new PositionState(gps.geolocation);
		position.watch();
		gps.fail(1);
		expect(position.status).toBe('denied');
	});

	it('keeps the last fix through a lost signal and picks up again', () => {
		const gps = fakeGps();
		const position = new PositionState(gps.geolocation);
		position.watch();
		gps.move(5.1, 52.1, 15);
		gps.fail(3);
		expect(position.status).toBe('unavailable');
		expect(position.fix?.accuracy).toBe(15);
		gps.move(5.1, 52.1, 6);
		expect(position.status).toBe('on');
	});

	it('says so on a phone or browser without GPS', () => {
		const position = new PositionState(undefined);
		const stop = position.watch();
		expect(position.status).toBe('unsupported');
		stop();
		expect(position.status).toBe('off');
	});
});
