// Guards the to-do list on the real server, through the app's own queries (followUpsApi): the
// assignee lists and ticks off hers, a colleague of the same area sees it but cannot change it,
// another area and viewers see nothing, a coordinator reassigns, the server alone says who ticked
// one off when, and the coordinator's list of talks logged far from their door.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { followUpsApi } from '$lib/followups/followups.api';
import { toPbDate } from '$lib/followups/followups';
import { newRecordId } from '$lib/sync/outbox';
import {
	createAreaTree,
	signedInUser,
	superuserClient,
	type AreaTree,
	type SignedInUser
} from '../support/fixtures';

const DAY_MS = 24 * 60 * 60 * 1000;

let su: PocketBase;
let home: AreaTree;
let elsewhere: AreaTree;
let worker: SignedInUser;
let colleague: SignedInUser;
let buurtWorker: SignedInUser;
let coordinator: SignedInUser;
let viewer: SignedInUser;
let outsider: SignedInUser;
let outsideCoordinator: SignedInUser;
let door: { id: string; lon: number; lat: number };
let farDoor: { id: string; lon: number; lat: number };

beforeAll(async () => {
	su = await superuserClient();
	home = await createAreaTree(su);
	elsewhere = await createAreaTree(su);
	worker = await signedInUser(su, 'worker', [home.wijk.id]);
	colleague = await signedInUser(su, 'worker', [home.wijk.id]);
	buurtWorker = await signedInUser(su, 'worker', [home.buurt.id]);
	coordinator = await signedInUser(su, 'coordinator', [home.wijk.id]);
	viewer = await signedInUser(su, 'viewer', [home.wijk.id]);
	outsider = await signedInUser(su, 'worker', [elsewhere.wijk.id]);
	outsideCoordinator = await signedInUser(su, 'coordinator', [elsewhere.wijk.id]);
	const address = (area: string, lon: number, lat: number) =>
		su.collection('addresses').create({
			street: 'Vervolgstraat',
			number: '7',
			postcode: '3500AA',
			city: 'Utrecht',
			location: { lon, lat },
			area
		});
	door = { id: (await address(home.buurt.id, 5.002, 52.005)).id, lon: 5.002, lat: 52.005 };
	farDoor = { id: (await address(elsewhere.buurt.id, 5.003, 52.006)).id, lon: 5.003, lat: 52.006 };
});

/** Logs a conversation at the door through `by`'s own client, as the phone does. */
async function logTalk(by: SignedInUser, fields: Record<string, unknown> = {}) {
	const body = {
		id: newRecordId(),
		area: home.buurt.id,
		address: door.id,
		worker: by.id,
		heldAt: toPbDate(new Date()),
		outcome: 'talked',
		location: { lon: door.lon, lat: door.lat },
		locationSource: 'address',
		notes: 'Alleen voor de schrijver en de coördinator.',
		...fields
	};
	await by.pb.collection('conversations').create(body);
	return body;
}

/** A follow-up made the way the app makes them: from a conversation the worker logged. */
async function followUpFrom(by: SignedInUser, followUp: Record<string, unknown>) {
	const talk = await logTalk(by, { followUp });
	const [record] = await su.collection('follow_ups').getFullList({
		filter: su.filter('conversation = {:id}', { id: talk.id })
	});
	expect(record).toBeDefined();
	return record;
}

async function status(promise: Promise<unknown>): Promise<number> {
	return promise.then(
		() => 200,
		(e: { status: number }) => e.status
	);
}

const ids = (records: { id: string }[]) => records.map((r) => r.id);
const recent = (value: string) =>
	Math.abs(Date.parse(value.replace(' ', 'T')) - Date.now()) < 60_000;

describe('the assignee', () => {
	it('lists hers with its door and maker, and ticks it off and back on', async () => {
		const task = await followUpFrom(worker, {
			what: 'Bellen over het taalcafé',
			due: '2026-12-01'
		});
		const api = followUpsApi(worker.pb);

		const open = await api.listOpen({ assignee: worker.id });
		const listed = open.find((f) => f.id === task.id);
		expect(listed).toMatchObject({
			what: 'Bellen over het taalcafé',
			assignee: worker.id,
			createdBy: worker.id,
			done: false
		});
		expect(listed!.due).toContain('2026-12-01');
		expect(listed!.expand?.conversation?.expand?.address).toEqual({
			street: 'Vervolgstraat',
			number: '7'
		});
		expect(listed!.expand?.createdBy).toEqual({ id: worker.id, name: 'Test worker' });
		// The expanded conversation brings only what the list shows: never its notes.
		expect(Object.keys(listed!.expand!.conversation!).sort()).toEqual(['expand', 'heldAt', 'id']);

		const ticked = await api.setDone(task.id, true);
		expect(ticked.done).toBe(true);
		expect(ticked.doneBy).toBe(worker.id);
		expect(recent(ticked.doneAt)).toBe(true);
		expect(ticked.expand?.conversation?.expand?.address?.street).toBe('Vervolgstraat');
		expect(ids(await api.listOpen({ assignee: worker.id }))).not.toContain(task.id);
		const since = new Date(Date.now() - 30 * DAY_MS);
		expect(ids(await api.listDone(worker.id, since))).toContain(task.id);

		const undone = await api.setDone(task.id, false);
		expect(undone).toMatchObject({ done: false, doneAt: '', doneBy: '' });
		expect(ids(await api.listOpen({ assignee: worker.id }))).toContain(task.id);
		expect(ids(await api.listDone(worker.id, since))).not.toContain(task.id);
	});

	it('keeps "Gedaan" to what she ticked off since the day asked for', async () => {
		const task = await followUpFrom(worker, { what: 'Folder brengen' });
		const api = followUpsApi(worker.pb);
		await api.setDone(task.id, true);
		expect(ids(await api.listDone(worker.id, new Date(Date.now() - DAY_MS)))).toContain(task.id);
		expect(ids(await api.listDone(worker.id, new Date(Date.now() + DAY_MS)))).not.toContain(
			task.id
		);
	});
});

describe('everyone else', () => {
	it('lets a colleague of the same area see it, but not tick it off or take it', async () => {
		const task = await followUpFrom(worker, { what: 'Terugbellen' });
		const api = followUpsApi(colleague.pb);
		expect(ids(await api.listOpen())).toContain(task.id);
		expect(ids(await api.listOpen({ assignee: colleague.id }))).not.toContain(task.id);
		expect(await status(api.setDone(task.id, true))).toBe(404);
		expect(await status(api.reassign(task.id, colleague.id))).toBe(404);
		expect(await su.collection('follow_ups').getOne(task.id)).toMatchObject({
			done: false,
			assignee: worker.id
		});
	});

	it('shows a worker of another area nothing of it', async () => {
		const task = await followUpFrom(worker, { what: 'Langsgaan' });
		const api = followUpsApi(outsider.pb);
		expect(ids(await api.listOpen())).not.toContain(task.id);
		expect(await status(outsider.pb.collection('follow_ups').getOne(task.id))).toBe(404);
		expect(await status(api.setDone(task.id, true))).toBe(404);
	});

	it('shows a viewer no follow-ups at all, not even of her own area', async () => {
		const task = await followUpFrom(worker, { what: 'Uitnodigen voor de buurtlunch' });
		const api = followUpsApi(viewer.pb);
		// She may not even ask about their fields (pb_hooks/lib/field-access.js).
		expect(await status(api.listOpen())).toBe(400);
		expect(await status(api.listDone(viewer.id, new Date(0)))).toBe(400);
		expect(await viewer.pb.collection('follow_ups').getFullList()).toEqual([]);
		expect(await status(viewer.pb.collection('follow_ups').getOne(task.id))).toBe(404);
		// The app's update asks to expand the conversation, which she does not get: refused first.
		expect(await status(api.setDone(task.id, true))).toBe(400);
		expect(await status(viewer.pb.collection('follow_ups').update(task.id, { done: true }))).toBe(
			404
		);
	});
});

describe('a coordinator', () => {
	it('sees her team’s open ones and gives one to a colleague, who then has it', async () => {
		const task = await followUpFrom(worker, { what: 'Sleutelfiguur voorstellen' });
		const api = followUpsApi(coordinator.pb);
		expect(ids(await api.listOpen())).toContain(task.id);

		const given = await api.reassign(task.id, colleague.id);
		expect(given.assignee).toBe(colleague.id);
		expect(given.expand?.assignee).toEqual({ id: colleague.id, name: 'Test worker' });
		expect(ids(await followUpsApi(colleague.pb).listOpen({ assignee: colleague.id }))).toContain(
			task.id
		);
		expect(ids(await followUpsApi(worker.pb).listOpen({ assignee: worker.id }))).not.toContain(
			task.id
		);
		// The new assignee may now tick it off; the old one no longer can.
		expect(await status(followUpsApi(worker.pb).setDone(task.id, true))).toBe(404);
		expect((await followUpsApi(colleague.pb).setDone(task.id, true)).doneBy).toBe(colleague.id);
	});

	it('cannot touch the follow-ups of another area', async () => {
		const task = await followUpFrom(worker, { what: 'Buurthuis bellen' });
		const api = followUpsApi(outsideCoordinator.pb);
		expect(ids(await api.listOpen())).not.toContain(task.id);
		expect(await status(api.reassign(task.id, outsideCoordinator.id))).toBe(404);
	});

	it('chooses from the workers and coordinators of her areas, those of a buurt in it too', async () => {
		const colleagues = await followUpsApi(coordinator.pb).listColleagues([home.wijk.id]);
		const found = ids(colleagues);
		for (const user of [worker, colleague, buurtWorker, coordinator])
			expect(found).toContain(user.id);
		for (const user of [viewer, outsider, outsideCoordinator]) expect(found).not.toContain(user.id);
		expect(colleagues.every((c) => c.role === 'worker' || c.role === 'coordinator')).toBe(true);
		expect(Object.keys(colleagues[0]).sort()).toEqual(['id', 'name', 'role']);
		expect(await followUpsApi(coordinator.pb).listColleagues([])).toEqual([]);
	});
});

describe('who ticked it off when is the server’s to say', () => {
	it('ignores doneAt, doneBy and createdBy sent by a client on update', async () => {
		const task = await followUpFrom(worker, { what: 'Nabellen' });
		const records = worker.pb.collection('follow_ups');
		const forged = await records.update(task.id, {
			done: true,
			doneAt: '2001-01-01 00:00:00.000Z',
			doneBy: colleague.id,
			createdBy: colleague.id
		});
		expect(forged.doneBy).toBe(worker.id);
		expect(recent(forged.doneAt)).toBe(true);
		expect(forged.createdBy).toBe(worker.id);
		// Without a change to `done`, the stamps stay as they were.
		const again = await records.update(task.id, {
			doneAt: '2001-01-01 00:00:00.000Z',
			doneBy: colleague.id
		});
		expect(again.doneAt).toBe(forged.doneAt);
		expect(again.doneBy).toBe(worker.id);
	});

	it('ignores them on create too', async () => {
		const made = await worker.pb.collection('follow_ups').create({
			area: home.buurt.id,
			what: 'Zelf aangemaakt',
			assignee: worker.id,
			done: true,
			doneAt: '2001-01-01 00:00:00.000Z',
			doneBy: colleague.id,
			createdBy: colleague.id
		});
		expect(made.createdBy).toBe(worker.id);
		expect(made.doneBy).toBe(worker.id);
		expect(recent(made.doneAt)).toBe(true);
	});
});

describe('talks logged far from their door', () => {
	it('lists those of the last 30 days in her areas, newest first, with door, worker and metres', async () => {
		const hours = (n: number) => toPbDate(new Date(Date.now() - n * 60 * 60 * 1000));
		const farAway = { lon: door.lon + 0.01, lat: door.lat };
		const older = await logTalk(worker, {
			heldAt: hours(48),
			location: farAway,
			locationSource: 'gps'
		});
		const newer = await logTalk(colleague, {
			heldAt: hours(1),
			location: farAway,
			locationSource: 'map'
		});
		const near = await logTalk(worker, {
			location: { lon: door.lon + 0.0005, lat: door.lat },
			locationSource: 'gps'
		});
		const longAgo = await logTalk(worker, {
			heldAt: toPbDate(new Date(Date.now() - 40 * DAY_MS)),
			location: farAway,
			locationSource: 'gps'
		});
		const elsewhereTalk = {
			id: newRecordId(),
			area: elsewhere.buurt.id,
			address: farDoor.id,
			worker: outsider.id,
			heldAt: hours(2),
			outcome: 'not_home',
			location: { lon: farDoor.lon + 0.01, lat: farDoor.lat },
			locationSource: 'gps'
		};
		await outsider.pb.collection('conversations').create(elsewhereTalk);

		const since = new Date(Date.now() - 30 * DAY_MS);
		const far = await followUpsApi(coordinator.pb).listFarFromAddress([home.wijk.id], since);
		expect(ids(far)).toEqual([newer.id, older.id]);
		expect(ids(far)).not.toContain(near.id);
		expect(ids(far)).not.toContain(longAgo.id);
		expect(ids(far)).not.toContain(elsewhereTalk.id);
		expect(far[0]).toMatchObject({
			worker: colleague.id,
			locationSource: 'map',
			expand: {
				address: { street: 'Vervolgstraat', number: '7' },
				worker: { id: colleague.id, name: 'Test worker' }
			}
		});
		expect(far[0].distanceFromAddress).toBeGreaterThan(600);
		expect(far[0]).not.toHaveProperty('notes');
		// Conversations are never for viewers: she may not even ask about their fields.
		expect(await status(followUpsApi(viewer.pb).listFarFromAddress([home.wijk.id], since))).toBe(
			400
		);
	});
});
