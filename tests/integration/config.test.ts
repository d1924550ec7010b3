// Guards the public runtime configuration: it answers without a login, holds no data and only
// ever names a known basemap mode.
import { describe, expect, it } from 'vitest';
import { pocketbaseUrl } from '../support/fixtures';

describe('GET /api/krachtkaart/config', () => {
	it('answers anonymous requests with the basemap mode', async () => {
		const response = await fetch(`${pocketbaseUrl()}/api/krachtkaart/config`);
		expect(response.status).toBe(200);
		const config = await response.json();
		expect(Object.keys(config).sort()).toEqual(['basemap', 'onlineStyleUrl']);
		expect(['auto', 'online', 'offline']).toContain(config.basemap);
	});

	it('keeps anonymous users away from every collection', async () => {
		for (const name of ['areas', 'addresses', 'assets', 'people', 'conversations', 'links']) {
			const response = await fetch(`${pocketbaseUrl()}/api/collections/${name}/records`);
			const body = await response.json();
			expect(body.items ?? [], name).toHaveLength(0);
		}
	});
});
