import { describe, expect, it } from 'vitest';
import { APP_START_URL, appStartPath, isSkipWaiting, SKIP_WAITING } from './pwa';

const at = (path: string) => new URL(path, 'https://krachtkaart.example');

describe('appStartPath', () => {
	it('takes a worker who opens the app from its icon to Op pad', () => {
		expect(appStartPath(at(APP_START_URL), 'worker')).toBe('/oppad');
	});

	it('takes everyone else to the map, without the marker', () => {
		for (const role of ['coordinator', 'viewer', 'admin'] as const) {
			expect(appStartPath(at(APP_START_URL), role)).toBe('/');
		}
	});

	it('waits while who she is is not known', () => {
		expect(appStartPath(at(APP_START_URL), null)).toBeNull();
		expect(appStartPath(at(APP_START_URL), undefined)).toBeNull();
	});

	it('leaves every other page alone', () => {
		expect(appStartPath(at('/'), 'worker')).toBeNull();
		expect(appStartPath(at('/?bron=link'), 'worker')).toBeNull();
		expect(appStartPath(at('/rondes?bron=app'), 'worker')).toBeNull();
	});
});

describe('isSkipWaiting', () => {
	it('knows the page’s message and nothing else', () => {
		expect(isSkipWaiting(SKIP_WAITING)).toBe(true);
		expect(isSkipWaiting({ type: 'OTHER' })).toBe(false);
		expect(isSkipWaiting('SKIP_WAITING')).toBe(false);
		expect(isSkipWaiting(null)).toBe(false);
	});
});
