// The only call to the server about its health (admins; pb_hooks/health.pb.js).
import type PocketBase from 'pocketbase';
import type { ServerHealth } from './health';

export interface HealthApi {
	health(): Promise<ServerHealth>;
}

export function healthApi(client: PocketBase): HealthApi {
	return {
		health: () => client.send<ServerHealth>('/api/krachtkaart/health', {})
	};
}
