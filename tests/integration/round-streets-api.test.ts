// Guards a round's streets through roundsApi on the real server: saved with the round, read back
// by a worker, changed on update, left as they are by a draft without streets, and a refused
// street label comes back as the form's `streets` error.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { draftOfRound, type RoundDraft } from '$lib/rounds/rounds';
import { RoundRefused, roundsApi } from '$lib/rounds/rounds.api';
import { LIMITS } from '$lib/vocabulary/vocabulary';
import {
	createAreaTree,
	firstPurpose,
	roundDraft,
	signedInUser,
	superuserClient,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

let su: PocketBase;
let home: AreaTree;
let purpose: string;
let coordinator: SignedInUser;
let worker: SignedInUser;

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
	purpose = await firstPurpose(su);
});

const draft = (fields: Partial<RoundDraft> = {}): RoundDraft =>
	roundDraft('Stratenronde', purpose, [home.buurt.id], { streets: [], ...fields });

describe('a round’s streets', () => {
	it('are saved, read back, changed, and kept by a draft without them', async () => {
		const api = roundsApi(coordinator.pb);
		const round = await api.saveRound(draft({ streets: ['Wolgadreef', 'Kerkstraat, Zeist'] }));
		expect(round.streets).toEqual(['Wolgadreef', 'Kerkstraat, Zeist']);

		const seen = (await roundsApi(worker.pb).listRounds([home.wijk.id])).find(
			(r) => r.id === round.id
		);
		expect(seen?.streets).toEqual(['Wolgadreef', 'Kerkstraat, Zeist']);
		expect(draftOfRound(seen!).streets).toEqual(['Wolgadreef', 'Kerkstraat, Zeist']);

		const changed = await api.saveRound({ ...draftOfRound(round), streets: ['Wolgadreef'] }, round);
		expect(changed.streets).toEqual(['Wolgadreef']);
		const { streets, ...withoutStreets } = draftOfRound(changed);
		expect(streets).toEqual(['Wolgadreef']);
		const kept = await api.saveRound({ ...withoutStreets, name: `${changed.name} 2` }, changed);
		expect(kept.streets).toEqual(['Wolgadreef']);
		const all = await api.saveRound({ ...draftOfRound(kept), streets: [] }, kept);
		expect(all.streets ?? []).toEqual([]);
		await api.deleteRound(round.id);
	});

	it('refuses a street label the server cannot keep, as the form’s streets error', async () => {
		const long = 'x'.repeat(LIMITS.round.name * 2 + 1);
		const refused = await roundsApi(coordinator.pb)
			.saveRound(draft({ streets: [long] }))
			.then(
				() => null,
				(error: unknown) => error
			);
		expect(refused).toBeInstanceOf(RoundRefused);
		expect((refused as RoundRefused).errors).toEqual({ streets: 'invalid' });
	});
});
