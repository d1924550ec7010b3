// The newest backup as the admin's export page shows it; tests inject a fake BackupsApi.
import type { BackupsApi } from './backups.api';
import type { LatestBackup } from './backups';

export class LatestBackupState {
	status = $state<'loading' | 'ready' | 'error'>('loading');
	backup = $state.raw<LatestBackup | null>(null);

	constructor(private readonly api: BackupsApi) {}

	async load(): Promise<void> {
		this.status = 'loading';
		try {
			this.backup = await this.api.latest();
			this.status = 'ready';
		} catch {
			this.status = 'error';
		}
	}
}
