// Arranges the listening rounds of the e2e files on the e2e app's server, as the superuser (see
// tests/support/app-data.ts): doors in streets of a test's own in the Overvecht fixture buurt,
// rounds with their questions and walk lists, the talks logged at those doors, and the clean-up
// of it all; and reads what the rounds pages and the walk show.
import type PocketBase from 'pocketbase';
import type { RecordModel } from 'pocketbase';
import type { Locator, Page } from 'playwright-core';
import { inject } from 'vitest';
import { localDay } from '$lib/rounds/rounds';
import { removeTalk } from './app-data';
import { firstPurpose } from './fixtures';

/** A day `offset` days from today at noon UTC, as the server stores a round's or list's day. */
export const day = (offset: number): string =>
	`${new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)} 12:00:00.000Z`;

/**
 * A new door in the Overvecht fixture buurt, at the fixture address unless `fields` place it
 * (or give it another area); its id.
 */
export async function createDoor(
	su: PocketBase,
	street: string,
	number: string,
	fields: Record<string, unknown> = {}
): Promise<string> {
	const { address } = inject('overvecht');
	const door = await su.collection('addresses').create({
		street,
		number,
		location: { lon: address.lon, lat: address.lat },
		area: address.buurtId,
		...fields
	});
	return door.id;
}

/** Doors of one street at the Overvecht fixture address, with these numbers; their ids in order. */
export async function createDoors(
	su: PocketBase,
	street: string,
	numbers: string[]
): Promise<string[]> {
	const ids: string[] = [];
	for (const number of numbers) ids.push(await createDoor(su, street, number));
	return ids;
}

/**
 * Doors no. 1 and 3 of each street as demo doors with a postcode, in one row eastwards from the
 * fixture address on `lat`: the n-th door (from 1, street by street) lies n × 0.00002° east of it.
 * Their ids per street.
 */
export async function createStreetsInARow(
	su: PocketBase,
	streets: string[],
	lat: number
): Promise<Record<string, string[]>> {
	const { address } = inject('overvecht');
	const doors: Record<string, string[]> = {};
	let offset = 0;
	for (const street of streets) {
		doors[street] = [];
		for (const number of ['1', '3']) {
			offset += 1;
			const location = { lon: address.lon + offset * 0.00002, lat };
			const fields = { postcode: '3564 AB', city: 'Utrecht', location, isDemo: true };
			doors[street].push(await createDoor(su, street, number, fields));
		}
	}
	return doors;
}

/**
 * A round of the Overvecht fixture buurt for the register's first purpose (a migration seeds it),
 * made by the superuser; `fields` give its name, its period (see `day`) and what else it needs.
 * Like the round form, it sends every street of its areas, no themes and no target unless given.
 */
export async function createRound(
	su: PocketBase,
	fields: { name: string; startsOn: string; endsOn: string } & Record<string, unknown>
): Promise<RecordModel> {
	const { address } = inject('overvecht');
	return su.collection('rounds').create({
		purpose: await firstPurpose(su),
		areas: [address.buurtId],
		streets: [],
		themes: [],
		target: {},
		...fields
	});
}

/** A question of a round, not personal unless `fields` say so. */
export function createQuestion(
	su: PocketBase,
	round: string,
	fields: { position: number; kind: string; textNl: string; textEn: string } & Record<
		string,
		unknown
	>
): Promise<RecordModel> {
	return su.collection('round_questions').create({ round, personal: false, ...fields });
}

/** A walk list of a round: its name, doors and whatever else `fields` give (assignees, last day). */
export function createWalkList(
	su: PocketBase,
	round: string,
	fields: { name: string; addresses: string[] } & Record<string, unknown>
): Promise<RecordModel> {
	return su.collection('walk_lists').create({ round, ...fields });
}

/** A user of the e2e app by her e-mail (the fixture's coordinator, worker, colleague). */
export function userByEmail(su: PocketBase, email: string): Promise<RecordModel> {
	return su.collection('users').getFirstListItem(su.filter('email = {:email}', { email }));
}

/** The ids of the rounds with these names (made through the app's form, so unknown to a test). */
export async function roundsNamed(su: PocketBase, ...names: string[]): Promise<string[]> {
	const filter = names.map((name) => su.filter('name = {:name}', { name })).join(' || ');
	const rounds = await su.collection('rounds').getFullList({ filter });
	return rounds.map((round) => round.id);
}

/** A filter on the talks at any of these doors (none: no talk, rather than every talk). */
const atDoors = (su: PocketBase, doors: string[]) =>
	doors.length === 0
		? 'id = ""'
		: doors.map((id) => su.filter('address = {:id}', { id })).join(' || ');

/** The talks at these doors as the server holds them: door, outcome, list and answers, by door. */
export async function talksAt(su: PocketBase, doors: string[]) {
	const talks = await su.collection('conversations').getFullList({ filter: atDoors(su, doors) });
	return talks
		.map((t) => ({
			address: t.address,
			outcome: t.outcome,
			walkList: t.walkList,
			answers: t.answers
		}))
		.sort((a, b) => a.address.localeCompare(b.address));
}

/**
 * Removes what a rounds test made, whatever is left of it: the talks at its doors with what grew
 * from them, its rounds (their questions and lists go with them) and its doors. An id not made
 * yet ('') is passed over.
 */
export async function removeRoundData(
	su: PocketBase,
	{ doors = [], rounds = [] }: { doors?: string[]; rounds?: string[] }
): Promise<void> {
	const talks = await su
		.collection('conversations')
		.getFullList({ filter: atDoors(su, doors) })
		.catch(() => []);
	for (const talk of talks) await removeTalk(su, talk.id, talk.person);
	for (const [collection, ids] of [
		['rounds', rounds],
		['addresses', doors]
	] as const) {
		for (const id of ids.filter(Boolean))
			await su
				.collection(collection)
				.delete(id)
				.catch(() => {});
	}
}

/** How many changes wait on the phone to be sent: the outbox badge's count (no badge: none). */
export async function waiting(page: Page): Promise<number> {
	const badge = page.getByTestId('outbox-count');
	return (await badge.count()) === 0 ? 0 : Number(await badge.getAttribute('data-count'));
}

const inDays = (offset: number) => new Date(Date.now() + offset * 86_400_000);

/**
 * Fills in what every round needs in the round form but its buurten: a name, a period (from
 * yesterday for 30 days, unless given as two days `yyyy-mm-dd`) and the first purpose offered.
 */
export async function fillRound(
	form: Locator,
	name: string,
	[startsOn, endsOn] = [localDay(inDays(-1)), localDay(inDays(30))]
): Promise<void> {
	await form.getByTestId('round-name').fill(name);
	await form.getByTestId('round-starts').fill(startsOn);
	await form.getByTestId('round-ends').fill(endsOn);
	const purpose = await form
		.getByTestId('round-purpose')
		.locator('option')
		.nth(1)
		.getAttribute('value');
	await form.getByTestId('round-purpose').selectOption(purpose ?? '');
}

/** The rows of a CSV file the app exported: its byte order mark dropped, `;` between fields. */
export const csvRows = (bytes: Buffer): string[][] =>
	bytes
		.toString('utf8')
		.slice(1)
		.split('\r\n')
		.slice(0, -1)
		.map((line) => line.split(';'));
