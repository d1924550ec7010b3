// The server's health as the admin's status page shows it; tests inject a fake HealthApi.
import type { HealthApi } from './health.api';
import type { ServerHealth } from './health';

export class ServerHealthState {
	status = $state<'loading' | 'ready' | 'error'>('loading');
	health = $state.raw<ServerHealth | null>(null);

	constructor(private readonly api: HealthApi) {}

	async load(): Promise<void> {
		this.status = 'loading';
		try {
			this.health = await this.api.health();
			this.status = 'ready';
		} catch {
			this.status = 'error';
		}
	}
}
