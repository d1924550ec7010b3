import { describe, expect, it } from 'vitest';
import type { LatestBackup } from './backups';
import { LatestBackupState } from './backups.svelte';

const ONE: LatestBackup = {
	latest: {
		name: '@auto_pb_backup_krachtkaart_20261207030000.zip',
		at: '2026-12-07T03:00:01.000Z',
		size: 12_345
	},
	cron: '0 3 * * *',
	keep: 14,
	s3: false
};

describe('LatestBackupState', () => {
	it('holds the newest backup once loaded', async () => {
		const state = new LatestBackupState({ latest: async () => ONE });
		expect(state.status).toBe('loading');
		await state.load();
		expect(state.status).toBe('ready');
		expect(state.backup).toEqual(ONE);
	});

	it('says so when the server does not answer', async () => {
		const state = new LatestBackupState({
			latest: () => Promise.reject(new Error('offline'))
		});
		await state.load();
		expect(state.status).toBe('error');
		expect(state.backup).toBeNull();
	});
});
