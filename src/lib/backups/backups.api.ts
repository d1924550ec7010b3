// The only call to the server about backups: the newest one (admins; pb_hooks/backups.pb.js).
import type PocketBase from 'pocketbase';
import type { LatestBackup } from './backups';

export interface BackupsApi {
	latest(): Promise<LatestBackup>;
}

export function backupsApi(client: PocketBase): BackupsApi {
	return {
		latest: () => client.send<LatestBackup>('/api/krachtkaart/backups/latest', {})
	};
}
