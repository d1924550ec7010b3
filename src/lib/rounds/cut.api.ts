// What cutting a round into walk lists needs from the server: the doors of its areas (the walk
// snapshot "Op pad" loads too), the team to assign lists to, and the lists' batch save.
import type PocketBase from 'pocketbase';
import { loadWalk } from '$lib/conversations/conversations.api';
import { teamApi } from '$lib/team/team.api';
import type { CutApi } from './cut.svelte';
import { roundsApi } from './rounds.api';

export function cutApi(client: PocketBase): CutApi {
	return {
		addressesOf: async (areaIds) => (await loadWalk(areaIds, 'walk:round-lists')).addresses,
		// Lists are walked by workers and coordinators with an account in use; viewers walk none.
		assignees: async () =>
			(await teamApi(client).list()).members
				.filter((member) => member.status === 'active' && member.role !== 'viewer')
				.map(({ id, name }) => ({ id, name }))
				.sort((a, b) => a.name.localeCompare(b.name, 'nl')),
		saveLists: (roundId, drafts) => roundsApi(client).saveLists(roundId, drafts)
	};
}
