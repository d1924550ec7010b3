import { describe, expect, it } from 'vitest';
import type { ServerHealth } from './health';
import { ServerHealthState } from './health.svelte';

const HEALTH: ServerHealth = {
	at: '2026-12-07T10:00:00.000Z',
	disk: { free: 50e9, total: 100e9 },
	database: { data: 2_000_000, auxiliary: 300_000 },
	backup: null,
	failedSends: 0,
	retention: null
};

describe('ServerHealthState', () => {
	it('holds the health once loaded', async () => {
		const state = new ServerHealthState({ health: async () => HEALTH });
		expect(state.status).toBe('loading');
		await state.load();
		expect(state.status).toBe('ready');
		expect(state.health).toEqual(HEALTH);
	});

	it('says so when the server does not answer', async () => {
		const state = new ServerHealthState({ health: () => Promise.reject(new Error('403')) });
		await state.load();
		expect(state.status).toBe('error');
		expect(state.health).toBeNull();
	});
});
